// Every screen at the smallest and largest supported windows and at DPI scale 2, in both
// languages: no text cut off, no texts on top of each other, every touch target 48 px tall.
// Also: typed kanji are drawn with their own glyphs from the next frame on, a finger drag
// scrolls, the number keypad and the date picker answer without a keyboard.
#include <doctest/doctest.h>

#include <chrono>

#include <fmt/format.h>

#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "auth/auth_service.hpp"
#include "fixture.hpp"
#include "headless.hpp"
#include "layout_check.hpp"
#include "store/audit_log.hpp"
#include "export/export_service.hpp"
#include "store/plan_store.hpp"
#include "ui/fonts.hpp"
#include "util/dates.hpp"

using namespace kiosk;
using test::Fixture;
using test::drawAndCheck;
using test::report;

namespace {

struct Size {
    float width, height, scale;
    std::string name() const { return fmt::format("{}x{} at scale {}", width, height, scale); }
};

// Logical sizes: 1920×1080 at the scale the kiosk chooses for it (1.35) and at 1.0; 2048×1200 at
// scale 2 is 1024×600 logical with glyphs rasterised twice as large.
const std::vector<Size> kSizes{{1024, 600, 1}, {1280, 800, 1}, {1920 / 1.35f, 1080 / 1.35f, 1.35f}, {1920, 1080, 1}, {1024, 600, 2}};

// A kiosk with a completed profile and measures, an assessment in progress and 40 people.
struct World {
    Fixture f;
    std::string resultUuid;
    World() {
        resultUuid = test::completeScenario(f, "clinic_19_beds");
        REQUIRE(f.skillService->importCsv(test::readFile(test::dataDir() / "people" / "staff_40.csv"), false));
        const skills::Date day{std::chrono::year{2026}, std::chrono::November, std::chrono::day{24}};
        for (const char* list : {"registered.csv", "regional.csv", "part_time.csv", "medcsc.csv"})
            REQUIRE(f.advisorService->importFile((test::dataDir() / "advisors" / list).string(), false, std::nullopt, day));
        auto active = f.service.start(*f.catalog.find("practice"), Lang::Ja);
        REQUIRE(active);
        REQUIRE(f.service.answer(*active, "role", assessment::Answer::option("clerical")));
    }
};

// Two nurses of one name, one in outpatients (外来) and one on the ward (病棟).
constexpr const char* kNamesake = "佐藤 一郎";
void addNamesakes(Fixture& f) {
    skills::Person a;
    a.name = kNamesake;
    a.role = "nurse";
    a.department = "外来";
    a.latest = skills::SkillSnapshot{};
    skills::Person b = a;
    b.department = "病棟";
    REQUIRE(f.skillService->recordByAdmin(a));
    REQUIRE(f.skillService->recordByAdmin(b));
}

}  // namespace

TEST_CASE("the matrix never overwrites a file without asking, and shows where it writes") {
    World w;
    auto& f = w.f;
    const test::TempDir dir;
    const auto path = dir / "staff.csv";
    test::writeFile(path, "keep me\n");
    test::HeadlessUi ui(f.state, 1280, 800);
    f.state.screen = ui::Screen::Matrix;
    f.state.matrix.panel = ui::MatrixPanel::File;
    f.state.matrix.path = path.string();
    ui.frames(2);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "matrix.export")));
    CHECK(f.state.matrix.confirmOverwrite == path.string());
    CHECK(test::readFile(path) == "keep me\n");  // nothing written yet
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "matrix.cancel")));
    CHECK(f.state.matrix.confirmOverwrite.empty());
    CHECK(test::readFile(path) == "keep me\n");
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "matrix.export")));
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "matrix.overwrite")));
    CHECK(test::readFile(path).find("name") != std::string::npos);  // the people, with their header row
    CHECK(f.state.matrix.error.empty());
    // A new file is written at once.
    f.state.matrix.path = (dir / "new.csv").string();
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "matrix.export")));
    CHECK(std::filesystem::exists(dir / "new.csv"));
}

