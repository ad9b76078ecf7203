// A participant's turn in a workshop: joining a session with its code, a nickname and consent;
// choosing the session's exercise; the run itself (the assessment screens, with explanations after
// each decision or only at the end, as the session says); and the debrief: the total score, the
// path against the best path, and every decision's explanation with what each other option
// risks. The debrief ends in the reset: Home, with nothing of the participant on it.
#include <fmt/format.h>

#include <algorithm>

#include "i18n/strings.hpp"
#include "ui/app_state.hpp"
#include "ui/fonts.hpp"
#include "ui/widgets.hpp"
#include "workshop/aggregate.hpp"

namespace kiosk::ui {
namespace {

const questionnaire::Questionnaire* exerciseOf(const AppState& state, const std::string& id) {
    const auto* q = state.services.catalog ? state.services.catalog->find(id) : nullptr;
    return q && q->kind == questionnaire::Kind::Exercise ? q : nullptr;
}

void join(AppState& state) {
    auto& w = state.workshop;
    w.error.clear();
    if (!w.consent) {
        w.error = state.tr("workshop.consent_needed");
        return;
    }
    auto session = state.services.workshops->find(w.code);
    if (!session) {
        w.error = session.error();
        return;
    }
    if (!*session) {
        w.error = i18n::substitute(state.tr("workshop.no_session"), {w.code});
        return;
    }
    auto participant = state.services.workshops->join((*session)->uuid, w.nickname);
    if (!participant) {
        w.error = (*session)->closedAt ? state.tr("workshop.closed") : participant.error();
        return;
    }
    w.session = std::move(**session);
    w.participant = std::move(*participant);
    ensureGlyphs(state, w.participant->code);  // a nickname may bring characters the atlas lacks
}

void startRun(AppState& state, const questionnaire::Questionnaire& exercise) {
    auto active = state.services.assessments->start(exercise, state.lang);
    if (!active) {
        state.workshop.error = active.error();
        return;
    }
    state.workshop.exercise = exercise.id;
    state.workshop.run.clear();
    openAssessment(state, std::move(*active));
}

void drawJoinForm(AppState& state, float width) {
    auto& w = state.workshop;
    box([&](float inner) {
        wrappedText(state.tr("workshop.join_intro"), nullptr, inner, &theme::kMuted);
        ImGui::Spacing();
        ImGui::TextUnformatted(state.tr("workshop.code").c_str());
        textField(state, "##code", w.code, std::min(inner, 320.0f), state.tr("workshop.code_hint").c_str(), 13);
        ImGui::Spacing();
        ImGui::TextUnformatted(state.tr("workshop.nickname").c_str());
        textField(state, "##nickname", w.nickname, std::min(inner, 420.0f), state.tr("workshop.nickname_hint").c_str(), 121);
        ImGui::Spacing();
        // The consent is a whole sentence: an option that wraps it, as wide as the form.
        if (optionButton("consent", (w.consent ? "■ " : "□ ") + state.tr("workshop.consent"), w.consent ? "✓" : "", inner, w.consent))
            w.consent = !w.consent;
        errorBanner(w.error);
        ImGui::Spacing();
        const std::string label = state.tr("workshop.join");
        if (bigButton((label + "##join").c_str(), {std::min(inner, 320.0f), theme::kTouchHeight}, false, !w.code.empty() && !w.nickname.empty()))
            join(state);
    }, theme::kPanel, nullptr, 1.0f, width);
}

void drawExercises(AppState& state, float width) {
    auto& w = state.workshop;
    box([&](float inner) {
        ImGui::PushFont(state.fonts.large);
        wrappedText(w.session->name, nullptr, inner);
        ImGui::PopFont();
        const bool team = w.session->mode == workshop::Mode::Team;
        wrappedText(i18n::substitute(state.tr(team ? "workshop.welcome_team" : "workshop.welcome"), {w.participant->code, phaseLabel(state, w.session->phase)}),
                    nullptr, inner, &theme::kMuted);
        errorBanner(w.error);
        for (const auto& id : w.session->exercises) {
            const auto* exercise = exerciseOf(state, id);
            if (!exercise) continue;
            ImGui::Spacing();
            ImGui::PushID(id.c_str());
            wrappedText(exercise->title.get(state.lang), state.fonts.large, inner);
            wrappedText(i18n::substitute(state.tr("home.duration"), {std::to_string(exercise->durationMinutes)}), state.fonts.small, inner,
                        &theme::kMuted);
            const std::string label = state.tr("workshop.start");
            if (bigButton((label + "##start").c_str(), {std::min(inner, 320.0f), theme::kTouchHeight})) {
                ImGui::PopID();
                startRun(state, *exercise);
                return;
            }
            ImGui::PopID();
        }
    }, theme::kPanel, nullptr, 1.0f, width);
}

}  // namespace

std::string phaseLabel(const AppState& state, workshop::Phase phase) {
    return state.tr(phase == workshop::Phase::Pre ? "workshop.phase_pre" : "workshop.phase_post");
}

void linkWorkshopRun(AppState& state) {
    auto& w = state.workshop;
    const auto& active = state.assessment.active;
    if (!w.participant || !w.session || w.exercise.empty() || !w.run.empty() || !active || !active->stored()) return;
    if (auto s = state.services.workshops->addRun(w.participant->uuid, w.exercise, w.session->phase, active->uuid); !s) {
        state.assessment.error = s.error();
        return;
    }
    w.run = active->uuid;
}

bool explanationsNow(const AppState& state) {
    return !state.workshop.participant || !state.workshop.session ||
           state.workshop.session->explanations == workshop::Explanations::EachDecision;
}

void endWorkshopTurn(AppState& state) {
    // Everything of the participant goes: their turn, what they typed, the run's screens.
    state.typedText.clear();
    goHome(state);
}

void drawWorkshopJoin(AppState& state) {
    if (headerBar(state, state.tr("workshop.join_title"), true) || keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        goHome(state);
        return;
    }
    if (!state.services.workshops) {
        goHome(state);
        return;
    }
    // A scrolling region: the form is taller than a 1024x600 screen once the keyboard's field is open.
    ImGui::BeginChild("join", {0, 0}, false);
    const float width = std::min(ImGui::GetContentRegionAvail().x - 12, 760.0f);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (ImGui::GetContentRegionAvail().x - width) / 2);
    ImGui::BeginGroup();
    if (!state.workshop.participant) drawJoinForm(state, width);
    else drawExercises(state, width);
    ImGui::EndGroup();
    ImGui::EndChild();
}

