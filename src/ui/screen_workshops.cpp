// The trainer's console (trainer role): workshop sessions created, chosen and closed; for the
// session chosen, its code for the participants, the phase of the runs begun now (before or after
// the teaching), and the aggregate of its runs: participants done and still at it, the choices of
// every decision as horizontal bars with the most common wrong choice and its explanation for the
// debrief, mean and spread of the scores overall and per learning objective, and the change from
// before to after per participant code. Session files carry a session to other kiosks and bring
// their runs back (merged once, whatever the number of times).
#include <fmt/format.h>

#include <algorithm>

#include "i18n/strings.hpp"
#include "ui/app_state.hpp"
#include "ui/fonts.hpp"
#include "ui/widgets.hpp"
#include "util/dates.hpp"
#include "util/file.hpp"
#include "util/time.hpp"
#include "workshop/aggregate.hpp"
#include "workshop/bundle.hpp"
#include "workshop/report.hpp"

namespace kiosk::ui {
namespace {

using workshop::Phase;

const workshop::Session* selected(const AppState& state) {
    for (const auto& s : state.console.sessions)
        if (s.uuid == state.console.selected) return &s;
    return nullptr;
}

void refresh(AppState& state) {
    auto& c = state.console;
    c.stale = false;
    c.error.clear();
    auto sessions = state.services.workshops->sessions();
    if (!sessions) {
        c.error = sessions.error();
        return;
    }
    c.sessions = std::move(*sessions);
    if (!selected(state)) c.selected = c.sessions.empty() ? std::string() : c.sessions.front().uuid;
    c.runs.clear();
    if (const auto* s = selected(state)) {
        auto runs = state.services.workshops->runs(s->uuid);
        if (runs) c.runs = std::move(*runs);
        else c.error = runs.error();
        c.exercise = std::clamp(c.exercise, 0, std::max(0, static_cast<int>(s->exercises.size()) - 1));
    }
    // Nicknames and session names may bring characters the atlas lacks.
    for (const auto& run : c.runs) ensureGlyphs(state, run.participantCode);
    for (const auto& session : c.sessions) ensureGlyphs(state, session.name);
}

std::string points(double percent) { return fmt::format("{:.0f}", percent); }

void drawCreateForm(AppState& state, float width) {
    auto& c = state.console;
    box([&](float inner) {
        ImGui::PushFont(state.fonts.large);
        wrappedText(state.tr("console.new"), nullptr, inner);
        ImGui::PopFont();
        ImGui::TextUnformatted(state.tr("console.name").c_str());
        textField(state, "##name", c.name, std::min(inner, 520.0f), state.tr("console.name_hint").c_str(), 301);
        ImGui::Spacing();
        ImGui::TextUnformatted(state.tr("console.exercises").c_str());
        for (const auto& q : state.services.catalog->questionnaires) {
            if (q.kind != questionnaire::Kind::Exercise) continue;
            bool on = c.chosen.count(q.id) > 0;
            if (checkbox((q.title.get(state.lang) + "##" + q.id).c_str(), &on)) {
                if (on) c.chosen.insert(q.id);
                else c.chosen.erase(q.id);
            }
        }
        ImGui::Spacing();
        const float half = std::min(inner, 520.0f) / 2 - 4;
        ImGui::TextUnformatted(state.tr("console.mode").c_str());
        if (bigButton((state.tr("console.individual") + "##individual").c_str(), {half, theme::kMinTouch}, c.mode == workshop::Mode::Individual))
            c.mode = workshop::Mode::Individual;
        ImGui::SameLine();
        if (bigButton((state.tr("console.team") + "##team").c_str(), {half, theme::kMinTouch}, c.mode == workshop::Mode::Team))
            c.mode = workshop::Mode::Team;
        ImGui::TextUnformatted(state.tr("console.explanations").c_str());
        if (bigButton((state.tr("console.each_decision") + "##each").c_str(), {half, theme::kMinTouch},
                      c.explanations == workshop::Explanations::EachDecision))
            c.explanations = workshop::Explanations::EachDecision;
        ImGui::SameLine();
        if (bigButton((state.tr("console.at_end") + "##end").c_str(), {half, theme::kMinTouch}, c.explanations == workshop::Explanations::AtEnd))
            c.explanations = workshop::Explanations::AtEnd;
        ImGui::Spacing();
        if (bigButton((state.tr("console.create") + "##create").c_str(), {std::min(inner, 520.0f), theme::kTouchHeight}, false,
                      !c.name.empty() && !c.chosen.empty())) {
            std::vector<std::string> exercises;
            for (const auto& q : state.services.catalog->questionnaires)
                if (c.chosen.count(q.id)) exercises.push_back(q.id);
            auto created = state.services.workshops->create({c.name, exercises, c.mode, c.explanations});
            if (!created) {
                c.error = created.error();
                return;
            }
            c.selected = created->uuid;
            c.creating = false;
            c.name.clear();
            c.chosen.clear();
            c.message = i18n::substitute(state.tr("console.created"), {created->code});
            c.stale = true;
        }
    }, theme::kPanel, nullptr, 1.0f, width);
}

// One horizontal bar per option: its number, how many chose it, the best marked.
void choiceBars(AppState& state, const questionnaire::Question& q, const workshop::DecisionAggregate& d, float width) {
    int most = 1;
    for (const auto& choice : d.choices) most = std::max(most, choice.count);
    const float label = 90.0f;
    const float barWidth = std::max(40.0f, width - label - 60);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    int n = 0;
    for (const auto& choice : d.choices) {
        ++n;
        const auto* option = q.findOption(choice.option);
        wrappedText(fmt::format("{}{}. {}", choice.best ? "✓ " : "", n, option ? option->label.get(state.lang) : choice.option), state.fonts.small,
                    width, &theme::kMuted);
        const std::string count = i18n::substitute(state.tr("console.people"), {std::to_string(choice.count)});
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::TextUnformatted(count.c_str());
        const float h = ImGui::GetTextLineHeight();
        const float w = barWidth * static_cast<float>(choice.count) / static_cast<float>(most);
        const ImVec4 colour = choice.best ? theme::kSelected : choice.option == d.commonestWrong ? theme::kWarning : theme::kMuted;
        draw->AddRectFilled({at.x + label, at.y + 3}, {at.x + label + std::max(w, 2.0f), at.y + h - 3}, ImGui::GetColorU32(colour), 3.0f);
    }
    if (d.commonestWrong) {
        if (const auto* wrong = q.findOption(*d.commonestWrong)) {
            wrappedText(state.tr("console.commonest_wrong") + wrong->label.get(state.lang), state.fonts.small, width, &theme::kWarning);
            wrappedText(wrong->explanation.get(state.lang), state.fonts.small, width);
        }
    }
}

void drawAggregate(AppState& state, const workshop::Session& s, const questionnaire::Questionnaire& exercise, float width) {
    auto& c = state.console;
    const auto pre = workshop::aggregate(exercise, c.runs, Phase::Pre);
    const auto post = workshop::aggregate(exercise, c.runs, Phase::Post);
    const bool showPost = c.view < 0 ? s.phase == Phase::Post && (post.completed + post.inProgress) > 0 : c.view == 1;
    const auto& shown = showPost ? post : pre;

    box([&](float inner) {
        // Which runs the aggregate counts: before or after the teaching (the session's phase until chosen).
        const float half = std::min(inner, 520.0f) / 2 - 4;
        for (const Phase phase : {Phase::Pre, Phase::Post}) {
            if (phase == Phase::Post) ImGui::SameLine();
            const bool on = (phase == Phase::Post) == showPost;
            const std::string label = state.tr(phase == Phase::Pre ? "console.view_pre" : "console.view_post");
            if (bigButton((label + "##view").c_str(), {half, theme::kMinTouch}, on))
                c.view = phase == Phase::Post ? 1 : 0;
        }
        wrappedText(i18n::substitute(state.tr("console.counts"), {phaseLabel(state, showPost ? Phase::Post : Phase::Pre),
                                                                  std::to_string(shown.completed), std::to_string(shown.inProgress)}),
                    nullptr, inner);
        if (shown.total.runs > 0) {
            wrappedText(i18n::substitute(state.tr("console.score"), {points(shown.total.mean), points(shown.total.deviation)}), nullptr, inner);
            for (const auto& [objective, spread] : shown.objectives) {
                if (objective < 1 || objective > static_cast<int>(exercise.objectives.size())) continue;
                wrappedText(fmt::format("{}. {}  —  {}", objective, exercise.objectives[static_cast<std::size_t>(objective - 1)].get(state.lang),
                                        i18n::substitute(state.tr("console.score"), {points(spread.mean), points(spread.deviation)})),
                            state.fonts.small, inner, &theme::kMuted);
            }
        } else {
            wrappedText(state.tr("console.no_scores"), nullptr, inner, &theme::kMuted);
        }
    }, theme::kPanel, nullptr, 1.0f, width);

    // Every decision: the spread of choices, and the most common wrong one for the debrief.
    int number = 0;
    for (const auto& d : shown.decisions) {
        ++number;
        const auto* q = exercise.findQuestion(d.decision);
        if (!q) continue;
        ImGui::PushID(number);
        box([&](float inner) {
            wrappedText(fmt::format("{}. {}", number, q->text.get(state.lang)), nullptr, inner);
            choiceBars(state, *q, d, inner);
        }, theme::kPanel, nullptr, 1.0f, width);
        ImGui::PopID();
    }

    // Before and after, per participant code.
    const auto change = workshop::prePost(exercise, c.runs);
    if (!change.participants.empty()) {
        box([&](float inner) {
            ImGui::PushFont(state.fonts.large);
            wrappedText(state.tr("console.prepost"), nullptr, inner);
            ImGui::PopFont();
            wrappedText(i18n::substitute(state.tr("console.prepost_mean"), {points(change.before.mean), points(change.after.mean),
                                                                            fmt::format("{:+.0f}", change.meanTotalChange)}),
                        nullptr, inner);
            for (const auto& [objective, delta] : change.meanChange)
                if (objective >= 1 && objective <= static_cast<int>(exercise.objectives.size()))
                    wrappedText(fmt::format("{}. {}  {:+.0f}", objective, exercise.objectives[static_cast<std::size_t>(objective - 1)].get(state.lang), delta),
                                state.fonts.small, inner, &theme::kMuted);
            for (const auto& p : change.participants)
                wrappedText(fmt::format("{}  {} → {}  ({:+.0f})", p.participantCode, points(p.before), points(p.after), p.change()), nullptr, inner);
        }, theme::kPanel, nullptr, 1.0f, width);
    }
}

void drawSession(AppState& state, const workshop::Session& s, float width) {
    auto& c = state.console;
    box([&](float inner) {
        ImGui::PushFont(state.fonts.large);
        wrappedText(s.name, nullptr, inner);
        wrappedText(i18n::substitute(state.tr("console.code"), {s.code}), nullptr, inner, &theme::kAccent);
        ImGui::PopFont();
        if (s.closedAt) {
            wrappedText(state.tr("console.closed"), nullptr, inner, &theme::kMuted);
            if (!s.improvements.empty()) wrappedText(s.improvements, state.fonts.small, inner);
            return;
        }
        wrappedText(state.tr("console.phase"), nullptr, inner, &theme::kMuted);
        const float half = std::min(inner, 520.0f) / 2 - 4;
        for (const Phase phase : {Phase::Pre, Phase::Post}) {
            if (phase == Phase::Post) ImGui::SameLine();
            if (bigButton((phaseLabel(state, phase) + "##phase" + std::string(workshop::phaseName(phase))).c_str(), {half, theme::kMinTouch},
                          s.phase == phase) &&
                s.phase != phase) {
                if (auto changed = state.services.workshops->setPhase(s.uuid, phase); !changed) c.error = changed.error();
                c.stale = true;
            }
        }
    }, theme::kPanel, nullptr, 1.0f, width);

    if (s.exercises.size() > 1) {
        for (int i = 0; i < static_cast<int>(s.exercises.size()); ++i) {
            const auto* q = state.services.catalog->find(s.exercises[static_cast<std::size_t>(i)]);
            if (i) ImGui::SameLine();
            const std::string label = (q ? q->title.get(state.lang) : s.exercises[static_cast<std::size_t>(i)]) + "##ex" + std::to_string(i);
            if (bigButton(label.c_str(), {(width - 8 * static_cast<float>(s.exercises.size() - 1)) / static_cast<float>(s.exercises.size()), theme::kMinTouch},
                          c.exercise == i))
                c.exercise = i;
        }
    }
    const auto* exercise = state.services.catalog->find(s.exercises.at(static_cast<std::size_t>(c.exercise)));
    if (exercise) drawAggregate(state, s, *exercise, width);

    // Files: the session to other kiosks, and their runs back.
    box([&](float inner) {
        ImGui::PushFont(state.fonts.large);
        wrappedText(state.tr("console.files"), nullptr, inner);
        ImGui::PopFont();
        wrappedText(state.tr("console.files_text"), state.fonts.small, inner, &theme::kMuted);
        if (c.file.empty()) c.file = homeFile(fmt::format("medsec-workshop-{}.json", s.code));
        textField(state, "##file", c.file, inner, "", 1024);
        const float half = inner / 2 - 4;
        if (bigButton((state.tr("console.write_file") + "##write").c_str(), {half, theme::kMinTouch})) {
            auto text = workshop::sessionFile(state.services.workshops->database(), s.uuid);
            auto written = text ? writeFileAtomically(c.file, *text) : Status{Error{text.error()}};
            c.error = written ? std::string() : written.error();
            c.message = written ? i18n::substitute(state.tr("console.written"), {c.file}) : std::string();
        }
        ImGui::SameLine();
        if (bigButton((state.tr("console.merge_file") + "##merge").c_str(), {half, theme::kMinTouch})) {
            auto text = readFile(c.file);
            auto merged = text ? workshop::mergeSessionFile(state.services.workshops->database(), state.services.audit, *text)
                               : Result<workshop::MergeSummary>{Error{text.error()}};
            if (!merged) {
                c.error = merged.error();
                c.message.clear();
            } else {
                c.error.clear();
                c.message = merged->changed() ? i18n::substitute(state.tr("console.merged"), {std::to_string(merged->participantsAdded),
                                                                                              std::to_string(merged->runsAdded)})
                                              : state.tr("console.nothing_new");
                c.stale = true;
            }
        }
    }, theme::kPanel, nullptr, 1.0f, width);

    // The after-action report, as HTML and PDF beside the home folder.
    box([&](float inner) {
        ImGui::PushFont(state.fonts.large);
        wrappedText(state.tr("console.report"), nullptr, inner);
        ImGui::PopFont();
        wrappedText(state.tr("console.report_text"), state.fonts.small, inner, &theme::kMuted);
        const float half = inner / 2 - 4;
        for (const char* format : {"html", "pdf"}) {
            if (std::string_view(format) == "pdf") ImGui::SameLine();
            const std::string label = state.tr(std::string_view(format) == "html" ? "console.report_html" : "console.report_pdf");
            if (!bigButton((label + "##" + format).c_str(), {half, theme::kMinTouch})) continue;
            const std::string path = homeFile(fmt::format("medsec-workshop-{}-report.{}", s.code, format));
            const auto outline = workshop::afterActionOutline(s, c.runs, *state.services.catalog, state.lang, dates::iso(dates::today()));
            auto bytes = std::string_view(format) == "html" ? exporting::htmlDocument(outline)
                                                            : exporting::pdfDocument(outline, isoUtc(std::chrono::system_clock::now()));
            auto written = bytes ? writeFileAtomically(path, *bytes) : Status{Error{bytes.error()}};
            c.error = written ? std::string() : written.error();
            c.message = written ? i18n::substitute(state.tr("console.written"), {path}) : std::string();
        }
    }, theme::kPanel, nullptr, 1.0f, width);

    if (s.closedAt) return;
    box([&](float inner) {
        ImGui::PushFont(state.fonts.large);
        wrappedText(state.tr("console.close_title"), nullptr, inner);
        ImGui::PopFont();
        wrappedText(state.tr("console.improvements"), state.fonts.small, inner, &theme::kMuted);
        textArea(state, "##improvements", c.improvements, {inner, 140}, 4001);
        if (!c.confirmClose) {
            if (bigButton((state.tr("console.close") + "##close").c_str(), {std::min(inner, 520.0f), theme::kMinTouch})) c.confirmClose = true;
        } else {
            wrappedText(state.tr("console.close_confirm"), nullptr, inner, &theme::kWarning);
            const float half = std::min(inner, 520.0f) / 2 - 4;
            if (bigButton((state.tr("console.close_yes") + "##yes").c_str(), {half, theme::kMinTouch})) {
                if (auto closed = state.services.workshops->close(s.uuid, c.improvements); !closed) c.error = closed.error();
                else c.improvements.clear();
                c.confirmClose = false;
                c.stale = true;
            }
            ImGui::SameLine();
            if (bigButton((state.tr("console.close_no") + "##no").c_str(), {half, theme::kMinTouch})) c.confirmClose = false;
        }
    }, theme::kCautionFill, nullptr, 1.0f, width);
}

}  // namespace

double refreshSeconds(const AppState& state) { return state.screen == Screen::Workshops ? 5.0 : 0.0; }

void refreshScreen(AppState& state) {
    if (state.screen == Screen::Workshops) state.console.stale = true;
}

void drawWorkshops(AppState& state) {
    auto& c = state.console;
    std::vector<HeaderTool> tools{{state.tr("console.refresh"), false}};
    if (headerBar(state, state.tr("console.title"), true, &tools) || keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        goHome(state);
        return;
    }
    // The screen checks its gate itself: no path around the Home card opens it.
    if (!admitted(state, auth::Gate::Workshops, Screen::Workshops, state.services.workshops != nullptr)) return;
    if (tools[0].pressed) c.stale = true;
    if (c.stale) refresh(state);
    errorBanner(c.error);
    if (!c.message.empty()) wrappedText(c.message, nullptr, 0, &theme::kSelected);

    const float avail = ImGui::GetContentRegionAvail().x;
    const bool wide = avail >= 960;
    const float listWidth = wide ? 320.0f : avail;
    ImGui::BeginChild("sessions", {listWidth, wide ? ImGui::GetContentRegionAvail().y : 220.0f}, false);
    if (bigButton((state.tr("console.new") + "##new").c_str(), {listWidth - 8, theme::kMinTouch}, c.creating)) c.creating = !c.creating;
    if (c.sessions.empty()) wrappedText(state.tr("console.none"), nullptr, listWidth - 8, &theme::kMuted);
    int number = 0;
    for (const auto& s : c.sessions) {
        const std::string label = fmt::format("{}　{}{}", s.name, s.code, s.closedAt ? "（" + state.tr("console.closed_short") + "）" : "");
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {ImGui::GetStyle().ItemSpacing.x, theme::kOptionSpacing});
        const bool pressed = optionButton(s.uuid.c_str(), label, std::to_string(++number), listWidth - 8, !c.creating && s.uuid == c.selected);
        ImGui::PopStyleVar();
        if (pressed) {
            c.selected = s.uuid;
            c.creating = false;
            c.file.clear();
            c.exercise = 0;
            c.view = -1;
            c.confirmClose = false;
            c.stale = true;
        }
    }
    ImGui::EndChild();
    if (wide) ImGui::SameLine(0, theme::kPadding);
    ImGui::BeginChild("session", {0, 0}, false);
    const float width = ImGui::GetContentRegionAvail().x - 12;
    if (c.creating) drawCreateForm(state, width);
    else if (const auto* s = selected(state)) drawSession(state, *s, width);
    ImGui::EndChild();
}

}  // namespace kiosk::ui
