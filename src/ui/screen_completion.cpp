// Completion: a summary of every answer, what is still missing, and the way back home.
#include <fmt/format.h>

#include <algorithm>

#include "i18n/strings.hpp"
#include "ui/app_state.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

namespace {

// Completes the assessment (and, for a skill checklist, records it in the matrix) or says why not.
void finish(AppState& state) {
    auto& s = state.assessment;
    const auto& questionnaire = s.active->session.questionnaire();
    if (questionnaire.kind == questionnaire::Kind::StaffSkills && state.services.skills) {
        // Two staff may share a name: then the person says which of them they are (or someone new).
        if (state.completion.personId == 0) {
            const auto* name = s.active->session.answer("name");
            if (name && !name->skipped) {
                if (auto named = state.services.skills->peopleNamed(skills::trimPersonText(name->text)); named && named->size() > 1) {
                    state.completion.namesakes = std::move(*named);
                    return;
                }
            }
        }
        // Completed and recorded as the person's newest snapshot in the skill matrix together, or not at all.
        auto finished = state.services.skills->completeChecklist(*state.services.assessments, *s.active, state.completion.personId);
        state.completion.namesakes.clear();
        state.completion.error = finished ? std::string() : finished.error();
        state.matrix.stale = true;
        state.fontsStale = true;  // the person's name may bring new characters
    } else if (auto status = state.services.assessments->complete(*s.active); !status) {
        state.completion.error = status.error();
    } else if (questionnaire.kind == questionnaire::Kind::SecurityMeasures) {
        showResults(state, s.active->uuid);  // scored now, and stored with the assessment
    } else if (state.workshop.participant) {
        state.screen = Screen::WorkshopDebrief;  // the participant's score, path and explanations
    } else {
        state.completion.error.clear();
    }
}

// What to do after a finished profile: the security measures, unless one is already completed.
const questionnaire::Questionnaire* nextStep(AppState& state, const questionnaire::Questionnaire& done) {
    if (done.kind != questionnaire::Kind::FacilityProfile) return nullptr;
    for (const auto& q : state.services.catalog->questionnaires)
        if (q.kind == questionnaire::Kind::SecurityMeasures) return &q;
    return nullptr;
}

}  // namespace

