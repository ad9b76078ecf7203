// Every screen drawn headless for several frames in both languages, driven with the keyboard and
// the mouse as a person would; every UI string key exists in both catalogues; and every
// character of the content is in the font atlas (no "?" boxes).
#include <doctest/doctest.h>

#include <cmath>

#include <filesystem>
#include <regex>
#include <set>

#include "fixture.hpp"
#include "headless.hpp"
#include "layout_check.hpp"
#include "i18n/strings.hpp"
#include "questionnaire/loader.hpp"
#include "store/assessment_store.hpp"
#include "store/database.hpp"
#include "store/result_store.hpp"
#include "store/people_store.hpp"
#include "skills/catalog.hpp"
#include "scoring/answers_file.hpp"
#include "scoring/service.hpp"
#include "support.hpp"
#include "util/utf8.hpp"

using namespace kiosk;
using test::Fixture;
using test::completeScenario;
using test::indexOf;


TEST_CASE("the string catalogues have the same keys in ja and en") {
    auto strings = i18n::Strings::load(test::sourceDir() / "assets" / "i18n");
    REQUIRE(strings);
    std::set<std::string> ja, en;
    for (const auto& [k, v] : strings->all(Lang::Ja)) ja.insert(k);
    for (const auto& [k, v] : strings->all(Lang::En)) en.insert(k);
    for (const auto& k : ja) CHECK_MESSAGE(en.count(k), "missing in en.toml: " << k);
    for (const auto& k : en) CHECK_MESSAGE(ja.count(k), "missing in ja.toml: " << k);
}

TEST_CASE("every string key the screens use exists in both catalogues") {
    auto strings = i18n::Strings::load(test::sourceDir() / "assets" / "i18n");
    REQUIRE(strings);
    const std::regex key(R"(tr\(\s*"([a-z_]+\.[a-z_.]+)\"\s*\))");
    int found = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::sourceDir() / "src" / "ui")) {
        const std::string text = test::readFile(entry.path());
        for (std::sregex_iterator it(text.begin(), text.end(), key), end; it != end; ++it) {
            ++found;
            const std::string k = (*it)[1];
            CHECK_MESSAGE(strings->all(Lang::Ja).count(k), entry.path().filename().string() << " uses " << k << ", missing in ja.toml");
            CHECK_MESSAGE(strings->all(Lang::En).count(k), entry.path().filename().string() << " uses " << k << ", missing in en.toml");
        }
    }
    CHECK(found > 30);
}

TEST_CASE("every character of the content and the UI is in the font atlas") {
    Fixture f;
    test::HeadlessUi ui(f.state);
    REQUIRE_MESSAGE(ui.fontStatus(), ui.fontStatus().error());
    const auto text = ui::textToShow(f.state);
    std::set<char32_t> missing;
    for (char32_t c : utf8::decode(text)) {
        if (c < 0x20 || c > 0xFFFF) continue;
        if (!f.state.fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(c))) missing.insert(c);
    }
    CHECK_MESSAGE(missing.empty(), missing.size() << " characters missing, the first U+" << std::hex
                                                  << static_cast<unsigned>(missing.empty() ? 0 : *missing.begin()));
    CHECK(f.state.fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(U'脆')));  // not in ImGui's Japanese range
}

TEST_CASE("the home screen draws in both languages and lists every questionnaire") {
    Fixture f;
    test::HeadlessUi ui(f.state);
    for (Lang lang : {Lang::Ja, Lang::En}) {
        f.state.lang = lang;
        CHECK(ui.frames(3) > 0);
    }
    CHECK(f.strings.missing().empty());
}

