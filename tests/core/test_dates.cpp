// Dates as people type them (ISO, slashes, dots, full width, era letters and era names), the
// reasons given for what is refused, and Japanese eras from ICU's calendar at their boundaries.
#include <doctest/doctest.h>

#include <unicode/timezone.h>

#include <memory>
#include <string>

#include "util/dates.hpp"
#include "util/time.hpp"

using namespace kiosk;
using namespace kiosk::dates;

namespace {

// The ISO form of what was read, or "refused: " and the reason.
std::string read(std::string_view typed) {
    auto date = parse(typed);
    return date ? iso(*date) : "refused: " + date.error();
}

}  // namespace

TEST_CASE("dates typed as ISO, with slashes or dots, or in full width are read") {
    CHECK(read("2022-04-01") == "2022-04-01");
    CHECK(read("2022/04/01") == "2022-04-01");
    CHECK(read("2022/4/1") == "2022-04-01");
    CHECK(read("2022.4.1") == "2022-04-01");
    CHECK(read("2022-4-1") == "2022-04-01");
    CHECK(read("2022年4月1日") == "2022-04-01");
    CHECK(read("２０２２／０４／０１") == "2022-04-01");
    CHECK(read("２０２２－０４－０１") == "2022-04-01");
    CHECK(read("２０２２．４．１") == "2022-04-01");
    CHECK(read("２０２２年４月１日") == "2022-04-01");
    // What a Japanese input method gives for the -, . and / keys.
    CHECK(read("2022ー04ー01") == "2022-04-01");
    CHECK(read("2022。4。1") == "2022-04-01");
    CHECK(read("2022・4・1") == "2022-04-01");
    // Spaces around it, ASCII or ideographic, are ignored.
    CHECK(read("  2022-04-01 ") == "2022-04-01");
    CHECK(read("\t2022/4/1\n") == "2022-04-01");
    CHECK(read("　2022/4/1　") == "2022-04-01");
    CHECK(read("2024-02-29") == "2024-02-29");
    CHECK(read("1900-01-01") == "1900-01-01");
    CHECK(read("2100-12-31") == "2100-12-31");
}

TEST_CASE("dates typed in Japanese era forms are read") {
    CHECK(read("R4.4.1") == "2022-04-01");
    CHECK(read("r4/4/1") == "2022-04-01");
    CHECK(read("R04.04.01") == "2022-04-01");
    CHECK(read("R4-4-1") == "2022-04-01");
    CHECK(read("H31.4.30") == "2019-04-30");
    CHECK(read("h1.1.8") == "1989-01-08");
    CHECK(read("S64.1.7") == "1989-01-07");
    CHECK(read("S1.12.25") == "1926-12-25");
    CHECK(read("T15.12.24") == "1926-12-24");
    CHECK(read("T1.7.30") == "1912-07-30");
    CHECK(read("M45.7.29") == "1912-07-29");
    CHECK(read("M33.1.1") == "1900-01-01");
    CHECK(read("R6.2.29") == "2024-02-29");
    CHECK(read("令和4年4月1日") == "2022-04-01");
    CHECK(read("令和元年5月1日") == "2019-05-01");
    CHECK(read("平成31年4月30日") == "2019-04-30");
    CHECK(read("平成元年1月8日") == "1989-01-08");
    CHECK(read("昭和64年1月7日") == "1989-01-07");
    CHECK(read("昭和元年12月25日") == "1926-12-25");
    CHECK(read("大正元年7月30日") == "1912-07-30");
    CHECK(read("明治45年7月29日") == "1912-07-29");
    CHECK(read("Ｒ４．４．１") == "2022-04-01");
    CHECK(read("ｒ４／４／１") == "2022-04-01");
    CHECK(read("令和４年４月１日") == "2022-04-01");
    CHECK(read(" 令和4年4月1日　") == "2022-04-01");
    CHECK(read("㋿4年4月1日") == "2022-04-01");  // the one-character era sign
    CHECK(read("㍻31年4月30日") == "2019-04-30");
}

TEST_CASE("dates in a form not listed are refused with the forms to use") {
    const std::string hint = "refused: enter a date such as 2022-04-01, 2022/4/1 or R4.4.1";
    const char* const kUnlisted[] = {"2022",
                                     "22/4/1",
                                     "2022/04-01",
                                     "2022-004-01",
                                     "2022-04-01x",
                                     "2022-04-01 12:00",
                                     "2022 04 01",
                                     "20220401",
                                     "R4",
                                     "R4.4",
                                     "R123.4.1",
                                     "令和4年4月1",
                                     "令和4年",
                                     "令和年4月1日",
                                     "平成 31年4月30日",
                                     "西暦2022年4月1日",
                                     "4/1/2022",
                                     "-2022-04-01",
                                     "today"};
    for (const char* typed : kUnlisted) {
        CAPTURE(typed);
        CHECK(read(typed) == hint);
    }
    CHECK(read("") == hint);
    CHECK(read("   ") == hint);
    CHECK(read(std::string(100, '1')) == hint);
    CHECK(read("X4.4.1") == "refused: 'X' is not an era letter; use M, T, S, H or R");
    CHECK(read("k1.1.1") == "refused: 'k' is not an era letter; use M, T, S, H or R");
}

