// Applicability and navigation of an assessment.
#include "assessment/session.hpp"

#include "assessment/conditions.hpp"

namespace kiosk::assessment {

Session::Session(std::shared_ptr<const questionnaire::Questionnaire> questionnaire, AnswerMap answers)
    : m_questionnaire(std::move(questionnaire)), m_answers(std::move(answers)) {
    updateVisibility();
}

const questionnaire::Question& Session::question(int index) const {
    return m_questionnaire->questions[static_cast<std::size_t>(index)];
}

const Answer* Session::answer(std::string_view questionId) const {
    auto it = m_answers.find(questionId);
    return it == m_answers.end() ? nullptr : &it->second;
}

Status Session::setAnswer(std::string_view questionId, Answer answer) {
    const auto* q = m_questionnaire->findQuestion(questionId);
    if (!q) return Error{"no question '" + std::string(questionId) + "' in " + m_questionnaire->id};
    if (auto status = checkAnswer(*q, answer); !status) return status;
    m_answers.insert_or_assign(std::string(questionId), std::move(answer));
    updateVisibility();
    return {};
}

void Session::updateVisibility() {
    // Conditions look only backwards, so one pass in order settles every question: an answer
    // counts only when its question is itself visible.
    const auto& questions = m_questionnaire->questions;
    m_visible.assign(questions.size(), true);
    const AnswerLookup lookup = [this](std::string_view id) -> const Answer* {
        const int i = m_questionnaire->indexOf(id);
        if (i < 0 || !m_visible[static_cast<std::size_t>(i)]) return nullptr;
        return answer(id);
    };
    for (std::size_t i = 0; i < questions.size(); ++i)
        if (questions[i].showIf) m_visible[i] = conditionHolds(*questions[i].showIf, lookup);
}

std::vector<int> Session::visibleQuestions() const {
    std::vector<int> out;
    for (int i = 0; i < questionCount(); ++i)
        if (isVisible(i)) out.push_back(i);
    return out;
}

int Session::first() const { return next(-1); }

int Session::next(int index) const {
    for (int i = index + 1; i < questionCount(); ++i)
        if (isVisible(i)) return i;
    return -1;
}

int Session::previous(int index) const {
    for (int i = index - 1; i >= 0; --i)
        if (isVisible(i)) return i;
    return -1;
}

int Session::firstUnanswered() const {
    for (int i = 0; i < questionCount(); ++i)
        if (isVisible(i) && !answer(question(i).id)) return i;
    return -1;
}

Progress Session::progress(int index) const {
    Progress p;
    for (int i = 0; i < questionCount(); ++i) {
        if (!isVisible(i)) continue;
        ++p.total;
        if (i <= index) p.position = p.total;
        if (answer(question(i).id)) ++p.answered;
    }
    return p;
}

std::vector<int> Session::missingRequired() const {
    std::vector<int> out;
    for (int i = 0; i < questionCount(); ++i) {
        if (!isVisible(i) || !question(i).required) continue;
        const Answer* a = answer(question(i).id);
        if (!a || a->skipped) out.push_back(i);
    }
    return out;
}

}  // namespace kiosk::assessment
