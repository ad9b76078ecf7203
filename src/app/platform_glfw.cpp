// GLFW + OpenGL 3 platform. ImGui 1.86 samples key and button state once per frame, so a tap
// whose press and release arrive in the same poll would be lost, and keys typed quickly would be
// seen out of order with the screens they change. Input is therefore queued here and handed to
// ImGui's GLFW backend one key or button change per frame, in order; the loop keeps drawing
// while the queue is not empty, and sleeps otherwise.
#include "app/platform_glfw.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <GL/gl.h>
#include <GL/glext.h>

#include <fmt/format.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <utility>

namespace kiosk::app {
namespace {

struct InputEvent {
    enum class Type { Key, Char, MouseButton, Scroll };
    Type type;
    int a = 0, b = 0, c = 0, d = 0;  // key: key, scancode, action, mods; button: button, action, mods
    double x = 0, y = 0;              // scroll offsets
    unsigned int codepoint = 0;
};

bool g_activity = true;
bool g_holdClose = false;
bool g_closeRequested = false;
std::deque<InputEvent> g_queue;

void markActivity() { g_activity = true; }

// Once the texture is on the GPU the atlas's pixels (8-bit and any 32-bit copy) are no longer
// needed, and the heap they and the font bytes took is handed back to the system.
void releaseFontPixels() {
    ImGui::GetIO().Fonts->ClearTexData();
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

// Whether the context can show a one-channel texture as white with that channel as alpha
// (texture swizzle: OpenGL 3.3, or ARB_texture_swizzle).
bool canSwizzle() {
    const char* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    int major = 0, minor = 0;
    if (version && std::sscanf(version, "%d.%d", &major, &minor) == 2 && (major > 3 || (major == 3 && minor >= 3))) return true;
    const char* extensions = reinterpret_cast<const char*>(glGetString(GL_EXTENSIONS));
    return extensions && std::strstr(extensions, "GL_ARB_texture_swizzle");
}

void onError(int code, const char* description) { fmt::print(stderr, "medsec-kiosk: GLFW error {}: {}\n", code, description); }

void installCallbacks(GLFWwindow* window) {
    glfwSetKeyCallback(window, [](GLFWwindow*, int key, int scancode, int action, int mods) {
        markActivity();
        g_queue.push_back({InputEvent::Type::Key, key, scancode, action, mods});
    });
    glfwSetCharCallback(window, [](GLFWwindow*, unsigned int c) {
        markActivity();
        InputEvent e{InputEvent::Type::Char};
        e.codepoint = c;
        g_queue.push_back(e);
    });
    glfwSetMouseButtonCallback(window, [](GLFWwindow*, int button, int action, int mods) {
        markActivity();
        g_queue.push_back({InputEvent::Type::MouseButton, button, action, mods});
    });
    glfwSetScrollCallback(window, [](GLFWwindow*, double x, double y) {
        markActivity();
        InputEvent e{InputEvent::Type::Scroll};
        e.x = x, e.y = y;
        g_queue.push_back(e);
    });
    glfwSetCursorPosCallback(window, [](GLFWwindow*, double, double) { markActivity(); });
    glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int focused) {
        markActivity();
        ImGui_ImplGlfw_WindowFocusCallback(w, focused);
    });
    glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int entered) {
        markActivity();
        ImGui_ImplGlfw_CursorEnterCallback(w, entered);
    });
    glfwSetFramebufferSizeCallback(window, [](GLFWwindow*, int, int) { markActivity(); });
    glfwSetWindowRefreshCallback(window, [](GLFWwindow*) { markActivity(); });
    glfwSetWindowCloseCallback(window, [](GLFWwindow* w) {
        markActivity();
        if (!g_holdClose) return;
        glfwSetWindowShouldClose(w, GLFW_FALSE);
        g_closeRequested = true;
    });
}

}  // namespace

