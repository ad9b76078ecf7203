// People, qualifications and skill levels as CSV, one row per person:
//   name, role, department, employment, experience_years, healthcare_course,
//   <qualification>_date, <qualification>_renewal (and <qualification>_registered where the
//   qualification requires registration) for each qualification, then one column per skill id.
// Roles and employment take the checklist's ids or their Japanese or English labels; dates are
// YYYY-MM-DD; levels 0–4 or empty (not assessed). Only name, role and employment are required.
#pragma once

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

struct PeopleImport {
    std::vector<Person> people;  // the good rows; `latest` holds the levels read (takenAt empty)
    std::vector<RowError> errors;
    int rows = 0;
};

PeopleImport readPeopleCsv(std::string_view text, const SkillCatalog& catalog);

std::vector<std::string> peopleCsvHeader(const SkillCatalog& catalog);
std::string writePeopleCsv(const std::vector<Person>& people, const SkillCatalog& catalog);

}  // namespace kiosk::skills
