// Reading and writing the people CSV, with an error for every bad field naming line and column.
#include "skills/people_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "skills/csv.hpp"

namespace kiosk::skills {
namespace {

// Spaces around a cell are Excel's doing, not the person's; tabs are content (and refused in
// names), so that a neutralised "\t=…" cannot turn back into a formula.
std::string cellText(const std::string& raw) {
    const auto start = raw.find_first_not_of(' ');
    if (start == std::string::npos) return {};
    const auto end = raw.find_last_not_of(' ');
    return restoreCell(std::string_view(raw).substr(start, end - start + 1));
}

// A person's id as an export writes it: a whole number from 1.
std::optional<std::int64_t> parseId(const std::string& s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < 1) return std::nullopt;
    return v;
}

const LocalizedText kEmployment[] = {{"常勤", "Full-time"}, {"非常勤", "Part-time"}, {"外部", "External"}};

}  // namespace

std::string RowError::format() const {
    if (line == 0) return message;  // the message names its own line
    if (column.empty()) return fmt::format("line {}: {}", line, message);
    return fmt::format("line {}, column {}: {}", line, column, message);
}

std::vector<std::string> peopleCsvHeader(const SkillCatalog& catalog) {
    std::vector<std::string> header{"id", "name", "role", "department", "employment", "experience_years", "healthcare_course"};
    for (const auto& q : catalog.policy.qualifications) {
        header.push_back(q.id + "_held");
        header.push_back(q.id + "_date");
        header.push_back(q.id + "_renewal");
        if (q.requiresRegistration) header.push_back(q.id + "_registered");
    }
    for (const auto& s : catalog.skills) header.push_back(s.id);
    return header;
}

