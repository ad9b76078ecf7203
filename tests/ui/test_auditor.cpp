// The auditor's workspace, driven through the screen: staff cannot open it, an auditor sees every
// assessment and filters them, compares two results domain by domain, and plans a gap (owner,
// target date, status), which is stored, audited as the auditor, and refused with a reason when the
// date is not one; the next result shows which planned items are now in place.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <string>

#include "auth/auth_service.hpp"
#include "fixture.hpp"
#include "headless.hpp"
#include "store/audit_log.hpp"
#include "store/plan_store.hpp"
#include "export/export_service.hpp"
#include "util/file.hpp"
#include "util/hash.hpp"

using namespace kiosk;
using store::Role;

namespace {

struct Workspace {
    explicit Workspace(const std::string& database = ":memory:") : f(database) { setUp(); }
    test::Fixture f;
    store::AuditLog audit{f.db};
    auth::AuthService auth{f.db, audit};
    store::PlanStore plans{f.db, &audit};
    exporting::Exporter exporter{f.db, &audit, {&f.catalog.domains, &f.skillCatalog}};
    std::string before, after;  // two measures assessments, completed in this order
    void setUp() {
        f.state.services.audit = &audit;
        f.state.services.auth = &auth;
        f.state.services.plans = &plans;
        f.state.services.exporter = &exporter;
        before = test::completeScenario(f, "hospital_150_no_security_staff");
        REQUIRE(f.scoring->resultFor(before));
        after = test::completeScenario(f, "clinic_19_beds");
        REQUIRE(f.scoring->resultFor(after));
        REQUIRE(auth.setPin(Role::Admin, "274918"));
        REQUIRE(auth.signIn(Role::Admin, "274918")->ok);
        REQUIRE(auth.setPin(Role::Auditor, "482915"));
        auth.signOut();
    }
    // Signed in as the auditor, with the workspace open.
    void open(test::HeadlessUi& ui) {
        REQUIRE(auth.signIn(Role::Auditor, "482915")->ok);
        ui::openGated(f.state, kiosk::auth::Gate::Exports, ui::Screen::Auditor);
        ui.frames(2);
        REQUIRE(f.state.screen == ui::Screen::Auditor);
    }
};

}  // namespace

TEST_CASE("staff cannot open the auditor's workspace; the auditor's PIN opens it") {
    Workspace w;
    auto& f = w.f;
    test::HeadlessUi ui(f.state);
    ui::goHome(f.state);
    f.state.screen = ui::Screen::Auditor;  // as if the card had been bypassed
    ui.frames(2);
    REQUIRE(f.state.screen == ui::Screen::SignIn);
    CHECK(f.state.signIn.role == Role::Auditor);
    CHECK(f.state.auditor.rows.empty());  // nothing was read for staff
    for (char c : std::string("482915")) REQUIRE(ui.tap(std::string(1, c)));
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "signin.sign_in")));
    ui.frames(2);
    CHECK(f.state.screen == ui::Screen::Auditor);
    CHECK(w.auth.current() == Role::Auditor);
    // Both profiles and both measures assessments, completed.
    CHECK(f.state.auditor.rows.size() == 4);
}