TEST_CASE("a whole assessment is answered with the keyboard, saved, and completed") {
    Fixture f;
    test::HeadlessUi ui(f.state);
    const int practice = indexOf(f.catalog, "practice");
    REQUIRE(practice >= 0);
    ui.frames(2);
    for (int i = 0; i < practice; ++i) ui.press(test::Down);
    ui.press(test::Enter);
    REQUIRE(f.state.screen == ui::Screen::Assessment);
    auto& s = f.state.assessment;
    CHECK_FALSE(s.active->stored());  // opened, not yet stored

    ui.press('2');  // role: clerical
    CHECK(s.active->session.answer("role")->choice == "clerical");
    const std::string uuid = s.active->uuid;  // stored with its first answer
    CHECK_FALSE(uuid.empty());
    ui.press(test::Enter);
    ui.press('4');  // level 4 shows the follow-up question
    ui.press(test::Enter);
    CHECK(s.active->session.question(s.current).id == "taught_others");
    CHECK(s.active->session.progress(s.current).total == 7);
    ui.press(test::Tab);  // help panel
    CHECK(s.showHelp);
    ui.frames(2);
    ui.press('1');
    ui.press(test::Enter);

    // Typed answer: the field has the keyboard; characters then Enter.
    CHECK(s.active->session.question(s.current).id == "pcs_in_department");
    ui.frames(2);
    ImGui::GetIO().AddInputCharactersUTF8("9999");
    ui.frames(2);
    CHECK(s.buffer == "9999");  // the field has the keyboard
    ui.press(test::Enter);
    CHECK_FALSE(s.error.empty());  // out of range: refused with a message
    CHECK(s.active->session.answer("pcs_in_department") == nullptr);
    ui.frames(2);
    CHECK(ImGui::GetIO().WantTextInput);  // the field keeps the keyboard to fix the value
    for (int i = 0; i < 4; ++i) ui.press(test::Backspace);
    ImGui::GetIO().AddInputCharactersUTF8("12");
    ui.frames(2);
    CHECK(s.buffer == "12");
    CHECK(s.error.empty());  // the error goes as soon as the value is valid
    ui.press(test::Enter);
    REQUIRE(s.active->session.answer("pcs_in_department"));
    CHECK(*s.active->session.answer("pcs_in_department")->number == 12);

    ui.press('1');  // multi-choice: toggles EMR
    ui.press('3');  // and email
    CHECK(s.active->session.answer("systems_used")->choices == std::vector<std::string>{"emr", "email"});

    // Back returns to the previous question with its answer shown again.
    ui.press(test::Left);
    CHECK(s.active->session.question(s.current).id == "pcs_in_department");
    CHECK(s.buffer == "12");
    ui.press(test::Enter);
    CHECK(s.active->session.question(s.current).id == "systems_used");
    ui.press(test::Enter);
    CHECK(s.active->session.question(s.current).id == "last_training");

    // Optional questions can be skipped: the last two.
    for (int i = 0; i < 2; ++i) {
        s.bufferFor = -1;
        REQUIRE(f.service.answer(*s.active, s.active->session.question(s.current).id, assessment::Answer::skip()));
        ui::showQuestion(f.state, s.active->session.next(s.current));
        ui.frames(2);
    }
    REQUIRE(f.state.screen == ui::Screen::Completion);
    f.state.lang = Lang::En;
    ui.frames(3);
    f.state.lang = Lang::Ja;
    ui.press(test::Enter);  // finish
    CHECK(s.active->record.status != store::AssessmentStatus::Completed);  // not before the confirmation
    CHECK(f.state.completion.confirming);
    ui.press(test::Enter);  // confirm
    CHECK(s.active->record.status == store::AssessmentStatus::Completed);

    auto stored = f.store.answers(uuid);
    REQUIRE(stored);
    CHECK(stored->size() == 7);
    auto record = f.store.get(uuid);
    REQUIRE(record);
    CHECK(record->status == store::AssessmentStatus::Completed);
    CHECK(f.strings.missing().empty());
}

TEST_CASE("every question of every bundled questionnaire draws, with help and overview panels") {
    Fixture f;
    test::HeadlessUi ui(f.state);
    for (const auto& q : f.catalog.questionnaires) {
        auto active = f.service.start(q, Lang::Ja);
        REQUIRE(active);
        ui::openAssessment(f.state, std::move(*active));
        auto& s = f.state.assessment;
        for (int i = 0; i < s.active->session.questionCount(); ++i) {
            ui::showQuestion(f.state, i);
            s.showHelp = i % 2 == 0;
            s.showOverview = i % 5 == 0;
            f.state.lang = i % 3 == 0 ? Lang::En : Lang::Ja;
            CHECK(ui.frames(2) > 0);
        }
        ui::goHome(f.state);
        ui.frames(2);
    }
    CHECK(f.strings.missing().empty());
}

