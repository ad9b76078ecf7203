// Fuzzes the answers file of `score --answers` and scores what it accepts.
#include "fuzz_support.hpp"

#include "scoring/answers_file.hpp"
#include "scoring/engine.hpp"

using namespace kiosk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto parsed = scoring::parseAnswersFile(std::string(fuzz::asText(data, size)), fuzz::content(), &fuzz::skillCatalog());
    if (!parsed) {
        fuzz::require(!parsed.error().empty(), "a refusal says why");
        return 0;
    }
    const auto result = scoring::evaluate(fuzz::policy(), fuzz::content(), scoring::facilityInput(*parsed, &fuzz::skillCatalog()));
    fuzz::require(result.overall >= 0 && result.overall <= 100, "the overall score is between 0 and 100");
    fuzz::require(!result.why.empty(), "every decision has a reason");
    return 0;
}
