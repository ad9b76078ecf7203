// Typed dates and Japanese eras. ICU's Japanese calendar names the eras and decides where each
// begins; this file only reads the forms people type and checks ICU's answer against them.
#include "util/dates.hpp"

#include <chrono>

#include <unicode/calendar.h>
#include <unicode/dtfmtsym.h>
#include <unicode/normalizer2.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <fmt/format.h>

#include <cstring>
#include <ctime>
#include <memory>
#include <vector>

namespace kiosk::dates {
namespace {

// Longer input is not a date; refusing it early keeps normalisation cheap.
constexpr std::size_t kMaxTypedBytes = 64;

constexpr std::string_view kFormHint = "enter a date such as 2022-04-01, 2022/4/1 or R4.4.1";

struct Era {
    int value = 0;       // ICU's UCAL_ERA
    std::string ja;      // 令和
    std::string en;      // Reiwa
    std::string letter;  // R
    Date start;          // the first day ICU's calendar puts in the era
};

struct JapaneseEras {
    std::unique_ptr<icu::Calendar> calendar;  // cloned for every use, never changed itself
    std::vector<Era> eras;                    // the eras that touch kMinYear..kMaxYear, oldest first

    const Era* find(int value) const {
        for (const auto& era : eras)
            if (era.value == value) return &era;
        return nullptr;
    }
};

std::string toUtf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

int field(const icu::Calendar& calendar, UCalendarDateFields which) {
    UErrorCode status = U_ZERO_ERROR;
    const int value = calendar.get(which, status);
    return U_SUCCESS(status) ? value : -1;
}

// The Gregorian date a Japanese calendar is set to (its extended year is the Gregorian year).
Date gregorianDate(const icu::Calendar& calendar) {
    return {field(calendar, UCAL_EXTENDED_YEAR), field(calendar, UCAL_MONTH) + 1, field(calendar, UCAL_DATE)};
}

// Sets a Japanese calendar to a Gregorian date; false when the calendar refuses it.
bool setGregorian(icu::Calendar& calendar, const Date& date) {
    calendar.clear();
    calendar.set(UCAL_EXTENDED_YEAR, date.year);
    calendar.set(UCAL_MONTH, date.month - 1);
    calendar.set(UCAL_DATE, date.day);
    UErrorCode status = U_ZERO_ERROR;
    calendar.getTime(status);
    return U_SUCCESS(status);
}

// Sets a Japanese calendar to an era date. ICU accepts an era date outside its era even when not
// lenient (Heisei 31-05-01 becomes Reiwa 1-05-01), so callers compare the era read back.
bool setEra(icu::Calendar& calendar, int era, int year, int month, int day) {
    calendar.clear();
    calendar.set(UCAL_ERA, era);
    calendar.set(UCAL_YEAR, year);
    calendar.set(UCAL_MONTH, month - 1);
    calendar.set(UCAL_DATE, day);
    UErrorCode status = U_ZERO_ERROR;
    calendar.getTime(status);
    return U_SUCCESS(status);
}

std::unique_ptr<icu::Calendar> newJapaneseCalendar() {
    UErrorCode status = U_ZERO_ERROR;
    // UTC, not local time: Tokyo skipped the midnight of 1948-05-02 for daylight saving, and a
    // calendar that is not lenient refuses a skipped wall time, so that real day would be refused.
    std::unique_ptr<icu::Calendar> calendar(
        icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale("ja_JP@calendar=japanese"), status));
    if (U_FAILURE(status) || !calendar || std::strcmp(calendar->getType(), "japanese") != 0) return nullptr;
    calendar->setLenient(false);
    return calendar;
}

// Era names as the pattern GGGG formats them. DateFormatSymbols built from the locale alone
// would give the Gregorian eras (紀元前, 西暦); a formatter takes the calendar from the locale.
struct EraSymbols {
    std::vector<std::string> wide;
    std::vector<std::string> narrow;
};

EraSymbols eraSymbols(const char* locale) {
    UErrorCode status = U_ZERO_ERROR;
    icu::SimpleDateFormat format(icu::UnicodeString(u"GGGG"), icu::Locale(locale), status);
    EraSymbols out;
    if (U_FAILURE(status)) return out;
    const icu::DateFormatSymbols* symbols = format.getDateFormatSymbols();
    if (!symbols) return out;
    int32_t count = 0;
    const icu::UnicodeString* wide = symbols->getEraNames(count);
    for (int32_t i = 0; i < count; ++i) out.wide.push_back(toUtf8(wide[i]));
    const icu::UnicodeString* narrow = symbols->getNarrowEras(count);
    for (int32_t i = 0; i < count; ++i) out.narrow.push_back(toUtf8(narrow[i]));
    return out;
}

// The first day of an era: from January 1 of its first year, day by day until ICU says the era.
std::optional<Date> eraStart(icu::Calendar& calendar, int era) {
    if (!setEra(calendar, era, 1, 1, 1)) return std::nullopt;
    for (int i = 0; i < 366; ++i) {
        if (field(calendar, UCAL_ERA) == era) return gregorianDate(calendar);
        UErrorCode status = U_ZERO_ERROR;
        calendar.add(UCAL_DATE, 1, status);
        if (U_FAILURE(status)) return std::nullopt;
    }
    return std::nullopt;
}

JapaneseEras loadEras() {
    JapaneseEras out;
    out.calendar = newJapaneseCalendar();
    if (!out.calendar) return out;
    std::unique_ptr<icu::Calendar> calendar(out.calendar->clone());
    if (!setGregorian(*calendar, {kMinYear, 1, 1})) return out;
    const int first = field(*calendar, UCAL_ERA);
    if (!setGregorian(*calendar, {kMaxYear, 12, 31})) return out;
    const int last = field(*calendar, UCAL_ERA);
    const EraSymbols ja = eraSymbols("ja_JP@calendar=japanese");
    const EraSymbols en = eraSymbols("en@calendar=japanese");
    for (int value = first; value >= 0 && value <= last; ++value) {
        const auto i = static_cast<std::size_t>(value);
        if (i >= ja.wide.size() || i >= ja.narrow.size() || i >= en.wide.size()) return {};
        auto start = eraStart(*calendar, value);
        if (!start) return {};
        out.eras.push_back({value, ja.wide[i], en.wide[i], ja.narrow[i], *start});
    }
    return out;
}

const JapaneseEras& japaneseEras() {
    static const JapaneseEras eras = loadEras();
    return eras;
}

std::unique_ptr<icu::Calendar> japaneseCalendar() {
    const auto& eras = japaneseEras();
    return std::unique_ptr<icu::Calendar>(eras.calendar ? eras.calendar->clone() : nullptr);
}

std::string label(const Era& era, int year, Lang lang) {
    if (lang == Lang::En) return fmt::format("{} {}", era.en, year);
    return year == 1 ? era.ja + "元年" : fmt::format("{}{}年", era.ja, year);
}

bool isLeap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

Date dayBefore(Date date) {
    if (--date.day > 0) return date;
    if (--date.month == 0) {
        date.month = 12;
        --date.year;
    }
    date.day = daysInMonth(date.year, date.month);
    return date;
}

// What a Japanese input method gives for the -, . and / keys, read as those keys.
UChar32 asTypedKey(UChar32 c) {
    if (c == u'ー' || c == u'−' || (c >= 0x2010 && c <= 0x2015)) return '-';
    if (c == u'。') return '.';
    if (c == u'・') return '/';
    return c;
}

// Folds typed text to one form: NFKC turns full-width digits, letters, separators and spaces
// into ASCII (and ㋿ into 令和); then the input method's marks become the keys they stand for.
std::string normalized(std::string_view text) {
    icu::UnicodeString typed = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_SUCCESS(status) && nfkc) {
        icu::UnicodeString folded = nfkc->normalize(typed, status);
        if (U_SUCCESS(status)) typed = folded;
    }
    icu::UnicodeString out;
    for (int32_t i = 0; i < typed.length();) {
        const UChar32 c = typed.char32At(i);
        i += U16_LENGTH(c);
        out.append(asTypedKey(c));
    }
    std::string utf8 = toUtf8(out);
    const auto begin = utf8.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return {};
    return utf8.substr(begin, utf8.find_last_not_of(" \t\r\n") - begin + 1);
}

