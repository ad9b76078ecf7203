// The stored advisor directory (schema 9) and the skill-matrix people who agreed to appear in the
// directory their facility publishes. Changes are appended to the audit log in the same
// transaction, when one is given:
//   advisors.imported        subject: the file's SHA-256  {file, rows, added, updated, unchanged, skipped}
//   advisors.removed         subject: the source          {removed}
//   person.directory_consent subject: the person's id     {agreed}
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "advisors/model.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::store {

struct AdvisorImportInfo {
    std::string file;     // as the user named it
    std::string sha256;   // of the file's bytes
    int rows = 0;         // rows in the file
    int skipped = 0;      // bad rows left out (a partial import)
};

struct AdvisorImportCounts {
    int added = 0, updated = 0, unchanged = 0;
};

class AdvisorStore {
public:
    explicit AdvisorStore(Database& db, AuditLog* audit = nullptr) : m_db(db), m_audit(audit) {}
    void setAuditLog(AuditLog* audit) { m_audit = audit; }

    // Adds the advisors a list names, or updates the stored entry of the same key, all in one
    // transaction with its audit row. An entry is replaced whole: the list is what its publisher
    // says today. Entries the list does not name are kept.
    Result<AdvisorImportCounts> import(const std::vector<advisors::Advisor>& advisors, const AdvisorImportInfo& info);

    // Every stored advisor, by source, then name.
    Result<std::vector<advisors::Advisor>> list();
    Result<int> count();
    // Removes every advisor of a source; how many there were.
    Result<int> removeSource(const std::string& source);

    // The people who agreed to appear in the published directory, and changing it.
    Result<std::vector<std::int64_t>> directoryConsent();
    Status setDirectoryConsent(std::int64_t personId, bool agreed);

private:
    Database& m_db;
    AuditLog* m_audit = nullptr;
};

}  // namespace kiosk::store
