// Drawing helpers shared by the screens.
#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <utility>

#include "i18n/strings.hpp"
#include "ui/fonts.hpp"
#include "ui/text_layout.hpp"

namespace kiosk::ui {

void fullPathLine(AppState& state, const std::string& path, ImFont* font, float width) {
    std::error_code ec;
    const auto full = std::filesystem::absolute(path, ec);
    wrappedText(i18n::substitute(state.tr("matrix.full_path"), {ec ? path : full.lexically_normal().string()}), font, width, &theme::kMuted);
}

ImVec4 decisionColour(scoring::Decision decision) {
    switch (decision) {
    case scoring::Decision::Urgent:
        return {0.74f, 0.11f, 0.11f, 1};
    case scoring::Decision::Recommended:
        return {0.85f, 0.40f, 0.05f, 1};
    case scoring::Decision::Consider:
        return {0.62f, 0.50f, 0.02f, 1};
    case scoring::Decision::NotNeeded:
        break;
    }
    return theme::kSelected;
}

void applyTheme() {
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 0;
    style.FrameRounding = 10;
    style.ChildRounding = 12;
    style.GrabRounding = 8;
    style.ScrollbarSize = 32;  // wide enough to grab with a finger
    style.GrabMinSize = theme::kMinTouch;  // so is the scrollbar's thumb, however long the list
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
    // A label too long for a fixed width is wrapped (at phrase boundaries) and, if it still does
    // not fit, drawn smaller: a button never shows half a word.
    const char* labelEnd = ImGui::FindRenderedTextEnd(label);
    const std::string_view text(label, static_cast<std::size_t>(labelEnd - label));
    const ImGuiStyle& style = ImGui::GetStyle();
    std::vector<std::string_view> lines;
    float fontSize = ImGui::GetFontSize();
    if (size.x > 0 && ImGui::CalcTextSize(text.data(), text.data() + text.size()).x > size.x - 2 * style.FramePadding.x) {
        const float roomX = size.x - 2 * 8.0f;
        const float roomY = (size.y > 0 ? size.y : ImGui::GetFrameHeight()) - 4.0f;
        for (float factor : {1.0f, 0.85f, 0.75f, 0.65f}) {
            fontSize = ImGui::GetFontSize() * factor;
            lines = breakLines(text, roomX, glyphAdvance(ImGui::GetFont(), fontSize));
            if (static_cast<float>(lines.size()) * (fontSize + 2) <= roomY) break;
        }
    }
    if (selected) {
        ImGui::PushStyleColor(ImGuiCol_Button, theme::kSelected);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::kSelected);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4{1, 1, 1, 1});
    if (!enabled) ImGui::BeginDisabled();
    bool pressed = false;
    if (lines.empty()) {
        pressed = ImGui::Button(label, size);
    } else {
        pressed = ImGui::Button((std::string("##") + label).c_str(), size);
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImU32 colour = ImGui::GetColorU32(ImGuiCol_Text);
        float y = (min.y + max.y) / 2 - static_cast<float>(lines.size()) * (fontSize + 2) / 2;
        for (const auto& line : lines) {
            const float w = ImGui::GetFont()->CalcTextSizeA(fontSize, FLT_MAX, 0, line.data(), line.data() + line.size()).x;
            draw->AddText(ImGui::GetFont(), fontSize, {(min.x + max.x - w) / 2, y}, colour, line.data(), line.data() + line.size());
            y += fontSize + 2;
        }
    }
    if (!enabled) ImGui::EndDisabled();
    ImGui::PopStyleColor(selected ? 3 : 1);
    noteTouchTarget(label);
    return pressed && enabled;
}

