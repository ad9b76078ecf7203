// Reading answers from JSON, with messages that name the field at fault.
#include "scoring/answers_file.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "util/json.hpp"

namespace kiosk::scoring {
namespace {

constexpr std::int64_t kMaxStaffCount = 100000;  // more people than any hospital employs

using assessment::Answer;
using nlohmann::json;
using questionnaire::Question;
using questionnaire::QuestionType;

std::string optionList(const Question& q) {
    std::string out;
    for (const auto& o : q.options) out += (out.empty() ? "" : ", ") + o.id;
    return out;
}

Result<Answer> toAnswer(const Question& q, const json& value, const std::string& field) {
    Answer a;
    switch (q.type) {
    case QuestionType::SingleChoice:
    case QuestionType::YesNo:
        if (!value.is_string()) return Error{fmt::format("{}: expected an option id as a string ({})", field, optionList(q))};
        a = Answer::option(value.get<std::string>());
        break;
    case QuestionType::MultiChoice:
        if (!value.is_array()) return Error{fmt::format("{}: expected a list of option ids ({})", field, optionList(q))};
        for (const auto& v : value) {
            if (!v.is_string()) return Error{fmt::format("{}: every entry must be an option id ({})", field, optionList(q))};
            a.choices.push_back(v.get<std::string>());
        }
        break;
    case QuestionType::Level:
    case QuestionType::Number:
        if (!value.is_number()) return Error{fmt::format("{}: expected a number, got {}", field, value.dump())};
        a = Answer::value(value.get<double>());
        break;
    case QuestionType::Date:
    case QuestionType::Text:
        if (!value.is_string()) return Error{fmt::format("{}: expected a string, got {}", field, value.dump())};
        a = Answer::words(value.get<std::string>());
        break;
    }
    if (auto s = assessment::checkAnswer(q, a); !s) {
        if (q.isChoice()) return Error{fmt::format("{}: {} is not an option; use one of: {}", field, value.dump(), optionList(q))};
        return Error{fmt::format("{}: {}", field, s.error())};
    }
    return a;
}

Result<std::unique_ptr<assessment::Session>> readSection(const json& root, const char* key, const questionnaire::Questionnaire& q,
                                                         const json* defaultAnswer) {
    if (!root.contains(key)) return Error{fmt::format("{}: missing (an object of answers to {})", key, q.id)};
    const json& answers = root.at(key);
    if (!answers.is_object()) return Error{fmt::format("{}: expected an object of question id → answer", key)};
    assessment::AnswerMap map;
    for (const auto& [id, value] : answers.items()) {
        const std::string field = fmt::format("{}.{}", key, id);
        const auto* question = q.findQuestion(id);
        if (!question) return Error{fmt::format("{}: no such question in {}", field, q.id)};
        auto answer = toAnswer(*question, value, field);
        if (!answer) return Error{answer.error()};
        map.emplace(id, std::move(*answer));
    }
    if (defaultAnswer) {
        for (const auto& question : q.questions) {
            if (map.count(question.id)) continue;
            auto answer = toAnswer(question, *defaultAnswer, "default_measure");
            if (!answer) return Error{answer.error()};
            map.emplace(question.id, std::move(*answer));
        }
    }
    auto shared = std::make_shared<const questionnaire::Questionnaire>(q);
    return std::make_unique<assessment::Session>(shared, std::move(map));
}

}  // namespace

Result<AnswersFile> parseAnswersFile(const std::string& text, const questionnaire::Catalog& catalog) {
    auto parsed = parseJsonStrict(text);
    if (!parsed) return Error{parsed.error()};
    const json root = std::move(*parsed);
    if (!root.is_object()) return Error{"expected a JSON object with \"profile\" and \"measures\""};
    for (const auto& [key, value] : root.items()) {
        if (key != "profile" && key != "measures" && key != "default_measure" && key != "staffing")
            return Error{fmt::format("{}: unknown field (expected profile, measures, default_measure, staffing)", key)};
    }
    const auto* profileQ = catalog.find("facility_profile");
    const auto* measuresQ = catalog.find("security_measures");
    if (!profileQ || !measuresQ) return Error{"the questionnaires facility_profile and security_measures are not loaded"};

    AnswersFile out;
    auto profile = readSection(root, "profile", *profileQ, nullptr);
    if (!profile) return Error{profile.error()};
    out.profile = std::move(*profile);
    const json* defaultMeasure = root.contains("default_measure") ? &root.at("default_measure") : nullptr;
    auto measures = readSection(root, "measures", *measuresQ, defaultMeasure);
    if (!measures) return Error{measures.error()};
    out.measures = std::move(*measures);

    if (root.contains("staffing")) {
        const json& s = root.at("staffing");
        if (!s.is_object()) return Error{"staffing: expected an object with knowledge, security, both, duty_holders"};
        Staffing staffing;
        staffing.source = "answers_file";
        for (auto [name, target] : {std::pair<const char*, int*>{"knowledge", &staffing.knowledge}, {"security", &staffing.security},
                                    {"both", &staffing.both}, {"duty_holders", &staffing.dutyHolders}}) {
            if (!s.contains(name)) return Error{fmt::format("staffing.{}: missing", name)};
            const json& v = s.at(name);
            const auto count = jsonInteger(v, 0, kMaxStaffCount);
            if (!count) return Error{fmt::format("staffing.{}: expected a whole number from 0 to {}, got {}", name, kMaxStaffCount, v.dump())};
            *target = static_cast<int>(*count);
        }
        // Everyone counted in both is also counted in knowledge and in security.
        if (staffing.both > staffing.knowledge || staffing.both > staffing.security)
            return Error{fmt::format("staffing.both: {} people with both cannot be more than knowledge ({}) or security ({})", staffing.both,
                                     staffing.knowledge, staffing.security)};
        for (const auto& [key, value] : s.items())
            if (key != "knowledge" && key != "security" && key != "both" && key != "duty_holders")
                return Error{fmt::format("staffing.{}: unknown field", key)};
        out.staffing = staffing;
    }
    return out;
}

}  // namespace kiosk::scoring
