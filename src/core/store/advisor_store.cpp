// SQL of the advisor directory and of the directory consent, with their audit rows.
#include "store/advisor_store.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <array>
#include <optional>

#include "skills/csv.hpp"

namespace kiosk::store {
namespace {

using advisors::Advisor;

constexpr int kColumns = 20;
constexpr std::string_view kColumnList =
    "entry_key, source, name, registration_number, registered_on, last_course_on, qualifications, courses, experience_years, "
    "experience_kind, prefecture, serves, days_per_month, support_mode, menus, skills, affiliation, side_work, contact, "
    "confirmed_on";

// A value of a column: text, a number, or NULL.
struct Value {
    std::optional<std::string> text;
    std::optional<std::int64_t> number;
    bool operator==(const Value&) const = default;
};

Value text(std::string s) { return {std::move(s), std::nullopt}; }
Value date(const std::optional<skills::Date>& d) { return d ? text(skills::formatDate(*d)) : Value{}; }
Value number(std::int64_t n) { return {std::nullopt, n}; }

std::array<Value, kColumns> valuesOf(const Advisor& a) {
    std::string qualifications;
    for (const auto& [id, d] : a.qualifications) qualifications += (qualifications.empty() ? "" : ";") + id + "=" + skills::formatDate(d);
    return {text(a.key()),
            text(a.source),
            text(a.name),
            text(a.registrationNumber),
            date(a.registered),
            date(a.lastCourse),
            text(qualifications),
            text(skills::joinListCell(a.courses)),
            number(a.experienceYears),
            text(std::string(advisors::experienceKindName(a.experienceKind))),
            text(a.prefecture),
            text(skills::joinListCell(a.serves)),
            a.daysPerMonth ? number(*a.daysPerMonth) : Value{},
            text(std::string(advisors::supportModeName(a.mode))),
            text(skills::joinListCell(a.menus)),
            text(skills::joinListCell(a.skills)),
            text(a.affiliation),
            a.sideWork ? number(*a.sideWork ? 1 : 0) : Value{},
            text(a.contact),
            date(a.confirmed)};
}

// The row a statement over kColumnList (from its column `first`) holds, as stored.
std::array<Value, kColumns> storedValues(const Statement& s, int first) {
    std::array<Value, kColumns> v;
    for (int i = 0; i < kColumns; ++i) {
        const int column = first + i;
        if (s.isNull(column)) continue;
        if (i == 8 || i == 12 || i == 17) v[static_cast<std::size_t>(i)].number = s.integer(column);
        else v[static_cast<std::size_t>(i)].text = s.text(column);
    }
    return v;
}

Advisor advisorOf(const Statement& s) {
    Advisor a;
    a.id = s.integer(0);
    const auto v = storedValues(s, 1);
    const auto str = [&](int i) { return v[static_cast<std::size_t>(i)].text.value_or(""); };
    const auto day = [&](int i) { return v[static_cast<std::size_t>(i)].text ? skills::parseDate(*v[static_cast<std::size_t>(i)].text) : std::nullopt; };
    a.source = str(1);
    a.name = str(2);
    a.registrationNumber = str(3);
    a.registered = day(4);
    a.lastCourse = day(5);
    for (const auto& pair : skills::splitListCell(str(6))) {
        const auto eq = pair.find('=');
        if (eq == std::string::npos) continue;
        if (auto d = skills::parseDate(pair.substr(eq + 1))) a.qualifications[pair.substr(0, eq)] = *d;
    }
    a.courses = skills::splitListCell(str(7));
    a.experienceYears = static_cast<int>(v[8].number.value_or(0));
    a.experienceKind = advisors::parseExperienceKind(str(9)).value_or(advisors::ExperienceKind::Unknown);
    a.prefecture = str(10);
    a.serves = skills::splitListCell(str(11));
    if (v[12].number) a.daysPerMonth = static_cast<int>(*v[12].number);
    a.mode = advisors::parseSupportMode(str(13)).value_or(advisors::SupportMode::Unknown);
    a.menus = skills::splitListCell(str(14));
    a.skills = skills::splitListCell(str(15));
    a.affiliation = str(16);
    if (v[17].number) a.sideWork = *v[17].number != 0;
    a.contact = str(18);
    a.confirmed = day(19);
    return a;
}

void bindValues(Statement& s, const std::array<Value, kColumns>& values) {
    for (int i = 0; i < kColumns; ++i) {
        const auto& v = values[static_cast<std::size_t>(i)];
        if (v.text) s.bind(i + 1, *v.text);
        else if (v.number) s.bind(i + 1, *v.number);
        else s.bindNull(i + 1);
    }
}

}  // namespace

Result<AdvisorImportCounts> AdvisorStore::import(const std::vector<Advisor>& list, const AdvisorImportInfo& info) {
    Transaction tx(m_db);
    if (!tx.began()) return Error{fmt::format("could not import the advisors: {}", tx.beginStatus().error())};
    AdvisorImportCounts counts;
    Statement existing(m_db, fmt::format("SELECT id, {} FROM advisors WHERE entry_key = ?1", kColumnList));
    Statement insert(m_db, fmt::format("INSERT INTO advisors({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                                       "?15, ?16, ?17, ?18, ?19, ?20)",
                                       kColumnList));
    Statement update(m_db, "UPDATE advisors SET source = ?2, name = ?3, registration_number = ?4, registered_on = ?5, "
                           "last_course_on = ?6, qualifications = ?7, courses = ?8, experience_years = ?9, experience_kind = ?10, "
                           "prefecture = ?11, serves = ?12, days_per_month = ?13, support_mode = ?14, menus = ?15, skills = ?16, "
                           "affiliation = ?17, side_work = ?18, contact = ?19, confirmed_on = ?20, "
                           "imported_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE entry_key = ?1");
    for (const auto& a : list) {
        const auto values = valuesOf(a);
        auto row = existing.reset().bind(1, *values[0].text).step();
        if (!row) return Error{fmt::format("could not import the advisors: {}", row.error())};
        Statement* write = &insert;
        if (*row) {
            if (storedValues(existing, 1) == values) {
                ++counts.unchanged;
                continue;
            }
            write = &update;
            ++counts.updated;
        } else {
            ++counts.added;
        }
        write->reset();
        bindValues(*write, values);
        if (auto s = write->run(); !s) return Error{fmt::format("could not import the advisor '{}': {}", a.name, s.error())};
    }
    if (m_audit) {
        const nlohmann::json details{{"file", info.file},       {"rows", info.rows},           {"added", counts.added},
                                     {"updated", counts.updated}, {"unchanged", counts.unchanged}, {"skipped", info.skipped}};
        if (auto s = m_audit->append({"advisors.imported", info.sha256, details.dump()}); !s)
            return Error{fmt::format("could not import the advisors: {}", s.error())};
    }
    if (auto s = tx.commit(); !s) return Error{fmt::format("could not import the advisors: {}", s.error())};
    return counts;
}

