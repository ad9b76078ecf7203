// Answers kept outside the kiosk (a JSON answers file, as for `score --answers`) stored as the
// kiosk would have stored them: a completed facility profile and security-measures assessment,
// each answer saved and audited as at the kiosk, and the measures scored with the profile and
// stored. For `medsec-kiosk record`, and for tests and benchmarks that need scored assessments.
#pragma once

#include <string>

#include "scoring/answers_file.hpp"
#include "scoring/policy.hpp"
#include "scoring/result.hpp"
#include "skills/service.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::scoring {

struct Recorded {
    std::string profile;   // the facility profile's assessment id
    std::string measures;  // the security-measures assessment's id
    FacilityResult result;
};

// Stores both assessments and the result in one transaction: all of it or nothing. Refuses a file
// whose profile or measures leave a required question unanswered, naming it. The file's staffing
// and people are not stored: the result's staffing comes from the profile's counts, or from the
// skill matrix when `matrix` is given and has people, as at the kiosk.
Result<Recorded> recordAnswers(store::Database& db, const questionnaire::Catalog& catalog, const Policy& policy, const AnswersFile& file,
                               Lang lang, store::AuditLog* audit, skills::SkillService* matrix = nullptr);

}  // namespace kiosk::scoring