TEST_CASE("a mouse click on an option saves it") {
    Fixture f;
    test::HeadlessUi ui(f.state);
    auto active = f.service.start(*f.catalog.find("practice"), Lang::Ja);
    REQUIRE(active);
    ui::openAssessment(f.state, std::move(*active));
    ui.frames(3);
    // The first option sits right under the question text, across the full width.
    for (float y = 200; y < 500 && !f.state.assessment.active->session.answer("role"); y += 20) ui.click(640, y);
    REQUIRE(f.state.assessment.active->session.answer("role"));
    CHECK(f.state.assessment.active->session.answer("role")->choice == "clinical");
}

TEST_CASE("a save that fails is shown and the answer is not shown as given") {
    Fixture f;
    test::HeadlessUi ui(f.state);
    auto active = f.service.start(*f.catalog.find("practice"), Lang::Ja);
    REQUIRE(active);
    ui::openAssessment(f.state, std::move(*active));
    ui.frames(2);
    REQUIRE(f.db.exec("DROP VIEW answers"));  // the database loses its answers under the kiosk
    REQUIRE(f.db.exec("DROP TABLE answer_versions"));
    ui.press('1');
    CHECK_FALSE(f.state.assessment.error.empty());
    CHECK(f.state.assessment.active->session.answer("role") == nullptr);
    ui.frames(2);
}

namespace {

// The glyphs the last frame drew, in drawing order (spaces are not drawn).
std::string drawnText(const ui::AppState& state) {
    std::string out;
    for (const auto& quad : test::glyphQuads(state)) out += test::glyphText(quad.glyph);
    return out;
}

// The first `n` characters of a text, enough to tell one question's text from another's.
std::string opening(std::string_view text, std::size_t n = 8) {
    std::size_t at = 0;
    for (char32_t c = 0; n > 0 && at < text.size(); --n) at += utf8::decodeAt(text, at, c);
    return std::string(text.substr(0, at));
}

// Vertices drawn in `colour` inside the touch target labelled `label` (its fill, border and badge).
int fillsInside(test::HeadlessUi& ui, std::string_view label, const ImVec4& colour) {
    ui::collectTouchTargets(true);
    ui.frames(1);
    const auto targets = ui::takeTouchTargets();
    ui::collectTouchTargets(false);
    const ImU32 wanted = ImGui::GetColorU32(colour);
    for (const auto& t : targets) {
        if (t.label != label) continue;
        int count = 0;
        const ImDrawData* data = ImGui::GetDrawData();
        for (int l = 0; l < data->CmdListsCount; ++l)
            for (const auto& v : data->CmdLists[l]->VtxBuffer)
                if (v.col == wanted && v.pos.x >= t.min.x && v.pos.x <= t.max.x && v.pos.y >= t.min.y && v.pos.y <= t.max.y) ++count;
        return count;
    }
    FAIL("no touch target labelled " << label);
    return -1;
}

}  // namespace

