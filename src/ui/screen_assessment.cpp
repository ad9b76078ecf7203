// Assessment: one question per page, large answer buttons, progress that follows show-if, Back /
// Skip / Next, a help panel and a section overview. Every answer is saved the moment it is given.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <vector>

#include "i18n/strings.hpp"
#include "ui/app_state.hpp"
#include "ui/fonts.hpp"
#include "ui/widgets.hpp"
#include "util/dates.hpp"
#include "util/utf8.hpp"

namespace kiosk::ui {
namespace {

using assessment::Answer;
using questionnaire::Question;
using questionnaire::QuestionType;

// Saves through the service; on failure the message is shown and nothing changes on screen.
bool save(AppState& state, const Question& q, Answer answer) {
    auto& s = state.assessment;
    auto status = state.services.assessments->answer(*s.active, q.id, std::move(answer));
    if (!status) {
        s.error = status.error();
        s.savedNote.clear();
        return false;
    }
    s.error.clear();
    s.savedNote = state.tr("assessment.saved");
    linkWorkshopRun(state);
    return true;
}

void moveTo(AppState& state, int index) {
    auto& s = state.assessment;
    s.error.clear();
    s.savedNote.clear();
    s.bufferFor = -1;
    s.focusInput = true;
    if (index < 0) {
        state.screen = Screen::Completion;
        state.completion = CompletionState{};
        return;
    }
    s.current = index;
}

// Texts of at most this many characters are typed on one line.
constexpr int kSingleLineTextLength = 200;

// A number as typed: spaces ignored, full-width digits and signs as their ASCII forms.
std::optional<double> readNumber(std::string_view typed) {
    std::string text;
    for (std::size_t i = 0; i < typed.size();) {
        char32_t c = 0;
        i += utf8::decodeAt(typed, i, c);
        if (c >= U'０' && c <= U'９') c = U'0' + (c - U'０');
        else if (c == U'．') c = U'.';
        else if (c == U'－' || c == U'ー' || c == U'−') c = U'-';
        else if (c == U'，' || c == U',' || c == U' ' || c == U'\u3000') continue;
        if (c > 0x7F) return std::nullopt;
        text += static_cast<char>(c);
    }
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

// Number, date and text answers are typed into a buffer and saved when the person moves on.
bool commitBuffer(AppState& state, const Question& q) {
    auto& s = state.assessment;
    if (s.bufferFor != s.current) return true;  // nothing typed on this page
    Answer answer;
    if (q.type == QuestionType::Number) {
        const auto value = readNumber(s.buffer);
        if (!value) {
            s.error = i18n::substitute(state.tr("assessment.error_number"),
                                       {fmt::format("{}", q.min), fmt::format("{}", q.max)});
            s.focusInput = true;  // the field keeps the keyboard so the value can be fixed at once
            return false;
        }
        answer = Answer::value(*value);
    } else if (q.type == QuestionType::Date) {
        auto date = dates::parse(s.buffer);
        if (!date) {
            s.error = state.tr("assessment.error_date");
            s.focusInput = true;
            return false;
        }
        answer = Answer::words(dates::iso(*date));
    } else {
        answer = Answer::words(s.buffer);
    }
    if (auto status = assessment::checkAnswer(q, answer); !status) {
        s.error = q.type == QuestionType::Date ? state.tr("assessment.error_date")
                  : q.type == QuestionType::Number
                      ? i18n::substitute(state.tr("assessment.error_number"), {fmt::format("{}", q.min), fmt::format("{}", q.max)})
                      : status.error();
        s.focusInput = true;
        return false;
    }
    const Answer* existing = s.active->session.answer(q.id);
    if (existing && *existing == answer) return true;
    return save(state, q, std::move(answer));
}

// In exercises the first decision counts: once made, the options are locked and the explanation shows.
bool decided(const AppState& state, const Answer* current) {
    return state.assessment.active->session.questionnaire().kind == questionnaire::Kind::Exercise && current && !current->skipped;
}

void choiceButtons(AppState& state, const Question& q, const Answer* current) {
    const float width = ImGui::GetContentRegionAvail().x;
    const bool locked = decided(state, current);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {ImGui::GetStyle().ItemSpacing.x, theme::kOptionSpacing});
    const bool multi = q.type == QuestionType::MultiChoice;
    std::vector<std::string> chosen = current && multi ? current->choices : std::vector<std::string>{};
    for (std::size_t i = 0; i < q.options.size(); ++i) {
        const auto& option = q.options[i];
        const bool selected = multi ? std::find(chosen.begin(), chosen.end(), option.id) != chosen.end()
                                    : current && !current->skipped && current->choice == option.id;
        std::string label = multi ? (selected ? "■ " : "□ ") + option.label.get(state.lang) : option.label.get(state.lang);
        if (locked && option.best) label = state.tr("exercise.best_mark") + label;
        const bool key = i < 9 && keyPressed('1' + static_cast<int>(i));
        // A decision made in an exercise: green only when it was the best one.
        const ImVec4* fill = locked && !option.best ? &theme::kWarning : nullptr;
        const bool pressed = optionButton(option.id.c_str(), label, std::to_string(i + 1), width, selected, theme::kOptionHeight, fill) || key;
        if (pressed && locked) {
            state.assessment.savedNote = state.tr("exercise.locked");
        } else if (pressed) {
            if (multi) {
                std::vector<std::string> next;
                for (const auto& o : q.options) {  // keep the questionnaire's order
                    const bool was = std::find(chosen.begin(), chosen.end(), o.id) != chosen.end();
                    if (o.id == option.id ? !was : was) next.push_back(o.id);
                }
                save(state, q, Answer::options(std::move(next)));
            } else if (save(state, q, Answer::option(option.id)) && decided(state, state.assessment.active->session.answer(q.id)) &&
                       explanationsNow(state)) {
                state.assessment.revealFeedback = true;
            }
        }
    }
    if (multi) {
        // "None of these" is an answer of its own: an empty selection, said out loud.
        const bool none = current && !current->skipped && current->choices.empty();
        const int n = static_cast<int>(q.options.size());
        const std::string label = (none ? "■ " : "□ ") + state.tr("assessment.none_of_these");
        if ((optionButton("none_of_these", label, std::to_string(n + 1), width, none) || (n < 9 && keyPressed('1' + n))) && !none)
            save(state, q, Answer::options({}));
    }
    ImGui::PopStyleVar();
}

// After a decision in an exercise: why the chosen option is best, or what it risks and which was best.
void decisionFeedback(AppState& state, const Question& q, const Answer& answer) {
    const auto* chosen = q.findOption(answer.choice);
    if (!chosen) return;
    const questionnaire::Option* best = nullptr;
    for (const auto& o : q.options)
        if (o.best) best = &o;
    const ImVec4 fill = chosen->best ? ImVec4{0.90f, 0.97f, 0.93f, 1} : ImVec4{0.99f, 0.95f, 0.89f, 1};
    box([&](float inner) {
        const std::string heading = i18n::substitute(state.tr(chosen->best ? "exercise.you_chose_best" : "exercise.you_chose"),
                                                     {fmt::format("{}", chosen->score.value_or(0))});
        wrappedText(heading, state.fonts.large, inner, chosen->best ? &theme::kSelected : &theme::kError);
        wrappedText(chosen->explanation.get(state.lang), nullptr, inner);
        if (!chosen->best && best) {
            ImGui::Spacing();
            wrappedText(state.tr("exercise.best_was") + best->label.get(state.lang), nullptr, inner, &theme::kSelected);
            wrappedText(best->explanation.get(state.lang), nullptr, inner);
        }
    }, fill);
    if (state.assessment.revealFeedback) {  // bring the explanation into view once, right after the decision
        ImGui::SetScrollHereY(1.0f);
        state.assessment.revealFeedback = false;
    }
}

void levelButtons(AppState& state, const Question& q, const Answer* current) {
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {ImGui::GetStyle().ItemSpacing.x, theme::kOptionSpacing});
    for (int level = 0; level <= questionnaire::kMaxLevel; ++level) {
        const bool selected = current && current->number && static_cast<int>(*current->number) == level;
        const std::string id = fmt::format("level{}", level);
        std::string label = questionnaire::levelLabel(level).get(state.lang);
        label = label.substr(label.find(' ') + 1);  // the badge shows the number
        if (optionButton(id.c_str(), label, std::to_string(level), width, selected) || keyPressed('0' + level))
            save(state, q, Answer::value(level));
    }
    ImGui::PopStyleVar();
}

// The on-screen keypad for a number question: a decimal point where the question allows
// fractions, a minus sign where it allows negatives.
bool numberKeypad(AppState& state, const Question& q, std::string& buffer) {
    return keypad(buffer, state.tr("assessment.keypad_clear"), !q.integer, q.min < 0, 24);
}

// "−  value  +" for one part of a date; `delta` says which was pressed.
bool stepper(const char* id, const std::string& value, float valueWidth, int& delta) {
    constexpr float kKey = 64.0f;
    ImGui::PushID(id);
    bool changed = false;
    if (bigButton("−##down", {kKey, kKey})) delta = -1, changed = true;
    ImGui::SameLine(0, 6);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy({valueWidth, kKey});
    const ImVec2 size = ImGui::CalcTextSize(value.c_str());
    ImGui::GetWindowDrawList()->AddText({at.x + (valueWidth - size.x) / 2, at.y + (kKey - size.y) / 2},
                                        ImGui::GetColorU32(ImGuiCol_Text), value.c_str());
    ImGui::SameLine(0, 6);
    if (bigButton("+##up", {kKey, kKey})) delta = 1, changed = true;
    ImGui::PopID();
    return changed;
}

// Year, month and day steppers in two rows, with the Japanese era beside the year and a "today"
// button. The picker starts from the date in the field, or today when the field holds none.
bool datePicker(AppState& state, std::string& buffer) {
    auto parsed = dates::parse(buffer);
    dates::Date d = parsed ? *parsed : dates::today();
    int delta = 0;
    bool changed = false;
    const auto unit = [&](const char* key) {
        ImGui::SameLine(0, 6);
        ImGui::AlignTextToFramePadding();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 8);
        ImGui::TextUnformatted(state.tr(key).c_str());
    };
    ImGui::BeginGroup();
    if (stepper("year", std::to_string(d.year), 84, delta)) {
        d.year = std::clamp(d.year + delta, dates::kMinYear, dates::kMaxYear);
        changed = true;
    }
    unit("assessment.date_year");
    ImGui::SameLine(0, 12);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 8);
    wrappedText(dates::eraOfYear(d.year, state.lang), state.fonts.small, 0, &theme::kMuted);
    if (stepper("month", std::to_string(d.month), 40, delta)) {
        d.month = (d.month + delta + 11) % 12 + 1;
        changed = true;
    }
    unit("assessment.date_month");
    ImGui::SameLine(0, 16);
    if (stepper("day", std::to_string(d.day), 40, delta)) {
        const int days = dates::daysInMonth(d.year, d.month);
        d.day = (std::min(d.day, days) + delta + days - 1) % days + 1;
        changed = true;
    }
    unit("assessment.date_day");
    ImGui::SameLine(0, 16);
    const std::string today = state.tr("assessment.date_today");
    if (bigButton((today + "##today").c_str(), {ImGui::CalcTextSize(today.c_str()).x + 40, 64})) {
        d = dates::today();
        changed = true;
    }
    ImGui::EndGroup();
    if (changed) {
        d.day = std::min(d.day, dates::daysInMonth(d.year, d.month));  // 31 March, one month on, is 30 April
        buffer = dates::iso(d);
    }
    return changed;
}

