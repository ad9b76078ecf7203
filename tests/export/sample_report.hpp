// A report built from real content for the document writers' tests: a facility profile and a
// security-measures assessment answered from a scenario, scored by the engine, with an
// improvement plan, free-text answers that try to break out of HTML and spreadsheets, the skill
// matrix of a scenario's people, and audit rows.
#pragma once

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "export/report.hpp"
#include "questionnaire/loader.hpp"
#include "scoring/answers_file.hpp"
#include "scoring/engine.hpp"
#include "scoring/policy.hpp"
#include "skills/catalog.hpp"
#include "util/hash.hpp"

namespace kiosk::test {

// For LeakSanitizer (make test-asan), in each program that draws a PDF: fontconfig keeps the
// patterns of the fonts it matched in caches that live as long as the process, and Cairo 1.16's
// PDF font subsetting loses a few hundred bytes per document inside cairo_surface_finish (fixed in
// later Cairo). Neither is ours to free. Cairo is built without frame pointers, so its leaks can
// only be named by the library.
inline constexpr const char* kLeakSuppressions = "leak:libfontconfig.so\nleak:libcairo.so\n";

// Texts a hostile or careless person might type; each must come out as text.
inline const std::string kScriptText = "<script>alert(1)</script>";
inline const std::string kAttributeText = "\"><img src=x onerror=alert(1)>";
inline const std::string kFormulaOwner = "=SUM(A1:A9)";
inline const std::string kJapaneseOwner = "情報システム課 山田";

struct SampleContent {
    questionnaire::Catalog catalog;
    scoring::Policy policy;
    skills::SkillCatalog skills;

    explicit SampleContent(const std::filesystem::path& questionnaires) : catalog(questionnaire::loadCatalog(questionnaires)) {
        auto loaded = scoring::loadPolicy(questionnaires, catalog);
        if (!loaded.policy) throw std::runtime_error("the bundled tier and route rules do not load");
        policy = std::move(*loaded.policy);
        auto skillCatalog = skills::loadSkillCatalog(questionnaires, catalog);
        if (!skillCatalog.catalog) throw std::runtime_error("the bundled skill catalogue does not load");
        skills = std::move(*skillCatalog.catalog);
    }

