// Whole-file reading with clear reasons for failure, atomic writing (temporary file, fsync,
// rename, fsync of the folder), and path normalisation for comparisons.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace kiosk {

// Content files and imports larger than this are refused before they are read.
inline constexpr std::size_t kMaxInputBytes = 64u * 1024 * 1024;

// The bytes of a regular file (symbolic links followed). Refuses, with a message naming the
// file: a missing file, a folder, a device, a FIFO or socket (reading one could block forever),
// a dangling or looping link, an unreadable file, and a file larger than `maxBytes`.
Result<std::string> readFile(const std::filesystem::path& path, std::size_t maxBytes = kMaxInputBytes);

// The reason of a readFile error without the leading "PATH: ", for messages that name the file
// themselves (diagnostics).
std::string readProblem(const std::string& message, const std::filesystem::path& path);

// Writes to a new temporary file beside the target, fsyncs it, renames it over the target and
// fsyncs the folder, so that after a crash the target holds either the old or the new bytes.
// On failure the temporary file is removed and the target is left as it was.
Status writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

// The path in a form fit for comparison: lexically normal, without a trailing separator
// ("questionnaires/" and "questionnaires/./" become "questionnaires").
std::filesystem::path normalPath(const std::filesystem::path& path);

}  // namespace kiosk
