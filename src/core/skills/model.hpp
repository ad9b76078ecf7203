// The skill matrix's model: qualifications and how they count, people with their qualifications
// and dated skill snapshots, and what is derived from them (status of each qualification, whether
// a person meets the knowledge assurance of medical information systems, is security-qualified,
// or both; coverage of each skill; single-person dependencies).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/text.hpp"

namespace kiosk::skills {

using Date = std::chrono::year_month_day;

// "YYYY-MM-DD" to a date, or nothing when it is not a real date; and back.
std::optional<Date> parseDate(std::string_view text);
std::string formatDate(Date date);
Date today();

enum class CountsAs { Knowledge, Security, None };

struct QualificationDef {
    std::string id;
    LocalizedText name;
    CountsAs countsAs = CountsAs::None;
    int renewalYears = 0;  // 0: never expires
    bool requiresRegistration = false;
    std::string citation;
};

struct MatrixPolicy {
    std::vector<QualificationDef> qualifications;
    int expiringDays = 90;
    int experienceYearsForKnowledge = 3;
    std::map<std::string, int> targetLevel{{"supported", 2}, {"self_reliant", 3}, {"leading", 3}};
    int dutyLevel = 3;

    const QualificationDef* qualification(std::string_view id) const;
    int targetFor(std::string_view tier) const;
};

// Names and departments: at most this many characters, no control characters (a NUL, a tab or a
// line break would be invisible on screen and break other programs), no spaces at either end.
inline constexpr std::size_t kMaxPersonText = 100;
// What is wrong with such a text, or nothing.
std::optional<std::string> personTextProblem(std::string_view text);
// The text without spaces (ASCII or the ideographic U+3000) at either end, as typed names are kept.
std::string trimPersonText(std::string_view text);

enum class Employment { FullTime, PartTime, External };
std::string_view employmentName(Employment e);
std::optional<Employment> parseEmployment(std::string_view s);

struct QualificationRecord {
    std::string id;                   // QualificationDef::id
    std::optional<Date> obtained;     // passed / certified / registered
    std::optional<Date> renewalDue;   // explicit due date; else obtained + renewal years
    bool registered = true;           // for qualifications that require registration
};

struct SkillSnapshot {
    std::string takenAt;                   // ISO timestamp
    std::string source;                    // kiosk, admin, import
    std::map<std::string, int> levels;     // skill id -> 0..4
    int experienceYears = 0;
    bool healthcareCourse = false;
};

struct Person {
    std::int64_t id = 0;
    std::string name;        // name or pseudonym; two people may share one, the id tells them apart
    std::string role;        // staff_skills role option id
    std::string department;
    Employment employment = Employment::FullTime;
    std::vector<QualificationRecord> qualifications;
    std::optional<SkillSnapshot> latest;  // the newest snapshot
    int snapshotCount = 0;

    const QualificationRecord* qualification(std::string_view qualificationId) const;
};

enum class QualificationStatus { Valid, Expiring, Expired, NotRegistered };
std::string_view statusName(QualificationStatus s);

struct QualificationState {
    const QualificationDef* def = nullptr;
    const QualificationRecord* record = nullptr;
    std::optional<Date> due;
    QualificationStatus status = QualificationStatus::Valid;
    bool counts() const { return status == QualificationStatus::Valid || status == QualificationStatus::Expiring; }
};

// Status of one qualification on a given day: expired after the due date, expiring from
// `expiringDays` before it up to and including the due date.
QualificationState qualificationState(const QualificationDef& def, const QualificationRecord& record, Date on, int expiringDays);

struct PersonStanding {
    bool knowledge = false;  // meets the knowledge assurance of medical information systems
    bool security = false;   // holds a counting security qualification
    bool both() const { return knowledge && security; }
    bool dutyHolder = false;
    std::vector<std::string> knowledgeBecause;  // qualification ids, "experience", "healthcare_course"
    std::vector<QualificationState> qualifications;
    bool atRisk = false;  // counts today only through a qualification that is expiring
};

PersonStanding standing(const Person& person, const MatrixPolicy& policy, Date on, const std::vector<std::string>& dutySkills);

// The next step for a person: a qualification or course, and the skills below target.
struct DevelopmentPath {
    std::optional<std::string> nextQualification;  // qualification id
    bool healthcareCourse = false;                 // take a healthcare-specific course
    std::vector<std::string> skillsBelowTarget;
};
DevelopmentPath developmentPath(const Person& person, const PersonStanding& standing, int targetLevel,
                                const std::vector<std::string>& skillIds);

struct SkillCoverage {
    std::string skillId;
    int atTarget = 0;
    std::vector<std::int64_t> holders;  // people at or above target
};

struct Coverage {
    std::vector<SkillCoverage> skills;           // in skill order
    std::vector<std::string> gaps;               // nobody at target
    std::vector<std::string> singlePerson;       // exactly one person at target
    int knowledge = 0, security = 0, both = 0, dutyHolders = 0;
    // Staffing if the expiring qualifications were not renewed.
    int knowledgeIfLapsed = 0, securityIfLapsed = 0, bothIfLapsed = 0;
    std::vector<std::int64_t> expiringPeople;    // people whose counting qualification is expiring
    std::optional<Date> earliestExpiry;          // the first due date among those qualifications
};

Coverage coverage(const std::vector<Person>& people, const MatrixPolicy& policy, Date on, int targetLevel,
                  const std::vector<std::string>& skillIds, const std::vector<std::string>& dutySkills);

}  // namespace kiosk::skills
