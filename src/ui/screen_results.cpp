// Results: the decision on external advisors in large type with its reason, expected and
// achieved tier, a radar chart of domain scores against the expected tier's target, and — one
// tab at a time — the gaps in priority order, the routes with their reasons, what to do next,
// and the rules behind every conclusion.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "i18n/strings.hpp"
#include "ui/app_state.hpp"
#include "ui/fonts.hpp"
#include "ui/text_layout.hpp"
#include "ui/widgets.hpp"
#include "util/time.hpp"

namespace kiosk::ui {
namespace {

using scoring::Decision;

// A label of the radar chart: its wrapped lines and where it goes.
struct ChartLabel {
    std::string text;
    std::vector<std::string_view> lines;
    ImVec2 size;
    ImVec2 pos;  // top left
};

bool overlaps(const ChartLabel& a, const ChartLabel& b) {
    return a.pos.x < b.pos.x + b.size.x && b.pos.x < a.pos.x + a.size.x && a.pos.y < b.pos.y + b.size.y && b.pos.y < a.pos.y + a.size.y;
}

// Domain scores (filled) against the expected tier's target (outline), one axis per domain. The
// labels sit outside the rim, wrapped at phrase boundaries; the chart shrinks until every label
// fits inside its area without touching another (labels on one side are also pushed apart).
void radarChart(AppState& state, const std::vector<scoring::ScoreLine>& lines, float width, float height) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy({width, height});
    if (lines.size() < 3) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 centre{origin.x + width / 2, origin.y + height / 2};
    const auto n = lines.size();
    const auto angleOf = [&](std::size_t i) {
        return -static_cast<float>(M_PI) / 2 + 2 * static_cast<float>(M_PI) * static_cast<float>(i) / static_cast<float>(n);
    };
    ImFont* font = state.fonts.small;
    const float fontSize = font->FontSize * ImGui::GetIO().FontGlobalScale;
    const float lineHeight = fontSize + 2;
    const float labelWidth = std::clamp(width * 0.24f, 80.0f, 150.0f);
    std::vector<ChartLabel> labels(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& l = labels[i];
        l.text = fmt::format("{} {:.0f}", lines[i].name.get(state.lang), lines[i].score);
        l.lines = breakLines(l.text, labelWidth, glyphAdvance(font, fontSize));
        for (const auto& line : l.lines)
            l.size.x = std::max(l.size.x, font->CalcTextSizeA(fontSize, FLT_MAX, 0, line.data(), line.data() + line.size()).x);
        l.size.y = lineHeight * static_cast<float>(l.lines.size());
    }
    const auto place = [&](float radius) {
        for (std::size_t i = 0; i < n; ++i) {
            auto& l = labels[i];
            const ImVec2 dir{std::cos(angleOf(i)), std::sin(angleOf(i))};
            const ImVec2 at{centre.x + dir.x * (radius + 10), centre.y + dir.y * (radius + 10)};
            if (std::fabs(dir.x) < 0.2f) l.pos = {at.x - l.size.x / 2, dir.y < 0 ? at.y - l.size.y : at.y};
            else l.pos = {dir.x > 0 ? at.x : at.x - l.size.x, at.y - l.size.y / 2};
        }
        // Labels on one side that would touch are pushed apart, away from the middle.
        for (int side : {-1, 1}) {
            std::vector<std::size_t> column;
            for (std::size_t i = 0; i < n; ++i)
                if (std::fabs(std::cos(angleOf(i))) >= 0.2f && (std::cos(angleOf(i)) > 0 ? 1 : -1) == side) column.push_back(i);
            std::sort(column.begin(), column.end(), [&](std::size_t a, std::size_t b) { return labels[a].pos.y < labels[b].pos.y; });
            for (std::size_t k = 1; k < column.size(); ++k) {
                auto& above = labels[column[k - 1]];
                auto& l = labels[column[k]];
                l.pos.y = std::max(l.pos.y, above.pos.y + above.size.y + 2);
            }
        }
        for (std::size_t i = 0; i < n; ++i) {
            const auto& l = labels[i];
            if (l.pos.x < origin.x || l.pos.y < origin.y || l.pos.x + l.size.x > origin.x + width || l.pos.y + l.size.y > origin.y + height)
                return false;
            for (std::size_t j = i + 1; j < n; ++j)
                if (overlaps(l, labels[j])) return false;
        }
        return true;
    };
    float radius = std::min(width, height) / 2;
    while (radius > 30 && !place(radius)) radius *= 0.95f;

