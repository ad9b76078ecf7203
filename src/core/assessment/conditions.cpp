// Show-if evaluation.
#include "assessment/conditions.hpp"

#include <algorithm>

namespace kiosk::assessment {

using questionnaire::Condition;
using questionnaire::ConditionOp;

bool conditionHolds(const Condition& c, const AnswerLookup& lookup) {
    switch (c.kind) {
    case Condition::Kind::All:
        return std::all_of(c.children.begin(), c.children.end(), [&](const Condition& child) { return conditionHolds(child, lookup); });
    case Condition::Kind::Any:
        return std::any_of(c.children.begin(), c.children.end(), [&](const Condition& child) { return conditionHolds(child, lookup); });
    case Condition::Kind::Test:
        break;
    }

    const Answer* a = lookup(c.question);
    const bool answered = a && !a->skipped;
    if (c.op == ConditionOp::Answered) return answered;
    if (c.op == ConditionOp::Unanswered) return !answered;
    if (!answered) return false;

    const auto hasId = [&](std::string_view id) { return std::find(c.ids.begin(), c.ids.end(), id) != c.ids.end(); };
    switch (c.op) {
    case ConditionOp::Equals:
        if (c.number) return a->number && *a->number == *c.number;
        return !c.ids.empty() && a->choice == c.ids.front();
    case ConditionOp::NotEquals:
        if (c.number) return a->number && *a->number != *c.number;
        return !c.ids.empty() && a->choice != c.ids.front();
    case ConditionOp::In:
        return hasId(a->choice);
    case ConditionOp::NotIn:
        return !hasId(a->choice);
    case ConditionOp::Contains:
        return !c.ids.empty() && std::find(a->choices.begin(), a->choices.end(), c.ids.front()) != a->choices.end();
    case ConditionOp::Gt:
        return c.number && a->number && *a->number > *c.number;
    case ConditionOp::Ge:
        return c.number && a->number && *a->number >= *c.number;
    case ConditionOp::Lt:
        return c.number && a->number && *a->number < *c.number;
    case ConditionOp::Le:
        return c.number && a->number && *a->number <= *c.number;
    case ConditionOp::Answered:
    case ConditionOp::Unanswered:
        break;
    }
    return false;
}

}  // namespace kiosk::assessment
