// Cross-reference checks of a questionnaire read by the loader: unique ids, known sections,
// domains and tiers, show-if conditions that look only backwards, and the rules of each kind.
#pragma once

#include "questionnaire/loader.hpp"
#include "questionnaire/model.hpp"

namespace kiosk::questionnaire {

// Appends one diagnostic per problem found (all of them, not only the first).
void validate(const Questionnaire& questionnaire, const LoadContext& context, Diagnostics& diagnostics);

inline constexpr std::string_view kTierIds[] = {"supported", "self_reliant", "leading"};
inline constexpr std::string_view kCsfFunctions[] = {"GV", "ID", "PR", "DE", "RS", "RC"};
inline constexpr std::string_view kGuidelineParts[] = {"management", "planning", "operation"};

}  // namespace kiosk::questionnaire