// What a typed value will be saved as, shown under the field so that "R4.4.1" or "１２" can be
// checked before moving on; the error of an earlier attempt goes as soon as the value is valid.
void typedEcho(AppState& state, const Question& q) {
    auto& s = state.assessment;
    if (s.buffer.empty()) return;
    if (q.type == QuestionType::Date) {
        if (auto d = dates::parse(s.buffer)) {
            if (!s.error.empty()) s.error.clear();
            wrappedText(i18n::substitute(state.tr("assessment.date_reads_as"), {dates::iso(*d), dates::eraYear(*d, state.lang)}),
                        state.fonts.small, 0, &theme::kSelected);
        }
    } else if (q.type == QuestionType::Number) {
        if (auto value = readNumber(s.buffer); value && assessment::checkAnswer(q, Answer::value(*value))) s.error.clear();
    }
}

// A number higher than the answer of a question it should not exceed is accepted, but said at
// once, where it is typed (the scoring counts the lower of the two).
void boundsNotice(AppState& state, const Question& q) {
    state.assessment.notice.clear();
    const auto value = readNumber(state.assessment.buffer);
    if (!value) return;
    const auto& session = state.assessment.active->session;
    for (const auto& bound : q.atMost) {
        const Answer* other = session.answer(bound.question);
        const int index = session.questionnaire().indexOf(bound.question);
        if (!other || !other->number || index < 0 || *value <= *other->number) continue;
        state.assessment.notice = i18n::substitute(state.tr("assessment.exceeds"), {fmt::format("{}", *value),
                                                                                   session.question(index).text.get(state.lang),
                                                                                   fmt::format("{}", *other->number)});
        wrappedText(state.assessment.notice, state.fonts.small, 0, &theme::kWarning);
    }
}

