// Loader and validator: every broken file in tests/data/broken is reported at file:line:column
// with a message that says what to fix, all errors are listed, and good files still load.
#include <doctest/doctest.h>

#include <algorithm>

#include "questionnaire/loader.hpp"
#include "support.hpp"

using namespace kiosk;
using namespace kiosk::questionnaire;

namespace {

Diagnostics problemsOf(const std::string& name) {
    return loadQuestionnaireFile(test::dataDir() / "broken" / name, LoadContext{}).diagnostics;
}

// True when some diagnostic is at line:column and its message contains `text`.
bool reports(const Diagnostics& diagnostics, int line, int column, const std::string& text) {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
        return d.pos.line == line && d.pos.column == column && d.message.find(text) != std::string::npos;
    });
}

std::string dump(const Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics) out += d.format() + "\n";
    return out;
}

const char* kMinimal = R"(
[questionnaire]
id = "m"
version = "1"
kind = "sample"
title = { ja = "題", en = "Title" }
description = { ja = "説明", en = "Description" }
[[sections]]
id = "s"
title = { ja = "節", en = "Section" }
)";

// The head of an exercise with two learning objectives and one section; decisions follow.
const char* kExercise = R"(
[questionnaire]
id = "ex"
version = "1"
kind = "exercise"
title = { ja = "演習", en = "Exercise" }
description = { ja = "説明", en = "Description" }
duration_minutes = 30
objectives = [ { ja = "目標一", en = "Objective one" }, { ja = "目標二", en = "Objective two" } ]
scenario = { ja = "状況", en = "Situation" }
[[sections]]
id = "s"
title = { ja = "節", en = "Section" }
)";

}  // namespace

TEST_CASE("a valid questionnaire loads with its questions, options and show-if") {
    auto result = loadQuestionnaireFile(test::dataDir() / "good" / "tiny.toml", LoadContext{});
    INFO(dump(result.diagnostics));
    REQUIRE(result.questionnaire);
    const auto& q = *result.questionnaire;
    CHECK(q.id == "tiny");
    CHECK(q.title.ja == "小さな例");
    CHECK(q.questions.size() == 3);
    CHECK(q.questions[0].options.size() == 4);  // yes / no / unknown / not applicable
    REQUIRE(q.questions[1].showIf);
    CHECK(q.questions[1].showIf->kind == Condition::Kind::All);
    CHECK(q.questions[1].showIf->children.front().question == "has_backup");
    CHECK_FALSE(q.questions[2].required);
    CHECK(q.contentHash.size() == 64);
}

TEST_CASE("a TOML syntax error is reported at its line and column") {
    const auto d = problemsOf("syntax.toml");
    INFO(dump(d));
    REQUIRE(d.size() == 1);
    CHECK(d[0].pos.line == 6);
    CHECK(d[0].message.find("TOML syntax error") != std::string::npos);
    CHECK(d[0].format().rfind((test::dataDir() / "broken" / "syntax.toml").string() + ":6:", 0) == 0);
}

TEST_CASE("duplicate question and option ids are both reported") {
    const auto d = problemsOf("duplicate_ids.toml");
    INFO(dump(d));
    CHECK(reports(d, 19, 3, "option id 'a' is used twice"));
    CHECK(reports(d, 22, 1, "question id 'kind' is used twice (first at line 12)"));
}

TEST_CASE("references to unknown questions, options and sections are reported") {
    const auto d = problemsOf("unknown_reference.toml");
    INFO(dump(d));
    CHECK(d.size() == 3);
    CHECK(reports(d, 18, 1, "section 'elsewhere', which is not defined"));
    CHECK(reports(d, 24, 3, "question 'has_ermr', which does not exist"));
    CHECK(reports(d, 25, 3, "option 'maybe', which question 'has_emr' does not have"));
}

