// The region screen against the regional store that tests/region/region.sh has started and
// filled (KIOSK_REGION_URL): the facilities in the store's order of need, a tap on one shows its
// trend without reading the whole region again, a finger drag scrolls the list without choosing,
// the ranking is written from the screen (never over a file without asking; the files are left
// in KIOSK_REGION_OUT for Python's readers), and every view is laid out at the smallest, the usual
// and the largest window in both languages.
#include <doctest/doctest.h>

#include <imgui_internal.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "auth/auth_service.hpp"
#include "fixture.hpp"
#include "headless.hpp"
#include "layout_check.hpp"
#include "region/store.hpp"
#include "store/audit_log.hpp"

using namespace kiosk;

namespace {

struct Desk {
    test::Fixture f;
    store::AuditLog audit{f.db};
    auth::AuthService auth{f.db, audit};
    region::RegionStore store;
    std::vector<region::RankedFacility> ranked;

    explicit Desk(region::RegionStore connected) : store(std::move(connected)) {
        f.state.services.audit = &audit;
        f.state.services.auth = &auth;
        f.state.services.region = &store;
        REQUIRE(auth.setPin(store::Role::Admin, "274918"));
        REQUIRE(auth.signIn(store::Role::Admin, "274918")->ok);
        REQUIRE(auth.setPin(store::Role::Auditor, "861302"));
        auth.signOut();
        REQUIRE(auth.signIn(store::Role::Auditor, "861302")->ok);
        for (const char* list : {"registered.csv", "regional.csv", "part_time.csv", "medcsc.csv"})
            REQUIRE(f.advisorService->importFile((test::dataDir() / "advisors" / list).string(), false, std::nullopt, skills::today()));
        auto rank = store.rank();
        REQUIRE_MESSAGE(rank, (rank ? "" : rank.error()));
        ranked = std::move(*rank);
    }
};

region::RegionStore connect() {
    const char* url = std::getenv("KIOSK_REGION_URL");
    REQUIRE_MESSAGE(url, "KIOSK_REGION_URL is not set: tests/region/region.sh runs this with the server it starts");
    auto store = region::RegionStore::connect(url);
    REQUIRE_MESSAGE(store, (store ? "" : store.error()));
    return std::move(*store);
}

ImGuiWindow* childWindow(std::string_view name) {
    for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
        if (window->Active && (window->Flags & ImGuiWindowFlags_ChildWindow) && std::string_view(window->Name).find(name) != std::string_view::npos)
            return window;
    return nullptr;
}

}  // namespace

