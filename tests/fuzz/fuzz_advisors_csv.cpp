// Fuzzes the advisor-list import: any bytes give advisors or errors named by line; every advisor
// read is written back and reads again to the same list (export → import never loses what was
// read), and matching a result against it keeps its own invariants.
#include "fuzz_support.hpp"

#include "advisors/csv.hpp"
#include "advisors/match.hpp"
#include "scoring/answers_file.hpp"
#include "scoring/engine.hpp"
#include "util/file.hpp"

using namespace kiosk;

namespace {

const advisors::AdvisorCatalog& advisorCatalog() {
    static const auto loaded = advisors::loadAdvisorCatalog(fuzz::source("questionnaires"), fuzz::skillCatalog(), fuzz::content().domains);
    if (!loaded.catalog) {
        std::fprintf(stderr, "the bundled advisors.toml does not load\n");
        std::abort();
    }
    return *loaded.catalog;
}

const scoring::FacilityResult& clinic() {
    static const scoring::FacilityResult result = [] {
        auto text = readFile(fuzz::source("tests/data/scenarios/clinic_19_beds.json"));
        auto parsed = scoring::parseAnswersFile(text.value(), fuzz::content());
        return scoring::evaluate(fuzz::policy(), fuzz::content(), scoring::facilityInput(parsed.value(), nullptr));
    }();
    return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto text = fuzz::asText(data, size);
    const auto& catalog = advisorCatalog();
    const skills::Date today{std::chrono::year{2026}, std::chrono::November, std::chrono::day{24}};
    const auto read = advisors::readAdvisorsCsv(text, catalog, today);
    fuzz::require(read.errors.size() <= skills::kMaxListedErrors, "the listed errors are capped");
    fuzz::require(read.advisors.size() == read.lines.size(), "every advisor read has its line");
    if (read.advisors.empty()) return 0;
    const std::string written = advisors::writeAdvisorsCsv(read.advisors, catalog, true);
    const auto again = advisors::readAdvisorsCsv(written, catalog, today);
    fuzz::require(again.errors.empty(), "an export of imported advisors imports without errors");
    fuzz::require(again.advisors.size() == read.advisors.size(), "an export of imported advisors has every advisor");
    fuzz::require(advisors::writeAdvisorsCsv(again.advisors, catalog, true) == written, "export → import → export gives the same bytes");

    advisors::MatchOptions options;
    options.on = today;
    options.prefecture = "13";
    const auto m = advisors::match(clinic(), read.advisors, catalog, options);
    fuzz::require(m.considered == static_cast<int>(read.advisors.size()), "every advisor is considered");
    fuzz::require(m.candidates.size() <= read.advisors.size(), "no advisor is a candidate twice");
    for (const auto& c : m.candidates)
        fuzz::require(c.advisor >= read.advisors.data() && c.advisor < read.advisors.data() + read.advisors.size(), "candidates are advisors of the list");
    for (std::size_t i = 1; i < m.candidates.size(); ++i)
        fuzz::require(m.candidates[i - 1].covers.size() >= m.candidates[i].covers.size(), "ranked by gaps covered");
    for (const auto& c : m.candidates) (void)advisors::reasonLines(c, catalog, Lang::Ja);
    (void)advisors::noMatchLines(m, catalog, Lang::En);
    return 0;
}