// Returns true when Enter was pressed in a single-line field (move on).
bool typedInput(AppState& state, const Question& q, const Answer* current) {
    auto& s = state.assessment;
    if (s.bufferFor != s.current) {
        s.bufferFor = s.current;
        s.buffer = current && !current->skipped ? assessment::describeAnswer(q, *current, Lang::En) : std::string();
        if (q.type == QuestionType::Number && current && current->number) s.buffer = fmt::format("{}", *current->number);
    }
    const float width = ImGui::GetContentRegionAvail().x;
    const bool pad = q.type == QuestionType::Number || q.type == QuestionType::Date;
    const float fieldWidth = q.type == QuestionType::Text ? width : std::min(width, 420.0f);
    ImGui::BeginGroup();
    ImGui::PushFont(state.fonts.large);
    ImGui::SetNextItemWidth(fieldWidth);
    if (s.focusInput) {
        ImGui::SetKeyboardFocusHere();
        s.focusInput = false;
    }
    char buffer[4096];
    const std::size_t n = std::min(s.buffer.size(), sizeof buffer - 1);
    std::copy_n(s.buffer.data(), n, buffer);
    buffer[n] = '\0';
    bool changed = false;
    bool submit = false;
    // A short text (a name, a department) is one line where Enter means "next"; only a longer
    // free text gets a box where Enter starts a new line.
    if (q.type == QuestionType::Text && q.maxLength > kSingleLineTextLength) {
        changed = inputTextMultiline("##answer", buffer, sizeof buffer, {width, 220});
    } else {
        const char* hint = q.type == QuestionType::Date ? "2027-04-01 / R9.4.1" : "";
        // Enter in the field means "next"; the buffer is still edited live.
        submit = inputText("##answer", hint, buffer, sizeof buffer, ImGuiInputTextFlags_EnterReturnsTrue);
        changed = s.buffer != buffer;
    }
    if (changed) {
        s.buffer = buffer;
        ensureGlyphs(state, s.buffer);  // a name's kanji: drawn from the next frame on
    }
    ImGui::PopFont();

    std::string hint;
    if (q.type == QuestionType::Number) {
        hint = i18n::substitute(state.tr("assessment.number_range"), {fmt::format("{}", q.min), fmt::format("{}", q.max)});
        if (!q.unit.get(state.lang).empty()) hint += "  (" + q.unit.get(state.lang) + ")";
    } else if (q.type == QuestionType::Date) {
        hint = state.tr("assessment.date_hint");
    } else {
        hint = i18n::substitute(state.tr("assessment.text_limit"), {std::to_string(q.maxLength)});
    }
    wrappedText(hint, state.fonts.small, fieldWidth, &theme::kMuted);
    typedEcho(state, q);
    if (q.type == QuestionType::Number) boundsNotice(state, q);
    ImGui::EndGroup();

    if (pad) {
        // Beside the field where there is room, below it otherwise.
        const float padWidth = q.type == QuestionType::Number ? 5 * 64.0f + 24 : 500.0f;
        if (width >= fieldWidth + theme::kPadding + padWidth) ImGui::SameLine(0, theme::kPadding);
        const bool keyed = q.type == QuestionType::Number ? numberKeypad(state, q, s.buffer) : datePicker(state, s.buffer);
        if (keyed) typedEcho(state, q);
    }
    return submit;
}

