// Fuzzes the qualifications catalogue (qualifications.toml).
#include "fuzz_support.hpp"

using namespace kiosk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto result = skills::parseSkillCatalog(fuzz::asText(data, size), "qualifications.toml", fuzz::content());
    fuzz::require(result.catalog.has_value() == result.diagnostics.empty(), "a catalogue exactly when there are no diagnostics");
    return 0;
}
