// Skill-matrix service.
#include "skills/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/file.hpp"

namespace kiosk::skills {

Result<ImportReport> SkillService::importCsv(std::string_view text, bool partial, ImportMode mode) {
    auto read = readPeopleCsv(text, m_catalog);
    ImportReport report;
    report.rows = read.rows;
    report.errors = std::move(read.errors);
    report.errorsNotListed = read.errorsNotListed;
    if (read.people.empty()) return report;
    // Rows are matched to stored people even when other rows are bad, so that the report lists
    // every problem of the file at once.
    auto stored = m_store.all();
    if (!stored) return Error{stored.error()};
    auto resolved = resolveRows(read.people, *stored);
    for (auto& e : resolved.errors) {
        if (report.errors.size() < kMaxListedErrors) report.errors.push_back(std::move(e));
        else ++report.errorsNotListed;
    }
    std::stable_sort(report.errors.begin(), report.errors.end(), [](const RowError& a, const RowError& b) { return a.line < b.line; });
    if (report.problems() > 0 && !partial) return report;
    std::vector<Person> people;
    for (const auto& r : resolved.rows) {
        if (!r.stored) ++report.added;
        people.push_back(applyRow(r.stored, *r.row, mode == ImportMode::Replace));
    }
    if (people.empty()) return report;
    if (auto s = m_store.upsert(people, "import"); !s) return Error{s.error()};
    report.imported = static_cast<int>(people.size());
    return report;
}

Result<std::string> SkillService::exportCsv() {
    auto all = m_store.all();
    if (!all) return Error{all.error()};
    return writePeopleCsv(*all, m_catalog);
}

Result<ImportReport> SkillService::importFile(const std::string& path, bool partial, ImportMode mode) {
    const auto text = readFile(path);
    if (!text) return Error{text.error()};
    return importCsv(*text, partial, mode);
}

Status SkillService::exportFile(const std::string& path) {
    auto csv = exportCsv();
    if (!csv) return Error{csv.error()};
    return writeFileAtomically(path, *csv);
}

Result<std::vector<Person>> SkillService::people() { return m_store.all(); }

Result<std::vector<Person>> SkillService::peopleNamed(std::string_view name) {
    auto all = m_store.all();
    if (!all) return Error{all.error()};
    std::vector<Person> out;
    for (auto& p : *all)
        if (p.name == name) out.push_back(std::move(p));
    return out;
}

Status SkillService::recordByAdmin(const Person& person) {
    if (person.name.empty()) return Error{"a name or pseudonym is required"};
    if (auto problem = personTextProblem(person.name)) return Error{fmt::format("the name {}", *problem)};
    if (auto problem = personTextProblem(person.department)) return Error{fmt::format("the department {}", *problem)};
    if (!m_catalog.role(person.role)) return Error{fmt::format("'{}' is not a role", person.role)};
    for (const auto& q : person.qualifications)
        if (!m_catalog.policy.qualification(q.id)) return Error{fmt::format("'{}' is not a qualification", q.id)};
    if (person.latest) {
        for (const auto& [skill, level] : person.latest->levels) {
            if (!m_catalog.skill(skill)) return Error{fmt::format("'{}' is not a skill of the checklist", skill)};
            if (level < 0 || level > 4) return Error{fmt::format("level {} of {} is out of range (0–4)", level, skill)};
        }
    }
    return m_store.upsert({person}, "admin");
}

Status SkillService::recordChecklist(const assessment::Session& s, const std::string& assessmentUuid, std::int64_t personId) {
    const auto answerOf = [&](std::string_view id) -> const assessment::Answer* {
        const int i = s.questionnaire().indexOf(id);
        if (i < 0 || !s.isVisible(i)) return nullptr;
        const auto* a = s.answer(id);
        return a && !a->skipped ? a : nullptr;
    };
    const auto yes = [&](std::string_view id) {
        const auto* a = answerOf(id);
        return a && a->choice == "yes";
    };
    Person p;
    const auto* name = answerOf("name");
    if (!name || name->text.empty()) return Error{"the checklist has no name, so it cannot go into the skill matrix"};
    p.name = trimPersonText(name->text);
    if (p.name.empty()) return Error{"the checklist has no name, so it cannot go into the skill matrix"};
    if (auto problem = personTextProblem(p.name)) return Error{fmt::format("the name {}", *problem)};
    if (const auto* role = answerOf("role")) p.role = role->choice;
    if (const auto* dept = answerOf("department")) p.department = trimPersonText(dept->text);
    if (auto problem = personTextProblem(p.department)) return Error{fmt::format("the department {}", *problem)};
    if (const auto* emp = answerOf("employment")) p.employment = parseEmployment(emp->choice).value_or(Employment::FullTime);
    for (const auto& q : m_catalog.policy.qualifications) {
        if (!yes("q_" + q.id)) continue;
        QualificationRecord record{q.id, std::nullopt, std::nullopt, true};
        if (const auto* d = answerOf("q_" + q.id + "_date")) record.obtained = parseDate(d->text);
        if (q.requiresRegistration) {
            record.registered = yes("q_" + q.id + "_registered");
            if (const auto* d = answerOf("q_" + q.id + "_renewal_date")) record.renewalDue = parseDate(d->text);
        }
        p.qualifications.push_back(record);
    }
    SkillSnapshot snapshot;
    snapshot.source = "kiosk";
    if (const auto* years = answerOf("experience_years"); years && years->number) snapshot.experienceYears = static_cast<int>(*years->number);
    snapshot.healthcareCourse = yes("healthcare_course");
    for (const auto& skill : m_catalog.skills)
        if (const auto* a = answerOf(skill.id); a && a->number) snapshot.levels[skill.id] = static_cast<int>(*a->number);
    p.latest = snapshot;
    if (personId == kNewPerson) {
        p.id = 0;  // added, whoever else has the name
    } else if (personId != 0) {
        p.id = personId;
    } else {
        auto named = peopleNamed(p.name);
        if (!named) return Error{named.error()};
        if (named->size() > 1)
            return Error{fmt::format("{} people in the skill matrix are named {}; choose which of them this checklist is for",
                                     named->size(), p.name)};
        if (named->size() == 1) p.id = named->front().id;
    }
    return m_store.upsert({p}, "kiosk", assessmentUuid);
}

Status SkillService::completeChecklist(assessment::AssessmentService& assessments, assessment::ActiveAssessment& checklist,
                                       std::int64_t personId) {
    store::Transaction tx(m_store.database());
    if (!tx.began()) return tx.beginStatus();
    // Completed first, so that a checklist not yet stored has its id for the snapshot; if
    // anything after fails, the whole step is rolled back and the checklist is as it was.
    const auto uuidBefore = checklist.uuid;
    const auto recordBefore = checklist.record;
    const auto restore = [&] {
        checklist.uuid = uuidBefore;
        checklist.record = recordBefore;
    };
    if (auto s = assessments.complete(checklist); !s) return s;
    if (auto s = recordChecklist(checklist.session, checklist.uuid, personId); !s) {
        restore();
        return s;
    }
    if (auto s = tx.commit(); !s) {
        restore();  // nothing was saved, so the session is not complete either
        return Error{fmt::format("could not finish the checklist: {}", s.error())};
    }
    return {};
}

Result<Coverage> SkillService::coverageFor(std::string_view tier, Date on) {
    auto all = m_store.all();
    if (!all) return Error{all.error()};
    return coverage(*all, m_catalog.policy, on, m_catalog.policy.targetFor(tier), m_catalog.skillIds(), m_catalog.dutySkills);
}

Result<std::optional<scoring::Staffing>> SkillService::staffingFor(std::string_view tier, Date on) {
    auto all = m_store.all();
    if (!all) return Error{all.error()};
    if (all->empty()) return std::optional<scoring::Staffing>{};
    return std::optional<scoring::Staffing>{staffingOf(*all, m_catalog, tier, on)};
}

scoring::Staffing staffingOf(const std::vector<Person>& people, const SkillCatalog& catalog, std::string_view tier, Date on,
                             std::string source) {
    const auto c = coverage(people, catalog.policy, on, catalog.policy.targetFor(tier), catalog.skillIds(), catalog.dutySkills);
    scoring::Staffing s;
    s.knowledge = c.knowledge;
    s.security = c.security;
    s.both = c.both;
    s.dutyHolders = c.dutyHolders;
    s.source = std::move(source);
    s.uncoveredSkills = c.gaps;
    s.singlePersonSkills = c.singlePerson;
    s.expiringPeople = static_cast<int>(c.expiringPeople.size());
    s.knowledgeIfLapsed = c.knowledgeIfLapsed;
    s.securityIfLapsed = c.securityIfLapsed;
    s.bothIfLapsed = c.bothIfLapsed;
    if (c.earliestExpiry) s.expiringBy = formatDate(*c.earliestExpiry);
    const auto nameOf = [&](const std::string& id) {
        const auto* skill = catalog.skill(id);
        return skill ? skill->text : LocalizedText{id, id};
    };
    for (const auto& id : c.gaps) s.uncoveredSkillNames.push_back(nameOf(id));
    for (const auto& id : c.singlePerson) {
        s.singlePersonSkillNames.push_back(nameOf(id));
        if (std::find(catalog.dutySkills.begin(), catalog.dutySkills.end(), id) != catalog.dutySkills.end())
            s.singlePersonDutySkillNames.push_back(nameOf(id));
    }
    return s;
}

}  // namespace kiosk::skills
