// Persistence of assessments and their answers. Each answer is written in its own transaction
// the moment it is given; the questionnaire's text is stored with the assessment, so that
// editing a questionnaire later never changes an old assessment. A changed answer keeps what it
// was: each new value is appended to answer_versions, and `answers` is the view of the latest
// version of each (schema 12).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::store {

// Discarded: left unfinished on purpose; kept with its answers, but never listed to resume.
enum class AssessmentStatus { InProgress, Completed, Discarded };
std::string_view statusName(AssessmentStatus status);
std::optional<AssessmentStatus> parseStatus(std::string_view name);

struct AssessmentRecord {
    std::string uuid;
    std::string questionnaireId;
    std::string questionnaireVersion;
    std::string contentHash;
    AssessmentStatus status = AssessmentStatus::InProgress;
    std::string language;
    std::string createdAt;
    std::string updatedAt;
    std::optional<std::string> completedAt;
    std::optional<std::string> discardedAt;
    // The order in which this database stored its assessments: which came first when two were
    // begun within the same millisecond (a profile and the measures recorded together).
    std::int64_t storedOrder = 0;
    int answerCount = 0;
};

struct StoredAnswer {
    std::string questionId;
    std::string value;
    bool skipped = false;
    std::string answeredAt;
};

struct QuestionnaireSnapshot {
    std::string questionnaireId;
    std::string version;
    std::string contentHash;
    std::string source;
};

// An answer as another kiosk exported it: the current value and every value it has had.
struct ImportedAnswer {
    StoredAnswer current;
    std::vector<StoredAnswer> history;  // oldest first; the last has the current value
};

// What saving an answer found and did.
struct SavedAnswer {
    std::optional<StoredAnswer> before;  // the answer it replaced, if there was one
    bool changed = true;                 // false: the same answer again, nothing written
};

class AssessmentStore {
public:
    explicit AssessmentStore(Database& db) : m_db(db) {}
    Database& database() { return m_db; }

    // Stores the questionnaire's text (once per content hash) and starts an assessment.
    // The service calls it together with the first answer, in one transaction.
    Result<std::string> create(const QuestionnaireSnapshot& snapshot, std::string_view language);

    // Appends a new value of one answer, in one transaction, and touches the assessment; the same
    // value given again writes nothing. Says what the answer was before. Inside a caller's
    // transaction it takes no savepoint: a caller whose save failed abandons its transaction.
    Result<SavedAnswer> saveAnswer(const std::string& uuid, const std::string& questionId, const std::string& value, bool skipped);

    Status setLanguage(const std::string& uuid, std::string_view language);
    // Moves an assessment's times, its answers' and its result's `days` into the past, in one
    // transaction: for synthetic regions, whose facilities were assessed over the years.
    Status shiftBack(const std::string& uuid, int days);
    Status markCompleted(const std::string& uuid);
    // Only an assessment in progress; its answers stay.
    Status markDiscarded(const std::string& uuid);

    // Newest first; only those with the given status when one is given. AnswerCount::Left leaves
    // answerCount at 0 (an export of thousands, which reads the answers anyway, need not count them).
    enum class AnswerCount { Counted, Left };
    Result<std::vector<AssessmentRecord>> list(std::optional<AssessmentStatus> status = std::nullopt,
                                               AnswerCount count = AnswerCount::Counted);
    // Accepts a unique prefix of the UUID, as people type the first characters.
    Result<AssessmentRecord> get(const std::string& uuidOrPrefix);
    Result<std::vector<StoredAnswer>> answers(const std::string& uuid);
    // The current answer to one question, if it has one.
    Result<std::optional<StoredAnswer>> answer(const std::string& uuid, const std::string& questionId);
    // Every value an answer has had, oldest first; the last is the current answer.
    Result<std::vector<StoredAnswer>> history(const std::string& uuid, const std::string& questionId);
    Result<QuestionnaireSnapshot> snapshot(const std::string& contentHash);

    // Every value of every answer of an assessment: by question, oldest first.
    Result<std::vector<StoredAnswer>> versions(const std::string& uuid);
    // Whether an assessment with exactly this id is stored.
    Result<bool> exists(const std::string& uuid);

    // For imports, inside the caller's transaction. A questionnaire text, unless one with its
    // content hash is stored (the caller has checked the hash); true when it was added.
    Result<bool> keepSnapshot(const QuestionnaireSnapshot& snapshot);
    // An assessment exactly as another kiosk stored it: its times, its status and each answer with
    // its history, the versions numbered from 1 as this kiosk numbers them.
    Status insertExact(const AssessmentRecord& record, const std::vector<ImportedAnswer>& answers);

private:
    Database& m_db;
};

}  // namespace kiosk::store
