// The window system behind the screens, kept to a small interface so that tests can draw every
// screen with a headless implementation and no window.
#pragma once

namespace kiosk::ui {

class Platform {
public:
    virtual ~Platform() = default;
    virtual bool shouldClose() = 0;
    // Blocks until there is input or the timeout passes: an idle kiosk does no work.
    virtual void waitForEvents(double timeoutSeconds) = 0;
    virtual void pollEvents() = 0;
    // Around ImGui::NewFrame / ImGui::Render.
    virtual void beginFrame() = 0;
    virtual void endFrame() = 0;
    // Uploads the font atlas again after it was rebuilt.
    virtual void rebuildFontTexture() {}
};

}  // namespace kiosk::ui
