#include "export/text_width.hpp"

#include "util/utf8.hpp"

namespace kiosk::exporting {

int charWidth(char32_t c) {
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
    if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F)) return 0;
    // East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth.txt, grouped).
    struct Range {
        char32_t first, last;
    };
    static constexpr Range kWide[] = {
        {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
        {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
        {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF},
        {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };
    for (const auto& r : kWide)
        if (c >= r.first && c <= r.last) return 2;
    return 1;
}

int displayWidth(std::string_view text) {
    int width = 0;
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = 0;
        i += utf8::decodeAt(text, i, c);
        width += charWidth(c);
    }
    return width;
}

std::vector<std::string> wrapToWidth(std::string_view text, int maxWidth) {
    std::vector<std::string> lines;
    const bool words = text.find(' ') != std::string_view::npos;
    std::string line;
    int width = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        // The next unit: a word with the spaces before it, or one character.
        std::size_t end = i;
        if (words) {
            while (end < text.size() && text[end] == ' ') ++end;
            while (end < text.size() && text[end] != ' ') ++end;
        } else {
            char32_t c = 0;
            end += utf8::decodeAt(text, i, c);
        }
        std::string_view unit = text.substr(i, end - i);
        const int unitWidth = displayWidth(unit);
        if (!line.empty() && width + unitWidth > maxWidth) {
            lines.push_back(line);
            line.clear();
            width = 0;
            while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
        }
        line += unit;
        width += displayWidth(unit);
        i = end;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

std::string validUtf8(std::string_view text) {
    if (!utf8::firstInvalid(text)) return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = 0;
        const std::size_t n = utf8::decodeAt(text, i, c);
        // decodeAt gives an invalid byte as itself with length 1; a valid one-byte sequence is ASCII.
        if (n == 1 && static_cast<unsigned char>(text[i]) >= 0x80) {
            out += "\xEF\xBF\xBD";
        } else {
            out.append(text.substr(i, n));
        }
        i += n;
    }
    return out;
}

}  // namespace kiosk::exporting
