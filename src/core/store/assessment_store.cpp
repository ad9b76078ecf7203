// SQL for assessments, answers and questionnaire snapshots.
#include "store/assessment_store.hpp"

#include <fmt/format.h>

#include "util/hash.hpp"

namespace kiosk::store {
namespace {

constexpr std::string_view kSelectColumns = R"sql(
SELECT a.uuid, a.questionnaire_id, a.questionnaire_version, a.content_hash, a.status, a.language,
       a.created_at, a.updated_at, a.completed_at, a.discarded_at, a.rowid, )sql";
// The questions answered: counted on the history itself, without the view's lookup of the latest
// version per row (twice as fast over 10,000 assessments).
constexpr std::string_view kCountAnswers = "(SELECT COUNT(DISTINCT question_id) FROM answer_versions WHERE assessment_uuid = a.uuid)";

AssessmentRecord readRecord(const Statement& s) {
    AssessmentRecord r;
    r.uuid = s.text(0);
    r.questionnaireId = s.text(1);
    r.questionnaireVersion = s.text(2);
    r.contentHash = s.text(3);
    r.status = parseStatus(s.text(4)).value_or(AssessmentStatus::InProgress);
    r.language = s.text(5);
    r.createdAt = s.text(6);
    r.updatedAt = s.text(7);
    r.completedAt = s.optionalText(8);
    r.discardedAt = s.optionalText(9);
    r.storedOrder = s.integer(10);
    r.answerCount = static_cast<int>(s.integer(11));
    return r;
}

Error failed(std::string_view what, const std::string& why) { return Error{fmt::format("could not {}: {}", what, why)}; }

// Every row of a query of answers (question_id, value, skipped, answered_at).
Result<std::vector<StoredAnswer>> readAnswers(Statement& s, std::string_view what) {
    std::vector<StoredAnswer> out;
    for (;;) {
        auto row = s.step();
        if (!row) return Error{fmt::format("could not read {}: {}", what, row.error())};
        if (!*row) return out;
        out.push_back({s.text(0), s.text(1), s.integer(2) != 0, s.text(3)});
    }
}

}  // namespace

std::string_view statusName(AssessmentStatus status) {
    switch (status) {
        case AssessmentStatus::Completed: return "completed";
        case AssessmentStatus::Discarded: return "discarded";
        case AssessmentStatus::InProgress: break;
    }
    return "in_progress";
}

std::optional<AssessmentStatus> parseStatus(std::string_view name) {
    for (auto status : {AssessmentStatus::InProgress, AssessmentStatus::Completed, AssessmentStatus::Discarded})
        if (statusName(status) == name) return status;
    return std::nullopt;
}

Result<std::string> AssessmentStore::create(const QuestionnaireSnapshot& snapshot, std::string_view language) {
    Transaction tx(m_db);
    if (!tx.began()) return failed("start an assessment", tx.beginStatus().error());
    if (auto kept = keepSnapshot(snapshot); !kept) return Error{kept.error()};

    std::string uuid = newUuid();
    Statement insert(m_db, "INSERT INTO assessments(uuid, questionnaire_id, questionnaire_version, content_hash, status, "
                           "language) VALUES (?1, ?2, ?3, ?4, 'in_progress', ?5)");
    insert.bind(1, uuid).bind(2, snapshot.questionnaireId).bind(3, snapshot.version).bind(4, snapshot.contentHash).bind(5, language);
    if (auto s = insert.run(); !s) return failed("start an assessment", s.error());
    if (auto s = tx.commit(); !s) return failed("start an assessment", s.error());
    return uuid;
}

