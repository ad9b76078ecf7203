// facility: the facility the kiosk's database belongs to (audited as the system); region: the
// regional store in PostgreSQL (init, import of signed bundles, the facilities ranked by need).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <future>

#include "advisors/model.hpp"
#include "app/cli.hpp"
#include "app/cli_common.hpp"
#include "questionnaire/loader.hpp"
#include "skills/catalog.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "region/ranking_export.hpp"
#include "region/store.hpp"
#include "region/synthetic.hpp"
#include "scoring/policy.hpp"
#include "store/facility_store.hpp"
#include "util/file.hpp"
#include "util/signing.hpp"

namespace kiosk::app {
namespace {


void printFacility(const store::Facility& f, const std::string& publicKey) {
    fmt::print("uuid        {}\nname        {}\nprefecture  {}\nkind        {}\nbeds        {}\nupdated     {}\n", f.uuid,
               f.name.empty() ? "(not named yet)" : f.name, f.prefecture.empty() ? "-" : f.prefecture, f.kind.empty() ? "-" : f.kind,
               f.beds ? std::to_string(*f.beds) : "-", f.updatedAt);
    if (!publicKey.empty()) fmt::print("signing key {}\n", publicKey);
}

}  // namespace

int runFacility(const Paths& paths, const FacilityOptions& options) {
    std::error_code ec;
    if (!std::filesystem::exists(paths.database, ec))
        return printError(fmt::format("no database at {} (start the kiosk once, or give --db)", paths.database.string())), 1;
    const bool changing = options.name || options.prefecture || options.kind || options.beds;
    auto db = store::Database::open(paths.database.string(), changing ? store::OpenMode::ReadWrite : store::OpenMode::ReadOnly);
    if (!db) return printError(db.error()), 1;
    store::AuditLog audit(*db);
    audit.setActor(store::Role::System);
    store::FacilityStore facilities(*db, &audit);
    auto facility = facilities.get();
    if (!facility) return printError(facility.error()), 1;
    if (changing) {
        auto updated = *facility;
        if (options.name) updated.name = *options.name;
        if (options.prefecture) {
            // A prefecture by its name or code, as the advisor lists take it.
            const auto catalog = questionnaire::loadCatalog(paths.questionnaires);
            auto skillCatalog = skills::loadSkillCatalog(paths.questionnaires, catalog);
            if (!skillCatalog.catalog) return printError("the content has problems (medsec-kiosk validate)"), 1;
            auto directory = advisors::loadAdvisorCatalog(paths.questionnaires, *skillCatalog.catalog, catalog.domains);
            if (!directory.catalog) return printError("advisors.toml has problems (medsec-kiosk validate)"), 1;
            const auto* p = options.prefecture->empty() ? nullptr : directory.catalog->findPrefecture(*options.prefecture);
            if (!options.prefecture->empty() && !p)
                return printError(fmt::format("'{}' is not a prefecture; give its name (東京都) or its code (13)", *options.prefecture)), 1;
            updated.prefecture = p ? p->code : std::string();
        }
        if (options.kind) updated.kind = *options.kind;
        if (options.beds) updated.beds = *options.beds;
        if (auto s = facilities.update(updated); !s) return printError(s.error()), 1;
        facility = facilities.get();
        if (!facility) return printError(facility.error()), 1;
    }
    std::string publicKey;
    if (std::filesystem::exists(signingKeyPath(paths.database), ec))
        if (auto key = loadOrCreateSigningKey(signingKeyPath(paths.database))) publicKey = key->publicKeyBase64();
    printFacility(*facility, publicKey);
    return 0;
}

namespace {

std::string decisionLabel(const std::string& decision) { return decision.empty() ? "(no result)" : decision; }

}  // namespace

int runRegion(const Paths& paths, const RegionOptions& options, Lang lang) {
    if (options.command == "generate") {
        if (options.out.empty()) return printError("region generate needs --out FOLDER"), 1;
        const auto catalog = questionnaire::loadCatalog(paths.questionnaires);
        auto policy = scoring::loadPolicy(paths.questionnaires, catalog);
        if (!policy.policy) return printError("the scoring rules have problems (medsec-kiosk validate)"), 1;
        region::SyntheticOptions synthetic;
        synthetic.facilities = options.facilities;
        synthetic.assessments = options.assessments;
        synthetic.seed = options.seed;
        synthetic.out = options.out;
        auto written = region::writeSyntheticRegion(synthetic, catalog, *policy.policy, [](int done, int total) {
            if (done % 100 == 0 || done == total) fmt::print(stderr, "generated {} of {} facilities\n", done, total);
        });
        if (!written) return printError(written.error()), 1;
        fmt::print("wrote {} bundle(s) of fictional facilities to {}\n", written->size(), options.out);
        return 0;
    }
    if (options.url.empty()) return printError("region needs --db postgresql://… (scripts/region-db start prints one)"), 1;
    auto store = region::RegionStore::connect(options.url);
    if (!store) return printError(store.error()), 1;
    if (options.command == "init") {
        auto before = store->schemaVersion();
        if (!before) return printError(before.error()), 1;
        auto after = store->init();
        if (!after) return printError(after.error()), 1;
        if (*before == *after) fmt::print("the regional schema is up to date (version {})\n", *after);
        else fmt::print("the regional schema is at version {} (was {})\n", *after, *before);
        return 0;
    }
    if (options.command == "import") {
        if (options.bundles.empty()) return printError("region import needs one or more bundle files"), 1;
        // Each bundle is read, verified and checked on a thread of its own while the one before
        // it is written: the two halves of an import overlap.
        const auto prepare = [](const std::string& file) -> Result<region::PreparedBundle> {
            const auto text = readFile(file);
            if (!text) return Error{text.error()};
            auto prepared = region::prepareBundle(*text);
            if (!prepared) return Error{fmt::format("{}: {}; nothing of it was imported", file, prepared.error())};
            return prepared;
        };
        int failures = 0;
        auto next = std::async(std::launch::async, prepare, options.bundles.front());
        for (std::size_t i = 0; i < options.bundles.size(); ++i) {
            const auto& file = options.bundles[i];
            auto prepared = next.get();
            if (i + 1 < options.bundles.size()) next = std::async(std::launch::async, prepare, options.bundles[i + 1]);
            if (!prepared) {
                printError(prepared.error());
                ++failures;
                continue;
            }
            auto outcome = store->importPrepared(*prepared, options.trustNewKey);
            if (!outcome) {
                printError(fmt::format("{}: {}; nothing of it was imported", file, outcome.error()));
                ++failures;
                continue;
            }
            fmt::print("{}: facility {}{}{}: {} assessment(s) added, {} already there\n", file, outcome->facility,
                       outcome->newFacility ? " (new)" : "", outcome->keyTrusted ? ", its key now trusted" : "", outcome->assessmentsAdded,
                       outcome->assessmentsPresent);
        }
        return failures == 0 ? 0 : 1;
    }
    if (options.command == "facilities" || options.command == "rank") {
        auto ranked = store->rank();
        if (!ranked) return printError(ranked.error()), 1;
        if (options.json) {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& f : *ranked)
                out.push_back({{"rank", f.rank}, {"uuid", f.uuid}, {"name", f.name}, {"prefecture", f.prefecture}, {"kind", f.kind},
                               {"beds", f.beds ? nlohmann::json(*f.beds) : nlohmann::json(nullptr)}, {"decision", f.decision},
                               {"essential_gaps", f.essentialGaps}, {"overall", f.overall}, {"last_assessed", f.lastAssessed},
                               {"staff_both", f.staffBoth}, {"single_person_skills", f.singlePersonSkills}, {"results", f.results}});
            fmt::print("{}\n", out.dump(2));
            return 0;
        }
        if (ranked->empty()) {
            fmt::print("no facility has been imported yet (region import BUNDLE...)\n");
            return 0;
        }
        fmt::print("{:>4}  {:<12} {:>9} {:>7}  {:<20}  {:<4} {}\n", "rank", "decision", "essential", "overall", "last assessed", "pref", "facility");
        for (const auto& f : *ranked)
            fmt::print("{:>4}  {:<12} {:>9} {:>7.0f}  {:<20}  {:<4} {}\n", f.rank, decisionLabel(f.decision), f.essentialGaps, f.overall,
                       f.lastAssessed.empty() ? "-" : f.lastAssessed, f.prefecture.empty() ? "-" : f.prefecture, f.name);
        return 0;
    }
    if (options.command == "export") {
        if (options.out.empty()) return printError("region export needs --out FILE.csv or FILE.xlsx"), 1;
        auto ranked = store->rank();
        if (!ranked) return printError(ranked.error()), 1;
        if (auto s = region::writeRanking(*ranked, options.out, lang, options.force); !s) return printError(s.error()), 1;
        fmt::print("wrote {} ({} facilities)\n", options.out, ranked->size());
        return 0;
    }
    return printError(fmt::format("'{}' is not a region command; use init, import, facilities, rank, export or generate", options.command)), 1;
}

}  // namespace kiosk::app