void drawWorkshopDebrief(AppState& state) {
    auto& s = state.assessment;
    if (!s.active || !state.workshop.participant) {
        endWorkshopTurn(state);
        return;
    }
    const auto& exercise = s.active->session.questionnaire();
    headerBar(state, exercise.title.get(state.lang), false);
    std::map<std::string, std::string> choices;
    for (const auto& q : exercise.questions)
        if (const auto* a = s.active->session.answer(q.id); a && !a->skipped) choices[q.id] = a->choice;
    const auto score = workshop::scoreRun(exercise, choices);

    const float footer = theme::kFooterHeight;
    ImGui::BeginChild("debrief", {0, ImGui::GetContentRegionAvail().y - footer}, false);
    const float inner = ImGui::GetContentRegionAvail().x - 8;
    ImGui::PushFont(state.fonts.large);
    wrappedText(i18n::substitute(state.tr("workshop.total"), {fmt::format("{:.0f}", score.total.percent()), std::to_string(score.best),
                                                              std::to_string(exercise.questions.size())}),
                nullptr, inner);
    ImGui::PopFont();
    wrappedText(state.tr("workshop.path_intro"), nullptr, inner, &theme::kMuted);

    // The path: every decision, the choice made, and the best one where it differs.
    int number = 0;
    for (const auto& d : score.decisions) {
        ++number;
        const auto* q = exercise.findQuestion(d.decision);
        if (!q) continue;
        const auto* chosen = d.chosen ? q->findOption(*d.chosen) : nullptr;
        const auto* best = q->findOption(d.best);
        ImGui::PushID(number);
        box([&](float width) {
            wrappedText(fmt::format("{}. {}", number, q->text.get(state.lang)), state.fonts.small, width, &theme::kMuted);
            if (chosen) {
                const std::string heading = i18n::substitute(state.tr(d.isBest() ? "workshop.chose_best" : "workshop.chose"),
                                                             {fmt::format("{:.0f}", d.score)});
                wrappedText(heading, nullptr, width, d.isBest() ? &theme::kSelected : &theme::kWarning);
                wrappedText(chosen->label.get(state.lang), nullptr, width);
                wrappedText(chosen->explanation.get(state.lang), state.fonts.small, width);
            } else {
                wrappedText(state.tr("workshop.not_decided"), nullptr, width, &theme::kWarning);
            }
            if (best && !d.isBest()) {
                ImGui::Spacing();
                wrappedText(state.tr("exercise.best_was") + best->label.get(state.lang), nullptr, width, &theme::kSelected);
                wrappedText(best->explanation.get(state.lang), state.fonts.small, width);
            }
            // What each other option risks: the content's explanation of it.
            for (const auto& o : q->options) {
                if (&o == chosen || &o == best) continue;
                ImGui::Spacing();
                wrappedText(state.tr("workshop.other") + o.label.get(state.lang), state.fonts.small, width, &theme::kMuted);
                wrappedText(o.explanation.get(state.lang), state.fonts.small, width);
            }
        }, d.isBest() ? theme::kGoodFill : theme::kCautionFill);
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::Separator();
    const std::string label = state.tr("workshop.done");
    if (bigButton((label + "##done").c_str(), {ImGui::GetContentRegionAvail().x, theme::kTouchHeight})) endWorkshopTurn(state);
}

}  // namespace kiosk::ui
