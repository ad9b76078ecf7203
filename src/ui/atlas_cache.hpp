// The baked font atlas kept between runs: the texture and every font's glyphs, so that a start
// with the same fonts, glyph set and scale as the last one rasterises nothing and reads no font.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace kiosk::ui::atlas_cache {

// Replaces the current ImGui context's atlas with the one stored at `path`, when the file holds a
// whole atlas saved for `key` (anything else — missing, another key, truncated, damaged — is a
// miss, and the atlas is left as it was). The fonts come back in the order they were saved.
bool restore(const std::filesystem::path& path, std::string_view key);

// Stores the current context's built atlas (its fonts, glyphs and 8-bit texture) under `key`:
// written beside `path` and renamed over it. A cache: nothing is lost when it fails.
Status save(const std::filesystem::path& path, std::string_view key);

}  // namespace kiosk::ui::atlas_cache
