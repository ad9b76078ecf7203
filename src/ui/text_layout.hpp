// Line breaking for Japanese and English text. ImGui wraps Japanese at any character; here the
// places a line may end come from ICU's line-break iterator: phrase-based for Japanese (the
// locale ja@lw=phrase, which also applies the rules for characters that may not start or end a
// line) and the default rules, at spaces, for English.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace kiosk::ui {

// Width in pixels of one code point in the font being used.
using AdvanceFn = std::function<float(char32_t)>;

// Splits text into lines no wider than `width` (a single unbreakable run wider than the line is
// cut). Returned views point into `text`. Explicit newlines are kept as breaks.
std::vector<std::string_view> breakLines(std::string_view text, float width, const AdvanceFn& advance);

// The byte offsets, after the start, at which a line may begin (the end of the text excluded),
// for one paragraph without newlines: between phrases (preferred), and between any two
// characters the line-start and line-end rules allow (for phrases longer than a line). Results
// are cached, since screens wrap the same texts every frame.
struct BreakOpportunities {
    std::vector<std::size_t> phrases;
    std::vector<std::size_t> characters;
};
const BreakOpportunities& lineBreakOpportunities(std::string_view paragraph);

}  // namespace kiosk::ui
