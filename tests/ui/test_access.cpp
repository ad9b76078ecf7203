// Roles at the kiosk, driven through the screens: staff reach no protected screen (the screen
// functions refuse, not only the buttons), the first run asks for the admin PIN, a PIN typed on
// the keypad signs in, wrong PINs lock the role, and the idle reset leaves nothing of the previous
// person in the screens' state.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "auth/auth_service.hpp"
#include "fixture.hpp"
#include "headless.hpp"
#include "layout_check.hpp"
#include "store/audit_log.hpp"
#include "store/plan_store.hpp"

using namespace kiosk;
using store::Role;

namespace {

// The kiosk's services with roles and the audit log switched on.
struct Guarded {
    test::Fixture f;
    store::AuditLog audit{f.db};
    auth::AuthService auth{f.db, audit};
    store::PlanStore plans{f.db, &audit};
    Guarded() {
        f.state.services.audit = &audit;
        f.state.services.auth = &auth;
        f.state.services.plans = &plans;
        f.advisorStore.setAuditLog(&audit);
    }
};

void typePin(test::HeadlessUi& ui, std::string_view pin) {
    for (char c : pin) REQUIRE(ui.tap(std::string(1, c)));
}

}  // namespace

TEST_CASE("staff reach no protected screen, however the screen is opened") {
    Guarded g;
    test::HeadlessUi ui(g.f.state);
    REQUIRE(g.auth.current() == Role::Staff);
    for (auto screen : {ui::Screen::Matrix, ui::Screen::AuditLog, ui::Screen::Settings, ui::Screen::Auditor, ui::Screen::Workshops}) {
        ui::goHome(g.f.state);
        g.f.state.screen = screen;  // as if a button had been bypassed
        ui.frames(2);
        CHECK(g.f.state.screen == ui::Screen::SignIn);
        CHECK(g.f.state.signIn.after == screen);
    }
    // A screen that lacks a service it needs is not offered for sign-in: Home shows.
    g.f.state.services.plans = nullptr;
    ui::goHome(g.f.state);
    g.f.state.screen = ui::Screen::Auditor;
    ui.frames(2);
    CHECK(g.f.state.screen == ui::Screen::Home);
    g.f.state.services.plans = &g.plans;

    CHECK_FALSE(ui::permitted(g.f.state, auth::Gate::SkillMatrix));
    CHECK_FALSE(ui::permitted(g.f.state, auth::Gate::PeopleEdit));
    CHECK_FALSE(ui::permitted(g.f.state, auth::Gate::AuditLogView));
    CHECK_FALSE(ui::permitted(g.f.state, auth::Gate::Settings));
    CHECK_FALSE(ui::permitted(g.f.state, auth::Gate::Workshops));
}

