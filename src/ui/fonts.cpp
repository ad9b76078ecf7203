// Font loading with a glyph set built from the content.
#include "ui/fonts.hpp"

#include <fmt/format.h>
#include <imgui.h>
#include <stb_truetype.h>

#include "ui/atlas_cache.hpp"
#include "util/file.hpp"
#include "util/hash.hpp"
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
        // Asked for once: a character still missing after the rebuild is in no font, and asking
        // again would rebuild the atlas every frame.
        if (state.typedText.find(std::string_view(utf8, n)) != std::string::npos) continue;
        state.typedText.append(utf8, n);
        missing = true;
    }
    if (missing) state.fontsStale = true;
    return missing;
}

namespace {

constexpr float kBodySize = 26.0f, kLargeSize = 34.0f, kSmallSize = 20.0f;

// What identifies a font file's bytes well enough for a cache key: its path, size and time.
std::string fileIdentity(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    const auto time = std::filesystem::last_write_time(path, ec);
    return fmt::format("{}|{}|{}", path, ec ? 0 : size, ec ? 0 : time.time_since_epoch().count());
}

// The characters of `ranges` (pairs of first and last, ending with 0) that the font in `bytes`
// (face 0 of a collection) has no glyph for.
std::vector<ImWchar> lackedBy(const std::string& bytes, const ImVector<ImWchar>& ranges) {
    std::vector<ImWchar> lacked;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    stbtt_fontinfo info;
    const int offset = stbtt_GetFontOffsetForIndex(data, 0);
    if (offset < 0 || !stbtt_InitFont(&info, data, offset)) return lacked;
    for (int i = 0; i + 1 < ranges.Size && ranges[i]; i += 2)
        for (unsigned c = ranges[i]; c <= ranges[i + 1]; ++c)
            if (stbtt_FindGlyphIndex(&info, static_cast<int>(c)) == 0) lacked.push_back(static_cast<ImWchar>(c));
    return lacked;
}

}  // namespace

Status loadFonts(AppState& state, const std::string& fontPath, const std::string& text, float scale) {
    return loadFonts(state, FontFiles{fontPath, {}, {}}, text, scale);
}

Status loadFonts(AppState& state, const FontFiles& files, const std::string& text, float scale) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(files.font, ec)) {
        return Error{fmt::format("the Japanese font {} was not found; install the package fonts-noto-cjk or give another "
                                 "font with --font",
                                 files.font)};
    }
    const bool subset = !files.subset.empty() && std::filesystem::is_regular_file(files.subset, ec);
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();  // also when rebuilding for new names
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;  // no texture rows that hold nothing
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());  // Basic Latin and Latin-1
    static const ImWchar kana[] = {0x3000, 0x30FF, 0x31F0, 0x31FF, 0xFF00, 0xFFEF, 0x2000, 0x206F, 0x25A0, 0x25FF, 0};
    builder.AddRanges(kana);
    builder.AddText(text.data(), text.data() + text.size());
    state.fonts.glyphRanges.clear();
    builder.BuildRanges(&state.fonts.glyphRanges);
    // Glyphs are rasterised at the physical size and drawn at the logical one, so text stays
    // sharp at any scale while the layout keeps its logical pixels.
    state.scale = scale;
    io.FontGlobalScale = 1.0f / scale;

    const auto useFonts = [&] {
        state.fonts.body = io.Fonts->Fonts[0];
        state.fonts.large = io.Fonts->Fonts[1];
        state.fonts.small = io.Fonts->Fonts[2];
        io.FontDefault = state.fonts.body;
    };
    // The same fonts, glyphs and scale as a previous run: its atlas as it was baked.
    std::string key;
    if (!files.cache.empty()) {
        std::string material = fmt::format("medsec-kiosk atlas 1|imgui {}|{}|{}|{}|", IMGUI_VERSION_NUM, fileIdentity(files.font),
                                           subset ? fileIdentity(files.subset) : std::string(), scale);
        for (ImWchar c : state.fonts.glyphRanges) material += fmt::format("{:x},", static_cast<unsigned>(c));
        key = sha256Hex(material);
        if (atlas_cache::restore(files.cache, key) && io.Fonts->Fonts.Size == 3) {
            useFonts();
            state.fonts.source = "cache";
            return {};
        }
        io.Fonts->Clear();
    }

    // The subset holds the content's characters and JIS X 0208; the few it lacks (a name's rare
    // kanji) come from the full font, merged into each size.
    auto primary = readFile(subset ? files.subset : files.font);
    if (!primary) return Error{fmt::format("the font could not be read: {}", primary.error())};
    std::string full;
    ImVector<ImWchar> extraRanges;
    if (subset) {
        ImFontGlyphRangesBuilder wanted;  // the characters of the text: the subset has the blocks whole
        wanted.AddText(text.data(), text.data() + text.size());
        ImVector<ImWchar> textRanges;
        wanted.BuildRanges(&textRanges);
        const auto lacked = lackedBy(*primary, textRanges);
        if (!lacked.empty()) {
            auto bytes = readFile(files.font);
            if (!bytes) return Error{fmt::format("the font could not be read: {}", bytes.error())};
            full = std::move(*bytes);
            ImFontGlyphRangesBuilder extra;
            for (ImWchar c : lacked) extra.AddChar(c);
            extra.BuildRanges(&extraRanges);
        }
    }

    ImFontConfig config;
    config.OversampleH = 1;  // CJK glyphs are dense; horizontal oversampling costs atlas space for little gain
    config.OversampleV = 1;
    config.PixelSnapH = true;
    config.FontDataOwnedByAtlas = false;  // one copy of the bytes for all three sizes, freed below
    ImFontConfig merge = config;
    merge.MergeMode = true;
    const ImWchar* ranges = state.fonts.glyphRanges.Data;
    for (float size : {kBodySize, kLargeSize, kSmallSize}) {
        if (!io.Fonts->AddFontFromMemoryTTF(primary->data(), static_cast<int>(primary->size()), size * scale, &config, ranges))
            return Error{fmt::format("the font {} could not be loaded; give a TrueType or OpenType font with --font", files.font)};
        if (!full.empty()) io.Fonts->AddFontFromMemoryTTF(full.data(), static_cast<int>(full.size()), size * scale, &merge, extraRanges.Data);
    }
    if (!io.Fonts->Build() || io.Fonts->Fonts.Size != 3)
        return Error{fmt::format("the font atlas could not be built from {}", files.font)};
    io.Fonts->ClearInputData();  // the glyphs are baked; the font bytes go with this function
    useFonts();
    state.fonts.source = subset ? (full.empty() ? "subset" : "subset and full font") : "font";
    if (!key.empty()) {
        if (auto s = atlas_cache::save(files.cache, key); !s) fmt::print(stderr, "medsec-kiosk: {}\n", s.error());
    }
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