void helpPanel(AppState& state, const Question& q, float width, float height) {
    ImGui::BeginChild("help", {width, height}, true);
    ImGui::PushFont(state.fonts.large);
    ImGui::TextUnformatted(state.tr("assessment.help_title").c_str());
    ImGui::PopFont();
    if (q.help.get(state.lang).empty()) wrappedText(state.tr("assessment.no_help"), nullptr, 0, &theme::kMuted);
    else wrappedText(q.help.get(state.lang));
    const auto& questionnaire = state.assessment.active->session.questionnaire();
    if (questionnaire.kind == questionnaire::Kind::Exercise) {
        ImGui::Spacing();
        wrappedText(i18n::substitute(state.tr("exercise.objectives"), {std::to_string(questionnaire.durationMinutes)}),
                    state.fonts.small, 0, &theme::kMuted);
        for (const auto& objective : questionnaire.objectives) wrappedText("・" + objective.get(state.lang), state.fonts.small);
    }
    if (!q.references.empty()) {
        ImGui::Spacing();
        wrappedText(state.tr("assessment.references"), state.fonts.small, 0, &theme::kMuted);
        for (const auto& ref : q.references) wrappedText("・" + ref, state.fonts.small, 0, &theme::kMuted);
    }
    ImGui::EndChild();
}