    const auto point = [&](std::size_t i, float fraction) {
        return ImVec2{centre.x + std::cos(angleOf(i)) * radius * fraction, centre.y + std::sin(angleOf(i)) * radius * fraction};
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

    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& l = labels[i];
        const float dx = std::cos(angleOf(i));
        float y = l.pos.y;
        for (const auto& line : l.lines) {
            const float w = font->CalcTextSizeA(fontSize, FLT_MAX, 0, line.data(), line.data() + line.size()).x;
            // Left of the chart, lines end at the rim; right of it, they start there; above and below, centred.
            const float x = std::fabs(dx) < 0.2f ? l.pos.x + (l.size.x - w) / 2 : dx < 0 ? l.pos.x + l.size.x - w : l.pos.x;
            draw->AddText(font, fontSize, {x, y}, text, line.data(), line.data() + line.size());
            y += lineHeight;
        }
    }
}

// The tiers as a ladder, highest on top: the rung the facility is expected to stand on and the
// one it has reached, each marked in words (not by colour alone).
void tierLadder(AppState& state, const scoring::FacilityResult& r) {
    const auto* policy = state.services.policy;
    if (!policy || policy->tiers.empty()) return;
    std::vector<const scoring::Tier*> tiers;
    for (const auto& t : policy->tiers) tiers.push_back(&t);
    std::sort(tiers.begin(), tiers.end(), [](const auto* a, const auto* b) { return a->rank > b->rank; });
    const scoring::Tier* achieved = policy->tier(r.achievedTier);
    const float width = ImGui::GetContentRegionAvail().x;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImGui::PushFont(state.fonts.small);
    for (const auto* t : tiers) {
        const bool reached = achieved && t->rank <= achieved->rank;
        std::string marks;
        if (t->id == r.expectedTier) marks += "◀ " + state.tr("results.expected_tier");
        if (achieved && t->id == achieved->id) marks += std::string(marks.empty() ? "" : "   ") + "● " + state.tr("results.achieved_tier");
        const float marksWidth = marks.empty() ? 0 : ImGui::CalcTextSize(marks.c_str()).x + 12;
        const auto nameLines = breakLines(t->name.get(state.lang), width - marksWidth - 28, glyphAdvance(ImGui::GetFont(), ImGui::GetFontSize()));
        const float rowHeight = std::max(40.0f, static_cast<float>(nameLines.size()) * (ImGui::GetFontSize() + 2) + 14);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        draw->AddRectFilled(at, {at.x + width, at.y + rowHeight},
                            ImGui::GetColorU32(reached ? theme::kGoodFill : theme::kPanel), 8);
        if (t->id == r.expectedTier)
            draw->AddRect(at, {at.x + width, at.y + rowHeight}, ImGui::GetColorU32(ImVec4{0.85f, 0.40f, 0.05f, 1}), 8, 0, 2.5f);
        float y = at.y + (rowHeight - static_cast<float>(nameLines.size()) * (ImGui::GetFontSize() + 2)) / 2;
        for (const auto& line : nameLines) {
            draw->AddText({at.x + 14, y}, ImGui::GetColorU32(theme::kText), line.data(), line.data() + line.size());
            y += ImGui::GetFontSize() + 2;
        }
        if (!marks.empty())
            draw->AddText({at.x + width - marksWidth, at.y + (rowHeight - ImGui::GetFontSize()) / 2}, ImGui::GetColorU32(theme::kText),
                          marks.c_str());
        ImGui::Dummy({width, rowHeight});
    }
    if (!achieved) wrappedText(state.tr("results.no_tier_reached"), nullptr, width, &theme::kError);
    ImGui::PopFont();
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
        // What to do, then where it belongs and what was answered.
        const auto* domain = r.domain(item->domain);
        const std::string label = fmt::format("{}{}\n{}{}: {}", item->critical ? state.tr("results.critical_mark") : "",
                                              item->actionOrText().get(state.lang),
                                              domain ? domain->name.get(state.lang) + "  ·  " : std::string(),
                                              state.tr("results.answer"), item->answerLabel.get(state.lang));
        const float top = ImGui::GetCursorPosY();
        if (optionButton(("gap" + id).c_str(), label, std::to_string(number), ImGui::GetContentRegionAvail().x, isOpen, 56.0f)) {
            if (isOpen) {
                open.erase(id);
            } else {
                open.insert(id);
                state.results.revealGap = id;
            }
        }
        if (isOpen) {
            box([&](float w) {
                if (!item->action.empty()) wrappedText(item->text.get(state.lang), state.fonts.small, w, &theme::kMuted);  // the question asked
                wrappedText(item->help.get(state.lang), nullptr, w);
                for (const auto& ref : item->references) wrappedText("・" + ref, state.fonts.small, w, &theme::kMuted);
            });
            if (state.results.revealGap == id) {  // just opened: its explanation scrolls into view
                state.results.revealGap.clear();
                const float bottom = ImGui::GetCursorPosY();
                const float view = ImGui::GetWindowHeight();
                if (bottom > ImGui::GetScrollY() + view) ImGui::SetScrollY(std::min(top, bottom - view));
            }
        }
    }
    ImGui::PopStyleVar();
}

