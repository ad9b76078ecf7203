// The report model every export writer reads: what was asked, what was answered, what the
// scoring engine concluded, the improvement plan for each gap, the skill matrix when the role may
// see it, and the audit events of the exported period with the chain head. The CSV, XLSX, JSON,
// HTML and PDF writers only format it; none of them reads the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scoring/result.hpp"
#include "skills/model.hpp"
#include "store/assessment_store.hpp"
#include "store/audit_log.hpp"
#include "store/facility_store.hpp"
#include "util/signing.hpp"
#include "store/result_store.hpp"
#include "util/text.hpp"

namespace kiosk::exporting {

// The version of the JSON export (docs/export-schema.json); an import refuses any other.
inline constexpr int kSchemaVersion = 1;

enum class PlanStatus { Planned, InProgress, Done };
std::string_view planStatusName(PlanStatus status);  // "planned", "in_progress", "done"
std::optional<PlanStatus> parsePlanStatus(std::string_view name);
LocalizedText planStatusLabel(PlanStatus status);     // 予定 / Planned …

// The improvement plan's entry for one gap of one assessment (the MHLW checklist's target date for
// every いいえ). Set by the admin or an auditor; every change is audited.
struct PlanItem {
    std::string assessment;  // UUID of the measures assessment
    std::string item;        // the measure's id
    std::string owner;       // free text
    std::string targetDate;  // YYYY-MM-DD, empty when not set
    PlanStatus status = PlanStatus::Planned;
    std::string note;
    std::string updatedAt;   // UTC, as stored
};

// One current answer as a reader of the export sees it.
struct AnswerLine {
    std::string questionId;
    LocalizedText question;     // the question's text from the assessment's questionnaire snapshot
    std::string domain;         // domain id, empty when the question has none
    LocalizedText domainName;
    std::string value;          // as stored: an option id, a number, a date or free text
    LocalizedText valueLabel;   // the option's label; the value itself for typed answers
    bool skipped = false;
    std::optional<double> score;  // from the stored result, when the item was scored
    std::string answeredAt;
    std::vector<store::StoredAnswer> history;  // every value it has had, oldest first (the last is the current one)
};

struct AssessmentReport {
    store::AssessmentRecord record;
    LocalizedText questionnaireTitle;
    std::vector<AnswerLine> answers;              // in questionnaire order
    std::optional<scoring::FacilityResult> result;  // scored measures assessments only
    std::vector<PlanItem> plan;                   // one per gap that has an entry
    std::optional<store::StoredResult> stored;    // the result exactly as stored (its JSON text), for the JSON bundle
};

// The skill matrix as the export shows it: the skills (columns) and the people (rows).
struct MatrixReport {
    std::vector<std::pair<std::string, LocalizedText>> skills;  // skill id, name; in catalog order
    std::vector<skills::Person> people;
};

struct Report {
    int schemaVersion = kSchemaVersion;
    std::string exportedAt;  // UTC, ISO 8601
    Lang lang = Lang::Ja;
    std::string facility;    // the facility's name; empty until the administrator names it
    std::optional<store::Facility> facilityRecord;  // the whole record, for the signed facility bundle
    const SigningKey* signingKey = nullptr;         // the kiosk's key, for the signed facility bundle
    std::optional<std::string> from, to;  // the period asked for (YYYY-MM-DD), inclusive
    std::vector<AssessmentReport> assessments;  // oldest first
    std::optional<MatrixReport> matrix;  // only when the role may see personal data
    std::vector<store::AuditRow> audit;  // the events of the exported period
    std::string chainHead;               // the hash of the audit log's last row at export time
    std::int64_t auditRows = 0;          // rows in the whole log at export time
    std::vector<store::QuestionnaireSnapshot> questionnaires;  // the stored texts the assessments refer to, by content hash
};

}  // namespace kiosk::exporting
