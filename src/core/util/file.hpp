// Whole-file reading and atomic writing.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace kiosk {

// The file's bytes, or nothing when it cannot be read.
std::optional<std::string> readFile(const std::filesystem::path& path);

// Writes beside the target and renames, so a failed write never leaves half a file.
Status writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace kiosk