TEST_CASE("an exercise decision is locked once made and its explanation is shown") {
    Fixture f;
    test::HeadlessUi ui(f.state);
    const questionnaire::Questionnaire* exercise = nullptr;
    for (const auto& q : f.catalog.questionnaires)
        if (q.kind == questionnaire::Kind::Exercise) exercise = &q;
    REQUIRE(exercise);
    auto active = f.service.start(*exercise, Lang::Ja);
    REQUIRE(active);
    ui::openAssessment(f.state, std::move(*active));
    ui.frames(2);
    const auto& first = exercise->questions.front();
    int worst = 0;  // press a non-best option
    while (first.options[static_cast<std::size_t>(worst)].best) ++worst;
    ui.press('1' + worst);
    auto& s = f.state.assessment;
    REQUIRE(s.active->session.answer(first.id));
    CHECK(s.active->session.answer(first.id)->choice == first.options[static_cast<std::size_t>(worst)].id);
    ui.frames(3);
    // A second choice does not replace the first: the decision is what the trainer sees.
    const int other = worst == 0 ? 1 : 0;
    ui.press('1' + other);
    CHECK(s.active->session.answer(first.id)->choice == first.options[static_cast<std::size_t>(worst)].id);
    CHECK(s.savedNote == f.strings.get(Lang::Ja, "exercise.locked"));

    // The wrong choice is not filled with the green of a right one.
    const std::string chosenLabel = first.options[static_cast<std::size_t>(worst)].label.ja;
    CHECK(fillsInside(ui, chosenLabel, ui::theme::kWarning) > 0);
    CHECK(fillsInside(ui, chosenLabel, ui::theme::kSelected) == 0);

    // On the review page a made decision can be looked at again, not changed.
    for (std::size_t i = 1; i < exercise->questions.size(); ++i)
        REQUIRE(f.service.answer(*s.active, exercise->questions[i].id, assessment::Answer::option(exercise->questions[i].options[0].id)));
    f.state.screen = ui::Screen::Completion;
    f.state.completion = ui::CompletionState{};
    ui.frames(2);
    const std::string drawn = drawnText(f.state);
    CHECK(drawn.find(f.strings.get(Lang::Ja, "completion.see_again")) != std::string::npos);
    CHECK(drawn.find(f.strings.get(Lang::Ja, "completion.change")) == std::string::npos);
    CHECK(ui.tap(f.strings.get(Lang::Ja, "completion.see_again")));
    CHECK(s.current == 0);
    f.state.lang = Lang::En;
    ui.frames(2);
    CHECK(f.strings.missing().empty());
}


TEST_CASE("during an exercise the overview shows only the decisions reached, and a later one cannot be opened from it") {
    Fixture f;
    test::HeadlessUi ui(f.state);
    const std::string overview = f.strings.get(Lang::Ja, "assessment.overview");
    const std::string placeholder = opening(f.strings.get(Lang::Ja, "exercise.not_reached"));
    int exercises = 0;
    for (const auto& exercise : f.catalog.questionnaires) {
        if (exercise.kind != questionnaire::Kind::Exercise) continue;
        ++exercises;
        INFO(exercise.id);
        const auto& decisions = exercise.questions;
        REQUIRE(decisions.size() >= 3);
        auto active = f.service.start(exercise, Lang::Ja);
        REQUIRE(active);
        ui::openAssessment(f.state, std::move(*active));
        auto& s = f.state.assessment;
        REQUIRE(s.current == 0);

        // At decision 1 the overview draws decision 1's text and no later decision's.
        REQUIRE(ui.tap(overview));
        REQUIRE(s.showOverview);
        ui.frames(1);
        std::string drawn = drawnText(f.state);
        CHECK(drawn.find(opening(decisions[0].text.ja)) != std::string::npos);
        CHECK(drawn.find(placeholder) != std::string::npos);
        for (std::size_t i = 1; i < decisions.size(); ++i)
            CHECK_MESSAGE(drawn.find(opening(decisions[i].text.ja)) == std::string::npos, decisions[i].id << " is shown");
        // A later decision's row is no target: tapping it opens nothing.
        CHECK_FALSE(ui.tap(decisions[1].id));
        CHECK_FALSE(ui.tap(decisions.back().id));
        CHECK(s.current == 0);
        CHECK(s.showOverview);
        CHECK(ui.tap(decisions[0].id));  // the decision on screen opens from its row
        CHECK_FALSE(s.showOverview);

        // Once decision 1 is made, decision 2 shows and opens; decision 3 still does neither.
        ui.press('1');
        REQUIRE(s.active->session.answer(decisions[0].id));
        REQUIRE(ui.tap(overview));
        ui.frames(1);
        drawn = drawnText(f.state);
        CHECK(drawn.find(opening(decisions[1].text.ja)) != std::string::npos);
        CHECK(drawn.find(opening(decisions[2].text.ja)) == std::string::npos);
        CHECK_FALSE(ui.tap(decisions[2].id));
        CHECK(s.current == 0);
        CHECK(ui.tap(decisions[1].id));
        CHECK(s.current == 1);
        ui::goHome(f.state);
        ui.frames(2);
    }
    CHECK(exercises >= 2);

    // Other questionnaires are unchanged: a later question shows in the overview and opens from it.
    auto active = f.service.start(*f.catalog.find("practice"), Lang::Ja);
    REQUIRE(active);
    ui::openAssessment(f.state, std::move(*active));
    auto& s = f.state.assessment;
    const int later = s.active->session.next(s.current);
    REQUIRE(later > s.current);
    const auto& question = s.active->session.question(later);
    REQUIRE(ui.tap(overview));
    ui.frames(1);
    CHECK(drawnText(f.state).find(opening(question.text.ja)) != std::string::npos);
    CHECK(ui.tap(question.id));
    CHECK(s.current == later);
    CHECK(f.strings.missing().empty());
}


