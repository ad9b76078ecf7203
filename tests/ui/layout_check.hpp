// Checks a drawn frame the way a person looks at it: no text cut off by the frame or window it
// sits in, no two texts on top of each other, every touch target at least 48 px tall.
//
// Text is read back from the draw data: every glyph is a textured quad whose texture rectangle
// is the glyph's rectangle in the font atlas. A label too long for its button is clipped on the
// CPU, which leaves a quad with a smaller texture rectangle than its glyph's (or one that starts
// inside it); text running past a window's edge leaves quads across the clip rectangle of their
// draw command. Touch targets come from the widgets, which note them while collecting is on.
#pragma once

#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "headless.hpp"
#include "ui/app_state.hpp"
#include "ui/widgets.hpp"
#include "util/utf8.hpp"

namespace kiosk::test {

struct GlyphQuad {
    ImVec2 min, max;          // on screen
    ImVec4 clip;              // of its draw command
    const ImFontGlyph* glyph; // null when the quad is a clipped piece of a glyph
    const ImDrawList* list;
};

inline std::string glyphText(const ImFontGlyph* glyph) {
    if (!glyph) return "(part of a glyph)";
    char out[5] = {};
    const std::size_t n = utf8::encode(static_cast<char32_t>(glyph->Codepoint), out);
    return std::string(out, n);
}

// The glyph quads of the last rendered frame, with the glyph each one draws.
inline std::vector<GlyphQuad> glyphQuads(const ui::AppState& state) {
    std::map<std::pair<float, float>, const ImFontGlyph*> byCorner;
    for (const ImFont* font : {state.fonts.body, state.fonts.large, state.fonts.small})
        for (const ImFontGlyph& g : font->Glyphs) byCorner[{g.U0, g.V0}] = &g;
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    const ImDrawData* data = ImGui::GetDrawData();
    std::vector<GlyphQuad> quads;
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        std::vector<ImVec4> clipOf(static_cast<std::size_t>(list->VtxBuffer.Size), ImVec4{-1e9f, -1e9f, 1e9f, 1e9f});
        for (const ImDrawCmd& cmd : list->CmdBuffer)
            for (unsigned i = 0; i < cmd.ElemCount; ++i)
                clipOf[cmd.VtxOffset + list->IdxBuffer[static_cast<int>(cmd.IdxOffset + i)]] = cmd.ClipRect;
        for (int v = 0; v + 3 < list->VtxBuffer.Size;) {
            const ImDrawVert& a = list->VtxBuffer[v];
            if (a.uv.x == white.x && a.uv.y == white.y) {
                ++v;
                continue;
            }
            const ImDrawVert& c = list->VtxBuffer[v + 2];
            const auto it = byCorner.find({a.uv.x, a.uv.y});
            const ImFontGlyph* glyph = it == byCorner.end() ? nullptr : it->second;
            // A glyph cut short on the right or at the bottom keeps its corner but not its extent.
            if (glyph && (c.uv.x < glyph->U1 - 1e-6f || c.uv.y < glyph->V1 - 1e-6f)) glyph = nullptr;
            quads.push_back({a.pos, c.pos, clipOf[static_cast<std::size_t>(v)], glyph, list});
            v += 4;
        }
    }
    return quads;
}

// The window whose draw list `list` is.
inline const ImGuiWindow* windowOf(const ImDrawList* list) {
    for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->DrawList == list) return w;
    return nullptr;
}

