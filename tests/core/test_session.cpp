// Show-if applicability and navigation: progress counts only the questions that apply, hidden
// questions are stepped over, and resuming lands on the first unanswered question.
#include <doctest/doctest.h>

#include <memory>

#include "assessment/session.hpp"
#include "questionnaire/loader.hpp"
#include "support.hpp"

using namespace kiosk;
using namespace kiosk::assessment;

namespace {

std::shared_ptr<const questionnaire::Questionnaire> load(const std::string& text) {
    auto result = questionnaire::parseQuestionnaire(text, "test.toml", questionnaire::LoadContext{});
    REQUIRE_MESSAGE(result.questionnaire, (result.diagnostics.empty() ? "" : result.diagnostics.front().format()));
    return std::make_shared<const questionnaire::Questionnaire>(std::move(*result.questionnaire));
}

const char* kBranching = R"(
[questionnaire]
id = "b"
version = "1"
kind = "sample"
title = { ja = "分岐", en = "Branching" }
description = { ja = "説明", en = "Description" }
[[sections]]
id = "s"
title = { ja = "節", en = "Section" }
[[questions]]
id = "kind"
section = "s"
type = "single_choice"
text = { ja = "種類", en = "Kind" }
options = [ { id = "hospital", label = { ja = "病院", en = "Hospital" }, score = 0 }, { id = "clinic", label = { ja = "診療所", en = "Clinic" }, score = 0 } ]
[[questions]]
id = "beds"
section = "s"
type = "number"
min = 0
max = 3000
integer = true
text = { ja = "病床数", en = "Beds" }
show_if = { all = [ { question = "kind", op = "equals", value = "hospital" } ] }
[[questions]]
id = "big"
section = "s"
type = "yes_no"
text = { ja = "大規模", en = "Large" }
show_if = { all = [ { question = "beds", op = "ge", value = 200 } ] }
[[questions]]
id = "systems"
section = "s"
type = "multi_choice"
text = { ja = "システム", en = "Systems" }
options = [ { id = "emr", label = { ja = "電子カルテ", en = "EMR" }, score = 0 }, { id = "pacs", label = { ja = "PACS", en = "PACS" }, score = 0 } ]
[[questions]]
id = "emr_vendor"
section = "s"
type = "text"
required = false
text = { ja = "事業者", en = "Vendor" }
show_if = { any = [ { question = "systems", op = "contains", value = "emr" }, { question = "kind", op = "in", value = ["hospital"] } ] }
[[questions]]
id = "skill"
section = "s"
type = "level"
text = { ja = "技能", en = "Skill" }
)";

}  // namespace

TEST_CASE("questions hidden by show-if are not counted in progress") {
    Session s(load(kBranching));
    // kind unanswered: beds and big are hidden; emr_vendor too (no answer satisfies its conditions).
    CHECK(s.visibleQuestions() == std::vector<int>{0, 3, 5});
    CHECK(s.progress(0).total == 3);
    CHECK(s.progress(0).position == 1);

    REQUIRE(s.setAnswer("kind", Answer::option("hospital")));
    CHECK(s.visibleQuestions() == std::vector<int>{0, 1, 3, 4, 5});
    CHECK(s.progress(3).position == 3);
    CHECK(s.progress(3).total == 5);
}

TEST_CASE("a condition on a hidden question counts as unanswered") {
    Session s(load(kBranching));
    REQUIRE(s.setAnswer("kind", Answer::option("hospital")));
    REQUIRE(s.setAnswer("beds", Answer::value(400)));
    CHECK(s.isVisible(2));
    // Becoming a clinic hides beds, and with it the question that depends on beds.
    REQUIRE(s.setAnswer("kind", Answer::option("clinic")));
    CHECK_FALSE(s.isVisible(1));
    CHECK_FALSE(s.isVisible(2));
    CHECK(s.answer("beds"));  // kept, in case the person changes their mind again
}

TEST_CASE("next and previous step over hidden questions") {
    Session s(load(kBranching));
    REQUIRE(s.setAnswer("kind", Answer::option("clinic")));
    CHECK(s.first() == 0);
    CHECK(s.next(0) == 3);
    CHECK(s.previous(3) == 0);
    CHECK(s.next(5) == -1);
    CHECK(s.previous(0) == -1);
}

TEST_CASE("resume lands on the first visible question with no answer") {
    Session s(load(kBranching));
    REQUIRE(s.setAnswer("kind", Answer::option("hospital")));
    REQUIRE(s.setAnswer("beds", Answer::value(100)));
    CHECK(s.firstUnanswered() == 3);  // big is hidden (beds < 200)
    REQUIRE(s.setAnswer("systems", Answer::options({})));
    REQUIRE(s.setAnswer("emr_vendor", Answer::skip()));
    CHECK(s.firstUnanswered() == 5);
}

TEST_CASE("an unanswered required question keeps the assessment open") {
    Session s(load(kBranching));
    REQUIRE(s.setAnswer("kind", Answer::option("clinic")));
    REQUIRE(s.setAnswer("systems", Answer::options({"pacs"})));
    CHECK_FALSE(s.isComplete());
    CHECK(s.missingRequired() == std::vector<int>{5});
    REQUIRE(s.setAnswer("skill", Answer::value(3)));
    CHECK(s.isComplete());
}

TEST_CASE("answers that do not fit their question are refused") {
    Session s(load(kBranching));
    CHECK_FALSE(s.setAnswer("kind", Answer::option("pharmacy")));
    CHECK_FALSE(s.setAnswer("kind", Answer::skip()));  // required
    REQUIRE(s.setAnswer("kind", Answer::option("hospital")));
    CHECK_FALSE(s.setAnswer("beds", Answer::value(3001)));
    CHECK_FALSE(s.setAnswer("beds", Answer::value(10.5)));
    CHECK_FALSE(s.setAnswer("skill", Answer::value(5)));
    CHECK_FALSE(s.setAnswer("systems", Answer::options({"fax"})));
    CHECK_FALSE(s.setAnswer("nope", Answer::value(1)));
    CHECK(s.answers().size() == 1);
}

TEST_CASE("answers survive encoding for storage") {
    auto q = load(kBranching);
    const auto& systems = *q->findQuestion("systems");
    const Answer multi = Answer::options({"emr", "pacs"});
    auto decoded = decodeAnswer(systems, encodeAnswer(systems, multi), false);
    REQUIRE(decoded);
    CHECK(*decoded == multi);
    auto none = decodeAnswer(systems, encodeAnswer(systems, Answer::options({})), false);
    REQUIRE(none);
    CHECK(none->choices.empty());

    const auto& beds = *q->findQuestion("beds");
    auto number = decodeAnswer(beds, encodeAnswer(beds, Answer::value(250)), false);
    REQUIRE(number);
    CHECK(*number->number == 250);
    CHECK_FALSE(decodeAnswer(beds, "many", false));
}

TEST_CASE("dates must be real calendar dates") {
    CHECK(isValidDate("2027-04-01"));
    CHECK(isValidDate("2028-02-29"));
    CHECK_FALSE(isValidDate("2027-02-29"));
    CHECK_FALSE(isValidDate("2027-13-01"));
    CHECK_FALSE(isValidDate("2027/04/01"));
    CHECK_FALSE(isValidDate("27-04-01"));
}
