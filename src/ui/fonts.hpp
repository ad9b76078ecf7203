// The font atlas. ImGui's Japanese glyph range lacks kanji that security content needs (脆 of
// 脆弱性), so the glyph set is built from the text actually shown, plus ASCII and kana.
#pragma once

#include <string>

#include "ui/app_state.hpp"
#include "util/result.hpp"

namespace kiosk::ui {

// All text the kiosk may show: UI strings in both languages, every loaded questionnaire, and the
// questionnaires of assessments in progress (which may be older versions).
std::string textToShow(const AppState& state);

// Text a person types may hold characters no content has (a name's kanji). Any such character
// is remembered and the atlas rebuilt after this frame (AppState::fontsStale), so it is drawn
// from the next frame on. Returns whether a rebuild was asked for.
bool ensureGlyphs(AppState& state, std::string_view typed);

// Where the glyphs come from.
struct FontFiles {
    std::string font;    // the font (TTF, OTF, or face 0 of a TTC): every character it has can be drawn
    std::string subset;  // optional: `font` cut down at build time (scripts/font-subset.py), read instead
                         // of it; characters the subset lacks are still taken from `font`
    std::string cache;   // optional: where the baked atlas is kept for the next start (atlas_cache)
};

// Builds the atlas anew with the body, large and small fonts for the UI scale `scale` (see
// chooseScale) and the characters of `text` (plus ASCII, Latin-1 and the kana and punctuation
// blocks). When `files.cache` holds the atlas of the same fonts, characters and scale it is
// used as it is; otherwise the atlas is rasterised and stored there. The font bytes are not kept.
// Call outside a frame; after a rebuild the renderer's font texture must be recreated
// (Platform::rebuildFontTexture).
Status loadFonts(AppState& state, const FontFiles& files, const std::string& text, float scale = 1.0f);
Status loadFonts(AppState& state, const std::string& fontPath, const std::string& text, float scale = 1.0f);

// How many glyphs of the last rendered frame are the font's fallback ("?"): characters the atlas
// lacks. 0 when everything on screen is drawn with its own glyph.
int fallbackGlyphsDrawn(const AppState& state, const ImDrawData& frame);

// The UI scale for a window of `width` × `height` screen pixels on a monitor whose content
// scale is `contentScale`. The screens are designed for 1280×800 logical pixels and must fit in
// 1024×600: the scale follows the monitor, grows with a larger window, never goes below 1 (touch
// targets stay at least 48 px) and never leaves less than 1024×600 logical pixels.
float chooseScale(int width, int height, float contentScale);

}  // namespace kiosk::ui