// At most this many candidates are drawn; the rest are counted (the command line lists them all).
constexpr std::size_t kCandidatesShown = 30;

// Matches the result against the directory with the view's filters, and words the reasons once.
void refreshCandidates(AppState& state, const scoring::FacilityResult& r) {
    auto& v = state.results.advisors;
    v.stale = false;
    v.error.clear();
    v.match.reset();
    v.options.on = v.on.value_or(skills::today());
    v.options.prefecture = state.facilityPrefecture.empty() ? std::nullopt : std::optional<std::string>(state.facilityPrefecture);
    auto* service = state.services.advisors;
    auto match = service->match(r, v.options, v.directory);
    if (!match) {
        v.error = match.error();
        return;
    }
    v.match = std::move(*match);
    v.lang = state.lang;
    v.reasons.clear();
    std::string text;
    for (std::size_t i = 0; i < v.match->candidates.size() && i < kCandidatesShown; ++i) {
        const auto& c = v.match->candidates[i];
        v.reasons.push_back(advisors::reasonLines(c, service->catalog(), state.lang));
        text += c.advisor->name + c.advisor->affiliation + c.advisor->contact;
        for (const auto& line : v.reasons.back()) text += line;
    }
    v.advice = v.match->candidates.empty() ? advisors::noMatchLines(*v.match, service->catalog(), state.lang) : std::vector<std::string>{};
    for (const auto& line : v.advice) text += line;
    ensureGlyphs(state, text);  // names and the directory's words may bring characters the atlas lacks
}

