// Derivations of the skill matrix: qualification status and renewal, each person's standing,
// development paths, and coverage of skills across people.
#include "skills/model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <ctime>

#include "util/utf8.hpp"

namespace kiosk::skills {

using namespace std::chrono;

std::optional<Date> parseDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    const auto num = [&](std::size_t at, std::size_t len, auto& out) {
        auto [p, ec] = std::from_chars(text.data() + at, text.data() + at + len, out);
        return ec == std::errc() && p == text.data() + at + len;
    };
    if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
    const Date date{year{y}, month{m}, day{d}};
    if (!date.ok() || y < 1900 || y > 2200) return std::nullopt;
    return date;
}

std::string formatDate(Date date) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                       static_cast<unsigned>(date.day()));
}

Date today() {
    const std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    return Date{year{local.tm_year + 1900}, month{static_cast<unsigned>(local.tm_mon + 1)}, day{static_cast<unsigned>(local.tm_mday)}};
}

std::optional<std::string> personTextProblem(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) return fmt::format("contains the control character U+{:04X}; remove it", c);
    }
    if (!text.empty() && (text.front() == ' ' || text.back() == ' ')) return std::string("begins or ends with a space");
    if (utf8::length(text) > kMaxPersonText) return fmt::format("is longer than {} characters", kMaxPersonText);
    return std::nullopt;
}

std::string trimPersonText(std::string_view text) {
    constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
    for (bool changed = true; changed;) {
        changed = false;
        if (!text.empty() && text.front() == ' ') text.remove_prefix(1), changed = true;
        if (!text.empty() && text.back() == ' ') text.remove_suffix(1), changed = true;
        if (text.substr(0, 3) == kIdeographicSpace) text.remove_prefix(3), changed = true;
        if (text.size() >= 3 && text.substr(text.size() - 3) == kIdeographicSpace) text.remove_suffix(3), changed = true;
    }
    return std::string(text);
}

const QualificationDef* MatrixPolicy::qualification(std::string_view id) const {
    for (const auto& q : qualifications)
        if (q.id == id) return &q;
    return nullptr;
}

int MatrixPolicy::targetFor(std::string_view tier) const {
    auto it = targetLevel.find(std::string(tier));
    return it == targetLevel.end() ? 3 : it->second;
}

std::string_view employmentName(Employment e) {
    switch (e) {
    case Employment::FullTime:
        return "full_time";
    case Employment::PartTime:
        return "part_time";
    case Employment::External:
        return "external";
    }
    return "full_time";
}

std::optional<Employment> parseEmployment(std::string_view s) {
    if (s == "full_time") return Employment::FullTime;
    if (s == "part_time") return Employment::PartTime;
    if (s == "external") return Employment::External;
    return std::nullopt;
}

const QualificationRecord* Person::qualification(std::string_view qualificationId) const {
    for (const auto& q : qualifications)
        if (q.id == qualificationId) return &q;
    return nullptr;
}

std::string_view statusName(QualificationStatus s) {
    switch (s) {
    case QualificationStatus::Valid:
        return "valid";
    case QualificationStatus::Expiring:
        return "expiring";
    case QualificationStatus::Expired:
        return "expired";
    case QualificationStatus::NotRegistered:
        return "not_registered";
    }
    return "valid";
}

QualificationState qualificationState(const QualificationDef& def, const QualificationRecord& record, Date on, int expiringDays) {
    QualificationState s{&def, &record, record.renewalDue, QualificationStatus::Valid};
    if (!s.due && def.renewalYears > 0 && record.obtained) {
        Date due = *record.obtained + years{def.renewalYears};
        if (!due.ok()) due = due.year() / due.month() / last;  // 29 February in a year without one
        s.due = due;
    }
    if (def.requiresRegistration && !record.registered) {
        s.status = QualificationStatus::NotRegistered;
        return s;
    }
    if (s.due) {
        const auto daysLeft = (sys_days{*s.due} - sys_days{on}).count();
        if (daysLeft < 0) s.status = QualificationStatus::Expired;
        else if (daysLeft <= expiringDays) s.status = QualificationStatus::Expiring;
    }
    return s;
}

