// The advisor directory's catalogue (advisors.toml) and what is derived from one entry.
#include "advisors/model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "i18n/strings.hpp"
#include "questionnaire/toml_reader.hpp"
#include "scoring/policy.hpp"
#include "util/file.hpp"

namespace kiosk::advisors {

using questionnaire::detail::posOf;
using questionnaire::detail::Reader;

namespace {

template <typename T>
const T* byId(const std::vector<T>& list, std::string_view id) {
    for (const auto& x : list)
        if (x.id == id) return &x;
    return nullptr;
}

std::string asciiLower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool endsWith(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// The list of strings under `key`, each checked by `check` (which reports its own problems).
std::vector<std::string> stringList(Reader& r, const toml::table& t, std::string_view key, const std::string& where) {
    std::vector<std::string> out;
    const toml::node* node = t.get(key);
    if (!node) {
        r.error(posOf(t), fmt::format("{} is missing '{}'", where, key));
        return out;
    }
    const auto* array = node->as_array();
    if (!array) {
        r.error(*node, fmt::format("'{}' in {} must be a list of strings", key, where));
        return out;
    }
    for (const auto& item : *array) {
        if (const auto* s = item.as_string()) out.push_back(s->get());
        else r.error(item, fmt::format("'{}' in {} must be a list of strings", key, where));
    }
    return out;
}

}  // namespace

const SourceDef* AdvisorCatalog::source(std::string_view id) const { return byId(sources, id); }
const MenuDef* AdvisorCatalog::menu(std::string_view id) const { return byId(menus, id); }
const CriterionDef* AdvisorCatalog::criterion(std::string_view id) const { return byId(criteria, id); }
const skills::SkillDef* AdvisorCatalog::skill(std::string_view id) const { return byId(skills, id); }
const questionnaire::Domain* AdvisorCatalog::domain(std::string_view id) const { return byId(domains, id); }

const Prefecture* AdvisorCatalog::prefectureByCode(std::string_view code) const {
    for (const auto& p : prefectures)
        if (p.code == code) return &p;
    return nullptr;
}

const Prefecture* AdvisorCatalog::findPrefecture(std::string_view text) const {
    if (text.empty()) return nullptr;
    if (text.size() <= 2 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return prefectureByCode(text.size() == 1 ? "0" + std::string(text) : std::string(text));
    const std::string lower = asciiLower(text);
    for (const auto& p : prefectures) {
        if (p.name.ja == text || asciiLower(p.name.en) == lower) return &p;
        // 東京 for 東京都, 大阪 for 大阪府; 北海道 has no suffix to leave out.
        for (std::string_view suffix : {"都", "府", "県"})
            if (endsWith(p.name.ja, suffix) && p.name.ja.substr(0, p.name.ja.size() - suffix.size()) == text) return &p;
    }
    return nullptr;
}

std::string AdvisorCatalog::say(std::string_view key, Lang lang, std::initializer_list<std::string_view> args) const {
    auto it = texts.find(std::string(key));
    if (it == texts.end()) return std::string(key);
    return i18n::substitute(it->second.get(lang), args);
}

const std::vector<std::string_view>& requiredTextKeys() {
    static const std::vector<std::string_view> keys{
        "covers", "covers_none", "menus", "skills", "knowledge", "knowledge_none", "experience", "experience_kind", "course",
        "registration_number", "registration_valid", "registration_due", "registration_lapsed", "registration_none", "based_in",
        "serves", "nationwide", "days", "affiliation", "side_work_yes", "side_work_no", "mode_onsite", "mode_remote", "mode_both",
        "mode_unknown", "kind_operation", "kind_renewal", "kind_both", "stale_since", "stale_never", "no_advisors", "no_match",
        "fallback"};
    return keys;
}

std::vector<const skills::QualificationDef*> AdvisorCatalog::otherQualifications() const {
    std::vector<const skills::QualificationDef*> out;
    for (const auto& q : matrix.qualifications)
        if (q.id != policy.registrationQualification) out.push_back(&q);
    return out;
}

AdvisorCatalogResult parseAdvisorCatalog(std::string_view text, const std::string& file, const skills::SkillCatalog& skillCatalog,
                                         const std::vector<questionnaire::Domain>& domains) {
    AdvisorCatalogResult result;
    Reader r(file, result.diagnostics);
    AdvisorCatalog c;
    c.matrix = skillCatalog.policy;
    c.skills = skillCatalog.skills;
    c.domains = domains;
    const auto knownDomain = [&](std::string_view id) {
        return std::any_of(domains.begin(), domains.end(), [&](const auto& d) { return d.id == id; });
    };
    if (auto root = questionnaire::detail::parseToml(r, text)) {
        r.allowOnly(*root, "advisors.toml", {"policy", "sources", "menus", "criteria", "texts", "prefectures"});
        if (const auto* p = root->get("policy") ? root->get("policy")->as_table() : nullptr) {
            r.allowOnly(*p, "[policy]", {"stale_after_days", "registration_qualification", "skill_level_for_directory"});
            c.policy.staleAfterDays = r.integer(*p, "stale_after_days", "[policy]", 1, 3650).value_or(365);
            c.policy.skillLevelForDirectory = r.integer(*p, "skill_level_for_directory", "[policy]", 0, 4).value_or(3);
            c.policy.registrationQualification = r.string(*p, "registration_qualification", "[policy]", true).value_or("rissa");
            const auto* q = c.matrix.qualification(c.policy.registrationQualification);
            if (!q || !q->requiresRegistration)
                r.error(p->get("registration_qualification") ? posOf(*p->get("registration_qualification")) : posOf(*p),
                        fmt::format("registration_qualification '{}' must be a qualification of qualifications.toml with "
                                    "requires_registration = true",
                                    c.policy.registrationQualification));
        } else {
            r.error(SourcePos{1, 1}, "advisors.toml has no [policy] table");
        }

        std::set<std::string> seen;
        for (const toml::table* t : r.tables(*root, "sources", "advisors.toml")) {
            r.allowOnly(*t, "a source", {"id", "route", "name", "registration_required"});
            SourceDef s;
            s.id = r.identifier(*t, "id", "a source");
            const std::string where = fmt::format("source '{}'", s.id);
            if (!seen.insert("source:" + s.id).second) r.error(posOf(*t), fmt::format("{} is defined twice", where));
            s.route = r.string(*t, "route", where, true).value_or("");
            const auto& routes = scoring::requiredRouteIds();
            if (!s.route.empty() && std::find(routes.begin(), routes.end(), s.route) == routes.end())
                r.error(*t->get("route"), fmt::format("{} names route '{}', which the recommendation does not have", where, s.route));
            s.name = r.text(*t, "name", where, true);
            s.registrationRequired = r.boolean(*t, "registration_required", where).value_or(false);
            c.sources.push_back(std::move(s));
        }
        for (const toml::table* t : r.tables(*root, "menus", "advisors.toml")) {
            r.allowOnly(*t, "a support menu", {"id", "name", "domains"});
            MenuDef m;
            m.id = r.identifier(*t, "id", "a support menu");
            const std::string where = fmt::format("support menu '{}'", m.id);
            if (!seen.insert("menu:" + m.id).second) r.error(posOf(*t), fmt::format("{} is defined twice", where));
            m.name = r.text(*t, "name", where, true);
            m.domains = stringList(r, *t, "domains", where);
            for (const auto& d : m.domains)
                if (!knownDomain(d)) r.error(*t->get("domains"), fmt::format("{} covers domain '{}', which domains.toml does not define", where, d));
            if (m.domains.empty() && t->get("domains")) r.error(*t->get("domains"), fmt::format("{} must cover at least one domain", where));
            c.menus.push_back(std::move(m));
        }
        for (const toml::table* t : r.tables(*root, "criteria", "advisors.toml")) {
            r.allowOnly(*t, "a criterion", {"id", "name", "hint"});
            CriterionDef k;
            k.id = r.identifier(*t, "id", "a criterion");
            const std::string where = fmt::format("criterion '{}'", k.id);
            if (!seen.insert("criterion:" + k.id).second) r.error(posOf(*t), fmt::format("{} is defined twice", where));
            k.name = r.text(*t, "name", where, true);
            k.hint = r.text(*t, "hint", where, true);
            c.criteria.push_back(std::move(k));
        }
        for (const toml::table* t : r.tables(*root, "prefectures", "advisors.toml")) {
            r.allowOnly(*t, "a prefecture", {"code", "name"});
            Prefecture p;
            p.code = r.string(*t, "code", "a prefecture", true).value_or("");
            const std::string where = fmt::format("prefecture '{}'", p.code);
            if (p.code.size() != 2 || !std::all_of(p.code.begin(), p.code.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
                r.error(posOf(*t), fmt::format("{} must have a two-digit code", where));
            if (!seen.insert("prefecture:" + p.code).second) r.error(posOf(*t), fmt::format("{} is defined twice", where));
            p.name = r.text(*t, "name", where, true);
            c.prefectures.push_back(std::move(p));
        }
        if (const auto* t = root->get("texts") ? root->get("texts")->as_table() : nullptr) {
            for (auto&& [key, node] : *t) {
                const std::string name(key.str());
                if (std::find(requiredTextKeys().begin(), requiredTextKeys().end(), name) == requiredTextKeys().end())
                    r.error(node, fmt::format("unknown text '{}' in [texts]", name));
                else c.texts[name] = r.textOf(node, fmt::format("text '{}'", name));
            }
            for (const auto& key : requiredTextKeys())
                if (!c.texts.count(std::string(key))) r.error(posOf(*t), fmt::format("[texts] is missing '{}'", key));
        } else {
            r.error(SourcePos{1, 1}, "advisors.toml has no [texts] table");
        }
        for (const auto& id : scoring::requiredRouteIds())
            if (std::none_of(c.sources.begin(), c.sources.end(), [&](const auto& s) { return s.route == id; }))
                r.error(SourcePos{1, 1}, fmt::format("no source serves the route '{}'", id));
        for (std::string_view id : {"route", "knowledge", "registration", "prefecture", "availability"})
            if (!c.criterion(id)) r.error(SourcePos{1, 1}, fmt::format("advisors.toml is missing the criterion '{}'", id));
        if (c.prefectures.empty()) r.error(SourcePos{1, 1}, "advisors.toml lists no prefectures");
    }
    if (result.diagnostics.empty()) result.catalog = std::move(c);
    return result;
}

AdvisorCatalogResult loadAdvisorCatalog(const std::filesystem::path& dir, const skills::SkillCatalog& skillCatalog,
                                        const std::vector<questionnaire::Domain>& domains) {
    const auto path = dir / "advisors.toml";
    const auto text = readFile(path);
    if (!text) {
        AdvisorCatalogResult result;
        result.diagnostics.push_back(
            {path.string(), {0, 0}, fmt::format("cannot read the advisor directory's settings: {}", readProblem(text.error(), path))});
        return result;
    }
    return parseAdvisorCatalog(*text, path.string(), skillCatalog, domains);
}

std::string_view supportModeName(SupportMode m) {
    switch (m) {
    case SupportMode::OnSite: return "onsite";
    case SupportMode::Remote: return "remote";
    case SupportMode::Both: return "both";
    case SupportMode::Unknown: break;
    }
    return "";
}

std::optional<SupportMode> parseSupportMode(std::string_view s) {
    if (s == "onsite" || s == "on_site" || s == "訪問") return SupportMode::OnSite;
    if (s == "remote" || s == "リモート") return SupportMode::Remote;
    if (s == "both" || s == "両方" || s == "訪問・リモート") return SupportMode::Both;
    return std::nullopt;
}

std::string_view supportModeKey(SupportMode m) {
    switch (m) {
    case SupportMode::OnSite: return "mode_onsite";
    case SupportMode::Remote: return "mode_remote";
    case SupportMode::Both: return "mode_both";
    case SupportMode::Unknown: break;
    }
    return "mode_unknown";
}

std::string_view experienceKindName(ExperienceKind k) {
    switch (k) {
    case ExperienceKind::Operation: return "operation";
    case ExperienceKind::Renewal: return "renewal";
    case ExperienceKind::Both: return "both";
    case ExperienceKind::Unknown: break;
    }
    return "";
}

std::optional<ExperienceKind> parseExperienceKind(std::string_view s) {
    if (s == "operation" || s == "運用") return ExperienceKind::Operation;
    if (s == "renewal" || s == "procurement" || s == "更新" || s == "更新・調達") return ExperienceKind::Renewal;
    if (s == "both" || s == "両方" || s == "運用・更新") return ExperienceKind::Both;
    return std::nullopt;
}

std::string_view experienceKindKey(ExperienceKind k) {
    switch (k) {
    case ExperienceKind::Operation: return "kind_operation";
    case ExperienceKind::Renewal: return "kind_renewal";
    case ExperienceKind::Both: return "kind_both";
    case ExperienceKind::Unknown: break;
    }
    return "";
}

std::string Advisor::key() const {
    if (!registrationNumber.empty()) return source + "|#" + registrationNumber;
    return source + "|" + name + "|" + prefecture;
}

std::string_view registrationName(Registration r) {
    switch (r) {
    case Registration::Valid: return "valid";
    case Registration::Due: return "due";
    case Registration::Lapsed: return "lapsed";
    case Registration::None: break;
    }
    return "none";
}

AdvisorStanding standing(const Advisor& advisor, const AdvisorCatalog& catalog, Date on) {
    using namespace std::chrono;
    // The entry as a person of the skill matrix, so that the same rules decide.
    skills::Person person;
    for (const auto& [id, date] : advisor.qualifications) person.qualifications.push_back({id, date, std::nullopt, true});
    if (advisor.registered) {
        Date start = *advisor.registered;
        if (advisor.lastCourse && sys_days{*advisor.lastCourse} > sys_days{start}) start = *advisor.lastCourse;
        person.qualifications.push_back({catalog.policy.registrationQualification, start, std::nullopt, true});
    }
    skills::SkillSnapshot snapshot;
    snapshot.experienceYears = advisor.experienceYears;
    snapshot.healthcareCourse = !advisor.courses.empty();
    person.latest = std::move(snapshot);

    const auto derived = skills::standing(person, catalog.matrix, on, {});
    AdvisorStanding st;
    st.knowledge = derived.knowledge;
    st.knowledgeBecause = derived.knowledgeBecause;
    st.security = derived.security;
    for (const auto& q : derived.qualifications) {
        if (!q.def || q.def->id != catalog.policy.registrationQualification) continue;
        st.registrationDue = q.due;
        switch (q.status) {
        case skills::QualificationStatus::Valid: st.registration = Registration::Valid; break;
        case skills::QualificationStatus::Expiring: st.registration = Registration::Due; break;
        case skills::QualificationStatus::Expired:
        case skills::QualificationStatus::NotRegistered: st.registration = Registration::Lapsed; break;
        }
    }
    st.stale = !advisor.confirmed || sys_days{on} > sys_days{*advisor.confirmed} + days{catalog.policy.staleAfterDays};
    return st;
}

std::vector<std::string> coveredDomains(const Advisor& advisor, const AdvisorCatalog& catalog) {
    std::set<std::string> covered;
    for (const auto& m : advisor.menus)
        if (const auto* menu = catalog.menu(m)) covered.insert(menu->domains.begin(), menu->domains.end());
    for (const auto& s : advisor.skills)
        if (const auto* skill = catalog.skill(s)) covered.insert(skill->domain);
    std::vector<std::string> out;
    for (const auto& d : catalog.domains)
        if (covered.count(d.id)) out.push_back(d.id);
    return out;
}

}  // namespace kiosk::advisors