TEST_CASE("the auditor filters the assessments, compares two results and plans a gap") {
    Workspace w;
    auto& f = w.f;
    test::HeadlessUi ui(f.state, 1280, 800);
    w.open(ui);

    // Only the security-measures questionnaire: the two scored assessments.
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.filters")));
    REQUIRE(ui.tap(f.catalog.find("security_measures")->title.ja));
    ui.frames(1);
    const auto scoredRows = std::count_if(f.state.auditor.rows.begin(), f.state.auditor.rows.end(),
                                          [&](const ui::AuditorRow& r) { return r.summary.record.questionnaireId == "security_measures"; });
    CHECK(scoredRows == 2);
    CHECK(f.state.auditor.questionnaire == "security_measures");

    // Comparing needs two chosen; with both chosen the older result is on the left.
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.compare")));
    CHECK_FALSE(f.state.auditor.error.empty());
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.filters")));  // closed: the list has the room
    REQUIRE(ui.tap("##compare", 0));
    REQUIRE(ui.tap("##compare", 1));
    CHECK(f.state.auditor.compare.size() == 2);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.compare")));
    REQUIRE(f.state.auditor.view == ui::AuditorView::Compare);
    REQUIRE(f.state.auditor.left);
    REQUIRE(f.state.auditor.right);
    CHECK(f.state.auditor.left->assessment == w.before);
    CHECK(f.state.auditor.right->assessment == w.after);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.back_to_list")));
    CHECK(f.state.auditor.view == ui::AuditorView::List);

    // The plan of the older result: its first gap gets an owner, a date typed the Japanese way and
    // a status.
    const auto older = std::find_if(f.state.auditor.rows.begin(), f.state.auditor.rows.end(),
                                    [&](const ui::AuditorRow& r) { return r.summary.record.uuid == w.before; });
    REQUIRE(older != f.state.auditor.rows.end());
    f.state.auditor.sort = 1;  // oldest first: the older result's buttons come first
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.open_plan")));
    REQUIRE(f.state.auditor.view == ui::AuditorView::Plan);
    REQUIRE(f.state.auditor.planFor == w.before);
    const auto gaps = f.state.auditor.planResult->gaps;
    REQUIRE(gaps.size() >= 2);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.plan_add")));
    REQUIRE(f.state.auditor.draft);
    CHECK(f.state.auditor.draft->entry.item == gaps[0]);
    f.state.auditor.draft->entry.owner = "医療情報部 課長";
    f.state.auditor.draft->entry.targetDate = "令和9年3月31日";
    REQUIRE(ui.tap(exporting::planStatusLabel(exporting::PlanStatus::InProgress).ja));
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.plan_save")));
    CHECK_FALSE(f.state.auditor.draft);
    auto plan = w.plans.list(w.before);
    REQUIRE(plan);
    REQUIRE(plan->size() == 1);
    CHECK(plan->front().item == gaps[0]);
    CHECK(plan->front().owner == "医療情報部 課長");
    CHECK(plan->front().targetDate == "2027-03-31");
    CHECK(plan->front().status == exporting::PlanStatus::InProgress);
    auto events = w.audit.list({std::nullopt, std::nullopt, std::string("plan.")});
    REQUIRE(events);
    REQUIRE(events->size() == 1);
    CHECK(events->front().role == Role::Auditor);
    CHECK(events->front().event.subject == w.before);

    // A date that is not one is refused with the reason, and nothing more is stored.
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.plan_add")));
    REQUIRE(f.state.auditor.draft);
    f.state.auditor.draft->entry.targetDate = "2027-02-30";
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.plan_save")));
    REQUIRE(f.state.auditor.draft);
    CHECK_FALSE(f.state.auditor.draft->error.empty());
    CHECK(w.plans.list(w.before)->size() == 1);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "matrix.cancel")));

    // The newer result shows how the older plan turned out.
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.back_to_list")));
    f.state.auditor.sort = 0;
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.open_plan")));
    REQUIRE(f.state.auditor.planFor == w.after);
    REQUIRE(f.state.auditor.planResult->change);
    CHECK(f.state.auditor.planResult->change->previousAssessment == w.before);
    REQUIRE(f.state.auditor.previousPlan.size() == 1);
    CHECK(f.state.auditor.previousPlan.front().item == gaps[0]);
}

TEST_CASE("a result opened from the workspace leads back to it") {
    Workspace w;
    auto& f = w.f;
    test::HeadlessUi ui(f.state, 1280, 800);
    w.open(ui);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.open_result")));
    REQUIRE(f.state.screen == ui::Screen::Results);
    REQUIRE(f.state.results.result);
    CHECK(f.state.results.result->assessment == w.after);  // newest first
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.back_to_list")));
    CHECK(f.state.screen == ui::Screen::Auditor);
}

