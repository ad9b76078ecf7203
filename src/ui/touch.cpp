// Drag-to-scroll for every scrolling window and child region, found under the finger rather
// than listed by each screen, so a region added later scrolls by touch without more code.
#include "ui/touch.hpp"

#include <imgui_internal.h>

#include <cmath>

namespace kiosk::ui {
namespace {

// The window under the finger, or the nearest parent of it, that can scroll.
ImGuiWindow* scrollableAt(ImGuiWindow* window) {
    for (; window; window = window->ParentWindow) {
        if (window->ScrollMax.x > 0 || window->ScrollMax.y > 0) return window;
        if (!(window->Flags & ImGuiWindowFlags_ChildWindow)) break;
    }
    return nullptr;
}

// Whether the press went to something that owns drags itself: a scrollbar or a text field.
bool pressOwnsDrag(ImGuiWindow* window) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (g.ActiveId == 0) return false;
    if (g.ActiveId == g.InputTextState.ID) return true;
    for (ImGuiWindow* w = window; w; w = w->ParentWindow)
        if (g.ActiveId == ImGui::GetWindowScrollbarID(w, ImGuiAxis_X) || g.ActiveId == ImGui::GetWindowScrollbarID(w, ImGuiAxis_Y))
            return true;
    return false;
}

void scrollTo(ImGuiWindow* window, ImVec2 scroll) {
    ImGui::SetScrollX(window, ImClamp(scroll.x, 0.0f, window->ScrollMax.x));
    ImGui::SetScrollY(window, ImClamp(scroll.y, 0.0f, window->ScrollMax.y));
}

}  // namespace

bool touchScroll(TouchScroll& touch) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiIO& io = g.IO;

    if (io.MouseClicked[0]) {
        ImGuiWindow* window = scrollableAt(g.HoveredWindow);
        touch = {};
        if (window) touch = {window->ID, window->Scroll, false, {}};
        return false;
    }
    ImGuiWindow* window = touch.window ? ImGui::FindWindowByID(touch.window) : nullptr;
    if (!window) {
        touch = {};
        return false;
    }

    if (io.MouseDown[0]) {
        const ImVec2 moved{io.MousePos.x - io.MouseClickedPos[0].x, io.MousePos.y - io.MouseClickedPos[0].y};
        if (!touch.dragging) {
            if (std::hypot(moved.x, moved.y) < kTapSlop || pressOwnsDrag(window)) return false;
            touch.dragging = true;
            ImGui::ClearActiveID();  // the press is a scroll now, not a tap on what lies under it
        }
        scrollTo(window, {touch.startScroll.x - moved.x, touch.startScroll.y - moved.y});
        if (io.DeltaTime > 0) {
            // Smoothed, so the flick follows the last few frames rather than the very last one.
            const ImVec2 step{-io.MouseDelta.x / io.DeltaTime, -io.MouseDelta.y / io.DeltaTime};
            touch.velocity = {touch.velocity.x * 0.5f + step.x * 0.5f, touch.velocity.y * 0.5f + step.y * 0.5f};
        }
        return false;
    }

    // Released: a drag carries on with its speed and slows down; a tap leaves the region alone.
    if (!touch.dragging) {
        touch = {};
        return false;
    }
    constexpr float kStopBelow = 20.0f;  // px/s
    constexpr float kFriction = 6.0f;    // 1/s: most of the speed is gone in a third of a second
    if (std::hypot(touch.velocity.x, touch.velocity.y) < kStopBelow || io.MouseWheel != 0) {
        touch = {};
        return false;
    }
    const float dt = io.DeltaTime > 0 ? std::min(io.DeltaTime, 0.05f) : 1.0f / 60.0f;
    const ImVec2 next{ImClamp(window->Scroll.x + touch.velocity.x * dt, 0.0f, window->ScrollMax.x),
                      ImClamp(window->Scroll.y + touch.velocity.y * dt, 0.0f, window->ScrollMax.y)};
    if (next.x == window->Scroll.x && next.y == window->Scroll.y) {  // at the end of the list
        touch = {};
        return false;
    }
    scrollTo(window, next);
    const float keep = std::exp(-kFriction * dt);
    touch.velocity = {touch.velocity.x * keep, touch.velocity.y * keep};
    return true;
}

}  // namespace kiosk::ui