TEST_CASE("the results screen draws every tab in both languages, and Home lists the result") {
    Fixture f;
    const auto uuid = completeScenario(f, "clinic_19_beds");
    test::HeadlessUi ui(f.state);
    ui::goHome(f.state);
    ui.frames(2);
    REQUIRE(f.state.home.scored.size() == 1);
    const int index = static_cast<int>(f.catalog.questionnaires.size());  // first card after the questionnaires
    for (int i = 0; i < index; ++i) ui.press(test::Down);
    ui.press(test::Enter);
    REQUIRE(f.state.screen == ui::Screen::Results);
    REQUIRE(f.state.results.result);
    CHECK(f.state.results.result->assessment == uuid);
    CHECK(f.state.results.result->decision == scoring::Decision::Urgent);
    for (auto tab : {ui::ResultsTab::Gaps, ui::ResultsTab::Routes, ui::ResultsTab::Actions, ui::ResultsTab::Reasons}) {
        f.state.results.tab = tab;
        for (Lang lang : {Lang::Ja, Lang::En}) {
            f.state.lang = lang;
            CHECK(ui.frames(2) > 0);
        }
    }
    CHECK(f.strings.missing().empty());
    ui.press(test::Escape);
    CHECK(f.state.screen == ui::Screen::Home);
    ui.frames(2);
    REQUIRE(f.state.home.decisions.size() == 1);
    CHECK(f.state.home.decisions[0] == scoring::Decision::Urgent);  // the card shows the stored decision
}

TEST_CASE("finishing a security-measures assessment opens its results") {
    Fixture f;
    const auto first = completeScenario(f, "university_600_beds");  // last year's profile and measures
    REQUIRE(f.scoring->resultFor(first));
    auto parsed = scoring::parseAnswersFile(test::readFile(test::dataDir() / "scenarios" / "university_600_beds.json"), f.catalog);
    REQUIRE(parsed);
    auto active = f.service.start(*f.catalog.find("security_measures"), Lang::Ja);
    REQUIRE(active);
    for (const auto& [id, answer] : parsed->measures->answers()) REQUIRE(f.service.answer(*active, id, answer));
    test::HeadlessUi ui(f.state);
    ui::openAssessment(f.state, std::move(*active));
    ui.frames(2);
    REQUIRE(f.state.screen == ui::Screen::Completion);
    ui.press(test::Enter);  // Finish
    ui.press(test::Enter);  // and confirm
    REQUIRE(f.state.screen == ui::Screen::Results);
    REQUIRE(f.state.results.result);
    CHECK(f.state.results.result->provider);
    REQUIRE(f.state.results.result->change);  // the same facility's previous assessment
    ui.frames(3);
}

TEST_CASE("without a completed profile the results screen says what to do") {
    Fixture f;
    auto active = f.service.start(*f.catalog.find("security_measures"), Lang::Ja);
    REQUIRE(active);
    const auto& first = active->session.question(0);
    REQUIRE(f.service.answer(*active, first.id, test::neutralAnswer(first)));  // stored with its first answer
    test::HeadlessUi ui(f.state);
    ui::showResults(f.state, active->uuid);
    ui.frames(2);
    CHECK_FALSE(f.state.results.result);
    CHECK(f.state.results.error.find("complete the profile first") != std::string::npos);
}

