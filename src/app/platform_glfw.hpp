// The real window: GLFW with an OpenGL 3 context and ImGui's GLFW/OpenGL3 backends.
#pragma once

#include <string>

#include "ui/platform.hpp"
#include "util/result.hpp"

struct GLFWwindow;

namespace kiosk::app {

class GlfwPlatform final : public ui::Platform {
public:
    // Creates the window and the ImGui context's backends; the ImGui context must exist.
    static Result<GlfwPlatform*> create(const std::string& title, int width, int height, bool fullscreen);
    ~GlfwPlatform() override;

    bool shouldClose() override;
    void waitForEvents(double timeoutSeconds) override;
    void pollEvents() override;
    void beginFrame() override;
    void endFrame() override;
    void rebuildFontTexture() override;

    // Input arrived since the last call (mouse, keys, resize, expose).
    bool takeActivity();
    // Key, character or button events not yet handed to ImGui (one change per frame).
    bool hasQueuedInput() const;

    // The window's size in screen coordinates and the monitor's content scale (DPI / 96).
    void windowSize(int& width, int& height) const;
    float contentScale() const;
    // In kiosk mode a request to close the window (the window manager, Alt+F4) is held back and
    // reported here instead, so that the screens can ask for the admin PIN first.
    void holdCloseRequests(bool hold);
    bool takeCloseRequest();
    // The screens are laid out in logical pixels; each is drawn as `scale` pixels of the window.
    void setScale(float scale) { m_scale = scale; }

private:
    explicit GlfwPlatform(GLFWwindow* window) : m_window(window) {}
    GLFWwindow* m_window;
    double m_lastCursorX = -1, m_lastCursorY = -1;  // where the pointer was at the previous frame
    float m_scale = 1.0f;
    bool m_alphaTexture = false;     // the atlas goes up as a one-channel texture of our own
    unsigned int m_fontTexture = 0;  // that texture (the renderer keeps a small one of its own)
};

}  // namespace kiosk::app