Result<std::vector<Advisor>> AdvisorStore::list() {
    Statement s(m_db, fmt::format("SELECT id, {} FROM advisors ORDER BY source, name, id", kColumnList));
    std::vector<Advisor> out;
    for (;;) {
        auto row = s.step();
        if (!row) return Error{"could not read the advisor directory: " + row.error()};
        if (!*row) return out;
        out.push_back(advisorOf(s));
    }
}

Result<int> AdvisorStore::count() {
    Statement s(m_db, "SELECT count(*) FROM advisors");
    auto row = s.step();
    if (!row) return Error{"could not count the advisors: " + row.error()};
    return static_cast<int>(s.integer(0));
}

Result<int> AdvisorStore::removeSource(const std::string& source) {
    Transaction tx(m_db);
    if (!tx.began()) return Error{fmt::format("could not remove the advisors: {}", tx.beginStatus().error())};
    Statement s(m_db, "DELETE FROM advisors WHERE source = ?1");
    if (auto r = s.bind(1, source).run(); !r) return Error{fmt::format("could not remove the advisors: {}", r.error())};
    const int removed = sqlite3_changes(m_db.handle());
    if (m_audit)
        if (auto r = m_audit->append({"advisors.removed", source, nlohmann::json{{"removed", removed}}.dump()}); !r)
            return Error{fmt::format("could not remove the advisors: {}", r.error())};
    if (auto r = tx.commit(); !r) return Error{fmt::format("could not remove the advisors: {}", r.error())};
    return removed;
}

Result<std::vector<std::int64_t>> AdvisorStore::directoryConsent() {
    Statement s(m_db, "SELECT person_id FROM directory_consent ORDER BY person_id");
    std::vector<std::int64_t> out;
    for (;;) {
        auto row = s.step();
        if (!row) return Error{"could not read who agreed to the directory: " + row.error()};
        if (!*row) return out;
        out.push_back(s.integer(0));
    }
}

Status AdvisorStore::setDirectoryConsent(std::int64_t personId, bool agreed) {
    Transaction tx(m_db);
    if (!tx.began()) return Error{fmt::format("could not record the consent: {}", tx.beginStatus().error())};
    Statement person(m_db, "SELECT 1 FROM people WHERE id = ?1");
    auto row = person.bind(1, personId).step();
    if (!row) return Error{fmt::format("could not record the consent: {}", row.error())};
    if (!*row) return Error{fmt::format("there is no person with id {}", personId)};
    Statement s(m_db, agreed ? "INSERT OR IGNORE INTO directory_consent(person_id) VALUES (?1)"
                             : "DELETE FROM directory_consent WHERE person_id = ?1");
    if (auto r = s.bind(1, personId).run(); !r) return Error{fmt::format("could not record the consent: {}", r.error())};
    if (m_audit && sqlite3_changes(m_db.handle()) > 0)
        if (auto r = m_audit->append({"person.directory_consent", std::to_string(personId), nlohmann::json{{"agreed", agreed}}.dump()}); !r)
            return Error{fmt::format("could not record the consent: {}", r.error())};
    return tx.commit();
}

}  // namespace kiosk::store
