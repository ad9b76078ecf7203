// The atlas cache file: a header with the key, the texture's size and special coordinates, each
// font's metrics and glyphs, then the 8-bit texture. Read back only when every count and size
// agrees with the file's length, so a torn or foreign file is a miss, never a crash.
#include "ui/atlas_cache.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <type_traits>
#include <unistd.h>
#include <vector>

#include "util/file.hpp"

namespace kiosk::ui::atlas_cache {
namespace {

constexpr char kMagic[8] = {'M', 'K', 'A', 'T', 'L', 'A', 'S', '1'};
constexpr std::size_t kKeyBytes = 64;  // SHA-256 in hex
constexpr int kMaxSide = 16384;
constexpr std::uint32_t kMaxFonts = 16;
constexpr std::uint32_t kMaxGlyphs = 0x10000;
constexpr int kLines = IM_DRAWLIST_TEX_LINES_WIDTH_MAX + 1;

struct Writer {
    std::string bytes;
    template <class T>
    void put(T value) {
        static_assert(std::is_trivially_copyable_v<T>);
        bytes.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
};

struct Reader {
    const std::string& bytes;
    std::size_t at = 0;
    bool ok = true;
    template <class T>
    T get() {
        T value{};
        if (!ok || bytes.size() - at < sizeof value) {
            ok = false;
            return value;
        }
        std::memcpy(&value, bytes.data() + at, sizeof value);
        at += sizeof value;
        return value;
    }
    float number() {
        const float f = get<float>();
        if (!std::isfinite(f)) ok = false;
        return f;
    }
};

}  // namespace

bool restore(const std::filesystem::path& path, std::string_view key) {
    if (key.size() != kKeyBytes) return false;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return false;
    const auto read = readFile(path);
    if (!read) return false;
    const std::string& bytes = *read;
    if (bytes.size() < sizeof kMagic + kKeyBytes || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0 ||
        bytes.compare(sizeof kMagic, kKeyBytes, key) != 0)
        return false;

    Reader r{bytes, sizeof kMagic + kKeyBytes};
    const int width = r.get<std::int32_t>(), height = r.get<std::int32_t>();
    if (!r.ok || width < 1 || height < 1 || width > kMaxSide || height > kMaxSide) return false;
    ImVec2 uvScale, whitePixel;
    uvScale.x = r.number(), uvScale.y = r.number();
    whitePixel.x = r.number(), whitePixel.y = r.number();
    ImVec4 lines[kLines];
    for (auto& l : lines) l.x = r.number(), l.y = r.number(), l.z = r.number(), l.w = r.number();

    struct Font {
        float size, ascent, descent;
        ImWchar fallback, ellipsis, dot;
        std::vector<ImFontGlyph> glyphs;
    };
    std::vector<Font> fonts(r.get<std::uint32_t>());
    if (!r.ok || fonts.empty() || fonts.size() > kMaxFonts) return false;
    for (auto& f : fonts) {
        f.size = r.number(), f.ascent = r.number(), f.descent = r.number();
        f.fallback = r.get<ImWchar>(), f.ellipsis = r.get<ImWchar>(), f.dot = r.get<ImWchar>();
        const auto count = r.get<std::uint32_t>();
        if (!r.ok || count == 0 || count > kMaxGlyphs || f.size <= 0) return false;
        f.glyphs.resize(count);
        for (auto& g : f.glyphs) {
            const auto codepoint = r.get<std::uint32_t>();
            const auto flags = r.get<std::uint32_t>();
            if (codepoint > 0xFFFF) return false;
            g.Codepoint = codepoint;
            g.Visible = flags & 1u;
            g.Colored = 0;
            g.AdvanceX = r.number();
            g.X0 = r.number(), g.Y0 = r.number(), g.X1 = r.number(), g.Y1 = r.number();
            g.U0 = r.number(), g.V0 = r.number(), g.U1 = r.number(), g.V1 = r.number();
        }
        if (!r.ok) return false;
    }
    const std::size_t pixels = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    if (!r.ok || bytes.size() - r.at != pixels) return false;

    // Everything checked: the atlas is replaced as Build() would have left it.
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    atlas->TexWidth = width;
    atlas->TexHeight = height;
    atlas->TexUvScale = uvScale;
    atlas->TexUvWhitePixel = whitePixel;
    std::memcpy(atlas->TexUvLines, lines, sizeof lines);
    atlas->TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(pixels));
    std::memcpy(atlas->TexPixelsAlpha8, bytes.data() + r.at, pixels);
    for (auto& f : fonts) {
        ImFont* font = IM_NEW(ImFont)();
        font->ContainerAtlas = atlas;
        font->FontSize = f.size;
        font->Ascent = f.ascent;
        font->Descent = f.descent;
        font->FallbackChar = f.fallback;
        font->EllipsisChar = f.ellipsis;
        font->DotChar = f.dot;
        for (const auto& g : f.glyphs) font->Glyphs.push_back(g);
        font->BuildLookupTable();
        atlas->Fonts.push_back(font);
    }
    atlas->TexReady = true;
    return true;
}

Status save(const std::filesystem::path& path, std::string_view key) {
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (key.size() != kKeyBytes || !atlas->TexReady || !atlas->TexPixelsAlpha8 || atlas->Fonts.empty())
        return Error{"the atlas is not built"};
    Writer w;
    w.bytes.reserve(static_cast<std::size_t>(atlas->TexWidth) * static_cast<std::size_t>(atlas->TexHeight) + (1u << 20));
    w.bytes.append(kMagic, sizeof kMagic);
    w.bytes.append(key);
    w.put<std::int32_t>(atlas->TexWidth);
    w.put<std::int32_t>(atlas->TexHeight);
    w.put(atlas->TexUvScale.x), w.put(atlas->TexUvScale.y);
    w.put(atlas->TexUvWhitePixel.x), w.put(atlas->TexUvWhitePixel.y);
    for (const auto& l : atlas->TexUvLines) w.put(l.x), w.put(l.y), w.put(l.z), w.put(l.w);
    w.put<std::uint32_t>(static_cast<std::uint32_t>(atlas->Fonts.Size));
    for (const ImFont* font : atlas->Fonts) {
        w.put(font->FontSize), w.put(font->Ascent), w.put(font->Descent);
        w.put(font->FallbackChar), w.put(font->EllipsisChar), w.put(font->DotChar);
        w.put<std::uint32_t>(static_cast<std::uint32_t>(font->Glyphs.Size));
        for (const ImFontGlyph& g : font->Glyphs) {
            w.put<std::uint32_t>(g.Codepoint);
            w.put<std::uint32_t>(g.Visible ? 1u : 0u);
            w.put(g.AdvanceX);
            w.put(g.X0), w.put(g.Y0), w.put(g.X1), w.put(g.Y1);
            w.put(g.U0), w.put(g.V0), w.put(g.U1), w.put(g.V1);
        }
    }
    w.bytes.append(reinterpret_cast<const char*>(atlas->TexPixelsAlpha8),
                   static_cast<std::size_t>(atlas->TexWidth) * static_cast<std::size_t>(atlas->TexHeight));

    // A cache needs no fsync: a file cut short by a crash is refused by restore() and made again.
    const std::filesystem::path temporary = path.string() + fmt::format(".{}.part", ::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(w.bytes.data(), static_cast<std::streamsize>(w.bytes.size()));
        if (!out.flush()) {
            std::error_code ec;
            std::filesystem::remove(temporary, ec);
            return Error{fmt::format("cannot write the font atlas cache {}", temporary.string())};
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::filesystem::remove(temporary, ec);
        return Error{fmt::format("cannot write the font atlas cache {}: {}", path.string(), ec.message())};
    }
    return {};
}

}  // namespace kiosk::ui::atlas_cache