void box(const std::function<void(float innerWidth)>& body, const ImVec4& fill, const ImVec4* border, float borderWidth, float boxWidth) {
    constexpr float kInset = 20.0f;
    const float width = boxWidth > 0 ? boxWidth : ImGui::GetContentRegionAvail().x;
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
                  float minHeight, const ImVec4* selectedFill) {
    const ImVec4& chosen = selectedFill ? *selectedFill : theme::kSelected;
    const float kBadge = std::min(44.0f, minHeight - 12);
    constexpr float kInsetX = 20.0f;
    constexpr float kInsetY = 14.0f;
    const float textWidth = width - kBadge - 3 * kInsetX;
    const auto lines = breakLines(label, textWidth, glyphAdvance(ImGui::GetFont(), ImGui::GetFontSize()));
    const float lineHeight = ImGui::GetFontSize() + 4;
    const float height = std::max(minHeight, static_cast<float>(lines.size()) * lineHeight + 2 * kInsetY);

    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(id, {width, height});
    noteTouchTarget(label);
    const bool hovered = ImGui::IsItemHovered();
    const bool held = ImGui::IsItemActive();

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 end{pos.x + width, pos.y + height};
    const ImVec4 fill = selected ? chosen : held ? ImVec4{0.84f, 0.89f, 0.95f, 1} : hovered ? ImVec4{0.90f, 0.93f, 0.97f, 1} : theme::kPanel;
    draw->AddRectFilled(pos, end, ImGui::GetColorU32(fill), 10.0f);
    draw->AddRect(pos, end, ImGui::GetColorU32(selected ? chosen : ImVec4{0.72f, 0.76f, 0.82f, 1}), 10.0f, 0, 2.0f);

    const ImVec2 badgeMin{pos.x + kInsetX, pos.y + (height - kBadge) / 2};
    draw->AddRectFilled(badgeMin, {badgeMin.x + kBadge, badgeMin.y + kBadge},
                        ImGui::GetColorU32(selected ? ImVec4{1, 1, 1, 1} : theme::kAccent), kBadge / 2);
    const ImVec2 badgeSize = ImGui::CalcTextSize(badge.data(), badge.data() + badge.size());
    draw->AddText({badgeMin.x + (kBadge - badgeSize.x) / 2, badgeMin.y + (kBadge - badgeSize.y) / 2},
                  ImGui::GetColorU32(selected ? chosen : ImVec4{1, 1, 1, 1}), badge.data(), badge.data() + badge.size());

    const ImU32 textColor = ImGui::GetColorU32(selected ? ImVec4{1, 1, 1, 1} : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    float y = pos.y + (height - static_cast<float>(lines.size()) * lineHeight) / 2 + 2;
    for (const auto& line : lines) {
        draw->AddText({badgeMin.x + kBadge + kInsetX, y}, textColor, line.data(), line.data() + line.size());
        y += lineHeight;
    }
    return pressed;
}

bool headerBar(AppState& state, std::string_view title, bool homeButton, std::vector<HeaderTool>* tools) {
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
    const bool switchLanguage = ImGui::Button((other + "##lang").c_str(), {langWidth, buttonHeight});
    noteTouchTarget(other);
    if (switchLanguage) {
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
        noteTouchTarget(homeLabel);
    }
    if (tools) {
        x -= 16;  // a gap between the screen's tools and the navigation
        for (auto it = tools->rbegin(); it != tools->rend(); ++it) {
            const float toolWidth = ImGui::CalcTextSize(it->label.c_str()).x + 40;
            x -= toolWidth + 10;
            ImGui::SetCursorScreenPos({x, y});
            if (it->selected) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4{1, 1, 1, 0.40f});
            it->pressed = ImGui::Button((it->label + "##tool").c_str(), {toolWidth, buttonHeight});
            if (it->selected) ImGui::PopStyleColor();
            noteTouchTarget(it->label);
        }
    }
    ImGui::PopStyleColor(4);
    ImGui::SetCursorScreenPos({windowPos.x + theme::kPadding, windowPos.y + barHeight + 16});
    return home;
}