// The first line of `text` that fits `width`, with "…" when the rest is left out.
std::string firstLine(std::string_view text, float width) {
    if (ImGui::CalcTextSize(text.data(), text.data() + text.size()).x <= width) return std::string(text);
    const auto adv = glyphAdvance(ImGui::GetFont(), ImGui::GetFontSize());
    const auto lines = breakLines(text, width - ImGui::CalcTextSize("…").x, adv);
    if (lines.empty()) return {};
    return lines.size() == 1 ? std::string(text) : std::string(lines.front()) + "…";
}

// Whether the overview may show question `index` and open it. In an exercise a later decision
// gives away earlier ones (decision 4 tells what went wrong in 2 and 3), so a decision shows only
// once every decision before it is made, when it is made, or while it is on screen; `open` is the
// first decision not yet made (-1 when all are). Other questionnaires show every question.
bool overviewReveals(const AssessmentState& s, int index, int open) {
    const auto& session = s.active->session;
    if (session.questionnaire().kind != questionnaire::Kind::Exercise) return true;
    return open < 0 || index <= open || index == s.current || session.answer(session.question(index).id);
}

// A decision the overview does not show yet: its number and a placeholder, and nothing to tap.
void hiddenRow(AppState& state, int number, float rowWidth) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy({rowWidth, theme::kMinTouch});
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, {at.x + rowWidth, at.y + theme::kMinTouch}, ImGui::GetColorU32(theme::kPanel), 8);
    const float y = at.y + (theme::kMinTouch - ImGui::GetFontSize()) / 2;
    draw->AddText({at.x + 12, y}, ImGui::GetColorU32(theme::kMuted), fmt::format("{}  ○", number).c_str());
    const float textX = at.x + 80;
    const std::string text = firstLine(state.tr("exercise.not_reached"), at.x + rowWidth - 12 - textX);
    draw->AddText({textX, y}, ImGui::GetColorU32(theme::kMuted), text.c_str());
}

