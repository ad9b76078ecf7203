// A headless ImGui platform for tests: no window, no GPU; frames are built and discarded, and
// input is injected directly into ImGuiIO.
#pragma once

#include <imgui.h>

#include <string>

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
    explicit HeadlessUi(ui::AppState& state, float width = 1280, float height = 800) : m_state(state) {
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
        m_fontStatus = ui::loadFonts(state, kFontPath, ui::textToShow(state));
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
