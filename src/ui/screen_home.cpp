// Home: choose a questionnaire to start, or continue an assessment left in progress.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "i18n/strings.hpp"
#include "ui/app_state.hpp"
#include "ui/widgets.hpp"
#include "util/time.hpp"

namespace kiosk::ui {
namespace {

void refresh(AppState& state) {
    state.home.stale = false;
    auto summaries = state.services.assessments->summaries(store::AssessmentStatus::InProgress);
    if (!summaries) {
        state.home.error = summaries.error();
        state.home.inProgress.clear();
        return;
    }
    // A workshop participant's runs are the trainer's to see, never the next participant's.
    std::set<std::string> runs;
    if (state.services.workshops) {
        if (auto found = state.services.workshops->runAssessments()) runs = std::move(*found);
        else state.home.error = found.error();
    }
    const auto isRun = [&runs](const assessment::AssessmentSummary& s) { return runs.count(s.record.uuid) > 0; };
    std::erase_if(*summaries, isRun);
    state.home.inProgress = std::move(*summaries);
    state.home.scored.clear();
    state.home.completedOther.clear();
    if (auto completed = state.services.assessments->summaries(store::AssessmentStatus::Completed)) {
        for (auto& summary : *completed) {
            if (isRun(summary)) continue;
            if (summary.kind == questionnaire::Kind::SecurityMeasures) state.home.scored.push_back(std::move(summary));
            else state.home.completedOther.push_back(std::move(summary));
        }
    }
    state.home.decisions.clear();
    for (const auto& summary : state.home.scored)
        state.home.decisions.push_back(state.services.scoring ? state.services.scoring->storedDecision(summary.record.uuid) : std::nullopt);
}

void start(AppState& state, const questionnaire::Questionnaire& q) {
    auto active = state.services.assessments->start(q, state.lang);
    if (!active) {
        state.home.error = active.error();
        return;
    }
    openAssessment(state, std::move(*active));
}

void resume(AppState& state, const std::string& uuid) {
    auto active = state.services.assessments->open(uuid);
    if (!active) {
        state.home.error = active.error();
        return;
    }
    openAssessment(state, std::move(*active));
}

// One card: title, description, and the action button. `focused` draws a keyboard-focus frame,
// and a card that has just received the keyboard focus is scrolled into view.
bool card(AppState& state, const char* id, std::string_view title, std::string_view detail, std::string_view meta,
          const std::string& action, bool focused) {
    bool pressed = false;
    ImGui::PushID(id);
    const float top = ImGui::GetCursorPosY();
    box(
        [&](float inner) {
            wrappedText(title, state.fonts.large, inner);
            wrappedText(detail, nullptr, inner, &theme::kMuted);
            if (!meta.empty()) wrappedText(meta, state.fonts.small, inner, &theme::kMuted);
            const float buttonWidth = std::max(220.0f, ImGui::CalcTextSize(action.c_str()).x + 48);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + inner - buttonWidth);
            pressed = bigButton(action.c_str(), {buttonWidth, theme::kTouchHeight - 8});
        },
        theme::kPanel, focused ? &theme::kAccent : nullptr, focused ? 3.0f : 1.0f);
    const float bottom = ImGui::GetCursorPosY();
    if (focused && state.home.scrollToFocus) {
        state.home.scrollToFocus = false;
        const float view = ImGui::GetWindowHeight();
        if (top < ImGui::GetScrollY()) ImGui::SetScrollY(top - 8);
        else if (bottom > ImGui::GetScrollY() + view) ImGui::SetScrollY(bottom - view + 8);
    }
    ImGui::Dummy({0, 4});
    ImGui::PopID();
    return pressed;
}

// Under an assessment in progress: set it aside, after a confirmation. It is kept in the database
// as discarded with its answers; it is only no longer offered to continue.
void discardControls(AppState& state, const assessment::AssessmentSummary& summary) {
    auto& home = state.home;
    const std::string& uuid = summary.record.uuid;
    ImGui::PushID(uuid.c_str());
    ImGui::PushFont(state.fonts.small);
    if (home.confirmDiscard != uuid) {
        const std::string label = state.tr("home.discard");
        const float width = ImGui::CalcTextSize(label.c_str()).x + 40;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - width);
        if (bigButton((label + "##discard").c_str(), {width, theme::kMinTouch})) home.confirmDiscard = uuid;
    } else {
        box([&](float inner) {
            wrappedText(i18n::substitute(state.tr("home.discard_question"), {summary.title.get(state.lang)}), nullptr, inner,
                        &theme::kWarning);
            const std::string yes = state.tr("home.discard_yes");
            const std::string no = state.tr("home.discard_no");
            if (bigButton((no + "##keep").c_str(), {ImGui::CalcTextSize(no.c_str()).x + 48, theme::kMinTouch})) home.confirmDiscard.clear();
            ImGui::SameLine();
            if (bigButton((yes + "##discardyes").c_str(), {ImGui::CalcTextSize(yes.c_str()).x + 48, theme::kMinTouch})) {
                if (auto done = state.services.assessments->discard(uuid); !done) home.error = done.error();
                home.confirmDiscard.clear();
                home.stale = true;
            }
        }, theme::kCautionFill);
    }
    ImGui::PopFont();
    ImGui::PopID();
}

}  // namespace

