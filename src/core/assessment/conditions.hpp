// Evaluation of show-if conditions (and of any rule written in the same grammar) against answers.
#pragma once

#include <functional>
#include <string_view>

#include "assessment/answer.hpp"
#include "questionnaire/model.hpp"

namespace kiosk::assessment {

// Finds the answer to a question, or nullptr when it has none (or is hidden).
using AnswerLookup = std::function<const Answer*(std::string_view questionId)>;

// A test on a missing or skipped answer is false, except `unanswered`, which is then true.
bool conditionHolds(const questionnaire::Condition& condition, const AnswerLookup& lookup);

}  // namespace kiosk::assessment