TEST_CASE("every screen lays out at every supported size and scale, in both languages") {
    World w;
    auto& f = w.f;
    for (const Size& size : kSizes) {
        test::HeadlessUi ui(f.state, size.width, size.height, size.scale);
        REQUIRE_MESSAGE(ui.fontStatus(), ui.fontStatus().error());
        for (Lang lang : {Lang::Ja, Lang::En}) {
            f.state.lang = lang;
            const std::string at = fmt::format("{}, {}", size.name(), lang == Lang::Ja ? "ja" : "en");

            ui::goHome(f.state);
            report("Home, " + at, drawAndCheck(ui, f.state));

            // Every question of every questionnaire, with the help panel on the first of each.
            for (const auto& q : f.catalog.questionnaires) {
                auto active = f.service.start(q, lang);
                REQUIRE(active);
                ui::openAssessment(f.state, std::move(*active));
                f.state.lang = lang;
                auto& session = f.state.assessment.active->session;
                for (int i = 0; i < session.questionCount(); ++i) {
                    if (!session.isVisible(i)) continue;
                    ui::showQuestion(f.state, i);
                    f.state.assessment.showHelp = i == session.first();
                    report(fmt::format("{} question {}, {}", q.id, session.question(i).id, at), drawAndCheck(ui, f.state));
                }
                f.state.assessment.showHelp = false;
                f.state.assessment.showOverview = true;
                report(fmt::format("{} overview, {}", q.id, at), drawAndCheck(ui, f.state));
            }
            f.state.screen = ui::Screen::Completion;
            report("Completion, " + at, drawAndCheck(ui, f.state));
            f.state.completion.confirming = true;
            report("Completion asking to confirm, " + at, drawAndCheck(ui, f.state));
            f.state.completion.confirming = false;

            ui::showResults(f.state, w.resultUuid);
            REQUIRE(f.state.results.result);
            for (auto tab : {ui::ResultsTab::Gaps, ui::ResultsTab::Routes, ui::ResultsTab::Actions, ui::ResultsTab::Reasons}) {
                f.state.results.tab = tab;
                report(fmt::format("Results tab {}, {}", static_cast<int>(tab), at), drawAndCheck(ui, f.state));
            }
            // The external-advisors tab's candidates, the prefecture chooser, and an empty match.
            auto& advisors = f.state.results.advisors;
            f.state.results.tab = ui::ResultsTab::Routes;
            advisors.shown = true;
            advisors.on = skills::Date{std::chrono::year{2026}, std::chrono::November, std::chrono::day{24}};
            f.state.facilityPrefecture = "13";
            advisors.stale = true;
            report("Advisor candidates, " + at, drawAndCheck(ui, f.state));
            REQUIRE(advisors.match);
            CHECK(advisors.match->candidates.size() == 7);
            advisors.choosingPrefecture = true;
            report("Prefecture chooser, " + at, drawAndCheck(ui, f.state));
            advisors.choosingPrefecture = false;
            f.state.facilityPrefecture = "47";
            advisors.options.needOnSite = true;
            advisors.stale = true;
            report("No advisor matches, " + at, drawAndCheck(ui, f.state));
            CHECK(advisors.match->candidates.empty());
            f.state.facilityPrefecture.clear();

            ui::goHome(f.state);
            f.state.screen = ui::Screen::Matrix;
            report("Matrix, " + at, drawAndCheck(ui, f.state));
            auto& m = f.state.matrix;
            REQUIRE(!m.people.empty());
            m.selected = m.people.front().id;
            report("Matrix with a person, " + at, drawAndCheck(ui, f.state));
            m.draft = ui::PersonDraft{};
            m.draft->person.role = "nurse";
            m.draft->person.latest = skills::SkillSnapshot{};
            report("Person editor, " + at, drawAndCheck(ui, f.state));
            m.draft.reset();
            m.selected = 0;

            // Sign-in (choosing the first admin PIN, then signing in) and the audit log.
            {
                store::AuditLog audit(f.db);
                auth::AuthService access(f.db, audit);
                f.state.services.audit = &audit;
                f.state.services.auth = &access;
                const bool hasAdmin = access.hasPin(store::Role::Admin).value();
                ui::goHome(f.state);
                report("Home with sign-in, " + at, drawAndCheck(ui, f.state));
                ui::openGated(f.state, auth::Gate::SkillMatrix, ui::Screen::Matrix);
                report(hasAdmin ? "Sign-in, " + at : "Choosing the admin PIN, " + at, drawAndCheck(ui, f.state));
                if (!hasAdmin) REQUIRE(access.setPin(store::Role::Admin, "274918"));
                ui::openGated(f.state, auth::Gate::AuditLogView, ui::Screen::AuditLog);
                f.state.signIn.error = "PIN が違います。あと 4 回間違えると、しばらくログインできなくなります。";
                report("Sign-in with an error, " + at, drawAndCheck(ui, f.state));
                REQUIRE(access.signIn(store::Role::Admin, "274918")->ok);
                f.state.screen = ui::Screen::AuditLog;
                f.state.auditView.stale = true;
                report("Audit log, " + at, drawAndCheck(ui, f.state));
                f.state.auditView.days = 7;
                f.state.auditView.filter = "plan.";  // nothing matches: the screen says so
                f.state.auditView.stale = true;
                report("Audit log, nothing in the period, " + at, drawAndCheck(ui, f.state));
                f.state.auditView = ui::AuditViewState{};
                if (!access.hasPin(store::Role::Trainer).value()) REQUIRE(access.setPin(store::Role::Trainer, "583920"));
                f.state.screen = ui::Screen::Settings;
                f.state.settings.confirmRemove = store::Role::Trainer;
                f.state.settings.message = "研修担当の PIN を保存しました。";
                report("Settings, removing a PIN, " + at, drawAndCheck(ui, f.state));
                f.state.settings = ui::SettingsState{};

                // The auditor's workspace: the list with its filters, two results compared, a plan
                // with one gap planned and another being edited.
                store::PlanStore plans(f.db, &audit);
                f.state.services.plans = &plans;
                f.state.auditor = ui::AuditorState{};
                f.state.screen = ui::Screen::Auditor;
                f.state.auditor.showFilters = true;
                report("Auditor's workspace with filters, " + at, drawAndCheck(ui, f.state));
                f.state.auditor.showFilters = false;
                report("Auditor's workspace, " + at, drawAndCheck(ui, f.state));
                exporting::Exporter exporter(f.db, &audit, {&f.catalog.domains, &f.skillCatalog});
                f.state.services.exporter = &exporter;
                f.state.auditor.showExport = true;
                f.state.auditor.confirmOverwrite = true;
                f.state.auditor.message = "3 個のファイルを書き出しました";
                f.state.auditor.written = {"/home/kiosk/medsec-kiosk-2026-11-27-answers.csv", "/home/kiosk/medsec-kiosk-2026-11-27-results.csv"};
                report("Auditor's workspace exporting, " + at, drawAndCheck(ui, f.state));
                f.state.auditor.showExport = false;
                f.state.services.exporter = nullptr;
                REQUIRE(f.state.auditor.rows.size() >= 2);
                f.state.auditor.left = f.state.auditor.right = f.state.results.result;
                f.state.auditor.view = ui::AuditorView::Compare;
                report("Results compared, " + at, drawAndCheck(ui, f.state));
                auto scored = f.scoring->resultFor(w.resultUuid);
                REQUIRE(scored);
                REQUIRE(scored->gaps.size() >= 2);
                if (plans.list(w.resultUuid)->empty())
                    REQUIRE(plans.set(w.resultUuid, {scored->gaps[0], "医療情報部 課長", "2027-03-31", exporting::PlanStatus::InProgress,
                                                     "ベンダーと契約内容を確認中"}));
                f.state.auditor.view = ui::AuditorView::Plan;
                f.state.auditor.planFor = w.resultUuid;
                f.state.auditor.planResult = *scored;
                f.state.auditor.plan = plans.list(w.resultUuid).value();
                f.state.auditor.previousPlan = f.state.auditor.plan;
                f.state.auditor.draft = ui::PlanDraftState{{scored->gaps[1], "", "R9.3.31", exporting::PlanStatus::Planned, ""}, "期限の日付が読めません"};
                report("Improvement plan being edited, " + at, drawAndCheck(ui, f.state));
                f.state.auditor = ui::AuditorState{};
                f.state.services.plans = nullptr;

                // The trainer's console: a session with finished runs before and after, its
                // aggregate, the new-session form and closing; then a participant joining and a debrief.
                access.signOut();
                REQUIRE(access.signIn(store::Role::Trainer, "583920")->ok);
                const auto& exercise = *f.catalog.find("ransomware_night");
                if (f.workshops.sessions()->empty()) {
                    auto session = f.workshops.create({"夜間対応研修 11月（第2回）", {"ransomware_night", "vpn_advisory"}});
                    REQUIRE(session);
                    int n = 0;
                    for (const auto& [nickname, phase] : {std::pair{"さくら", workshop::Phase::Pre}, std::pair{"ひな", workshop::Phase::Pre},
                                                          std::pair{"さくら", workshop::Phase::Post}}) {
                        auto participant = f.workshops.join(session->uuid, nickname);
                        REQUIRE(participant);
                        auto run = f.service.start(exercise, Lang::Ja);
                        REQUIRE(run);
                        for (const auto& q : exercise.questions)
                            REQUIRE(f.service.answer(*run, q.id, assessment::Answer::option(q.options[static_cast<std::size_t>(n++ % 3)].id)));
                        REQUIRE(f.workshops.addRun(participant->uuid, exercise.id, phase, run->uuid));
                        REQUIRE(f.service.complete(*run));
                    }
                }
                f.state.console = ui::WorkshopConsoleState{};
                f.state.screen = ui::Screen::Workshops;
                report("Trainer's console, " + at, drawAndCheck(ui, f.state));
                f.state.console.confirmClose = true;
                f.state.console.message = "取り込みました：参加者 1 人、回答 2 件が加わりました。";
                report("Trainer's console closing, " + at, drawAndCheck(ui, f.state));
                f.state.console.creating = true;
                f.state.console.name = "新しい研修";
                report("New workshop session, " + at, drawAndCheck(ui, f.state));
                f.state.console = ui::WorkshopConsoleState{};
                access.signOut();

                const auto session = f.workshops.sessions()->front();
                ui::goHome(f.state);
                f.state.screen = ui::Screen::WorkshopJoin;
                f.state.workshop.code = session.code;
                f.state.workshop.error = "参加するには、回答を集計に使うことへの同意が必要です。";
                report("Joining a workshop, " + at, drawAndCheck(ui, f.state));
                f.state.workshop.error.clear();
                f.state.workshop.session = session;
                f.state.workshop.participant = f.workshops.join(session.uuid, "かえで").value();
                report("Joined a workshop, " + at, drawAndCheck(ui, f.state));
                auto debriefed = f.service.start(exercise, Lang::Ja);
                REQUIRE(debriefed);
                for (const auto& q : exercise.questions)
                    REQUIRE(f.service.answer(*debriefed, q.id, assessment::Answer::option(q.options.back().id)));
                ui::openAssessment(f.state, std::move(*debriefed));
                f.state.lang = lang;
                f.state.screen = ui::Screen::WorkshopDebrief;
                report("Workshop debrief, " + at, drawAndCheck(ui, f.state));
                ui::goHome(f.state);
                f.state.services.audit = nullptr;
                f.state.services.auth = nullptr;
            }

            f.state.screen = ui::Screen::StartupError;
            f.state.startupError = "kiosk.db is an SQLite database of another program; it has been left untouched.";
            report("Startup error, " + at, drawAndCheck(ui, f.state));
            ui::goHome(f.state);
        }
    }
    CHECK(f.strings.missing().empty());
}

