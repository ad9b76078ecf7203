// Reading and writing advisor lists, with an error for every bad field naming line and column.
#include "advisors/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "skills/csv.hpp"

namespace kiosk::advisors {
namespace {

using namespace std::chrono;

inline constexpr std::size_t kMaxContact = 200;
inline constexpr std::size_t kMaxListItems = 50;

// Spaces around a cell are Excel's doing (ASCII or ideographic); the apostrophe a neutralised
// cell carries is ours.
std::string cellText(std::string_view raw) { return skills::restoreCell(skills::trimPersonText(raw)); }

// YYYY-MM-DD, or YYYY/MM/DD as Japanese Excel writes dates.
std::optional<Date> parseListDate(std::string_view s) {
    std::string text(s);
    if (text.size() == 10 && text[4] == '/' && text[7] == '/') text[4] = text[7] = '-';
    return skills::parseDate(text);
}

template <typename T>
std::string idsOf(const std::vector<T>& list) {
    std::string out;
    for (const auto& x : list) out += (out.empty() ? "" : ", ") + x.id;
    return out;
}

}  // namespace

std::vector<std::string> advisorsCsvHeader(const AdvisorCatalog& catalog) {
    std::vector<std::string> header{"source", "name", "registration_number", "registration_date", "last_course_date"};
    for (const auto* q : catalog.otherQualifications()) header.push_back(q->id + "_date");
    for (const char* column : {"healthcare_courses", "experience_years", "experience_kind", "prefecture", "serves", "days_per_month",
                               "support_mode", "menus", "skills", "affiliation", "side_work", "contact", "confirmed_date"})
        header.emplace_back(column);
    return header;
}

AdvisorImport readAdvisorsCsv(std::string_view text, const AdvisorCatalog& catalog, Date today,
                              const std::optional<std::string>& defaultSource) {
    AdvisorImport out;
    const auto report = [&](RowError e) {
        if (out.errors.size() < skills::kMaxListedErrors) out.errors.push_back(std::move(e));
        else ++out.errorsNotListed;
    };
    if (defaultSource && !catalog.source(*defaultSource)) {
        report({0, "", fmt::format("'{}' is not a source; use one of {}", *defaultSource, idsOf(catalog.sources))});
        return out;
    }
    auto rows = skills::parseCsv(text);
    if (!rows) {
        report({0, "", rows.error()});
        return out;
    }
    if (rows->empty()) {
        report({1, "", "the file is empty; the first line must name the columns (source, name, registration_number, …)"});
        return out;
    }
    const auto known = advisorsCsvHeader(catalog);
    const auto& header = rows->front();
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const std::string name = cellText(header.fields[i]);
        if (std::find(known.begin(), known.end(), name) == known.end())
            report({header.line, name, "unknown column; the columns are those of an advisors list export (medsec-kiosk advisors export)"});
        else if (!column.emplace(name, i).second)
            report({header.line, name, "the column appears twice"});
    }
    for (const char* required : {"name", "registration_number", "registration_date"})
        if (!column.count(required)) report({header.line, required, "required column is missing (it is one of the public register's fields)"});
    if (!column.count("source") && !defaultSource)
        report({header.line, "source", "required column is missing; add it, or name the source of the whole list (--source)"});
    if (!out.errors.empty()) return out;