TEST_CASE("impossible dates and years outside 1900 to 2100 are refused with the reason") {
    CHECK(read("2023-02-29") == "refused: February 2023 has 28 days");
    CHECK(read("2100-02-29") == "refused: February 2100 has 28 days");
    CHECK(read("2022/4/31") == "refused: April 2022 has 30 days");
    CHECK(read("2022-04-00") == "refused: April 2022 has 30 days");
    CHECK(read("2022-13-01") == "refused: there is no month 13");
    CHECK(read("2022-00-01") == "refused: there is no month 0");
    CHECK(read("R5.2.29") == "refused: February 2023 has 28 days");
    CHECK(read("令和5年2月29日") == "refused: February 2023 has 28 days");
    CHECK(read("1899-12-31") == "refused: enter a year from 1900 to 2100");
    CHECK(read("2101-01-01") == "refused: enter a year from 1900 to 2100");
    CHECK(read("M32.12.31") == "refused: Meiji 32 is 1899; enter a year from 1900 to 2100");
    CHECK(read("R83.1.1") == "refused: Reiwa 83 is 2101; enter a year from 1900 to 2100");
    CHECK(read("R0.5.1") == "refused: Reiwa has no year 0; its first year is 1 (元年)");
}

TEST_CASE("era dates outside their era are refused with the day it began or ended") {
    CHECK(read("R1.4.30") == "refused: Reiwa began on 2019-05-01");
    CHECK(read("令和元年4月30日") == "refused: Reiwa began on 2019-05-01");
    CHECK(read("H31.5.1") == "refused: Heisei ended on 2019-04-30");
    CHECK(read("平成32年1月1日") == "refused: Heisei ended on 2019-04-30");
    CHECK(read("H1.1.7") == "refused: Heisei began on 1989-01-08");
    CHECK(read("S64.1.8") == "refused: Shōwa ended on 1989-01-07");
    CHECK(read("S1.12.24") == "refused: Shōwa began on 1926-12-25");
    CHECK(read("T15.12.25") == "refused: Taishō ended on 1926-12-24");
    CHECK(read("M45.7.30") == "refused: Meiji ended on 1912-07-29");
}

TEST_CASE("the eras of dates at their boundaries come from ICU's Japanese calendar") {
    CHECK(eraYear({2025, 1, 1}, Lang::Ja) == "令和7年");
    CHECK(eraYear({2019, 5, 1}, Lang::Ja) == "令和元年");
    CHECK(eraYear({2019, 4, 30}, Lang::Ja) == "平成31年");
    CHECK(eraYear({1989, 1, 8}, Lang::Ja) == "平成元年");
    CHECK(eraYear({1989, 1, 7}, Lang::Ja) == "昭和64年");
    CHECK(eraYear({1926, 12, 25}, Lang::Ja) == "昭和元年");
    CHECK(eraYear({1926, 12, 24}, Lang::Ja) == "大正15年");
    CHECK(eraYear({1912, 7, 30}, Lang::Ja) == "大正元年");
    CHECK(eraYear({1912, 7, 29}, Lang::Ja) == "明治45年");
    CHECK(eraYear({1900, 1, 1}, Lang::Ja) == "明治33年");
    CHECK(eraYear({2100, 12, 31}, Lang::Ja) == "令和82年");
    // Not a date, or outside the years the kiosk takes: no era.
    CHECK(eraYear({2023, 2, 29}, Lang::Ja).empty());
    CHECK(eraYear({1899, 12, 31}, Lang::Ja).empty());
    CHECK(eraYear({2101, 1, 1}, Lang::En).empty());
}

TEST_CASE("era labels of dates in English use ICU's English era names") {
    CHECK(eraYear({2025, 1, 1}, Lang::En) == "Reiwa 7");
    CHECK(eraYear({2019, 5, 1}, Lang::En) == "Reiwa 1");
    CHECK(eraYear({2019, 4, 30}, Lang::En) == "Heisei 31");
    CHECK(eraYear({1989, 1, 8}, Lang::En) == "Heisei 1");
    // CLDR spells these with a macron, outside Latin-1.
    CHECK(eraYear({1989, 1, 7}, Lang::En) == "Shōwa 64");
    CHECK(eraYear({1926, 12, 24}, Lang::En) == "Taishō 15");
    CHECK(eraYear({1900, 1, 1}, Lang::En) == "Meiji 33");
}