PersonStanding standing(const Person& person, const MatrixPolicy& policy, Date on, const std::vector<std::string>& dutySkills) {
    PersonStanding st;
    bool knowledgeOnlyExpiring = true, securityOnlyExpiring = true;
    for (const auto& record : person.qualifications) {
        const auto* def = policy.qualification(record.id);
        if (!def) continue;
        auto state = qualificationState(*def, record, on, policy.expiringDays);
        if (state.counts() && def->countsAs == CountsAs::Knowledge) {
            st.knowledge = true;
            st.knowledgeBecause.push_back(def->id);
            if (state.status == QualificationStatus::Valid) knowledgeOnlyExpiring = false;
        }
        if (state.counts() && def->countsAs == CountsAs::Security) {
            st.security = true;
            if (state.status == QualificationStatus::Valid) securityOnlyExpiring = false;
        }
        st.qualifications.push_back(state);
    }
    if (person.latest) {
        if (person.latest->experienceYears >= policy.experienceYearsForKnowledge) {
            st.knowledge = true;
            st.knowledgeBecause.push_back("experience");
            knowledgeOnlyExpiring = false;
        }
        if (person.latest->healthcareCourse) {
            st.knowledge = true;
            st.knowledgeBecause.push_back("healthcare_course");
            knowledgeOnlyExpiring = false;
        }
        for (const auto& skill : dutySkills) {
            auto it = person.latest->levels.find(skill);
            if (it != person.latest->levels.end() && it->second >= policy.dutyLevel) st.dutyHolder = true;
        }
    }
    st.atRisk = (st.knowledge && knowledgeOnlyExpiring) || (st.security && securityOnlyExpiring);
    return st;
}

DevelopmentPath developmentPath(const Person& person, const PersonStanding& st, int targetLevel, const std::vector<std::string>& skillIds) {
    DevelopmentPath path;
    const auto has = [&](std::string_view id) {
        for (const auto& q : st.qualifications)
            if (q.def->id == id && q.counts()) return true;
        return false;
    };
    if (!st.security) {
        // IT Passport, then Information Security Management, then the registered specialist.
        if (has("sg")) path.nextQualification = "rissa";
        else if (has("ip") || has("fe") || st.knowledge) path.nextQualification = "sg";
        else path.nextQualification = "ip";
        if (person.qualification("rissa") && !has("rissa")) path.nextQualification = "rissa";  // renew or register
    } else if (!st.knowledge) {
        path.nextQualification = "hit";
        path.healthcareCourse = true;
    } else if (!has("rissa")) {
        path.nextQualification = "rissa";
    }
    for (const auto& skill : skillIds) {
        int level = 0;
        if (person.latest) {
            auto it = person.latest->levels.find(skill);
            if (it != person.latest->levels.end()) level = it->second;
        }
        if (level < targetLevel) path.skillsBelowTarget.push_back(skill);
    }
    return path;
}

Coverage coverage(const std::vector<Person>& people, const MatrixPolicy& policy, Date on, int targetLevel,
                  const std::vector<std::string>& skillIds, const std::vector<std::string>& dutySkills) {
    Coverage c;
    for (const auto& skill : skillIds) {
        SkillCoverage sc{skill, 0, {}};
        for (const auto& p : people) {
            if (!p.latest) continue;
            auto it = p.latest->levels.find(skill);
            if (it != p.latest->levels.end() && it->second >= targetLevel) sc.holders.push_back(p.id);
        }
        sc.atTarget = static_cast<int>(sc.holders.size());
        if (sc.atTarget == 0) c.gaps.push_back(skill);
        if (sc.atTarget == 1) c.singlePerson.push_back(skill);
        c.skills.push_back(std::move(sc));
    }
    for (const auto& p : people) {
        const auto st = standing(p, policy, on, dutySkills);
        c.knowledge += st.knowledge;
        c.security += st.security;
        c.both += st.both();
        c.dutyHolders += st.dutyHolder;
        // Without the expiring qualifications: only what is valid, experience and courses count.
        const auto lapsed = standing(p, policy, Date{sys_days{on} + days{policy.expiringDays + 1}}, dutySkills);
        c.knowledgeIfLapsed += lapsed.knowledge;
        c.securityIfLapsed += lapsed.security;
        c.bothIfLapsed += lapsed.both();
        if (st.atRisk || (st.knowledge && !lapsed.knowledge) || (st.security && !lapsed.security)) {
            c.expiringPeople.push_back(p.id);
            for (const auto& q : st.qualifications)
                if (q.status == QualificationStatus::Expiring && q.due && (!c.earliestExpiry || *q.due < *c.earliestExpiry))
                    c.earliestExpiry = q.due;
        }
    }
    return c;
}

}  // namespace kiosk::skills
