// Loading of the qualifications catalogue and the skills of the staff checklist.
#include "skills/catalog.hpp"

#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>

#include "questionnaire/toml_reader.hpp"
#include "util/file.hpp"

namespace kiosk::skills {

using questionnaire::detail::posOf;
using questionnaire::detail::Reader;

std::vector<std::string> SkillCatalog::skillIds() const {
    std::vector<std::string> out;
    for (const auto& s : skills) out.push_back(s.id);
    return out;
}

const SkillDef* SkillCatalog::skill(std::string_view id) const {
    for (const auto& s : skills)
        if (s.id == id) return &s;
    return nullptr;
}

const LocalizedText* SkillCatalog::role(std::string_view id) const {
    for (const auto& [rid, label] : roles)
        if (rid == id) return &label;
    return nullptr;
}

SkillCatalogResult parseSkillCatalog(std::string_view text, const std::string& file, const questionnaire::Catalog& catalog) {
    SkillCatalogResult result;
    Reader r(file, result.diagnostics);
    SkillCatalog sc;
    if (auto root = questionnaire::detail::parseToml(r, text)) {
        r.allowOnly(*root, "qualifications.toml", {"qualifications", "matrix"});
        std::set<std::string> seen;
        for (const toml::table* t : r.tables(*root, "qualifications", "qualifications.toml")) {
            r.allowOnly(*t, "a qualification", {"id", "name", "counts_as", "renewal_years", "requires_registration", "citation"});
            QualificationDef q;
            q.id = r.identifier(*t, "id", "a qualification");
            const std::string where = fmt::format("qualification '{}'", q.id);
            if (!seen.insert(q.id).second) r.error(posOf(*t), fmt::format("{} is defined twice", where));
            q.name = r.text(*t, "name", where, true);
            const auto counts = r.string(*t, "counts_as", where, true).value_or("none");
            if (counts == "knowledge") q.countsAs = CountsAs::Knowledge;
            else if (counts == "security") q.countsAs = CountsAs::Security;
            else if (counts == "none") q.countsAs = CountsAs::None;
            else r.error(*t->get("counts_as"), fmt::format("{} has counts_as '{}'; use knowledge, security or none", where, counts));
            q.renewalYears = r.integer(*t, "renewal_years", where, 0, 20).value_or(0);  // 0: never expires
            q.requiresRegistration = r.boolean(*t, "requires_registration", where).value_or(false);
            q.citation = r.string(*t, "citation", where, true).value_or("");
            sc.policy.qualifications.push_back(std::move(q));
        }
        if (const auto* m = root->get("matrix") ? root->get("matrix")->as_table() : nullptr) {
            r.allowOnly(*m, "[matrix]", {"expiring_days", "experience_years_for_knowledge", "target_level", "duty_level"});
            sc.policy.expiringDays = r.integer(*m, "expiring_days", "[matrix]", 0, 365).value_or(90);
            sc.policy.experienceYearsForKnowledge = r.integer(*m, "experience_years_for_knowledge", "[matrix]", 0, 60).value_or(3);
            sc.policy.dutyLevel = r.integer(*m, "duty_level", "[matrix]", 0, 4).value_or(3);
            if (const auto* targets = m->get("target_level") ? m->get("target_level")->as_table() : nullptr) {
                sc.policy.targetLevel.clear();
                for (auto&& [tier, node] : *targets) {
                    const auto* level = node.as_integer();
                    if (!level || level->get() < 0 || level->get() > 4)
                        r.error(node, fmt::format("the target level for '{}' must be a whole number from 0 to 4", tier.str()));
                    else sc.policy.targetLevel[std::string(tier.str())] = static_cast<int>(level->get());
                }
            }
        } else {
            r.error(SourcePos{1, 1}, "qualifications.toml has no [matrix] table");
        }
    }

    const auto* checklist = catalog.find("staff_skills");
    if (!checklist) {
        r.error(SourcePos{1, 1}, "the staff skill checklist (staff_skills) is not loaded, so the matrix has no skills");
    } else {
        for (const auto& q : checklist->questions) {
            if (q.type == questionnaire::QuestionType::Level) {
                sc.skills.push_back({q.id, q.domain, q.text});
                if (q.domain == "governance" || q.domain == "incident") sc.dutySkills.push_back(q.id);
            }
            if (q.id == "role")
                for (const auto& o : q.options) sc.roles.emplace_back(o.id, o.label);
            // Every qualification the checklist asks about must be in the catalogue.
            if (q.id.rfind("q_", 0) == 0 && q.type == questionnaire::QuestionType::YesNo && q.id != "q_rissa_registered") {
                const std::string id = q.id.substr(2);
                if (!sc.policy.qualification(id))
                    r.error(SourcePos{1, 1}, fmt::format("the staff checklist asks about '{}', which qualifications.toml does not define", id));
            }
        }
    }
    if (result.diagnostics.empty()) result.catalog = std::move(sc);
    return result;
}

SkillCatalogResult loadSkillCatalog(const std::filesystem::path& dir, const questionnaire::Catalog& catalog) {
    const auto path = dir / "qualifications.toml";
    const auto text = readFile(path);
    if (!text) {
        SkillCatalogResult result;
        result.diagnostics.push_back({path.string(), {0, 0}, fmt::format("cannot read the qualifications catalogue: {}", readProblem(text.error(), path))});
        return result;
    }
    return parseSkillCatalog(*text, path.string(), catalog);
}

}  // namespace kiosk::skills