TEST_CASE("the matrix shows at least 8 people and 6 skills on a 1024x600 screen") {
    World w;
    auto& f = w.f;
    for (float scale : {1.0f, 2.0f}) {
        test::HeadlessUi ui(f.state, 1024, 600, scale);
        f.state.screen = ui::Screen::Matrix;
        ui.frames(3);
        ui::collectTouchTargets(true);
        ui.frames(1);
        const auto targets = ui::takeTouchTargets();
        ui::collectTouchTargets(false);
        int people = 0, skills = 0;
        const std::regex skillHeader(R"([0-9]+$)");  // the skill columns are headed by a short name and a number
        for (const auto& t : targets) {
            const bool wholeHeight = t.min.y >= t.clipMin.y - 0.5f && t.max.y <= t.clipMax.y + 0.5f;
            const bool wholeWidth = t.min.x >= t.clipMin.x - 0.5f && t.max.x <= t.clipMax.x + 0.5f;
            if (!wholeHeight) continue;
            for (const auto& p : f.state.matrix.people)
                if (t.label == p.name) ++people;  // a row spans every column: only its height counts
            if (wholeWidth && std::regex_search(t.label, skillHeader)) ++skills;
        }
        CHECK_MESSAGE(people >= 8, "people rows in full view: " << people);
        CHECK_MESSAGE(skills >= 6, "skill columns in full view: " << skills);
    }
}

