// Cross-reference checks of a questionnaire read by the loader: unique ids, known sections,
// domains and tiers, show-if conditions that look only backwards, and the rules of each kind.
#pragma once

#include "questionnaire/loader.hpp"
#include "questionnaire/model.hpp"

namespace kiosk::questionnaire {

// Appends one diagnostic per problem found (all of them, not only the first).
void validate(const Questionnaire& questionnaire, const LoadContext& context, Diagnostics& diagnostics);

// Checks that a condition's operator and value fit the question it tests (`where` names the
// condition in messages, e.g. "the show_if of 'beds'").
void checkConditionOperator(const Condition& condition, const std::string& where, const Question& tested,
                            const std::string& file, Diagnostics& diagnostics);

// Checks a condition written in another file against the questionnaire whose answers it reads
// (tier rules read the facility profile): every question exists and every test fits.
void checkConditionAgainst(const Condition& condition, const Questionnaire& target, const std::string& where,
                           const std::string& file, Diagnostics& diagnostics);

inline constexpr std::string_view kTierIds[] = {"supported", "self_reliant", "leading"};
inline constexpr std::string_view kCsfFunctions[] = {"GV", "ID", "PR", "DE", "RS", "RC"};
inline constexpr std::string_view kGuidelineParts[] = {"management", "planning", "operation"};

}  // namespace kiosk::questionnaire