PeopleImport readPeopleCsv(std::string_view text, const SkillCatalog& catalog) {
    PeopleImport out;
    const auto report = [&](RowError e) {
        if (out.errors.size() < kMaxListedErrors) out.errors.push_back(std::move(e));
        else ++out.errorsNotListed;
    };
    auto rows = parseCsv(text);
    if (!rows) {
        report({0, "", rows.error()});
        return out;
    }
    if (rows->empty()) {
        report({1, "", "the file is empty; the first line must name the columns (name, role, employment, …)"});
        return out;
    }
    const auto known = peopleCsvHeader(catalog);
    const auto& header = rows->front();
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const std::string name = cellText(header.fields[i]);
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            const bool looksLikeSkill = name.rfind("skill_", 0) == 0;
            report({header.line, name, looksLikeSkill ? "unknown skill; the checklist's skills are the columns skill_… of an export"
                                                      : "unknown column; export once to see the columns"});
        } else if (!column.emplace(name, i).second) {
            report({header.line, name, "the column appears twice"});
        }
    }
    for (const char* required : {"name", "role", "employment"})
        if (!column.count(required)) report({header.line, required, "required column is missing"});
    if (!out.errors.empty()) return out;

    // A name may be on several lines only when each of them has an id: it is then several people.
    std::map<std::string, bool> nameSeenWithoutId;  // name -> a line without an id has it
    std::set<std::int64_t> ids;
    for (std::size_t r = 1; r < rows->size(); ++r) {
        const auto& row = (*rows)[r];
        ++out.rows;
        const std::size_t errorsBefore = out.errors.size() + static_cast<std::size_t>(out.errorsNotListed);
        // A row with fewer fields would read as empty cells, and a row with more has cells
        // that belong to no column: either way the row is not what its author meant.
        if (row.fields.size() != header.fields.size()) {
            report({row.line, "",
                    fmt::format("{} fields, but the header has {}; every row needs one field for each column (an empty field "
                                "changes nothing)",
                                row.fields.size(), header.fields.size())});
            continue;
        }
        const auto get = [&](const std::string& name) -> std::string {
            auto it = column.find(name);
            return it == column.end() ? std::string() : cellText(row.fields[it->second]);
        };
        const auto bad = [&](const std::string& col, std::string message) { report({row.line, col, std::move(message)}); };

        PersonRow p;
        p.line = row.line;
        const bool givesId = !get("id").empty();
        if (const auto id = get("id"); givesId) {
            if (auto v = parseId(id)) p.id = *v;
            else bad("id", fmt::format("'{}' is not an id; an id is the whole number an export gives each person (leave it empty "
                                       "for a new person)",
                                       id));
            if (p.id != 0 && !ids.insert(p.id).second) bad("id", fmt::format("id {} appears on more than one line", p.id));
        }
        p.name = get("name");
        if (p.name.empty()) {
            bad("name", "a name or pseudonym is required");
        } else if (auto problem = personTextProblem(p.name)) {
            bad("name", fmt::format("the name {}", *problem));
        } else {
            auto [seen, first] = nameSeenWithoutId.try_emplace(p.name, false);
            if (!first && (!givesId || seen->second))
                bad("name", fmt::format("'{}' appears on more than one line; people who share a name each need their id (the id "
                                        "column of an export)",
                                        p.name));
            if (!givesId) seen->second = true;
        }

        const std::string role = get("role");
        for (const auto& [id, label] : catalog.roles)
            if (role == id || role == label.ja || role == label.en) p.role = id;
        if (p.role.empty()) {
            std::string list;
            for (const auto& [id, label] : catalog.roles) list += (list.empty() ? "" : ", ") + id;
            bad("role", fmt::format("'{}' is not a role; use one of {}", role, list));
        }
        if (const auto department = get("department"); !department.empty()) {
            if (auto problem = personTextProblem(department)) bad("department", fmt::format("the department {}", *problem));
            else p.department = department;
        }
        const std::string employment = get("employment");
        if (auto e = parseEmployment(employment)) p.employment = *e;
        else {
            bool found = false;
            for (int i = 0; i < 3; ++i)
                if (employment == kEmployment[i].ja || employment == kEmployment[i].en) p.employment = static_cast<Employment>(i), found = true;
            if (!found) bad("employment", fmt::format("'{}' is not full_time, part_time or external (常勤, 非常勤, 外部)", employment));
        }

        if (const auto years = get("experience_years"); !years.empty()) {
            auto v = parseIntCell(years);
            if (!v || *v < 0 || *v > 60) bad("experience_years", fmt::format("'{}' is not a number of years from 0 to 60", years));
            else p.experienceYears = *v;
        }
        if (const auto course = get("healthcare_course"); !course.empty()) {
            auto v = parseYesNoCell(course);
            if (!v) bad("healthcare_course", fmt::format("'{}' is not yes or no", course));
            else p.healthcareCourse = *v;
        }
        for (const auto& q : catalog.policy.qualifications) {
            QualificationCells cells;
            bool mentioned = false;
            const auto yesNo = [&](const std::string& col, std::optional<bool>& target) {
                if (const auto value = get(col); !value.empty()) {
                    mentioned = true;
                    if (auto v = parseYesNoCell(value)) target = *v;
                    else bad(col, fmt::format("'{}' is not yes or no", value));
                }
            };
            const auto date = [&](const std::string& col, std::optional<Date>& target) {
                if (const auto value = get(col); !value.empty()) {
                    mentioned = true;
                    if (auto d = parseDate(value)) target = *d;
                    else bad(col, fmt::format("'{}' is not a date; write YYYY-MM-DD", value));
                }
            };
            yesNo(q.id + "_held", cells.held);
            date(q.id + "_date", cells.obtained);
            date(q.id + "_renewal", cells.renewalDue);
            if (q.requiresRegistration) yesNo(q.id + "_registered", cells.registered);
            if (cells.held == false && (cells.obtained || cells.renewalDue || cells.registered))
                bad(q.id + "_held", "says no, but the row gives details of this qualification; clear them or write yes");
            if (mentioned) p.qualifications[q.id] = cells;
        }
        for (const auto& s : catalog.skills) {
            const std::string value = get(s.id);
            if (value.empty()) continue;
            auto v = parseIntCell(value);
            if (!v || *v < 0 || *v > 4) bad(s.id, fmt::format("level '{}' is out of range; use 0 to 4 or leave it empty", value));
            else p.levels[s.id] = *v;
        }
        if (out.errors.size() + static_cast<std::size_t>(out.errorsNotListed) == errorsBefore) out.people.push_back(std::move(p));
    }
    return out;
}

