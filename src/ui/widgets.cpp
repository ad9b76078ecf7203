// Drawing helpers shared by the screens.
#include "ui/widgets.hpp"

#include "ui/text_layout.hpp"

#include <algorithm>

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
    style.WindowBorderSize = 0;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = theme::kWhite;
    c[ImGuiCol_ChildBg] = theme::kPanel;
    c[ImGuiCol_Text] = theme::kText;
    c[ImGuiCol_Button] = theme::kAccent;
    c[ImGuiCol_ButtonHovered] = theme::kAccentHover;
    c[ImGuiCol_ButtonActive] = {0.06f, 0.30f, 0.50f, 1.0f};
    c[ImGuiCol_FrameBg] = theme::kFrame;
    c[ImGuiCol_PlotHistogram] = theme::kSelected;
    c[ImGuiCol_Border] = {0.80f, 0.82f, 0.86f, 1.0f};
}

AdvanceFn glyphAdvance(ImFont* font, float size) {
    const float scale = size / font->FontSize;
    return [font, scale](char32_t c) {
        return c > 0xFFFF ? font->FallbackAdvanceX * scale : font->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
    };
}

void wrappedText(std::string_view text, ImFont* font, float width, const ImVec4* color) {
    if (font) ImGui::PushFont(font);
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
    const float available = width > 0 ? width : ImGui::GetContentRegionAvail().x;
    const auto lines = breakLines(text, available, glyphAdvance(ImGui::GetFont(), ImGui::GetFontSize()));
    // Lines of one paragraph sit closer together than separate items.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {ImGui::GetStyle().ItemSpacing.x, 4.0f});
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i + 1 == lines.size()) ImGui::PopStyleVar();
        ImGui::TextUnformatted(lines[i].data(), lines[i].data() + lines[i].size());
    }
    if (lines.empty()) ImGui::PopStyleVar();
    if (color) ImGui::PopStyleColor();
    if (font) ImGui::PopFont();
}

bool bigButton(const char* label, ImVec2 size, bool selected, bool enabled) {
    if (selected) {
        ImGui::PushStyleColor(ImGuiCol_Button, theme::kSelected);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::kSelected);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4{1, 1, 1, 1});
    if (!enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::Button(label, size);
    if (!enabled) ImGui::EndDisabled();
    ImGui::PopStyleColor(selected ? 3 : 1);
    return pressed && enabled;
}

void box(const std::function<void(float innerWidth)>& body, const ImVec4& fill, const ImVec4* border, float borderWidth) {
    constexpr float kInset = 20.0f;
    const float width = ImGui::GetContentRegionAvail().x;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 topLeft = ImGui::GetCursorScreenPos();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    ImGui::SetCursorScreenPos({topLeft.x + kInset, topLeft.y + kInset});
    ImGui::BeginGroup();
    body(width - 2 * kInset);
    ImGui::EndGroup();
    const float bottom = ImGui::GetItemRectMax().y + kInset;
    draw->ChannelsSetCurrent(0);
    draw->AddRectFilled(topLeft, {topLeft.x + width, bottom}, ImGui::GetColorU32(fill), 12.0f);
    if (borderWidth > 0)
        draw->AddRect(topLeft, {topLeft.x + width, bottom},
                      ImGui::GetColorU32(border ? *border : ImGui::GetStyleColorVec4(ImGuiCol_Border)), 12.0f, 0, borderWidth);
    draw->ChannelsMerge();
    ImGui::SetCursorScreenPos({topLeft.x, bottom});
    ImGui::Dummy({width, 4});
}

