// Loading of the UI string catalogues.
#include "i18n/strings.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "util/file.hpp"
#include "util/utf8.hpp"

namespace kiosk::i18n {
namespace {

Status flatten(const toml::table& table, const std::string& prefix, std::unordered_map<std::string, std::string>& out,
               const std::string& file) {
    for (auto&& [key, node] : table) {
        const std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
        if (const auto* sub = node.as_table()) {
            if (auto s = flatten(*sub, name, out, file); !s) return s;
        } else if (const auto* str = node.as_string()) {
            out.emplace(name, str->get());
        } else {
            const auto& at = node.source().begin;
            return Error{fmt::format("{}:{}:{}: '{}' must be a string", file, at.line, at.column, name)};
        }
    }
    return {};
}

Result<std::unordered_map<std::string, std::string>> parse(std::string_view text, const std::string& file) {
    if (auto bad = utf8::firstInvalid(text)) return Error{fmt::format("{}:{}:{}: not valid UTF-8", file, bad->line, bad->column)};
    std::unordered_map<std::string, std::string> out;
    try {
        const toml::table root = toml::parse(text, file);
        if (auto s = flatten(root, "", out, file); !s) return Error{s.error()};
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        return Error{fmt::format("{}:{}:{}: TOML syntax error: {}", file, at.line, at.column, e.description())};
    }
    return out;
}


}  // namespace

Result<Strings> Strings::load(const std::filesystem::path& dir) {
    const auto ja = readFile(dir / "ja.toml");
    if (!ja) return Error{fmt::format("cannot read the UI strings: {}", ja.error())};
    const auto en = readFile(dir / "en.toml");
    if (!en) return Error{fmt::format("cannot read the UI strings: {}", en.error())};
    Strings s;
    auto jaMap = parse(*ja, (dir / "ja.toml").string());
    if (!jaMap) return Error{jaMap.error()};
    auto enMap = parse(*en, (dir / "en.toml").string());
    if (!enMap) return Error{enMap.error()};
    s.m_ja = std::move(*jaMap);
    s.m_en = std::move(*enMap);
    return s;
}

Result<Strings> Strings::fromText(std::string_view ja, std::string_view en) {
    Strings s;
    auto jaMap = parse(ja, "ja.toml");
    if (!jaMap) return Error{jaMap.error()};
    auto enMap = parse(en, "en.toml");
    if (!enMap) return Error{enMap.error()};
    s.m_ja = std::move(*jaMap);
    s.m_en = std::move(*enMap);
    return s;
}

const std::string& Strings::get(Lang lang, std::string_view key) const {
    const auto& table = all(lang);
    if (auto it = table.find(std::string(key)); it != table.end()) return it->second;
    m_missing.insert(fmt::format("{}:{}", langCode(lang), key));
    return m_fallback.try_emplace(std::string(key), std::string(key)).first->second;
}

std::string substitute(std::string_view pattern, std::initializer_list<std::string_view> args) {
    std::string out;
    out.reserve(pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' && pattern[i + 1] <= '9') {
            const auto n = static_cast<std::size_t>(pattern[i + 1] - '0');
            if (n < args.size()) {
                out += *(args.begin() + n);
                i += 2;
                continue;
            }
        }
        out.push_back(pattern[i]);
    }
    return out;
}

}  // namespace kiosk::i18n
