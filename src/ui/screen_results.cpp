// Results: the decision on external advisors in large type with its reason, expected and
// achieved tier, a radar chart of domain scores against the expected tier's target, and — one
// tab at a time — the gaps in priority order, the routes with their reasons, what to do next,
// and the rules behind every conclusion.
#include <fmt/format.h>

#include <cmath>

#include "i18n/strings.hpp"
#include "ui/app_state.hpp"
#include "ui/text_layout.hpp"
#include "ui/widgets.hpp"
#include "util/time.hpp"

namespace kiosk::ui {
namespace {

using scoring::Decision;

ImVec4 decisionColour(Decision d) {
    switch (d) {
    case Decision::Urgent:
        return {0.74f, 0.11f, 0.11f, 1};
    case Decision::Recommended:
        return {0.85f, 0.40f, 0.05f, 1};
    case Decision::Consider:
        return {0.62f, 0.50f, 0.02f, 1};
    case Decision::NotNeeded:
        break;
    }
    return theme::kSelected;
}

// Text centred on a point, wrapped to `width` with the Japanese line-break rules.
void centredLabel(ImDrawList* draw, ImFont* font, float size, ImVec2 at, float width, std::string_view text, ImU32 colour,
                  float align) {
    const auto lines = breakLines(text, width, glyphAdvance(font, size));
    const float lineHeight = size + 2;
    float y = at.y - lineHeight * static_cast<float>(lines.size()) / 2;
    for (const auto& line : lines) {
        const float w = font->CalcTextSizeA(size, FLT_MAX, 0, line.data(), line.data() + line.size()).x;
        draw->AddText(font, size, {at.x - w * align, y}, colour, line.data(), line.data() + line.size());
        y += lineHeight;
    }
}

// Domain scores (filled) against the expected tier's target (outline), one axis per domain.
void radarChart(AppState& state, const std::vector<scoring::ScoreLine>& lines, float width, float height) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy({width, height});
    if (lines.size() < 3) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 centre{origin.x + width / 2, origin.y + height / 2};
    // Room for the labels on both sides; Japanese domain names wrap onto two lines.
    const float labelWidth = 128.0f;
    const float radius = std::min(height * 0.34f, (width / 2 - labelWidth - 12) / 1.16f);
    const auto n = lines.size();
    const auto point = [&](std::size_t i, float fraction) {
        const float angle = -static_cast<float>(M_PI) / 2 + 2 * static_cast<float>(M_PI) * static_cast<float>(i) / static_cast<float>(n);
        return ImVec2{centre.x + std::cos(angle) * radius * fraction, centre.y + std::sin(angle) * radius * fraction};
    };
    const ImU32 grid = ImGui::GetColorU32(ImVec4{0.80f, 0.82f, 0.86f, 1});
    for (float ring : {0.25f, 0.5f, 0.75f, 1.0f}) {
        std::vector<ImVec2> pts;
        for (std::size_t i = 0; i < n; ++i) pts.push_back(point(i, ring));
        draw->AddPolyline(pts.data(), static_cast<int>(pts.size()), grid, ImDrawFlags_Closed, ring == 1.0f ? 1.5f : 1.0f);
    }
    for (std::size_t i = 0; i < n; ++i) draw->AddLine(centre, point(i, 1), grid);

    // Scores: a fan of triangles from the centre (the shape is star-shaped around it).
    std::vector<ImVec2> score, target;
    for (std::size_t i = 0; i < n; ++i) {
        score.push_back(point(i, static_cast<float>(std::clamp(lines[i].score, 0.0, 100.0) / 100)));
        target.push_back(point(i, static_cast<float>(std::clamp(lines[i].target, 0.0, 100.0) / 100)));
    }
    const ImU32 fill = ImGui::GetColorU32(ImVec4{0.10f, 0.40f, 0.62f, 0.28f});
    for (std::size_t i = 0; i < n; ++i) draw->AddTriangleFilled(centre, score[i], score[(i + 1) % n], fill);
    draw->AddPolyline(score.data(), static_cast<int>(n), ImGui::GetColorU32(theme::kAccent), ImDrawFlags_Closed, 3.0f);
    draw->AddPolyline(target.data(), static_cast<int>(n), ImGui::GetColorU32(ImVec4{0.85f, 0.40f, 0.05f, 1}), ImDrawFlags_Closed, 2.0f);
    for (const auto& p : score) draw->AddCircleFilled(p, 4, ImGui::GetColorU32(theme::kAccent));