// A cursor over normalised text; each form is tried with a fresh one.
class Reader {
public:
    explicit Reader(std::string_view text) : m_text(text) {}

    bool done() const { return m_pos == m_text.size(); }
    std::string_view rest() const { return m_text.substr(m_pos); }

    // A run of ASCII digits, all of it, when its length is within [minDigits, maxDigits].
    std::optional<int> number(std::size_t minDigits, std::size_t maxDigits) {
        std::size_t end = m_pos;
        while (end < m_text.size() && m_text[end] >= '0' && m_text[end] <= '9') ++end;
        const std::size_t length = end - m_pos;
        if (length < minDigits || length > maxDigits) return std::nullopt;
        int value = 0;
        for (; m_pos < end; ++m_pos) value = value * 10 + (m_text[m_pos] - '0');
        return value;
    }

    bool literal(std::string_view text) {
        if (rest().substr(0, text.size()) != text) return false;
        m_pos += text.size();
        return true;
    }

    std::optional<char> oneOf(std::string_view chars) {
        if (done() || chars.find(m_text[m_pos]) == std::string_view::npos) return std::nullopt;
        return m_text[m_pos++];
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

// Year, month and day as typed; `era` is null for a Gregorian year.
struct Typed {
    const Era* era = nullptr;
    int year = 0;
    int month = 0;
    int day = 0;
};

// Month and day after the year: "年4月1日", or a separator (the same one twice) and numbers.
bool readMonthDay(Reader& reader, Typed& typed) {
    std::optional<int> month, day;
    if (reader.literal("年")) {
        month = reader.number(1, 2);
        if (!month || !reader.literal("月")) return false;
        day = reader.number(1, 2);
        if (!day || !reader.literal("日")) return false;
    } else {
        const auto separator = reader.oneOf("-/.");
        if (!separator) return false;
        month = reader.number(1, 2);
        if (!month || !reader.literal(std::string_view(&*separator, 1))) return false;
        day = reader.number(1, 2);
        if (!day) return false;
    }
    typed.month = *month;
    typed.day = *day;
    return reader.done();
}

// An era year: one or two digits, or 元 for the first year.
std::optional<int> readEraYear(Reader& reader) {
    if (reader.literal("元")) return 1;
    return reader.number(1, 2);
}

std::string letterList(const JapaneseEras& eras) {
    std::string out;
    for (std::size_t i = 0; i < eras.eras.size(); ++i)
        out += (i == 0 ? "" : i + 1 == eras.eras.size() ? " or " : ", ") + eras.eras[i].letter;
    return out;
}

Result<Typed> readTyped(std::string_view text) {
    Typed typed;
    if (Reader reader(text); auto year = reader.number(4, 4)) {
        typed.year = *year;
        if (readMonthDay(reader, typed)) return typed;
        return Error{std::string(kFormHint)};
    }
    const char first = text.empty() ? '\0' : text.front();
    const bool letter = (first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z');
    const auto& eras = japaneseEras();
    if (letter || (!text.empty() && static_cast<unsigned char>(first) >= 0x80)) {
        if (eras.eras.empty()) return Error{"Japanese era dates cannot be read: ICU's Japanese calendar is missing"};
        Reader reader(text);
        if (letter) {
            const char upper = static_cast<char>(first & ~0x20);
            for (const auto& era : eras.eras)
                if (era.letter == std::string_view(&upper, 1)) typed.era = &era;
            if (!typed.era) return Error{fmt::format("'{}' is not an era letter; use {}", first, letterList(eras))};
            reader.literal(std::string_view(&first, 1));
        } else {
            for (const auto& era : eras.eras) {
                if (reader.literal(era.ja)) {
                    typed.era = &era;
                    break;
                }
            }
            if (!typed.era) return Error{std::string(kFormHint)};
        }
        const auto year = readEraYear(reader);
        if (!year || !readMonthDay(reader, typed)) return Error{std::string(kFormHint)};
        typed.year = *year;
        return typed;
    }
    return Error{std::string(kFormHint)};
}

constexpr const char* kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};

Status checkYear(int year) {
    if (year < kMinYear || year > kMaxYear) return Error{fmt::format("enter a year from {} to {}", kMinYear, kMaxYear)};
    return {};
}

Status checkMonthDay(int year, int month, int day) {
    if (month < 1 || month > 12) return Error{fmt::format("there is no month {}", month)};
    const int days = daysInMonth(year, month);
    if (day < 1 || day > days) return Error{fmt::format("{} {} has {} days", kMonthNames[month - 1], year, days)};
    return {};
}

Result<Date> fromEra(const Era& era, const Typed& typed) {
    if (typed.year < 1) return Error{fmt::format("{} has no year 0; its first year is 1 (元年)", era.en)};
    auto calendar = japaneseCalendar();
    if (!calendar) return Error{"Japanese era dates cannot be read: ICU's Japanese calendar is missing"};
    // Era years run with Gregorian years, so January 1 gives the Gregorian year of the whole year.
    if (!setEra(*calendar, era.value, typed.year, 1, 1)) return Error{std::string(kFormHint)};
    const int gregorianYear = field(*calendar, UCAL_EXTENDED_YEAR);
    if (auto status = checkYear(gregorianYear); !status)
        return Error{fmt::format("{} {} is {}; {}", era.en, typed.year, gregorianYear, status.error())};
    if (auto status = checkMonthDay(gregorianYear, typed.month, typed.day); !status) return Error{status.error()};
    if (!setEra(*calendar, era.value, typed.year, typed.month, typed.day)) return Error{std::string(kFormHint)};
    const int actualEra = field(*calendar, UCAL_ERA);
    if (actualEra < era.value) return Error{fmt::format("{} began on {}", era.en, iso(era.start))};
    if (actualEra > era.value) {
        const Era* next = japaneseEras().find(actualEra);
        if (next) return Error{fmt::format("{} ended on {}", era.en, iso(dayBefore(next->start)))};
        return Error{fmt::format("{} had ended by then", era.en)};
    }
    return gregorianDate(*calendar);
}

}  // namespace

Result<Date> parse(std::string_view text) {
    if (text.size() > kMaxTypedBytes) return Error{std::string(kFormHint)};
    const std::string clean = normalized(text);
    if (clean.empty()) return Error{std::string(kFormHint)};
    auto typed = readTyped(clean);
    if (!typed) return Error{typed.error()};
    if (typed->era) return fromEra(*typed->era, *typed);
    if (auto status = checkYear(typed->year); !status) return Error{status.error()};
    if (auto status = checkMonthDay(typed->year, typed->month, typed->day); !status) return Error{status.error()};
    return Date{typed->year, typed->month, typed->day};
}

std::string iso(const Date& date) {
    return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::optional<Date> fromIso(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    Reader reader(text);
    const auto year = reader.number(4, 4);
    reader.oneOf("-");
    const auto month = reader.number(2, 2);
    reader.oneOf("-");
    const auto day = reader.number(2, 2);
    if (!year || !month || !day || !reader.done()) return std::nullopt;
    if (*month < 1 || *month > 12 || *day < 1 || *day > daysInMonth(*year, *month)) return std::nullopt;
    return Date{*year, *month, *day};
}

int daysInMonth(int year, int month) {
    if (month < 1 || month > 12) return 0;
    if (month == 2) return isLeap(year) ? 29 : 28;
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

std::string eraYear(const Date& date, Lang lang) {
    if (date.year < kMinYear || date.year > kMaxYear || !checkMonthDay(date.year, date.month, date.day)) return {};
    auto calendar = japaneseCalendar();
    if (!calendar || !setGregorian(*calendar, date)) return {};
    const Era* era = japaneseEras().find(field(*calendar, UCAL_ERA));
    return era ? label(*era, field(*calendar, UCAL_YEAR), lang) : std::string();
}

std::string eraOfYear(int year, Lang lang) {
    const std::string first = eraYear({year, 1, 1}, lang);
    const std::string last = eraYear({year, 12, 31}, lang);
    if (first == last) return first;
    return first + (lang == Lang::Ja ? "/" : " / ") + last;
}

Date today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

Date addDays(const Date& date, int days) {
    using namespace std::chrono;
    const year_month_day moved{sys_days{year{date.year} / date.month / date.day} + std::chrono::days{days}};
    return {static_cast<int>(moved.year()), static_cast<int>(static_cast<unsigned>(moved.month())),
            static_cast<int>(static_cast<unsigned>(moved.day()))};
}

}  // namespace kiosk::dates