TEST_CASE("the trainer's console: a session created on screen, its aggregate, its file written and merged once, then closed") {
    Guarded g;
    auto& f = g.f;
    f.workshops.setAuditLog(&g.audit);
    test::HeadlessUi ui(f.state, 1280, 9000);  // the whole console without scrolling, down to closing
    auto tr = [&](std::string_view key) { return f.strings.get(Lang::Ja, key); };
    REQUIRE(g.auth.setPin(Role::Admin, "274918"));
    REQUIRE(g.auth.signIn(Role::Admin, "274918")->ok);
    REQUIRE(g.auth.setPin(Role::Trainer, "583920"));
    // The admin does not pass the trainer's gate.
    f.state.screen = ui::Screen::Workshops;
    ui.frames(2);
    CHECK(f.state.screen == ui::Screen::SignIn);
    g.auth.signOut();
    REQUIRE(g.auth.signIn(Role::Trainer, "583920")->ok);
    f.state.screen = ui::Screen::Workshops;
    f.state.console = ui::WorkshopConsoleState{};
    ui.frames(2);
    REQUIRE(f.state.screen == ui::Screen::Workshops);

    // A new session, made on screen.
    REQUIRE(ui.tap(tr("console.new")));
    f.state.console.name = "夜間対応研修";
    const auto& exercise = *f.catalog.find("ransomware_night");
    REQUIRE(ui.tap(exercise.title.ja));
    REQUIRE(ui.tap(tr("console.at_end")));
    REQUIRE(ui.tap(tr("console.create")));
    auto sessions = f.workshops.sessions();
    REQUIRE(sessions);
    REQUIRE(sessions->size() == 1);
    const auto session = sessions->front();
    CHECK(session.explanations == workshop::Explanations::AtEnd);
    CHECK(session.exercises == std::vector<std::string>{"ransomware_night"});

    // Two participants' runs: the console counts them and bars their choices.
    for (const char* nickname : {"さくら", "ひな"}) {
        auto participant = f.workshops.join(session.uuid, nickname);
        REQUIRE(participant);
        auto run = f.service.start(exercise, Lang::Ja);
        REQUIRE(run);
        for (const auto& q : exercise.questions) REQUIRE(f.service.answer(*run, q.id, assessment::Answer::option(q.options[0].id)));
        REQUIRE(f.workshops.addRun(participant->uuid, exercise.id, workshop::Phase::Pre, run->uuid));
        REQUIRE(f.service.complete(*run));
    }
    // The console reads the runs again on its own every few seconds while it is open (the kiosk's loop
    // wakes for it); here the refresh is asked for as the loop does.
    CHECK(ui::refreshSeconds(f.state) > 0);
    ui::refreshScreen(f.state);
    ui.frames(1);
    std::string drawn;
    for (const auto& quad : test::glyphQuads(f.state)) drawn += test::glyphText(quad.glyph);
    CHECK(drawn.find(session.code) != std::string::npos);
    CHECK(drawn.find("終了2人、回答中0人") != std::string::npos);  // glyphs only: spaces are not drawn

    // The session's file, written and merged back: nothing new the second time.
    test::TempDir dir;
    f.state.console.file = (dir / "session.json").string();
    REQUIRE(ui.tap(tr("console.write_file")));
    CHECK(std::filesystem::exists(dir / "session.json"));
    REQUIRE(ui.tap(tr("console.merge_file")));
    CHECK(f.state.console.message == tr("console.nothing_new"));
    CHECK(f.state.console.error.empty());
    // A file far too large to be a session file is refused before it is read, naming it.
    const auto huge = dir / "huge.json";
    test::writeFile(huge, "{");
    std::filesystem::resize_file(huge, 100u << 20);  // sparse: nothing is written
    f.state.console.file = huge.string();
    REQUIRE(ui.tap(tr("console.merge_file")));
    CHECK(f.state.console.error.find(huge.string()) != std::string::npos);
    CHECK(f.state.console.error.find("MB") != std::string::npos);
    CHECK(f.workshops.runs(session.uuid)->size() == 2);

    // Closed after a yes, with the improvement items.
    f.state.console.improvements = "夜間の連絡網を紙で配る";
    REQUIRE(ui.tap(tr("console.close")));
    CHECK_FALSE(f.workshops.find(session.uuid).value()->closedAt);
    REQUIRE(ui.tap(tr("console.close_yes")));
    const auto closed = f.workshops.find(session.uuid).value();
    REQUIRE(closed->closedAt);
    CHECK(closed->improvements == "夜間の連絡網を紙で配る");

    // The after-action report, written beside the home folder in both forms.
    const char* home = std::getenv("HOME");
    const std::string savedHome = home ? home : "";
    ::setenv("HOME", dir.path().c_str(), 1);
    REQUIRE(ui.tap(tr("console.report_html")));
    REQUIRE(ui.tap(tr("console.report_pdf")));
    if (savedHome.empty()) ::unsetenv("HOME");
    else ::setenv("HOME", savedHome.c_str(), 1);
    const auto html = dir / ("medsec-workshop-" + session.code + "-report.html");
    REQUIRE(std::filesystem::exists(html));
    CHECK(test::readFile(html).find("夜間の連絡網を紙で配る") != std::string::npos);
    CHECK(test::readFile(dir / ("medsec-workshop-" + session.code + "-report.pdf")).rfind("%PDF-", 0) == 0);
    CHECK(f.state.console.error.empty());

    // A participant joining on this kiosk: the trainer left signed in is signed out first.
    REQUIRE(g.auth.current() == Role::Trainer);
    ui::goHome(f.state);
    ui.frames(2);
    REQUIRE(ui.tap(tr("home.join")));
    CHECK(f.state.screen == ui::Screen::WorkshopJoin);
    CHECK(g.auth.current() == Role::Staff);
}

