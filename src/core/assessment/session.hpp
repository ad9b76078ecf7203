// An assessment in memory: the questionnaire, the answers so far, which questions apply
// (show-if), and how to move through them. It knows nothing of storage; see AssessmentService.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "assessment/answer.hpp"
#include "questionnaire/model.hpp"

namespace kiosk::assessment {

using AnswerMap = std::map<std::string, Answer, std::less<>>;

struct Progress {
    int position = 0;  // 1-based place of the question among the visible ones
    int total = 0;     // visible questions
    int answered = 0;  // visible questions answered or skipped
};

class Session {
public:
    explicit Session(std::shared_ptr<const questionnaire::Questionnaire> questionnaire,
                     AnswerMap answers = {});

    const questionnaire::Questionnaire& questionnaire() const { return *m_questionnaire; }
    std::shared_ptr<const questionnaire::Questionnaire> questionnairePtr() const { return m_questionnaire; }
    const questionnaire::Question& question(int index) const;
    int questionCount() const { return static_cast<int>(m_questionnaire->questions.size()); }

    // The answer given, hidden or not; nullptr when there is none.
    const Answer* answer(std::string_view questionId) const;
    const AnswerMap& answers() const { return m_answers; }

    // Records an answer after checking it fits the question.
    Status setAnswer(std::string_view questionId, Answer answer);

    bool isVisible(int index) const { return m_visible[static_cast<std::size_t>(index)]; }
    std::vector<int> visibleQuestions() const;

    // Navigation among visible questions; -1 when there is no such question.
    int first() const;
    int next(int index) const;
    int previous(int index) const;
    // Where to resume: the first visible question neither answered nor skipped.
    int firstUnanswered() const;

    Progress progress(int index) const;

    // Required visible questions with no answer (skipping is not possible for them).
    std::vector<int> missingRequired() const;
    bool isComplete() const { return missingRequired().empty(); }

private:
    void updateVisibility();

    std::shared_ptr<const questionnaire::Questionnaire> m_questionnaire;
    AnswerMap m_answers;
    std::vector<bool> m_visible;
};

}  // namespace kiosk::assessment