TEST_CASE("the screens draw every touch target through the widgets, which note it") {
    // ImGui's own controls would escape the 48 px check; the screens use the wrappers instead.
    const std::regex direct(R"(ImGui::(Button|SmallButton|InvisibleButton|Selectable|Checkbox|RadioButton|BeginCombo|InputText\w*|TableHeadersRow|TableHeader|SliderInt|SliderFloat|DragInt|DragFloat)\()");
    int screens = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::sourceDir() / "src" / "ui")) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("screen_", 0) != 0) continue;
        ++screens;
        const std::string text = test::readFile(entry.path());
        std::smatch match;
        CHECK_MESSAGE(!std::regex_search(text, match, direct), name << " calls " << match.str());
    }
    CHECK(screens >= 6);
}

TEST_CASE("a typed name is drawn with its own glyphs from the next frame on") {
    Fixture f;
    test::HeadlessUi ui(f.state);
    auto active = f.service.start(*f.catalog.find("staff_skills"), Lang::Ja);
    REQUIRE(active);
    ui::openAssessment(f.state, std::move(*active));
    auto& session = f.state.assessment.active->session;
    int name = -1;
    for (int i = 0; i < session.questionCount(); ++i)
        if (session.question(i).id == "name") name = i;
    REQUIRE(name >= 0);
    ui::showQuestion(f.state, name);
    ui.frames(3);
    const int before = ui::fallbackGlyphsDrawn(f.state, *ImGui::GetDrawData());
    // 髙 and 﨑 are in no content: the atlas has them only once they are typed.
    ImGui::GetIO().AddInputCharactersUTF8("髙﨑 花子");
    ui.frames(1);
    CHECK(f.state.assessment.buffer == "髙﨑 花子");
    ui.frames(1);  // the atlas is rebuilt between frames
    CHECK(ui::fallbackGlyphsDrawn(f.state, *ImGui::GetDrawData()) == before);
    CHECK(f.state.fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(U'髙')));
    CHECK(f.state.fonts.large->FindGlyphNoFallback(static_cast<ImWchar>(U'﨑')));
}

