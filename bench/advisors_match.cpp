// Matching a facility's result against a directory of 10,000 advisors, as a ratio to loading the
// same directory from the database in the same run (the machines are noisy; only the ratio is
// meaningful). Runs alternate and the medians are compared.
// Usage: kiosk_bench_advisors [advisors] [runs]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <vector>

#include "advisors/match.hpp"
#include "advisors/model.hpp"
#include "questionnaire/loader.hpp"
#include "scoring/answers_file.hpp"
#include "scoring/engine.hpp"
#include "scoring/policy.hpp"
#include "skills/catalog.hpp"
#include "store/advisor_store.hpp"
#include "store/database.hpp"
#include "table_row.hpp"
#include "util/file.hpp"

using namespace kiosk;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

template <typename F>
double milliseconds(F&& f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    const int count = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 7;
    const std::filesystem::path root = KIOSK_SOURCE_DIR;
    const auto content = questionnaire::loadCatalog(root / "questionnaires");
    const auto skillLoad = skills::loadSkillCatalog(root / "questionnaires", content);
    if (!skillLoad.catalog) return fmt::print(stderr, "cannot load the skill catalogue\n"), 1;
    const auto advisorLoad = advisors::loadAdvisorCatalog(root / "questionnaires", *skillLoad.catalog, content.domains);
    if (!advisorLoad.catalog) return fmt::print(stderr, "cannot load advisors.toml\n"), 1;
    const auto& catalog = *advisorLoad.catalog;
    auto policy = scoring::loadPolicy(root / "questionnaires", content);
    const auto answers = readFile(root / "tests" / "data" / "scenarios" / "clinic_19_beds.json");
    if (!policy.policy || !answers) return fmt::print(stderr, "cannot load the scoring rules or the scenario\n"), 1;
    auto parsed = scoring::parseAnswersFile(*answers, content);
    if (!parsed) return fmt::print(stderr, "{}\n", parsed.error()), 1;
    const auto result = scoring::evaluate(*policy.policy, content, scoring::facilityInput(*parsed, nullptr));

    // A synthetic directory: every source, prefecture, menu mix and status, drawn from a fixed seed.
    std::mt19937 random(20261127);
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
    std::vector<advisors::Advisor> list;
    list.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        advisors::Advisor a;
        a.source = catalog.sources[pick(catalog.sources.size())].id;
        a.name = fmt::format("見本 助言者{:05}（架空）", i);
        a.registrationNumber = fmt::format("{:06}", 900000 + i);
        a.registered = skills::Date{std::chrono::year{2017 + static_cast<int>(pick(9))}, std::chrono::month{1 + static_cast<unsigned>(pick(12))},
                                    std::chrono::day{1}};
        if (pick(3) > 0) a.lastCourse = skills::Date{std::chrono::year{2022 + static_cast<int>(pick(4))}, std::chrono::month{4}, std::chrono::day{1}};
        if (pick(4) == 0) a.qualifications["hit"] = skills::Date{std::chrono::year{2022 + static_cast<int>(pick(4))}, std::chrono::month{9}, std::chrono::day{1}};
        if (pick(10) == 0) a.qualifications["senior_hit"] = skills::Date{std::chrono::year{2023}, std::chrono::month{2}, std::chrono::day{1}};
        if (pick(5) == 0) a.courses.push_back("医療分野の講習（架空）");
        a.experienceYears = static_cast<int>(pick(20));
        a.experienceKind = static_cast<advisors::ExperienceKind>(pick(4));
        a.prefecture = catalog.prefectures[pick(catalog.prefectures.size())].code;
        a.serves = {a.prefecture, catalog.prefectures[pick(catalog.prefectures.size())].code};
        if (pick(8) == 0) a.serves.emplace_back(advisors::kNationwide);
        a.daysPerMonth = static_cast<int>(pick(9));
        a.mode = static_cast<advisors::SupportMode>(pick(4));
        for (int m = 0; m < 3; ++m) a.menus.push_back(catalog.menus[pick(catalog.menus.size())].id);
        std::sort(a.menus.begin(), a.menus.end());
        a.menus.erase(std::unique(a.menus.begin(), a.menus.end()), a.menus.end());
        for (int s = 0; s < 2; ++s) a.skills.push_back(catalog.skills[pick(catalog.skills.size())].id);
        if (a.skills[0] == a.skills[1]) a.skills.pop_back();
        a.contact = fmt::format("advisor{}@example.invalid", i);
        a.confirmed = skills::Date{std::chrono::year{2025 + static_cast<int>(pick(2))}, std::chrono::month{1 + static_cast<unsigned>(pick(11))},
                                   std::chrono::day{1}};
        list.push_back(std::move(a));
    }

    const auto folder = std::filesystem::temp_directory_path() / fmt::format("kiosk-bench-advisors-{}", random());
    std::filesystem::create_directories(folder);
    int status = 0;
    {
        auto db = store::Database::open((folder / "kiosk.db").string());
        if (!db) return fmt::print(stderr, "{}\n", db.error()), 1;
        store::AdvisorStore directory(*db);
        if (auto imported = directory.import(list, {"synthetic", "", count, 0}); !imported) return fmt::print(stderr, "{}\n", imported.error()), 1;

        advisors::MatchOptions options;
        options.prefecture = "13";
        options.on = skills::Date{std::chrono::year{2026}, std::chrono::November, std::chrono::day{24}};
        std::vector<double> load, match;
        std::size_t candidates = 0;
        std::vector<advisors::Advisor> loaded;
        for (int r = 0; r < runs + 1; ++r) {  // the first round warms the caches and is not counted
            const double l = milliseconds([&] { loaded = directory.list().value(); });
            const double m = milliseconds([&] { candidates = advisors::match(result, loaded, catalog, options).candidates.size(); });
            if (r > 0) load.push_back(l), match.push_back(m);
        }
        const double ratio = median(match) / median(load);
        fmt::print("advisor matching, {} advisors, median of {} runs\n", loaded.size(), runs);
        fmt::print("load the directory (AdvisorStore::list):  {:.1f} ms\n", median(load));
        fmt::print("match the clinic's result (Tokyo):         {:.1f} ms   ({} candidates)\n", median(match), candidates);
        fmt::print("ratio match / load: {:.2f}   goal <= 1.00   {}\n", ratio, ratio <= 1.0 ? "pass" : "FAIL");
        status = ratio <= 1.0 ? 0 : 1;
        bench::addTableRow("advisor match, 10,000 advisors (ms)", median(match), median(load), "ratio<=1.0");
    }
    std::error_code ec;
    std::filesystem::remove_all(folder, ec);
    return status;
}