TEST_CASE("missing and empty ja or en text is reported for every text") {
    const auto d = problemsOf("missing_text.toml");
    INFO(dump(d));
    CHECK(reports(d, 5, 9, "'title' of [questionnaire] has no en text"));
    CHECK(reports(d, 6, 36, "has empty en text"));
    CHECK(reports(d, 16, 8, "'text' of question 'q1' has no ja text"));
}

TEST_CASE("scores, weights and number ranges out of range are reported") {
    const auto d = problemsOf("score_range.toml");
    INFO(dump(d));
    CHECK(reports(d, 16, 10, "weight 0"));
    CHECK(reports(d, 19, 61, "score 120 of option 'done' is out of range"));
    CHECK(reports(d, 20, 65, "score -5"));
    CHECK(reports(d, 21, 3, "option 'unsure' has no score"));
    CHECK(reports(d, 28, 7, "min 100 greater than max 10"));
}

TEST_CASE("a show-if that refers forward, in a cycle or to itself is reported") {
    const auto d = problemsOf("forward_reference.toml");
    INFO(dump(d));
    CHECK(d.size() == 2);
    CHECK(reports(d, 17, 21, "refers forward to 'b'"));
    CHECK(reports(d, 31, 21, "refers to the question itself"));
}

TEST_CASE("invalid UTF-8 is reported where the bad bytes are") {
    const auto d = problemsOf("invalid_utf8.toml");
    INFO(dump(d));
    REQUIRE(d.size() == 1);
    CHECK(d[0].pos.line == 5);
    CHECK(d[0].pos.column == 18);
    CHECK(d[0].message.find("not valid UTF-8") != std::string::npos);
}

TEST_CASE("misspelt keys and unknown kinds and types are named") {
    const auto d = problemsOf("unknown_keys.toml");
    INFO(dump(d));
    CHECK(reports(d, 4, 8, "unknown kind 'survey'"));
    CHECK(reports(d, 15, 8, "unknown type 'yesno'"));
    CHECK(reports(d, 16, 12, "unknown key 'requried'"));
    CHECK(d.size() == 3);  // an unknown type does not cascade into further complaints
}

TEST_CASE("all errors of a file are listed, sorted by position") {
    const auto d = problemsOf("score_range.toml");
    REQUIRE(d.size() >= 5);
    CHECK(std::is_sorted(d.begin(), d.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.pos.line < b.pos.line; }));
}

TEST_CASE("one broken file never stops the others from loading") {
    test::TempDir dir;
    test::writeFile(dir / "good.toml", test::readFile(test::dataDir() / "good" / "tiny.toml"));
    test::writeFile(dir / "broken.toml", test::readFile(test::dataDir() / "broken" / "syntax.toml"));
    const auto catalog = loadCatalog(dir.path());
    REQUIRE(catalog.questionnaires.size() == 1);
    CHECK(catalog.questionnaires[0].id == "tiny");
    REQUIRE(catalog.diagnostics.size() == 1);
    CHECK(catalog.diagnostics[0].file.find("broken.toml") != std::string::npos);
}

TEST_CASE("questionnaire ids must be unique across files") {
    test::TempDir dir;
    const auto tiny = test::readFile(test::dataDir() / "good" / "tiny.toml");
    test::writeFile(dir / "a.toml", tiny);
    test::writeFile(dir / "b.toml", tiny);
    const auto catalog = loadCatalog(dir.path());
    CHECK(catalog.questionnaires.size() == 1);
    REQUIRE(catalog.diagnostics.size() == 1);
    CHECK(catalog.diagnostics[0].message.find("already used by") != std::string::npos);
}

TEST_CASE("a condition operator must fit the type of the question it tests") {
    const std::string text = std::string(kMinimal) + R"(
[[questions]]
id = "beds"
section = "s"
type = "number"
min = 0
max = 10
text = { ja = "数", en = "Number" }
[[questions]]
id = "x"
section = "s"
type = "yes_no"
text = { ja = "問", en = "Q" }
show_if = { all = [ { question = "beds", op = "contains", value = "a" }, { question = "beds", op = "ge" } ] }
)";
    const auto result = parseQuestionnaire(text, "ops.toml", LoadContext{});
    INFO(dump(result.diagnostics));
    CHECK_FALSE(result.questionnaire);
    CHECK(result.diagnostics.size() == 2);
    CHECK(reports(result.diagnostics, 24, 21, "'contains' works only with multi-choice questions"));
    CHECK(reports(result.diagnostics, 24, 74, "needs a value"));
}