// Problems of the last rendered frame; empty when it is laid out well.
inline std::vector<std::string> layoutProblems(const ui::AppState& state, const std::vector<ui::TouchTarget>& targets) {
    std::vector<std::string> problems;
    const auto quads = glyphQuads(state);
    constexpr float kSlack = 1.5f;  // glyph bitmaps may overhang their advance by a pixel
    for (const auto& q : quads) {
        const ImGuiWindow* window = windowOf(q.list);
        const std::string where = window ? window->Name : "?";
        const bool visible = q.max.x > q.clip.x && q.min.x < q.clip.z && q.max.y > q.clip.y && q.min.y < q.clip.w;
        if (!visible) continue;
        if (!q.glyph) {
            problems.push_back(fmt::format("{}: a text is cut off by its frame near ({:.0f}, {:.0f})", where, q.min.x, q.min.y));
            continue;
        }
        // Past the edge of a window that scrolls that way, text is only out of view, not cut.
        const ImRect inner = window ? window->InnerClipRect : ImRect{};
        const bool scrollsX = window && window->ScrollMax.x > 0;
        const bool scrollsY = window && window->ScrollMax.y > 0;
        const auto edge = [](float a, float b) { return std::abs(a - b) < 1.0f; };
        const bool cutLeft = q.min.x < q.clip.x - kSlack && !(scrollsX && (edge(q.clip.x, inner.Min.x) || window->Scroll.x > 0));
        const bool cutRight = q.max.x > q.clip.z + kSlack && !(scrollsX && edge(q.clip.z, inner.Max.x));
        const bool cutTop = q.min.y < q.clip.y - kSlack && !(scrollsY && (edge(q.clip.y, inner.Min.y) || window->Scroll.y > 0));
        const bool cutBottom = q.max.y > q.clip.w + kSlack && !(scrollsY && edge(q.clip.w, inner.Max.y));
        if (cutLeft || cutRight)
            problems.push_back(fmt::format("{}: \"{}\" at ({:.0f}, {:.0f}) runs past the side of its window or cell", where,
                                           glyphText(q.glyph), q.min.x, q.min.y));
        if (cutTop || cutBottom)
            problems.push_back(fmt::format("{}: \"{}\" at ({:.0f}, {:.0f}) is cut off at the top or bottom of its window or cell", where,
                                           glyphText(q.glyph), q.min.x, q.min.y));
    }
    // Overlaps: visible parts of glyphs of one draw list, shrunk by a pixel and a half.
    std::map<std::pair<int, int>, std::vector<std::size_t>> grid;
    constexpr float kCell = 64.0f;
    const auto visiblePart = [](const GlyphQuad& q) {
        return ImVec4{std::max(q.min.x, q.clip.x) + kSlack, std::max(q.min.y, q.clip.y) + kSlack, std::min(q.max.x, q.clip.z) - kSlack,
                      std::min(q.max.y, q.clip.w) - kSlack};
    };
    for (std::size_t i = 0; i < quads.size(); ++i) {
        const ImVec4 r = visiblePart(quads[i]);
        if (r.z <= r.x || r.w <= r.y || !quads[i].glyph) continue;
        for (int gx = static_cast<int>(std::floor(r.x / kCell)); gx <= static_cast<int>(std::floor(r.z / kCell)); ++gx)
            for (int gy = static_cast<int>(std::floor(r.y / kCell)); gy <= static_cast<int>(std::floor(r.w / kCell)); ++gy)
                grid[{gx, gy}].push_back(i);
    }
    std::vector<std::pair<std::size_t, std::size_t>> reported;
    for (const auto& [cell, members] : grid) {
        for (std::size_t a = 0; a < members.size(); ++a) {
            for (std::size_t b = a + 1; b < members.size(); ++b) {
                const auto& qa = quads[members[a]];
                const auto& qb = quads[members[b]];
                if (qa.list != qb.list) continue;
                const ImVec4 ra = visiblePart(qa), rb = visiblePart(qb);
                const float w = std::min(ra.z, rb.z) - std::max(ra.x, rb.x);
                const float h = std::min(ra.w, rb.w) - std::max(ra.y, rb.y);
                if (w <= 1.0f || h <= 1.0f) continue;
                const std::pair<std::size_t, std::size_t> pair{members[a], members[b]};
                if (std::find(reported.begin(), reported.end(), pair) != reported.end()) continue;
                reported.push_back(pair);
                const ImGuiWindow* window = windowOf(qa.list);
                problems.push_back(fmt::format("{}: \"{}\" at ({:.0f}, {:.0f}) overlaps \"{}\" at ({:.0f}, {:.0f})", window ? window->Name : "?",
                                               glyphText(qa.glyph), qa.min.x, qa.min.y, glyphText(qb.glyph), qb.min.x, qb.min.y));
            }
        }
    }
    // The screen itself never scrolls: its regions do. Content beyond the window is out of reach.
    for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->Active && !(w->Flags & ImGuiWindowFlags_ChildWindow) && w->ScrollMax.y > 0.5f)
            problems.push_back(fmt::format("{}: the screen is {:.0f} px taller than the window", w->Name, w->ScrollMax.y));
    for (const auto& t : targets) {
        const bool visible = t.max.x > t.clipMin.x && t.min.x < t.clipMax.x && t.max.y > t.clipMin.y && t.min.y < t.clipMax.y;
        if (visible && t.max.y - t.min.y < ui::theme::kMinTouch - 0.5f)
            problems.push_back(fmt::format("touch target \"{}\" is {:.0f} px tall (at least {:.0f})", t.label, t.max.y - t.min.y,
                                           ui::theme::kMinTouch));
    }
    return problems;
}

// Draws the current screen until it settles and returns what is wrong with the last frame.
inline std::vector<std::string> drawAndCheck(test::HeadlessUi& ui, ui::AppState& state) {
    ImGui::GetStyle().AntiAliasedLinesUseTex = false;  // so that only glyphs are textured
    ui.frames(3);
    ui::collectTouchTargets(true);
    ui.frames(1);
    auto problems = test::layoutProblems(state, ui::takeTouchTargets());
    ui::collectTouchTargets(false);
    return problems;
}

inline void report(const std::string& scene, const std::vector<std::string>& problems) {
    std::string text;
    for (std::size_t i = 0; i < problems.size() && i < 8; ++i) text += "\n  " + problems[i];
    if (problems.size() > 8) text += fmt::format("\n  … and {} more", problems.size() - 8);
    CHECK_MESSAGE(problems.empty(), scene << ":" << text);
}

}  // namespace kiosk::test