Result<GlfwPlatform*> GlfwPlatform::create(const std::string& title, int width, int height, bool fullscreen) {
    glfwSetErrorCallback(onError);
    if (!glfwInit()) return Error{"cannot open a window: no display (is DISPLAY set, or is an X server running?)"};
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWmonitor* monitor = fullscreen ? glfwGetPrimaryMonitor() : nullptr;
    if (monitor) {
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        width = mode->width;
        height = mode->height;
    } else if (GLFWmonitor* screen = glfwGetPrimaryMonitor()) {
        // A window never larger than the screen (a 1280x800 window on a 1024x600 panel would hide
        // its right and bottom edges).
        if (const GLFWvidmode* mode = glfwGetVideoMode(screen)) {
            width = std::min(width, mode->width);
            height = std::min(height, mode->height);
        }
    }
    GLFWwindow* window = glfwCreateWindow(width, height, title.c_str(), monitor, nullptr);
    if (!window) {
        glfwTerminate();
        return Error{"cannot create an OpenGL 3 window; check the graphics driver (Mesa) is installed"};
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    installCallbacks(window);
    ImGui_ImplGlfw_InitForOpenGL(window, false);  // input reaches the backend through our queue
    ImGui_ImplOpenGL3_Init("#version 130");
    auto* platform = new GlfwPlatform(window);
    if (canSwizzle()) {
        // The renderer's own objects now, while the atlas is still empty: its font texture is
        // then ImGui's small default one, and the kiosk's atlas goes up as one byte a pixel
        // (uploadFontTexture) instead of being widened to four.
        ImGui_ImplOpenGL3_CreateDeviceObjects();
        platform->m_alphaTexture = true;
    }
    return platform;
}

GlfwPlatform::~GlfwPlatform() {
    if (m_fontTexture) glDeleteTextures(1, &m_fontTexture);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    glfwDestroyWindow(m_window);
    glfwTerminate();
}

bool GlfwPlatform::shouldClose() { return glfwWindowShouldClose(m_window); }

void GlfwPlatform::waitForEvents(double timeoutSeconds) { glfwWaitEventsTimeout(timeoutSeconds); }

void GlfwPlatform::pollEvents() { glfwPollEvents(); }

bool GlfwPlatform::hasQueuedInput() const { return !g_queue.empty(); }

void GlfwPlatform::beginFrame() {
    // A tap moves the pointer and presses in one go. Some widgets count as hovered only when they
    // were hovered the frame before, so the pointer's new position gets a frame of its own before
    // the press is handed over.
    double x = 0, y = 0;
    glfwGetCursorPos(m_window, &x, &y);
    const bool moved = x != m_lastCursorX || y != m_lastCursorY;
    m_lastCursorX = x;
    m_lastCursorY = y;
    const bool pressNext = !g_queue.empty() && g_queue.front().type == InputEvent::Type::MouseButton && g_queue.front().b == GLFW_PRESS;

    // Hand over queued input up to and including the first key or button change.
    while (!g_queue.empty() && !(moved && pressNext)) {
        const InputEvent e = g_queue.front();
        g_queue.pop_front();
        bool stateChange = false;
        switch (e.type) {
        case InputEvent::Type::Key:
            ImGui_ImplGlfw_KeyCallback(m_window, e.a, e.b, e.c, e.d);
            stateChange = e.c != GLFW_REPEAT;
            break;
        case InputEvent::Type::Char:
            ImGui_ImplGlfw_CharCallback(m_window, e.codepoint);
            break;
        case InputEvent::Type::MouseButton:
            ImGui_ImplGlfw_MouseButtonCallback(m_window, e.a, e.b, e.c);
            stateChange = true;
            break;
        case InputEvent::Type::Scroll:
            ImGui_ImplGlfw_ScrollCallback(m_window, e.x, e.y);
            break;
        }
        if (stateChange) break;
    }
    if (ImGui::GetIO().Fonts->TexPixelsAlpha8) rebuildFontTexture();  // an atlas not uploaded yet
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // The backend speaks in window pixels; the screens in logical ones. The renderer maps them
    // back through the framebuffer scale, and the fonts are rasterised at the physical size.
    if (m_scale != 1.0f) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = {io.DisplaySize.x / m_scale, io.DisplaySize.y / m_scale};
        io.DisplayFramebufferScale = {io.DisplayFramebufferScale.x * m_scale, io.DisplayFramebufferScale.y * m_scale};
        if (ImGui::IsMousePosValid(&io.MousePos)) io.MousePos = {io.MousePos.x / m_scale, io.MousePos.y / m_scale};
    }
}

void GlfwPlatform::holdCloseRequests(bool hold) { g_holdClose = hold; }

bool GlfwPlatform::takeCloseRequest() { return std::exchange(g_closeRequested, false); }

void GlfwPlatform::windowSize(int& width, int& height) const { glfwGetWindowSize(m_window, &width, &height); }

float GlfwPlatform::contentScale() const {
    float x = 1, y = 1;
    glfwGetWindowContentScale(m_window, &x, &y);
    return std::max(x, y);
}

void GlfwPlatform::endFrame() {
    int width = 0, height = 0;
    glfwGetFramebufferSize(m_window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(m_window);
}

void GlfwPlatform::rebuildFontTexture() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (!m_alphaTexture) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
        releaseFontPixels();
        return;
    }
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas->GetTexDataAsAlpha8(&pixels, &width, &height);
    GLint bound = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &bound);
    if (m_fontTexture) glDeleteTextures(1, &m_fontTexture);
    glGenTextures(1, &m_fontTexture);
    glBindTexture(GL_TEXTURE_2D, m_fontTexture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    static const GLint whiteWithAlpha[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, whiteWithAlpha);
    GLint alignment = 4;
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(bound));
    atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(m_fontTexture)));
    releaseFontPixels();
}

bool GlfwPlatform::takeActivity() {
    const bool had = g_activity;
    g_activity = false;
    return had;
}

}  // namespace kiosk::app
