// Timestamps as people read them, and as they are stored (UTC, ISO 8601 with milliseconds).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

// "2026-11-24T04:35:10.123Z" (UTC, as stored) -> "2026-11-24 13:35" in the machine's local time.
// Text that is not such a timestamp is returned unchanged.
std::string localTimeLabel(const std::string& isoUtc);

// A moment in the stored form: "2026-11-24T04:35:10.123Z" (UTC, milliseconds).
std::string isoUtc(std::chrono::system_clock::time_point t);

// The stored form read back ("2026-11-24T04:35:10.123Z"; the fraction may be absent or have
// fewer digits; years 1900 to 2200); nothing for any other text.
std::optional<std::chrono::system_clock::time_point> parseIsoUtc(std::string_view text);

}  // namespace kiosk
