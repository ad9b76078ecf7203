// The external-advisor directory's model: where a list comes from, the support menus and the
// prefectures (advisors.toml), one advisor as a list publishes them, and what is derived from an
// entry with the same rules as for the facility's staff: whether the advisor meets the knowledge
// assurance of medical information systems, whether the registration as a specialist is in force,
// due for renewal or lapsed, and whether the entry is stale.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "questionnaire/loader.hpp"
#include "skills/catalog.hpp"
#include "skills/model.hpp"
#include "util/diagnostic.hpp"
#include "util/text.hpp"

namespace kiosk::advisors {

using skills::Date;

struct SourceDef {
    std::string id;     // registered, medcsc, regional, part_time
    std::string route;  // the recommendation's route this source serves
    LocalizedText name;
    bool registrationRequired = false;  // rows must carry the register's number and date
};

struct MenuDef {
    std::string id;
    LocalizedText name;
    std::vector<std::string> domains;  // domains.toml ids this menu covers
};

struct CriterionDef {
    std::string id;  // route, knowledge, registration, prefecture, availability
    LocalizedText name;
    LocalizedText hint;  // what to do when this criterion leaves nobody
};

struct Prefecture {
    std::string code;  // JIS X 0401, "01"–"47"
    LocalizedText name;
};

// The value of `serves` for an advisor who supports facilities anywhere in the country.
inline constexpr std::string_view kNationwide = "all";

struct DirectoryPolicy {
    int staleAfterDays = 365;
    std::string registrationQualification = "rissa";
    int skillLevelForDirectory = 3;
};

struct AdvisorCatalog {
    DirectoryPolicy policy;
    std::vector<SourceDef> sources;
    std::vector<MenuDef> menus;
    std::vector<CriterionDef> criteria;
    std::vector<Prefecture> prefectures;
    std::vector<questionnaire::Domain> domains;
    std::map<std::string, LocalizedText> texts;  // the words of reasons and advice ([texts])
    skills::MatrixPolicy matrix;           // qualifications and the knowledge rules, from qualifications.toml
    std::vector<skills::SkillDef> skills;  // the staff checklist's skills, with their domains

    const SourceDef* source(std::string_view id) const;
    const MenuDef* menu(std::string_view id) const;
    const CriterionDef* criterion(std::string_view id) const;
    const skills::SkillDef* skill(std::string_view id) const;
    const questionnaire::Domain* domain(std::string_view id) const;
    const Prefecture* prefectureByCode(std::string_view code) const;
    // A prefecture as a list may write it: its code ("13" or "1" for "01"), its Japanese name with
    // or without 都・道・府・県 (東京都, 東京), or its English name in any case (Tokyo).
    const Prefecture* findPrefecture(std::string_view text) const;
    // A text of [texts] in one language with {0}, {1} … filled in; the key itself when missing
    // (the loader refuses a file without every key, so only a programming error shows one).
    std::string say(std::string_view key, Lang lang, std::initializer_list<std::string_view> args = {}) const;
    // The qualifications a list may give besides the registration (senior_hit, hit, sg, …).
    std::vector<const skills::QualificationDef*> otherQualifications() const;
};

struct AdvisorCatalogResult {
    std::optional<AdvisorCatalog> catalog;
    Diagnostics diagnostics;
};

AdvisorCatalogResult parseAdvisorCatalog(std::string_view text, const std::string& file, const skills::SkillCatalog& skillCatalog,
                                         const std::vector<questionnaire::Domain>& domains);
// Reads <dir>/advisors.toml; the qualifications and skills come from the skill catalogue.
AdvisorCatalogResult loadAdvisorCatalog(const std::filesystem::path& dir, const skills::SkillCatalog& skillCatalog,
                                        const std::vector<questionnaire::Domain>& domains);

enum class SupportMode { Unknown, OnSite, Remote, Both };
std::string_view supportModeName(SupportMode m);  // "", onsite, remote, both
std::optional<SupportMode> parseSupportMode(std::string_view s);
std::string_view supportModeKey(SupportMode m);  // the [texts] key of its label

enum class ExperienceKind { Unknown, Operation, Renewal, Both };
std::string_view experienceKindName(ExperienceKind k);  // "", operation, renewal, both
std::optional<ExperienceKind> parseExperienceKind(std::string_view s);
std::string_view experienceKindKey(ExperienceKind k);  // the [texts] key of its label; "" when unknown

// Every key of [texts] the matching uses.
const std::vector<std::string_view>& requiredTextKeys();

// One advisor as a list publishes them. Only the register's fields (source, name, and for the
// registered source the number and the registration date) are required; everything else is what
// the person chose to publish.
struct Advisor {
    std::int64_t id = 0;  // stored id; 0 before it is stored
    std::string source;   // SourceDef::id
    std::string name;     // name or display name
    std::string registrationNumber;
    std::optional<Date> registered;  // registration date (登録年月日)
    std::optional<Date> lastCourse;  // the last mandatory course completed
    std::map<std::string, Date> qualifications;  // other qualification id -> date obtained
    std::vector<std::string> courses;            // completed healthcare courses, as written
    int experienceYears = 0;                     // hospital information systems
    ExperienceKind experienceKind = ExperienceKind::Unknown;
    std::string prefecture;            // code; empty when not given
    std::vector<std::string> serves;   // codes, or kNationwide
    std::optional<int> daysPerMonth;
    SupportMode mode = SupportMode::Unknown;
    std::vector<std::string> menus;    // MenuDef ids
    std::vector<std::string> skills;   // SkillDef ids
    std::string affiliation;           // for part-time specialists: the home facility
    std::optional<bool> sideWork;      // the home facility permits 兼業
    std::string contact;               // shown to the administrator only
    std::optional<Date> confirmed;     // the date the entry was last confirmed

    // What tells one entry from another in a source: the registration number, or else the name
    // (with the prefecture, since two people may share a name).
    std::string key() const;
};

enum class Registration { None, Valid, Due, Lapsed };
std::string_view registrationName(Registration r);  // none, valid, due, lapsed

struct AdvisorStanding {
    bool knowledge = false;                     // meets the knowledge assurance of medical information systems
    std::vector<std::string> knowledgeBecause;  // qualification ids, "experience", "healthcare_course"
    bool security = false;                      // holds a security qualification that counts today
    Registration registration = Registration::None;
    std::optional<Date> registrationDue;        // when the registration must next be renewed
    bool stale = false;                         // not confirmed within the policy's days (or never)
};

// The rules are those of the skill matrix (skills::standing): the registration runs for the
// qualification's renewal years from the later of the registration date and the last course, is
// due for renewal from `expiring_days` before its end, and has lapsed after it.
AdvisorStanding standing(const Advisor& advisor, const AdvisorCatalog& catalog, Date on);

// The domains an advisor's menus and skills cover, in domains.toml order.
std::vector<std::string> coveredDomains(const Advisor& advisor, const AdvisorCatalog& catalog);

}  // namespace kiosk::advisors
