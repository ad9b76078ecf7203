// Matching a result against the directory, and the reasons in words.
#include "advisors/match.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace kiosk::advisors {
namespace {

std::string joined(const std::vector<std::string>& parts, Lang lang) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : (lang == Lang::Ja ? "、" : ", ")) + p;
    return out;
}

bool serves(const Advisor& a, const std::string& prefecture, bool& byHome) {
    byHome = a.prefecture == prefecture;
    if (byHome) return true;
    return std::any_of(a.serves.begin(), a.serves.end(), [&](const auto& s) { return s == prefecture || s == kNationwide; });
}

}  // namespace

MatchResult match(const scoring::FacilityResult& result, const std::vector<Advisor>& advisors, const AdvisorCatalog& catalog,
                  const MatchOptions& options) {
    MatchResult m;
    for (const auto& gap : result.gaps)
        if (const auto* item = result.item(gap); item && !item->domain.empty() &&
                                                 std::find(m.gapDomains.begin(), m.gapDomains.end(), item->domain) == m.gapDomains.end())
            m.gapDomains.push_back(item->domain);
    for (const auto& r : result.routes)
        if (!r.inPlace) m.routes.push_back(r.id);
    if (m.routes.empty()) {
        m.routesFromResult = false;
        for (const auto& s : catalog.sources)
            if (std::find(m.routes.begin(), m.routes.end(), s.route) == m.routes.end()) m.routes.push_back(s.route);
    }
    for (const auto& c : kCriteria) m.excludedBy[c] = 0;
    m.considered = static_cast<int>(advisors.size());

    for (const auto& a : advisors) {
        Candidate c;
        c.advisor = &a;
        const auto* source = catalog.source(a.source);
        c.route = source ? source->route : std::string();
        c.standing = standing(a, catalog, options.on);
        bool excluded = false;
        const auto fail = [&](const std::string& criterion) {
            ++m.excludedBy[criterion];
            excluded = true;
        };
        if (std::find(m.routes.begin(), m.routes.end(), c.route) == m.routes.end()) fail("route");
        if (options.securityOnly ? !c.standing.security : !c.standing.knowledge) fail("knowledge");
        if (options.requireRegistration && c.standing.registration != Registration::Valid && c.standing.registration != Registration::Due)
            fail("registration");
        if (options.prefecture && !serves(a, *options.prefecture, c.servesByHome)) fail("prefecture");
        const bool visits = a.mode == SupportMode::OnSite || a.mode == SupportMode::Both;
        if ((options.needOnSite && !visits) || (options.minDaysPerMonth > 0 && a.daysPerMonth.value_or(0) < options.minDaysPerMonth))
            fail("availability");
        if (excluded) continue;

        for (const auto& domain : m.gapDomains) {
            Coverage cov{domain, {}, {}};
            for (const auto& id : a.menus)
                if (const auto* menu = catalog.menu(id);
                    menu && std::find(menu->domains.begin(), menu->domains.end(), domain) != menu->domains.end())
                    cov.menus.push_back(id);
            for (const auto& id : a.skills)
                if (const auto* skill = catalog.skill(id); skill && skill->domain == domain) cov.skills.push_back(id);
            if (!cov.menus.empty() || !cov.skills.empty()) c.covers.push_back(std::move(cov));
        }
        m.candidates.push_back(std::move(c));
    }
    std::stable_sort(m.candidates.begin(), m.candidates.end(), [](const Candidate& x, const Candidate& y) {
        if (x.covers.size() != y.covers.size()) return x.covers.size() > y.covers.size();
        if (x.advisor->experienceYears != y.advisor->experienceYears) return x.advisor->experienceYears > y.advisor->experienceYears;
        if (x.standing.stale != y.standing.stale) return !x.standing.stale;  // a confirmed entry before a stale one
        if (x.advisor->name != y.advisor->name) return x.advisor->name < y.advisor->name;
        return x.advisor->id < y.advisor->id;
    });

    if (m.candidates.empty()) {
        int most = 0;
        for (const auto& c : kCriteria)
            if (m.excludedBy[c] > most) most = m.excludedBy[c], m.mostExcluding = c;
        for (const auto& id : m.routes)
            for (const auto& r : result.routes)
                if (r.id == id) m.fallbacks.push_back({r.id, r.name, r.untilThen.empty() ? r.description : r.untilThen});
    }
    return m;
}

