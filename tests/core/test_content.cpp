// The bundled content: bilingual everywhere, the measures and skills share their domains, the
// essentials are marked critical, every measure says what to do, exercises have one best option
// per decision, sizes are as planned, and the glossary's terms are used consistently.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "questionnaire/loader.hpp"
#include "support.hpp"
#include "util/utf8.hpp"

using namespace kiosk;
using namespace kiosk::questionnaire;

namespace {

const Catalog& content() {
    static const Catalog catalog = loadCatalog(test::sourceDir() / "questionnaires");
    return catalog;
}

const Questionnaire& get(std::string_view id) {
    const auto* q = content().find(id);
    REQUIRE_MESSAGE(q, "missing questionnaire " << id);
    return *q;
}

// Every text of a questionnaire, named for the failure message.
std::vector<std::pair<std::string, const LocalizedText*>> textsOf(const Questionnaire& q) {
    std::vector<std::pair<std::string, const LocalizedText*>> out{{q.id + " title", &q.title}, {q.id + " description", &q.description}};
    for (const auto& s : q.sections) out.emplace_back(q.id + "/" + s.id + " title", &s.title);
    for (const auto& question : q.questions) {
        out.emplace_back(q.id + "/" + question.id + " text", &question.text);
        out.emplace_back(q.id + "/" + question.id + " help", &question.help);
        if (!question.action.ja.empty() || !question.action.en.empty())
            out.emplace_back(q.id + "/" + question.id + " action", &question.action);
        for (const auto& o : question.options) out.emplace_back(q.id + "/" + question.id + "/" + o.id + " label", &o.label);
    }
    return out;
}

std::vector<const Questionnaire*> exercises() {
    std::vector<const Questionnaire*> out;
    for (const auto& q : content().questionnaires)
        if (q.kind == Kind::Exercise) out.push_back(&q);
    return out;
}

}  // namespace

TEST_CASE("every text of the content has both Japanese and English, and every question has help") {
    CHECK(content().diagnostics.empty());
    int checked = 0;
    for (const auto& q : content().questionnaires) {
        for (const auto& [name, text] : textsOf(q)) {
            ++checked;
            CHECK_MESSAGE(!text->ja.empty(), name << " has no Japanese");
            CHECK_MESSAGE(!text->en.empty(), name << " has no English");
        }
    }
    CHECK(checked > 600);
}

TEST_CASE("the questionnaires have the planned sizes") {
    const auto& profile = get("facility_profile");
    CHECK(profile.questions.size() >= 12);
    CHECK(profile.questions.size() <= 20);
    const auto& measures = get("security_measures");
    CHECK(measures.questions.size() >= 45);
    CHECK(measures.questions.size() <= 70);
    const auto& skills = get("staff_skills");
    const auto levels = std::count_if(skills.questions.begin(), skills.questions.end(),
                                      [](const Question& q) { return q.type == QuestionType::Level; });
    CHECK(levels >= 15);
    CHECK(levels <= 25);
    REQUIRE(exercises().size() >= 2);
    for (const auto* ex : exercises()) {
        CHECK_MESSAGE(ex->questions.size() >= 8, ex->id);
        CHECK_MESSAGE(ex->questions.size() <= 12, ex->id);
        CHECK(ex->durationMinutes > 0);
        CHECK_FALSE(ex->objectives.empty());
        CHECK_FALSE(ex->scenario.ja.empty());
    }
}

TEST_CASE("every domain has measures and matching staff skills") {
    std::map<std::string, int> measures, skills;
    for (const auto& q : get("security_measures").questions) ++measures[q.domain];
    for (const auto& q : get("staff_skills").questions)
        if (q.type == QuestionType::Level) ++skills[q.domain];
    REQUIRE(content().domains.size() == 11);
    for (const auto& d : content().domains) {
        CHECK_MESSAGE(measures[d.id] >= 3, "domain " << d.id << " has " << measures[d.id] << " measures");
        CHECK_MESSAGE(skills[d.id] >= 1, "domain " << d.id << " has no staff skill");
    }
}

TEST_CASE("the essentials exist and are the only critical measures") {
    const std::set<std::string> essentials{"gov_safety_officer",     "inv_device_ledger",
                                           "net_remote_maintenance_known", "bak_offline_generations",
                                           "inc_contact_and_downtime_plan", "ven_responsibility_split"};
    std::set<std::string> critical;
    const auto& measures = get("security_measures");
    for (const auto& q : measures.questions) {
        if (q.critical) critical.insert(q.id);
        CHECK_MESSAGE(!q.references.empty(), q.id << " cites no source");
        const Option* unknown = q.findOption("unknown");
        const Option* na = q.findOption("na");
        CHECK_MESSAGE((unknown && unknown->unknown), q.id << " lacks わからない");
        CHECK_MESSAGE((na && na->notApplicable), q.id << " lacks 該当しない");
    }
    CHECK(critical == essentials);
    CHECK(measures.findQuestion("gov_safety_officer")->minTier == "supported");
}

