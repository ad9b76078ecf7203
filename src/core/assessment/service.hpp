// The assessment service: what screens and the CLI call to start, answer, resume, complete and
// discard assessments. It keeps the in-memory Session and the database in step: an answer is
// saved first and only then shown as given. An assessment is stored with its first answer, so
// opening a questionnaire and leaving it again leaves nothing behind.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "assessment/session.hpp"
#include "questionnaire/loader.hpp"
#include "store/assessment_store.hpp"
#include "store/audit_log.hpp"

namespace kiosk::assessment {

struct ActiveAssessment {
    std::string uuid;  // empty until the assessment is stored (at its first answer)
    Session session;
    store::AssessmentRecord record;
    bool stored() const { return !uuid.empty(); }
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
    AssessmentService(store::AssessmentStore& store, const questionnaire::Catalog& catalog, store::AuditLog* audit = nullptr)
        : m_store(store), m_catalog(catalog), m_audit(audit) {}

    // Each change is also appended to this audit log, in the same transaction (none: not recorded).
    // Subject: the assessment's id. Events and details:
    //   assessment.started    {questionnaire, version, language}   with the first answer
    //   assessment.answered   {question, value}                    a question answered for the first time
    //   assessment.changed    {question, old, new}                 an answer given again with another value
    //   assessment.language   {language}
    //   assessment.completed  {questionnaire}
    //   assessment.discarded  {answers}                            how many answers it keeps
    // A value is the answer's stored form, null when skipped, and "sha256:" and the SHA-256 of the
    // text for a free-text question: the log proves what was written without keeping a copy of it.
    void setAuditLog(store::AuditLog* audit) { m_audit = audit; }

    // A new assessment in memory only: nothing is written until its first answer.
    Result<ActiveAssessment> start(const questionnaire::Questionnaire& questionnaire, Lang lang);

    // Loads an assessment with the questionnaire exactly as it was when the assessment began.
    Result<ActiveAssessment> open(const std::string& uuidOrPrefix);

    // Checks, saves (one transaction), then records the answer in the session. The first answer
    // stores the assessment and the answer together: neither is ever saved without the other.
    Status answer(ActiveAssessment& active, const std::string& questionId, Answer answer);

    // Saved with the assessment once it is stored; before that it only changes memory.
    Status setLanguage(ActiveAssessment& active, Lang lang);

    // Refuses while required questions are unanswered. An assessment not yet stored (every
    // question optional and none answered) is stored and completed in one transaction.
    Status complete(ActiveAssessment& active);

    // Sets an assessment in progress aside for good: it keeps its answers but is no longer listed
    // to resume (summaries(InProgress)) and takes no more answers. A completed one is refused. One
    // not yet stored has nothing saved to keep; it is only marked discarded in memory.
    Status discard(ActiveAssessment& active);
    // The same by id (a unique prefix is enough); gives the discarded assessment's record.
    Result<store::AssessmentRecord> discard(const std::string& uuidOrPrefix);

    // Newest first; every status (discarded included) when none is given.
    Result<std::vector<AssessmentSummary>> summaries(std::optional<store::AssessmentStatus> status);

private:
    // Writes a new assessment's row (inside the caller's transaction) and reads it back.
    Result<store::AssessmentRecord> storeNew(const ActiveAssessment& active);
    Result<std::shared_ptr<const questionnaire::Questionnaire>> questionnaireFor(const store::AssessmentRecord& record);
    // Audit rows (nothing without an audit log); called inside the change's transaction.
    Status logStarted(const store::AssessmentRecord& record);
    Status logAnswer(const std::string& uuid, const questionnaire::Question& question, const std::optional<store::StoredAnswer>& before,
                     const std::string& value, bool skipped);
    Status logEvent(std::string_view event, const std::string& uuid, const std::string& details);

    store::AssessmentStore& m_store;
    const questionnaire::Catalog& m_catalog;
    store::AuditLog* m_audit = nullptr;
};

}  // namespace kiosk::assessment
