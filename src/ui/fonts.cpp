// Font loading with a glyph set built from the content.
#include "ui/fonts.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include "util/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <vector>

namespace kiosk::ui {

std::string textToShow(const AppState& state) {
    std::string text;
    for (Lang lang : {Lang::Ja, Lang::En})
        for (const auto& [key, value] : state.services.strings->all(lang)) text += value;
    for (const auto& q : state.services.catalog->questionnaires) questionnaire::collectText(q, text);
    if (const auto* p = state.services.policy) {
        const auto add = [&](const LocalizedText& t) { text += t.ja + t.en; };
        for (const auto& t : p->tiers) add(t.name), add(t.description), text += t.citation;
        for (const auto& r : p->tierRules) add(r.explanation), text += r.citation;
        for (const auto& r : p->decisionRules) add(r.text), text += r.citation;
        for (const auto& r : p->routes) add(r.name), add(r.description), text += r.citation;
        for (const auto& [key, t] : p->texts) add(t);
        for (const auto& [d, t] : p->decisionNames) add(t);
    }
    for (const auto& d : state.services.catalog->domains) text += d.name.ja + d.name.en;
    // The advisor directory's words: prefectures, menus, sources and the criteria with their advice.
    if (const auto* advisors = state.services.advisors) {
        const auto& c = advisors->catalog();
        const auto add = [&](const LocalizedText& t) { text += t.ja + t.en; };
        for (const auto& p : c.prefectures) add(p.name);
        for (const auto& m : c.menus) add(m.name);
        for (const auto& s : c.sources) add(s.name);
        for (const auto& k : c.criteria) add(k.name), add(k.hint);
        for (const auto& [key, t] : c.texts) add(t);
    }
    text += "未達未回答統治識別防御検知対応復旧";
    // People's names and departments, which no content file holds.
    if (state.services.skills) {
        if (auto people = state.services.skills->people())
            for (const auto& p : *people) text += p.name + p.department;
    }
    for (const auto& summary : state.home.inProgress) {
        text += summary.title.ja;
        text += summary.title.en;
    }
    text += state.typedText;  // characters people typed that no content has
    // Marks and punctuation the screens and answer descriptions draw themselves.
    text += "■□●○－・、。（）「」…／：〜ー％（スキップ）（なし）（未回答）（対象外）−←→ōŌ✓";
    return text;
}

bool ensureGlyphs(AppState& state, std::string_view typed) {
    if (!state.fonts.body) return false;
    bool missing = false;
    for (std::size_t i = 0; i < typed.size();) {
        char32_t c = 0;
        i += utf8::decodeAt(typed, i, c);
        if (c < 0x20 || c > 0xFFFF) continue;  // ImGui 1.86 draws the Basic Multilingual Plane only
        if (state.fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(c))) continue;
        char utf8[5] = {};
        const std::size_t n = utf8::encode(c, utf8);
        if (state.typedText.find(std::string_view(utf8, n)) == std::string::npos) state.typedText.append(utf8, n);
        missing = true;
    }
    if (missing) state.fontsStale = true;
    return missing;
}

Status loadFonts(AppState& state, const std::string& fontPath, const std::string& text, float scale) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(fontPath, ec)) {
        return Error{fmt::format("the Japanese font {} was not found; install the package fonts-noto-cjk or give another "
                                 "font with --font",
                                 fontPath)};
    }
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();  // also when rebuilding for new names
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());  // Basic Latin and Latin-1
    static const ImWchar kana[] = {0x3000, 0x30FF, 0x31F0, 0x31FF, 0xFF00, 0xFFEF, 0x2000, 0x206F, 0x25A0, 0x25FF, 0};
    builder.AddRanges(kana);
    builder.AddText(text.data(), text.data() + text.size());
    state.fonts.glyphRanges.clear();
    builder.BuildRanges(&state.fonts.glyphRanges);

    ImFontConfig config;
    config.OversampleH = 1;  // CJK glyphs are dense; horizontal oversampling costs atlas space for little gain
    config.OversampleV = 1;
    config.PixelSnapH = true;
    const ImWchar* ranges = state.fonts.glyphRanges.Data;
    // Glyphs are rasterised at the physical size and drawn at the logical one, so text stays
    // sharp at any scale while the layout keeps its logical pixels.
    state.scale = scale;
    io.FontGlobalScale = 1.0f / scale;
    state.fonts.body = io.Fonts->AddFontFromFileTTF(fontPath.c_str(), 26.0f * scale, &config, ranges);
    state.fonts.large = io.Fonts->AddFontFromFileTTF(fontPath.c_str(), 34.0f * scale, &config, ranges);
    state.fonts.small = io.Fonts->AddFontFromFileTTF(fontPath.c_str(), 20.0f * scale, &config, ranges);
    if (!state.fonts.body || !state.fonts.large || !state.fonts.small)
        return Error{fmt::format("the font {} could not be loaded; give a TrueType or OpenType font with --font", fontPath)};
    io.FontDefault = state.fonts.body;
    if (!io.Fonts->Build()) return Error{fmt::format("the font atlas could not be built from {}", fontPath)};
    return {};
}

int fallbackGlyphsDrawn(const AppState& state, const ImDrawData& frame) {
    // Each glyph is a quad whose first vertex carries the glyph's top-left texture coordinate.
    std::vector<ImVec2> corners;
    for (const ImFont* font : {state.fonts.body, state.fonts.large, state.fonts.small})
        if (font && font->FallbackGlyph) corners.push_back({font->FallbackGlyph->U0, font->FallbackGlyph->V0});
    int count = 0;
    for (int l = 0; l < frame.CmdListsCount; ++l)
        for (const ImDrawVert& v : frame.CmdLists[l]->VtxBuffer)
            for (const ImVec2& c : corners)
                if (v.uv.x == c.x && v.uv.y == c.y) ++count;
    return count;
}

float chooseScale(int width, int height, float contentScale) {
    if (width <= 0 || height <= 0) return 1.0f;
    const float w = static_cast<float>(width), h = static_cast<float>(height);
    const float grow = std::min(w / 1280.0f, h / 800.0f);
    const float room = std::min(w / 1024.0f, h / 600.0f);
    const float wanted = std::max(contentScale > 0 ? contentScale : 1.0f, grow);
    const float scale = std::clamp(wanted, 1.0f, std::max(1.0f, room));
    return std::floor(scale * 20.0f) / 20.0f;  // steps of 0.05: a slightly resized window keeps its atlas
}

}  // namespace kiosk::ui
