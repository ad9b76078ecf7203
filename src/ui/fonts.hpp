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

// Builds the atlas anew with the body, large and small fonts for the UI scale `scale` (see
// chooseScale). Call outside a frame; after a rebuild the renderer's font texture must be
// recreated (Platform::rebuildFontTexture).
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
