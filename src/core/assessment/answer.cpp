// Answer checking, encoding and description.
#include "assessment/answer.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "util/dates.hpp"
#include "util/utf8.hpp"

namespace kiosk::assessment {

using questionnaire::Question;
using questionnaire::QuestionType;

bool isValidDate(std::string_view text) {
    // Wider than what dates::parse accepts: answers stored under this range must keep loading.
    const auto date = dates::fromIso(text);
    return date && date->year >= 1900 && date->year <= 2200;
}

Status checkAnswer(const Question& q, const Answer& a) {
    if (a.skipped) {
        if (q.required) return Error{fmt::format("question '{}' is required and cannot be skipped", q.id)};
        return {};
    }
    switch (q.type) {
    case QuestionType::SingleChoice:
    case QuestionType::YesNo:
        if (!q.findOption(a.choice)) return Error{fmt::format("'{}' is not an option of question '{}'", a.choice, q.id)};
        return {};
    case QuestionType::MultiChoice:
        for (const auto& id : a.choices)
            if (!q.findOption(id)) return Error{fmt::format("'{}' is not an option of question '{}'", id, q.id)};
        return {};
    case QuestionType::Level:
        if (!a.number || *a.number < 0 || *a.number > questionnaire::kMaxLevel || std::floor(*a.number) != *a.number)
            return Error{fmt::format("a level is a whole number from 0 to {}", questionnaire::kMaxLevel)};
        return {};
    case QuestionType::Number:
        if (!a.number || !std::isfinite(*a.number)) return Error{"enter a number"};
        if (*a.number < q.min || *a.number > q.max) return Error{fmt::format("enter a number from {} to {}", q.min, q.max)};
        if (q.integer && std::floor(*a.number) != *a.number) return Error{"enter a whole number"};
        return {};
    case QuestionType::Date:
        if (!isValidDate(a.text)) return Error{"enter a date as YYYY-MM-DD, for example 2027-04-01"};
        return {};
    case QuestionType::Text:
        if (utf8::firstInvalid(a.text)) return Error{"the text is not valid UTF-8"};
        // Required means something was written: an empty text would count as answered.
        if (q.required && a.text.find_first_not_of(" \t\r\n") == std::string::npos)
            return Error{fmt::format("question '{}' needs an answer; an empty text does not count", q.id)};
        if (utf8::length(a.text) > static_cast<std::size_t>(q.maxLength))
            return Error{fmt::format("the text is longer than {} characters", q.maxLength)};
        return {};
    }
    return {};
}

namespace {

std::string formatNumber(double n) {
    if (std::floor(n) == n && std::fabs(n) < 1e15) return fmt::format("{}", static_cast<long long>(n));
    return fmt::format("{}", n);
}

}  // namespace

std::string encodeAnswer(const Question& q, const Answer& a) {
    if (a.skipped) return {};
    switch (q.type) {
    case QuestionType::SingleChoice:
    case QuestionType::YesNo:
        return a.choice;
    case QuestionType::MultiChoice: {
        std::string out;
        for (const auto& id : a.choices) out += (out.empty() ? "" : ",") + id;
        return out;
    }
    case QuestionType::Level:
    case QuestionType::Number:
        return a.number ? formatNumber(*a.number) : std::string();
    case QuestionType::Date:
    case QuestionType::Text:
        return a.text;
    }
    return {};
}

Result<Answer> decodeAnswer(const Question& q, const std::string& stored, bool skipped) {
    if (skipped) return Answer::skip();
    Answer a;
    switch (q.type) {
    case QuestionType::SingleChoice:
    case QuestionType::YesNo:
        a.choice = stored;
        break;
    case QuestionType::MultiChoice:
        for (std::size_t start = 0; start < stored.size();) {
            const std::size_t comma = stored.find(',', start);
            const std::size_t end = comma == std::string::npos ? stored.size() : comma;
            a.choices.push_back(stored.substr(start, end - start));
            start = end + 1;
        }
        break;
    case QuestionType::Level:
    case QuestionType::Number: {
        double n = 0;
        auto [ptr, ec] = std::from_chars(stored.data(), stored.data() + stored.size(), n);
        if (ec != std::errc() || ptr != stored.data() + stored.size())
            return Error{fmt::format("stored answer '{}' to question '{}' is not a number", stored, q.id)};
        a.number = n;
        break;
    }
    case QuestionType::Date:
    case QuestionType::Text:
        a.text = stored;
        break;
    }
    if (auto status = checkAnswer(q, a); !status)
        return Error{fmt::format("stored answer to question '{}' no longer fits it: {}", q.id, status.error())};
    return a;
}

std::string describeAnswer(const Question& q, const Answer& a, Lang lang) {
    if (a.skipped) return lang == Lang::Ja ? "（スキップ）" : "(skipped)";
    switch (q.type) {
    case QuestionType::SingleChoice:
    case QuestionType::YesNo: {
        const auto* o = q.findOption(a.choice);
        return o ? o->label.get(lang) : a.choice;
    }
    case QuestionType::MultiChoice: {
        if (a.choices.empty()) return lang == Lang::Ja ? "（なし）" : "(none)";
        std::string out;
        for (const auto& id : a.choices) {
            const auto* o = q.findOption(id);
            out += (out.empty() ? "" : lang == Lang::Ja ? "、" : ", ") + (o ? o->label.get(lang) : id);
        }
        return out;
    }
    case QuestionType::Level:
        return a.number ? questionnaire::levelLabel(static_cast<int>(*a.number)).get(lang) : std::string();
    case QuestionType::Number: {
        if (!a.number) return {};
        const auto& unit = q.unit.get(lang);
        return unit.empty() ? formatNumber(*a.number) : formatNumber(*a.number) + " " + unit;
    }
    case QuestionType::Date:
    case QuestionType::Text:
        return a.text;
    }
    return {};
}

}  // namespace kiosk::assessment