    ImFont* font = state.fonts.small;
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    for (std::size_t i = 0; i < n; ++i) {
        const ImVec2 at = point(i, 1.16f);
        const float dx = at.x - centre.x;
        const float align = std::fabs(dx) < radius * 0.2f ? 0.5f : dx > 0 ? 0.0f : 1.0f;
        const std::string label = fmt::format("{} {:.0f}", lines[i].name.get(state.lang), lines[i].score);
        const float dy = at.y - centre.y;
        const float shift = align == 0.5f ? (dy < 0 ? -14.0f : 14.0f) : 0.0f;  // above the top axis, below the bottom one
        centredLabel(draw, font, font->FontSize, {at.x + (align == 0.5f ? 0 : (dx > 0 ? 6.0f : -6.0f)), at.y + shift}, labelWidth, label,
                     text, align);
    }
}

void tabButton(AppState& state, ResultsTab tab, const char* key, float width) {
    const bool selected = state.results.tab == tab;
    if (bigButton((state.tr(key) + "##" + key).c_str(), {width, 56}, selected)) state.results.tab = tab;
}

void gapsTab(AppState& state, const scoring::FacilityResult& r) {
    if (r.gaps.empty()) wrappedText(state.tr("results.no_gaps"), nullptr, 0, &theme::kMuted);
    auto& open = state.results.openGaps;
    int number = 0;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {ImGui::GetStyle().ItemSpacing.x, 6.0f});
    for (const auto& id : r.gaps) {
        const auto* item = r.item(id);
        ++number;
        const bool isOpen = open.count(id) > 0;
        const std::string label = fmt::format("{}{}  （{}: {}）", item->critical ? state.tr("results.critical_mark") : "",
                                              item->text.get(state.lang), state.tr("results.answer"), item->answerLabel.get(state.lang));
        if (optionButton(("gap" + id).c_str(), label, std::to_string(number), ImGui::GetContentRegionAvail().x, isOpen, 56.0f)) {
            if (isOpen) open.erase(id);
            else open.insert(id);
        }
        if (isOpen) {
            box([&](float w) {
                wrappedText(item->help.get(state.lang), nullptr, w);
                for (const auto& ref : item->references) wrappedText("・" + ref, state.fonts.small, w, &theme::kMuted);
            });
        }
    }
    ImGui::PopStyleVar();
}

void routesTab(AppState& state, const scoring::FacilityResult& r) {
    if (r.routes.empty()) wrappedText(state.tr("results.no_routes"), nullptr, 0, &theme::kMuted);
    int number = 0;
    for (const auto& route : r.routes) {
        box([&](float w) {
            wrappedText(fmt::format("{}. {}", ++number, route.name.get(state.lang)), state.fonts.large, w);
            // Whether the route exists today, before anything else is said about it.
            if (!route.status.empty())
                wrappedText(i18n::substitute(state.tr("results.route_status"), {route.statusName.get(state.lang), route.statusChecked}),
                            state.fonts.small, w, route.status == "available" ? &theme::kSelected : &theme::kWarning);
            wrappedText(route.reason.get(state.lang), nullptr, w);
            if (!route.untilThen.get(state.lang).empty())
                wrappedText(state.tr("results.until_then") + route.untilThen.get(state.lang), nullptr, w);
            wrappedText(route.description.get(state.lang), state.fonts.small, w, &theme::kMuted);
            wrappedText(state.tr("results.source") + route.citation, state.fonts.small, w, &theme::kMuted);
        });
    }
    if (r.providerWhy) {
        box([&](float w) { wrappedText(r.providerWhy->text.get(state.lang), nullptr, w, &theme::kSelected); },
            ImVec4{0.90f, 0.97f, 0.93f, 1});
    }
}

void actionsTab(AppState& state, const scoring::FacilityResult& r) {
    int number = 0;
    for (const auto& action : r.actions) wrappedText(fmt::format("{}. {}", ++number, action.text.get(state.lang)));
}

void explanation(AppState& state, const scoring::Explanation& e, float width) {
    wrappedText(e.text.get(state.lang), nullptr, width);
    std::string inputs;
    for (const auto& [name, value] : e.inputs) inputs += (inputs.empty() ? "" : ", ") + name + " = " + value;
    wrappedText(fmt::format("[{}] {}", e.rule, inputs), state.fonts.small, width, &theme::kMuted);
    if (!e.citation.empty()) wrappedText(state.tr("results.source") + e.citation, state.fonts.small, width, &theme::kMuted);
}

void reasonsTab(AppState& state, const scoring::FacilityResult& r) {
    const auto section = [&](const char* key, const std::vector<scoring::Explanation>& list) {
        wrappedText(state.tr(key), nullptr, 0, &theme::kAccent);
        for (const auto& e : list) box([&](float w) { explanation(state, e, w); });
    };
    section("results.why_decision", r.why);
    section("results.why_expected", r.expectedWhy);
    // What the expected tier means, and whose tier it is (the report names two; `supported` is ours).
    if (const auto* policy = state.services.policy)
        if (const auto* tier = policy->tier(r.expectedTier))
            box([&](float w) {
                wrappedText(tier->name.get(state.lang), nullptr, w, &theme::kAccent);
                wrappedText(tier->description.get(state.lang), state.fonts.small, w);
                wrappedText(state.tr("results.source") + tier->citation, state.fonts.small, w, &theme::kMuted);
            });
    section("results.why_achieved", r.achievedWhy);
}

}  // namespace

