// Fills the report model from a kiosk database: the assessments asked for, each with its answers
// (texts from the questionnaire stored with it), its stored result, its improvement plan, and
// the audit events of the export. The writers format what this gives; none reads the database.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "export/report.hpp"
#include "questionnaire/loader.hpp"
#include "skills/catalog.hpp"
#include "store/assessment_store.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::exporting {

struct ReportRequest {
    std::string assessment;               // an assessment's UUID or a unique prefix; empty: every assessment
    std::optional<std::string> from, to;  // days as people type them (util/dates), inclusive, in local time
    Lang lang = Lang::Ja;
    bool matrix = false;                  // include the skill matrix: the caller decides by role
};

// Told after each assessment is read: how many are read, of how many (a progress bar).
using ReportProgress = std::function<void(std::size_t done, std::size_t total)>;

// What the database does not hold: names of domains for answers of unscored assessments, and the
// skills of the matrix. Both may be absent; a matrix asked for without skills is refused.
struct ReportContext {
    const std::vector<questionnaire::Domain>* domains = nullptr;
    const skills::SkillCatalog* skills = nullptr;
    const SigningKey* signingKey = nullptr;  // signs a facility bundle (--format bundle)
};

// The report of the assessments asked for, oldest first. An assessment is in the period when the
// day it was completed (or, unfinished, begun) lies within it. Every status is exported (the
// status says which); a scored assessment brings the facility profile its result was scored with,
// even from outside the period, so that a restored result finds its profile.
// Audit events: those of the period when one is given; otherwise the whole log for every
// assessment, or the events about the one assessment asked for. The chain head and row count are
// the whole log's at the time of the export.
// Refuses, saying so, an export that would hold no assessment: an empty report is never written.
// The records of the assessments asked for, chosen as buildReport chooses them (with the profiles
// their results were scored with), oldest first; refuses, saying so, a request that finds none.
Result<std::vector<store::AssessmentRecord>> selectAssessments(store::Database& db, const ReportRequest& request);

// An answer as shown: the option's label, the value with its unit, or the value as stored when
// the questionnaire no longer reads it.
LocalizedText answerLabel(const questionnaire::Question& question, const store::StoredAnswer& stored);

// The questionnaires stored with the assessments (by content hash), each read and parsed once.
class StoredQuestionnaires {
public:
    using Pointer = std::shared_ptr<const questionnaire::Questionnaire>;
    explicit StoredQuestionnaires(store::AssessmentStore& store) : m_store(store) {}
    Result<Pointer> get(const std::string& contentHash);
    // Every snapshot read, by content hash.
    std::vector<store::QuestionnaireSnapshot> sources() const;

private:
    store::AssessmentStore& m_store;
    std::map<std::string, Pointer, std::less<>> m_parsed;
    std::vector<store::QuestionnaireSnapshot> m_sources;
};

Result<Report> buildReport(store::Database& db, const ReportRequest& request, const ReportContext& context = {},
                           const ReportProgress& progress = {});

}  // namespace kiosk::exporting
