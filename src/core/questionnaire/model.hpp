// The in-memory form of a questionnaire (format version 1, documented in questionnaires/README.md).
// Loaded from TOML by the loader; every element remembers where it came from so that problems
// can be reported as file:line:column.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/diagnostic.hpp"
#include "util/text.hpp"

namespace kiosk::questionnaire {

enum class Kind { FacilityProfile, SecurityMeasures, StaffSkills, Exercise, Sample };
enum class QuestionType { SingleChoice, MultiChoice, YesNo, Level, Number, Date, Text };
enum class ConditionOp { Equals, NotEquals, In, NotIn, Contains, Gt, Ge, Lt, Le, Answered, Unanswered };

std::optional<Kind> parseKind(std::string_view s);
std::string_view kindName(Kind kind);
std::optional<QuestionType> parseQuestionType(std::string_view s);
std::string_view questionTypeName(QuestionType type);
std::optional<ConditionOp> parseConditionOp(std::string_view s);
std::string_view conditionOpName(ConditionOp op);

// Answers given for the yes/no type; fixed so that conditions can name them.
inline constexpr std::string_view kYes = "yes";
inline constexpr std::string_view kNo = "no";
inline constexpr std::string_view kUnknown = "unknown";
inline constexpr std::string_view kNotApplicable = "not_applicable";

inline constexpr int kMaxLevel = 4;

struct Option {
    std::string id;
    LocalizedText label;
    std::optional<double> score;  // 0–100; absent only for not-applicable options
    bool unknown = false;          // "I don't know": scored as not in place, reported as a to-do
    bool notApplicable = false;    // left out of the denominator
    bool best = false;             // exercises: the best decision
    LocalizedText explanation;     // exercises: shown after the decision
    SourcePos pos;
};

// A show-if condition: either a group (all / any of its children) or a test on one earlier answer.
struct Condition {
    enum class Kind { All, Any, Test };
    Kind kind = Kind::Test;
    std::vector<Condition> children;

    std::string question;
    ConditionOp op = ConditionOp::Answered;
    std::vector<std::string> ids;  // option ids for equals / not_equals / in / not_in / contains
    std::optional<double> number;  // for comparisons with number and level answers
    SourcePos pos;
};

struct Question {
    std::string id;
    std::string section;
    QuestionType type = QuestionType::SingleChoice;
    LocalizedText text;
    LocalizedText help;
    LocalizedText context;
    // Measures: what to do so that the measure is in place, one imperative sentence; the results
    // list a gap by this rather than by the question.
    LocalizedText action;
    // Exercises: the learning objective this decision practises, 1 for the questionnaire's first.
    int objective = 0;
    bool required = true;
    double weight = 1.0;
    std::vector<std::string> references;
    std::vector<Option> options;  // resolved from `scale` when one is named; built in for yes/no

    // number
    double min = 0;
    double max = 0;
    bool integer = false;
    // Number questions whose answers this one should not exceed ("people with both" at most
    // "people with either"): a higher answer is accepted but pointed out where it is typed.
    struct Bound {
        std::string question;
        SourcePos pos;
    };
    std::vector<Bound> atMost;
    LocalizedText unit;
    // text
    int maxLength = 500;

    std::optional<Condition> showIf;

    // Descriptive fields of measures and skills.
    std::string domain;
    std::string csf;
    std::string guideline;
    std::string guidelineSection;
    std::string checklist;
    std::string minTier;
    bool critical = false;
    // Asked for context only: no rule reads it, and the screen says so (facility profile).
    bool informational = false;

    SourcePos pos;

    const Option* findOption(std::string_view optionId) const;
    bool isChoice() const {
        return type == QuestionType::SingleChoice || type == QuestionType::MultiChoice ||
               type == QuestionType::YesNo;
    }
};

struct Section {
    std::string id;
    LocalizedText title;
    LocalizedText description;
    SourcePos pos;
};

struct Questionnaire {
    std::string id;
    std::string version;
    Kind kind = Kind::Sample;
    LocalizedText title;
    LocalizedText description;
    // exercises
    int durationMinutes = 0;
    std::vector<LocalizedText> objectives;
    LocalizedText scenario;

    std::vector<Section> sections;
    std::vector<Question> questions;

    std::string file;         // where it was loaded from (for messages)
    std::string contentHash;  // SHA-256 of the file's bytes, hex
    std::string source;       // the file's text, stored with each assessment

    const Question* findQuestion(std::string_view questionId) const;
    int indexOf(std::string_view questionId) const;  // -1 when absent
    const Section* findSection(std::string_view sectionId) const;
};

// Appends every text of the questionnaire a person can see, in both languages (for building
// the font's glyph set).
void collectText(const Questionnaire& questionnaire, std::string& out);

// The built-in labels of the yes/no and level types.
const std::vector<Option>& yesNoOptions();
const LocalizedText& levelLabel(int level);

}  // namespace kiosk::questionnaire
