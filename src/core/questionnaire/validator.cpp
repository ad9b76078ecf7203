// Cross-reference validation of questionnaires. Every check reports where the author has to look
// and what to change.
#include "questionnaire/validator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace kiosk::questionnaire {
namespace {

template <std::size_t N>
bool oneOf(std::string_view value, const std::string_view (&allowed)[N]) {
    return std::find(std::begin(allowed), std::end(allowed), value) != std::end(allowed);
}

template <std::size_t N>
std::string listOf(const std::string_view (&allowed)[N]) {
    std::string out;
    for (auto a : allowed) out += (out.empty() ? "" : ", ") + std::string(a);
    return out;
}

class Validator {
public:
    Validator(const Questionnaire& q, const LoadContext& context, Diagnostics& diagnostics)
        : m_q(q), m_context(context), m_diagnostics(diagnostics) {}

    void run() {
        checkSections();
        std::map<std::string, int> questionIndex;
        for (std::size_t i = 0; i < m_q.questions.size(); ++i) {
            const Question& question = m_q.questions[i];
            if (!question.id.empty()) {
                auto [it, inserted] = questionIndex.emplace(question.id, static_cast<int>(i));
                if (!inserted)
                    error(question.pos, fmt::format("question id '{}' is used twice (first at line {})", question.id,
                                                    m_q.questions[static_cast<std::size_t>(it->second)].pos.line));
            }
            checkQuestion(question, static_cast<int>(i));
        }
        checkSectionsUsed();
    }

private:
    void error(SourcePos pos, std::string message) { m_diagnostics.push_back({m_q.file, pos, std::move(message)}); }

    void checkSections() {
        std::set<std::string> seen;
        for (const Section& s : m_q.sections)
            if (!s.id.empty() && !seen.insert(s.id).second) error(s.pos, fmt::format("section id '{}' is used twice", s.id));
    }

    void checkSectionsUsed() {
        for (const Section& s : m_q.sections) {
            const bool used = std::any_of(m_q.questions.begin(), m_q.questions.end(), [&](const Question& q) { return q.section == s.id; });
            if (!used && !s.id.empty()) error(s.pos, fmt::format("section '{}' has no questions; remove it or add questions", s.id));
        }
    }

    void checkQuestion(const Question& q, int index) {
        if (!q.section.empty() && !m_q.findSection(q.section))
            error(q.pos, fmt::format("question '{}' is in section '{}', which is not defined in [[sections]]", q.id, q.section));

        std::set<std::string> optionIds;
        for (const Option& o : q.options) {
            if (!o.id.empty() && !optionIds.insert(o.id).second)
                error(o.pos, fmt::format("option id '{}' is used twice in question '{}'", o.id, q.id));
        }
        if (q.type == QuestionType::MultiChoice) {
            for (const Option& o : q.options)
                if (o.unknown || o.notApplicable)
                    error(o.pos, fmt::format("option '{}' of multi-choice question '{}' cannot be unknown or not_applicable", o.id, q.id));
        }

        if (q.showIf) checkCondition(*q.showIf, q, index);
        for (const auto& bound : q.atMost) {
            const int target = m_q.indexOf(bound.question);
            if (target < 0) error(bound.pos, fmt::format("the at_most of '{}' names '{}', which does not exist", q.id, bound.question));
            else if (target == index) error(bound.pos, fmt::format("the at_most of '{}' names the question itself", q.id));
            else if (m_q.questions[static_cast<std::size_t>(target)].type != QuestionType::Number)
                error(bound.pos, fmt::format("the at_most of '{}' names '{}', which is not a number question", q.id, bound.question));
        }
        checkKindRules(q);
        checkDescriptiveFields(q);
    }

