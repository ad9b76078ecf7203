// SQL of the facility record and the checks of what the administrator types.
#include "store/facility_store.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "skills/model.hpp"

namespace kiosk::store {

Result<Facility> FacilityStore::get() {
    Statement s(m_db, "SELECT uuid, name, prefecture, kind, beds, created_at, updated_at FROM facility WHERE id = 1");
    auto row = s.step();
    if (!row) return Error{"could not read the facility: " + row.error()};
    if (!*row) return Error{"the database has no facility record"};
    Facility f{s.text(0), s.text(1), s.text(2), s.text(3), std::nullopt, s.text(5), s.text(6)};
    if (!s.isNull(4)) f.beds = static_cast<int>(s.integer(4));
    return f;
}

Status FacilityStore::update(const Facility& facility) {
    const std::string name = skills::trimPersonText(facility.name);
    if (name.empty()) return Error{"the facility needs a name"};
    if (auto problem = skills::personTextProblem(name)) return Error{fmt::format("the facility's name {}", *problem)};
    if (!facility.prefecture.empty() &&
        (facility.prefecture.size() != 2 || !std::all_of(facility.prefecture.begin(), facility.prefecture.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
         facility.prefecture < "01" || facility.prefecture > "47"))
        return Error{fmt::format("'{}' is not a prefecture code (01–47)", facility.prefecture)};
    static const std::string kinds[] = {"", "hospital", "clinic_beds", "clinic_no_beds"};
    if (std::find(std::begin(kinds), std::end(kinds), facility.kind) == std::end(kinds))
        return Error{fmt::format("'{}' is not a kind of facility; use hospital, clinic_beds or clinic_no_beds", facility.kind)};
    if (facility.beds && (*facility.beds < 0 || *facility.beds > 5000)) return Error{"beds must be a number from 0 to 5000"};

    Transaction tx(m_db);
    if (!tx.began()) return Error{fmt::format("could not save the facility: {}", tx.beginStatus().error())};
    auto current = get();
    if (!current) return Error{current.error()};
    Statement s(m_db, "UPDATE facility SET name = ?1, prefecture = ?2, kind = ?3, beds = ?4, "
                      "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1");
    s.bind(1, name).bind(2, facility.prefecture).bind(3, facility.kind);
    if (facility.beds) s.bind(4, *facility.beds);
    else s.bindNull(4);
    if (auto r = s.run(); !r) return Error{fmt::format("could not save the facility: {}", r.error())};
    if (m_audit) {
        nlohmann::json details{{"name", name}, {"prefecture", facility.prefecture}, {"kind", facility.kind}};
        details["beds"] = facility.beds ? nlohmann::json(*facility.beds) : nlohmann::json(nullptr);
        if (auto r = m_audit->append({"facility.updated", current->uuid, details.dump()}); !r)
            return Error{fmt::format("could not save the facility: {}", r.error())};
    }
    return tx.commit();
}

}  // namespace kiosk::store
