// Fuzzes the people CSV import: any bytes give rows or errors; every good row applied to a person
// and written back reads again to the same row, so export → import never loses what was read.
#include "fuzz_support.hpp"

#include "skills/csv.hpp"
#include "skills/people_csv.hpp"

using namespace kiosk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto text = fuzz::asText(data, size);
    (void)skills::parseCsv(text);
    const auto& catalog = fuzz::skillCatalog();
    const auto read = skills::readPeopleCsv(text, catalog);
    fuzz::require(read.errors.size() <= skills::kMaxListedErrors, "the listed errors are capped");
    if (read.people.empty()) return 0;
    std::vector<skills::Person> people;
    for (const auto& row : read.people) people.push_back(skills::applyRow(std::nullopt, row, false));
    const std::string written = skills::writePeopleCsv(people, catalog);
    const auto again = skills::readPeopleCsv(written, catalog);
    fuzz::require(again.errors.empty(), "an export of imported people imports without errors");
    fuzz::require(again.people.size() == people.size(), "an export of imported people has every person");
    std::vector<skills::Person> back;
    for (const auto& row : again.people) back.push_back(skills::applyRow(std::nullopt, row, false));
    fuzz::require(skills::writePeopleCsv(back, catalog) == written, "export → import → export gives the same bytes");
    return 0;
}