void candidatesView(AppState& state, const scoring::FacilityResult& r) {
    auto& v = state.results.advisors;
    if (!state.services.advisors) {
        wrappedText(i18n::substitute(state.tr("results.advisors_unavailable"), {state.services.advisorsProblem}), nullptr, 0, &theme::kError);
        return;
    }
    if (v.lang != state.lang) v.stale = true;
    if (v.stale) refreshCandidates(state, r);
    const auto& catalog = state.services.advisors->catalog();
    const float width = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;

    // The filters: the facility's prefecture, then three switches.
    const auto* pref = catalog.prefectureByCode(state.facilityPrefecture);
    const std::string prefLabel = pref ? i18n::substitute(state.tr("results.advisors_prefecture"), {pref->name.get(state.lang)})
                                       : state.tr("results.advisors_choose_prefecture");
    if (bigButton((prefLabel + "##prefecture").c_str(), {width, theme::kMinTouch + 8}, v.choosingPrefecture))
        v.choosingPrefecture = !v.choosingPrefecture;
    if (v.choosingPrefecture) {
        if (prefectureGrid(state, state.facilityPrefecture, state.tr("results.advisors_any_prefecture"))) {
            v.choosingPrefecture = false;
            v.stale = true;
        }
        return;
    }
    const float third = std::floor((width - 2 * spacing) / 3);
    if (bigButton((state.tr("results.advisors_security_only") + "##security_only").c_str(), {third, 64}, v.options.securityOnly)) {
        v.options.securityOnly = !v.options.securityOnly;
        v.stale = true;
    }
    ImGui::SameLine();
    if (bigButton((state.tr("results.advisors_any_registration") + "##any_registration").c_str(), {third, 64},
                  !v.options.requireRegistration)) {
        v.options.requireRegistration = !v.options.requireRegistration;
        v.stale = true;
    }
    ImGui::SameLine();
    if (bigButton((state.tr("results.advisors_on_site") + "##on_site").c_str(), {third, 64}, v.options.needOnSite)) {
        v.options.needOnSite = !v.options.needOnSite;
        v.stale = true;
    }
    if (!v.error.empty()) {
        errorBanner(v.error);
        return;
    }
    if (!v.match) return;
    const auto& m = *v.match;

    // What was searched for.
    std::string gaps;
    for (const auto& d : m.gapDomains)
        if (const auto* domain = catalog.domain(d)) gaps += (gaps.empty() ? "" : state.lang == Lang::Ja ? "、" : ", ") + domain->name.get(state.lang);
    wrappedText(i18n::substitute(state.tr("results.advisors_count"), {std::to_string(m.candidates.size()), std::to_string(m.considered)}),
                state.fonts.large, width);
    if (!gaps.empty()) wrappedText(i18n::substitute(state.tr("results.advisors_gap_domains"), {gaps}), state.fonts.small, width, &theme::kMuted);
    if (!m.routesFromResult) wrappedText(state.tr("results.advisors_all_routes"), state.fonts.small, width, &theme::kMuted);

    if (m.candidates.empty()) {
        box([&](float w) {
            for (std::size_t i = 0; i < v.advice.size(); ++i)
                wrappedText(v.advice[i], i == 0 ? nullptr : state.fonts.small, w, i == 0 ? &theme::kText : nullptr);
        });
        return;
    }
    const bool seesContact = permitted(state, auth::Gate::AdvisorContact);
    for (std::size_t i = 0; i < m.candidates.size() && i < v.reasons.size(); ++i) {
        const auto& c = m.candidates[i];
        const auto* source = catalog.source(c.advisor->source);
        const ImVec4* edge = c.standing.stale || c.standing.registration == advisors::Registration::Due ? &theme::kWarning : nullptr;
        box(
            [&](float w) {
                wrappedText(fmt::format("{}. {}", i + 1, c.advisor->name), state.fonts.large, w);
                if (source) wrappedText(source->name.get(state.lang), state.fonts.small, w, &theme::kAccent);
                const auto& lines = v.reasons[i];
                for (std::size_t l = 0; l < lines.size(); ++l) {
                    const bool warning = (l + 1 == lines.size() && c.standing.stale) ||
                                         (lines[l].find(c.advisor->registrationNumber) != std::string::npos &&
                                          c.standing.registration != advisors::Registration::Valid && !c.advisor->registrationNumber.empty());
                    wrappedText(lines[l], l == 0 ? nullptr : state.fonts.small, w, warning ? &theme::kWarning : nullptr);
                }
                if (!c.advisor->contact.empty()) {
                    if (seesContact)
                        wrappedText(i18n::substitute(state.tr("results.advisors_contact"), {c.advisor->contact}), nullptr, w, &theme::kSelected);
                    else
                        wrappedText(state.tr("results.advisors_contact_admin"), state.fonts.small, w, &theme::kMuted);
                }
            },
            theme::kPanel, edge, edge ? 2.0f : 1.0f);
    }
    if (m.candidates.size() > v.reasons.size())
        wrappedText(i18n::substitute(state.tr("results.advisors_more"), {std::to_string(m.candidates.size() - v.reasons.size())}),
                    state.fonts.small, width, &theme::kMuted);
}

