// A headless ImGui platform for tests: no window, no GPU; frames are built and discarded, and
// input is injected directly into ImGuiIO.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>

#include "ui/app_state.hpp"
#include "ui/fonts.hpp"
#include "ui/platform.hpp"
#include "ui/widgets.hpp"

namespace kiosk::test {

inline constexpr const char* kFontPath = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

// Key codes as GLFW numbers them, so that digits are their ASCII codes as in the real kiosk.
enum Key { Enter = 257, Tab = 258, Backspace = 259, Escape = 256, Right = 262, Left = 263, Down = 264, Up = 265 };

class HeadlessUi final : public ui::Platform {
public:
    // `width` × `height` logical pixels; `scale` physical pixels per logical one (the fonts are
    // rasterised at that size, as in the kiosk).
    explicit HeadlessUi(ui::AppState& state, float width = 1280, float height = 800, float scale = 1.0f) : m_state(state) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = {width, height};
        io.KeyMap[ImGuiKey_Enter] = Enter;
        io.KeyMap[ImGuiKey_KeyPadEnter] = 335;
        io.KeyMap[ImGuiKey_Tab] = Tab;
        io.KeyMap[ImGuiKey_Escape] = Escape;
        io.KeyMap[ImGuiKey_Backspace] = Backspace;
        io.KeyMap[ImGuiKey_LeftArrow] = Left;
        io.KeyMap[ImGuiKey_RightArrow] = Right;
        io.KeyMap[ImGuiKey_UpArrow] = Up;
        io.KeyMap[ImGuiKey_DownArrow] = Down;
        m_fontStatus = ui::loadFonts(state, kFontPath, ui::textToShow(state), scale);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        ui::applyTheme();
    }
    ~HeadlessUi() override { ImGui::DestroyContext(); }
    HeadlessUi(const HeadlessUi&) = delete;
    HeadlessUi& operator=(const HeadlessUi&) = delete;

    const Status& fontStatus() const { return m_fontStatus; }

    bool shouldClose() override { return false; }
    void waitForEvents(double) override {}
    void pollEvents() override {}
    void beginFrame() override { ImGui::GetIO().DeltaTime = 1.0f / 60.0f; }
    void endFrame() override {}

    // Draws `n` frames of the current screen; returns the vertices of the last one.
    int frames(int n = 1) {
        int vertices = 0;
        for (int i = 0; i < n; ++i) {
            if (m_state.fontsStale) {  // as the kiosk does after a frame that met new characters
                m_state.fontsStale = false;
                m_fontStatus = ui::loadFonts(m_state, kFontPath, ui::textToShow(m_state), m_state.scale);
                unsigned char* pixels = nullptr;
                int w = 0, h = 0;
                ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
            }
            beginFrame();
            ImGui::NewFrame();
            ui::drawFrame(m_state);
            ImGui::Render();
            endFrame();
            vertices = ImGui::GetDrawData()->TotalVtxCount;
        }
        return vertices;
    }

    // Presses and releases a key over two frames, then lets the UI settle.
    void press(int key) {
        ImGui::GetIO().KeysDown[key] = true;
        frames(1);
        ImGui::GetIO().KeysDown[key] = false;
        frames(2);
    }

    // A finger pressed at `from`, moved to `to` in `steps` frames, and lifted.
    void drag(ImVec2 from, ImVec2 to, int steps = 8) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = from;
        frames(1);
        io.MouseDown[0] = true;
        frames(1);
        for (int i = 1; i <= steps; ++i) {
            const float t = static_cast<float>(i) / static_cast<float>(steps);
            io.MousePos = {from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t};
            frames(1);
        }
        io.MouseDown[0] = false;
        frames(1);
    }

    // Taps the touch target whose label (before any "##", or the whole label for one that starts
    // with "##") is `label`: the `nth` such target, from 0, in drawing order; false when none is.
    bool tap(std::string_view label, int nth = 0) {
        ui::collectTouchTargets(true);
        frames(1);
        const auto targets = ui::takeTouchTargets();
        ui::collectTouchTargets(false);
        for (const auto& t : targets) {
            if (std::string_view(t.label).substr(0, t.label.find("##")) != label && t.label != label) continue;
            if (nth-- > 0) continue;
            click((t.min.x + t.max.x) / 2, (t.min.y + t.max.y) / 2);
            return true;
        }
        return false;
    }

    // Clicks at a screen position.
    void click(float x, float y) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = {x, y};
        frames(1);
        io.MouseDown[0] = true;
        frames(1);
        io.MouseDown[0] = false;
        frames(2);
    }

private:
    ui::AppState& m_state;
    Status m_fontStatus;
};

}  // namespace kiosk::test
