// The font atlas's sources: the build's subset of the Japanese font with the full font behind it
// for characters the subset lacks, and the baked atlas kept between runs (atlas_cache).
#include <doctest/doctest.h>
#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "ui/app_state.hpp"
#include "ui/fonts.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

constexpr const char* kFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
#ifdef KIOSK_TEST_FONT_SUBSET
constexpr const char* kSubset = KIOSK_TEST_FONT_SUBSET;
#else
constexpr const char* kSubset = "";
#endif

// An ImGui context of its own and a folder for cache files, both gone afterwards.
struct FontFixture {
    FontFixture() {
        ImGui::CreateContext();
        folder = fs::temp_directory_path() / ("kiosk-fonts-" + std::to_string(::getpid()));
        fs::create_directories(folder);
    }
    ~FontFixture() {
        ImGui::DestroyContext();
        std::error_code ec;
        fs::remove_all(folder, ec);
    }
    FontFixture(const FontFixture&) = delete;
    FontFixture& operator=(const FontFixture&) = delete;

    bool has(ImFont* font, char32_t c) const { return font && font->FindGlyphNoFallback(static_cast<ImWchar>(c)); }

    ui::AppState state;
    fs::path folder;
};

bool sameGlyph(const ImFontGlyph* a, const ImFontGlyph* b) {
    return a && b && a->Codepoint == b->Codepoint && a->Visible == b->Visible && a->AdvanceX == b->AdvanceX && a->X0 == b->X0 &&
           a->Y0 == b->Y0 && a->X1 == b->X1 && a->Y1 == b->Y1 && a->U0 == b->U0 && a->V0 == b->V0 && a->U1 == b->U1 &&
           a->V1 == b->V1;
}

}  // namespace

TEST_CASE("a character the font subset lacks is still drawn, taken from the full font") {
    if (!*kSubset || !fs::exists(kSubset)) {
        MESSAGE("no font subset in this build (python3-fonttools missing): nothing to check");
        return;
    }
    FontFixture f;
    // 龘 is in no Japanese character set the subset keeps; 花 and 鷗 are.
    REQUIRE(ui::loadFonts(f.state, ui::FontFiles{kFont, kSubset, {}}, "花鷗"));
    CHECK(f.state.fonts.source == "subset");
    CHECK(f.has(f.state.fonts.body, U'鷗'));
    CHECK_FALSE(f.has(f.state.fonts.body, U'龘'));

    REQUIRE(ui::loadFonts(f.state, ui::FontFiles{kFont, kSubset, {}}, "花鷗龘"));
    CHECK(f.state.fonts.source == "subset and full font");
    for (ImFont* font : {f.state.fonts.body, f.state.fonts.large, f.state.fonts.small}) {
        CHECK(f.has(font, U'龘'));
        CHECK(f.has(font, U'花'));
        CHECK(f.has(font, U'あ'));
    }
}

TEST_CASE("the baked atlas comes back from its cache exactly as it was rasterised") {
    FontFixture f;
    const ui::FontFiles files{kFont, kSubset, (f.folder / "kiosk.db.atlas").string()};
    const std::string text = "脆弱性の診断 髙﨑";
    REQUIRE(ui::loadFonts(f.state, files, text));
    CHECK(f.state.fonts.source != "cache");
    REQUIRE(fs::exists(files.cache));
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const int width = atlas->TexWidth, height = atlas->TexHeight;
    const std::string pixels(reinterpret_cast<const char*>(atlas->TexPixelsAlpha8), static_cast<std::size_t>(width * height));
    const ImFontGlyph glyph = *f.state.fonts.large->FindGlyphNoFallback(static_cast<ImWchar>(U'脆'));
    const float ascent = f.state.fonts.small->Ascent;

    ImGui::DestroyContext();
    ImGui::CreateContext();
    ui::AppState again;
    REQUIRE(ui::loadFonts(again, files, text));
    CHECK(again.fonts.source == "cache");
    atlas = ImGui::GetIO().Fonts;
    CHECK(atlas->IsBuilt());
    REQUIRE(atlas->TexWidth == width);
    REQUIRE(atlas->TexHeight == height);
    CHECK(std::string(reinterpret_cast<const char*>(atlas->TexPixelsAlpha8), pixels.size()) == pixels);
    CHECK(sameGlyph(again.fonts.large->FindGlyphNoFallback(static_cast<ImWchar>(U'脆')), &glyph));
    CHECK(again.fonts.small->Ascent == ascent);
    CHECK(again.fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(U'﨑')));
    CHECK(again.fonts.body->FallbackGlyph);
    CHECK(ImGui::GetIO().FontDefault == again.fonts.body);

    // A frame draws with it.
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = {640, 480};
    io.DeltaTime = 1.0f / 60;
    ImGui::NewFrame();
    ImGui::TextUnformatted(text.c_str());
    ImGui::Render();
    CHECK(ui::fallbackGlyphsDrawn(again, *ImGui::GetDrawData()) == 0);
}

TEST_CASE("a cache made for other characters, or cut short, is not used") {
    FontFixture f;
    const ui::FontFiles files{kFont, kSubset, (f.folder / "kiosk.db.atlas").string()};
    REQUIRE(ui::loadFonts(f.state, files, "診断"));
    REQUIRE(ui::loadFonts(f.state, files, "診断"));
    CHECK(f.state.fonts.source == "cache");

    // Other characters: another atlas, which then replaces the cached one.
    REQUIRE(ui::loadFonts(f.state, files, "診断と脆弱性"));
    CHECK(f.state.fonts.source != "cache");
    CHECK(f.has(f.state.fonts.body, U'脆'));

    // Cut short (a crash while it was written): rasterised again, nothing read past its end.
    const auto size = fs::file_size(files.cache);
    fs::resize_file(files.cache, size / 2);
    REQUIRE(ui::loadFonts(f.state, files, "診断と脆弱性"));
    CHECK(f.state.fonts.source != "cache");
    CHECK(f.has(f.state.fonts.body, U'脆'));
    CHECK(fs::file_size(files.cache) == size);

    // Not an atlas at all.
    std::ofstream(files.cache, std::ios::trunc) << "not an atlas";
    REQUIRE(ui::loadFonts(f.state, files, "診断と脆弱性"));
    CHECK(f.state.fonts.source != "cache");
}

TEST_CASE("a typed character no font has is asked for once, not at every frame") {
    FontFixture f;
    REQUIRE(ui::loadFonts(f.state, kFont, "名前"));
    const std::string typed = "\xEE\x80\x80";  // U+E000, private use: in no font
    CHECK(ui::ensureGlyphs(f.state, typed));
    CHECK(f.state.fontsStale);
    f.state.fontsStale = false;
    REQUIRE(ui::loadFonts(f.state, kFont, "名前" + f.state.typedText));
    CHECK_FALSE(f.has(f.state.fonts.body, U'\uE000'));
    CHECK_FALSE(ui::ensureGlyphs(f.state, typed));
    CHECK_FALSE(f.state.fontsStale);
}