TEST_CASE("the skill matrix draws 40 people, filters by role, opens a person, and a broken file changes nothing") {
    Fixture f;
    REQUIRE(f.skillService->importCsv(test::readFile(test::dataDir() / "people" / "staff_40.csv"), false));
    test::HeadlessUi ui(f.state);
    REQUIRE_MESSAGE(ui.fontStatus(), ui.fontStatus().error());
    CHECK(f.state.fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(U'藤')));  // names are in the atlas
    f.state.screen = ui::Screen::Matrix;
    CHECK(ui.frames(3) > 1000);
    auto& m = f.state.matrix;
    REQUIRE(m.people.size() == 40);
    CHECK(m.order.size() == 40);
    CHECK(m.coverage.singlePerson.size() > 0);

    // Only the medical-information department.
    int itRole = -1;
    for (std::size_t i = 0; i < f.skillCatalog.roles.size(); ++i)
        if (f.skillCatalog.roles[i].first == "it_department") itRole = static_cast<int>(i);
    m.roleFilter = itRole;
    m.order.clear();
    ui.frames(2);
    CHECK(m.order.size() == 4);

    m.selected = m.people[static_cast<std::size_t>(m.order.front())].id;
    for (Lang lang : {Lang::Ja, Lang::En}) {
        f.state.lang = lang;
        ui.frames(2);
    }
    for (const char* tier : {"supported", "leading"}) {
        m.tier = tier;
        m.stale = true;
        ui.frames(2);
    }
    CHECK(f.strings.missing().empty());

    // The person editor draws, for a new person and for the selected one.
    m.draft = ui::PersonDraft{};
    m.draft->person.role = "nurse";
    m.draft->person.latest = skills::SkillSnapshot{};
    for (const auto& q : f.skillCatalog.policy.qualifications) m.draft->has[q.id] = q.id == "sg", m.draft->obtained[q.id] = "2025-04-01";
    ui.frames(3);
    CHECK(f.strings.missing().empty());
    m.draft.reset();

    // A broken file is refused with its reasons, and the matrix keeps its 40 people.
    m.path = (test::dataDir() / "people" / "broken_level.csv").string();
    auto report = f.skillService->importFile(m.path);
    REQUIRE(report);
    CHECK_FALSE(report->errors.empty());
    CHECK(f.skillService->people()->size() == 40);
}

TEST_CASE("a kiosk that cannot open its database says why on screen, and Escape or the button quits") {
    Fixture f;
    f.state.screen = ui::Screen::StartupError;
    f.state.startupError = "kiosk.db is an SQLite database of another program; it has been left untouched.";
    test::HeadlessUi ui(f.state);
    for (Lang lang : {Lang::Ja, Lang::En}) {
        f.state.lang = lang;
        CHECK(ui.frames(2) > 0);
        CHECK_FALSE(f.state.quitRequested);
    }
    ui.press(test::Escape);
    CHECK(f.state.quitRequested);
    CHECK(f.strings.missing().empty());
}

TEST_CASE("a name is typed on one line where Enter goes on, and Home with nothing typed saves nothing") {
    Fixture f;
    test::HeadlessUi ui(f.state);
    const int staff = indexOf(f.catalog, "staff_skills");
    REQUIRE(staff >= 0);
    ui.frames(2);
    for (int i = 0; i < staff; ++i) ui.press(test::Down);
    ui.press(test::Enter);
    REQUIRE(f.state.screen == ui::Screen::Assessment);
    auto& s = f.state.assessment;
    REQUIRE(s.active->session.question(s.current).id == "name");  // the checklist opens at the name
    // Home with an empty field: nothing is saved, not even the assessment, and Home offers nothing to continue.
    ui.frames(2);
    ui.press(test::Escape);
    CHECK(f.state.screen == ui::Screen::Home);
    auto stored = f.store.list();
    REQUIRE(stored);
    CHECK(stored->empty());
    ui.frames(2);
    CHECK(f.state.home.inProgress.empty());

    auto again = f.service.start(*f.catalog.find("staff_skills"), Lang::Ja);
    REQUIRE(again);
    f.state.assessment = {};
    ui::openAssessment(f.state, std::move(*again));
    REQUIRE(f.state.screen == ui::Screen::Assessment);
    CHECK(s.active->session.question(s.current).id == "name");
    ui.frames(2);
    ImGui::GetIO().AddInputCharactersUTF8("山田 花子");
    ui.frames(2);
    ui.press(test::Enter);  // one line: Enter saves and goes on, it does not add a newline
    REQUIRE(s.active->session.answer("name"));
    CHECK(s.active->session.answer("name")->text == "山田 花子");
    CHECK(s.active->session.question(s.current).id != "name");
}