TEST_CASE("a finger dragged up a scrolling region scrolls it, and the button under it does not fire") {
    World w;
    auto& f = w.f;
    test::HeadlessUi ui(f.state, 1024, 600);
    ui::goHome(f.state);
    ui.frames(3);
    ImGuiWindow* list = nullptr;
    for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
        if (window->Active && window->ScrollMax.y > 100 && (window->Flags & ImGuiWindowFlags_ChildWindow)) list = window;
    REQUIRE(list);
    CHECK(list->Scroll.y == 0);
    const ImVec2 from{list->Pos.x + list->Size.x / 2, list->Pos.y + list->Size.y - 60};
    ui.drag(from, {from.x, from.y - 200});
    CHECK(list->Scroll.y > 150);
    CHECK(f.state.screen == ui::Screen::Home);  // the card under the finger was not opened
    const float scrolled = list->Scroll.y;
    // A flick keeps going for a moment after the finger lifts, then stops.
    ui.frames(120);
    CHECK(list->Scroll.y >= scrolled);
    CHECK_FALSE(f.state.animating);
}

TEST_CASE("a number is entered with the on-screen keypad and a date with the picker, without a keyboard") {
    Fixture f;
    test::HeadlessUi ui(f.state, 1024, 600);
    auto active = f.service.start(*f.catalog.find("practice"), Lang::Ja);
    REQUIRE(active);
    ui::openAssessment(f.state, std::move(*active));
    auto& s = f.state.assessment;
    auto& session = s.active->session;
    const auto indexOfQuestion = [&](std::string_view id) {
        for (int i = 0; i < session.questionCount(); ++i)
            if (session.question(i).id == id) return i;
        return -1;
    };
    ui::showQuestion(f.state, indexOfQuestion("pcs_in_department"));
    ui.frames(2);
    for (const char* key : {"1", "2", "5", "←"}) REQUIRE(ui.tap(key));
    CHECK(s.buffer == "12");
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "assessment.next")));
    REQUIRE(session.answer("pcs_in_department"));
    CHECK(*session.answer("pcs_in_department")->number == 12);

    // The picker starts from today; "−" on the year goes back one year.
    ui::showQuestion(f.state, indexOfQuestion("last_training"));
    ui.frames(2);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "assessment.date_today")));
    const auto today = dates::today();
    CHECK(s.buffer == dates::iso(today));
    REQUIRE(ui.tap("−"));  // the first is the year's
    auto picked = dates::fromIso(s.buffer);
    REQUIRE(picked);
    CHECK(picked->year == today.year - 1);
    const std::string pickedIso = s.buffer;
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "assessment.next")));
    REQUIRE(session.answer("last_training"));
    CHECK(session.answer("last_training")->text == pickedIso);

    // Typed in the era form, saved as ISO.
    ui::showQuestion(f.state, indexOfQuestion("last_training"));
    ui.frames(2);
    ui.frames(2);
    REQUIRE(ImGui::GetIO().WantTextInput);
    for (std::size_t i = 0; i < 10; ++i) ui.press(test::Backspace);
    ImGui::GetIO().AddInputCharactersUTF8("R4.4.1");
    ui.frames(2);
    CHECK(s.buffer == "R4.4.1");
    ui.press(test::Enter);
    REQUIRE(session.answer("last_training"));
    CHECK(session.answer("last_training")->text == "2022-04-01");
}

