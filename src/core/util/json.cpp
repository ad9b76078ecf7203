// Strict JSON parsing on top of nlohmann::json's parser callback.
#include "util/json.hpp"

#include <fmt/format.h>

#include <set>
#include <vector>

namespace kiosk {
namespace {

// Line and column (1-based, in bytes) of a byte offset.
std::pair<std::size_t, std::size_t> lineColumn(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') ++line, column = 1;
        else ++column;
    }
    return {line, column};
}

}  // namespace

Result<nlohmann::json> parseJsonStrict(std::string_view text) {
    using nlohmann::json;
    // Each open object: the keys seen so far and the latest one (which leads to any nested object).
    struct Open {
        std::set<std::string> keys;
        std::string last;
    };
    std::vector<Open> objects;
    std::string problem;
    const json::parser_callback_t check = [&](int depth, json::parse_event_t event, json& parsed) {
        switch (event) {
        case json::parse_event_t::object_start:
        case json::parse_event_t::array_start:
            if (depth >= kMaxJsonDepth) {
                problem = fmt::format("nested more than {} levels deep", kMaxJsonDepth);
                throw std::invalid_argument(problem);
            }
            if (event == json::parse_event_t::object_start) objects.emplace_back();
            break;
        case json::parse_event_t::object_end:
            if (!objects.empty()) objects.pop_back();
            break;
        case json::parse_event_t::key: {
            if (objects.empty()) break;
            const auto key = parsed.get<std::string>();
            if (!objects.back().keys.insert(key).second) {
                std::string path;
                for (std::size_t i = 0; i + 1 < objects.size(); ++i) path += objects[i].last + ".";
                problem = fmt::format("{}{} appears twice in the same object; keep one of them", path, key);
                throw std::invalid_argument(problem);
            }
            objects.back().last = key;
            break;
        }
        case json::parse_event_t::array_end:
        case json::parse_event_t::value:
            break;
        }
        return true;
    };
    try {
        return json::parse(text.begin(), text.end(), check);
    } catch (const json::parse_error& e) {
        const auto [line, column] = lineColumn(text, e.byte > 0 ? e.byte - 1 : 0);
        // nlohmann's message carries its own error id and position; keep only the reason.
        std::string what = e.what();
        if (const auto at = what.find("parse error"); at != std::string::npos) {
            what = what.substr(at);
            if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
        }
        return Error{fmt::format("line {}, column {}: not valid JSON: {}", line, column, what)};
    } catch (const json::exception& e) {
        // For example a number too large for a double ("1e400").
        std::string what = e.what();
        if (const auto at = what.find("] "); at != std::string::npos) what = what.substr(at + 2);
        return Error{fmt::format("not valid JSON: {}", what)};
    } catch (const std::invalid_argument&) {
        return Error{fmt::format("not accepted: {}", problem)};
    }
}

std::optional<std::int64_t> jsonInteger(const nlohmann::json& value, std::int64_t min, std::int64_t max) {
    if (value.is_number_unsigned()) {
        const auto v = value.get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(max) || static_cast<std::int64_t>(v) < min) return std::nullopt;
        return static_cast<std::int64_t>(v);
    }
    if (value.is_number_integer()) {
        const auto v = value.get<std::int64_t>();
        if (v < min || v > max) return std::nullopt;
        return v;
    }
    return std::nullopt;
}

void appendJsonString(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\\u00";
                    out += kHex[static_cast<unsigned char>(c) >> 4];
                    out += kHex[static_cast<unsigned char>(c) & 0x0F];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

}  // namespace kiosk