TEST_CASE("the auditor exports from the workspace: the full path is shown, an existing file waits for a yes, the export is audited") {
    Workspace w;
    auto& f = w.f;
    const test::TempDir dir;
    const auto path = dir / "report.html";
    test::HeadlessUi ui(f.state, 1280, 800);
    w.open(ui);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.export")));
    REQUIRE(f.state.auditor.showExport);
    REQUIRE(ui.tap("HTML"));
    CHECK(f.state.auditor.format == "html");
    CHECK(f.state.auditor.path.ends_with(".html"));  // the default name follows the format
    f.state.auditor.path = path.string();
    f.state.auditor.pathEdited = true;
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.export_button")));
    ui.frames(3);  // "exporting…" is drawn, then the export runs
    CHECK_MESSAGE(f.state.auditor.error.empty(), f.state.auditor.error);
    REQUIRE(std::filesystem::exists(path));
    const auto first = readFile(path);
    REQUIRE(first);
    CHECK(first->find("<html") != std::string::npos);
    REQUIRE(f.state.auditor.written.size() == 1);
    CHECK(f.state.auditor.written[0] == std::filesystem::absolute(path).lexically_normal().string());
    auto events = w.audit.list({std::nullopt, std::nullopt, std::string("export.")});
    REQUIRE(events);
    REQUIRE(events->size() == 1);
    CHECK(events->front().role == Role::Auditor);
    CHECK(events->front().event.details.find(sha256Hex(*first)) != std::string::npos);

    // Again to the same file: nothing is written until the auditor says yes.
    test::writeFile(path, "keep me\n");
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.export_button")));
    CHECK(f.state.auditor.confirmOverwrite);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "matrix.cancel")));
    ui.frames(3);
    CHECK(test::readFile(path) == "keep me\n");
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.export_button")));
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "matrix.overwrite")));
    ui.frames(3);
    CHECK(test::readFile(path).find("<html") != std::string::npos);
    CHECK(w.audit.list({std::nullopt, std::nullopt, std::string("export.")})->size() == 2);
}

TEST_CASE("an export of a database on disk runs on its own thread with a progress bar, and the kiosk keeps drawing") {
    const test::TempDir dir;
    Workspace w((dir / "kiosk.db").string());
    auto& f = w.f;
    const auto path = dir / "all.csv";
    test::HeadlessUi ui(f.state, 1280, 800);
    w.open(ui);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.export")));
    REQUIRE(ui.tap("CSV"));
    f.state.auditor.path = path.string();
    f.state.auditor.pathEdited = true;
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.export_button")));
    REQUIRE(f.state.auditor.job);  // started, not run inside the frame
    int frames = 0;
    while (f.state.auditor.job && frames < 3000) {
        ui.frames(1);
        ++frames;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE_FALSE(f.state.auditor.job);
    CHECK_MESSAGE(f.state.auditor.error.empty(), f.state.auditor.error);
    REQUIRE(f.state.auditor.written.size() == 3);
    for (const auto& file : f.state.auditor.written) CHECK(std::filesystem::exists(file));
    // Recorded from the job's own connection, as the auditor, and the chain still holds.
    auto events = w.audit.list({std::nullopt, std::nullopt, std::string("export.")});
    REQUIRE(events);
    CHECK(events->size() == 3);
    for (const auto& e : *events) CHECK(e.role == Role::Auditor);
    auto broken = w.audit.verify();
    REQUIRE(broken);
    CHECK_FALSE(*broken);

    // An idle reset while an export runs: the screens are reset at once and nothing of the
    // export is left in them; the export goes on in the background and is recorded.
    f.state.auditor.showExport = true;
    f.state.auditor.written.clear();  // the panel as it opens, with its button on screen
    f.state.auditor.message.clear();
    f.state.auditor.path = (dir / "again.csv").string();
    f.state.auditor.pathEdited = true;
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "auditor.export_button")));
    REQUIRE(f.state.auditor.job);
    ui::idleReset(f.state);
    CHECK_FALSE(f.state.auditor.job);
    CHECK(f.state.screen == ui::Screen::Home);
    for (frames = 0; !f.state.background.empty() && frames < 3000; ++frames) {
        ui.frames(1);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(f.state.background.empty());
    CHECK(std::filesystem::exists(dir / "again-answers.csv"));
    events = w.audit.list({std::nullopt, std::nullopt, std::string("export.")});
    REQUIRE(events);
    CHECK(events->size() == 6);
}