Resolution resolveRows(const std::vector<PersonRow>& rows, const std::vector<Person>& stored) {
    std::map<std::int64_t, const Person*> byId;
    std::map<std::string, std::vector<const Person*>> byName;
    for (const auto& p : stored) {
        byId[p.id] = &p;
        byName[p.name].push_back(&p);
    }
    Resolution out;
    std::map<std::int64_t, int> lineOf;  // person id -> the line that updates them
    for (const auto& row : rows) {
        const Person* person = nullptr;
        if (row.id != 0) {
            auto it = byId.find(row.id);
            if (it == byId.end()) {
                out.errors.push_back({row.line, "id",
                                      fmt::format("no person in this matrix has id {}; leave the id empty to add the row as a new "
                                                  "person (ids of another kiosk's export do not carry over)",
                                                  row.id)});
                continue;
            }
            person = it->second;
        } else if (auto it = byName.find(row.name); it != byName.end()) {
            if (it->second.size() > 1) {
                out.errors.push_back({row.line, "name",
                                      fmt::format("{} people in the matrix are named '{}', so the name is ambiguous; give the id of "
                                                  "the one this row is about (the id column of an export)",
                                                  it->second.size(), row.name)});
                continue;
            }
            person = it->second.front();
        }
        if (person) {
            auto [earlier, isFirst] = lineOf.try_emplace(person->id, row.line);
            if (!isFirst) {
                out.errors.push_back({row.line, row.id != 0 ? "id" : "name",
                                      fmt::format("this row is about the same person as line {} ('{}', id {}); give each person "
                                                  "one line",
                                                  earlier->second, person->name, person->id)});
                continue;
            }
        }
        out.rows.push_back({&row, person ? std::optional<Person>(*person) : std::nullopt});
    }
    return out;
}

Person applyRow(const std::optional<Person>& stored, const PersonRow& row, bool replace) {
    Person p;
    p.id = row.id;
    if (stored) {
        p.id = stored->id;
        if (!replace) {
            p.department = stored->department;
            p.qualifications = stored->qualifications;
        }
    }
    p.name = row.name;
    p.role = row.role;
    p.employment = row.employment;
    if (row.department) p.department = *row.department;

    for (const auto& entry : row.qualifications) {
        const std::string& id = entry.first;
        const QualificationCells& cells = entry.second;
        auto it = std::find_if(p.qualifications.begin(), p.qualifications.end(), [&](const auto& q) { return q.id == id; });
        if (cells.held == false) {
            if (it != p.qualifications.end()) p.qualifications.erase(it);
            continue;
        }
        if (it == p.qualifications.end()) it = p.qualifications.insert(p.qualifications.end(), QualificationRecord{id, std::nullopt, std::nullopt, true});
        if (cells.obtained) it->obtained = cells.obtained;
        if (cells.renewalDue) it->renewalDue = cells.renewalDue;
        if (cells.registered) it->registered = *cells.registered;
    }

    const bool hadSkills = stored && stored->latest;
    if (row.saysAnythingAboutSkills() || (replace && hadSkills)) {
        SkillSnapshot snapshot;
        if (hadSkills && !replace) {
            snapshot.levels = stored->latest->levels;
            snapshot.experienceYears = stored->latest->experienceYears;
            snapshot.healthcareCourse = stored->latest->healthcareCourse;
        }
        snapshot.source = "import";
        for (const auto& [skill, level] : row.levels) snapshot.levels[skill] = level;
        if (row.experienceYears) snapshot.experienceYears = *row.experienceYears;
        if (row.healthcareCourse) snapshot.healthcareCourse = *row.healthcareCourse;
        p.latest = std::move(snapshot);
    }
    return p;
}

std::string writePeopleCsv(const std::vector<Person>& people, const SkillCatalog& catalog) {
    std::vector<std::vector<std::string>> rows{peopleCsvHeader(catalog)};
    for (const auto& p : people) {
        std::vector<std::string> row{p.id != 0 ? std::to_string(p.id) : "", p.name, p.role, p.department,
                                     std::string(employmentName(p.employment)),
                                     p.latest ? std::to_string(p.latest->experienceYears) : "",
                                     p.latest ? (p.latest->healthcareCourse ? "yes" : "no") : ""};
        for (const auto& q : catalog.policy.qualifications) {
            const auto* record = p.qualification(q.id);
            // "yes" even without dates: a qualification held with no date known is still held.
            row.push_back(record ? "yes" : "");
            row.push_back(record && record->obtained ? formatDate(*record->obtained) : "");
            row.push_back(record && record->renewalDue ? formatDate(*record->renewalDue) : "");
            if (q.requiresRegistration) row.push_back(record ? (record->registered ? "yes" : "no") : "");
        }
        for (const auto& s : catalog.skills) {
            std::string level;
            if (p.latest) {
                auto it = p.latest->levels.find(s.id);
                if (it != p.latest->levels.end()) level = std::to_string(it->second);
            }
            row.push_back(level);
        }
        rows.push_back(std::move(row));
    }
    return writeCsv(rows);
}

}  // namespace kiosk::skills