std::vector<std::string> reasonLines(const Candidate& candidate, const AdvisorCatalog& catalog, Lang lang) {
    std::vector<std::string> lines;
    const Advisor& a = *candidate.advisor;
    const auto say = [&](std::string_view key, std::initializer_list<std::string_view> args = {}) { return catalog.say(key, lang, args); };

    // The gaps the advisor covers, then the menus and skills that cover them.
    if (candidate.covers.empty()) {
        lines.push_back(say("covers_none"));
    } else {
        std::vector<std::string> domains, menus;
        std::size_t skillCount = 0;
        for (const auto& cov : candidate.covers) {
            const auto* domain = catalog.domain(cov.domain);
            domains.push_back(domain ? domain->name.get(lang) : cov.domain);
            for (const auto& id : cov.menus)
                if (const auto* menu = catalog.menu(id); menu && std::find(menus.begin(), menus.end(), menu->name.get(lang)) == menus.end())
                    menus.push_back(menu->name.get(lang));
            skillCount += cov.skills.size();
        }
        lines.push_back(say("covers", {std::to_string(candidate.covers.size()), joined(domains, lang)}));
        // A skill's text is a whole sentence of the checklist: the count says enough here.
        if (skillCount > 0) menus.push_back(say("skills", {std::to_string(skillCount)}));
        lines.push_back(say("menus", {joined(menus, lang)}));
    }

    // Knowledge of medical information systems, and why.
    if (candidate.standing.knowledge) {
        std::vector<std::string> because;
        for (const auto& b : candidate.standing.knowledgeBecause) {
            if (b == "experience") {
                const auto kind = experienceKindKey(a.experienceKind);
                because.push_back(kind.empty() ? say("experience", {std::to_string(a.experienceYears)})
                                               : say("experience_kind", {std::to_string(a.experienceYears), say(kind)}));
            } else if (b == "healthcare_course") {
                because.push_back(say("course", {joined(a.courses, lang)}));
            } else if (const auto* q = catalog.matrix.qualification(b)) {
                because.push_back(q->name.get(lang));
            }
        }
        lines.push_back(say("knowledge", {joined(because, lang)}));
    } else {
        lines.push_back(say("knowledge_none"));
    }

    // The registration as a specialist.
    const auto due = candidate.standing.registrationDue ? skills::formatDate(*candidate.standing.registrationDue) : std::string();
    const std::string number = a.registrationNumber.empty() ? std::string() : say("registration_number", {a.registrationNumber});
    switch (candidate.standing.registration) {
    case Registration::Valid: lines.push_back(say("registration_valid", {number, due})); break;
    case Registration::Due: lines.push_back(say("registration_due", {number, due})); break;
    case Registration::Lapsed: lines.push_back(say("registration_lapsed", {number, due})); break;
    case Registration::None: lines.push_back(say("registration_none")); break;
    }

    // Where and how the advisor works.
    std::vector<std::string> where;
    if (const auto* home = catalog.prefectureByCode(a.prefecture)) where.push_back(say("based_in", {home->name.get(lang)}));
    std::vector<std::string> served;
    for (const auto& s : a.serves) {
        if (s == kNationwide) served.push_back(say("nationwide"));
        else if (const auto* p = catalog.prefectureByCode(s)) served.push_back(p->name.get(lang));
    }
    if (!served.empty()) where.push_back(say("serves", {joined(served, lang)}));
    where.push_back(say(supportModeKey(a.mode)));
    if (a.daysPerMonth) where.push_back(say("days", {std::to_string(*a.daysPerMonth)}));
    if (!a.affiliation.empty()) {
        std::string aff = say("affiliation", {a.affiliation});
        if (a.sideWork) aff += say(*a.sideWork ? "side_work_yes" : "side_work_no");
        where.push_back(aff);
    }
    lines.push_back(joined(where, lang));

    if (candidate.standing.stale)
        lines.push_back(a.confirmed ? say("stale_since", {skills::formatDate(*a.confirmed)}) : say("stale_never"));
    return lines;
}

std::vector<std::string> noMatchLines(const MatchResult& m, const AdvisorCatalog& catalog, Lang lang) {
    std::vector<std::string> lines;
    if (m.considered == 0) {
        lines.push_back(catalog.say("no_advisors", lang));
    } else if (!m.mostExcluding.empty()) {
        const auto* c = catalog.criterion(m.mostExcluding);
        lines.push_back(catalog.say("no_match", lang,
                                    {std::to_string(m.considered), c ? c->name.get(lang) : m.mostExcluding,
                                     std::to_string(m.excludedBy.at(m.mostExcluding))}));
        if (c) lines.push_back(c->hint.get(lang));
    }
    for (const auto& f : m.fallbacks) lines.push_back(catalog.say("fallback", lang, {f.name.get(lang), f.advice.get(lang)}));
    return lines;
}

}  // namespace kiosk::advisors
