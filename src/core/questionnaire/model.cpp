// Names of the enumerations as they appear in TOML, and the built-in option sets.
#include "questionnaire/model.hpp"

#include <array>
#include <utility>

namespace kiosk::questionnaire {
namespace {

template <typename E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<std::string_view, E>, N>& table, std::string_view s) {
    for (const auto& [name, value] : table)
        if (name == s) return value;
    return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<std::string_view, E>, N>& table, E e) {
    for (const auto& [name, value] : table)
        if (value == e) return name;
    return "?";
}

constexpr std::array<std::pair<std::string_view, Kind>, 5> kKinds{{
    {"facility_profile", Kind::FacilityProfile},
    {"security_measures", Kind::SecurityMeasures},
    {"staff_skills", Kind::StaffSkills},
    {"exercise", Kind::Exercise},
    {"sample", Kind::Sample},
}};

constexpr std::array<std::pair<std::string_view, QuestionType>, 7> kTypes{{
    {"single_choice", QuestionType::SingleChoice},
    {"multi_choice", QuestionType::MultiChoice},
    {"yes_no", QuestionType::YesNo},
    {"level", QuestionType::Level},
    {"number", QuestionType::Number},
    {"date", QuestionType::Date},
    {"text", QuestionType::Text},
}};

constexpr std::array<std::pair<std::string_view, ConditionOp>, 11> kOps{{
    {"equals", ConditionOp::Equals},
    {"not_equals", ConditionOp::NotEquals},
    {"in", ConditionOp::In},
    {"not_in", ConditionOp::NotIn},
    {"contains", ConditionOp::Contains},
    {"gt", ConditionOp::Gt},
    {"ge", ConditionOp::Ge},
    {"lt", ConditionOp::Lt},
    {"le", ConditionOp::Le},
    {"answered", ConditionOp::Answered},
    {"unanswered", ConditionOp::Unanswered},
}};

}  // namespace

std::optional<Kind> parseKind(std::string_view s) { return lookup(kKinds, s); }
std::string_view kindName(Kind kind) { return nameOf(kKinds, kind); }
std::optional<QuestionType> parseQuestionType(std::string_view s) { return lookup(kTypes, s); }
std::string_view questionTypeName(QuestionType type) { return nameOf(kTypes, type); }
std::optional<ConditionOp> parseConditionOp(std::string_view s) { return lookup(kOps, s); }
std::string_view conditionOpName(ConditionOp op) { return nameOf(kOps, op); }

const Option* Question::findOption(std::string_view optionId) const {
    for (const auto& option : options)
        if (option.id == optionId) return &option;
    return nullptr;
}

const Question* Questionnaire::findQuestion(std::string_view questionId) const {
    const int i = indexOf(questionId);
    return i < 0 ? nullptr : &questions[static_cast<std::size_t>(i)];
}

int Questionnaire::indexOf(std::string_view questionId) const {
    for (std::size_t i = 0; i < questions.size(); ++i)
        if (questions[i].id == questionId) return static_cast<int>(i);
    return -1;
}

const Section* Questionnaire::findSection(std::string_view sectionId) const {
    for (const auto& section : sections)
        if (section.id == sectionId) return &section;
    return nullptr;
}

void collectText(const Questionnaire& q, std::string& out) {
    const auto add = [&](const LocalizedText& t) {
        out += t.ja;
        out += t.en;
    };
    add(q.title), add(q.description), add(q.scenario);
    for (const auto& o : q.objectives) add(o);
    for (const auto& s : q.sections) add(s.title), add(s.description);
    for (const auto& question : q.questions) {
        add(question.text), add(question.help), add(question.context), add(question.action), add(question.unit);
        for (const auto& r : question.references) out += r;
        for (const auto& o : question.options) add(o.label), add(o.explanation);
    }
    for (int level = 0; level <= kMaxLevel; ++level) add(levelLabel(level));
}

const std::vector<Option>& yesNoOptions() {
    static const std::vector<Option> options = [] {
        std::vector<Option> o(4);
        o[0].id = kYes, o[0].label = {"はい", "Yes"}, o[0].score = 100;
        o[1].id = kNo, o[1].label = {"いいえ", "No"}, o[1].score = 0;
        o[2].id = kUnknown, o[2].label = {"わからない", "Don't know"}, o[2].score = 0, o[2].unknown = true;
        o[3].id = kNotApplicable, o[3].label = {"該当しない", "Not applicable"}, o[3].notApplicable = true;
        return o;
    }();
    return options;
}

const LocalizedText& levelLabel(int level) {
    static const std::array<LocalizedText, kMaxLevel + 1> labels{{
        {"0 未経験", "0 No experience"},
        {"1 知識がある", "1 Knows about it"},
        {"2 支援があればできる", "2 Can do it with support"},
        {"3 一人でできる", "3 Can do it alone"},
        {"4 指導できる", "4 Can teach others"},
    }};
    if (level < 0) level = 0;
    if (level > kMaxLevel) level = kMaxLevel;
    return labels[static_cast<std::size_t>(level)];
}

}  // namespace kiosk::questionnaire
