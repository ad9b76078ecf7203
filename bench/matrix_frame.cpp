// Headless frame time of the skill matrix with 500 people × 60 skills, as a ratio to an empty
// frame measured in the same run (the machines are noisy; only the ratio is meaningful).
// Usage: kiosk_bench_matrix [frames]
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

#include "headless.hpp"
#include "i18n/strings.hpp"
#include "questionnaire/loader.hpp"
#include "skills/service.hpp"
#include "store/database.hpp"
#include "store/people_store.hpp"
#include "table_row.hpp"

using namespace kiosk;

namespace {

double millisecondsPerFrame(int frames, const std::function<void()>& frame) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < frames; ++i) frame();
    const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
    return elapsed.count() / frames;
}

}  // namespace

int main(int argc, char** argv) {
    const int frames = argc > 1 ? std::atoi(argv[1]) : 200;
    const std::filesystem::path root = KIOSK_SOURCE_DIR;
    auto content = questionnaire::loadCatalog(root / "questionnaires");
    auto strings = i18n::Strings::load(root / "assets" / "i18n");
    auto loaded = skills::loadSkillCatalog(root / "questionnaires", content);
    if (!strings || !loaded.catalog) {
        fmt::print(stderr, "cannot load the content\n");
        return 1;
    }
    // 60 skills: the checklist's, repeated across the domains under new ids.
    skills::SkillCatalog catalog = *loaded.catalog;
    const auto base = catalog.skills;
    for (std::size_t i = 0; catalog.skills.size() < 60; ++i) {
        auto extra = base[i % base.size()];
        extra.id = fmt::format("{}_{}", extra.id, i);
        catalog.skills.push_back(extra);
    }
    auto db = store::Database::open(":memory:");
    store::PeopleStore store(*db);
    std::vector<skills::Person> people(500);
    for (std::size_t i = 0; i < people.size(); ++i) {
        auto& p = people[i];
        p.name = fmt::format("職員{:03}", i);
        p.role = catalog.roles[i % catalog.roles.size()].first;
        p.department = fmt::format("部署{}", i % 12);
        p.latest = skills::SkillSnapshot{};
        for (std::size_t s = 0; s < catalog.skills.size(); ++s) p.latest->levels[catalog.skills[s].id] = static_cast<int>((i * 7 + s * 3) % 5);
        if (i % 10 == 0) p.qualifications.push_back({"sg", skills::parseDate("2024-04-01"), std::nullopt, true});
    }
    if (!store.upsert(people, "import")) return 1;
    skills::SkillService service(store, catalog);

    ui::AppState state;
    state.services.catalog = &content;
    state.services.strings = &*strings;
    state.services.skills = &service;
    test::HeadlessUi ui(state);

    // Baseline: an empty full-screen window.
    const auto empty = [] {
        ImGui::GetIO().DeltaTime = 1.0f / 60;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos({0, 0});
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("##empty", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::End();
        ImGui::Render();
    };
    state.screen = ui::Screen::Matrix;
    ui.frames(10);  // load people and coverage once, as opening the screen does
    const auto matrix = [&] { ui.frames(1); };

    for (int i = 0; i < 20; ++i) empty(), matrix();  // warm up
    const double emptyMs = millisecondsPerFrame(frames, empty);
    const double matrixMs = millisecondsPerFrame(frames, matrix);
    const double emptyMs2 = millisecondsPerFrame(frames, empty);  // again, to see the noise
    fmt::print("skill matrix, {} people x {} skills, headless, {} frames each\n", people.size(), catalog.skills.size(), frames);
    fmt::print("empty frame:   {:.3f} ms (again: {:.3f} ms)\n", emptyMs, emptyMs2);
    fmt::print("matrix frame:  {:.3f} ms\n", matrixMs);
    fmt::print("ratio matrix / empty: {:.1f}\n", matrixMs / ((emptyMs + emptyMs2) / 2));
    fmt::print("vertices per matrix frame: {} (rows outside the view are clipped)\n", ui.frames(1));
    fmt::print("people loaded: {}\n", state.matrix.people.size());
    bench::addTableRow("skill matrix frame, 500 x 60, headless (ms)", matrixMs, (emptyMs + emptyMs2) / 2, "value<=2");
    return 0;
}