    std::map<std::string, int> keys;  // key -> line that has it
    for (std::size_t r = 1; r < rows->size(); ++r) {
        const auto& row = (*rows)[r];
        ++out.rows;
        const int problemsBefore = out.problems();
        if (row.fields.size() != header.fields.size()) {
            report({row.line, "",
                    fmt::format("{} fields, but the header has {}; every row needs one field for each column", row.fields.size(),
                                header.fields.size())});
            continue;
        }
        const auto get = [&](const std::string& name) -> std::string {
            auto it = column.find(name);
            return it == column.end() ? std::string() : cellText(row.fields[it->second]);
        };
        const auto bad = [&](const std::string& col, std::string message) { report({row.line, col, std::move(message)}); };
        const auto date = [&](const std::string& col) -> std::optional<Date> {
            const auto value = get(col);
            if (value.empty()) return std::nullopt;
            auto d = parseListDate(value);
            if (!d) bad(col, fmt::format("'{}' is not a date; write YYYY-MM-DD", value));
            else if (sys_days{*d} > sys_days{today}) bad(col, fmt::format("{} lies in the future", value));
            else return d;
            return std::nullopt;
        };
        const auto textCell = [&](const std::string& col, std::string_view what) -> std::string {
            auto value = get(col);
            if (auto problem = skills::personTextProblem(value)) {
                bad(col, fmt::format("the {} {}", what, *problem));
                return {};
            }
            return value;
        };

        Advisor a;
        a.source = get("source");
        if (a.source.empty() && defaultSource) a.source = *defaultSource;
        const SourceDef* source = catalog.source(a.source);
        if (a.source.empty()) bad("source", fmt::format("a source is required; use one of {}", idsOf(catalog.sources)));
        else if (!source) {
            for (const auto& s : catalog.sources)
                if (a.source == s.name.ja || a.source == s.name.en) source = &s;
            if (source) a.source = source->id;
            else bad("source", fmt::format("'{}' is not a source; use one of {}", a.source, idsOf(catalog.sources)));
        }

        a.name = get("name");
        if (a.name.empty()) bad("name", "a name or display name is required");
        else if (auto problem = skills::personTextProblem(a.name)) bad("name", fmt::format("the name {}", *problem));

        a.registrationNumber = get("registration_number");
        if (!a.registrationNumber.empty() &&
            (a.registrationNumber.size() > 12 ||
             !std::all_of(a.registrationNumber.begin(), a.registrationNumber.end(), [](char c) { return c >= '0' && c <= '9'; })))
            bad("registration_number", fmt::format("'{}' is not a registration number (digits only, as the register shows it)",
                                                   a.registrationNumber));
        a.registered = date("registration_date");
        a.lastCourse = date("last_course_date");
        if (source && source->registrationRequired) {
            if (get("registration_number").empty())
                bad("registration_number", fmt::format("required for the source '{}' (the register's number)", source->id));
            if (get("registration_date").empty())
                bad("registration_date", fmt::format("required for the source '{}' (the register's registration date)", source->id));
        }
        if (!a.registrationNumber.empty() && get("registration_date").empty())
            bad("registration_date", "a registration number needs its registration date");
        if (a.lastCourse && get("registration_date").empty())
            bad("last_course_date", "a course date without a registration date; give the registration date too");

        for (const auto* q : catalog.otherQualifications())
            if (auto d = date(q->id + "_date")) a.qualifications[q->id] = *d;

        for (auto& course : skills::splitListCell(get("healthcare_courses"))) {
            if (auto problem = skills::personTextProblem(course)) bad("healthcare_courses", fmt::format("the course {}", *problem));
            else a.courses.push_back(std::move(course));
        }
        if (const auto years = get("experience_years"); !years.empty()) {
            auto v = skills::parseIntCell(years);
            if (!v || *v < 0 || *v > 60) bad("experience_years", fmt::format("'{}' is not a number of years from 0 to 60", years));
            else a.experienceYears = *v;
        }
        if (const auto kind = get("experience_kind"); !kind.empty()) {
            if (auto k = parseExperienceKind(kind)) a.experienceKind = *k;
            else bad("experience_kind", fmt::format("'{}' is not operation, renewal or both (運用, 更新・調達, 両方)", kind));
        }
        if (const auto pref = get("prefecture"); !pref.empty()) {
            if (const auto* p = catalog.findPrefecture(pref)) a.prefecture = p->code;
            else bad("prefecture", fmt::format("'{}' is not a prefecture; write its name (東京都) or its code (13)", pref));
        }
        for (const auto& item : skills::splitListCell(get("serves"))) {
            if (item == kNationwide || item == "全国" || item == "All") {
                a.serves.emplace_back(kNationwide);
            } else if (const auto* p = catalog.findPrefecture(item)) {
                a.serves.push_back(p->code);
            } else {
                bad("serves", fmt::format("'{}' is not a prefecture; list prefectures separated by ';', or write 全国 (all)", item));
            }
        }
        std::sort(a.serves.begin(), a.serves.end());
        a.serves.erase(std::unique(a.serves.begin(), a.serves.end()), a.serves.end());
        if (const auto days = get("days_per_month"); !days.empty()) {
            auto v = skills::parseIntCell(days);
            if (!v || *v < 0 || *v > 31) bad("days_per_month", fmt::format("'{}' is not a number of days from 0 to 31", days));
            else a.daysPerMonth = *v;
        }
        if (const auto mode = get("support_mode"); !mode.empty()) {
            if (auto m = parseSupportMode(mode)) a.mode = *m;
            else bad("support_mode", fmt::format("'{}' is not onsite, remote or both (訪問, リモート, 両方)", mode));
        }
        for (const auto& item : skills::splitListCell(get("menus"))) {
            const MenuDef* menu = catalog.menu(item);
            for (const auto& m : catalog.menus)
                if (!menu && (item == m.name.ja || item == m.name.en)) menu = &m;
            if (!menu) bad("menus", fmt::format("'{}' is not a support menu; use {}", item, idsOf(catalog.menus)));
            else if (std::find(a.menus.begin(), a.menus.end(), menu->id) == a.menus.end()) a.menus.push_back(menu->id);
        }
        for (const auto& item : skills::splitListCell(get("skills"))) {
            if (!catalog.skill(item)) bad("skills", fmt::format("'{}' is not a skill of the staff checklist (skill_…)", item));
            else if (std::find(a.skills.begin(), a.skills.end(), item) == a.skills.end()) a.skills.push_back(item);
        }
        if (a.courses.size() > kMaxListItems || a.serves.size() > kMaxListItems || a.menus.size() > kMaxListItems ||
            a.skills.size() > kMaxListItems)
            bad("", fmt::format("a list holds more than {} items", kMaxListItems));
        if (!get("affiliation").empty()) a.affiliation = textCell("affiliation", "affiliation");
        if (const auto side = get("side_work"); !side.empty()) {
            if (auto v = skills::parseYesNoCell(side)) a.sideWork = *v;
            else bad("side_work", fmt::format("'{}' is not yes or no", side));
        }
        if (auto contact = get("contact"); !contact.empty()) {
            if (contact.size() > kMaxContact) bad("contact", fmt::format("the contact is longer than {} bytes", kMaxContact));
            else if (std::any_of(contact.begin(), contact.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; }))
                bad("contact", "the contact holds a control character (a tab or a line break)");
            else a.contact = std::move(contact);
        }
        a.confirmed = date("confirmed_date");

