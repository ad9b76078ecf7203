// The names the database and exports use for the workshop's enumerations.
#include "workshop/model.hpp"

#include <array>
#include <utility>

namespace kiosk::workshop {
namespace {

template <class E, std::size_t N>
std::optional<E> parse(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view name) {
    for (const auto& [value, text] : names)
        if (text == name) return value;
    return std::nullopt;
}

template <class E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
    for (const auto& [v, text] : names)
        if (v == value) return text;
    return {};
}

constexpr std::array<std::pair<Mode, std::string_view>, 2> kModes{{{Mode::Individual, "individual"}, {Mode::Team, "team"}}};
constexpr std::array<std::pair<Explanations, std::string_view>, 2> kExplanations{
    {{Explanations::EachDecision, "each_decision"}, {Explanations::AtEnd, "at_end"}}};
constexpr std::array<std::pair<Phase, std::string_view>, 2> kPhases{{{Phase::Pre, "pre"}, {Phase::Post, "post"}}};

}  // namespace

std::string_view modeName(Mode mode) { return nameOf(kModes, mode); }
std::optional<Mode> parseMode(std::string_view name) { return parse(kModes, name); }
std::string_view explanationsName(Explanations when) { return nameOf(kExplanations, when); }
std::optional<Explanations> parseExplanations(std::string_view name) { return parse(kExplanations, name); }
std::string_view phaseName(Phase phase) { return nameOf(kPhases, phase); }
std::optional<Phase> parsePhase(std::string_view name) { return parse(kPhases, name); }

}  // namespace kiosk::workshop