Result<SavedAnswer> AssessmentStore::saveAnswer(const std::string& uuid, const std::string& questionId, const std::string& value,
                                               bool skipped) {
    // Its caller abandons the transaction when the save fails (AssessmentService::answer).
    Transaction tx(m_db, Transaction::Nested::Join);
    if (!tx.began()) return failed("save the answer", tx.beginStatus().error());
    SavedAnswer saved;
    std::int64_t version = 1;
    {
        Statement latest(m_db, "SELECT version, value, skipped, answered_at FROM answer_versions "
                               "WHERE assessment_uuid = ?1 AND question_id = ?2 ORDER BY version DESC LIMIT 1");
        latest.bind(1, uuid).bind(2, questionId);
        auto row = latest.step();
        if (!row) return failed("save the answer", row.error());
        if (*row) {
            version = latest.integer(0) + 1;
            saved.before = StoredAnswer{questionId, latest.text(1), latest.integer(2) != 0, latest.text(3)};
        }
    }
    saved.changed = !saved.before || saved.before->skipped != skipped || (!skipped && saved.before->value != value);
    if (!saved.changed) {
        // Given again unchanged: nothing to write, but only into an assessment that takes answers.
        Statement open(m_db, "SELECT 1 FROM assessments WHERE uuid = ?1 AND status = 'in_progress'");
        open.bind(1, uuid);
        auto row = open.step();
        if (!row) return failed("save the answer", row.error());
        if (!*row) return Error{fmt::format("assessment {} is not open for answers", uuid)};
        return saved;
    }
    Statement touch(m_db, "UPDATE assessments SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                          "WHERE uuid = ?1 AND status = 'in_progress'");
    touch.bind(1, uuid);
    if (auto s = touch.run(); !s) return failed("save the answer", s.error());
    if (m_db.changes() == 0) return Error{fmt::format("assessment {} is not open for answers", uuid)};

    Statement append(m_db, "INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    append.bind(1, uuid).bind(2, questionId).bind(3, version).bind(5, skipped ? 1 : 0);
    if (skipped) append.bindNull(4);
    else append.bind(4, value);
    if (auto s = append.run(); !s) return failed("save the answer", s.error());
    if (auto s = tx.commit(); !s) return Error{s.error()};
    return saved;
}

Status AssessmentStore::setLanguage(const std::string& uuid, std::string_view language) {
    Statement s(m_db, "UPDATE assessments SET language = ?2 WHERE uuid = ?1");
    s.bind(1, uuid).bind(2, language);
    return s.run();
}

Status AssessmentStore::markCompleted(const std::string& uuid) {
    Transaction tx(m_db);
    if (!tx.began()) return failed("complete the assessment", tx.beginStatus().error());
    Statement s(m_db, "UPDATE assessments SET status = 'completed', "
                      "completed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "
                      "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE uuid = ?1 AND status = 'in_progress'");
    s.bind(1, uuid);
    if (auto st = s.run(); !st) return failed("complete the assessment", st.error());
    if (m_db.changes() == 0) return Error{fmt::format("assessment {} is not in progress", uuid)};
    return tx.commit();
}

Status AssessmentStore::shiftBack(const std::string& uuid, int days) {
    const std::string shift = fmt::format("-{} days", days);
    Transaction tx(m_db);
    if (!tx.began()) return failed("move the assessment back in time", tx.beginStatus().error());
    constexpr std::string_view kFormat = "'%Y-%m-%dT%H:%M:%fZ'";
    const std::string statements[] = {
        fmt::format("UPDATE assessments SET created_at = strftime({0}, created_at, ?2), updated_at = strftime({0}, updated_at, ?2), "
                    "completed_at = strftime({0}, completed_at, ?2) WHERE uuid = ?1",
                    kFormat),
        fmt::format("UPDATE answer_versions SET answered_at = strftime({0}, answered_at, ?2) WHERE assessment_uuid = ?1", kFormat),
        fmt::format("UPDATE results SET computed_at = strftime({0}, computed_at, ?2), "
                    "result_json = json_set(result_json, '$.computed_at', strftime({0}, computed_at, ?2)) WHERE assessment_uuid = ?1",
                    kFormat),
    };
    for (const auto& sql : statements) {
        Statement s(m_db, sql);
        s.bind(1, uuid).bind(2, shift);
        if (auto st = s.run(); !st) return failed("move the assessment back in time", st.error());
    }
    return tx.commit();
}

Status AssessmentStore::markDiscarded(const std::string& uuid) {
    Transaction tx(m_db);
    if (!tx.began()) return failed("discard the assessment", tx.beginStatus().error());
    Statement s(m_db, "UPDATE assessments SET status = 'discarded', "
                      "discarded_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "
                      "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE uuid = ?1 AND status = 'in_progress'");
    s.bind(1, uuid);
    if (auto st = s.run(); !st) return failed("discard the assessment", st.error());
    if (m_db.changes() == 0) return Error{fmt::format("assessment {} is not in progress", uuid)};
    return tx.commit();
}

Result<std::vector<AssessmentRecord>> AssessmentStore::list(std::optional<AssessmentStatus> status, AnswerCount count) {
    Statement s(m_db, fmt::format("{}{} FROM assessments a WHERE ?1 IS NULL OR a.status = ?1 ORDER BY a.updated_at DESC, a.rowid DESC", kSelectColumns,
                                  count == AnswerCount::Counted ? kCountAnswers : "0"));
    if (status) s.bind(1, statusName(*status));
    else s.bindNull(1);
    std::vector<AssessmentRecord> out;
    for (;;) {
        auto row = s.step();
        if (!row) return Error{"could not list assessments: " + row.error()};
        if (!*row) break;
        out.push_back(readRecord(s));
    }
    return out;
}

Result<AssessmentRecord> AssessmentStore::get(const std::string& uuidOrPrefix) {
    if (uuidOrPrefix.empty()) return Error{"no assessment id given"};
    Statement s(m_db, fmt::format("{}{} FROM assessments a WHERE a.uuid >= ?1 AND a.uuid < ?1 || x'ff' ORDER BY a.uuid LIMIT 2", kSelectColumns,
                                  kCountAnswers));
    s.bind(1, uuidOrPrefix);
    std::vector<AssessmentRecord> found;
    for (;;) {
        auto row = s.step();
        if (!row) return Error{"could not read the assessment: " + row.error()};
        if (!*row) break;
        found.push_back(readRecord(s));
    }
    if (found.empty()) return Error{fmt::format("no assessment {} in {}", uuidOrPrefix, m_db.path())};
    if (found.size() > 1 && found[0].uuid != uuidOrPrefix)
        return Error{fmt::format("'{}' matches more than one assessment; give more of the id", uuidOrPrefix)};
    return found[0];
}

Result<std::vector<StoredAnswer>> AssessmentStore::answers(const std::string& uuid) {
    Statement s(m_db, "SELECT question_id, value, skipped, answered_at FROM answers WHERE assessment_uuid = ?1 "
                      "ORDER BY answered_at, question_id");
    s.bind(1, uuid);
    return readAnswers(s, "the answers");
}

Result<std::optional<StoredAnswer>> AssessmentStore::answer(const std::string& uuid, const std::string& questionId) {
    Statement s(m_db, "SELECT question_id, value, skipped, answered_at FROM answers WHERE assessment_uuid = ?1 AND question_id = ?2");
    s.bind(1, uuid).bind(2, questionId);
    auto row = s.step();
    if (!row) return Error{"could not read the answer: " + row.error()};
    if (!*row) return std::optional<StoredAnswer>{};
    return std::optional<StoredAnswer>{StoredAnswer{s.text(0), s.text(1), s.integer(2) != 0, s.text(3)}};
}

Result<std::vector<StoredAnswer>> AssessmentStore::history(const std::string& uuid, const std::string& questionId) {
    Statement s(m_db, "SELECT question_id, value, skipped, answered_at FROM answer_versions WHERE assessment_uuid = ?1 "
                      "AND question_id = ?2 ORDER BY version");
    s.bind(1, uuid).bind(2, questionId);
    return readAnswers(s, "the answer's history");
}

Result<QuestionnaireSnapshot> AssessmentStore::snapshot(const std::string& contentHash) {
    Statement s(m_db, "SELECT questionnaire_id, version, content_hash, source FROM questionnaire_snapshots "
                      "WHERE content_hash = ?1");
    s.bind(1, contentHash);
    auto row = s.step();
    if (!row) return Error{"could not read the questionnaire: " + row.error()};
    if (!*row) return Error{fmt::format("the questionnaire with content hash {} is missing from the database", contentHash)};
    return QuestionnaireSnapshot{s.text(0), s.text(1), s.text(2), s.text(3)};
}

Result<std::vector<StoredAnswer>> AssessmentStore::versions(const std::string& uuid) {
    Statement s(m_db, "SELECT question_id, value, skipped, answered_at FROM answer_versions WHERE assessment_uuid = ?1 "
                      "ORDER BY question_id, version");
    s.bind(1, uuid);
    return readAnswers(s, "the history of answers");
}

Result<bool> AssessmentStore::exists(const std::string& uuid) {
    Statement s(m_db, "SELECT 1 FROM assessments WHERE uuid = ?1");
    s.bind(1, uuid);
    auto row = s.step();
    if (!row) return Error{"could not read the assessments: " + row.error()};
    return *row;
}

Result<bool> AssessmentStore::keepSnapshot(const QuestionnaireSnapshot& snapshot) {
    Statement keep(m_db, "INSERT OR IGNORE INTO questionnaire_snapshots(content_hash, questionnaire_id, version, source) "
                         "VALUES (?1, ?2, ?3, ?4)");
    keep.bind(1, snapshot.contentHash).bind(2, snapshot.questionnaireId).bind(3, snapshot.version).bind(4, snapshot.source);
    if (auto s = keep.run(); !s) return failed("store the questionnaire", s.error());
    return m_db.changes() > 0;
}

Status AssessmentStore::insertExact(const AssessmentRecord& r, const std::vector<ImportedAnswer>& answers) {
    Statement insert(m_db, "INSERT INTO assessments(uuid, questionnaire_id, questionnaire_version, content_hash, status, language, "
                           "created_at, updated_at, completed_at, discarded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    insert.bind(1, r.uuid).bind(2, r.questionnaireId).bind(3, r.questionnaireVersion).bind(4, r.contentHash)
        .bind(5, statusName(r.status)).bind(6, r.language).bind(7, r.createdAt).bind(8, r.updatedAt);
    if (r.completedAt) insert.bind(9, *r.completedAt);
    else insert.bindNull(9);
    if (r.discardedAt) insert.bind(10, *r.discardedAt);
    else insert.bindNull(10);
    if (auto s = insert.run(); !s) return failed("store the assessment", s.error());

    // Every value goes into the history as it was; the last is the current answer. A current answer
    // given later than its last value (the same value given again, as earlier kiosks recorded it)
    // is that value once more, at that time.
    Statement version(m_db, "INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    auto insertVersion = [&](const std::string& questionId, std::int64_t number, const StoredAnswer& v) -> Status {
        version.reset().bind(1, r.uuid).bind(2, questionId).bind(3, number).bind(5, v.skipped ? 1 : 0).bind(6, v.answeredAt);
        if (v.skipped) version.bindNull(4);
        else version.bind(4, v.value);
        return version.run();
    };
    for (const auto& a : answers) {
        if (a.history.empty()) return Error{fmt::format("the answer to {} has no history", a.current.questionId)};
        std::int64_t number = 0;
        for (const auto& v : a.history)
            if (auto s = insertVersion(a.current.questionId, ++number, v); !s) return failed("store the history of an answer", s.error());
        const auto& last = a.history.back();
        if (a.current.value != last.value || a.current.skipped != last.skipped || a.current.answeredAt != last.answeredAt)
            if (auto s = insertVersion(a.current.questionId, ++number, a.current); !s) return failed("store an answer", s.error());
    }
    return {};
}

}  // namespace kiosk::store
