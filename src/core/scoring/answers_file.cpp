// Reading answers from JSON, with messages that name the field at fault.
#include "scoring/answers_file.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "skills/service.hpp"
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

Result<skills::Person> readPerson(const json& j, const std::string& where, const skills::SkillCatalog& catalog) {
    if (!j.is_object()) return Error{fmt::format("{}: expected an object with name, role, qualifications, levels …", where)};
    static const std::vector<std::string> known{"name", "role", "department", "employment", "experience_years", "healthcare_course",
                                                "qualifications", "levels"};
    for (const auto& [key, value] : j.items())
        if (std::find(known.begin(), known.end(), key) == known.end())
            return Error{fmt::format("{}.{}: unknown field (expected {})", where, key, fmt::join(known, ", "))};
    const auto text = [&](const char* key, bool required) -> Result<std::string> {
        if (!j.contains(key)) return required ? Result<std::string>(Error{fmt::format("{}.{}: missing", where, key)}) : std::string();
        if (!j.at(key).is_string()) return Error{fmt::format("{}.{}: expected a string", where, key)};
        return j.at(key).get<std::string>();
    };
    skills::Person p;
    auto name = text("name", true);
    if (!name) return Error{name.error()};
    p.name = *name;
    if (p.name.empty()) return Error{fmt::format("{}.name: a name or pseudonym is required", where)};
    if (auto problem = skills::personTextProblem(p.name)) return Error{fmt::format("{}.name: the name {}", where, *problem)};
    auto role = text("role", true);
    if (!role) return Error{role.error()};
    if (!catalog.role(*role)) return Error{fmt::format("{}.role: '{}' is not a role of the staff checklist", where, *role)};
    p.role = *role;
    auto department = text("department", false);
    if (!department) return Error{department.error()};
    if (auto problem = skills::personTextProblem(*department)) return Error{fmt::format("{}.department: the department {}", where, *problem)};
    p.department = *department;
    auto employment = text("employment", false);
    if (!employment) return Error{employment.error()};
    if (!employment->empty()) {
        auto e = skills::parseEmployment(*employment);
        if (!e) return Error{fmt::format("{}.employment: '{}' is not full_time, part_time or external", where, *employment)};
        p.employment = *e;
    }
    skills::SkillSnapshot snapshot;
    snapshot.source = "import";
    if (j.contains("experience_years")) {
        const auto years = jsonInteger(j.at("experience_years"), 0, 60);
        if (!years) return Error{fmt::format("{}.experience_years: expected a whole number from 0 to 60", where)};
        snapshot.experienceYears = static_cast<int>(*years);
    }
    if (j.contains("healthcare_course")) {
        if (!j.at("healthcare_course").is_boolean()) return Error{fmt::format("{}.healthcare_course: expected true or false", where)};
        snapshot.healthcareCourse = j.at("healthcare_course").get<bool>();
    }
    if (j.contains("levels")) {
        if (!j.at("levels").is_object()) return Error{fmt::format("{}.levels: expected an object of skill id → level", where)};
        for (const auto& [skill, level] : j.at("levels").items()) {
            if (!catalog.skill(skill)) return Error{fmt::format("{}.levels.{}: not a skill of the staff checklist", where, skill)};
            const auto v = jsonInteger(level, 0, 4);
            if (!v) return Error{fmt::format("{}.levels.{}: expected a level from 0 to 4", where, skill)};
            snapshot.levels[skill] = static_cast<int>(*v);
        }
    }
    p.latest = snapshot;
    if (j.contains("qualifications")) {
        const json& list = j.at("qualifications");
        if (!list.is_array()) return Error{fmt::format("{}.qualifications: expected a list", where)};
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string at = fmt::format("{}.qualifications[{}]", where, i);
            const json& q = list[i];
            if (!q.is_object() || !q.contains("id") || !q.at("id").is_string())
                return Error{fmt::format("{}: expected an object with an id", at)};
            skills::QualificationRecord record{q.at("id").get<std::string>(), std::nullopt, std::nullopt, true};
            if (!catalog.policy.qualification(record.id))
                return Error{fmt::format("{}.id: '{}' is not in qualifications.toml", at, record.id)};
            if (p.qualification(record.id)) return Error{fmt::format("{}.id: '{}' is listed twice", at, record.id)};
            for (const auto& [key, value] : q.items()) {
                if (key == "id") continue;
                if (key == "obtained" || key == "renewal_due") {
                    const auto date = value.is_string() ? skills::parseDate(value.get<std::string>()) : std::nullopt;
                    if (!date) return Error{fmt::format("{}.{}: expected a date, YYYY-MM-DD", at, key)};
                    (key == "obtained" ? record.obtained : record.renewalDue) = *date;
                } else if (key == "registered") {
                    if (!value.is_boolean()) return Error{fmt::format("{}.registered: expected true or false", at)};
                    record.registered = value.get<bool>();
                } else {
                    return Error{fmt::format("{}.{}: unknown field (expected id, obtained, renewal_due, registered)", at, key)};
                }
            }
            p.qualifications.push_back(record);
        }
    }
    return p;
}

}  // namespace

FacilityInput facilityInput(const AnswersFile& file, const skills::SkillCatalog* catalog) {
    FacilityInput input{file.profile.get(), file.measures.get(), file.staffing};
    if (!file.people.empty() && catalog) {
        const skills::Date on = file.asOf.value_or(skills::today());
        input.staffingForTier = [&file, catalog, on](std::string_view tier) -> std::optional<Staffing> {
            return skills::staffingOf(file.people, *catalog, tier, on, "answers_file");
        };
    }
    return input;
}

Result<AnswersFile> parseAnswersFile(const std::string& text, const questionnaire::Catalog& catalog, const skills::SkillCatalog* skills) {
    auto parsed = parseJsonStrict(text);
    if (!parsed) return Error{parsed.error()};
    const json root = std::move(*parsed);
    if (!root.is_object()) return Error{"expected a JSON object with \"profile\" and \"measures\""};
    for (const auto& [key, value] : root.items()) {
        if (key != "profile" && key != "measures" && key != "default_measure" && key != "staffing" && key != "people" && key != "as_of")
            return Error{fmt::format("{}: unknown field (expected profile, measures, default_measure, staffing, people, as_of)", key)};
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
    if (root.contains("as_of")) {
        const json& v = root.at("as_of");
        out.asOf = v.is_string() ? skills::parseDate(v.get<std::string>()) : std::nullopt;
        if (!out.asOf) return Error{"as_of: expected a date, YYYY-MM-DD"};
    }
    if (root.contains("people")) {
        if (out.staffing) return Error{"people: give either staffing or people, not both"};
        if (!skills) return Error{"people: the qualifications catalogue is not loaded, so people cannot be read"};
        const json& list = root.at("people");
        if (!list.is_array()) return Error{"people: expected a list of people"};
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto person = readPerson(list[i], fmt::format("people[{}]", i), *skills);
            if (!person) return Error{person.error()};
            // People are told apart by their place in the list, as the matrix tells them apart by
            // id: two staff may share a name.
            person->id = static_cast<std::int64_t>(i + 1);
            out.people.push_back(std::move(*person));
        }
    }
    return out;
}

}  // namespace kiosk::scoring
