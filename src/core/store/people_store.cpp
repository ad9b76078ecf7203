// SQL for people, qualifications and skill snapshots.
#include "store/people_store.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>

namespace kiosk::store {
namespace {

using skills::Person;
using skills::SkillSnapshot;

Status insertSnapshot(Database& db, std::int64_t personId, const SkillSnapshot& snapshot, const std::string& source,
                      const std::string& assessmentUuid) {
    Statement s(db, "INSERT INTO skill_snapshots(person_id, source, assessment_uuid, experience_years, healthcare_course) "
                    "VALUES (?1, ?2, NULLIF(?3, ''), ?4, ?5)");
    s.bind(1, personId).bind(2, source).bind(3, assessmentUuid).bind(4, snapshot.experienceYears).bind(5, snapshot.healthcareCourse ? 1 : 0);
    if (auto st = s.run(); !st) return st;
    Statement id(db, "SELECT last_insert_rowid()");
    auto row = id.step();
    if (!row || !*row) return Error{"could not read the new snapshot's id"};
    const auto snapshotId = id.integer(0);
    for (const auto& [skill, level] : snapshot.levels) {
        Statement l(db, "INSERT INTO skill_levels(snapshot_id, skill_id, level) VALUES (?1, ?2, ?3)");
        l.bind(1, snapshotId).bind(2, skill).bind(3, level);
        if (auto st = l.run(); !st) return st;
    }
    return {};
}

std::optional<skills::Date> dateOf(const Statement& s, int column) {
    auto text = s.optionalText(column);
    return text ? skills::parseDate(*text) : std::nullopt;
}

}  // namespace

Status PeopleStore::upsert(const std::vector<Person>& people, const std::string& source, const std::string& assessmentUuid) {
    Transaction tx(m_db);
    if (!tx.began()) return tx.beginStatus();
    std::vector<std::int64_t> added, updated;
    for (const auto& p : people) {
        std::int64_t personId = p.id;
        if (p.id != 0) {
            Statement up(m_db, "UPDATE people SET name = ?2, role = ?3, department = ?4, employment = ?5 WHERE id = ?1");
            up.bind(1, p.id).bind(2, p.name).bind(3, p.role).bind(4, p.department).bind(5, skills::employmentName(p.employment));
            if (auto st = up.run(); !st) return Error{fmt::format("could not save {}: {}", p.name, st.error())};
            if (m_db.changes() == 0) return Error{fmt::format("{} (id {}) is no longer in the matrix", p.name, p.id)};
        } else {
            Statement ins(m_db, "INSERT INTO people(name, role, department, employment) VALUES (?1, ?2, ?3, ?4)");
            ins.bind(1, p.name).bind(2, p.role).bind(3, p.department).bind(4, skills::employmentName(p.employment));
            if (auto st = ins.run(); !st) return Error{fmt::format("could not save {}: {}", p.name, st.error())};
            Statement id(m_db, "SELECT last_insert_rowid()");
            auto row = id.step();
            if (!row || !*row) return Error{fmt::format("could not read the id of {} after saving", p.name)};
            personId = id.integer(0);
        }

        Statement clear(m_db, "DELETE FROM qualifications WHERE person_id = ?1");
        clear.bind(1, personId);
        if (auto st = clear.run(); !st) return st;
        for (const auto& q : p.qualifications) {
            Statement ins(m_db, "INSERT INTO qualifications(person_id, qualification, obtained_on, renewal_due, registered) "
                                "VALUES (?1, ?2, ?3, ?4, ?5)");
            ins.bind(1, personId).bind(2, q.id).bind(5, q.registered ? 1 : 0);
            if (q.obtained) ins.bind(3, skills::formatDate(*q.obtained));
            else ins.bindNull(3);
            if (q.renewalDue) ins.bind(4, skills::formatDate(*q.renewalDue));
            else ins.bindNull(4);
            if (auto st = ins.run(); !st) return Error{fmt::format("could not save the qualifications of {}: {}", p.name, st.error())};
        }
        if (p.latest)
            if (auto st = insertSnapshot(m_db, personId, *p.latest, source, assessmentUuid); !st)
                return Error{fmt::format("could not save the skills of {}: {}", p.name, st.error())};
        (p.id == 0 ? added : updated).push_back(personId);
        if (m_audit && source != "import") {
            nlohmann::json details{{"source", source}, {"snapshot", p.latest.has_value()}};
            if (!assessmentUuid.empty()) details["assessment"] = assessmentUuid;
            if (auto st = m_audit->append({p.id == 0 ? "person.added" : "person.edited", std::to_string(personId), details.dump()}); !st)
                return Error{fmt::format("could not save {}: {}", p.name, st.error())};
        }
    }
    if (m_audit && source == "import" && !people.empty()) {
        const nlohmann::json details{{"added", added.size()}, {"updated", updated.size()}, {"ids_added", added}, {"ids_updated", updated}};
        if (auto st = m_audit->append({"person.imported", "", details.dump()}); !st) return Error{fmt::format("could not import: {}", st.error())};
    }
    return tx.commit();
}

Result<std::vector<Person>> PeopleStore::all() {
    std::vector<Person> people;
    std::map<std::int64_t, std::size_t> index;
    {
        Statement s(m_db, "SELECT p.id, p.name, p.role, p.department, p.employment, (SELECT COUNT(*) FROM skill_snapshots WHERE person_id = p.id) "
                          "FROM people p ORDER BY p.name, p.id");
        for (;;) {
            auto row = s.step();
            if (!row) return Error{"could not read people: " + row.error()};
            if (!*row) break;
            Person p;
            p.id = s.integer(0);
            p.name = s.text(1);
            p.role = s.text(2);
            p.department = s.text(3);
            p.employment = skills::parseEmployment(s.text(4)).value_or(skills::Employment::FullTime);
            p.snapshotCount = static_cast<int>(s.integer(5));
            index[p.id] = people.size();
            people.push_back(std::move(p));
        }
    }
    {
        Statement s(m_db, "SELECT person_id, qualification, obtained_on, renewal_due, registered FROM qualifications ORDER BY person_id, qualification");
        for (;;) {
            auto row = s.step();
            if (!row) return Error{"could not read qualifications: " + row.error()};
            if (!*row) break;
            people[index.at(s.integer(0))].qualifications.push_back({s.text(1), dateOf(s, 2), dateOf(s, 3), s.integer(4) != 0});
        }
    }
    {
        // The newest snapshot of each person, with its levels.
        Statement s(m_db, R"sql(
SELECT sn.person_id, sn.taken_at, sn.source, sn.experience_years, sn.healthcare_course, l.skill_id, l.level
FROM skill_snapshots sn LEFT JOIN skill_levels l ON l.snapshot_id = sn.id
WHERE sn.id = (SELECT id FROM skill_snapshots WHERE person_id = sn.person_id ORDER BY taken_at DESC, id DESC LIMIT 1))sql");
        for (;;) {
            auto row = s.step();
            if (!row) return Error{"could not read skills: " + row.error()};
            if (!*row) break;
            auto& p = people[index.at(s.integer(0))];
            if (!p.latest) p.latest = SkillSnapshot{s.text(1), s.text(2), {}, static_cast<int>(s.integer(3)), s.integer(4) != 0};
            if (!s.isNull(5)) p.latest->levels[s.text(5)] = static_cast<int>(s.integer(6));
        }
    }
    return people;
}

Result<std::vector<SkillSnapshot>> PeopleStore::history(std::int64_t personId) {
    std::vector<SkillSnapshot> out;
    std::vector<std::int64_t> ids;
    {
        Statement s(m_db, "SELECT id, taken_at, source, experience_years, healthcare_course FROM skill_snapshots WHERE person_id = ?1 "
                          "ORDER BY taken_at DESC, id DESC");
        s.bind(1, personId);
        for (;;) {
            auto row = s.step();
            if (!row) return Error{"could not read the history: " + row.error()};
            if (!*row) break;
            ids.push_back(s.integer(0));
            out.push_back({s.text(1), s.text(2), {}, static_cast<int>(s.integer(3)), s.integer(4) != 0});
        }
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
        Statement s(m_db, "SELECT skill_id, level FROM skill_levels WHERE snapshot_id = ?1");
        s.bind(1, ids[i]);
        for (;;) {
            auto row = s.step();
            if (!row) return Error{"could not read the history: " + row.error()};
            if (!*row) break;
            out[i].levels[s.text(0)] = static_cast<int>(s.integer(1));
        }
    }
    return out;
}

Status PeopleStore::remove(std::int64_t personId) {
    Transaction tx(m_db);
    if (!tx.began()) return tx.beginStatus();
    Statement s(m_db, "DELETE FROM people WHERE id = ?1");
    s.bind(1, personId);
    if (auto st = s.run(); !st) return Error{fmt::format("could not remove person {}: {}", personId, st.error())};
    if (m_audit && m_db.changes() > 0)
        if (auto st = m_audit->append({"person.removed", std::to_string(personId), "{}"}); !st)
            return Error{fmt::format("could not remove person {}: {}", personId, st.error())};
    return tx.commit();
}

}  // namespace kiosk::store