void drawCompletion(AppState& state) {
    auto& s = state.assessment;
    if (!s.active) {
        goHome(state);
        return;
    }
    auto& session = s.active->session;
    const auto& questionnaire = session.questionnaire();
    if (headerBar(state, questionnaire.title.get(state.lang), true)) {
        goHome(state);
        return;
    }

    const bool completed = s.active->record.status == store::AssessmentStatus::Completed;
    const auto missing = session.missingRequired();
    ImGui::PushFont(state.fonts.large);
    wrappedText(state.tr(completed ? "completion.done_title" : missing.empty() ? "completion.title" : "completion.missing_title"));
    ImGui::PopFont();
    if (completed) {
        wrappedText(state.tr("completion.done_text"), nullptr, 0, &theme::kMuted);
        if (const auto* next = nextStep(state, questionnaire))
            wrappedText(i18n::substitute(state.tr("completion.next_text"), {next->title.get(state.lang)}), nullptr, 0, &theme::kSelected);
    }
    else if (missing.empty()) wrappedText(state.tr("completion.text"), nullptr, 0, &theme::kMuted);
    else wrappedText(i18n::substitute(state.tr("completion.missing_text"), {std::to_string(missing.size())}), nullptr, 0, &theme::kError);
    errorBanner(state.completion.error);

    // The footer holds the buttons, and while confirming also the question above them.
    const bool asking = state.completion.confirming || !state.completion.namesakes.empty();
    const float footer = theme::kFooterHeight + (asking ? ImGui::GetTextLineHeightWithSpacing() * 2 + 8 : 0);
    ImGui::BeginChild("summary", {0, ImGui::GetContentRegionAvail().y - footer}, true);
    std::string section;
    int number = 0;
    for (int i = 0; i < session.questionCount(); ++i) {
        if (!session.isVisible(i)) continue;
        ++number;
        const auto& q = session.question(i);
        if (q.section != section) {
            section = q.section;
            const auto* sec = questionnaire.findSection(section);
            ImGui::Spacing();
            wrappedText(sec ? sec->title.get(state.lang) : section, nullptr, 0, &theme::kAccent);
        }
        ImGui::PushID(i);
        wrappedText(fmt::format("{}. {}", number, q.text.get(state.lang)), state.fonts.small);
        const auto* a = session.answer(q.id);
        const bool isMissing = std::find(missing.begin(), missing.end(), i) != missing.end();
        const std::string shown = a ? assessment::describeAnswer(q, *a, state.lang) : state.tr("completion.unanswered");
        ImGui::Indent(24);
        wrappedText(shown, nullptr, 0, isMissing ? &theme::kError : nullptr);
        if (!completed && (isMissing || a)) {
            // bigButton: white on the accent colour (ImGui's own Button would draw dark text on it).
            // A decision of an exercise is locked once made: it can be looked at again, not changed.
            const bool locked = questionnaire.kind == questionnaire::Kind::Exercise && a && !a->skipped;
            const std::string label = state.tr(isMissing ? "completion.answer_now" : locked ? "completion.see_again" : "completion.change");
            const float labelWidth = ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
            if (bigButton((label + "##go").c_str(), {std::max(labelWidth, 140.0f), theme::kMinTouch})) {
                showQuestion(state, i);
                ImGui::Unindent(24);
                ImGui::PopID();
                ImGui::EndChild();
                return;
            }
        }
        ImGui::Unindent(24);
        ImGui::PopID();
    }
    ImGui::EndChild();

    ImGui::Separator();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = (ImGui::GetContentRegionAvail().x - spacing) / 2;
    if (!completed && !state.completion.namesakes.empty()) {
        wrappedText(state.tr("completion.which_person"), nullptr, 0, &theme::kWarning);
        const auto& catalog = state.services.skills->catalog();
        const int options = static_cast<int>(state.completion.namesakes.size()) + 1;
        const float choiceWidth = (ImGui::GetContentRegionAvail().x - spacing * static_cast<float>(options - 1)) / static_cast<float>(options);
        for (const auto& p : state.completion.namesakes) {
            const auto* role = catalog.role(p.role);
            const std::string label = fmt::format("{} · {}##person{}", p.department.empty() ? "—" : p.department,
                                                  role ? role->get(state.lang) : p.role, p.id);
            if (bigButton(label.c_str(), {choiceWidth, theme::kTouchHeight})) {
                state.completion.personId = p.id;
                finish(state);
                return;
            }
            ImGui::SameLine();
        }
        if (bigButton((state.tr("completion.someone_new") + "##new").c_str(), {choiceWidth, theme::kTouchHeight})) {
            state.completion.personId = skills::kNewPerson;
            finish(state);
        }
    } else if (!completed && state.completion.confirming) {
        // Finishing cannot be undone: one more, explicit step.
        wrappedText(state.tr("completion.confirm_text"), nullptr, 0, &theme::kWarning);
        if (bigButton((state.tr("completion.not_yet") + "##notyet").c_str(), {width, theme::kTouchHeight}) ||
            keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            state.completion.confirming = false;
            return;
        }
        ImGui::SameLine();
        if (bigButton((state.tr("completion.confirm") + "##confirm").c_str(), {width, theme::kTouchHeight}, true) ||
            keyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
            state.completion.confirming = false;
            finish(state);
        }
    } else if (!completed) {
        if (bigButton((state.tr("completion.review") + "##review").c_str(), {width, theme::kTouchHeight})) {
            showQuestion(state, session.previous(session.questionCount()));
            return;
        }
        ImGui::SameLine();
        if (bigButton((state.tr("completion.finish") + "##finish").c_str(), {width, theme::kTouchHeight}, false, missing.empty()) ||
            (missing.empty() && keyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))))
            state.completion.confirming = true;
    } else if (const auto* next = nextStep(state, questionnaire)) {
        // The profile is done: the measures come next, and the button starts them.
        if (bigButton((state.tr("completion.home") + "##home").c_str(), {width, theme::kTouchHeight})) {
            goHome(state);
            return;
        }
        ImGui::SameLine();
        const std::string label = i18n::substitute(state.tr("completion.next_step"), {next->title.get(state.lang)});
        if (bigButton((label + "##next").c_str(), {width, theme::kTouchHeight}, true) || keyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
            auto active = state.services.assessments->start(*next, state.lang);
            if (!active) state.completion.error = active.error();
            else openAssessment(state, std::move(*active));
        }
    } else if (bigButton((state.tr("completion.home") + "##home").c_str(), {-1, theme::kTouchHeight}) ||
               keyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
        goHome(state);
    }
}

}  // namespace kiosk::ui
