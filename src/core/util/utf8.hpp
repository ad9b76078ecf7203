// UTF-8 helpers: validation with the position of the first bad byte, and decoding to code points.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "util/diagnostic.hpp"

namespace kiosk::utf8 {

// The line and column (1-based, columns counted in code points) of the first invalid byte
// sequence, or nothing when the whole text is valid UTF-8.
std::optional<SourcePos> firstInvalid(std::string_view text);

// Decodes the code point starting at text[i] and returns its length in bytes; an invalid byte
// decodes as itself with length 1, so a caller always makes progress.
std::size_t decodeAt(std::string_view text, std::size_t i, char32_t& out);

// Decodes valid UTF-8; invalid sequences are skipped.
std::vector<char32_t> decode(std::string_view text);

// Writes the UTF-8 form of a code point (at most 4 bytes) and returns its length; an invalid
// code point writes U+FFFD.
std::size_t encode(char32_t c, char* out);

// Number of code points.
std::size_t length(std::string_view text);

}  // namespace kiosk::utf8
