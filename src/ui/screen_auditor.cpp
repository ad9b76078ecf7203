// The auditor's workspace (auditor or admin): every assessment with filters and sorting; a result
// opened as the results screen shows it; two results of the facility compared domain by domain;
// and the improvement plan of a result: for each gap an owner, a target date, a status and a note,
// with how the previous assessment's plan turned out.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "i18n/strings.hpp"
#include "ui/app_state.hpp"
#include "ui/fonts.hpp"
#include "ui/widgets.hpp"
#include "util/dates.hpp"
#include "util/time.hpp"

namespace kiosk::ui {
namespace {

using exporting::PlanStatus;
using store::AssessmentStatus;

// When an assessment counts for the list: completed, discarded, or (in progress) begun; local time
// as "YYYY-MM-DD HH:MM", whose first ten characters are the day.
std::string momentOf(const store::AssessmentRecord& r) {
    return localTimeLabel(r.completedAt ? *r.completedAt : r.discardedAt ? *r.discardedAt : r.createdAt);
}
std::string dayOf(const store::AssessmentRecord& r) { return momentOf(r).substr(0, 10); }

void refresh(AppState& state) {
    auto& a = state.auditor;
    a.stale = false;
    a.rows.clear();
    a.error.clear();
    for (auto status : {AssessmentStatus::Completed, AssessmentStatus::InProgress, AssessmentStatus::Discarded}) {
        auto summaries = state.services.assessments->summaries(status);
        if (!summaries) {
            a.error = summaries.error();
            continue;
        }
        for (auto& summary : *summaries) {
            AuditorRow row{std::move(summary), std::nullopt, std::nullopt};
            // Only results already stored are read: opening the workspace never scores anything.
            if (state.services.scoring && row.summary.kind == questionnaire::Kind::SecurityMeasures && status == AssessmentStatus::Completed) {
                if (auto stored = state.services.scoring->storedSummary(row.summary.record.uuid)) {
                    row.decision = stored->decision;
                    row.overall = stored->overall;
                }
            }
            a.rows.push_back(std::move(row));
        }
    }
    std::stable_sort(a.rows.begin(), a.rows.end(),
                     [](const AuditorRow& x, const AuditorRow& y) { return dayOf(x.summary.record) > dayOf(y.summary.record); });
}

bool passes(const AppState& state, const AuditorRow& row) {
    const auto& a = state.auditor;
    const auto& r = row.summary.record;
    if (!a.questionnaire.empty() && r.questionnaireId != a.questionnaire) return false;
    constexpr AssessmentStatus kStatuses[] = {AssessmentStatus::Completed, AssessmentStatus::InProgress, AssessmentStatus::Discarded};
    if (a.status < 3 && r.status != kStatuses[a.status]) return false;
    if (a.decision >= 0 && (!row.decision || static_cast<int>(*row.decision) != a.decision)) return false;
    if (a.days > 0 && dayOf(r) < dates::iso(dates::addDays(dates::today(), 1 - a.days))) return false;
    return true;
}

std::vector<const AuditorRow*> shownRows(const AppState& state) {
    std::vector<const AuditorRow*> shown;
    for (const auto& row : state.auditor.rows)
        if (passes(state, row)) shown.push_back(&row);
    if (state.auditor.sort == 1) std::reverse(shown.begin(), shown.end());
    if (state.auditor.sort == 2)
        std::stable_sort(shown.begin(), shown.end(), [](const AuditorRow* x, const AuditorRow* y) {
            return x->overall.value_or(1000) < y->overall.value_or(1000);
        });
    return shown;
}

std::string decisionLabel(const AppState& state, scoring::Decision d) {
    if (state.services.policy) {
        auto it = state.services.policy->decisionNames.find(d);
        if (it != state.services.policy->decisionNames.end()) return it->second.get(state.lang);
    }
    return std::string(scoring::decisionName(d));
}

std::string statusLabel(const AppState& state, const AuditorRow& row) {
    if (row.decision) return decisionLabel(state, *row.decision);
    return state.tr("auditor.status_" + std::string(store::statusName(row.summary.record.status)));
}

void drawFilters(AppState& state) {
    auto& a = state.auditor;
    ImGui::PushFont(state.fonts.small);
    box([&](float) {
        chips<int>("status", {{0, state.tr("auditor.status_completed")}, {1, state.tr("auditor.status_in_progress")},
                                     {2, state.tr("auditor.status_discarded")}, {3, state.tr("auditor.any_status")}}, a.status);
        chips<int>("period", {{0, state.tr("audit.period_all")}, {30, state.tr("audit.period_month")},
                                     {90, state.tr("auditor.period_quarter")}, {365, state.tr("auditor.period_year")}}, a.days, true);
        std::vector<std::pair<std::string, std::string>> questionnaires{{"", state.tr("auditor.any_questionnaire")}};
        for (const auto& q : state.services.catalog->questionnaires) questionnaires.emplace_back(q.id, q.title.get(state.lang));
        chips<std::string>("questionnaire", questionnaires, a.questionnaire);
        std::vector<std::pair<int, std::string>> decisions{{-1, state.tr("auditor.any_decision")}};
        for (auto d : {scoring::Decision::NotNeeded, scoring::Decision::Consider, scoring::Decision::Recommended, scoring::Decision::Urgent})
            decisions.emplace_back(static_cast<int>(d), decisionLabel(state, d));
        chips<int>("decision", decisions, a.decision);
        chips<int>("sort", {{0, state.tr("auditor.sort_newest")}, {1, state.tr("auditor.sort_oldest")},
                                   {2, state.tr("auditor.sort_lowest")}}, a.sort, true);
    });
    ImGui::PopFont();
}

// Starts the export on a thread of its own; the panel shows its progress until it ends.
void startExport(AppState& state, bool force) {
    auto& a = state.auditor;
    a.confirmOverwrite = false;
    a.message.clear();
    a.written.clear();
    a.error.clear();
    exporting::ReportRequest report;
    report.lang = state.lang;
    if (a.days > 0) report.from = dates::iso(dates::addDays(dates::today(), 1 - a.days));
    report.matrix = permitted(state, auth::Gate::SkillMatrix);  // personal data only for those who may read it
    a.job = state.services.exporter->start(report, {a.format, a.path, force});
}

// The export has ended: what it wrote, or why it could not.
void finishExport(AppState& state) {
    auto& a = state.auditor;
    const auto& outcome = a.job->outcome();
    if (!outcome) {
        a.error = outcome.error();
    } else {
        for (const auto& file : outcome->files) a.written.push_back(file.path.string());
        a.message = i18n::substitute(state.tr("auditor.exported"), {std::to_string(a.written.size())});
    }
    a.job.reset();
}

void drawExport(AppState& state) {
    auto& a = state.auditor;
    if (a.path.empty() || !a.pathEdited) a.path = datedHomeFile("medsec-kiosk", a.format);
    box([&](float w) {
        // What the last export wrote, first, where the panel never has to scroll to it.
        if (!a.written.empty()) {
            wrappedText(a.message, nullptr, w, &theme::kSelected);
            for (const auto& file : a.written) wrappedText(file, state.fonts.small, w);
            ImGui::Spacing();
        }
        wrappedText(state.tr(a.days > 0 ? "auditor.export_period" : "auditor.export_all"), nullptr, w);
        if (a.days > 0) wrappedText(i18n::substitute(state.tr("auditor.export_from"), {dates::iso(dates::addDays(dates::today(), 1 - a.days))}),
                                    state.fonts.small, w, &theme::kMuted);
        ImGui::PushFont(state.fonts.small);
        std::string format = a.format;
        if (chips<std::string>("format", {{"pdf", "PDF"}, {"xlsx", "Excel (XLSX)"}, {"csv", "CSV"}, {"html", "HTML"}, {"json", "JSON"}}, format) &&
            format != a.format) {
            a.format = format;
            a.confirmOverwrite = false;
            if (!a.pathEdited) a.path = datedHomeFile("medsec-kiosk", a.format);
        }
        wrappedText(state.tr("auditor.format_" + a.format), nullptr, w, &theme::kMuted);
        ImGui::TextUnformatted(state.tr("auditor.export_path").c_str());
        if (textField(state, "##exportpath", a.path, w, "", 1024)) {
            a.pathEdited = true;
            a.confirmOverwrite = false;
        }
        ImGui::PopFont();
        fullPathLine(state, a.path, state.fonts.small, w);
        if (a.job) {
            wrappedText(state.tr("auditor.exporting"), nullptr, w, &theme::kWarning);
            const std::size_t total = a.job->total(), done = a.job->done();
            const float fraction = total > 0 ? static_cast<float>(done) / static_cast<float>(total) : 0.0f;
            // Reading the assessments, then (all read) writing the file, which has no count of its own.
            wrappedText(total > 0 && done == total ? state.tr("auditor.export_writing")
                                                   : i18n::substitute(state.tr("auditor.export_reading"), {std::to_string(done), std::to_string(total)}),
                        state.fonts.small, w);
            ImGui::ProgressBar(fraction, {w, theme::kMinTouch / 2}, "");
            state.animating = true;  // keep drawing while it runs
        } else if (a.confirmOverwrite) {
            wrappedText(i18n::substitute(state.tr("matrix.overwrite_question"), {a.path}), nullptr, w, &theme::kWarning);
            const std::string yes = state.tr("matrix.overwrite");
            const std::string no = state.tr("matrix.cancel");
            if (bigButton((yes + "##overwrite").c_str(), {ImGui::CalcTextSize(yes.c_str()).x + 48, theme::kMinTouch}, true)) startExport(state, true);
            ImGui::SameLine();
            if (bigButton((no + "##keepfile").c_str(), {ImGui::CalcTextSize(no.c_str()).x + 48, theme::kMinTouch})) a.confirmOverwrite = false;
        } else {
            const std::string go = state.tr("auditor.export_button");
            if (bigButton((go + "##export").c_str(), {ImGui::CalcTextSize(go.c_str()).x + 64, theme::kMinTouch}, true)) {
                a.message.clear();
                a.written.clear();
                // CSV writes three files beside the name given; each is checked by the export itself.
                if (a.format != "csv" && exporting::Exporter::exists(a.path)) a.confirmOverwrite = true;
                else startExport(state, false);
            }
        }
    });
}

void openCompare(AppState& state) {
    auto& a = state.auditor;
    a.error.clear();
    std::vector<scoring::FacilityResult> results;
    for (const auto& uuid : a.compare) {
        auto result = state.services.scoring->resultFor(uuid);
        if (!result) {
            a.error = result.error();
            return;
        }
        results.push_back(std::move(*result));
    }
    std::sort(results.begin(), results.end(), [](const auto& x, const auto& y) { return x.computedAt < y.computedAt; });
    a.left = std::move(results[0]);
    a.right = std::move(results[1]);
    a.view = AuditorView::Compare;
}

void openPlan(AppState& state, const std::string& uuid) {
    auto& a = state.auditor;
    a.error.clear();
    a.message.clear();
    a.draft.reset();
    auto result = state.services.scoring->resultFor(uuid);
    if (!result) {
        a.error = result.error();
        return;
    }
    auto plan = state.services.plans->list(uuid);
    if (!plan) {
        a.error = plan.error();
        return;
    }
    a.previousPlan.clear();
    if (result->change)
        if (auto previous = state.services.plans->list(result->change->previousAssessment)) a.previousPlan = std::move(*previous);
    a.planFor = uuid;
    a.planResult = std::move(*result);
    a.plan = std::move(*plan);
    for (const auto& item : a.plan) ensureGlyphs(state, item.owner + item.note);
    a.view = AuditorView::Plan;
}

void drawList(AppState& state) {
    auto& a = state.auditor;
    // The open panel takes the height it needs, up to 60 % of the screen, and scrolls beyond that,
    // so that the list keeps some rows on the smallest screen.
    if (a.showFilters || a.showExport) {
        const float most = ImGui::GetContentRegionAvail().y * 0.6f;
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4{0, 0, 0, 0});
        ImGui::BeginChild("panel", {0, a.panelHeight > 0 ? std::min(a.panelHeight, most) : most}, false);
        if (a.showFilters) drawFilters(state);
        if (a.showExport) drawExport(state);
        a.panelHeight = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
        ImGui::EndChild();
        ImGui::PopStyleColor();
    }
    const auto shown = shownRows(state);
    wrappedText(i18n::substitute(state.tr("auditor.count"), {std::to_string(shown.size()), std::to_string(a.rows.size())}) +
                    (a.compare.size() == 2 ? "" : "  " + state.tr("auditor.compare_hint")),
                nullptr, 0, &theme::kMuted);
    if (shown.empty()) {
        wrappedText(state.tr(a.rows.empty() ? "auditor.none_yet" : "auditor.none_match"), state.fonts.large);
        return;
    }
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                      ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("assessments", 6, flags, {0, ImGui::GetContentRegionAvail().y})) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(state.tr("auditor.col_compare").c_str(), 0, 64);
    ImGui::TableSetupColumn(state.tr("auditor.col_day").c_str(), 0, 170);
    ImGui::TableSetupColumn(state.tr("auditor.col_questionnaire").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(state.tr("auditor.col_status").c_str(), 0, 170);
    ImGui::TableSetupColumn(state.tr("auditor.col_overall").c_str(), 0, 70);
    ImGui::TableSetupColumn(state.tr("auditor.col_actions").c_str(), 0, 250);
    tableHeaders(6);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()), 56);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const AuditorRow& row = *shown[static_cast<std::size_t>(i)];
            const auto& uuid = row.summary.record.uuid;
            ImGui::PushID(uuid.c_str());
            ImGui::TableNextRow(0, 56);
            ImGui::TableSetColumnIndex(0);
            if (row.decision) {
                bool chosen = std::find(a.compare.begin(), a.compare.end(), uuid) != a.compare.end();
                if (checkbox("##compare", &chosen)) {
                    if (chosen) {
                        if (a.compare.size() == 2) a.compare.erase(a.compare.begin());  // the older choice gives way
                        a.compare.push_back(uuid);
                    } else {
                        a.compare.erase(std::remove(a.compare.begin(), a.compare.end(), uuid), a.compare.end());
                    }
                }
            }
            ImGui::TableSetColumnIndex(1);
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(momentOf(row.summary.record).c_str());
            // Titles and decisions wrap within their cells (two lines fit a row).
            ImGui::TableSetColumnIndex(2);
            wrappedText(row.summary.title.get(state.lang), state.fonts.small, ImGui::GetContentRegionAvail().x);
            ImGui::TableSetColumnIndex(3);
            wrappedText(statusLabel(state, row), state.fonts.small, ImGui::GetContentRegionAvail().x);
            ImGui::TableSetColumnIndex(4);
            ImGui::AlignTextToFramePadding();
            if (row.overall) ImGui::Text("%.0f", *row.overall);
            ImGui::TableSetColumnIndex(5);
            if (row.decision) {
                const std::string open = state.tr("auditor.open_result");
                if (bigButton((open + "##open").c_str(), {ImGui::CalcTextSize(open.c_str()).x + 32, theme::kMinTouch})) {
                    showResults(state, uuid);
                    state.results.back = Screen::Auditor;
                }
                ImGui::SameLine(0, 8);
                const std::string plan = state.tr("auditor.open_plan");
                if (bigButton((plan + "##plan").c_str(), {ImGui::CalcTextSize(plan.c_str()).x + 32, theme::kMinTouch})) openPlan(state, uuid);
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void drawCompare(AppState& state) {
    const auto& a = state.auditor;
    if (!a.left || !a.right) return;
    const auto& l = *a.left;
    const auto& r = *a.right;
    box([&](float w) {
        wrappedText(i18n::substitute(state.tr("auditor.compare_overall"),
                                     {localTimeLabel(l.computedAt), fmt::format("{:.0f}", l.overall), l.decisionName.get(state.lang),
                                      localTimeLabel(r.computedAt), fmt::format("{:.0f}", r.overall), r.decisionName.get(state.lang)}),
                    nullptr, w);
    });
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                      ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("compare", 4, flags, {0, ImGui::GetContentRegionAvail().y})) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(state.tr("auditor.col_domain").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(localTimeLabel(l.computedAt).c_str(), 0, 170);
    ImGui::TableSetupColumn(localTimeLabel(r.computedAt).c_str(), 0, 170);
    ImGui::TableSetupColumn(state.tr("auditor.col_change").c_str(), 0, 110);
    tableHeaders(4);
    for (const auto& line : r.domains) {
        const auto* before = l.domain(line.id);
        ImGui::TableNextRow(0, 40);
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(line.name.get(state.lang).c_str());
        ImGui::TableSetColumnIndex(1);
        if (before) ImGui::Text("%.0f", before->score);
        else ImGui::TextUnformatted("—");
        ImGui::TableSetColumnIndex(2);
        ImGui::Text("%.0f", line.score);
        ImGui::TableSetColumnIndex(3);
        if (before) {
            const double delta = std::round(line.score - before->score);
            const ImVec4 colour = delta > 0 ? theme::kSelected : delta < 0 ? theme::kError : theme::kMuted;
            ImGui::PushStyleColor(ImGuiCol_Text, colour);
            ImGui::TextUnformatted(delta == 0 ? "±0" : fmt::format("{:+.0f}", delta).c_str());
            ImGui::PopStyleColor();
        }
    }
    ImGui::EndTable();
}

std::string planLine(const AppState& state, const exporting::PlanItem& item) {
    std::string line = exporting::planStatusLabel(item.status).get(state.lang);
    if (!item.targetDate.empty()) line += "  ·  " + i18n::substitute(state.tr("auditor.plan_due"), {item.targetDate});
    if (!item.owner.empty()) line += "  ·  " + i18n::substitute(state.tr("auditor.plan_owner"), {item.owner});
    return line;
}

void savePlan(AppState& state) {
    auto& a = state.auditor;
    auto saved = state.services.plans->set(a.planFor, a.draft->entry);
    if (!saved) {
        a.draft->error = saved.error();
        return;
    }
    a.draft.reset();
    a.message = state.tr("auditor.plan_saved");
    if (auto plan = state.services.plans->list(a.planFor)) a.plan = std::move(*plan);
}

void drawPlanEditor(AppState& state, float width) {
    auto& d = *state.auditor.draft;
    ImGui::PushFont(state.fonts.small);
    ImGui::TextUnformatted(state.tr("auditor.plan_owner_label").c_str());
    textField(state, "##owner", d.entry.owner, std::min(width, 420.0f), state.tr("auditor.plan_owner_hint").c_str());
    ImGui::TextUnformatted(state.tr("auditor.plan_date_label").c_str());
    textField(state, "##date", d.entry.targetDate, std::min(width, 260.0f), "2026-12-31");
    ImGui::TextUnformatted(state.tr("auditor.plan_status_label").c_str());
    for (auto status : {PlanStatus::Planned, PlanStatus::InProgress, PlanStatus::Done}) {
        if (status != PlanStatus::Planned) ImGui::SameLine(0, 8);
        const std::string label = exporting::planStatusLabel(status).get(state.lang);
        if (bigButton((label + "##status").c_str(), {ImGui::CalcTextSize(label.c_str()).x + 48, theme::kMinTouch}, d.entry.status == status))
            d.entry.status = status;
    }
    ImGui::TextUnformatted(state.tr("auditor.plan_note_label").c_str());
    textArea(state, "##note", d.entry.note, {width, 3 * ImGui::GetTextLineHeightWithSpacing() + 16}, store::kMaxPlanNote * 3 + 1);
    ImGui::PopFont();
    if (!d.error.empty()) wrappedText(d.error, nullptr, width, &theme::kError);
    const std::string save = state.tr("auditor.plan_save");
    const std::string cancel = state.tr("matrix.cancel");
    if (bigButton((save + "##save").c_str(), {ImGui::CalcTextSize(save.c_str()).x + 64, theme::kMinTouch}, true)) {
        savePlan(state);
        return;
    }
    ImGui::SameLine();
    if (bigButton((cancel + "##cancel").c_str(), {ImGui::CalcTextSize(cancel.c_str()).x + 48, theme::kMinTouch})) state.auditor.draft.reset();
}

void drawPlan(AppState& state) {
    auto& a = state.auditor;
    if (!a.planResult) return;
    const auto& result = *a.planResult;
    ImGui::BeginChild("plan", {0, 0}, false);
    wrappedText(i18n::substitute(state.tr("auditor.plan_intro"), {localTimeLabel(result.computedAt).substr(0, 10), result.decisionName.get(state.lang),
                                                                  std::to_string(result.gaps.size())}),
                nullptr, 0, &theme::kMuted);
    if (!a.message.empty()) wrappedText(a.message, nullptr, 0, &theme::kSelected);
    // How the previous assessment's plan turned out: which planned items are now in place.
    if (!a.previousPlan.empty()) {
        box([&](float w) {
            wrappedText(state.tr("auditor.previous_plan"), state.fonts.large, w);
            for (const auto& item : a.previousPlan) {
                const auto* now = result.item(item.item);
                const bool done = now && now->inPlace;
                const ImVec4 colour = done ? theme::kSelected : theme::kWarning;
                const std::string text = now ? now->actionOrText().get(state.lang) : item.item;
                wrappedText((done ? "✓ " : "• ") + text + "  —  " + state.tr(done ? "auditor.now_in_place" : "auditor.not_yet") + "  (" +
                                planLine(state, item) + ")",
                            state.fonts.small, w, &colour);
            }
        });
        ImGui::Spacing();
    }
    if (result.gaps.empty()) wrappedText(state.tr("auditor.no_gaps"), state.fonts.large);
    for (const auto& id : result.gaps) {
        const auto* item = result.item(id);
        if (!item) continue;
        ImGui::PushID(id.c_str());
        const auto entry = std::find_if(a.plan.begin(), a.plan.end(), [&](const auto& p) { return p.item == id; });
        const bool editing = a.draft && a.draft->entry.item == id;
        // An editor just opened is scrolled to the top of the view, its gap's text first.
        if (editing && a.revealDraft) {
            ImGui::SetScrollHereY(0.0f);
            a.revealDraft = false;
        }
        box([&](float w) {
            wrappedText(item->actionOrText().get(state.lang), nullptr, w, item->critical ? &theme::kError : nullptr);
            const auto* domain = result.domain(item->domain);
            wrappedText((domain ? domain->name.get(state.lang) + "  ·  " : std::string()) +
                            (entry != a.plan.end() ? planLine(state, *entry) : state.tr("auditor.no_plan")),
                        state.fonts.small, w, &theme::kMuted);
            if (entry != a.plan.end() && !entry->note.empty()) wrappedText(entry->note, state.fonts.small, w);
            if (editing) {
                drawPlanEditor(state, w);
            } else if (!a.draft) {
                const std::string edit = state.tr(entry != a.plan.end() ? "auditor.plan_edit" : "auditor.plan_add");
                if (bigButton((edit + "##edit").c_str(), {ImGui::CalcTextSize(edit.c_str()).x + 48, theme::kMinTouch})) {
                    PlanDraftState draft;
                    draft.entry.item = id;
                    if (entry != a.plan.end()) {
                        draft.entry.owner = entry->owner;
                        draft.entry.targetDate = entry->targetDate;
                        draft.entry.status = entry->status;
                        draft.entry.note = entry->note;
                    }
                    a.draft = std::move(draft);
                    a.revealDraft = true;
                    a.message.clear();
                }
            }
        }, editing ? theme::kCautionFill : theme::kPanel);
        ImGui::Spacing();
        ImGui::PopID();
    }
    ImGui::EndChild();
}

}  // namespace

