// The assessment service: what screens and the CLI call to start, answer, resume and complete
// assessments. It keeps the in-memory Session and the database in step: an answer is saved
// first and only then shown as given.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "assessment/session.hpp"
#include "questionnaire/loader.hpp"
#include "store/assessment_store.hpp"

namespace kiosk::assessment {

struct ActiveAssessment {
    std::string uuid;
    Session session;
    store::AssessmentRecord record;
};

// One line of the "continue where you left off" list.
struct AssessmentSummary {
    store::AssessmentRecord record;
    questionnaire::Kind kind = questionnaire::Kind::Sample;
    LocalizedText title;
    Progress progress;  // answered of visible questions
    int resumeAt = -1;  // first unanswered question
};

class AssessmentService {
public:
    AssessmentService(store::AssessmentStore& store, const questionnaire::Catalog& catalog)
        : m_store(store), m_catalog(catalog) {}

    Result<ActiveAssessment> start(const questionnaire::Questionnaire& questionnaire, Lang lang);

    // Loads an assessment with the questionnaire exactly as it was when the assessment began.
    Result<ActiveAssessment> open(const std::string& uuidOrPrefix);

    // Checks, saves (one transaction), then records the answer in the session.
    Status answer(ActiveAssessment& active, const std::string& questionId, Answer answer);

    Status setLanguage(ActiveAssessment& active, Lang lang);

    // Refuses while required questions are unanswered.
    Status complete(ActiveAssessment& active);

    Result<std::vector<AssessmentSummary>> summaries(std::optional<store::AssessmentStatus> status);

private:
    Result<std::shared_ptr<const questionnaire::Questionnaire>> questionnaireFor(const store::AssessmentRecord& record);

    store::AssessmentStore& m_store;
    const questionnaire::Catalog& m_catalog;
};

}  // namespace kiosk::assessment