TEST_CASE("the first run asks for the admin PIN, refuses an easy one, and signs in with the chosen one") {
    Guarded g;
    auto& f = g.f;
    test::HeadlessUi ui(f.state);
    ui::goHome(f.state);
    ui.frames(2);
    ui::openGated(f.state, auth::Gate::SkillMatrix, ui::Screen::Matrix);
    REQUIRE(f.state.screen == ui::Screen::SignIn);
    CHECK(f.state.signIn.choosing);  // no admin PIN yet
    CHECK(f.state.signIn.role == Role::Admin);
    typePin(ui, "123456");
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "signin.next")));
    CHECK_FALSE(f.state.signIn.error.empty());  // too easy
    CHECK(f.state.signIn.pin.empty());
    typePin(ui, "274918");
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "signin.next")));
    CHECK(f.state.signIn.error.empty());
    typePin(ui, "274918");  // the repeat
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "signin.next")));
    ui.frames(2);
    CHECK(g.auth.current() == Role::Admin);
    CHECK(f.state.screen == ui::Screen::Matrix);
    CHECK(g.auth.hasPin(Role::Admin).value());
}

TEST_CASE("wrong PINs are refused with the tries left, then the role is locked") {
    Guarded g;
    auto& f = g.f;
    REQUIRE(g.auth.setPin(Role::Admin, "274918"));  // the first admin PIN needs no sign-in
    REQUIRE(g.auth.signIn(Role::Admin, "274918")->ok);
    REQUIRE(g.auth.setPin(Role::Auditor, "482915"));  // the admin sets the others
    g.auth.signOut();
    test::HeadlessUi ui(f.state);
    ui::goHome(f.state);
    ui::openGated(f.state, auth::Gate::AuditLogView, ui::Screen::AuditLog);
    REQUIRE(f.state.screen == ui::Screen::SignIn);
    CHECK(f.state.signIn.role == Role::Auditor);
    for (int i = 0; i < 5; ++i) {
        typePin(ui, "111119");
        REQUIRE(ui.tap(f.strings.get(Lang::Ja, "signin.sign_in")));
        CHECK(g.auth.current() == Role::Staff);
    }
    // Locked: even the right PIN is refused now, and the screen says for how long.
    typePin(ui, "482915");
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "signin.sign_in")));
    CHECK(g.auth.current() == Role::Staff);
    CHECK(f.state.signIn.error.find("分間") != std::string::npos);
    CHECK(f.state.screen == ui::Screen::SignIn);
}

TEST_CASE("the admin sets the trainer's PIN in the settings and stays signed in; the trainer then signs in with it") {
    Guarded g;
    auto& f = g.f;
    REQUIRE(g.auth.setPin(Role::Admin, "274918"));
    test::HeadlessUi ui(f.state, 1280, 2400);  // the settings' PIN cards below the facility, on screen
    ui::goHome(f.state);
    // Before anyone chose it, the trainer's sign-in says so in Japanese and counts no failure.
    ui::openGated(f.state, auth::Gate::Workshops, ui::Screen::Home);
    REQUIRE(f.state.screen == ui::Screen::SignIn);
    CHECK(f.state.signIn.role == Role::Trainer);  // only the trainer opens workshops, PIN or not
    typePin(ui, "583920");
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "signin.sign_in")));
    CHECK(f.state.signIn.error.find("研修担当の PIN はまだ決められていません") != std::string::npos);
    CHECK(g.auth.lockState(Role::Trainer)->attemptsLeft == auth::kFailuresBeforeLockout);

    ui::goHome(f.state);
    ui::openGated(f.state, auth::Gate::Settings, ui::Screen::Settings);
    REQUIRE(f.state.screen == ui::Screen::SignIn);
    typePin(ui, "274918");
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "signin.sign_in")));
    ui.frames(2);
    REQUIRE(f.state.screen == ui::Screen::Settings);
    // The first "choose a PIN" button is the trainer's (roles in the order trainer, auditor, admin).
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "settings.set_pin")));
    REQUIRE(f.state.screen == ui::Screen::SignIn);
    CHECK(f.state.signIn.choosing);
    CHECK(f.state.signIn.role == Role::Trainer);
    typePin(ui, "583920");
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "signin.next")));
    typePin(ui, "583920");
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "signin.next")));
    ui.frames(2);
    CHECK(f.state.screen == ui::Screen::Settings);
    CHECK(g.auth.current() == Role::Admin);  // setting someone's PIN is not signing in as them
    CHECK(f.state.settings.message.find("研修担当") != std::string::npos);
    CHECK(g.auth.hasPin(Role::Trainer).value());

    // Removing the auditor's PIN (after it was set) waits for a yes.
    REQUIRE(g.auth.setPin(Role::Auditor, "482915"));
    ui.frames(2);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "settings.remove_pin"), 1));  // the second: the auditor's
    CHECK(f.state.settings.confirmRemove == Role::Auditor);
    CHECK(g.auth.hasPin(Role::Auditor).value());
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "settings.remove_yes")));
    CHECK_FALSE(g.auth.hasPin(Role::Auditor).value());
    CHECK(g.auth.hasPin(Role::Trainer).value());

    g.auth.signOut();
    auto trainer = g.auth.signIn(Role::Trainer, "583920");
    REQUIRE(trainer);
    CHECK(trainer->ok);
}

