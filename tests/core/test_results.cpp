// Stored results: a completed measures assessment is scored with the facility's latest profile,
// the result is stored with it, and it never changes afterwards, whatever happens to the
// questionnaires or rules; a later assessment shows the change since the previous one.
#include <doctest/doctest.h>

#include "assessment/service.hpp"
#include "questionnaire/loader.hpp"
#include "scoring/answers_file.hpp"
#include "scoring/service.hpp"
#include "store/assessment_store.hpp"
#include "store/database.hpp"
#include "store/result_store.hpp"
#include "support.hpp"

using namespace kiosk;

namespace {

struct Facility {
    questionnaire::Catalog catalog = questionnaire::loadCatalog(test::sourceDir() / "questionnaires");
    scoring::Policy policy;
    store::Database db = std::move(store::Database::open(":memory:").value());
    store::AssessmentStore assessments{db};
    store::ResultStore results{db};
    assessment::AssessmentService service{assessments, catalog};

    Facility() {
        auto loaded = scoring::loadPolicy(test::sourceDir() / "questionnaires", catalog);
        REQUIRE(loaded.policy);
        policy = std::move(*loaded.policy);
    }

    // Answers a questionnaire at the kiosk from a session filled elsewhere, then completes it.
    std::string complete(const assessment::Session& answers) {
        auto active = service.start(*catalog.find(answers.questionnaire().id), Lang::Ja);
        REQUIRE(active);
        for (int i = 0; i < answers.questionCount(); ++i) {
            const auto& q = answers.question(i);
            if (const auto* a = answers.answer(q.id); a && answers.isVisible(i)) REQUIRE(service.answer(*active, q.id, *a));
        }
        // Questions the scenario leaves open get a neutral answer, as a person would give one.
        for (int i : active->session.missingRequired()) {
            const auto& q = active->session.question(i);
            REQUIRE_MESSAGE(service.answer(*active, q.id, test::neutralAnswer(q)), q.id);
        }
        REQUIRE_MESSAGE(service.complete(*active), "incomplete " << answers.questionnaire().id);
        return active->uuid;
    }

    scoring::AnswersFile scenario(const std::string& name) {
        auto parsed = scoring::parseAnswersFile(test::readFile(test::dataDir() / "scenarios" / (name + ".json")), catalog);
        REQUIRE(parsed);
        return std::move(*parsed);
    }
};

}  // namespace

TEST_CASE("a completed measures assessment is scored with the latest profile and the result is stored") {
    Facility f;
    auto answers = f.scenario("hospital_250_single_person");
    const auto profile = f.complete(*answers.profile);
    const auto measures = f.complete(*answers.measures);
    scoring::ScoringService scoring(f.service, f.results, f.catalog, &f.policy);
    auto result = scoring.resultFor(measures.substr(0, 8));
    REQUIRE_MESSAGE(result, (result ? "" : result.error()));
    CHECK(result->decision == scoring::Decision::Recommended);
    CHECK(result->profileAssessment == profile);
    CHECK(result->assessment == measures);
    CHECK_FALSE(result->change);
    auto stored = f.results.get(measures);
    REQUIRE(stored);
    REQUIRE(*stored);
    CHECK((*stored)->decision == "recommended");
}

TEST_CASE("scoring needs a completed profile and a measures assessment") {
    Facility f;
    auto answers = f.scenario("hospital_250_single_person");
    const auto measures = f.complete(*answers.measures);
    scoring::ScoringService scoring(f.service, f.results, f.catalog, &f.policy);
    auto result = scoring.resultFor(measures);
    REQUIRE_FALSE(result);
    CHECK(result.error().find("complete the profile first") != std::string::npos);
    const auto profile = f.complete(*answers.profile);
    auto wrong = scoring.resultFor(profile);
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().find("results are computed for the security measures") != std::string::npos);
}

TEST_CASE("an edited questionnaire or rule never changes a stored result") {
    Facility f;
    auto answers = f.scenario("hospital_120_unknowns");
    f.complete(*answers.profile);
    const auto measures = f.complete(*answers.measures);
    std::string before;
    {
        scoring::ScoringService scoring(f.service, f.results, f.catalog, &f.policy);
        auto result = scoring.resultFor(measures);
        REQUIRE(result);
        before = scoring::toJson(*result);
    }
    // Later the questionnaire is reworded and reweighted, and the region tightens a threshold.
    auto& q = const_cast<questionnaire::Questionnaire&>(*f.catalog.find("security_measures"));
    q.questions[0].text.ja = "言い換えた問い";
    q.questions[0].weight = 9;
    q.contentHash = "edited";
    scoring::Policy stricter = f.policy;
    stricter.thresholds.considerScore = 99;
    stricter.thresholds.unknownFindings = 1;
    scoring::ScoringService scoring(f.service, f.results, f.catalog, &stricter);
    auto again = scoring.resultFor(measures);
    REQUIRE(again);
    CHECK(scoring::toJson(*again) == before);
}

TEST_CASE("a second completed assessment shows the change since the previous one") {
    Facility f;
    auto first = f.scenario("hospital_120_unknowns");
    f.complete(*first.profile);
    const auto before = f.complete(*first.measures);
    scoring::ScoringService scoring(f.service, f.results, f.catalog, &f.policy);
    REQUIRE(scoring.resultFor(before));

    // A year later the unknowns have been found out and are in place.
    assessment::Session better = *first.measures;
    for (const char* id : {"gov_annual_checklist", "inv_network_diagram", "acc_admin_rights", "net_default_passwords",
                           "vul_patch_applied", "ven_mds_sds"})
        REQUIRE(better.setAnswer(id, assessment::Answer::option("done")));
    const auto after = f.complete(better);
    auto result = scoring.resultFor(after);
    REQUIRE(result);
    REQUIRE(result->change);
    CHECK(result->change->previousAssessment == before);
    CHECK(result->change->previousDecision == "consider");
    CHECK(result->overall - result->change->previousOverall == doctest::Approx(12.0 / 88 * 100).epsilon(0.01));  // stored to one decimal
    CHECK(result->decision == scoring::Decision::NotNeeded);
}
