// Timestamps as people read them.
#pragma once

#include <string>

namespace kiosk {

// "2026-11-24T04:35:10.123Z" (UTC, as stored) -> "2026-11-24 13:35" in the machine's local time.
// Text that is not such a timestamp is returned unchanged.
std::string localTimeLabel(const std::string& isoUtc);

}  // namespace kiosk
