// The synthetic region: answers drawn from a seeded generator, stored and scored through the same
// code a kiosk uses (scoring::recordAnswers), exported as signed bundles.
#include "region/synthetic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "assessment/session.hpp"
#include "export/export_service.hpp"
#include "scoring/answers_file.hpp"
#include "scoring/recorder.hpp"
#include "store/database.hpp"
#include "store/assessment_store.hpp"
#include "store/facility_store.hpp"
#include "util/signing.hpp"

namespace kiosk::region {
namespace {

using assessment::Answer;
using questionnaire::QuestionType;

const char* const kPrefectureNames[] = {"北海道", "青森", "岩手", "宮城", "秋田", "山形", "福島", "茨城", "栃木", "群馬", "埼玉", "千葉",
                                        "東京", "神奈川", "新潟", "富山", "石川", "福井", "山梨", "長野", "岐阜", "静岡", "愛知", "三重",
                                        "滋賀", "京都", "大阪", "兵庫", "奈良", "和歌山", "鳥取", "島根", "岡山", "広島", "山口", "徳島",
                                        "香川", "愛媛", "高知", "福岡", "佐賀", "長崎", "熊本", "大分", "宮崎", "鹿児島", "沖縄"};

struct Draw {
    std::mt19937_64 rng;
    double unit() { return std::uniform_real_distribution<double>(0, 1)(rng); }
    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
    template <typename T>
    const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(between(0, static_cast<int>(v.size()) - 1))]; }
};

// A plausible answer to one profile question; the facility's kind and beds where they are asked.
Answer profileAnswer(const questionnaire::Question& q, Draw& d, const std::string& kind, int beds) {
    if (q.id == "facility_kind") return Answer::option(kind);
    if (q.id == "beds") return Answer::value(beds);
    switch (q.type) {
    case QuestionType::Number: return Answer::value(q.integer ? d.between(static_cast<int>(q.min), static_cast<int>(std::min(q.max, q.min + 50))) : q.min);
    case QuestionType::Level: return Answer::value(d.between(0, 4));
    case QuestionType::Text: return Answer::words("-");
    case QuestionType::Date: return Answer::words("2025-04-01");
    case QuestionType::MultiChoice: {
        std::vector<std::string> ids;
        for (const auto& o : q.options)
            if (!o.unknown && !o.notApplicable && d.unit() < 0.4) ids.push_back(o.id);
        return Answer::options(std::move(ids));
    }
    default: {
        std::vector<std::string> ids;
        for (const auto& o : q.options)
            if (!o.unknown) ids.push_back(o.id);
        return Answer::option(ids.empty() ? q.options.front().id : d.pick(ids));
    }
    }
}

// A measures answer for a facility at maturity `m` (0–1): in place with probability m, partly, not in
// place, or not known.
Answer measureAnswer(const questionnaire::Question& q, Draw& d, double m) {
    if (q.type != QuestionType::SingleChoice || q.options.empty()) return Answer::skip();
    const auto find = [&](std::string_view id) -> const questionnaire::Option* {
        for (const auto& o : q.options)
            if (o.id == id) return &o;
        return nullptr;
    };
    const double x = d.unit();
    const char* id = x < m ? "done" : x < m + (1 - m) * 0.35 ? "partly" : x < m + (1 - m) * 0.85 ? "not_done" : "unknown";
    if (const auto* o = find(id)) return Answer::option(o->id);
    return Answer::option(q.options.front().id);
}

}  // namespace

