// How wide text is in a fixed-width grid, counting East Asian wide and full-width characters
// (kanji, kana, full-width forms) as two columns, as spreadsheets and terminals lay them out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::exporting {

// Two for East Asian wide (W) and full-width (F) characters, zero for combining marks and
// control characters, one otherwise.
int charWidth(char32_t c);

// The sum of charWidth over the code points of UTF-8 text.
int displayWidth(std::string_view text);

// Greedy lines of at most `maxWidth` columns: text with spaces breaks between words (a word wider
// than a line stands alone), text without spaces (Japanese) between characters.
std::vector<std::string> wrapToWidth(std::string_view text, int maxWidth);

// The text as valid UTF-8: each invalid byte becomes U+FFFD, so that renderers never refuse it.
std::string validUtf8(std::string_view text);

}  // namespace kiosk::exporting
