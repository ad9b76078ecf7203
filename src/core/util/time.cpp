// Conversion of stored UTC timestamps to local time for display.
#include "util/time.hpp"

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

}  // namespace kiosk