    scoring::AnswersFile scenario(const std::filesystem::path& file) const {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        auto parsed = scoring::parseAnswersFile(text.str(), catalog, &skills);
        if (!parsed) throw std::runtime_error(parsed.error());
        return std::move(*parsed);
    }
};

// The answers of a session as the export lists them, in questionnaire order.
inline std::vector<exporting::AnswerLine> answerLines(const assessment::Session& session, const std::string& at) {
    std::vector<exporting::AnswerLine> lines;
    for (int i = 0; i < session.questionCount(); ++i) {
        const auto& q = session.question(i);
        const auto* a = session.answer(q.id);
        if (!a || !session.isVisible(i)) continue;
        exporting::AnswerLine line;
        line.questionId = q.id;
        line.question = q.text;
        line.skipped = a->skipped;
        line.answeredAt = at;
        const auto label = [&](const std::string& id) {
            for (const auto& o : q.options)
                if (o.id == id) return o.label;
            return LocalizedText{id, id};
        };
        if (!a->choice.empty()) {
            line.value = a->choice;
            line.valueLabel = label(a->choice);
        } else if (!a->choices.empty()) {
            for (const auto& id : a->choices) {
                const auto l = label(id);
                line.value += (line.value.empty() ? "" : ",") + id;
                line.valueLabel.ja += (line.valueLabel.ja.empty() ? "" : "、") + l.ja;
                line.valueLabel.en += (line.valueLabel.en.empty() ? "" : ", ") + l.en;
            }
        } else if (a->number) {
            line.value = fmt::format("{}", *a->number);
            line.valueLabel = {line.value, line.value};
        } else {
            line.value = a->text;
            line.valueLabel = {a->text, a->text};
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

inline store::AuditRow auditRow(std::int64_t seq, std::string at, store::Role role, std::string event, std::string subject,
                                std::string details) {
    store::AuditRow row;
    row.seq = seq;
    row.at = std::move(at);
    row.role = role;
    row.event = {std::move(event), std::move(subject), std::move(details)};
    row.previousHash = seq == 1 ? std::string(store::kGenesisHash) : sha256Hex(std::to_string(seq - 1));
    row.hash = sha256Hex(std::to_string(seq));
    return row;
}

// `scenario` names a file in tests/data/scenarios; `people` one whose people fill the matrix.
inline exporting::Report sampleReport(const SampleContent& content, const std::filesystem::path& scenarios, Lang lang,
                                      const std::string& scenario = "hospital_120_unknowns",
                                      const std::string& people = "hospital_250_registration_due") {
    using namespace exporting;
    const auto answers = content.scenario(scenarios / (scenario + ".json"));
    auto result = scoring::evaluate(content.policy, content.catalog, scoring::facilityInput(answers, &content.skills));
    const std::string profileId = "7f1c2a90-0b1e-4c55-9a3e-1d2f3a4b5c6d";
    const std::string measuresId = "c3d4e5f6-7a8b-4c9d-8e0f-112233445566";
    result.assessment = measuresId;
    result.profileAssessment = profileId;
    result.computedAt = "2026-03-02T01:20:00.000Z";

    Report report;
    report.lang = lang;
    report.exportedAt = "2026-03-05T06:30:00.000Z";
    report.facility = "みなと市立病院 <病棟A> & \"本館\"";
    report.from = "2026-03-01";
    report.to = "2026-03-05";

    AssessmentReport profile;
    profile.record = {profileId, "facility_profile", "1", "hash-profile", store::AssessmentStatus::Completed, "ja",
                      "2026-03-01T00:10:00.000Z", "2026-03-01T00:40:00.000Z", "2026-03-01T00:40:00.000Z", std::nullopt, 0};
    profile.questionnaireTitle = answers.profile->questionnaire().title;
    profile.answers = answerLines(*answers.profile, "2026-03-01T00:20:00.000Z");
    // A free-text answer as someone might have typed it.
    AnswerLine remark;
    remark.questionId = "remarks";
    remark.question = {"その他、伝えておきたいこと", "Anything else to tell us"};
    remark.value = "委託先は3社 " + kScriptText + " " + kAttributeText;
    remark.valueLabel = {remark.value, remark.value};
    remark.answeredAt = "2026-03-01T00:39:30.000Z";
    profile.answers.push_back(remark);
    profile.record.answerCount = static_cast<int>(profile.answers.size());

    AssessmentReport measures;
    measures.record = {measuresId, "security_measures", "1", "hash-measures", store::AssessmentStatus::Completed, "ja",
                       "2026-03-02T00:00:00.000Z", "2026-03-02T01:19:00.000Z", "2026-03-02T01:19:00.000Z", std::nullopt, 0};
    measures.questionnaireTitle = answers.measures->questionnaire().title;
    measures.answers = answerLines(*answers.measures, "2026-03-02T00:30:00.000Z");
    for (auto& line : measures.answers) {
        if (const auto* item = result.item(line.questionId)) {
            line.domain = item->domain;
            if (const auto* d = result.domain(item->domain)) line.domainName = d->name;
            line.score = item->score;
            line.valueLabel = item->answerLabel;  // as scored (some come from the profile)
        }
    }
    measures.record.answerCount = static_cast<int>(measures.answers.size());

    // The plan: an owner in Japanese, one that looks like a formula, hostile text in a note and an
    // owner, and one entry without a date.
    const std::vector<std::tuple<std::string, std::string, PlanStatus, std::string>> plans = {
        {kJapaneseOwner, "2026-09-30", PlanStatus::InProgress, "業者と日程を調整中。"},
        {kFormulaOwner, "2026-12-28", PlanStatus::Planned, kScriptText},
        {kAttributeText, "2027-03-31", PlanStatus::Planned, "院内研修で周知する"},
        {"", "", PlanStatus::Planned, ""},
    };
    for (std::size_t i = 0; i < plans.size() && i < result.gaps.size(); ++i) {
        const auto& [owner, date, status, note] = plans[i];
        measures.plan.push_back({measuresId, result.gaps[i], owner, date, status, note, "2026-03-04T02:00:00.000Z"});
    }
    measures.result = std::move(result);

    report.assessments.push_back(std::move(profile));
    report.assessments.push_back(std::move(measures));

    MatrixReport matrix;
    for (const auto& s : content.skills.skills) matrix.skills.emplace_back(s.id, s.text);
    matrix.people = content.scenario(scenarios / (people + ".json")).people;
    for (std::size_t i = 0; i < matrix.people.size(); ++i) matrix.people[i].id = static_cast<std::int64_t>(i + 1);
    report.matrix = std::move(matrix);

    using store::Role;
    report.audit = {
        auditRow(1, "2026-03-01T00:10:00.000Z", Role::Staff, "assessment.started", profileId, R"({"questionnaire":"facility_profile"})"),
        auditRow(2, "2026-03-01T00:40:00.000Z", Role::Staff, "assessment.completed", profileId, "{}"),
        auditRow(3, "2026-03-02T01:19:00.000Z", Role::Staff, "assessment.completed", measuresId, "{}"),
        auditRow(4, "2026-03-04T02:00:00.000Z", Role::Auditor, "plan.updated", measuresId, R"j({"owner":"=SUM(A1:A9)"})j"),
    };
    report.chainHead = report.audit.back().hash;
    report.auditRows = 42;
    return report;
}

}  // namespace kiosk::test