TEST_CASE("every measure says what to do, as an instruction in Japanese and English") {
    const auto endsWith = [](const std::string& s, std::string_view end) {
        return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
    };
    const auto& measures = get("security_measures");
    REQUIRE_FALSE(measures.questions.empty());
    for (const auto& q : measures.questions) {
        INFO(q.id);
        CHECK_FALSE(q.action.ja.empty());
        CHECK_FALSE(q.action.en.empty());
        // A gap is listed by its action, so it must not read as the question it came from.
        CHECK_FALSE(endsWith(q.action.ja, "か。"));
        CHECK_FALSE(endsWith(q.action.ja, "ください。"));
        CHECK_FALSE(endsWith(q.action.en, "?"));
        CHECK(q.action.ja != q.text.ja);
    }
}

TEST_CASE("each exercise decision has exactly one best option, scored highest, and every option is explained") {
    for (const auto* ex : exercises()) {
        for (const auto& q : ex->questions) {
            const auto best = std::count_if(q.options.begin(), q.options.end(), [](const Option& o) { return o.best; });
            CHECK_MESSAGE(best == 1, ex->id << "/" << q.id);
            const auto top = std::max_element(q.options.begin(), q.options.end(),
                                              [](const Option& a, const Option& b) { return a.score < b.score; });
            CHECK_MESSAGE(top->best, ex->id << "/" << q.id << ": the best option is not the highest scored");
            for (const auto& o : q.options) {
                CHECK_MESSAGE(!o.explanation.ja.empty(), ex->id << "/" << q.id << "/" << o.id);
                CHECK_MESSAGE(!o.explanation.en.empty(), ex->id << "/" << q.id << "/" << o.id);
            }
        }
    }
}

TEST_CASE("in every exercise the best option is the longest in at most a third of the decisions, in each language") {
    // Participants who learn that the most detailed option is right stop reading the others, so
    // length must not give the answer away. A tie with the longest counts as the longest.
    REQUIRE_FALSE(exercises().empty());
    for (const auto* ex : exercises()) {
        for (const Lang lang : {Lang::Ja, Lang::En}) {
            const char* language = lang == Lang::Ja ? "Japanese" : "English";
            std::vector<std::string> longest;
            for (const auto& q : ex->questions) {
                std::size_t best = 0, others = 0;
                for (const auto& o : q.options) {
                    const std::size_t n = utf8::length(o.label.get(lang));
                    if (o.best) best = std::max(best, n);
                    else others = std::max(others, n);
                }
                if (best >= others) longest.push_back(q.id);
            }
            std::string named;
            for (const auto& id : longest) named += (named.empty() ? "" : ", ") + id;
            CHECK_MESSAGE(longest.size() * 3 <= ex->questions.size(),
                          ex->id << ": in " << language << " the best option is the longest in " << longest.size() << " of "
                                 << ex->questions.size() << " decisions (" << named << "); at most a third may be");
        }
    }
}

TEST_CASE("the staff checklist asks for every qualification the recommendation needs") {
    const auto& skills = get("staff_skills");
    for (const char* id : {"role", "employment", "q_senior_hit", "q_hit", "q_rissa", "q_rissa_registered", "q_rissa_renewal_date",
                           "q_sg", "q_fe", "q_ip", "experience_years", "healthcare_course"})
        CHECK_MESSAGE(skills.findQuestion(id), "staff_skills lacks " << id);
    const auto& profile = get("facility_profile");
    for (const char* id : {"facility_kind", "beds", "designated_functions", "systems_in_use", "remote_maintenance", "it_staff_fte",
                           "has_it_department", "vendor_count", "staff_knowledge_count", "staff_security_count", "staff_both_count"})
        CHECK_MESSAGE(profile.findQuestion(id), "facility_profile lacks " << id);
}

TEST_CASE("Japanese terms follow the glossary") {
    // Variant spellings the glossary in questionnaires/README.md rules out.
    const std::vector<std::string> variants{"ベンダー", "リモートメンテナンス", "責任分担", "ぜい弱", "修正プログラム", "業務継続計画",
                                            "パソコン", "多要素認証", "2要素認証", "セキュリティ責任者"};
    for (const auto& q : content().questionnaires) {
        std::string text;
        collectText(q, text);
        for (const auto& v : variants) CHECK_MESSAGE(text.find(v) == std::string::npos, q.id << " uses '" << v << "'");
    }
}