void drawHome(AppState& state) {
    if (state.home.stale) refresh(state);
    // Sign in (trainer, auditor, admin) from a clearly marked button; signed in, the same place
    // names the role and signs out.
    std::vector<HeaderTool> tools;
    const bool signedIn = state.services.auth && state.services.auth->current() != store::Role::Staff;
    if (state.services.auth)
        tools.push_back({signedIn ? i18n::substitute(state.tr("signin.signed_in_as"),
                                                     {roleLabel(state, state.services.auth->current())})
                                  : state.tr("signin.button"),
                         signedIn});
    headerBar(state, state.tr("app.title"), false, tools.empty() ? nullptr : &tools);
    if (!tools.empty() && tools[0].pressed) {
        if (signedIn) {
            state.services.auth->signOut();
        } else {
            state.signIn = SignInState{};
            if (auto has = state.services.auth->hasPin(store::Role::Admin); has && !*has) state.signIn.choosing = true;
            state.screen = Screen::SignIn;
            return;
        }
    }

    const auto& catalog = *state.services.catalog;
    const int matrixIndex = static_cast<int>(catalog.questionnaires.size() + state.home.inProgress.size() + state.home.scored.size());
    const int auditIndex = matrixIndex + (state.services.skills ? 1 : 0);
    const int auditorIndex = auditIndex + (state.services.audit ? 1 : 0);
    const int settingsIndex = auditorIndex + (state.services.plans ? 1 : 0);
    const int workshopsIndex = settingsIndex + (state.services.auth ? 1 : 0);
    const int regionIndex = workshopsIndex + (state.services.workshops ? 1 : 0);
    // The region card also shows when the regional store could not be reached: its screen says why.
    const bool regionOffered = state.services.region != nullptr || !state.services.regionProblem.empty();
    const int total = regionIndex + (regionOffered ? 1 : 0);
    if (total > 0) {
        if (keyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) state.home.focused = (state.home.focused + 1) % total, state.home.scrollToFocus = true;
        if (keyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow)))
            state.home.focused = (state.home.focused + total - 1) % total, state.home.scrollToFocus = true;
    }
    const bool activate = keyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) || keyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));

    wrappedText(state.tr("home.intro"), nullptr, 0, &theme::kMuted);
    errorBanner(state.home.error);

    const float gap = theme::kPadding;
    const float columnWidth = (ImGui::GetContentRegionAvail().x - gap) / 2;
    // Skipped entries (links to devices, dangling links) count as problems here: a kiosk operator
    // never sees the warnings printed on standard error.
    const std::size_t problems = catalog.diagnostics.size() + catalog.warnings.size();
    const float problemsHeight = problems == 0 ? 0 : ImGui::GetTextLineHeightWithSpacing() * 3;
    const float height = ImGui::GetContentRegionAvail().y - problemsHeight;

    // Left: what can be started.
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4{0, 0, 0, 0});
    ImGui::BeginChild("start", {columnWidth, height}, false);
    ImGui::PushFont(state.fonts.large);
    ImGui::TextUnformatted(state.tr("home.start_heading").c_str());
    ImGui::PopFont();
    if (catalog.questionnaires.empty()) wrappedText(state.tr("home.no_questionnaires"), nullptr, 0, &theme::kMuted);
    // A first-timer is pointed to the practice questionnaire before anything else (by touch; the
    // keyboard order of the cards stays as it is).
    const auto practice = std::find_if(catalog.questionnaires.begin(), catalog.questionnaires.end(),
                                       [](const auto& q) { return q.kind == questionnaire::Kind::Sample; });
    if (practice != catalog.questionnaires.end() && state.home.inProgress.empty() && state.home.scored.empty() &&
        state.home.completedOther.empty()) {
        box([&](float inner) {
            const std::string label = state.tr("home.try_practice");
            const float buttonWidth = ImGui::CalcTextSize(label.c_str()).x + 48;
            wrappedText(state.tr("home.first_time"), nullptr, inner);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + inner - buttonWidth);
            if (bigButton((label + "##practice").c_str(), {buttonWidth, theme::kMinTouch})) start(state, *practice);
        }, theme::kGoodFill);
        if (state.screen != Screen::Home) {
            ImGui::EndChild();
            ImGui::PopStyleColor();
            return;
        }
    }
    bool exercises = false;
    for (std::size_t i = 0; i < catalog.questionnaires.size(); ++i) {
        const auto& q = catalog.questionnaires[i];
        const bool exercise = q.kind == questionnaire::Kind::Exercise;
        if (exercise && !exercises) {
            // The exercises come last in the catalogue, under their own heading, after the way in
            // to a trainer's workshop.
            exercises = true;
            ImGui::Spacing();
            ImGui::PushFont(state.fonts.large);
            ImGui::TextUnformatted(state.tr("home.exercises_heading").c_str());
            ImGui::PopFont();
            if (state.services.workshops &&
                card(state, "join", state.tr("home.join_title"), state.tr("home.join_text"), "", state.tr("home.join"), false)) {
                // The kiosk is a participant's now: a role left signed in (the trainer's) signs out.
                if (state.services.auth) state.services.auth->signOut();
                state.workshop = WorkshopTurn{};
                state.screen = Screen::WorkshopJoin;
                break;
            }
        }
        const bool focused = state.home.focused == static_cast<int>(i);
        // Questions shown only after some answers make the count an upper bound.
        const bool conditional = std::any_of(q.questions.begin(), q.questions.end(), [](const auto& question) { return question.showIf.has_value(); });
        std::string meta = i18n::substitute(state.tr(conditional ? "home.question_count_up_to" : "home.question_count"),
                                            {std::to_string(q.questions.size())});
        if (exercise && q.durationMinutes > 0)
            meta += "  ·  " + i18n::substitute(state.tr("home.duration"), {std::to_string(q.durationMinutes)});
        if (card(state, q.id.c_str(), q.title.get(state.lang), q.description.get(state.lang), meta, state.tr("home.start"), focused) ||
            (focused && activate)) {
            start(state, q);
            break;
        }
    }
    ImGui::EndChild();

    // Right: what is in progress.
    ImGui::SameLine(0, gap);
    ImGui::BeginChild("resume", {columnWidth, height}, false);
    ImGui::PushFont(state.fonts.large);
    ImGui::TextUnformatted(state.tr("home.resume_heading").c_str());
    ImGui::PopFont();
    if (state.home.inProgress.empty()) wrappedText(state.tr("home.none_in_progress"), nullptr, 0, &theme::kMuted);
    for (std::size_t i = 0; i < state.home.inProgress.size() && state.screen == Screen::Home; ++i) {
        const auto& summary = state.home.inProgress[i];
        const int index = static_cast<int>(catalog.questionnaires.size() + i);
        const bool focused = state.home.focused == index;
        const std::string progress = i18n::substitute(state.tr("home.progress"), {std::to_string(summary.progress.answered),
                                                                                  std::to_string(summary.progress.total)});
        const std::string meta = i18n::substitute(state.tr("home.updated"), {localTimeLabel(summary.record.updatedAt)}) + "  ·  " +
                                 summary.record.uuid.substr(0, 8);
        if (card(state, summary.record.uuid.c_str(), summary.title.get(state.lang), progress, meta, state.tr("home.resume"), focused) ||
            (focused && activate)) {
            resume(state, summary.record.uuid);
            break;
        }
        discardControls(state, summary);
    }
    if (!state.home.scored.empty() && state.screen == Screen::Home) {
        ImGui::Spacing();
        ImGui::PushFont(state.fonts.large);
        ImGui::TextUnformatted(state.tr("home.results_heading").c_str());
        ImGui::PopFont();
        const int base = static_cast<int>(catalog.questionnaires.size() + state.home.inProgress.size());
        for (std::size_t i = 0; i < state.home.scored.size() && state.screen == Screen::Home; ++i) {
            const auto& summary = state.home.scored[i];
            const bool focused = state.home.focused == base + static_cast<int>(i);
            std::string when = i18n::substitute(state.tr("home.completed_at"),
                                                {localTimeLabel(summary.record.completedAt.value_or(summary.record.updatedAt))});
            if (i < state.home.decisions.size() && state.home.decisions[i] && state.services.policy)
                when += "  ·  " + state.services.policy->decisionNames.at(*state.home.decisions[i]).get(state.lang);
            if (card(state, ("r" + summary.record.uuid).c_str(), summary.title.get(state.lang), when, summary.record.uuid.substr(0, 8),
                     state.tr("home.view_results"), focused) ||
                (focused && activate)) {
                showResults(state, summary.record.uuid);
                break;
            }
        }
    }
    // Profiles, skill checklists and exercises already completed: listed so that nothing done
    // seems lost (their answers are in `medsec-kiosk show`).
    if (!state.home.completedOther.empty() && state.screen == Screen::Home) {
        ImGui::Spacing();
        ImGui::PushFont(state.fonts.large);
        ImGui::TextUnformatted(state.tr("home.completed_heading").c_str());
        ImGui::PopFont();
        for (const auto& summary : state.home.completedOther) {
            const std::string when = localTimeLabel(summary.record.completedAt.value_or(summary.record.updatedAt));
            wrappedText(fmt::format("✓ {}  ·  {}  ·  {}", summary.title.get(state.lang), when, summary.record.uuid.substr(0, 8)),
                        state.fonts.small);
        }
    }
    if (state.services.skills && state.screen == Screen::Home) {
        ImGui::Spacing();
        ImGui::PushFont(state.fonts.large);
        ImGui::TextUnformatted(state.tr("home.matrix_heading").c_str());
        ImGui::PopFont();
        const bool focused = state.home.focused == matrixIndex;
        if (card(state, "matrix", state.tr("matrix.title"), state.tr("home.matrix_text"), state.tr("home.matrix_who"),
                 state.tr("home.open_matrix"), focused) ||
            (focused && activate)) {
            openGated(state, auth::Gate::SkillMatrix, Screen::Matrix);
        }
    }
    // The protected screens after it, each behind its gate, in keyboard order.
    struct Protected {
        bool offered;
        int index;
        const char *id, *title, *text, *who, *open;
        auth::Gate gate;
        Screen screen;
    };
    const Protected cards[] = {
        {state.services.audit != nullptr, auditIndex, "audit", "audit.title", "home.audit_text", "home.audit_who", "home.open_audit",
         auth::Gate::AuditLogView, Screen::AuditLog},
        {state.services.plans != nullptr, auditorIndex, "auditor", "auditor.title", "home.auditor_text", "home.audit_who", "home.open_audit",
         auth::Gate::Exports, Screen::Auditor},
        {state.services.auth != nullptr, settingsIndex, "settings", "settings.title", "home.settings_text", "home.settings_who",
         "home.open_settings", auth::Gate::Settings, Screen::Settings},
        {state.services.workshops != nullptr, workshopsIndex, "workshops", "console.title", "home.workshops_text", "home.workshops_who",
         "home.open_audit", auth::Gate::Workshops, Screen::Workshops},
        {regionOffered, regionIndex, "region", "region.title", "home.region_text",
         "home.audit_who", "home.open_audit", auth::Gate::Region, Screen::Region},
    };
    for (const auto& c : cards) {
        if (!c.offered || state.screen != Screen::Home) continue;
        ImGui::Spacing();
        const bool focused = state.home.focused == c.index;
        if (card(state, c.id, state.tr(c.title), state.tr(c.text), state.tr(c.who), state.tr(c.open), focused) || (focused && activate))
            openGated(state, c.gate, c.screen);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();

    if (problems > 0) {
        const std::string text = i18n::substitute(state.tr("home.content_problems"), {std::to_string(problems)});
        wrappedText(text, state.fonts.small, 0, &theme::kError);
    }
}

}  // namespace kiosk::ui
