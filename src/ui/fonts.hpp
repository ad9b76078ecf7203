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

// Builds the atlas anew with the body, large and small fonts. Call outside a frame; after a
// rebuild the renderer's font texture must be recreated (Platform::rebuildFontTexture).
Status loadFonts(AppState& state, const std::string& fontPath, const std::string& text);

}  // namespace kiosk::ui