// The overview: every question that applies, one row each with its answer, grouped by section;
// a row opens its question. It takes the whole area of the page, so that many rows fit even on
// a small screen, and a row of section buttons jumps to a section.
void overviewPanel(AppState& state, float width, float height) {
    auto& s = state.assessment;
    const auto& session = s.active->session;
    const auto& questionnaire = session.questionnaire();
    const int open = session.firstUnanswered();
    ImGui::BeginChild("overview", {width, height}, false);
    // The next question without an answer, after this one (or from the start), among those shown.
    int unanswered = -1;
    for (int k = 1; k <= session.questionCount() && unanswered < 0; ++k) {
        const int i = (s.current + k) % session.questionCount();
        if (session.isVisible(i) && !session.answer(session.question(i).id) && overviewReveals(s, i, open)) unanswered = i;
    }
    // One row: the section buttons, scrolling sideways (drag or wheel), and "next unanswered".
    const std::string nextLabel = state.tr("assessment.next_unanswered");
    const float nextWidth = unanswered >= 0 ? ImGui::CalcTextSize(nextLabel.c_str()).x + 48 : 0;
    std::string jumpTo;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4{0, 0, 0, 0});
    ImGui::BeginChild("sections", {width - nextWidth - (nextWidth > 0 ? theme::kPadding : 0), theme::kMinTouch + 4}, false,
                      ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoScrollbar);
    ImGui::PushFont(state.fonts.small);
    for (std::size_t k = 0; k < questionnaire.sections.size() && questionnaire.sections.size() > 1; ++k) {
        const auto& sec = questionnaire.sections[k];
        if (k) ImGui::SameLine(0, 8);
        const std::string label = sec.title.get(state.lang);
        if (bigButton((label + "##sec" + sec.id).c_str(), {ImGui::CalcTextSize(label.c_str()).x + 32, theme::kMinTouch})) jumpTo = sec.id;
    }
    ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleColor();
    if (unanswered >= 0) {
        ImGui::SameLine(0, theme::kPadding);
        if (bigButton((nextLabel + "##nextunanswered").c_str(), {nextWidth, theme::kMinTouch}) &&
            commitBuffer(state, session.question(s.current))) {
            moveTo(state, unanswered);
            s.showOverview = false;
            ImGui::EndChild();
            return;
        }
    }
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {8, 8});
    ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kWhite);
    ImGui::BeginChild("rows", {width, 0}, true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {ImGui::GetStyle().ItemSpacing.x, 6});
    const float rowWidth = ImGui::GetContentRegionAvail().x;
    std::string section;
    int number = 0;
    ImGui::PushFont(state.fonts.small);
    for (int i = 0; i < session.questionCount(); ++i) {
        if (!session.isVisible(i)) continue;
        ++number;
        const auto& q = session.question(i);
        if (q.section != section) {
            section = q.section;
            const auto* sec = questionnaire.findSection(section);
            if (section == jumpTo) ImGui::SetScrollHereY(0.0f);
            ImGui::Spacing();
            wrappedText(sec ? sec->title.get(state.lang) : section, nullptr, 0, &theme::kAccent);
        }
        if (!overviewReveals(s, i, open)) {
            hiddenRow(state, number, rowWidth);
            continue;
        }
        const auto* a = session.answer(q.id);
        const std::string answer = a ? assessment::describeAnswer(q, *a, state.lang) : state.tr("completion.unanswered");
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const bool pressed = touchArea(fmt::format("jump{}", i).c_str(), q.id, {rowWidth, theme::kMinTouch});
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImVec2 end{at.x + rowWidth, at.y + theme::kMinTouch};
        const bool current = i == s.current;
        draw->AddRectFilled(at, end, ImGui::GetColorU32(current ? theme::kGoodFill : ImGui::IsItemHovered() ? theme::kHoverFill : theme::kPanel), 8);
        const float y = at.y + (theme::kMinTouch - ImGui::GetFontSize()) / 2;
        const std::string head = fmt::format("{}  {}", number, !a ? "○" : a->skipped ? "－" : "●");
        draw->AddText({at.x + 12, y}, ImGui::GetColorU32(theme::kText), head.c_str());
        // The question on the left, its answer on the right, each cut to one line.
        const float answerWidth = std::min(rowWidth * 0.35f, ImGui::CalcTextSize(answer.c_str()).x);
        const float textX = at.x + 80;
        const std::string text = firstLine(q.text.get(state.lang), end.x - 24 - answerWidth - textX);
        draw->AddText({textX, y}, ImGui::GetColorU32(theme::kText), text.c_str());
        const std::string shown = firstLine(answer, answerWidth + 4);
        draw->AddText({end.x - 12 - ImGui::CalcTextSize(shown.c_str()).x, y}, ImGui::GetColorU32(a ? theme::kSelected : theme::kMuted),
                      shown.c_str());
        if (pressed && commitBuffer(state, session.question(s.current))) {
            moveTo(state, i);
            s.showOverview = false;
        }
    }
    ImGui::PopFont();
    ImGui::PopStyleVar();
    ImGui::EndChild();
    ImGui::EndChild();
}

}  // namespace