    void checkCondition(const Condition& c, const Question& owner, int ownerIndex) {
        if (c.kind != Condition::Kind::Test) {
            for (const Condition& child : c.children) checkCondition(child, owner, ownerIndex);
            return;
        }
        if (c.question.empty()) return;  // already reported by the loader
        const int target = m_q.indexOf(c.question);
        if (target < 0) {
            error(c.pos, fmt::format("the show_if of '{}' refers to question '{}', which does not exist", owner.id, c.question));
            return;
        }
        if (target == ownerIndex) {
            error(c.pos, fmt::format("the show_if of '{}' refers to the question itself; a condition can only depend on "
                                     "earlier answers",
                                     owner.id));
            return;
        }
        const Question& ref = m_q.questions[static_cast<std::size_t>(target)];
        if (target > ownerIndex) {
            error(c.pos, fmt::format("the show_if of '{}' refers forward to '{}' (line {}); conditions may only look at "
                                     "earlier questions, which also rules out cycles. Move '{}' before '{}'",
                                     owner.id, ref.id, ref.pos.line, ref.id, owner.id));
            return;
        }
        checkOperator(c, owner, ref);
    }

    void checkOperator(const Condition& c, const Question& owner, const Question& ref) {
        checkConditionOperator(c, fmt::format("the show_if of '{}'", owner.id), ref, m_q.file, m_diagnostics);
    }

    void checkKindRules(const Question& q) {
        if (m_q.kind == Kind::Exercise) {
            if (q.type != QuestionType::SingleChoice) {
                error(q.pos, fmt::format("decision '{}' of an exercise must be single_choice", q.id));
                return;
            }
            const auto best = std::count_if(q.options.begin(), q.options.end(), [](const Option& o) { return o.best; });
            if (best != 1)
                error(q.pos, fmt::format("decision '{}' has {} options marked best = true; an exercise decision needs exactly one",
                                         q.id, best));
            if (q.objective < 1 || q.objective > static_cast<int>(m_q.objectives.size()))
                error(q.pos, fmt::format("decision '{}' needs objective = N, the number of the learning objective it practises "
                                         "(1 to {})",
                                         q.id, m_q.objectives.size()));
        } else {
            if (q.objective != 0) error(q.pos, fmt::format("question '{}' has an objective, which is only for exercise decisions", q.id));
            for (const Option& o : q.options)
                if (o.best) error(o.pos, fmt::format("option '{}' is marked best, which is only for exercises", o.id));
        }
        if (m_q.kind == Kind::SecurityMeasures) {
            const auto where = fmt::format("measure '{}'", q.id);
            if (q.domain.empty()) error(q.pos, fmt::format("{} needs a domain", where));
            if (q.csf.empty()) error(q.pos, fmt::format("{} needs csf ({})", where, listOf(kCsfFunctions)));
            if (q.guideline.empty()) error(q.pos, fmt::format("{} needs guideline ({})", where, listOf(kGuidelineParts)));
            if (q.minTier.empty()) error(q.pos, fmt::format("{} needs min_tier ({})", where, listOf(kTierIds)));
            // Half an action (ja without en) is reported by the loader where it is written.
            if (q.action.empty())
                error(q.pos, fmt::format("{} needs an action: what to do so that it is in place "
                                         "(action = {{ ja = \"…\", en = \"…\" }})",
                                         where));
        }
        if (m_q.kind == Kind::StaffSkills && q.type == QuestionType::Level && q.domain.empty())
            error(q.pos, fmt::format("skill '{}' needs a domain so that it can be compared with the measures", q.id));
    }

    void checkDescriptiveFields(const Question& q) {
        if (!q.domain.empty() && m_context.domainsLoaded) {
            const bool known = std::any_of(m_context.domains.begin(), m_context.domains.end(), [&](const Domain& d) { return d.id == q.domain; });
            if (!known) error(q.pos, fmt::format("question '{}' names domain '{}', which is not in domains.toml", q.id, q.domain));
        }
        if (!q.csf.empty() && !oneOf(q.csf, kCsfFunctions))
            error(q.pos, fmt::format("question '{}' has csf '{}'; use one of {}", q.id, q.csf, listOf(kCsfFunctions)));
        if (!q.guideline.empty() && !oneOf(q.guideline, kGuidelineParts))
            error(q.pos, fmt::format("question '{}' has guideline '{}'; use one of {}", q.id, q.guideline, listOf(kGuidelineParts)));
        if (!q.minTier.empty() && !oneOf(q.minTier, kTierIds))
            error(q.pos, fmt::format("question '{}' has min_tier '{}', which is not a tier; use one of {}", q.id, q.minTier,
                                     listOf(kTierIds)));
    }

