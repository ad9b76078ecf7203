// facility show | set: the facility the kiosk's database belongs to (audited as the system).
#include <fmt/format.h>

#include <cstdio>

#include "advisors/model.hpp"
#include "app/cli.hpp"
#include "questionnaire/loader.hpp"
#include "skills/catalog.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "store/facility_store.hpp"
#include "util/signing.hpp"

namespace kiosk::app {
namespace {

void printError(const std::string& message) { fmt::print(stderr, "medsec-kiosk: {}\n", message); }

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

}  // namespace kiosk::app