void drawAuditor(AppState& state) {
    auto& a = state.auditor;
    std::vector<HeaderTool> tools;
    if (a.view == AuditorView::List) {
        tools.push_back({state.tr("auditor.filters"), a.showFilters});
        tools.push_back({state.tr("auditor.compare"), a.compare.size() == 2});
        if (state.services.exporter) tools.push_back({state.tr("auditor.export"), a.showExport});
    } else {
        tools.push_back({state.tr("auditor.back_to_list"), false});
    }
    const char* title = a.view == AuditorView::Compare ? "auditor.compare_title" : a.view == AuditorView::Plan ? "auditor.plan_title" : "auditor.title";
    if (headerBar(state, state.tr(title), true, &tools) || (keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) && a.view == AuditorView::List)) {
        goHome(state);
        return;
    }
    // The screen checks its gate itself: no path around the Home card opens it.
    if (!admitted(state, auth::Gate::Exports, Screen::Auditor, state.services.scoring && state.services.plans)) return;
    if (a.view != AuditorView::List && (tools[0].pressed || keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))) {
        a.view = AuditorView::List;
        a.draft.reset();
        a.message.clear();
        a.stale = true;
        return;
    }
    if (a.view == AuditorView::List) {
        if (tools[0].pressed) a.showFilters = !a.showFilters;
        if (tools[1].pressed) {
            if (a.compare.size() == 2) openCompare(state);
            else a.error = state.tr("auditor.compare_needs_two");
        }
        if (tools.size() > 2 && tools[2].pressed) {
            a.showExport = !a.showExport;
            if (a.showExport) a.showFilters = false;  // one panel at a time leaves the list room
        }
        if (tools[0].pressed && a.showFilters) a.showExport = false;
        if (a.job && a.job->finished()) finishExport(state);
    }
    if (a.stale) refresh(state);
    errorBanner(a.error);
    switch (a.view) {
    case AuditorView::List:
        drawList(state);
        break;
    case AuditorView::Compare:
        drawCompare(state);
        break;
    case AuditorView::Plan:
        drawPlan(state);
        break;
    }
}

}  // namespace kiosk::ui