TEST_CASE("a gate the admin also passes offers the admin first while its own role has no PIN") {
    Guarded g;
    auto& f = g.f;
    REQUIRE(g.auth.setPin(Role::Admin, "274918"));
    ui::openGated(f.state, auth::Gate::AuditLogView, ui::Screen::AuditLog);
    CHECK(f.state.signIn.role == Role::Admin);  // no auditor PIN yet
    REQUIRE(g.auth.signIn(Role::Admin, "274918")->ok);
    REQUIRE(g.auth.setPin(Role::Auditor, "482915"));
    g.auth.signOut();
    ui::openGated(f.state, auth::Gate::AuditLogView, ui::Screen::AuditLog);
    CHECK(f.state.signIn.role == Role::Auditor);
}

TEST_CASE("the audit log shows the chosen period and says when nothing matches") {
    Guarded g;
    auto& f = g.f;
    const auto now = std::chrono::system_clock::now();
    g.audit.setClock([&] { return now - std::chrono::hours(24 * 40); });
    REQUIRE(g.auth.setPin(Role::Admin, "274918"));  // 40 days ago
    g.audit.setClock([&] { return now; });
    REQUIRE(g.auth.signIn(Role::Admin, "274918")->ok);  // today
    test::HeadlessUi ui(f.state);
    ui::openGated(f.state, auth::Gate::AuditLogView, ui::Screen::AuditLog);
    ui.frames(2);
    REQUIRE(f.state.screen == ui::Screen::AuditLog);
    CHECK(f.state.auditView.rows.size() == 2);
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "audit.period_week")));
    ui.frames(2);
    REQUIRE(f.state.auditView.rows.size() == 1);
    CHECK(f.state.auditView.rows[0].event.event == "auth.signed_in");
    CHECK(f.state.auditView.total == 2);  // the chain's state still speaks of the whole log
    REQUIRE(ui.tap(f.strings.get(Lang::Ja, "audit.filter_people")));
    ui.frames(2);
    CHECK(f.state.auditView.rows.empty());
}

TEST_CASE("after the idle timeout nothing of the previous person is left in the screens' state") {
    Guarded g;
    auto& f = g.f;
    REQUIRE(g.auth.setPin(Role::Admin, "274918"));
    REQUIRE(g.auth.signIn(Role::Admin, "274918")->ok);
    test::HeadlessUi ui(f.state);
    const std::string name = "髙﨑 花子";
    // A checklist at its name question with the name typed but not yet saved…
    auto active = f.service.start(*f.catalog.find("staff_skills"), Lang::Ja);
    REQUIRE(active);
    ui::openAssessment(f.state, std::move(*active));
    ui.frames(3);
    ImGui::GetIO().AddInputCharactersUTF8(name.c_str());
    ui.frames(2);
    REQUIRE(f.state.assessment.buffer == name);
    // …and the matrix's editor holding another person being added.
    f.state.matrix.draft = ui::PersonDraft{};
    f.state.matrix.draft->person.name = name;
    f.state.matrix.path = "/tmp/" + name + ".csv";

    ui::idleReset(f.state);
    ui.frames(2);
    CHECK(f.state.screen == ui::Screen::Home);
    CHECK(g.auth.current() == Role::Staff);
    CHECK(f.state.assessment.buffer.empty());
    CHECK_FALSE(f.state.assessment.active);
    CHECK_FALSE(f.state.matrix.draft);
    CHECK(f.state.matrix.path.find(name) == std::string::npos);
    CHECK(f.state.typedText.empty());
    CHECK(f.state.signIn.pin.empty());
    // The valid name was saved before the reset: the checklist is on Home to continue.
    REQUIRE(f.state.home.inProgress.size() == 1);
    auto answers = f.store.answers(f.state.home.inProgress[0].record.uuid);
    REQUIRE(answers);
    CHECK(answers->size() == 1);
}

