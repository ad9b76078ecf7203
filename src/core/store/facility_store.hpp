// The facility the kiosk's database belongs to (schema 10, one row): its stable UUID, name,
// prefecture, kind and beds. Changing it is appended to the audit log in the same transaction:
//   facility.updated  subject: the facility's UUID  {name, prefecture, kind, beds}
#pragma once

#include <optional>
#include <string>

#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::store {

struct Facility {
    std::string uuid;
    std::string name;        // empty until the administrator names it
    std::string prefecture;  // JIS X 0401 code, "13"; empty when not set
    std::string kind;        // hospital, clinic_beds, clinic_no_beds (the profile's options); empty when not set
    std::optional<int> beds;
    std::string createdAt, updatedAt;
};

inline constexpr std::size_t kMaxFacilityName = 100;

class FacilityStore {
public:
    explicit FacilityStore(Database& db, AuditLog* audit = nullptr) : m_db(db), m_audit(audit) {}
    void setAuditLog(AuditLog* audit) { m_audit = audit; }

    Result<Facility> get();
    // Sets the name, prefecture, kind and beds (the UUID never changes). Refuses, saying why: a
    // name that is empty, too long or holds a control character, a prefecture that is not a
    // two-digit code, an unknown kind, beds out of 0–5000.
    Status update(const Facility& facility);

private:
    Database& m_db;
    AuditLog* m_audit = nullptr;
};

}  // namespace kiosk::store