bool keypad(std::string& buffer, const std::string& clearLabel, bool decimal, bool minus, std::size_t maxLength) {
    constexpr float kKey = 64.0f;
    constexpr float kWide = 2 * kKey;
    const std::vector<std::vector<std::string>> rows{{"7", "8", "9", "←"}, {"4", "5", "6", clearLabel}, {"1", "2", "3", "0"}};
    std::vector<std::string> extra;
    if (decimal) extra.push_back(".");
    if (minus) extra.push_back("-");
    bool changed = false;
    const auto key = [&](const std::string& label, int id, float width) {
        if (!bigButton((label + "##key" + std::to_string(id)).c_str(), {width, kKey})) return;
        changed = true;
        if (label == "←") {
            if (!buffer.empty()) buffer.pop_back();  // digits only: one byte each
        } else if (label == clearLabel) {
            buffer.clear();
        } else if (label == "-") {
            if (!buffer.empty() && buffer[0] == '-') buffer.erase(0, 1);
            else buffer.insert(0, "-");
        } else if (label == "." && buffer.find('.') != std::string::npos) {
            changed = false;
        } else if (buffer.size() < maxLength) {
            buffer += label;
        } else {
            changed = false;
        }
    };
    ImGui::BeginGroup();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {8, 8});
    int id = 0;
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i) ImGui::SameLine();
            key(row[i], id++, i == 3 && row[i] != "0" ? kWide : kKey);
        }
    }
    for (std::size_t i = 0; i < extra.size(); ++i) {
        if (i) ImGui::SameLine();
        key(extra[i], id++, kKey);
    }
    ImGui::PopStyleVar();
    ImGui::EndGroup();
    return changed;
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

namespace {
bool g_collect = false;
std::vector<TouchTarget> g_targets;
}  // namespace

void collectTouchTargets(bool on) {
    g_collect = on;
    g_targets.clear();
}

std::vector<TouchTarget> takeTouchTargets() { return std::exchange(g_targets, {}); }

void noteTouchTarget(std::string_view label) {
    if (!g_collect) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    g_targets.push_back({ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), draw->GetClipRectMin(), draw->GetClipRectMax(),
                         std::string(label)});
}

bool selectable(const char* label, bool selected, ImGuiSelectableFlags flags, ImVec2 size) {
    // A selectable is as tall as its text unless told otherwise; a finger needs more.
    if (size.y < theme::kMinTouch) size.y = theme::kMinTouch;
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, {0.0f, 0.5f});
    const bool pressed = ImGui::Selectable(label, selected, flags, size);
    ImGui::PopStyleVar();
    noteTouchTarget(label);
    return pressed;
}

namespace {
// Frame padding that makes a framed control (field, box, drop-down) at least a touch target tall
// in the current font.
void pushTouchFramePadding() {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float y = std::max(style.FramePadding.y, std::ceil((theme::kMinTouch - ImGui::GetFontSize()) / 2));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, {style.FramePadding.x, y});
}
}  // namespace

bool touchArea(const char* id, std::string_view label, ImVec2 size) {
    const bool pressed = ImGui::InvisibleButton(id, size);
    noteTouchTarget(label);
    return pressed;
}

namespace {
// An unchecked box or radio button must be seen: a dark edge (3:1 against its surroundings, as
// WCAG asks of a control's boundary) and an accent-coloured mark.
void pushControlLook() {
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 2.0f);
    ImGui::PushStyleColor(ImGuiCol_Border, theme::kControlEdge);
    ImGui::PushStyleColor(ImGuiCol_CheckMark, theme::kAccent);
}
void popControlLook() {
    ImGui::PopStyleColor(2);
    ImGui::PopStyleVar();
}
}  // namespace

bool checkbox(const char* label, bool* value) {
    pushTouchFramePadding();
    pushControlLook();
    const bool pressed = ImGui::Checkbox(label, value);
    popControlLook();
    ImGui::PopStyleVar();
    noteTouchTarget(label);
    return pressed;
}