void openAssessment(AppState& state, assessment::ActiveAssessment active) {
    auto& s = state.assessment;
    s = AssessmentState{};
    // The language chosen on Home wins over the one the assessment was last answered in.
    if (active.record.language != (state.lang == Lang::En ? "en" : "ja"))
        (void)state.services.assessments->setLanguage(active, state.lang);
    const int resumeAt = active.session.firstUnanswered();
    s.active = std::move(active);
    state.screen = Screen::Assessment;
    moveTo(state, resumeAt);
}

void saveTypedAnswer(AppState& state) {
    auto& s = state.assessment;
    if (!s.active || s.bufferFor != s.current || s.current < 0) return;
    const auto& q = s.active->session.question(s.current);
    const bool blank = s.buffer.find_first_not_of(" \t\r\n") == std::string::npos;
    if (!blank) (void)commitBuffer(state, q);
}

void showQuestion(AppState& state, int index) {
    state.screen = Screen::Assessment;
    moveTo(state, index);
}

void drawAssessment(AppState& state) {
    auto& s = state.assessment;
    if (!s.active) {
        goHome(state);
        return;
    }
    auto& session = s.active->session;
    if (s.current < 0 || s.current >= session.questionCount() || !session.isVisible(s.current)) {
        moveTo(state, session.firstUnanswered() >= 0 ? session.firstUnanswered() : session.first());
        if (state.screen != Screen::Assessment) return;
    }
    const Question& q = session.question(s.current);
    const auto& questionnaire = session.questionnaire();

    if (headerBar(state, questionnaire.title.get(state.lang), true) || keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        // Leaving with nothing typed saves nothing (an empty text is not an answer).
        const bool blank = s.bufferFor == s.current && s.buffer.find_first_not_of(" \t\r\n") == std::string::npos;
        if (blank || commitBuffer(state, q)) goHome(state);
        return;
    }

    // Progress, above the question (the overview has the whole area to itself).
    const auto progress = session.progress(s.current);
    const auto* section = questionnaire.findSection(q.section);
    if (!s.showOverview) {
        // Answered of the questions that apply now, as the bar shows it; the count of questions can
        // grow or shrink with the answers (follow-up questions), so no "question n of m" is promised.
        ImGui::PushFont(state.fonts.large);
        const std::string answeredText =
            i18n::substitute(state.tr("assessment.progress"), {std::to_string(progress.answered), std::to_string(progress.total)});
        ImGui::TextUnformatted(answeredText.c_str());
        ImGui::PopFont();
        ImGui::SameLine(0, 24);
        ImGui::AlignTextToFramePadding();
        if (section) ImGui::TextColored(theme::kMuted, "%s", section->title.get(state.lang).c_str());
        ImGui::ProgressBar(progress.total ? static_cast<float>(progress.answered) / static_cast<float>(progress.total) : 0.0f,
                           {-1, 10}, "");
    }

    const float footer = theme::kFooterHeight + (s.error.empty() ? 0 : ImGui::GetTextLineHeightWithSpacing() * 2 + 36);
    const float height = ImGui::GetContentRegionAvail().y - footer;
    const float fullWidth = ImGui::GetContentRegionAvail().x;
    if (s.showOverview) {
        overviewPanel(state, fullWidth, height);
        if (state.screen != Screen::Assessment || !s.showOverview) return;
    }
    const bool sidePanel = s.showHelp && !s.showOverview;
    const float mainWidth = sidePanel ? fullWidth * 0.62f : fullWidth;

    bool submitted = false;
    const Answer* current = session.answer(q.id);
    if (!s.showOverview) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4{0, 0, 0, 0});
        ImGui::BeginChild("question", {mainWidth, height}, false);
        // The situation: in an exercise, the opening scenario comes with the first decision.
        const bool opening = questionnaire.kind == questionnaire::Kind::Exercise && s.current == session.first();
        if (opening || !q.context.get(state.lang).empty()) {
            box([&](float inner) {
                if (opening) {
                    wrappedText(state.tr("exercise.scenario"), state.fonts.small, inner, &theme::kAccent);
                    wrappedText(questionnaire.scenario.get(state.lang), nullptr, inner);
                    if (!q.context.get(state.lang).empty()) ImGui::Spacing();
                }
                wrappedText(q.context.get(state.lang), nullptr, inner);
            });
        }
        wrappedText(q.text.get(state.lang), state.fonts.large);
        if (!q.required) wrappedText(state.tr("assessment.optional"), state.fonts.small, 0, &theme::kMuted);
        if (q.informational) wrappedText(state.tr("assessment.informational"), state.fonts.small, 0, &theme::kMuted);
        ImGui::Spacing();
        switch (q.type) {
        case QuestionType::SingleChoice:
        case QuestionType::MultiChoice:
        case QuestionType::YesNo:
            choiceButtons(state, q, current);
            break;
        case QuestionType::Level:
            levelButtons(state, q, current);
            break;
        case QuestionType::Number:
        case QuestionType::Date:
        case QuestionType::Text:
            submitted = typedInput(state, q, current);
            break;
        }
        if (decided(state, current) && explanationsNow(state)) decisionFeedback(state, q, *current);
        if (current && current->skipped) wrappedText(state.tr("assessment.was_skipped"), state.fonts.small, 0, &theme::kMuted);
        else if (!s.savedNote.empty()) wrappedText(s.savedNote, state.fonts.small, 0, &theme::kSelected);
        ImGui::EndChild();
        ImGui::PopStyleColor();

        if (sidePanel) {
            ImGui::SameLine(0, theme::kPadding);
            const float panelWidth = fullWidth - mainWidth - theme::kPadding;
            helpPanel(state, q, panelWidth, height);
        }
    }
    if (state.screen != Screen::Assessment || session.question(s.current).id != q.id) return;

    errorBanner(s.error);

    // Footer: Back | Skip | Help | Overview | Next.
    ImGui::Separator();
    const float buttonHeight = theme::kTouchHeight;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = (ImGui::GetContentRegionAvail().x - 4 * spacing) / 5;
    const int previous = session.previous(s.current);
    const bool typed = q.type == QuestionType::Number || q.type == QuestionType::Date || q.type == QuestionType::Text;
    const bool answered = current != nullptr || (typed && s.bufferFor == s.current && !s.buffer.empty()) ||
                          q.type == QuestionType::MultiChoice;

    if (bigButton((state.tr("assessment.back") + "##back").c_str(), {width, buttonHeight}, false, previous >= 0) ||
        (previous >= 0 && keyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow)))) {
        if (!typed || s.bufferFor != s.current || s.buffer.empty() || commitBuffer(state, q)) moveTo(state, previous);
        return;
    }
    ImGui::SameLine();
    if (bigButton((state.tr("assessment.skip") + "##skip").c_str(), {width, buttonHeight}, false, !q.required)) {
        if (save(state, q, Answer::skip())) moveTo(state, session.next(s.current));
        return;
    }
    ImGui::SameLine();
    if (bigButton((state.tr("assessment.help") + "##help").c_str(), {width, buttonHeight}, s.showHelp) ||
        keyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab))) {
        s.showHelp = !s.showHelp;
        s.showOverview = false;
    }
    ImGui::SameLine();
    if (bigButton((state.tr("assessment.overview") + "##overview").c_str(), {width, buttonHeight}, s.showOverview)) {
        s.showOverview = !s.showOverview;
        s.showHelp = false;
    }
    ImGui::SameLine();
    const bool next = bigButton((state.tr("assessment.next") + "##next").c_str(), {width, buttonHeight}, false, answered) ||
                      (answered && (keyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                                    keyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)) ||
                                    keyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)))) ||
                      submitted;
    if (next) {
        if (q.type == QuestionType::MultiChoice && !current) {
            if (!save(state, q, Answer::options({}))) return;
        }
        if (typed && !commitBuffer(state, q)) return;
        moveTo(state, session.next(s.current));
    }
}

}  // namespace kiosk::ui
