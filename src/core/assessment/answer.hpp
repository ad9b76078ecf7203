// One person's answer to one question, and its text form as stored in the database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "questionnaire/model.hpp"
#include "util/result.hpp"

namespace kiosk::assessment {

struct Answer {
    bool skipped = false;
    std::string choice;                // single_choice, yes_no: the option id
    std::vector<std::string> choices;  // multi_choice: option ids, in the questionnaire's order
    std::optional<double> number;      // number, level
    std::string text;                  // text, date (YYYY-MM-DD)

    static Answer skip() {
        Answer a;
        a.skipped = true;
        return a;
    }
    static Answer option(std::string id) {
        Answer a;
        a.choice = std::move(id);
        return a;
    }
    static Answer options(std::vector<std::string> ids) {
        Answer a;
        a.choices = std::move(ids);
        return a;
    }
    static Answer value(double n) {
        Answer a;
        a.number = n;
        return a;
    }
    static Answer words(std::string s) {
        Answer a;
        a.text = std::move(s);
        return a;
    }

    bool operator==(const Answer&) const = default;
};

// Checks that an answer fits its question (a known option, a number in range, a real date,
// text not too long). The message says what is wrong in words a person at the kiosk understands.
Status checkAnswer(const questionnaire::Question& question, const Answer& answer);

// The stored form: option id; ids joined by ','; the number; the text. Skipped answers store nothing.
std::string encodeAnswer(const questionnaire::Question& question, const Answer& answer);
Result<Answer> decodeAnswer(const questionnaire::Question& question, const std::string& stored, bool skipped);

// How an answer reads to a person, in the given language.
std::string describeAnswer(const questionnaire::Question& question, const Answer& answer, Lang lang);

// Whether the text is exactly YYYY-MM-DD naming a real calendar date from 1900 to 2200.
bool isValidDate(std::string_view text);

}  // namespace kiosk::assessment
