// Advisor lists as CSV, one row per advisor (UTF-8 with or without a byte-order mark, Excel
// quoting). The columns:
//   source, name, registration_number, registration_date, last_course_date,
//   <qualification>_date for each qualification of qualifications.toml other than the registration
//   (a date says the person holds it), healthcare_courses, experience_years, experience_kind,
//   prefecture, serves, days_per_month, support_mode, menus, skills, affiliation, side_work,
//   contact, confirmed_date.
// Required are the public register's fields: name, registration_number and registration_date (the
// cells may be empty for sources whose rows need no registration), and source unless the import
// gives one for the whole file. Lists (courses, serves, menus, skills) are separated by ";".
// Dates are YYYY-MM-DD (YYYY/MM/DD as Excel writes them is read too).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "advisors/model.hpp"
#include "skills/people_csv.hpp"

namespace kiosk::advisors {

using skills::RowError;

struct AdvisorImport {
    std::vector<Advisor> advisors;     // the good rows, in file order (line numbers in `lines`)
    std::vector<int> lines;
    std::vector<RowError> errors;      // at most skills::kMaxListedErrors…
    int errorsNotListed = 0;           // …and how many more
    int rows = 0;
    int problems() const { return static_cast<int>(errors.size()) + errorsNotListed; }
};

std::vector<std::string> advisorsCsvHeader(const AdvisorCatalog& catalog);

// Reads a list. `defaultSource` marks rows of a file without a source column. Dates after `today`
// are refused (a registration or confirmation cannot lie in the future).
AdvisorImport readAdvisorsCsv(std::string_view text, const AdvisorCatalog& catalog, Date today,
                              const std::optional<std::string>& defaultSource = std::nullopt);

// A list as CSV (byte-order mark, CRLF, cells neutralised), readable by readAdvisorsCsv. The
// contact column is written only when `withContact`.
std::string writeAdvisorsCsv(const std::vector<Advisor>& advisors, const AdvisorCatalog& catalog, bool withContact);

// What a leading facility publishes of its own people for the region: only the people in
// `consenting`, only the public fields (name, the registration date, qualifications with dates,
// experience, a healthcare course, the skills held at the policy's level), marked part_time, with
// the facility's affiliation, prefecture and what it permits. The registration number is not in
// the skill matrix, so it stays empty.
struct Publication {
    std::string affiliation;
    std::string prefecture;             // code
    std::vector<std::string> serves;    // codes or kNationwide
    std::optional<bool> sideWork;
    std::optional<int> daysPerMonth;
    SupportMode mode = SupportMode::Unknown;
    std::string contact;                // the facility's desk, not a person's
    Date confirmed;
};
std::vector<Advisor> publishPeople(const std::vector<skills::Person>& people, const std::vector<std::int64_t>& consenting,
                                   const AdvisorCatalog& catalog, const Publication& publication);

}  // namespace kiosk::advisors
