// UTF-8 validation and decoding (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
#include "util/utf8.hpp"

namespace kiosk::utf8 {
namespace {

// Length of the valid sequence starting at text[i], or 0 when it is invalid.
std::size_t sequenceLength(std::string_view text, std::size_t i, char32_t* out) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b0 = byte(i);
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 < 0x80) {
        *out = b0;
        return 1;
    } else if ((b0 & 0xE0) == 0xC0) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > text.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const unsigned char b = byte(i + k);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    *out = cp;
    return len;
}

}  // namespace

std::size_t decodeAt(std::string_view text, std::size_t i, char32_t& out) {
    const std::size_t len = sequenceLength(text, i, &out);
    if (len > 0) return len;
    out = static_cast<unsigned char>(text[i]);
    return 1;
}

std::optional<SourcePos> firstInvalid(std::string_view text) {
    SourcePos pos{1, 1};
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const std::size_t len = sequenceLength(text, i, &cp);
        if (len == 0) return pos;
        if (cp == U'\n') {
            ++pos.line;
            pos.column = 1;
        } else {
            ++pos.column;
        }
        i += len;
    }
    return std::nullopt;
}

std::vector<char32_t> decode(std::string_view text) {
    std::vector<char32_t> out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const std::size_t len = sequenceLength(text, i, &cp);
        if (len == 0) {
            ++i;
            continue;
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

std::size_t encode(char32_t c, char* out) {
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
    if (c < 0x80) {
        out[0] = static_cast<char>(c);
        return 1;
    }
    if (c < 0x800) {
        out[0] = static_cast<char>(0xC0 | (c >> 6));
        out[1] = static_cast<char>(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = static_cast<char>(0xE0 | (c >> 12));
        out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = static_cast<char>(0xF0 | (c >> 18));
    out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (c & 0x3F));
    return 4;
}

std::size_t length(std::string_view text) { return decode(text).size(); }

}  // namespace kiosk::utf8