bool optionButton(const char* id, std::string_view label, std::string_view badge, float width, bool selected,
                  float minHeight) {
    const float kBadge = std::min(44.0f, minHeight - 12);
    constexpr float kInsetX = 20.0f;
    constexpr float kInsetY = 14.0f;
    const float textWidth = width - kBadge - 3 * kInsetX;
    const auto lines = breakLines(label, textWidth, glyphAdvance(ImGui::GetFont(), ImGui::GetFontSize()));
    const float lineHeight = ImGui::GetFontSize() + 4;
    const float height = std::max(minHeight, static_cast<float>(lines.size()) * lineHeight + 2 * kInsetY);

    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(id, {width, height});
    const bool hovered = ImGui::IsItemHovered();
    const bool held = ImGui::IsItemActive();

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 end{pos.x + width, pos.y + height};
    const ImVec4 fill = selected ? theme::kSelected : held ? ImVec4{0.84f, 0.89f, 0.95f, 1} : hovered ? ImVec4{0.90f, 0.93f, 0.97f, 1} : theme::kPanel;
    draw->AddRectFilled(pos, end, ImGui::GetColorU32(fill), 10.0f);
    draw->AddRect(pos, end, ImGui::GetColorU32(selected ? theme::kSelected : ImVec4{0.72f, 0.76f, 0.82f, 1}), 10.0f, 0, 2.0f);

    const ImVec2 badgeMin{pos.x + kInsetX, pos.y + (height - kBadge) / 2};
    draw->AddRectFilled(badgeMin, {badgeMin.x + kBadge, badgeMin.y + kBadge},
                        ImGui::GetColorU32(selected ? ImVec4{1, 1, 1, 1} : theme::kAccent), kBadge / 2);
    const ImVec2 badgeSize = ImGui::CalcTextSize(badge.data(), badge.data() + badge.size());
    draw->AddText({badgeMin.x + (kBadge - badgeSize.x) / 2, badgeMin.y + (kBadge - badgeSize.y) / 2},
                  ImGui::GetColorU32(selected ? theme::kSelected : ImVec4{1, 1, 1, 1}), badge.data(), badge.data() + badge.size());

    const ImU32 textColor = ImGui::GetColorU32(selected ? ImVec4{1, 1, 1, 1} : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    float y = pos.y + (height - static_cast<float>(lines.size()) * lineHeight) / 2 + 2;
    for (const auto& line : lines) {
        draw->AddText({badgeMin.x + kBadge + kInsetX, y}, textColor, line.data(), line.data() + line.size());
        y += lineHeight;
    }
    return pressed;
}

bool headerBar(AppState& state, std::string_view title, bool homeButton) {
    // The bar spans the whole window, beyond the window padding.
    const ImVec2 windowPos = ImGui::GetWindowPos();
    const float windowWidth = ImGui::GetWindowWidth();
    const float barHeight = theme::kHeaderHeight;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(windowPos, {windowPos.x + windowWidth, windowPos.y + barHeight}, false);
    draw->AddRectFilled(windowPos, {windowPos.x + windowWidth, windowPos.y + barHeight}, ImGui::GetColorU32(theme::kAccent));
    draw->PopClipRect();

    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4{1, 1, 1, 1});
    ImGui::SetCursorScreenPos({windowPos.x + theme::kPadding, windowPos.y + (barHeight - ImGui::GetFontSize()) / 2});
    ImGui::TextUnformatted(title.data(), title.data() + title.size());

    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4{1, 1, 1, 0.18f});
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4{1, 1, 1, 0.30f});
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4{1, 1, 1, 0.40f});
    const float buttonHeight = barHeight - 20;
    const float y = windowPos.y + 10;
    const std::string& other = state.tr("header.switch_language");
    const float langWidth = ImGui::CalcTextSize(other.c_str()).x + 48;
    float x = windowPos.x + windowWidth - theme::kPadding - langWidth;
    ImGui::SetCursorScreenPos({x, y});
    if (ImGui::Button((other + "##lang").c_str(), {langWidth, buttonHeight})) {
        state.lang = state.lang == Lang::Ja ? Lang::En : Lang::Ja;
        if (state.assessment.active) (void)state.services.assessments->setLanguage(*state.assessment.active, state.lang);
    }
    bool home = false;
    if (homeButton) {
        const std::string& homeLabel = state.tr("header.home");
        const float homeWidth = ImGui::CalcTextSize(homeLabel.c_str()).x + 48;
        x -= homeWidth + 16;
        ImGui::SetCursorScreenPos({x, y});
        home = ImGui::Button((homeLabel + "##home").c_str(), {homeWidth, buttonHeight});
    }
    ImGui::PopStyleColor(4);
    ImGui::SetCursorScreenPos({windowPos.x + theme::kPadding, windowPos.y + barHeight + 16});
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
    // Keys typed into a field belong to it, except Escape, which always leaves (Home).
    if (ImGui::GetIO().WantTextInput && key != ImGui::GetKeyIndex(ImGuiKey_Escape)) return false;
    return ImGui::IsKeyPressed(key, false);
}

}  // namespace kiosk::ui
