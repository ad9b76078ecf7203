// The services of a kiosk on an in-memory database with the bundled content, for the screen
// tests, and a helper that completes a scenario's profile and measures as the kiosk would.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <string_view>

#include "assessment/service.hpp"
#include "i18n/strings.hpp"
#include "questionnaire/loader.hpp"
#include "scoring/answers_file.hpp"
#include "scoring/service.hpp"
#include "skills/catalog.hpp"
#include "skills/service.hpp"
#include "store/assessment_store.hpp"
#include "store/database.hpp"
#include "store/people_store.hpp"
#include "store/result_store.hpp"
#include "store/workshop_store.hpp"
#include "support.hpp"
#include "ui/app_state.hpp"

namespace kiosk::test {

struct Fixture {
    // In memory unless a database file is given.
    explicit Fixture(const std::string& database = ":memory:")
        : db(std::move(store::Database::open(database).value())), store(db), results(db), service(store, catalog) {
        catalog = questionnaire::loadCatalog(sourceDir() / "questionnaires");
        auto loaded = i18n::Strings::load(sourceDir() / "assets" / "i18n");
        REQUIRE_MESSAGE(loaded, (loaded ? "" : loaded.error()));
        strings = std::move(*loaded);
        auto rules = scoring::loadPolicy(sourceDir() / "questionnaires", catalog);
        REQUIRE(rules.policy);
        policy = std::move(*rules.policy);
        scoring = std::make_unique<scoring::ScoringService>(service, results, catalog, &policy);
        auto skillLoad = skills::loadSkillCatalog(sourceDir() / "questionnaires", catalog);
        REQUIRE(skillLoad.catalog);
        skillCatalog = std::move(*skillLoad.catalog);
        skillService = std::make_unique<skills::SkillService>(people, skillCatalog);
        scoring->useSkillMatrix(skillService.get());
        state.services.assessments = &service;
        state.services.scoring = scoring.get();
        state.services.skills = skillService.get();
        state.services.catalog = &catalog;
        state.services.strings = &strings;
        state.services.policy = &policy;
        state.services.workshops = &workshops;
        auto advisorLoad = advisors::loadAdvisorCatalog(sourceDir() / "questionnaires", skillCatalog, catalog.domains);
        REQUIRE(advisorLoad.catalog);
        advisorCatalog = std::move(*advisorLoad.catalog);
        advisorService = std::make_unique<advisors::AdvisorService>(advisorStore, advisorCatalog);
        state.services.advisors = advisorService.get();
        state.services.facility = &facility;
    }
    questionnaire::Catalog catalog;
    i18n::Strings strings;
    scoring::Policy policy;
    store::Database db;
    store::AssessmentStore store;
    store::ResultStore results;
    store::PeopleStore people{db};
    store::WorkshopStore workshops{db};
    store::AdvisorStore advisorStore{db};
    store::FacilityStore facility{db};
    assessment::AssessmentService service;
    std::unique_ptr<scoring::ScoringService> scoring;
    skills::SkillCatalog skillCatalog;
    std::unique_ptr<skills::SkillService> skillService;
    advisors::AdvisorCatalog advisorCatalog;
    std::unique_ptr<advisors::AdvisorService> advisorService;
    ui::AppState state;
};

inline int indexOf(const questionnaire::Catalog& catalog, std::string_view id) {
    for (std::size_t i = 0; i < catalog.questionnaires.size(); ++i)
        if (catalog.questionnaires[i].id == id) return static_cast<int>(i);
    return -1;
}


// Completes a scenario's profile and measures through the service, as the kiosk would.
inline std::string completeScenario(Fixture& f, const std::string& name) {
    auto parsed = scoring::parseAnswersFile(readFile(dataDir() / "scenarios" / (name + ".json")), f.catalog);
    REQUIRE(parsed);
    std::string measuresUuid;
    for (const assessment::Session* answers : {parsed->profile.get(), parsed->measures.get()}) {
        auto active = f.service.start(*f.catalog.find(answers->questionnaire().id), Lang::Ja);
        REQUIRE(active);
        for (const auto& [id, answer] : answers->answers()) REQUIRE(f.service.answer(*active, id, answer));
        for (int i : active->session.missingRequired()) {
            const auto& q = active->session.question(i);
            REQUIRE(f.service.answer(*active, q.id, neutralAnswer(q)));
        }
        REQUIRE(f.service.complete(*active));
        measuresUuid = active->uuid;
    }
    return measuresUuid;
}


}  // namespace kiosk::test
