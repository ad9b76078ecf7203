// Reading typed, bilingual fields out of TOML while collecting every problem with its position.
// Shared by the questionnaire loader and the catalogue loaders (domains, tiers).
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <toml++/toml.h>
#include <vector>

#include "questionnaire/model.hpp"
#include "util/diagnostic.hpp"

namespace kiosk::questionnaire::detail {

SourcePos posOf(const toml::node& node);
bool isIdentifier(std::string_view s);

// Reads typed fields out of TOML tables and records what is wrong, so that a file's problems
// are all reported in one pass.
class Reader {
public:
    Reader(std::string file, Diagnostics& diagnostics) : m_file(std::move(file)), m_diagnostics(diagnostics) {}

    void error(SourcePos pos, std::string message) { m_diagnostics.push_back({m_file, pos, std::move(message)}); }
    void error(const toml::node& node, std::string message) { error(posOf(node), std::move(message)); }

    // Flags keys that the format does not know: a misspelt `requried` would otherwise be ignored.
    void allowOnly(const toml::table& table, std::string_view where, std::initializer_list<std::string_view> keys) {
        for (auto&& [key, value] : table) {
            if (std::find(keys.begin(), keys.end(), key.str()) != keys.end()) continue;
            std::string known;
            for (auto k : keys) known += (known.empty() ? "" : ", ") + std::string(k);
            error(posOf(value), fmt::format("unknown key '{}' in {} (known keys: {})", key.str(), where, known));
        }
    }

    std::optional<std::string> string(const toml::table& table, std::string_view key, std::string_view where,
                                      bool required) {
        const toml::node* node = table.get(key);
        if (!node) {
            if (required) error(posOf(table), fmt::format("{} is missing '{}'", where, key));
            return std::nullopt;
        }
        if (const auto* s = node->as_string()) return s->get();
        error(*node, fmt::format("'{}' in {} must be a string", key, where));
        return std::nullopt;
    }

    std::string identifier(const toml::table& table, std::string_view key, std::string_view where, bool required = true) {
        auto value = string(table, key, where, required);
        if (!value) return {};
        if (!isIdentifier(*value)) {
            error(*table.get(key), fmt::format("'{}' = \"{}\" in {} is not a valid id: use lower-case letters, digits "
                                               "and _, starting with a letter",
                                               key, *value, where));
        }
        return *value;
    }

    LocalizedText text(const toml::table& table, std::string_view key, std::string_view where, bool required) {
        const toml::node* node = table.get(key);
        if (!node) {
            if (required) error(posOf(table), fmt::format("{} is missing '{}' (write {} = {{ ja = \"…\", en = \"…\" }})", where, key, key));
            return {};
        }
        return textOf(*node, fmt::format("'{}' of {}", key, where));
    }

    LocalizedText textOf(const toml::node& node, const std::string& what) {
        const toml::table* t = node.as_table();
        if (!t) {
            error(node, fmt::format("{} must be a table with ja and en text: {{ ja = \"…\", en = \"…\" }}", what));
            return {};
        }
        allowOnly(*t, what, {"ja", "en"});
        LocalizedText out;
        for (auto [lang, target] : {std::pair<std::string_view, std::string*>{"ja", &out.ja}, {"en", &out.en}}) {
            const toml::node* n = t->get(lang);
            if (!n) {
                error(node, fmt::format("{} has no {} text; both ja and en are required", what, lang));
            } else if (const auto* s = n->as_string()) {
                *target = s->get();
                if (target->empty()) error(*n, fmt::format("{} has empty {} text", what, lang));
                // TOML escapes can smuggle in NUL and other controls that no screen can show.
                for (unsigned char c : *target)
                    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
                        error(*n, fmt::format("{} text of {} contains the control character U+{:04X}; remove it", lang, what, c));
                        break;
                    }
            } else {
                error(*n, fmt::format("{} text of {} must be a string", lang, what));
            }
        }
        return out;
    }

    // A finite number: nan and inf are refused, since every comparison with them is false and
    // they would pass any range check.
    std::optional<double> number(const toml::table& table, std::string_view key, std::string_view where) {
        const toml::node* node = table.get(key);
        if (!node) return std::nullopt;
        return numberOf(*node, fmt::format("'{}' in {}", key, where));
    }

    std::optional<double> numberOf(const toml::node& node, const std::string& what) {
        if (const auto* i = node.as_integer()) {
            // Beyond 2^53 a double no longer holds every whole number; no setting needs that much.
            if (i->get() > (std::int64_t{1} << 53) || i->get() < -(std::int64_t{1} << 53)) {
                error(node, fmt::format("{} is {}, far outside any sensible range", what, i->get()));
                return std::nullopt;
            }
            return static_cast<double>(i->get());
        }
        if (const auto* f = node.as_floating_point()) {
            if (!std::isfinite(f->get())) {
                error(node, fmt::format("{} must be a finite number, not {}", what, f->get()));
                return std::nullopt;
            }
            return f->get();
        }
        error(node, fmt::format("{} must be a number", what));
        return std::nullopt;
    }

    // A whole number within [min, max]; anything else (a fraction, a number out of range,
    // a value that would wrap in an int) is reported at its position and gives nothing.
    std::optional<int> integer(const toml::table& table, std::string_view key, std::string_view where, std::int64_t min,
                               std::int64_t max) {
        const toml::node* node = table.get(key);
        if (!node) return std::nullopt;
        const auto* i = node->as_integer();
        if (!i) {
            error(*node, fmt::format("'{}' in {} must be a whole number from {} to {}", key, where, min, max));
            return std::nullopt;
        }
        if (i->get() < min || i->get() > max) {
            error(*node, fmt::format("'{}' in {} is {}; use a whole number from {} to {}", key, where, i->get(), min, max));
            return std::nullopt;
        }
        return static_cast<int>(i->get());
    }

    std::optional<bool> boolean(const toml::table& table, std::string_view key, std::string_view where) {
        const toml::node* node = table.get(key);
        if (!node) return std::nullopt;
        if (const auto* b = node->as_boolean()) return b->get();
        error(*node, fmt::format("'{}' in {} must be true or false", key, where));
        return std::nullopt;
    }

    // An array of tables, e.g. [[questions]]. A missing key gives an empty list.
    std::vector<const toml::table*> tables(const toml::table& table, std::string_view key, std::string_view where) {
        std::vector<const toml::table*> out;
        const toml::node* node = table.get(key);
        if (!node) return out;
        const toml::array* array = node->as_array();
        if (!array) {
            error(*node, fmt::format("'{}' in {} must be an array of tables (use [[{}]])", key, where, key));
            return out;
        }
        for (const auto& element : *array) {
            if (const auto* t = element.as_table()) {
                out.push_back(t);
            } else {
                error(element, fmt::format("every entry of '{}' in {} must be a table", key, where));
            }
        }
        return out;
    }

    const std::string& file() const { return m_file; }
    // For problems found while reading this file that belong to another (a question it refers to).
    Diagnostics& diagnostics() { return m_diagnostics; }

private:
    std::string m_file;
    Diagnostics& m_diagnostics;
};

// The document, or nothing when the bytes are not UTF-8 or not TOML (both reported).
std::optional<toml::table> parseToml(Reader& r, std::string_view text);

Option readOption(Reader& r, const toml::table& t, const std::string& where, bool exercise);
std::vector<Option> readOptions(Reader& r, const toml::table& owner, const std::string& where, bool exercise);
// A show-if style condition: a group (all / any) or a test { question, op, value }.
Condition readCondition(Reader& r, const toml::node& node, const std::string& where);

}  // namespace kiosk::questionnaire::detail