TEST_CASE("every audit event the core records is named in words on the audit-log screen, in both languages") {
    const std::regex event(R"re("((assessment|auth|person|result|export|plan|workshop|advisors|facility|region)\.(?!toml")[a-z_]+)")re");  // not a file name (advisors.toml)
    auto strings = i18n::Strings::load(test::sourceDir() / "assets" / "i18n");
    REQUIRE(strings);
    std::set<std::string> events;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(test::sourceDir() / "src" / "core")) {
        if (!entry.is_regular_file()) continue;
        const std::string text = test::readFile(entry.path());
        for (std::sregex_iterator it(text.begin(), text.end(), event), end; it != end; ++it) events.insert((*it)[1]);
    }
    CHECK(events.size() >= 15);
    for (const auto& name : events) {
        std::string key = "audit.event_" + name;
        std::replace(key.begin() + 6, key.end(), '.', '_');
        CHECK_MESSAGE(strings->all(Lang::Ja).count(key), "no Japanese name for " << name);
        CHECK_MESSAGE(strings->all(Lang::En).count(key), "no English name for " << name);
    }
}

TEST_CASE("the external-advisors tab shows the directory's candidates for the result, the contact only to the administrator") {
    Guarded g;
    auto& f = g.f;
    const auto uuid = test::completeScenario(f, "clinic_19_beds");
    const skills::Date day{std::chrono::year{2026}, std::chrono::November, std::chrono::day{24}};
    for (const char* list : {"registered.csv", "regional.csv", "part_time.csv", "medcsc.csv"}) {
        auto imported = f.advisorService->importFile((test::dataDir() / "advisors" / list).string(), false, std::nullopt, day);
        REQUIRE(imported);
        REQUIRE(imported->problems() == 0);
    }
    REQUIRE(g.auth.setPin(Role::Admin, "274918"));
    test::HeadlessUi ui(f.state, 1280, 9000);  // tall enough that every candidate is drawn
    const auto tr = [&](const char* key) { return f.strings.get(Lang::Ja, key); };
    const auto drawnText = [&] {
        std::string drawn;
        for (const auto& quad : test::glyphQuads(f.state)) drawn += test::glyphText(quad.glyph);
        return drawn;
    };
    const auto openCandidates = [&] {
        ui::showResults(f.state, uuid);
        f.state.results.advisors.on = day;
        REQUIRE(ui.tap(tr("results.tab_routes")));
        REQUIRE(ui.tap(tr("results.advisors_candidates")));
        ui.frames(3);  // the names' glyphs are added to the atlas
    };

    // Staff: candidates with their public fields, no contact.
    openCandidates();
    REQUIRE(f.state.results.advisors.match);
    CHECK(f.state.results.advisors.match->excludedBy.at("prefecture") == 0);  // no prefecture chosen yet: every region
    CHECK(f.state.results.advisors.match->excludedBy.at("route") == 2);       // the clinic's result names no part-time route
    REQUIRE(ui.tap(tr("results.advisors_choose_prefecture")));
    REQUIRE(ui.tap("東京都"));
    CHECK(f.state.facilityPrefecture == "13");
    ui.frames(3);
    const auto& m = *f.state.results.advisors.match;
    REQUIRE(m.candidates.size() == 7);
    CHECK(m.candidates.front().advisor->name == "見本 一郎（架空）");
    std::string drawn = drawnText();
    CHECK(drawn.find("見本一郎（架空）") != std::string::npos);  // glyphs only: the space is not drawn
    CHECK(drawn.find("候補7人（名簿13人から）") != std::string::npos);
    CHECK(drawn.find("ichiro@example.invalid") == std::string::npos);
    CHECK(drawn.find("連絡先は管理者がサインインすると表示されます。") != std::string::npos);

    // A filter nobody passes: the way out instead of an empty list.
    REQUIRE(ui.tap(tr("results.advisors_on_site")));
    f.state.facilityPrefecture = "47";
    f.state.results.advisors.stale = true;
    ui.frames(3);
    CHECK(f.state.results.advisors.match->candidates.empty());
    CHECK(drawnText().find("施設のある都道府県を支援できる") != std::string::npos);

    // The administrator sees the contact; the chosen prefecture stays the facility's.
    REQUIRE(g.auth.signIn(Role::Admin, "274918")->ok);
    f.state.facilityPrefecture = "13";
    openCandidates();
    CHECK(drawnText().find("連絡先:ichiro@example.invalid") != std::string::npos);
    // The idle reset signs the administrator out: the next person sees no contact.
    ui::idleReset(f.state);
    openCandidates();
    CHECK(drawnText().find("ichiro@example.invalid") == std::string::npos);
}

TEST_CASE("the administrator records on the matrix who agreed to appear in the published advisor list, audited") {
    Guarded g;
    auto& f = g.f;
    REQUIRE(f.skillService->importCsv(test::readFile(test::dataDir() / "people" / "staff_40.csv"), false));
    REQUIRE(g.auth.setPin(Role::Admin, "274918"));
    REQUIRE(g.auth.signIn(Role::Admin, "274918")->ok);
    test::HeadlessUi ui(f.state, 1280, 800);
    const std::string label = "□ " + f.strings.get(Lang::Ja, "matrix.directory_consent");
    f.state.screen = ui::Screen::Matrix;
    ui.frames(2);
    REQUIRE_FALSE(f.state.matrix.people.empty());
    const auto id = f.state.matrix.people.front().id;
    f.state.matrix.selected = id;
    ui.frames(2);
    REQUIRE(ui.tap(label));
    CHECK(f.advisorStore.directoryConsent().value() == std::vector<std::int64_t>{id});
    auto rows = g.audit.list().value();
    CHECK(std::count_if(rows.begin(), rows.end(), [](const auto& r) { return r.event.event == "person.directory_consent"; }) == 1);
    // Read again when the matrix opens, and taken back with a second tap.
    f.state.matrix.stale = true;
    ui.frames(2);
    CHECK(f.state.matrix.directoryConsent.count(id) == 1);
    REQUIRE(ui.tap("■ " + f.strings.get(Lang::Ja, "matrix.directory_consent")));
    CHECK(f.advisorStore.directoryConsent().value().empty());
    // An auditor reads the matrix but cannot change the consent.
    REQUIRE(f.advisorStore.setDirectoryConsent(id, true));
    REQUIRE(g.auth.setPin(Role::Auditor, "583920"));
    g.auth.signOut();
    REQUIRE(g.auth.signIn(Role::Auditor, "583920")->ok);
    f.state.matrix.stale = true;
    ui.frames(2);
    CHECK_FALSE(ui.tap("■ " + f.strings.get(Lang::Ja, "matrix.directory_consent")));
    CHECK(f.advisorStore.directoryConsent().value() == std::vector<std::int64_t>{id});
}

TEST_CASE("the administrator names the facility in the settings; the advisor search starts from its prefecture") {
    Guarded g;
    auto& f = g.f;
    f.facility.setAuditLog(&g.audit);
    REQUIRE(g.auth.setPin(Role::Admin, "274918"));
    REQUIRE(g.auth.signIn(Role::Admin, "274918")->ok);
    test::HeadlessUi ui(f.state, 1280, 2400);
    const auto tr = [&](const char* key) { return f.strings.get(Lang::Ja, key); };
    f.state.screen = ui::Screen::Settings;
    ui.frames(2);
    f.state.settings.facility.name = "架空市立病院";
    f.state.settings.beds = "abc";
    REQUIRE(ui.tap(tr("settings.facility_save")));
    CHECK(f.state.settings.error == tr("settings.facility_beds_invalid"));
    CHECK(f.facility.get()->name.empty());  // nothing saved
    f.state.settings.beds = "199";
    REQUIRE(ui.tap(tr("settings.facility_prefecture_none")));
    REQUIRE(ui.tap("大阪府"));
    REQUIRE(ui.tap(tr("settings.kind_hospital")));
    REQUIRE(ui.tap(tr("settings.facility_save")));
    CHECK(f.state.settings.error.empty());
    const auto stored = f.facility.get().value();
    CHECK(stored.name == "架空市立病院");
    CHECK(stored.prefecture == "27");
    CHECK(stored.kind == "hospital");
    CHECK(stored.beds == 199);
    CHECK(f.state.facilityPrefecture == "27");
    auto rows = g.audit.list().value();
    CHECK(std::count_if(rows.begin(), rows.end(), [](const auto& r) { return r.event.event == "facility.updated"; }) == 1);
    // The idle reset keeps the facility's prefecture: it is not a person's.
    ui::idleReset(f.state);
    CHECK(f.state.facilityPrefecture == "27");
}
