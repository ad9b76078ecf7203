// GLFW + OpenGL 3 platform. Our input callbacks are installed before ImGui's, which chain to
// them, so that the loop knows when something happened and can sleep otherwise.
#include "app/platform_glfw.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <GL/gl.h>

#include <fmt/format.h>

namespace kiosk::app {
namespace {

bool g_activity = true;

void markActivity() { g_activity = true; }

void onError(int code, const char* description) { fmt::print(stderr, "medsec-kiosk: GLFW error {}: {}\n", code, description); }

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
    }
    GLFWwindow* window = glfwCreateWindow(width, height, title.c_str(), monitor, nullptr);
    if (!window) {
        glfwTerminate();
        return Error{"cannot create an OpenGL 3 window; check the graphics driver (Mesa) is installed"};
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);

    glfwSetCursorPosCallback(window, [](GLFWwindow*, double, double) { markActivity(); });
    glfwSetMouseButtonCallback(window, [](GLFWwindow*, int, int, int) { markActivity(); });
    glfwSetScrollCallback(window, [](GLFWwindow*, double, double) { markActivity(); });
    glfwSetKeyCallback(window, [](GLFWwindow*, int, int, int, int) { markActivity(); });
    glfwSetCharCallback(window, [](GLFWwindow*, unsigned int) { markActivity(); });
    glfwSetWindowFocusCallback(window, [](GLFWwindow*, int) { markActivity(); });
    glfwSetCursorEnterCallback(window, [](GLFWwindow*, int) { markActivity(); });
    glfwSetFramebufferSizeCallback(window, [](GLFWwindow*, int, int) { markActivity(); });
    glfwSetWindowRefreshCallback(window, [](GLFWwindow*) { markActivity(); });

    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    return new GlfwPlatform(window);
}

GlfwPlatform::~GlfwPlatform() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    glfwDestroyWindow(m_window);
    glfwTerminate();
}

bool GlfwPlatform::shouldClose() { return glfwWindowShouldClose(m_window); }

void GlfwPlatform::waitForEvents(double timeoutSeconds) { glfwWaitEventsTimeout(timeoutSeconds); }

void GlfwPlatform::pollEvents() { glfwPollEvents(); }

void GlfwPlatform::beginFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
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

bool GlfwPlatform::takeActivity() {
    const bool had = g_activity;
    g_activity = false;
    return had;
}

}  // namespace kiosk::app