Result<std::vector<std::filesystem::path>> writeSyntheticRegion(const SyntheticOptions& options, const questionnaire::Catalog& catalog,
                                                                const scoring::Policy& policy,
                                                                const std::function<void(int done, int total)>& progress) {
    const auto* profileQ = catalog.find("facility_profile");
    const auto* measuresQ = catalog.find("security_measures");
    if (!profileQ || !measuresQ) return Error{"the facility profile or the security measures questionnaire is not loaded"};
    const auto profileShared = std::make_shared<const questionnaire::Questionnaire>(*profileQ);
    const auto measuresShared = std::make_shared<const questionnaire::Questionnaire>(*measuresQ);
    std::error_code ec;
    std::filesystem::create_directories(options.out, ec);
    if (ec) return Error{fmt::format("cannot make {}: {}", options.out.string(), ec.message())};
    std::vector<std::string> prefectures = options.prefectures;
    if (prefectures.empty())
        for (int p = 1; p <= 47; ++p) prefectures.push_back(fmt::format("{:02}", p));

    std::vector<std::filesystem::path> written;
    for (int i = 0; i < options.facilities; ++i) {
        Draw d{std::mt19937_64(options.seed * 1000003u + static_cast<std::uint64_t>(i))};
        const std::string prefecture = d.pick(prefectures);
        const double kindDraw = d.unit();
        const std::string kind = kindDraw < 0.35 ? "clinic_no_beds" : kindDraw < 0.55 ? "clinic_beds" : "hospital";
        const int beds = kind == "clinic_no_beds" ? 0 : kind == "clinic_beds" ? d.between(1, 19) : d.between(20, 800);
        const int prefIndex = std::stoi(prefecture) - 1;
        const std::string name = fmt::format("架空{}{}{:04}", kPrefectureNames[prefIndex], kind == "hospital" ? "病院" : "診療所", i + 1);

        auto db = store::Database::open(":memory:");
        if (!db) return Error{db.error()};
        store::FacilityStore facilities(*db);
        auto facility = facilities.get();
        if (!facility) return Error{facility.error()};
        facility->name = name;
        facility->prefecture = prefecture;
        facility->kind = kind;
        facility->beds = beds;
        if (auto s = facilities.update(*facility); !s) return Error{fmt::format("{}: {}", name, s.error())};

        // Where the facility starts and how fast it improves; larger facilities start further on.
        double maturity = std::clamp(0.05 + 0.45 * d.unit() + (kind == "hospital" ? beds / 2500.0 : 0.0), 0.02, 0.95);
        for (int a = 0; a < options.assessments; ++a) {
            scoring::AnswersFile file;
            file.profile = std::make_unique<assessment::Session>(profileShared);
            for (int q = 0; q < file.profile->questionCount(); ++q) {
                if (!file.profile->isVisible(q)) continue;
                const auto& question = file.profile->question(q);
                if (auto s = file.profile->setAnswer(question.id, profileAnswer(question, d, kind, beds)); !s)
                    return Error{fmt::format("{}: profile {}: {}", name, question.id, s.error())};
            }
            file.measures = std::make_unique<assessment::Session>(measuresShared);
            for (int q = 0; q < file.measures->questionCount(); ++q) {
                if (!file.measures->isVisible(q)) continue;
                const auto& question = file.measures->question(q);
                if (auto s = file.measures->setAnswer(question.id, measureAnswer(question, d, maturity)); !s)
                    return Error{fmt::format("{}: measures {}: {}", name, question.id, s.error())};
            }
            scoring::Staffing staffing;
            staffing.knowledge = kind == "hospital" ? d.between(0, 4) : d.between(0, 1);
            staffing.security = kind == "hospital" ? d.between(0, 3) : d.between(0, 1);
            staffing.both = std::min({staffing.knowledge, staffing.security, d.between(0, 2)});
            staffing.dutyHolders = d.between(0, 3);
            file.staffing = staffing;
            auto recorded = scoring::recordAnswers(*db, catalog, policy, file, Lang::Ja, nullptr);
            if (!recorded) return Error{fmt::format("{}: assessment {}: {}", name, a + 1, recorded.error())};
            // About half a year apart, the last within the past two months.
            const int daysAgo = (options.assessments - 1 - a) * 182 + d.between(0, 60);
            store::AssessmentStore times(*db);
            for (const auto& uuid : {recorded->profile, recorded->measures})
                if (auto s = times.shiftBack(uuid, daysAgo); !s) return Error{fmt::format("{}: assessment {}: {}", name, a + 1, s.error())};
            maturity = std::min(0.98, maturity + 0.01 + 0.05 * d.unit());
        }

        const auto key = newSigningKey();
        const auto path = options.out / fmt::format("facility-{:04}.json", i + 1);
        exporting::ReportRequest request;
        auto outcome = exporting::exportDatabase(*db, nullptr, request, {&catalog.domains, nullptr, &key}, {"bundle", path, true});
        if (!outcome) return Error{fmt::format("{}: {}", name, outcome.error())};
        written.push_back(path);
        if (progress) progress(i + 1, options.facilities);
    }
    return written;
}

}  // namespace kiosk::region
