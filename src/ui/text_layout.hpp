// Line breaking for Japanese and English text. ImGui wraps Japanese at any character; this
// follows the basic Japanese rules instead (no line starts with 、。」 or small kana, none ends
// with 「（), and breaks English at spaces.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

namespace kiosk::ui {

// Width in pixels of one code point in the font being used.
using AdvanceFn = std::function<float(char32_t)>;

// Splits text into lines no wider than `width` (a single unbreakable run wider than the line is
// cut). Returned views point into `text`. Explicit newlines are kept as breaks.
std::vector<std::string_view> breakLines(std::string_view text, float width, const AdvanceFn& advance);

// Whether a line may not start, or may not end, with this code point.
bool isNoStart(char32_t c);
bool isNoEnd(char32_t c);

}  // namespace kiosk::ui