TEST_CASE("year pickers label a year of dates with both eras when the era changed during it") {
    CHECK(eraOfYear(2025, Lang::Ja) == "令和7年");
    CHECK(eraOfYear(2025, Lang::En) == "Reiwa 7");
    CHECK(eraOfYear(2019, Lang::Ja) == "平成31年/令和元年");
    CHECK(eraOfYear(2019, Lang::En) == "Heisei 31 / Reiwa 1");
    CHECK(eraOfYear(2020, Lang::Ja) == "令和2年");
    CHECK(eraOfYear(1989, Lang::Ja) == "昭和64年/平成元年");
    CHECK(eraOfYear(1989, Lang::En) == "Shōwa 64 / Heisei 1");
    CHECK(eraOfYear(1926, Lang::Ja) == "大正15年/昭和元年");
    CHECK(eraOfYear(1912, Lang::Ja) == "明治45年/大正元年");
    CHECK(eraOfYear(1900, Lang::Ja) == "明治33年");
    CHECK(eraOfYear(2100, Lang::Ja) == "令和82年");
    CHECK(eraOfYear(1899, Lang::Ja).empty());
    CHECK(eraOfYear(2101, Lang::Ja).empty());
}

TEST_CASE("dates on a midnight that Tokyo skipped for daylight saving are real dates") {
    // 1948-05-02 began at 01:00 in Japan; a calendar working in local time would refuse the day.
    // The kiosk runs in Tokyo time, whatever the zone of the machine running the tests. CTest runs
    // each case in its own process, so here Tokyo is the zone when the calendar is first made.
    std::unique_ptr<icu::TimeZone> saved(icu::TimeZone::createDefault());
    icu::TimeZone::adoptDefault(icu::TimeZone::createTimeZone("Asia/Tokyo"));
    CHECK(read("S23.5.2") == "1948-05-02");
    CHECK(read("昭和23年5月2日") == "1948-05-02");
    CHECK(read("1948-05-02") == "1948-05-02");
    CHECK(eraYear({1948, 5, 2}, Lang::Ja) == "昭和23年");
    icu::TimeZone::adoptDefault(saved.release());
}

TEST_CASE("days in the months of dates follow the Gregorian leap-year rule") {
    CHECK(daysInMonth(2024, 2) == 29);
    CHECK(daysInMonth(2023, 2) == 28);
    CHECK(daysInMonth(2100, 2) == 28);
    CHECK(daysInMonth(2000, 2) == 29);
    CHECK(daysInMonth(2023, 1) == 31);
    CHECK(daysInMonth(2023, 4) == 30);
    CHECK(daysInMonth(2023, 12) == 31);
    CHECK(daysInMonth(2023, 0) == 0);
    CHECK(daysInMonth(2023, 13) == 0);
}

TEST_CASE("ISO dates are read strictly and written back the same") {
    CHECK(fromIso("2022-04-01") == Date{2022, 4, 1});
    CHECK(fromIso("2024-02-29") == Date{2024, 2, 29});
    CHECK(fromIso("2300-12-31") == Date{2300, 12, 31});
    const char* const kNotIso[] = {"2022/04/01",  "2022-4-1",    "2022-04-1",  "2023-02-29", "2022-13-01",     "2022-04-00",
                                   " 2022-04-01", "2022-04-01 ", "+022-04-01", "2022-0a-01", "２０２２-04-01", "R4.4.1"};
    for (const char* typed : kNotIso) {
        CAPTURE(typed);
        CHECK_FALSE(fromIso(typed));
    }
    CHECK_FALSE(fromIso(""));
    CHECK(iso({2022, 4, 1}) == "2022-04-01");
    CHECK(iso({1900, 12, 31}) == "1900-12-31");
    for (const char* typed : {"R1.5.1", "令和元年5月1日", "２０２２／０４／０１"}) {
        auto date = parse(typed);
        REQUIRE(date);
        CHECK(fromIso(iso(*date)) == *date);
    }
}

TEST_CASE("today is among the dates the kiosk takes, with an era") {
    const Date now = today();
    CHECK(fromIso(iso(now)) == now);
    CHECK_FALSE(eraYear(now, Lang::Ja).empty());
}

TEST_CASE("stored UTC times are written with milliseconds, before 1970 too, and read back to the same moment") {
    using namespace std::chrono;
    CHECK(kiosk::isoUtc(system_clock::time_point{}) == "1970-01-01T00:00:00.000Z");
    CHECK(kiosk::isoUtc(system_clock::time_point{} - milliseconds(1)) == "1969-12-31T23:59:59.999Z");
    CHECK(kiosk::isoUtc(sys_days{2024y / February / 29} + hours(23) + minutes(5) + seconds(7) + milliseconds(42)) == "2024-02-29T23:05:07.042Z");
    for (const char* text : {"2026-03-02T05:41:07.204Z", "1969-07-20T20:17:40.000Z", "2099-12-31T23:59:59.999Z"}) {
        const auto parsed = kiosk::parseIsoUtc(text);
        REQUIRE(parsed);
        CHECK(kiosk::isoUtc(*parsed) == text);
    }
}
