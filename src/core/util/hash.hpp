// Content hashing and random identifiers (libsodium).
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

// SHA-256 of the bytes, as 64 lower-case hex digits.
std::string sha256Hex(std::string_view bytes);

// A random (version 4) UUID in its canonical text form.
std::string newUuid();

}  // namespace kiosk
