// Shared drawing helpers: wrapped bilingual text, large touch-friendly buttons, the header bar.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "ui/app_state.hpp"
#include "ui/text_layout.hpp"

namespace kiosk::ui {

namespace theme {
inline constexpr float kTouchHeight = 72.0f;   // navigation buttons
inline constexpr float kMinTouch = 48.0f;      // the smallest any touch target may be
inline constexpr float kOptionHeight = 62.0f;  // answer options (still well above a fingertip)
inline constexpr float kOptionSpacing = 10.0f;
inline constexpr float kPadding = 24.0f;
inline constexpr float kHeaderHeight = 76.0f;
inline constexpr float kFooterHeight = 104.0f;
inline const ImVec4 kAccent{0.10f, 0.40f, 0.62f, 1.0f};
inline const ImVec4 kAccentHover{0.14f, 0.46f, 0.70f, 1.0f};
inline const ImVec4 kSelected{0.06f, 0.46f, 0.33f, 1.0f};
inline const ImVec4 kMuted{0.36f, 0.39f, 0.44f, 1.0f};
inline const ImVec4 kWarning{0.54f, 0.33f, 0.0f, 1.0f};  // dark amber: over 5:1 on the light boxes
inline const ImVec4 kError{0.72f, 0.12f, 0.12f, 1.0f};
inline const ImVec4 kPanel{0.95f, 0.96f, 0.98f, 1.0f};
inline const ImVec4 kText{0.10f, 0.12f, 0.16f, 1.0f};
inline const ImVec4 kWhite{1.0f, 1.0f, 1.0f, 1.0f};
inline const ImVec4 kFrame{0.93f, 0.94f, 0.96f, 1.0f};  // text fields
inline const ImVec4 kGoodFill{0.86f, 0.94f, 0.89f, 1.0f};     // reached, current, a good choice
inline const ImVec4 kCautionFill{1.0f, 0.96f, 0.88f, 1.0f};   // a question before something is given up
inline const ImVec4 kHoverFill{0.90f, 0.93f, 0.97f, 1.0f};    // a row under the pointer
inline const ImVec4 kControlEdge{0.40f, 0.44f, 0.50f, 1.0f};  // the box of a checkbox or radio button
}  // namespace theme

// The colour of a decision on outside help, from red (urgent) to green (not needed).
ImVec4 decisionColour(scoring::Decision decision);

void applyTheme();

// Width of a code point in `font` drawn at `size` pixels, for line breaking.
AdvanceFn glyphAdvance(ImFont* font, float size);

// Text wrapped to the available width (or `width` when > 0) with Japanese line-break rules.
void wrappedText(std::string_view text, ImFont* font = nullptr, float width = 0, const ImVec4* color = nullptr);
// "File: /the/whole/path": where a file named by a path a person typed will be read or written (a
// relative name lands in the kiosk's folder), muted, under the path field.
void fullPathLine(AppState& state, const std::string& path, ImFont* font = nullptr, float width = 0);

// A large button; `selected` draws it in the selection colour, `enabled = false` greys it out
// and makes it inert. Returns true when pressed.
bool bigButton(const char* label, ImVec2 size, bool selected = false, bool enabled = true);

// An answer option: full width, as tall as its wrapped label needs (at least a touch target),
// with its keyboard number in a badge. Selected options are filled, in `selectedFill` when given
// (an exercise's chosen option that was not the best must not look like the right one). Returns
// true when pressed.
bool optionButton(const char* id, std::string_view label, std::string_view badge, float width, bool selected,
                  float minHeight = theme::kOptionHeight, const ImVec4* selectedFill = nullptr);

// Draws `body` inside a rounded box as tall as its content (ImGui 1.86 child windows cannot size
// themselves to their content). `body` receives the inner width to lay its text out in.
// `borderWidth` 0 draws no border. `width` > 0 sets the box's width (boxes side by side);
// otherwise it fills the available width.
void box(const std::function<void(float innerWidth)>& body, const ImVec4& fill = theme::kPanel, const ImVec4* border = nullptr,
         float borderWidth = 1.0f, float width = 0);

// A button a screen puts into the header bar (left of Home); `pressed` is set when tapped.
// A group of chips, one chosen, wrapping onto the next line where the row is full; `sameLine`
// continues the row of the group before. Returns true when another was chosen.
template <typename T>
inline bool chips(const char* id, const std::vector<std::pair<T, std::string>>& choices, T& value, bool sameLine = false) {
    bool changed = false;
    ImGui::PushID(id);
    for (std::size_t i = 0; i < choices.size(); ++i) {
        const std::string& label = choices[i].second;
        const float width = ImGui::CalcTextSize(label.c_str()).x + 40;
        if (i > 0 || sameLine) {
            ImGui::SameLine(0, i == 0 ? 32 : 8);  // a wider gap between groups
            if (ImGui::GetCursorPosX() + width > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
        }
        if (bigButton((label + "##" + std::to_string(i)).c_str(), {width, theme::kMinTouch}, value == choices[i].first)) {
            value = choices[i].first;
            changed = true;
        }
    }
    ImGui::PopID();
    return changed;
}

struct HeaderTool {
    std::string label;
    bool selected = false;
    bool pressed = false;
};

// The bar at the top of every screen: title on the left, language switch on the right, a
// "home" button when `homeButton` is set, and the screen's own tools before it. Returns true
// when home was pressed.
bool headerBar(AppState& state, std::string_view title, bool homeButton, std::vector<HeaderTool>* tools = nullptr);

// An on-screen keypad, three rows so that it fits beside a field on the smallest screen: digits,
// delete (←) and clear, and a fourth row for the decimal point and the minus sign when asked for.
// Edits `buffer` (at most `maxLength` characters); returns true when a key changed it.
bool keypad(std::string& buffer, const std::string& clearLabel, bool decimal = false, bool minus = false,
            std::size_t maxLength = 24);

// A banner for an error message a person must see.
void errorBanner(std::string_view message);

// Whether a key was pressed this frame and no text field has the keyboard.
bool keyPressed(int key);

// Every control a finger can press is drawn through the functions of this file, which note its
// rectangle while collecting is on, so that a test can hold each of them to the 48 px minimum.
// Screens call these instead of ImGui's own (a test checks that they do).
struct TouchTarget {
    ImVec2 min, max;
    ImVec2 clipMin, clipMax;  // of the window it lies in: parts outside are not on screen
    std::string label;
};
void collectTouchTargets(bool on);
std::vector<TouchTarget> takeTouchTargets();
// Notes the last item drawn as a touch target.
void noteTouchTarget(std::string_view label);

bool selectable(const char* label, bool selected, ImGuiSelectableFlags flags = 0, ImVec2 size = {0, 0});
// An area the screen draws itself (a list row); `label` names it for the touch-target check.
bool touchArea(const char* id, std::string_view label, ImVec2 size);
bool checkbox(const char* label, bool* value);
bool radioButton(const char* label, bool active);
// A drop-down whose closed box and whose items are all at least a touch target tall.
bool beginCombo(const char* id, const char* preview);
void endCombo();
// A one-line field; returns true on Enter when `flags` has EnterReturnsTrue, else on every change.
bool inputText(const char* id, const char* hint, char* buffer, std::size_t size, ImGuiInputTextFlags flags = 0);
bool inputTextMultiline(const char* id, char* buffer, std::size_t size, ImVec2 box);
// A one-line field bound to a string (up to `capacity` - 1 bytes); characters the font atlas lacks
// are drawn from the next frame on. Returns true when the text changed.
bool textField(AppState& state, const char* id, std::string& value, float width, const char* hint = "", std::size_t capacity = 256);
// The same for text of several lines, in a box of `size`.
bool textArea(AppState& state, const char* id, std::string& value, ImVec2 size, std::size_t capacity);
// A table's header row, tall enough to tap (sorting columns are sorted by a tap on the header);
// a column with a note shows it on a second line under its name.
void tableHeaders(int columns, const std::vector<std::string>& notes = {});

}  // namespace kiosk::ui
