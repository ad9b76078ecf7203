// Persistence of the skill matrix: people, their qualifications, and dated skill snapshots
// (a new snapshot for every completion, so history is kept).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "skills/model.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::store {

class PeopleStore {
public:
    explicit PeopleStore(Database& db, AuditLog* audit = nullptr) : m_db(db), m_audit(audit) {}
    Database& database() { return m_db; }
    // Each change is also appended to this audit log, in the same transaction, by id and never by
    // name (subject: the person's id): person.added / person.edited {source, snapshot, assessment}
    // for one saved by an administrator or by a checklist; one person.imported {added, updated,
    // ids_added, ids_updated} (subject empty) for all that an import saved; person.removed {}.
    void setAuditLog(AuditLog* audit) { m_audit = audit; }

    // Saves people: a person with an id updates that person (an id no longer stored is an error),
    // one with id 0 is added as a new person, even when someone else has the same name. Their
    // qualifications are replaced and a snapshot is added for each person that has one; all in
    // one transaction (all or nothing).
    Status upsert(const std::vector<skills::Person>& people, const std::string& source, const std::string& assessmentUuid = {});

    // Every person with qualifications and newest snapshot, by name (then id).
    Result<std::vector<skills::Person>> all();
    // The snapshots of one person, newest first.
    Result<std::vector<skills::SkillSnapshot>> history(std::int64_t personId);
    // Removes a person with their qualifications and snapshots; an id no longer stored removes nothing.
    Status remove(std::int64_t personId);

private:
    Database& m_db;
    AuditLog* m_audit = nullptr;
};

}  // namespace kiosk::store
