// Drawing helpers shared by the screens.
#include "ui/widgets.hpp"

#include "ui/text_layout.hpp"

namespace kiosk::ui {

void applyTheme() {
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 0;
    style.FrameRounding = 10;
    style.ChildRounding = 12;
    style.GrabRounding = 8;
    style.ScrollbarSize = 22;
    style.FramePadding = {16, 12};
    style.ItemSpacing = {14, 14};
    style.WindowPadding = {theme::kPadding, theme::kPadding};
    style.TouchExtraPadding = {4, 4};
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = {1.0f, 1.0f, 1.0f, 1.0f};
    c[ImGuiCol_ChildBg] = theme::kPanel;
    c[ImGuiCol_Text] = {0.10f, 0.12f, 0.16f, 1.0f};
    c[ImGuiCol_Button] = theme::kAccent;
    c[ImGuiCol_ButtonHovered] = theme::kAccentHover;
    c[ImGuiCol_ButtonActive] = {0.06f, 0.30f, 0.50f, 1.0f};
    c[ImGuiCol_FrameBg] = {0.93f, 0.94f, 0.96f, 1.0f};
    c[ImGuiCol_PlotHistogram] = theme::kSelected;
    c[ImGuiCol_Border] = {0.80f, 0.82f, 0.86f, 1.0f};
}

void wrappedText(std::string_view text, ImFont* font, float width, const ImVec4* color) {
    if (font) ImGui::PushFont(font);
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
    ImFont* f = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / f->FontSize;
    const float available = width > 0 ? width : ImGui::GetContentRegionAvail().x;
    const auto lines = breakLines(text, available, [&](char32_t c) {
        return c > 0xFFFF ? f->FallbackAdvanceX * scale : f->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
    });
    for (const auto& line : lines) ImGui::TextUnformatted(line.data(), line.data() + line.size());
    if (color) ImGui::PopStyleColor();
    if (font) ImGui::PopFont();
}

bool bigButton(const char* label, ImVec2 size, bool selected, bool enabled) {
    if (selected) {
        ImGui::PushStyleColor(ImGuiCol_Button, theme::kSelected);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::kSelected);
    }
    if (!enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::Button(label, size);
    if (!enabled) ImGui::EndDisabled();
    if (selected) ImGui::PopStyleColor(2);
    return pressed && enabled;
}

bool headerBar(AppState& state, std::string_view title, bool homeButton) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled({origin.x - theme::kPadding, origin.y - theme::kPadding},
                        {origin.x + width + theme::kPadding, origin.y + theme::kHeaderHeight - theme::kPadding},
                        ImGui::GetColorU32(theme::kAccent));

    bool home = false;
    const float buttonHeight = theme::kHeaderHeight - theme::kPadding - 16;
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4{1, 1, 1, 1});
    ImGui::SetCursorScreenPos({origin.x, origin.y - theme::kPadding + (theme::kHeaderHeight - ImGui::GetFontSize()) / 2 - 2});
    ImGui::TextUnformatted(title.data(), title.data() + title.size());
    ImGui::PopStyleColor();

    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4{1, 1, 1, 0.18f});
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4{1, 1, 1, 0.30f});
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4{1, 1, 1, 1});
    const std::string& other = state.tr("header.switch_language");
    const std::string& homeLabel = state.tr("header.home");
    const float langWidth = ImGui::CalcTextSize(other.c_str()).x + 40;
    const float homeWidth = homeButton ? ImGui::CalcTextSize(homeLabel.c_str()).x + 40 : 0;
    float x = origin.x + width - langWidth;
    const float y = origin.y - theme::kPadding + 8;
    ImGui::SetCursorScreenPos({x, y});
    if (ImGui::Button((other + "##lang").c_str(), {langWidth, buttonHeight})) {
        state.lang = state.lang == Lang::Ja ? Lang::En : Lang::Ja;
        if (state.assessment.active) (void)state.services.assessments->setLanguage(*state.assessment.active, state.lang);
    }
    if (homeButton) {
        x -= homeWidth + 16;
        ImGui::SetCursorScreenPos({x, y});
        home = ImGui::Button((homeLabel + "##home").c_str(), {homeWidth, buttonHeight});
    }
    ImGui::PopStyleColor(3);
    ImGui::SetCursorScreenPos({origin.x, origin.y + theme::kHeaderHeight - theme::kPadding + 12});
    return home;
}

void errorBanner(std::string_view message) {
    if (message.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4{0.99f, 0.92f, 0.92f, 1.0f});
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = ImGui::GetTextLineHeightWithSpacing() * 2 + 24;
    ImGui::BeginChild("##error", {width, height}, true);
    wrappedText(message, nullptr, 0, &theme::kError);
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

bool keyPressed(int key) {
    if (ImGui::GetIO().WantTextInput) return false;
    return ImGui::IsKeyPressed(key, false);
}

}  // namespace kiosk::ui