TEST_CASE("an out-of-range number keeps the field and its error goes as soon as the value is valid") {
    Fixture f;
    test::HeadlessUi ui(f.state);
    auto active = f.service.start(*f.catalog.find("practice"), Lang::Ja);
    REQUIRE(active);
    ui::openAssessment(f.state, std::move(*active));
    auto& s = f.state.assessment;
    for (int i = 0; i < s.active->session.questionCount(); ++i)
        if (s.active->session.question(i).id == "pcs_in_department") ui::showQuestion(f.state, i);
    ui.frames(3);
    ImGui::GetIO().AddInputCharactersUTF8("9999");
    ui.frames(2);
    ui.press(test::Enter);
    CHECK_FALSE(s.error.empty());
    ui.frames(2);
    CHECK(ImGui::GetIO().WantTextInput);  // the field still has the keyboard
    ui.press(test::Backspace);
    ui.press(test::Backspace);
    ui.frames(1);
    CHECK(s.buffer == "99");
    CHECK(s.error.empty());  // valid now: the error is gone before moving on
}

TEST_CASE("the UI scale follows the window and the monitor, and never shrinks below 1") {
    CHECK(ui::chooseScale(1280, 800, 1.0f) == doctest::Approx(1.0));
    CHECK(ui::chooseScale(1024, 600, 1.0f) == doctest::Approx(1.0));
    CHECK(ui::chooseScale(800, 480, 1.0f) == doctest::Approx(1.0));
    CHECK(ui::chooseScale(1920, 1080, 1.0f) == doctest::Approx(1.35));
    CHECK(ui::chooseScale(2560, 1600, 2.0f) == doctest::Approx(2.0));
    // A 2x monitor with a window too small for 1024x600 at 2x gets what fits.
    CHECK(ui::chooseScale(1280, 800, 2.0f) == doctest::Approx(1.25));
    CHECK(ui::chooseScale(3840, 2160, 1.0f) == doctest::Approx(2.7));
}

