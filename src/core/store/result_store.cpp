// SQL for stored scoring results.
#include "store/result_store.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kiosk::store {
namespace {

// A row as stored; a damaged row (the database edited by hand or by another program) is named
// by its assessment, never turned into an exception.
Result<std::optional<StoredResult>> readRow(const Statement& s) {
    const auto overall = s.real(4);
    if (!overall) return Error{fmt::format("the stored result of assessment {} is damaged: its overall score '{}' is not a number", s.text(0), s.text(4))};
    return std::optional<StoredResult>{StoredResult{s.text(0), s.text(1), static_cast<int>(s.integer(2)), s.text(3), *overall, s.text(5), s.text(6)}};
}

constexpr std::string_view kSelect =
    "SELECT assessment_uuid, COALESCE(profile_uuid, ''), engine_version, decision, overall, computed_at, result_json FROM results r";

}  // namespace

Status ResultStore::save(const StoredResult& r) {
    Transaction tx(m_db);
    if (!tx.began()) return tx.beginStatus();
    Statement s(m_db, "INSERT INTO results(assessment_uuid, profile_uuid, engine_version, decision, overall, computed_at, result_json) "
                      "VALUES (?1, NULLIF(?2, ''), ?3, ?4, ?5, ?6, ?7)");
    s.bind(1, r.assessmentUuid).bind(2, r.profileUuid).bind(3, r.engineVersion).bind(4, r.decision)
        .bind(5, fmt::format("{}", r.overall)).bind(6, r.computedAt).bind(7, r.json);
    if (auto st = s.run(); !st) return Error{fmt::format("could not store the result of {}: {}", r.assessmentUuid, st.error())};
    if (m_audit) {
        // The score as stored (text), so that the log holds no floating-point number to print two ways.
        const nlohmann::json details{{"decision", r.decision},
                                     {"overall", fmt::format("{}", r.overall)},
                                     {"engine_version", r.engineVersion},
                                     {"profile", r.profileUuid}};
        if (auto st = m_audit->append({"result.stored", r.assessmentUuid, details.dump()}); !st)
            return Error{fmt::format("could not store the result of {}: {}", r.assessmentUuid, st.error())};
    }
    return tx.commit();
}

Result<std::optional<StoredResult>> ResultStore::get(const std::string& uuid) {
    Statement s(m_db, std::string(kSelect) + " WHERE assessment_uuid = ?1");
    s.bind(1, uuid);
    auto row = s.step();
    if (!row) return Error{"could not read the result: " + row.error()};
    if (!*row) return std::optional<StoredResult>{};
    return readRow(s);
}

Result<std::map<std::string, std::string, std::less<>>> ResultStore::profiles() {
    Statement s(m_db, "SELECT assessment_uuid, profile_uuid FROM results WHERE profile_uuid IS NOT NULL AND profile_uuid <> ''");
    std::map<std::string, std::string, std::less<>> out;
    for (;;) {
        auto row = s.step();
        if (!row) return Error{"could not read the results: " + row.error()};
        if (!*row) return out;
        out.emplace(s.text(0), s.text(1));
    }
}

Result<std::optional<StoredResult>> ResultStore::previous(const std::string& uuid) {
    Statement s(m_db, std::string(kSelect) + R"sql(
JOIN assessments a ON a.uuid = r.assessment_uuid
JOIN assessments me ON me.uuid = ?1
WHERE a.uuid <> me.uuid AND a.questionnaire_id = me.questionnaire_id AND a.status = 'completed'
  AND a.completed_at <= COALESCE(me.completed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
ORDER BY a.completed_at DESC LIMIT 1)sql");
    s.bind(1, uuid);
    auto row = s.step();
    if (!row) return Error{"could not read the previous result: " + row.error()};
    if (!*row) return std::optional<StoredResult>{};
    return readRow(s);
}

Result<std::optional<std::string>> ResultStore::latestCompleted(const std::string& questionnaireId, const std::optional<std::string>& before) {
    Statement s(m_db, "SELECT uuid FROM assessments WHERE questionnaire_id = ?1 AND status = 'completed' "
                      "AND (?2 IS NULL OR completed_at <= ?2) ORDER BY completed_at DESC LIMIT 1");
    s.bind(1, questionnaireId);
    if (before) s.bind(2, *before);
    else s.bindNull(2);
    auto row = s.step();
    if (!row) return Error{"could not look for a completed " + questionnaireId + ": " + row.error()};
    if (!*row) return std::optional<std::string>{};
    return std::optional<std::string>{s.text(0)};
}

Result<std::optional<StoredResult>> ResultStore::latest() {
    Statement s(m_db, std::string(kSelect) + " ORDER BY computed_at DESC LIMIT 1");
    auto row = s.step();
    if (!row) return Error{"could not read the latest result: " + row.error()};
    if (!*row) return std::optional<StoredResult>{};
    return readRow(s);
}

std::string ResultStore::now() {
    Statement s(m_db, "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
    auto row = s.step();
    return row && *row ? s.text(0) : std::string();
}

}  // namespace kiosk::store
