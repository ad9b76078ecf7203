// People, qualifications and skill levels as CSV, one row per person:
//   id, name, role, department, employment, experience_years, healthcare_course,
//   <qualification>_held, <qualification>_date, <qualification>_renewal (and
//   <qualification>_registered where the qualification requires registration) for each
//   qualification, then one column per skill id.
// Roles and employment take the checklist's ids or their Japanese or English labels; dates are
// YYYY-MM-DD; levels 0–4. Only name, role and employment are required. An empty cell says
// nothing: importing it leaves what is stored as it is (see applyRow).
// People are told apart by id, not by name (two staff may share a name). The id column is
// optional: a row with an id updates that person; a row without one updates the one person
// stored under its name, or adds a new person when nobody has it (see resolveRows).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skills/catalog.hpp"
#include "skills/model.hpp"

namespace kiosk::skills {

struct RowError {
    int line = 0;
    std::string column;  // empty when the problem is the whole row
    std::string message;
    std::string format() const;
};

// What a row says about one qualification; each field is set only when its cell is not empty.
struct QualificationCells {
    std::optional<bool> held;  // "no" removes the qualification
    std::optional<Date> obtained;
    std::optional<Date> renewalDue;
    std::optional<bool> registered;
};

// What one row says about one person.
struct PersonRow {
    int line = 0;
    std::int64_t id = 0;  // the person's id from an export; 0 when the row gives none
    std::string name;
    std::string role;
    Employment employment = Employment::FullTime;
    std::optional<std::string> department;
    std::optional<int> experienceYears;
    std::optional<bool> healthcareCourse;
    std::map<std::string, QualificationCells> qualifications;  // only those the row mentions
    std::map<std::string, int> levels;                         // only the skills the row gives
    bool saysAnythingAboutSkills() const { return experienceYears || healthcareCourse || !levels.empty(); }
};

struct PeopleImport {
    std::vector<PersonRow> people;   // the good rows
    std::vector<RowError> errors;    // at most kMaxListedErrors of them…
    int errorsNotListed = 0;         // …and how many more there were
    int rows = 0;
};

inline constexpr std::size_t kMaxListedErrors = 200;

PeopleImport readPeopleCsv(std::string_view text, const SkillCatalog& catalog);

// A good row with the stored person it updates (nothing for a new person).
struct ResolvedRow {
    const PersonRow* row = nullptr;
    std::optional<Person> stored;
};
struct Resolution {
    std::vector<ResolvedRow> rows;  // the rows that resolve, in file order
    std::vector<RowError> errors;   // the others, one error each
};

// Matches rows to stored people: by id when the row has one (an id nobody has is an error); else
// by name when exactly one stored person has it (two or more: the name is ambiguous, an error);
// else a new person. Two rows that come to the same person are an error on the later one.
Resolution resolveRows(const std::vector<PersonRow>& rows, const std::vector<Person>& stored);

// The person after a row is applied. Without `replace`, the row changes only what it states:
// empty cells keep the stored department, dates, levels, years and course; a qualification goes
// only when its _held cell says no. With `replace`, the row is the whole truth about the person:
// what it leaves empty is removed. A new skill snapshot (Person::latest) is set only when the
// row says something about skills (or, with `replace`, when there were skills to clear).
// The person keeps the stored id, else the row's (0 for a new person).
Person applyRow(const std::optional<Person>& stored, const PersonRow& row, bool replace);

std::vector<std::string> peopleCsvHeader(const SkillCatalog& catalog);
std::string writePeopleCsv(const std::vector<Person>& people, const SkillCatalog& catalog);

}  // namespace kiosk::skills
