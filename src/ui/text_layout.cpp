// Japanese-aware line breaking.
#include "ui/text_layout.hpp"

#include <algorithm>

#include "util/utf8.hpp"

namespace kiosk::ui {
namespace {

constexpr std::u32string_view kNoStart =
    U"、。，．,.・：；？！:;?!)]}）］｝〕〉》」』】〙〗〟’”｠»ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻‐゠–〜～…‥";
constexpr std::u32string_view kNoEnd = U"([{（［｛〔〈《「『【〘〖〝‘“｟«";

bool isWide(char32_t c) { return c >= 0x2E80; }

}  // namespace

bool isNoStart(char32_t c) { return kNoStart.find(c) != std::u32string_view::npos; }
bool isNoEnd(char32_t c) { return kNoEnd.find(c) != std::u32string_view::npos; }

std::vector<std::string_view> breakLines(std::string_view text, float width, const AdvanceFn& advance) {
    std::vector<std::string_view> lines;
    std::size_t lineStart = 0;
    std::size_t breakAt = std::string_view::npos;  // last place the line may end (byte offset)
    float lineWidth = 0;
    char32_t prev = 0;

    auto emit = [&](std::size_t end, std::size_t nextStart) {
        std::string_view line = text.substr(lineStart, end - lineStart);
        while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
        lines.push_back(line);
        lineStart = nextStart;
        while (lineStart < text.size() && text[lineStart] == ' ') ++lineStart;
    };

    std::size_t i = lineStart;
    while (i < text.size()) {
        char32_t c = 0;
        const std::size_t len = utf8::decodeAt(text, i, c);
        if (c == U'\n') {
            emit(i, i + 1);
            i = lineStart, breakAt = std::string_view::npos, lineWidth = 0, prev = 0;
            continue;
        }
        // May the line break before this character?
        if (i > lineStart && prev != 0) {
            const bool afterSpace = prev == U' ';
            const bool cjk = (isWide(prev) || isWide(c)) && c != U' ';
            if ((afterSpace || cjk) && !isNoStart(c) && !isNoEnd(prev)) {
                breakAt = i;
            }
        }
        const float w = advance(c);
        if (lineWidth + w > width && i > lineStart && c != U' ') {
            if (breakAt != std::string_view::npos && breakAt > lineStart) {
                emit(breakAt, breakAt);
                // Re-measure from the new line start to here.
                lineWidth = 0;
                for (std::size_t k = lineStart; k < i;) {
                    char32_t ck = 0;
                    k += utf8::decodeAt(text, k, ck);
                    lineWidth += advance(ck);
                }
            } else {
                emit(i, i);
                lineWidth = 0;
            }
            breakAt = std::string_view::npos;
        }
        lineWidth += w;
        prev = c;
        i += len;
    }
    if (lineStart < text.size() || lines.empty()) emit(text.size(), text.size());
    return lines;
}

}  // namespace kiosk::ui
