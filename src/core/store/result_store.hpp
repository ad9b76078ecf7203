// Stored scoring results: one per completed security-measures assessment, kept exactly as
// computed so that it can be shown and exported later unchanged.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::store {

struct StoredResult {
    std::string assessmentUuid;
    std::string profileUuid;
    int engineVersion = 0;
    std::string decision;
    double overall = 0;
    std::string computedAt;
    std::string json;
};

class ResultStore {
public:
    explicit ResultStore(Database& db, AuditLog* audit = nullptr) : m_db(db), m_audit(audit) {}
    bool readOnly() const { return m_db.readOnly(); }
    // Each stored result is also appended to this audit log, in the same transaction:
    // result.stored {decision, overall, engine_version, profile}, subject the assessment's id.
    void setAuditLog(AuditLog* audit) { m_audit = audit; }

    // Stores the result of an assessment once; a second save for the same assessment is refused,
    // so a stored result never changes.
    Status save(const StoredResult& result);
    Result<std::optional<StoredResult>> get(const std::string& assessmentUuid);

    // The profile each stored result was scored with, by the assessment's UUID (results scored
    // without one are left out); reads no result's JSON.
    Result<std::map<std::string, std::string, std::less<>>> profiles();

    // The newest result of another completed assessment of the same questionnaire that was
    // completed before this one (for "change since last time").
    Result<std::optional<StoredResult>> previous(const std::string& assessmentUuid);

    // The newest completed assessment of a questionnaire, completed no later than `before` when given.
    Result<std::optional<std::string>> latestCompleted(const std::string& questionnaireId, const std::optional<std::string>& before);

    // The newest stored result of any assessment.
    Result<std::optional<StoredResult>> latest();

    // Current UTC time in the stored format.
    std::string now();

private:
    Database& m_db;
    AuditLog* m_audit = nullptr;
};

}  // namespace kiosk::store