TEST_CASE("a count of people with both higher than those with either is pointed out where it is typed") {
    Fixture f;
    test::HeadlessUi ui(f.state);
    auto active = f.service.start(*f.catalog.find("facility_profile"), Lang::Ja);
    REQUIRE(active);
    REQUIRE(f.service.answer(*active, "staff_knowledge_count", assessment::Answer::value(3)));
    REQUIRE(f.service.answer(*active, "staff_security_count", assessment::Answer::value(2)));
    ui::openAssessment(f.state, std::move(*active));
    auto& s = f.state.assessment;
    ui::showQuestion(f.state, s.active->session.questionnaire().indexOf("staff_both_count"));
    ui.frames(3);
    ImGui::GetIO().AddInputCharactersUTF8("2");
    ui.frames(2);
    CHECK(s.notice.empty());  // 2 is within both counts
    ui.press(test::Backspace);
    ImGui::GetIO().AddInputCharactersUTF8("5");
    ui.frames(2);
    CHECK(s.notice.find("5") != std::string::npos);
    CHECK(s.notice.find("情報セキュリティの資格") != std::string::npos);  // names the question it exceeds
    ui.press(test::Enter);  // accepted all the same: the scoring counts the smaller number
    REQUIRE(s.active->session.answer("staff_both_count"));
    CHECK(*s.active->session.answer("staff_both_count")->number == 5);
}

TEST_CASE("an assessment in progress is discarded from Home after a confirmation, and kept on record") {
    Fixture f;
    auto active = f.service.start(*f.catalog.find("practice"), Lang::Ja);
    REQUIRE(active);
    REQUIRE(f.service.answer(*active, "role", assessment::Answer::option("clerical")));
    const std::string uuid = active->uuid;
    test::HeadlessUi ui(f.state);
    ui::goHome(f.state);
    ui.frames(2);
    REQUIRE(f.state.home.inProgress.size() == 1);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "home.discard")));
    CHECK(f.state.home.confirmDiscard == uuid);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "home.discard_no")));  // changed their mind
    CHECK(f.state.home.confirmDiscard.empty());
    CHECK(f.store.get(uuid)->status == store::AssessmentStatus::InProgress);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "home.discard")));
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "home.discard_yes")));
    ui.frames(2);
    CHECK(f.state.home.inProgress.empty());
    const auto record = f.store.get(uuid);
    REQUIRE(record);
    CHECK(record->status == store::AssessmentStatus::Discarded);
    CHECK(f.store.answers(uuid)->size() == 1);  // the answer is kept
}


