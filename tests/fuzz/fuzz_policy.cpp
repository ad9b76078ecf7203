// Fuzzes the tier and recommendation rules: the first byte chooses which of the two files the
// input replaces; the other is the bundled one. Any bytes give diagnostics or a policy.
#include "fuzz_support.hpp"

#include "util/file.hpp"

using namespace kiosk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    static const std::string tiers = readFile(fuzz::source("questionnaires/tiers.toml")).value();
    static const std::string recommendation = readFile(fuzz::source("questionnaires/recommendation.toml")).value();
    const auto text = fuzz::asText(data + 1, size - 1);
    const bool replaceTiers = (data[0] & 1) == 0;
    const auto result = scoring::parsePolicy(replaceTiers ? text : std::string_view(tiers), "tiers.toml",
                                             replaceTiers ? std::string_view(recommendation) : text, "recommendation.toml", fuzz::content());
    fuzz::require(result.policy.has_value() == result.diagnostics.empty(), "a policy exactly when there are no diagnostics");
    return 0;
}
