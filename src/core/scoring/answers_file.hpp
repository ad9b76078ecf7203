// Answers given as a JSON file (for `medsec-kiosk score --answers`, for scenario tests, and for
// facilities that keep their answers elsewhere):
//   { "profile":  { "<question id>": <answer>, … },
//     "measures": { "<question id>": <answer>, … },
//     "default_measure": "<option id>",            (optional: for measures not listed)
//     "staffing": { "knowledge": N, "security": N, "both": N, "duty_holders": N } }  (optional)
// An answer is an option id (string), a list of option ids (multi-choice), a number, or a text.
// Every error names the field, e.g. `measures.gov_safety_officer: "maybe" is not an option …`.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "assessment/session.hpp"
#include "questionnaire/loader.hpp"
#include "scoring/result.hpp"
#include "util/result.hpp"

namespace kiosk::scoring {

struct AnswersFile {
    std::unique_ptr<assessment::Session> profile;
    std::unique_ptr<assessment::Session> measures;
    std::optional<Staffing> staffing;
};

Result<AnswersFile> parseAnswersFile(const std::string& json, const questionnaire::Catalog& catalog);

}  // namespace kiosk::scoring
