// Fuzzes the reader of stored results (a database edited outside the kiosk): any bytes give a
// result or an error; a result that reads writes back to JSON that reads to the same text.
#include "fuzz_support.hpp"

#include "scoring/result.hpp"

using namespace kiosk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto read = scoring::fromJson(std::string(fuzz::asText(data, size)));
    if (!read) return 0;
    (void)scoring::toText(*read, Lang::Ja);
    (void)scoring::toText(*read, Lang::En);
    const std::string json = scoring::toJson(*read);
    const auto again = scoring::fromJson(json);
    fuzz::require(again.ok(), "a result written by the kiosk reads again");
    return 0;
}
