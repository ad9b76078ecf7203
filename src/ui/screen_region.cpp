// The region (auditor or administrator, with --region): the facilities of the regional store in
// order of need, a facilities × domains heat map of their latest results, and for the facility
// chosen its trend; staffing across the region above them. Read when the screen opens and on
// "update"; the regional store does the SQL.
#include <fmt/format.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "i18n/strings.hpp"
#include "region/ranking_export.hpp"
#include "ui/app_state.hpp"
#include "ui/fonts.hpp"
#include "ui/widgets.hpp"
#include "util/dates.hpp"

namespace kiosk::ui {
namespace {

constexpr float kRowHeight = 56;

// A stored decision's colour; grey for a facility with no result yet.
ImVec4 storedDecisionColour(const std::string& decision) {
    if (auto d = scoring::parseDecision(decision)) return decisionColour(*d);
    return theme::kMuted;
}

std::string decisionLabel(const AppState& state, const std::string& decision) {
    if (decision.empty()) return state.tr("region.no_result");
    if (const auto* policy = state.services.policy)
        if (auto d = scoring::parseDecision(decision))
            if (auto it = policy->decisionNames.find(*d); it != policy->decisionNames.end()) return it->second.get(state.lang);
    return decision;
}

// A score from red (0) through amber to green (100), light enough for dark text.
ImVec4 heat(double score) {
    const float t = static_cast<float>(std::clamp(score, 0.0, 100.0) / 100.0);
    const ImVec4 low{0.96f, 0.70f, 0.68f, 1}, mid{0.99f, 0.90f, 0.62f, 1}, high{0.72f, 0.90f, 0.76f, 1};
    const auto mix = [](const ImVec4& a, const ImVec4& b, float u) {
        return ImVec4{a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u, a.z + (b.z - a.z) * u, 1};
    };
    return t < 0.5f ? mix(low, mid, t * 2) : mix(mid, high, (t - 0.5f) * 2);
}

// The chosen facility's results over time: read when the choice changes, nothing else with it.
void reloadTrend(AppState& state) {
    auto& r = state.region;
    r.trendStale = false;
    r.trend.clear();
    if (r.selected.empty()) return;
    if (auto trend = state.services.region->trend(r.selected)) r.trend = std::move(*trend);
    else r.error = trend.error();
}

// The whole region: ranking, heat map and the directory matched against every facility.
void reloadRegion(AppState& state) {
    auto& r = state.region;
    r.stale = false;
    r.error.clear();
    auto* store = state.services.region;
    auto ranked = store->rank();
    if (!ranked) {
        r.error = ranked.error();
        return;
    }
    r.ranked = std::move(*ranked);
    r.scores.clear();
    if (auto scores = store->latestDomainScores()) {
        for (const auto& s : *scores) r.scores[s.facility][s.domain] = s.score;
    } else {
        r.error = scores.error();
    }
    if (r.selected.empty() && !r.ranked.empty()) r.selected = r.ranked.front().uuid;
    r.trendStale = true;
    // Who of the directory could cover each facility's gaps, and how much of the region's demand that is.
    r.candidates.clear();
    r.busiest.clear();
    r.needing = r.covered = 0;
    if (auto* advisors = state.services.advisors) {
        auto directory = advisors->advisors();
        auto latest = store->latestResults();
        if (directory && latest) {
            std::map<std::string, std::string> prefectureOf;
            for (const auto& f : r.ranked) prefectureOf[f.uuid] = f.prefecture;
            std::map<std::string, int> load;
            for (const auto& [facility, json] : *latest) {
                auto result = scoring::fromJson(json);
                if (!result) continue;
                if (result->decision == scoring::Decision::NotNeeded) continue;
                ++r.needing;
                advisors::MatchOptions options;
                options.on = skills::today();
                if (!prefectureOf[facility].empty()) options.prefecture = prefectureOf[facility];
                const auto m = advisors::match(*result, *directory, advisors->catalog(), options);
                if (!m.candidates.empty()) ++r.covered;
                auto& names = r.candidates[facility];
                for (const auto& c : m.candidates) {
                    if (names.size() < 3) names.push_back(c.advisor->name);
                    ++load[c.advisor->name];
                }
            }
            for (const auto& [name, n] : load) r.busiest.emplace_back(name, n);
            std::sort(r.busiest.begin(), r.busiest.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
            if (r.busiest.size() > 5) r.busiest.resize(5);
        } else {
            r.error = directory ? latest.error() : directory.error();
        }
    }
    // Facilities' names are no content file's: characters new to the atlas are added after this frame.
    std::string names;
    for (const auto& f : r.ranked) names += f.name;
    for (const auto& [name, n] : r.busiest) names += name;
    ensureGlyphs(state, names);
}

void staffingSummary(AppState& state) {
    const auto& r = state.region;
    int assessed = 0, nobodyBoth = 0, singlePerson = 0, urgent = 0;
    for (const auto& f : r.ranked) {
        if (f.decision.empty()) continue;
        ++assessed;
        if (f.staffBoth == 0) ++nobodyBoth;
        if (f.singlePersonSkills > 0) ++singlePerson;
        if (f.decision == "urgent") ++urgent;
    }
    wrappedText(i18n::substitute(state.tr("region.summary"), {std::to_string(r.ranked.size()), std::to_string(assessed), std::to_string(urgent),
                                                               std::to_string(nobodyBoth), std::to_string(singlePerson)}),
                nullptr, 0, &theme::kText);
    if (state.services.advisors && r.needing > 0)
        wrappedText(i18n::substitute(state.tr("region.advisors_cover"), {std::to_string(r.covered), std::to_string(r.needing)}), state.fonts.small,
                    0, r.covered < r.needing ? &theme::kWarning : &theme::kSelected);
}

void rankedList(AppState& state, float width, float height) {
    auto& r = state.region;
    ImGui::BeginChild("ranked", {width, height}, true);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(r.ranked.size()), kRowHeight + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& f = r.ranked[static_cast<std::size_t>(i)];
            ImGui::PushID(f.uuid.c_str());
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const float w = ImGui::GetContentRegionAvail().x;
            if (touchArea("##facility", f.name, {w, kRowHeight})) {
                r.selected = f.uuid;
                r.trendStale = true;
            }
            ImDrawList* draw = ImGui::GetWindowDrawList();
            if (r.selected == f.uuid) draw->AddRectFilled(at, {at.x + w, at.y + kRowHeight}, ImGui::GetColorU32(theme::kHoverFill), 6);
            const ImVec4 colour = storedDecisionColour(f.decision);
            draw->AddRectFilled({at.x, at.y + 6}, {at.x + 6, at.y + kRowHeight - 6}, ImGui::GetColorU32(colour));
            // Two lines that end in "…" where the list is too narrow for them (the chosen facility is
            // shown in full beside the list); the count of essential gaps in its short form first.
            const float right = at.x + w - 8;
            ImGui::PushFont(state.fonts.body);
            const std::string line1 = fmt::format("{}. {}", f.rank, f.name);
            ImGui::RenderTextEllipsis(draw, {at.x + 14, at.y + 4}, {right, at.y + kRowHeight}, right, right, line1.c_str(), nullptr, nullptr);
            ImGui::PopFont();
            ImGui::PushFont(state.fonts.small);
            std::string line2 = decisionLabel(state, f.decision);
            if (!f.decision.empty()) {
                const std::string gaps = std::to_string(f.essentialGaps);
                const std::string full = line2 + "  ·  " + i18n::substitute(state.tr("region.essential"), {gaps});
                line2 = ImGui::CalcTextSize(full.c_str()).x <= right - at.x - 14 ? full
                                                                             : line2 + " · " + i18n::substitute(state.tr("region.essential_short"), {gaps});
            }
            const float y2 = at.y + kRowHeight - ImGui::GetFontSize() - 6;
            ImGui::PushStyleColor(ImGuiCol_Text, colour);
            ImGui::RenderTextEllipsis(draw, {at.x + 14, y2}, {right, at.y + kRowHeight}, right, right, line2.c_str(), nullptr, nullptr);
            ImGui::PopStyleColor();
            ImGui::PopFont();
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
}

void heatMap(AppState& state) {
    auto& r = state.region;
    const auto& domains = state.services.catalog->domains;
    constexpr ImGuiTableFlags flags =
        ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_BordersInner | ImGuiTableFlags_SizingFixedFit;
    const int columns = static_cast<int>(domains.size()) + 1;
    if (!ImGui::BeginTable("heat", columns, flags, {0, ImGui::GetContentRegionAvail().y})) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(state.tr("region.col_facility").c_str(), 0, 200);
    for (const auto& d : domains) ImGui::TableSetupColumn(d.shortName.get(state.lang).c_str(), 0, 72);
    tableHeaders(columns);
    for (const auto& f : r.ranked) {
        ImGui::PushID(f.uuid.c_str());
        ImGui::TableNextRow(0, 40);
        ImGui::TableSetColumnIndex(0);
        ImGui::PushFont(state.fonts.small);
        if (selectable(f.name.c_str(), r.selected == f.uuid, 0, {0, 36})) {
            r.selected = f.uuid;
            r.trendStale = true;
        }
        ImGui::PopFont();
        const auto scores = r.scores.find(f.uuid);
        for (std::size_t c = 0; c < domains.size(); ++c) {
            ImGui::TableSetColumnIndex(static_cast<int>(c) + 1);
            if (scores == r.scores.end()) continue;
            const auto it = scores->second.find(domains[c].id);
            if (it == scores->second.end()) continue;
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const float w = ImGui::GetContentRegionAvail().x;
            ImGui::GetWindowDrawList()->AddRectFilled(at, {at.x + w, at.y + 36}, ImGui::GetColorU32(heat(it->second)), 4);
            const std::string value = fmt::format("{:.0f}", it->second);
            const float tw = ImGui::CalcTextSize(value.c_str()).x;
            ImGui::GetWindowDrawList()->AddText({at.x + (w - tw) / 2, at.y + (36 - ImGui::GetFontSize()) / 2}, ImGui::GetColorU32(theme::kText),
                                                value.c_str());
            ImGui::Dummy({w, 36});
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void trendView(AppState& state) {
    auto& r = state.region;
    const auto it = std::find_if(r.ranked.begin(), r.ranked.end(), [&](const auto& f) { return f.uuid == r.selected; });
    if (it == r.ranked.end()) {
        wrappedText(state.tr("region.pick_facility"), nullptr, 0, &theme::kMuted);
        return;
    }
    const auto& f = *it;
    wrappedText(f.name, state.fonts.large);
    std::string facts = f.prefecture.empty() ? std::string() : prefectureName(state, f.prefecture);
    if (!f.kind.empty()) facts += (facts.empty() ? "" : "  ·  ") + state.tr("settings.kind_" + f.kind);
    if (f.beds && *f.beds > 0) facts += (facts.empty() ? "" : "  ·  ") + i18n::substitute(state.tr("region.beds"), {std::to_string(*f.beds)});
    if (!facts.empty()) wrappedText(facts, state.fonts.small, 0, &theme::kMuted);
    wrappedText(i18n::substitute(state.tr("region.staffing"), {std::to_string(f.staffBoth), std::to_string(f.singlePersonSkills)}),
                state.fonts.small);
    if (state.services.advisors && f.decision != "not_needed" && !f.decision.empty()) {
        const auto c = r.candidates.find(f.uuid);
        if (c == r.candidates.end() || c->second.empty()) {
            wrappedText(state.tr("region.no_candidates"), state.fonts.small, 0, &theme::kWarning);
        } else {
            std::string names;
            for (const auto& n : c->second) names += (names.empty() ? "" : "、") + n;
            wrappedText(i18n::substitute(state.tr("region.candidates"), {names}), state.fonts.small);
        }
    }
    if (!r.busiest.empty()) {
        std::string busiest;
        for (const auto& [name, n] : r.busiest) busiest += (busiest.empty() ? "" : "、") + i18n::substitute(state.tr("region.advisor_load"), {name, std::to_string(n)});
        wrappedText(i18n::substitute(state.tr("region.busiest"), {busiest}), state.fonts.small, 0, &theme::kMuted);
    }
    ImGui::Spacing();
    wrappedText(state.tr("region.trend"), nullptr, 0, &theme::kAccent);
    if (r.trend.empty()) {
        wrappedText(state.tr("region.no_result"), nullptr, 0, &theme::kMuted);
        return;
    }
    // One bar per result, oldest on the left, as tall as its overall score and in its decision's colour.
    const float width = ImGui::GetContentRegionAvail().x;
    const float chartHeight = 180;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRect(at, {at.x + width, at.y + chartHeight}, ImGui::GetColorU32(theme::kFrame));
    const float slot = width / static_cast<float>(r.trend.size());
    const float bar = std::min(64.0f, slot * 0.6f);
    for (std::size_t i = 0; i < r.trend.size(); ++i) {
        const auto& p = r.trend[i];
        const float h = static_cast<float>(p.overall / 100.0) * (chartHeight - 28);
        const float x = at.x + slot * static_cast<float>(i) + (slot - bar) / 2;
        draw->AddRectFilled({x, at.y + chartHeight - h}, {x + bar, at.y + chartHeight}, ImGui::GetColorU32(storedDecisionColour(p.decision)), 3);
        const std::string value = fmt::format("{:.0f}", p.overall);
        draw->AddText({x, at.y + chartHeight - h - ImGui::GetFontSize() - 2}, ImGui::GetColorU32(theme::kText), value.c_str());
    }
    ImGui::Dummy({width, chartHeight + 4});
    ImGui::PushFont(state.fonts.small);
    for (const auto& p : r.trend)
        wrappedText(fmt::format("{}  {}  {:.0f}  {}", p.completedAt.size() >= 10 ? p.completedAt.substr(0, 10) : p.completedAt,
                                decisionLabel(state, p.decision), p.overall,
                                i18n::substitute(state.tr("region.essential"), {std::to_string(p.essentialGaps)})));
    ImGui::PopFont();
}

void writeRankingFile(AppState& state, bool replace) {
    auto& r = state.region;
    r.confirmOverwrite = false;
    r.written.clear();
    r.exportError.clear();
    if (auto s = region::writeRanking(r.ranked, r.path, state.lang, replace); !s) {
        r.exportError = s.error();
        return;
    }
    std::error_code ec;
    const auto full = std::filesystem::absolute(r.path, ec);
    r.written = ec ? r.path : full.lexically_normal().string();
}

// The ranking as a file for an office: the format, the path (shown in full), a question before
// an existing file is replaced.
void exportPanel(AppState& state) {
    auto& r = state.region;
    if (r.path.empty() || !r.pathEdited) r.path = datedHomeFile("medsec-region", r.format);
    box([&](float w) {
        if (!r.written.empty()) wrappedText(i18n::substitute(state.tr("region.exported"), {std::to_string(r.ranked.size()), r.written}), nullptr, w,
                                            &theme::kSelected);
        if (!r.exportError.empty()) wrappedText(r.exportError, nullptr, w, &theme::kError);
        // Before an existing file is replaced: the question first, where it is seen without scrolling.
        if (r.confirmOverwrite) {
            wrappedText(i18n::substitute(state.tr("matrix.overwrite_question"), {r.path}), nullptr, w, &theme::kWarning);
            const std::string yes = state.tr("matrix.overwrite");
            const std::string no = state.tr("matrix.cancel");
            if (bigButton((yes + "##overwrite").c_str(), {ImGui::CalcTextSize(yes.c_str()).x + 48, theme::kMinTouch}, true))
                writeRankingFile(state, true);
            ImGui::SameLine();
            if (bigButton((no + "##keepfile").c_str(), {ImGui::CalcTextSize(no.c_str()).x + 48, theme::kMinTouch})) r.confirmOverwrite = false;
        }
        // The format and the button on one row, the path under them: the panel stays short enough
        // for the list to keep its rows on the smallest screen.
        const float rowStart = ImGui::GetCursorPosX();
        ImGui::PushFont(state.fonts.small);
        std::string format = r.format;
        if (chips<std::string>("rankformat", {{"xlsx", "Excel (XLSX)"}, {"csv", "CSV"}}, format) && format != r.format) {
            r.format = format;
            r.confirmOverwrite = false;
            if (!r.pathEdited) r.path = datedHomeFile("medsec-region", r.format);
        }
        ImGui::PopFont();
        if (!r.confirmOverwrite) {
            const std::string go = state.tr("region.export_button");
            const float width = ImGui::CalcTextSize(go.c_str()).x + 64;
            ImGui::SameLine();
            if (ImGui::GetCursorPosX() + width > rowStart + w) ImGui::NewLine();
            else ImGui::SetCursorPosX(rowStart + w - width);
            if (bigButton((go + "##rankexport").c_str(), {width, theme::kMinTouch}, true)) {
                std::error_code exists;
                if (std::filesystem::exists(r.path, exists)) {
                    r.confirmOverwrite = true;
                    r.written.clear();
                    r.exportError.clear();
                } else {
                    writeRankingFile(state, false);
                }
            }
        }
        ImGui::PushFont(state.fonts.small);
        if (textField(state, "##rankpath", r.path, w, state.tr("auditor.export_path").c_str(), 1024)) {
            r.pathEdited = true;
            r.confirmOverwrite = false;
        }
        ImGui::PopFont();
        fullPathLine(state, r.path, state.fonts.small, w);
    });
}

}  // namespace

void drawRegion(AppState& state) {
    auto& r = state.region;
    std::vector<HeaderTool> tools{{state.tr("region.update"), false}, {state.tr("region.export"), r.showExport}};
    if (headerBar(state, state.tr("region.title"), true, &tools) || keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        goHome(state);
        return;
    }
    if (!admitted(state, auth::Gate::Region, Screen::Region, state.services.auth != nullptr)) return;
    if (!state.services.region) {
        wrappedText(i18n::substitute(state.tr("region.unavailable"), {state.services.regionProblem}), nullptr, 0, &theme::kError);
        return;
    }
    if (tools[0].pressed) r.stale = true;
    if (tools[1].pressed) r.showExport = !r.showExport;
    if (r.stale) reloadRegion(state);
    if (r.trendStale) reloadTrend(state);
    errorBanner(r.error);
    if (r.ranked.empty()) {
        wrappedText(state.tr("region.empty"), state.fonts.large);
        return;
    }
    staffingSummary(state);
    if (r.showExport) {
        // The panel takes the height it needs, up to half the screen, so that the list keeps rows.
        const float most = ImGui::GetContentRegionAvail().y * 0.5f;
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4{0, 0, 0, 0});
        ImGui::BeginChild("exportpanel", {0, r.panelHeight > 0 ? std::min(r.panelHeight, most) : most}, false);
        exportPanel(state);
        r.panelHeight = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
        ImGui::EndChild();
        ImGui::PopStyleColor();
    }
    const float height = ImGui::GetContentRegionAvail().y;
    const float listWidth = std::floor(std::clamp(ImGui::GetContentRegionAvail().x * 0.36f, 320.0f, 520.0f));
    rankedList(state, listWidth, height);
    ImGui::SameLine(0, theme::kPadding);
    ImGui::BeginChild("regiondetail", {0, height}, false);
    const float half = std::floor((ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2);
    if (bigButton((state.tr("region.tab_heat") + "##heat").c_str(), {half, theme::kMinTouch + 8}, r.tab == 0)) r.tab = 0;
    ImGui::SameLine();
    if (bigButton((state.tr("region.tab_trend") + "##trend").c_str(), {half, theme::kMinTouch + 8}, r.tab == 1)) r.tab = 1;
    ImGui::Spacing();
    if (r.tab == 0) heatMap(state);
    else trendView(state);
    ImGui::EndChild();
}

}  // namespace kiosk::ui
