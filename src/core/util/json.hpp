// Strict JSON reading for every file and record the core accepts: a duplicate key, nesting
// deeper than any of our formats needs, or a number that does not fit a double is an error
// with its line and column, never a silently chosen value or an exception.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace kiosk {

inline constexpr int kMaxJsonDepth = 64;

Result<nlohmann::json> parseJsonStrict(std::string_view text);

// Appends `text` (valid UTF-8) as a JSON string, byte for byte as nlohmann's dump() writes it:
// quotes, backslashes and control characters escaped, everything else as it is.
void appendJsonString(std::string& out, std::string_view text);

// A whole number in [min, max] (an integer in JSON, not 2.0), or nothing.
std::optional<std::int64_t> jsonInteger(const nlohmann::json& value, std::int64_t min, std::int64_t max);

}  // namespace kiosk
