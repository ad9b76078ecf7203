// Stored UTC timestamps: written, read back, and converted to local time for display.
#include "util/time.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <ctime>

namespace kiosk {

std::string localTimeLabel(const std::string& isoUtc) {
    std::tm tm{};
    if (std::sscanf(isoUtc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                    &tm.tm_sec) != 6) {
        return isoUtc;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    const std::time_t t = timegm(&tm);
    std::tm local{};
    localtime_r(&t, &local);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%d %H:%M", &local);
    return out;
}

std::string isoUtc(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    // Floored, so that moments before 1970 still get a fraction in 0..999; the calendar from
    // <chrono>, not gmtime (every audit row and answer saved asks for the time).
    const auto ms = floor<milliseconds>(t);
    const auto day = floor<days>(ms);
    const year_month_day date{day};
    const hh_mm_ss clock{ms - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                       static_cast<unsigned>(date.day()), clock.hours().count(), clock.minutes().count(), clock.seconds().count(),
                       clock.subseconds().count());
}

std::optional<std::chrono::system_clock::time_point> parseIsoUtc(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS, then an optional fraction of 1 to 3 digits, then Z.
    auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
        if (at + n > text.size()) return std::nullopt;
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            v = v * 10 + (text[i] - '0');
        }
        return v;
    };
    const auto year = digits(0, 4), month = digits(5, 2), day = digits(8, 2), hour = digits(11, 2), minute = digits(14, 2),
               second = digits(17, 2);
    if (!year || !month || !day || !hour || !minute || !second || text.size() < 20 || text[4] != '-' || text[7] != '-' ||
        text[10] != 'T' || text[13] != ':' || text[16] != ':')
        return std::nullopt;
    // The system clock counts nanoseconds in 64 bits: years beyond 2262 do not fit.
    if (*year < 1900 || *year > 2200) return std::nullopt;
    if (*month < 1 || *month > 12 || *day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
    std::size_t i = 19;
    int millis = 0;
    if (text[i] == '.') {
        ++i;
        int n = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9' && n < 3) millis = millis * 10 + (text[i++] - '0'), ++n;
        if (n == 0) return std::nullopt;
        for (; n < 3; ++n) millis *= 10;
    }
    if (i + 1 != text.size() || text[i] != 'Z') return std::nullopt;
    std::tm tm{};
    tm.tm_year = *year - 1900;
    tm.tm_mon = *month - 1;
    tm.tm_mday = *day;
    tm.tm_hour = *hour;
    tm.tm_min = *minute;
    tm.tm_sec = *second;
    const std::time_t t = timegm(&tm);
    return std::chrono::system_clock::from_time_t(t) + std::chrono::milliseconds(millis);
}

}  // namespace kiosk
