// The bare baseline of the launch and memory figures: the smallest Dear ImGui program with the
// kiosk's window, backends and font — GLFW, OpenGL 3, Noto Sans CJK with ImGui's Japanese glyph
// range at the kiosk's body size — drawing one window. Nothing of the kiosk is linked in.
// Like the kiosk, it marks its first drawn frame when MEDSEC_KIOSK_FIRST_FRAME names a file.
// Usage: kiosk_bench_bare [font file]
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <GL/gl.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace {

constexpr const char* kDefaultFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

// The monotonic clock in nanoseconds, the same clock the kiosk and the launch bench read.
long long monotonicNanoseconds() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
    const char* fontPath = argc > 1 ? argv[1] : kDefaultFont;
    if (!glfwInit()) {
        std::fprintf(stderr, "kiosk_bench_bare: no display\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(1280, 800, "bare", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "kiosk_bench_bare: cannot create an OpenGL 3 window\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    if (!io.Fonts->AddFontFromFileTTF(fontPath, 26.0f, nullptr, io.Fonts->GetGlyphRangesJapanese())) {
        std::fprintf(stderr, "kiosk_bench_bare: cannot load %s\n", fontPath);
        return 1;
    }

    const char* markPath = std::getenv("MEDSEC_KIOSK_FIRST_FRAME");
    const bool exitAfterFirst = std::getenv("MEDSEC_KIOSK_FIRST_FRAME_EXIT") != nullptr;
    bool marked = false;
    while (!glfwWindowShouldClose(window)) {
        // As the kiosk: draw when something happens, sleep otherwise.
        if (marked) glfwWaitEventsTimeout(10.0);
        else glfwPollEvents();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos({0, 0});
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("bare", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::TextUnformatted("医療機関の情報セキュリティ自己評価");
        ImGui::End();
        ImGui::Render();
        int width = 0, height = 0;
        glfwGetFramebufferSize(window, &width, &height);
        glViewport(0, 0, width, height);
        glClearColor(1, 1, 1, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window);
        if (!marked) {
            marked = true;
            if (markPath) {
                if (std::FILE* f = std::fopen(markPath, "w")) {
                    std::fprintf(f, "%lld\n", monotonicNanoseconds());
                    std::fclose(f);
                }
            }
            if (exitAfterFirst) break;
        }
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