TEST_CASE("two staff with one name are two rows in the matrix, each opening and editing its own person") {
    Fixture f;
    addNamesakes(f);
    test::HeadlessUi ui(f.state);
    f.state.screen = ui::Screen::Matrix;
    ui.frames(3);
    auto& m = f.state.matrix;
    REQUIRE(m.people.size() == 2);
    CHECK(m.people[0].id != m.people[1].id);
    // Tapping the second row opens that person, not the first of the name.
    int taps = 0;
    m.selected = 0;
    ui::collectTouchTargets(true);
    ui.frames(1);
    const auto targets = ui::takeTouchTargets();
    ui::collectTouchTargets(false);
    std::vector<ui::TouchTarget> rows;
    for (const auto& t : targets)
        if (t.label == kNamesake) rows.push_back(t);
    REQUIRE(rows.size() == 2);
    for (const auto& row : rows) {
        ui.click(row.min.x + 40, (row.min.y + row.max.y) / 2);
        const auto it = std::find_if(m.people.begin(), m.people.end(), [&](const auto& p) { return p.id == m.selected; });
        REQUIRE(it != m.people.end());
        ++taps;
    }
    CHECK(taps == 2);
    const std::int64_t second = m.selected;
    // An edit through the editor changes that person only.
    const auto it = std::find_if(m.people.begin(), m.people.end(), [&](const auto& p) { return p.id == second; });
    REQUIRE(it != m.people.end());
    m.draft = ui::PersonDraft{};
    m.draft->person = *it;
    m.draft->isNew = false;
    m.draft->person.department = "手術室";
    for (const auto& q : f.skillCatalog.policy.qualifications) m.draft->has[q.id] = false, m.draft->obtained[q.id] = "", m.draft->renewal[q.id] = "";
    ui.frames(2);
    // The save button is at the end of the editor: scroll there first, as a person would.
    for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
        if (window->Active && std::string_view(window->Name).find("editor") != std::string_view::npos)
            ImGui::SetScrollY(window, window->ScrollMax.y);
    ui.frames(2);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "matrix.save")));
    ui.frames(2);
    auto people = f.skillService->people();
    REQUIRE(people);
    REQUIRE(people->size() == 2);
    int changed = 0, kept = 0;
    for (const auto& p : *people) {
        if (p.id == second) changed += p.department == "手術室";
        else kept += p.department != "手術室";
    }
    CHECK(changed == 1);
    CHECK(kept == 1);
}

TEST_CASE("a checklist under a name two staff share asks which of them it is, and records it for that one") {
    Fixture f;
    addNamesakes(f);
    auto active = f.service.start(*f.catalog.find("staff_skills"), Lang::Ja);
    REQUIRE(active);
    REQUIRE(f.service.answer(*active, "name", assessment::Answer::words("佐藤 一郎")));
    for (int i : active->session.missingRequired()) {
        const auto& q = active->session.question(i);
        REQUIRE(f.service.answer(*active, q.id, test::neutralAnswer(q)));
    }
    test::HeadlessUi ui(f.state);
    ui::openAssessment(f.state, std::move(*active));
    f.state.screen = ui::Screen::Completion;
    ui.frames(2);
    ui.press(test::Enter);  // finish
    ui.press(test::Enter);  // confirm
    auto& c = f.state.completion;
    REQUIRE(c.namesakes.size() == 2);  // not completed yet: which 佐藤 一郎?
    CHECK(f.state.assessment.active->record.status != store::AssessmentStatus::Completed);
    const auto ward = std::find_if(c.namesakes.begin(), c.namesakes.end(), [](const auto& p) { return p.department == "病棟"; });
    REQUIRE(ward != c.namesakes.end());
    const std::int64_t wardId = ward->id;
    ui::collectTouchTargets(true);
    ui.frames(1);
    const auto targets = ui::takeTouchTargets();
    ui::collectTouchTargets(false);
    bool tapped = false;
    for (const auto& t : targets)
        if (t.label.find("##person" + std::to_string(wardId)) != std::string::npos) {
            ui.click((t.min.x + t.max.x) / 2, (t.min.y + t.max.y) / 2);
            tapped = true;
        }
    REQUIRE(tapped);
    CHECK(f.state.assessment.active->record.status == store::AssessmentStatus::Completed);
    auto people = f.skillService->people();
    REQUIRE(people);
    REQUIRE(people->size() == 2);  // recorded for the chosen one, no third person
    for (const auto& p : *people) {
        const bool hasChecklist = p.latest && p.latest->source == "kiosk";
        CHECK(hasChecklist == (p.id == wardId));
    }
}