TEST_CASE("measures must carry domain, CSF function, guideline part and tier, and domains must exist") {
    const std::string text = R"(
[questionnaire]
id = "m"
version = "1"
kind = "security_measures"
title = { ja = "題", en = "Title" }
description = { ja = "説明", en = "Description" }
[[sections]]
id = "s"
title = { ja = "節", en = "Section" }
[[questions]]
id = "a"
section = "s"
type = "yes_no"
text = { ja = "問", en = "Q" }
[[questions]]
id = "b"
section = "s"
type = "yes_no"
domain = "nowhere"
csf = "XX"
guideline = "operation"
min_tier = "gold"
text = { ja = "問", en = "Q" }
)";
    LoadContext context;
    context.domains = {{"backup", {"バックアップと復旧", "Backup and recovery"}, {"バックアップ", "Backup"}}};
    context.domainsLoaded = true;
    const auto result = parseQuestionnaire(text, "m.toml", context);
    INFO(dump(result.diagnostics));
    CHECK(reports(result.diagnostics, 11, 1, "measure 'a' needs a domain"));
    CHECK(reports(result.diagnostics, 11, 1, "measure 'a' needs csf"));
    CHECK(reports(result.diagnostics, 16, 1, "domain 'nowhere', which is not in domains.toml"));
    CHECK(reports(result.diagnostics, 16, 1, "csf 'XX'"));
    CHECK(reports(result.diagnostics, 16, 1, "min_tier 'gold', which is not a tier"));
}

TEST_CASE("an action that is not a ja/en table is reported where it is written") {
    const auto d = problemsOf("bad_action.toml");
    INFO(dump(d));
    CHECK(d.size() == 2);
    CHECK(reports(d, 17, 10, "'action' of question 'ledger' must be a table with ja and en text"));
    CHECK(reports(d, 24, 10, "'action' of question 'backup' has no en text"));
    CHECK(d[0].format().rfind((test::dataDir() / "broken" / "bad_action.toml").string() + ":17:10: ", 0) == 0);
}

TEST_CASE("a security measure without an action is reported by its id") {
    const auto result = loadQuestionnaireFile(test::dataDir() / "broken" / "missing_action.toml", LoadContext{});
    INFO(dump(result.diagnostics));
    CHECK_FALSE(result.questionnaire);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(reports(result.diagnostics, 12, 1, "measure 'bak_checked' needs an action"));
}

TEST_CASE("an exercise decision needs exactly one best option") {
    const std::string text = std::string(kExercise) + R"(
[[questions]]
id = "d1"
section = "s"
objective = 1
type = "single_choice"
text = { ja = "どうする", en = "What now?" }
options = [
  { id = "a", label = { ja = "甲", en = "A" }, score = 100, best = true, explanation = { ja = "良い", en = "Good" } },
  { id = "b", label = { ja = "乙", en = "B" }, score = 90, best = true, explanation = { ja = "良い", en = "Good" } },
]
)";
    const auto result = parseQuestionnaire(text, "ex.toml", LoadContext{});
    INFO(dump(result.diagnostics));
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message.find("2 options marked best") != std::string::npos);
}