    const Questionnaire& m_q;
    const LoadContext& m_context;
    Diagnostics& m_diagnostics;
};

}  // namespace

void checkConditionOperator(const Condition& c, const std::string& where, const Question& ref, const std::string& file,
                            Diagnostics& diagnostics) {
    const auto add = [&](std::string message) { diagnostics.push_back({file, c.pos, std::move(message)}); };
    const auto op = c.op;
    const auto opName = conditionOpName(op);
    const bool singleChoice = ref.type == QuestionType::SingleChoice || ref.type == QuestionType::YesNo;
    const bool numeric = ref.type == QuestionType::Number || ref.type == QuestionType::Level;
    const auto mismatch = [&](std::string_view expected) {
        add(fmt::format("{} uses op '{}' on '{}', a {} question; '{}' works only with {}", where, opName, ref.id,
                        questionTypeName(ref.type), opName, expected));
    };
    const auto checkIds = [&] {
        for (const auto& id : c.ids)
            if (!ref.findOption(id)) add(fmt::format("{} names option '{}', which question '{}' does not have", where, id, ref.id));
    };
    const bool hasValue = c.number || !c.ids.empty();
    if (!hasValue && op != ConditionOp::Answered && op != ConditionOp::Unanswered) return;  // the loader reported it
    switch (op) {
    case ConditionOp::Answered:
    case ConditionOp::Unanswered:
        return;
    case ConditionOp::Equals:
    case ConditionOp::NotEquals:
        if (c.number) {
            if (!numeric) mismatch("number and level questions when the value is a number");
        } else if (!singleChoice) {
            mismatch("single-choice and yes/no questions when the value is an option id");
        } else if (c.ids.size() != 1) {
            add(fmt::format("op '{}' in {} takes one option id; use 'in' for a list", opName, where));
        } else {
            checkIds();
        }
        return;
    case ConditionOp::In:
    case ConditionOp::NotIn:
        if (!singleChoice) mismatch("single-choice and yes/no questions");
        else if (c.ids.empty()) add(fmt::format("op '{}' in {} needs an array of option ids", opName, where));
        else checkIds();
        return;
    case ConditionOp::Contains:
        if (ref.type != QuestionType::MultiChoice) mismatch("multi-choice questions");
        else if (c.ids.size() != 1) add(fmt::format("op 'contains' in {} takes one option id", where));
        else checkIds();
        return;
    case ConditionOp::Gt:
    case ConditionOp::Ge:
    case ConditionOp::Lt:
    case ConditionOp::Le:
        if (!numeric) mismatch("number and level questions");
        else if (!c.number) add(fmt::format("op '{}' in {} needs a number as value", opName, where));
        return;
    }
}

void checkConditionAgainst(const Condition& c, const Questionnaire& target, const std::string& where, const std::string& file,
                           Diagnostics& diagnostics) {
    if (c.kind != Condition::Kind::Test) {
        for (const auto& child : c.children) checkConditionAgainst(child, target, where, file, diagnostics);
        return;
    }
    if (c.question.empty()) return;
    const auto* ref = target.findQuestion(c.question);
    if (!ref) {
        diagnostics.push_back({file, c.pos, fmt::format("{} refers to question '{}', which {} does not have", where, c.question, target.id)});
        return;
    }
    checkConditionOperator(c, where, *ref, file, diagnostics);
}

void validate(const Questionnaire& questionnaire, const LoadContext& context, Diagnostics& diagnostics) {
    Validator(questionnaire, context, diagnostics).run();
}

}  // namespace kiosk::questionnaire