TEST_CASE("the region screen: order of need, a facility's trend, a drag that scrolls, the ranking written") {
    Desk d(connect());
    auto& state = d.f.state;
    REQUIRE(d.ranked.size() >= 30);
    test::HeadlessUi ui(state, 1280, 800);
    state.screen = ui::Screen::Region;
    ui.frames(3);
    REQUIRE(state.screen == ui::Screen::Region);
    CHECK(state.region.error.empty());
    REQUIRE(state.region.ranked.size() == d.ranked.size());
    for (std::size_t i = 0; i < d.ranked.size(); ++i) CHECK(state.region.ranked[i].uuid == d.ranked[i].uuid);
    CHECK(state.region.selected == d.ranked.front().uuid);  // the facility most in need, to begin with
    CHECK(state.region.needing > 0);
    CHECK(state.region.covered <= state.region.needing);

    // A tap on the third facility: its trend, and the region is not read again for it.
    const auto* regionRead = state.region.ranked.data();
    REQUIRE(ui.tap(d.ranked[2].name));
    CHECK(state.region.selected == d.ranked[2].uuid);
    CHECK(static_cast<int>(state.region.trend.size()) == d.ranked[2].results);
    CHECK(state.region.ranked.data() == regionRead);
    // "Update" reads it again.
    REQUIRE(ui.tap(d.f.strings.get(Lang::Ja, "region.update")));
    CHECK(state.region.ranked.data() != regionRead);
    CHECK(state.region.selected == d.ranked[2].uuid);  // the choice is kept

    // A finger dragged up the list scrolls it and chooses nothing.
    ImGuiWindow* list = childWindow("ranked");
    REQUIRE(list);
    REQUIRE(list->ScrollMax.y > 200);
    const ImVec2 from{list->Pos.x + list->Size.x / 2, list->Pos.y + list->Size.y - 40};
    ui.drag(from, {from.x, from.y - 300});
    CHECK(list->Scroll.y > 200);
    CHECK(state.region.selected == d.ranked[2].uuid);

    // The ranking written from the screen: XLSX, then CSV; an existing file only replaced after a yes.
    const char* out = std::getenv("KIOSK_REGION_OUT");
    const test::TempDir temp;
    const std::filesystem::path folder = out ? std::filesystem::path(out) : temp.path();
    REQUIRE(ui.tap(d.f.strings.get(Lang::Ja, "region.export")));
    REQUIRE(state.region.showExport);
    ui.frames(2);
    state.region.path = (folder / "screen-ranking.xlsx").string();
    state.region.pathEdited = true;
    REQUIRE(ui.tap(d.f.strings.get(Lang::Ja, "region.export_button")));
    CHECK(state.region.exportError.empty());
    CHECK(state.region.written == (folder / "screen-ranking.xlsx").string());
    CHECK(test::readFile(folder / "screen-ranking.xlsx").substr(0, 2) == "PK");
    REQUIRE(ui.tap("CSV"));
    state.region.path = (folder / "screen-ranking.csv").string();
    test::writeFile(folder / "screen-ranking.csv", "keep me\n");
    REQUIRE(ui.tap(d.f.strings.get(Lang::Ja, "region.export_button")));
    CHECK(state.region.confirmOverwrite);
    CHECK(test::readFile(folder / "screen-ranking.csv") == "keep me\n");
    REQUIRE(ui.tap(d.f.strings.get(Lang::Ja, "matrix.cancel")));
    CHECK(test::readFile(folder / "screen-ranking.csv") == "keep me\n");
    REQUIRE(ui.tap(d.f.strings.get(Lang::Ja, "region.export_button")));
    REQUIRE(ui.tap(d.f.strings.get(Lang::Ja, "matrix.overwrite")));
    const std::string csv = test::readFile(folder / "screen-ranking.csv");
    CHECK(csv.rfind("\xEF\xBB\xBF順位,", 0) == 0);
    CHECK(csv.find(d.ranked.front().name) != std::string::npos);
    // A path the kiosk cannot write: said on the screen, nothing else changes.
    state.region.path = "/proc/medsec-ranking.csv";
    REQUIRE(ui.tap(d.f.strings.get(Lang::Ja, "region.export_button")));
    CHECK_FALSE(state.region.exportError.empty());
    CHECK(state.region.written.empty());
    CHECK(state.screen == ui::Screen::Region);

    // The idle reset forgets the choice and the panel; the next person starts from the top.
    ui::idleReset(state);
    CHECK(state.region.selected.empty());
    CHECK_FALSE(state.region.showExport);
}

TEST_CASE("the region screen is laid out at every window size, in both languages") {
    Desk d(connect());
    auto& state = d.f.state;
    struct Size {
        float width, height;
    };
    for (const Size size : {Size{1024, 600}, Size{1280, 800}, Size{1920, 1080}}) {
        for (const Lang lang : {Lang::Ja, Lang::En}) {
            test::HeadlessUi ui(state, size.width, size.height);
            state.lang = lang;
            state.region = ui::RegionState{};
            state.screen = ui::Screen::Region;
            const std::string at = fmt::format("{}x{} {}", size.width, size.height, lang == Lang::Ja ? "ja" : "en");
            test::report("heat map, " + at, test::drawAndCheck(ui, state));
            state.region.tab = 1;
            test::report("trend, " + at, test::drawAndCheck(ui, state));
            state.region.showExport = true;
            test::report("export panel, " + at, test::drawAndCheck(ui, state));
            state.region.tab = 0;
            test::report("export panel over the heat map, " + at, test::drawAndCheck(ui, state));
        }
    }
}
