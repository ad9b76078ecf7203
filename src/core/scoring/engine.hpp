// The scoring engine: from a facility's profile and security-measures answers (and, when the
// skill matrix supplies it, its staffing) to scores, expected and achieved tier, the decision on
// external advisors, the routes and the in-house actions, each with its explanation.
#pragma once

#include <functional>
#include <optional>

#include "assessment/session.hpp"
#include "questionnaire/model.hpp"
#include "scoring/policy.hpp"
#include "scoring/result.hpp"

namespace kiosk::scoring {

struct FacilityInput {
    const assessment::Session* profile = nullptr;   // the facility profile, answered
    const assessment::Session* measures = nullptr;  // the security measures, answered
    // People, when something better than the profile's counts knows them.
    std::optional<Staffing> staffing = std::nullopt;
    // The skill matrix: staffing at the target level of the facility's expected tier (known only
    // once the tier is); nothing when the matrix is empty. Used when `staffing` is not given.
    std::function<std::optional<Staffing>(std::string_view expectedTier)> staffingForTier = nullptr;
};

// Staffing as the profile's answers give it (staff_knowledge_count, staff_security_count,
// staff_both_count, security_duty_holders); unanswered counts are 0.
Staffing staffingFromProfile(const assessment::Session& profile);

// The facility-profile questions the engine itself reads (besides those the tier rules name).
const std::vector<std::string_view>& profileQuestionsRead();

// Pure: the same inputs always give the same result (computedAt is left empty for the caller).
FacilityResult evaluate(const Policy& policy, const questionnaire::Catalog& catalog, const FacilityInput& input);

// Fills result.change from the previous result of the same facility.
void compareWithPrevious(FacilityResult& result, const FacilityResult& previous);

}  // namespace kiosk::scoring