void showResults(AppState& state, const std::string& assessmentUuid) {
    state.results = ResultsState{};
    state.screen = Screen::Results;
    if (!state.services.scoring) {
        state.results.error = state.tr("results.unavailable");
        return;
    }
    auto result = state.services.scoring->resultFor(assessmentUuid);
    if (!result) {
        state.results.error = result.error();
        return;
    }
    state.results.result = std::move(*result);
}

void drawResults(AppState& state) {
    auto& s = state.results;
    if (headerBar(state, state.tr("results.title"), true) || keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        goHome(state);
        return;
    }
    if (!s.result) {
        wrappedText(state.tr("results.cannot_score"), state.fonts.large);
        errorBanner(s.error);
        if (bigButton((state.tr("completion.home") + "##home").c_str(), {320, theme::kTouchHeight})) goHome(state);
        return;
    }
    const auto& r = *s.result;
    // ← / → move between the tabs.
    const int tab = static_cast<int>(s.tab);
    if (keyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)) && tab < 3) s.tab = static_cast<ResultsTab>(tab + 1);
    if (keyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow)) && tab > 0) s.tab = static_cast<ResultsTab>(tab - 1);

    // The decision, large, with its one-sentence reason.
    const ImVec4 colour = decisionColour(r.decision);
    box(
        [&](float w) {
            wrappedText(r.decisionName.get(state.lang), state.fonts.large, w, &colour);
            wrappedText(r.summary.get(state.lang), nullptr, w);
            if (r.providerWhy) wrappedText(r.providerWhy->text.get(state.lang), nullptr, w, &theme::kSelected);
            std::string facts = fmt::format("{}: {}   {}: {}   {}: {:.0f}", state.tr("results.expected_tier"), r.expectedTierName.get(state.lang),
                                            state.tr("results.achieved_tier"), r.achievedTierName.get(state.lang),
                                            state.tr("results.overall"), r.overall);
            if (r.change)
                facts += fmt::format("   {}: {:+.0f}", state.tr("results.change"), r.overall - r.change->previousOverall);
            if (r.nextTierReadiness)
                facts += "   " + i18n::substitute(state.tr("results.next_tier"),
                                                  {r.nextTierName.get(state.lang), fmt::format("{:.0f}", *r.nextTierReadiness)});
            wrappedText(facts, state.fonts.small, w, &theme::kMuted);
        },
        ImVec4{1, 1, 1, 1}, &colour, 3.0f);

    const float height = ImGui::GetContentRegionAvail().y;
    const float chartWidth = std::min(600.0f, ImGui::GetContentRegionAvail().x * 0.45f);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4{0, 0, 0, 0});
    ImGui::BeginChild("chart", {chartWidth, height}, false, ImGuiWindowFlags_NoScrollbar);
    wrappedText(state.tr("results.chart_title"), nullptr, 0, &theme::kAccent);
    radarChart(state, r.domains, chartWidth, std::min(chartWidth, height - 150));
    const ImVec2 legend = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled({legend.x, legend.y + 6}, {legend.x + 18, legend.y + 20}, ImGui::GetColorU32(theme::kAccent));
    ImGui::SetCursorScreenPos({legend.x + 26, legend.y});
    ImGui::PushFont(state.fonts.small);
    ImGui::TextUnformatted(state.tr("results.legend_score").c_str());
    ImGui::SameLine(0, 24);
    const ImVec2 second = ImGui::GetCursorScreenPos();
    draw->AddRect({second.x, second.y + 6}, {second.x + 18, second.y + 20}, ImGui::GetColorU32(ImVec4{0.85f, 0.40f, 0.05f, 1}), 0, 0, 2);
    ImGui::SetCursorScreenPos({second.x + 26, second.y});
    ImGui::TextUnformatted(state.tr("results.legend_target").c_str());
    // NIST CSF 2.0 functions, one line.
    std::string functions = state.tr("results.functions");
    for (const auto& f : r.functions) functions += fmt::format("  {} {:.0f}", f.name.get(state.lang), f.score);
    wrappedText(functions, nullptr, 0, &theme::kMuted);
    ImGui::PopFont();
    ImGui::EndChild();

    ImGui::SameLine(0, theme::kPadding);
    ImGui::BeginChild("details", {0, height}, false);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float tabWidth = (ImGui::GetContentRegionAvail().x - 3 * spacing) / 4;
    tabButton(state, ResultsTab::Gaps, "results.tab_gaps", tabWidth);
    ImGui::SameLine();
    tabButton(state, ResultsTab::Routes, "results.tab_routes", tabWidth);
    ImGui::SameLine();
    tabButton(state, ResultsTab::Actions, "results.tab_actions", tabWidth);
    ImGui::SameLine();
    tabButton(state, ResultsTab::Reasons, "results.tab_reasons", tabWidth);
    ImGui::BeginChild("tab", {0, 0}, false);
    switch (s.tab) {
    case ResultsTab::Gaps:
        gapsTab(state, r);
        break;
    case ResultsTab::Routes:
        routesTab(state, r);
        break;
    case ResultsTab::Actions:
        actionsTab(state, r);
        break;
    case ResultsTab::Reasons:
        reasonsTab(state, r);
        break;
    }
    ImGui::EndChild();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace kiosk::ui