bool radioButton(const char* label, bool active) {
    pushTouchFramePadding();
    pushControlLook();
    const bool pressed = ImGui::RadioButton(label, active);
    popControlLook();
    ImGui::PopStyleVar();
    noteTouchTarget(label);
    return pressed;
}

bool beginCombo(const char* id, const char* preview) {
    pushTouchFramePadding();
    const bool open = ImGui::BeginCombo(id, preview, ImGuiComboFlags_HeightLarge);
    ImGui::PopStyleVar();
    noteTouchTarget(preview);
    return open;
}

void endCombo() { ImGui::EndCombo(); }

bool inputText(const char* id, const char* hint, char* buffer, std::size_t size, ImGuiInputTextFlags flags) {
    pushTouchFramePadding();
    const bool result = ImGui::InputTextWithHint(id, hint ? hint : "", buffer, size, flags);
    ImGui::PopStyleVar();
    noteTouchTarget(id);
    return result;
}

bool inputTextMultiline(const char* id, char* buffer, std::size_t size, ImVec2 box) {
    const bool changed = ImGui::InputTextMultiline(id, buffer, size, box);
    noteTouchTarget(id);
    return changed;
}

void tableHeaders(int columns, const std::vector<std::string>& notes) {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers, theme::kMinTouch);
    for (int column = 0; column < columns; ++column) {
        if (!ImGui::TableSetColumnIndex(column)) continue;
        const char* named = ImGui::TableGetColumnName(column);
        const char* name = named ? named : "";  // ImGui gives no name for a column it has hidden
        const std::string_view note = static_cast<std::size_t>(column) < notes.size() ? notes[static_cast<std::size_t>(column)] : "";
        ImGui::PushID(column);
        if (note.empty()) {
            ImGui::TableHeader(name);
        } else {
            // The header cell keeps ImGui's sorting and highlight; its two lines are drawn here.
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::TableHeader("##header");
            const float top = (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) / 2 - ImGui::GetFontSize() - 1;
            ImDrawList* draw = ImGui::GetWindowDrawList();
            draw->AddText({at.x, top}, ImGui::GetColorU32(ImGuiCol_Text), name);
            draw->AddText({at.x, top + ImGui::GetFontSize() + 2}, ImGui::GetColorU32(ImGuiCol_Text), note.data(), note.data() + note.size());
        }
        ImGui::PopID();
        noteTouchTarget(name);
    }
}

bool keyPressed(int key) {
    // Keys typed into a field belong to it, except Escape, which always leaves (Home).
    if (ImGui::GetIO().WantTextInput && key != ImGui::GetKeyIndex(ImGuiKey_Escape)) return false;
    return ImGui::IsKeyPressed(key, false);
}

namespace {

// A text buffer for ImGui's fields: `value` and room up to `capacity` bytes with its terminator.
std::string fieldBuffer(const std::string& value, std::size_t capacity) {
    std::string buffer(std::max<std::size_t>(capacity, 2), '\0');
    std::copy_n(value.data(), std::min(value.size(), buffer.size() - 1), buffer.data());
    return buffer;
}

}  // namespace

bool textField(AppState& state, const char* id, std::string& value, float width, const char* hint, std::size_t capacity) {
    std::string buffer = fieldBuffer(value, capacity);
    ImGui::SetNextItemWidth(width);
    if (!inputText(id, hint, buffer.data(), buffer.size())) return false;
    value = buffer.c_str();
    ensureGlyphs(state, value);
    return true;
}

bool textArea(AppState& state, const char* id, std::string& value, ImVec2 size, std::size_t capacity) {
    std::string buffer = fieldBuffer(value, capacity);
    if (!inputTextMultiline(id, buffer.data(), buffer.size(), size)) return false;
    value = buffer.c_str();
    ensureGlyphs(state, value);
    return true;
}

}  // namespace kiosk::ui
