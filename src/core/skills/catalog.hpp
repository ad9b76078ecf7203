// What the skill matrix works from: the qualifications catalogue (qualifications.toml) and the
// staff skill checklist (its roles and its level questions, which are the skills).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "questionnaire/loader.hpp"
#include "skills/model.hpp"
#include "util/diagnostic.hpp"

namespace kiosk::skills {

struct SkillDef {
    std::string id;
    std::string domain;
    LocalizedText text;
};

struct SkillCatalog {
    MatrixPolicy policy;
    std::vector<SkillDef> skills;                              // in checklist order
    std::vector<std::pair<std::string, LocalizedText>> roles;  // role option id, label
    std::vector<std::string> dutySkills;                       // governance and incident skills

    std::vector<std::string> skillIds() const;
    const SkillDef* skill(std::string_view id) const;
    const LocalizedText* role(std::string_view id) const;
};

struct SkillCatalogResult {
    std::optional<SkillCatalog> catalog;
    Diagnostics diagnostics;
};

// Reads <dir>/qualifications.toml; the skills and roles come from the loaded staff_skills checklist.
SkillCatalogResult loadSkillCatalog(const std::filesystem::path& dir, const questionnaire::Catalog& catalog);
SkillCatalogResult parseSkillCatalog(std::string_view qualificationsText, const std::string& file,
                                     const questionnaire::Catalog& catalog);

}  // namespace kiosk::skills
