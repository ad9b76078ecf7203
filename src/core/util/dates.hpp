// Dates as people type and pick them: ISO, slashes or dots, full width, and the Japanese era
// forms used on hospital paperwork (R4.4.1, 令和4年4月1日). Era names and boundaries come from
// ICU's Japanese calendar, so a new era arrives with ICU's data, not with a change here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"
#include "util/text.hpp"

namespace kiosk::dates {

// The years a person may enter, and the years whose eras are named.
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2100;

// A day of the Gregorian calendar.
struct Date {
    int year = 0, month = 0, day = 0;
    bool operator==(const Date&) const = default;
};

// Reads what a person may type, spaces around it ignored:
//   2022-04-01  2022/04/01  2022/4/1  2022.4.1  2022年4月1日
//   R4.4.1  r4/4/1  H31.4.30  S64.1.7   (era letters M T S H R, any case)
//   令和4年4月1日  令和元年5月1日  平成31年4月30日   (明治 大正 昭和 平成 令和; 元年 is year 1)
// Full-width digits, letters and separators count as their ASCII forms (２０２２／０４／０１), and
// so do the marks a Japanese input method gives for those keys (ー for -, 。 for ., ・ for /).
// Refuses, saying why, any other form, a date that does not exist (2023-02-29), an era date
// outside its era (R1.4.30: Reiwa began on 2019-05-01), and years outside kMinYear..kMaxYear.
Result<Date> parse(std::string_view text);

// "2022-04-01".
std::string iso(const Date& date);

// Exactly YYYY-MM-DD naming a real date, any four-digit year; anything else is nothing.
std::optional<Date> fromIso(std::string_view text);

// 28 to 31 in the Gregorian calendar; 0 for a month outside 1..12.
int daysInMonth(int year, int month);

// The era and year of a date: {2025,1,1} -> "令和7年" or "Reiwa 7", {2019,5,1} -> "令和元年" or
// "Reiwa 1". Empty for a date that does not exist or lies outside kMinYear..kMaxYear.
std::string eraYear(const Date& date, Lang lang);

// A Gregorian year as a year picker labels it: 2025 -> "令和7年"; both eras when the era changed
// during the year: 2019 -> "平成31年/令和元年" or "Heisei 31 / Reiwa 1". Empty outside
// kMinYear..kMaxYear.
std::string eraOfYear(int year, Lang lang);

// Today in the machine's time zone.
Date today();

// The day `days` days after `date` (before it when negative), across months and years.
Date addDays(const Date& date, int days);

}  // namespace kiosk::dates
