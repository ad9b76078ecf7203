// Answers given as a JSON file (for `medsec-kiosk score --answers`, for scenario tests, and for
// facilities that keep their answers elsewhere):
//   { "profile":  { "<question id>": <answer>, … },
//     "measures": { "<question id>": <answer>, … },
//     "default_measure": "<option id>",            (optional: for measures not listed)
//     "staffing": { "knowledge": N, "security": N, "both": N, "duty_holders": N },  (optional)
//     "people": [ { "name": "…", "role": "<role id>", "department": "…", "employment": "full_time",
//                   "experience_years": N, "healthcare_course": true,
//                   "qualifications": [ { "id": "rissa", "obtained": "YYYY-MM-DD",
//                                         "renewal_due": "YYYY-MM-DD", "registered": true } ],
//                   "levels": { "<skill id>": 0–4 } } ],       (optional, instead of staffing:
//                                                                the skill matrix as it would hold them)
//     "as_of": "YYYY-MM-DD" }                  (optional: the day people's qualifications are judged on)
// An answer is an option id (string), a list of option ids (multi-choice), a number, or a text.
// Every error names the field, e.g. `measures.gov_safety_officer: "maybe" is not an option …`.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "assessment/session.hpp"
#include "questionnaire/loader.hpp"
#include "scoring/engine.hpp"
#include "scoring/result.hpp"
#include "skills/catalog.hpp"
#include "skills/model.hpp"
#include "util/result.hpp"

namespace kiosk::scoring {

struct AnswersFile {
    std::unique_ptr<assessment::Session> profile;
    std::unique_ptr<assessment::Session> measures;
    std::optional<Staffing> staffing;
    std::vector<skills::Person> people;  // when given, staffing comes from them as from the skill matrix
    std::optional<skills::Date> asOf;
};

// `skills` is needed only to read "people" (roles, qualifications and skills are checked against it).
Result<AnswersFile> parseAnswersFile(const std::string& json, const questionnaire::Catalog& catalog,
                                     const skills::SkillCatalog* skills = nullptr);

// The engine's input for a parsed file: staffing as given, or from its people on its as_of date
// (today when absent). The file must outlive the input.
FacilityInput facilityInput(const AnswersFile& file, const skills::SkillCatalog* skills);

}  // namespace kiosk::scoring
