// Touch scrolling: a finger pressed anywhere in a scrolling region and dragged scrolls it, in
// both directions, and a quick flick keeps it moving for a moment. Once a press has moved
// further than a tap would, it belongs to the scroll: the button under the finger does not fire.
#pragma once

#include <imgui.h>

namespace kiosk::ui {

struct TouchScroll {
    ImGuiID window = 0;        // the region being dragged (0: none)
    ImVec2 startScroll{};      // its scroll position when the finger went down
    bool dragging = false;     // the press moved beyond a tap
    ImVec2 velocity{};         // logical pixels per second, for the flick after release
};

// Call once per frame after ImGui::NewFrame and before the screens begin their windows.
// Returns true while the region is still moving after a flick (the caller keeps drawing).
bool touchScroll(TouchScroll& touch);

// How far a press may move and still be a tap, in logical pixels.
inline constexpr float kTapSlop = 12.0f;

}  // namespace kiosk::ui