TEST_CASE("kanji a person types that no content has are asked into the atlas at once") {
    Fixture f;
    test::HeadlessUi ui(f.state);  // an ImGui context with the kiosk's fonts
    // 髙 and 﨑 (in names, in no content) are missing until asked for.
    const std::string name = "髙﨑 花子";
    CHECK_FALSE(f.state.fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(U'髙')));
    CHECK(ui::ensureGlyphs(f.state, name));
    CHECK(f.state.fontsStale);
    CHECK(f.state.typedText.find("髙") != std::string::npos);
    // The kiosk rebuilds between frames; after that every character is there and nothing more is asked.
    f.state.fontsStale = false;
    REQUIRE(ui::loadFonts(f.state, "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", ui::textToShow(f.state)));
    CHECK(f.state.fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(U'髙')));
    CHECK(f.state.fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(U'﨑')));
    CHECK_FALSE(ui::ensureGlyphs(f.state, name));
    CHECK_FALSE(f.state.fontsStale);
}

namespace {

// WCAG 2 relative luminance and contrast ratio.
double luminance(const ImVec4& c) {
    const auto channel = [](float v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.x) + 0.7152 * channel(c.y) + 0.0722 * channel(c.z);
}
double contrast(const ImVec4& a, const ImVec4& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace

TEST_CASE("every text colour of the theme has a contrast of at least 4.5:1 on every background it is drawn on") {
    using namespace ui::theme;
    struct Pair {
        const char* what;
        ImVec4 text, background;
    };
    const std::vector<Pair> pairs{
        {"text on the window", kText, kWhite},          {"text in a box", kText, kPanel},
        {"text in a field", kText, kFrame},             {"muted on the window", kMuted, kWhite},
        {"muted in a box", kMuted, kPanel},             {"muted in a field", kMuted, kFrame},
        {"accent on the window", kAccent, kWhite},      {"accent in a box", kAccent, kPanel},
        {"selected on the window", kSelected, kWhite},  {"selected in a box", kSelected, kPanel},
        {"warning on the window", kWarning, kWhite},    {"warning in a box", kWarning, kPanel},
        {"error on the window", kError, kWhite},        {"error in a box", kError, kPanel},
        {"button label", kWhite, kAccent},              {"button label, hovered", kWhite, kAccentHover},
        {"selected option's label", kWhite, kSelected}, {"error button's label", kWhite, kError},
    };
    for (const auto& p : pairs) {
        CAPTURE(p.what);
        CHECK(contrast(p.text, p.background) >= 4.5);
    }
}

TEST_CASE("text on the fills of rows, ladders and questions, and the edges of unchecked controls, can be seen") {
    using namespace ui::theme;
    struct Pair {
        const char* what;
        ImVec4 fore, back;
        double need;  // 4.5 for text, 3 for a control's boundary (WCAG 1.4.3 and 1.4.11)
    };
    const std::vector<Pair> pairs{
        {"text on a reached rung or the current row", kText, kGoodFill, 4.5},
        {"muted text on the current row", kMuted, kGoodFill, 4.5},
        {"selected text on the current row", kSelected, kGoodFill, 4.5},
        {"warning on a caution box", kWarning, kCautionFill, 4.5},
        {"text on a hovered row", kText, kHoverFill, 4.5},
        {"selected text on a hovered row", kSelected, kHoverFill, 4.5},
        {"an unchecked box's edge on the window", kControlEdge, kWhite, 3.0},
        {"an unchecked box's edge in a panel", kControlEdge, kPanel, 3.0},
        {"an unchecked box's edge against its own fill", kControlEdge, kFrame, 3.0},
        {"the check mark in its box", kAccent, kFrame, 3.0},
    };
    for (const auto& p : pairs) {
        CAPTURE(p.what);
        CHECK(contrast(p.fore, p.back) >= p.need);
    }
}

TEST_CASE("a workshop participant joins with the code, runs the exercise, reads the debrief, and after the reset nothing of theirs is left") {
    Fixture f;
    test::HeadlessUi ui(f.state, 1280, 2400);  // Home whole, down to the join card, without scrolling
    auto tr = [&](std::string_view key) { return f.strings.get(Lang::Ja, key); };
    auto session = f.workshops.create({"夜間対応研修", {"ransomware_night"}, workshop::Mode::Individual, workshop::Explanations::AtEnd});
    REQUIRE(session);
    const auto& exercise = *f.catalog.find("ransomware_night");

    ui::goHome(f.state);
    ui.frames(2);
    REQUIRE(ui.tap(tr("home.join")));
    REQUIRE(f.state.screen == ui::Screen::WorkshopJoin);
    f.state.workshop.code = session->code;
    f.state.workshop.nickname = "さくら";
    REQUIRE(ui.tap(tr("workshop.join")));  // without consent: refused, saying why
    CHECK_FALSE(f.state.workshop.participant);
    CHECK(f.state.workshop.error == tr("workshop.consent_needed"));
    REQUIRE(ui.tap("□ " + tr("workshop.consent")));
    REQUIRE(ui.tap(tr("workshop.join")));
    REQUIRE(f.state.workshop.participant);
    REQUIRE(ui.tap(tr("workshop.start")));
    REQUIRE(f.state.screen == ui::Screen::Assessment);

    // Explanations only at the end: a decision is taken and no explanation shows.
    const auto& first = exercise.questions.front();
    ui.press('1');
    REQUIRE(f.state.assessment.active->session.answer(first.id));
    ui.frames(1);
    CHECK(drawnText(f.state).find(opening(first.options[0].explanation.ja, 12)) == std::string::npos);
    const std::string run = f.state.assessment.active->uuid;
    CHECK(f.state.workshop.run == run);  // recorded with its first decision
    for (int i = 1; i < static_cast<int>(exercise.questions.size()); ++i) {
        ui::showQuestion(f.state, i);
        ui.press('2');
    }
    f.state.screen = ui::Screen::Completion;
    f.state.completion = ui::CompletionState{};
    REQUIRE(ui.tap(tr("completion.finish")));
    REQUIRE(ui.tap(tr("completion.confirm")));
    REQUIRE(f.state.screen == ui::Screen::WorkshopDebrief);

    // The debrief: the score, and every decision's explanation including the other options'.
    ui.frames(1);
    const std::string debrief = drawnText(f.state);
    CHECK(debrief.find(opening(first.options[0].explanation.ja, 12)) != std::string::npos);
    CHECK(debrief.find(opening(first.options[3].explanation.ja, 12)) != std::string::npos);
    auto runs = f.workshops.runs(session->uuid);
    REQUIRE(runs);
    REQUIRE(runs->size() == 1);
    CHECK(runs->front().completed);
    CHECK(runs->front().participantCode == "さくら");

    // The reset: Home, with nothing of the participant visible or reachable.
    REQUIRE(ui.tap(tr("workshop.done")));
    CHECK(f.state.screen == ui::Screen::Home);
    CHECK_FALSE(f.state.workshop.participant);
    CHECK_FALSE(f.state.assessment.active);
    ui.frames(2);
    const std::string home = drawnText(f.state);
    CHECK(home.find("さくら") == std::string::npos);
    for (const auto* list : {&f.state.home.inProgress, &f.state.home.completedOther, &f.state.home.scored})
        for (const auto& summary : *list) CHECK(summary.record.uuid != run);
    CHECK_FALSE(ui.tap(run.substr(0, 8)));

    // The next participant leaves half-way and the idle timeout comes: the same.
    REQUIRE(ui.tap(tr("home.join")));
    f.state.workshop.code = session->code;
    f.state.workshop.nickname = "ひな";
    REQUIRE(ui.tap("□ " + tr("workshop.consent")));
    REQUIRE(ui.tap(tr("workshop.join")));
    REQUIRE(ui.tap(tr("workshop.start")));
    ui.press('3');
    const std::string unfinished = f.state.assessment.active->uuid;
    ui::idleReset(f.state);
    CHECK(f.state.screen == ui::Screen::Home);
    CHECK_FALSE(f.state.workshop.participant);
    ui.frames(2);
    CHECK(drawnText(f.state).find("ひな") == std::string::npos);
    for (const auto& summary : f.state.home.inProgress) CHECK(summary.record.uuid != unfinished);
    runs = f.workshops.runs(session->uuid);
    REQUIRE(runs);
    CHECK(runs->size() == 2);  // the trainer still sees it, as in progress
}