        if (out.problems() != problemsBefore) continue;
        auto [seen, first] = keys.try_emplace(a.key(), row.line);
        if (!first) {
            bad(a.registrationNumber.empty() ? "name" : "registration_number",
                fmt::format("the same advisor as line {} ({} {})", seen->second, a.source,
                            a.registrationNumber.empty() ? a.name : a.registrationNumber));
            continue;
        }
        out.advisors.push_back(std::move(a));
        out.lines.push_back(row.line);
    }
    return out;
}

std::string writeAdvisorsCsv(const std::vector<Advisor>& advisors, const AdvisorCatalog& catalog, bool withContact) {
    std::vector<std::vector<std::string>> rows;
    rows.push_back(advisorsCsvHeader(catalog));
    const auto date = [](const std::optional<Date>& d) { return d ? skills::formatDate(*d) : std::string(); };
    for (const auto& a : advisors) {
        std::vector<std::string> row{a.source, a.name, a.registrationNumber, date(a.registered), date(a.lastCourse)};
        for (const auto* q : catalog.otherQualifications()) {
            auto it = a.qualifications.find(q->id);
            row.push_back(it == a.qualifications.end() ? std::string() : skills::formatDate(it->second));
        }
        row.push_back(skills::joinListCell(a.courses));
        row.push_back(a.experienceYears > 0 ? std::to_string(a.experienceYears) : std::string());
        row.emplace_back(experienceKindName(a.experienceKind));
        row.push_back(a.prefecture);
        row.push_back(skills::joinListCell(a.serves));
        row.push_back(a.daysPerMonth ? std::to_string(*a.daysPerMonth) : std::string());
        row.emplace_back(supportModeName(a.mode));
        row.push_back(skills::joinListCell(a.menus));
        row.push_back(skills::joinListCell(a.skills));
        row.push_back(a.affiliation);
        row.push_back(a.sideWork ? (*a.sideWork ? "yes" : "no") : "");
        row.push_back(withContact ? a.contact : std::string());
        row.push_back(date(a.confirmed));
        rows.push_back(std::move(row));
    }
    return skills::writeCsv(rows);
}

std::vector<Advisor> publishPeople(const std::vector<skills::Person>& people, const std::vector<std::int64_t>& consenting,
                                   const AdvisorCatalog& catalog, const Publication& publication) {
    std::vector<Advisor> out;
    const std::set<std::int64_t> agreed(consenting.begin(), consenting.end());
    for (const auto& p : people) {
        if (!agreed.count(p.id)) continue;
        Advisor a;
        a.source = "part_time";
        a.name = p.name;
        for (const auto& q : p.qualifications) {
            const auto* def = catalog.matrix.qualification(q.id);
            if (!def || !q.obtained) continue;
            // A list gives the date a qualification was obtained or last renewed: for one renewed
            // since, the start of the period that ends at its recorded due date.
            Date since = *q.obtained;
            if (q.renewalDue && def->renewalYears > 0) {
                const Date start = (q.renewalDue->year() - std::chrono::years{def->renewalYears}) / q.renewalDue->month() / q.renewalDue->day();
                if (start.ok() && std::chrono::sys_days{start} > std::chrono::sys_days{since}) since = start;
            }
            if (q.id == catalog.policy.registrationQualification) {
                if (q.registered) a.registered = since;
            } else {
                a.qualifications[q.id] = since;
            }
        }
        if (p.latest) {
            a.experienceYears = p.latest->experienceYears;
            if (p.latest->healthcareCourse) a.courses.emplace_back("医療分野の講習 / healthcare course");
            for (const auto& [skill, level] : p.latest->levels)
                if (level >= catalog.policy.skillLevelForDirectory && catalog.skill(skill)) a.skills.push_back(skill);
        }
        a.prefecture = publication.prefecture;
        a.serves = publication.serves;
        a.daysPerMonth = publication.daysPerMonth;
        a.mode = publication.mode;
        a.affiliation = publication.affiliation;
        a.sideWork = publication.sideWork;
        a.contact = publication.contact;
        a.confirmed = publication.confirmed;
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace kiosk::advisors
