// The UI string catalogues (assets/i18n/ja.toml and en.toml). A key missing from a catalogue
// shows as the key itself and is recorded, so tests catch it before a person does.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <unordered_map>

#include "util/diagnostic.hpp"
#include "util/result.hpp"
#include "util/text.hpp"

namespace kiosk::i18n {

class Strings {
public:
    // Reads <dir>/ja.toml and <dir>/en.toml. Nested tables become dotted keys ("home.title").
    static Result<Strings> load(const std::filesystem::path& dir);
    // From text, for tests.
    static Result<Strings> fromText(std::string_view ja, std::string_view en);

    const std::string& get(Lang lang, std::string_view key) const;
    const std::unordered_map<std::string, std::string>& all(Lang lang) const { return lang == Lang::Ja ? m_ja : m_en; }

    // Keys asked for but missing, in either language, since loading.
    const std::set<std::string>& missing() const { return m_missing; }

private:
    std::unordered_map<std::string, std::string> m_ja;
    std::unordered_map<std::string, std::string> m_en;
    mutable std::set<std::string> m_missing;
    mutable std::unordered_map<std::string, std::string> m_fallback;  // key -> key, for stable references
};

// A UI string with {0}, {1} … replaced by the arguments, in order.
std::string substitute(std::string_view pattern, std::initializer_list<std::string_view> args);

}  // namespace kiosk::i18n