TEST_CASE("every exercise decision names a learning objective of its exercise, and only exercise decisions have one") {
    const std::string header = kExercise;
    auto decision = [](const std::string& id, const std::string& objective) {
        return "[[questions]]\nid = \"" + id + "\"\nsection = \"s\"\n" + objective +
               "type = \"single_choice\"\ntext = { ja = \"問\", en = \"Q\" }\noptions = [\n"
               "  { id = \"a\", label = { ja = \"甲\", en = \"A\" }, score = 100, best = true, explanation = { ja = \"良\", en = \"Good\" } },\n"
               "  { id = \"b\", label = { ja = \"乙\", en = \"B\" }, score = 0, explanation = { ja = \"悪\", en = \"Bad\" } },\n]\n";
    };
    const auto good = parseQuestionnaire(header + decision("d1", "objective = 1\n") + decision("d2", "objective = 2\n"), "ex.toml", {});
    INFO(dump(good.diagnostics));
    REQUIRE(good.questionnaire);
    CHECK(good.questionnaire->questions[1].objective == 2);

    const auto bad = parseQuestionnaire(header + decision("d1", "") + decision("d2", "objective = 3\n"), "ex.toml", {});
    INFO(dump(bad.diagnostics));
    CHECK_FALSE(bad.questionnaire);
    REQUIRE(bad.diagnostics.size() == 2);
    CHECK(bad.diagnostics[0].message == "decision 'd1' needs objective = N, the number of the learning objective it practises (1 to 2)");
    CHECK(bad.diagnostics[1].message.rfind("decision 'd2' needs objective = N", 0) == 0);

    const auto measure = parseQuestionnaire(std::string(kMinimal) + R"(
[[questions]]
id = "q"
section = "s"
objective = 1
type = "yes_no"
text = { ja = "問", en = "Q" }
)", "m.toml", {});
    INFO(dump(measure.diagnostics));
    REQUIRE(measure.diagnostics.size() == 1);
    CHECK(measure.diagnostics[0].message == "question 'q' has an objective, which is only for exercise decisions");
}

TEST_CASE("the bundled questionnaires are all valid") {
    const auto catalog = loadCatalog(test::sourceDir() / "questionnaires");
    INFO(dump(catalog.diagnostics));
    CHECK(catalog.diagnostics.empty());
    CHECK(catalog.find("facility_profile"));
    CHECK(catalog.find("security_measures"));
    CHECK(catalog.find("practice"));
}

TEST_CASE("at_most names earlier number questions; anything else is reported where it is written") {
    const std::string text = std::string(kMinimal) + R"(
[[questions]]
id = "either"
section = "s"
type = "number"
text = { ja = "どちらか", en = "Either" }
min = 0
max = 10
[[questions]]
id = "kind"
section = "s"
type = "yes_no"
text = { ja = "種類", en = "Kind" }
[[questions]]
id = "both"
section = "s"
type = "number"
text = { ja = "両方", en = "Both" }
min = 0
max = 10
at_most = ["either", "nowhere", "kind", "both"]
[[questions]]
id = "word"
section = "s"
type = "text"
text = { ja = "言葉", en = "Word" }
at_most = ["either"]
)";
    const auto result = parseQuestionnaire(text, "bounds.toml", LoadContext{});
    INFO(dump(result.diagnostics));
    CHECK(reports(result.diagnostics, 31, 22, "names 'nowhere', which does not exist"));
    CHECK(reports(result.diagnostics, 31, 33, "names 'kind', which is not a number question"));
    CHECK(reports(result.diagnostics, 31, 41, "names the question itself"));
    CHECK(reports(result.diagnostics, 37, 11, "'at_most' applies only to number questions"));
    CHECK(result.diagnostics.size() == 4);

    // The bundled profile bounds the count of people with both by the counts of either.
    const auto profile = loadQuestionnaireFile(test::sourceDir() / "questionnaires" / "facility_profile.toml", LoadContext{});
    REQUIRE(profile.questionnaire);
    const auto& both = profile.questionnaire->questions[static_cast<std::size_t>(profile.questionnaire->indexOf("staff_both_count"))];
    REQUIRE(both.atMost.size() == 2);
    CHECK(both.atMost[0].question == "staff_knowledge_count");
    CHECK(both.atMost[1].question == "staff_security_count");
}
