// Roles at the kiosk, driven through the screens: staff reach no protected screen (the screen
// functions refuse, not only the buttons), the first run asks for the admin PIN, a PIN typed on
// the keypad signs in, wrong PINs lock the role, and the idle reset leaves nothing of the previous
// person in the screens' state.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "auth/auth_service.hpp"
#include "fixture.hpp"
#include "headless.hpp"
#include "store/audit_log.hpp"

using namespace kiosk;
using store::Role;

namespace {

// The kiosk's services with roles and the audit log switched on.
struct Guarded {
    test::Fixture f;
    store::AuditLog audit{f.db};
    auth::AuthService auth{f.db, audit};
    Guarded() {
        f.state.services.audit = &audit;
        f.state.services.auth = &auth;
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
    for (auto screen : {ui::Screen::Matrix, ui::Screen::AuditLog}) {
        ui::goHome(g.f.state);
        g.f.state.screen = screen;  // as if a button had been bypassed
        ui.frames(2);
        CHECK(g.f.state.screen == ui::Screen::SignIn);
        CHECK(g.f.state.signIn.after == screen);
    }
    CHECK_FALSE(ui::permitted(g.f.state, auth::Gate::SkillMatrix));
    CHECK_FALSE(ui::permitted(g.f.state, auth::Gate::PeopleEdit));
    CHECK_FALSE(ui::permitted(g.f.state, auth::Gate::AuditLogView));
    CHECK_FALSE(ui::permitted(g.f.state, auth::Gate::Settings));
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
    const std::regex event(R"re("((assessment|auth|person|result|export)\.[a-z_]+)")re");
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