void routesList(AppState& state, const scoring::FacilityResult& r) {
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

// The external-advisors tab: the routes with their reasons, or the candidates of the directory.
void routesTab(AppState& state, const scoring::FacilityResult& r) {
    auto& v = state.results.advisors;
    const float half = std::floor((ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2);
    if (bigButton((state.tr("results.advisors_routes") + "##view_routes").c_str(), {half, theme::kMinTouch + 8}, !v.shown)) v.shown = false;
    ImGui::SameLine();
    if (bigButton((state.tr("results.advisors_candidates") + "##view_candidates").c_str(), {half, theme::kMinTouch + 8}, v.shown)) {
        v.shown = true;
        v.stale = true;  // the directory may have changed since
    }
    ImGui::Spacing();
    if (v.shown) candidatesView(state, r);
    else routesList(state, r);
}

void actionsTab(AppState& state, const scoring::FacilityResult& r) {
    int number = 0;
    for (const auto& action : r.actions) wrappedText(fmt::format("{}. {}", ++number, action.text.get(state.lang)));
}

void explanation(AppState& state, const scoring::Explanation& e, float width) {
    // The rule's id and raw inputs are for `score --json`; the screen says it in words.
    wrappedText(e.text.get(state.lang), nullptr, width);
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

bool prefectureGrid(AppState& state, std::string& code, const std::string& noneLabel) {
    if (!state.services.advisors) return false;
    const auto& catalog = state.services.advisors->catalog();
    const float width = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const int columns = std::max(3, static_cast<int>((width + spacing) / (112 + spacing)));
    const float cell = std::floor((width - spacing * static_cast<float>(columns - 1)) / static_cast<float>(columns));
    bool chosen = false;
    if (bigButton((noneLabel + "##pref_any").c_str(), {width, theme::kMinTouch}, code.empty())) {
        code.clear();
        chosen = true;
    }
    int column = 0;
    for (const auto& p : catalog.prefectures) {
        if (column > 0) ImGui::SameLine();
        if (bigButton((p.name.get(state.lang) + "##pref" + p.code).c_str(), {cell, theme::kMinTouch}, code == p.code)) {
            code = p.code;
            chosen = true;
        }
        column = (column + 1) % columns;
    }
    return chosen;
}

std::string prefectureName(const AppState& state, const std::string& code) {
    if (!state.services.advisors) return code;
    const auto* p = state.services.advisors->catalog().prefectureByCode(code);
    return p ? p->name.get(state.lang) : std::string();
}

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
    // Opened from the auditor's workspace: a way back to it beside Home.
    std::vector<HeaderTool> tools;
    if (s.back == Screen::Auditor) tools.push_back({state.tr("auditor.back_to_list"), false});
    const bool home = headerBar(state, state.tr("results.title"), true, tools.empty() ? nullptr : &tools);
    if ((!tools.empty() && tools[0].pressed) || (s.back == Screen::Auditor && keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))) {
        state.results = ResultsState{};
        state.auditor.stale = true;
        state.screen = Screen::Auditor;
        return;
    }
    if (home || keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
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

    // Left: the decision, the tier ladder and the chart, in a column that scrolls by itself;
    // right: the tabs. On a small screen neither squeezes the other.
    const float height = ImGui::GetContentRegionAvail().y;
    const float summaryWidth = std::floor(std::clamp(ImGui::GetContentRegionAvail().x * 0.44f, 400.0f, 640.0f));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4{0, 0, 0, 0});
    ImGui::BeginChild("summary", {summaryWidth, height}, false);
    const float columnWidth = ImGui::GetContentRegionAvail().x;
    // The decision, large, with its one-sentence reason.
    const ImVec4 colour = decisionColour(r.decision);
    box(
        [&](float w) {
            wrappedText(r.decisionName.get(state.lang), state.fonts.large, w, &colour);
            wrappedText(r.summary.get(state.lang), nullptr, w);
            if (r.providerWhy) wrappedText(r.providerWhy->text.get(state.lang), nullptr, w, &theme::kSelected);
            std::string facts = fmt::format("{}: {:.0f}", state.tr("results.overall"), r.overall);
            if (r.change) facts += fmt::format("   {}: {:+.0f}", state.tr("results.change"), r.overall - r.change->previousOverall);
            wrappedText(facts, state.fonts.small, w, &theme::kMuted);
            if (r.nextTierReadiness)
                wrappedText(i18n::substitute(state.tr("results.next_tier"),
                                             {r.nextTierName.get(state.lang), fmt::format("{:.0f}", *r.nextTierReadiness)}),
                            state.fonts.small, w, &theme::kMuted);
        },
        ImVec4{1, 1, 1, 1}, &colour, 3.0f);
    tierLadder(state, r);

    ImGui::Spacing();
    wrappedText(state.tr("results.chart_title"), nullptr, 0, &theme::kAccent);
    radarChart(state, r.domains, columnWidth, std::max(320.0f, columnWidth * 0.8f));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImGui::PushFont(state.fonts.small);
    const ImVec2 legend = ImGui::GetCursorScreenPos();
    draw->AddRectFilled({legend.x, legend.y + 6}, {legend.x + 18, legend.y + 20}, ImGui::GetColorU32(theme::kAccent));
    ImGui::SetCursorScreenPos({legend.x + 26, legend.y});
    wrappedText(state.tr("results.legend_score"), nullptr, columnWidth - 26);
    const ImVec2 second = ImGui::GetCursorScreenPos();
    draw->AddRect({second.x, second.y + 6}, {second.x + 18, second.y + 20}, ImGui::GetColorU32(ImVec4{0.85f, 0.40f, 0.05f, 1}), 0, 0, 2);
    ImGui::SetCursorScreenPos({second.x + 26, second.y});
    wrappedText(state.tr("results.legend_target"), nullptr, columnWidth - 26);
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
    // Each tab keeps its own scroll position: a route never opens scrolled past its start.
    ImGui::BeginChild(static_cast<ImGuiID>(0x7AB0 + static_cast<int>(s.tab)), {0, 0}, false);
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
