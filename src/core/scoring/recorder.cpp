// Storing an answers file through the same services the kiosk uses.
#include "scoring/recorder.hpp"

#include <fmt/format.h>

#include "assessment/service.hpp"
#include "scoring/service.hpp"
#include "store/assessment_store.hpp"
#include "store/result_store.hpp"

namespace kiosk::scoring {

Result<Recorded> recordAnswers(store::Database& db, const questionnaire::Catalog& catalog, const Policy& policy, const AnswersFile& file,
                               Lang lang, store::AuditLog* audit, skills::SkillService* matrix) {
    store::AssessmentStore assessments(db);
    store::ResultStore results(db, audit);
    assessment::AssessmentService service(assessments, catalog, audit);
    store::Transaction tx(db);
    if (!tx.began()) return Error{fmt::format("could not record the answers: {}", tx.beginStatus().error())};
    // Each answer is saved as at the kiosk, in the questionnaire's order, and the assessment completed.
    auto keep = [&](const assessment::Session& given) -> Result<std::string> {
        const auto& q = given.questionnaire();
        auto active = service.start(q, lang);
        if (!active) return Error{active.error()};
        // Only the questions the kiosk would show: a question hidden by the other answers is never asked.
        for (int i = 0; i < given.questionCount(); ++i) {
            const auto& question = given.question(i);
            const auto* answer = given.answer(question.id);
            if (!answer || !given.isVisible(i)) continue;
            if (auto s = service.answer(*active, question.id, *answer); !s) return Error{fmt::format("{}.{}: {}", q.id, question.id, s.error())};
        }
        if (auto s = service.complete(*active); !s) return Error{fmt::format("{}: {}", q.id, s.error())};
        return active->uuid;
    };
    Recorded out;
    auto profile = keep(*file.profile);
    if (!profile) return Error{profile.error()};
    out.profile = std::move(*profile);
    auto measures = keep(*file.measures);
    if (!measures) return Error{measures.error()};
    out.measures = std::move(*measures);

    ScoringService scoring(service, results, catalog, &policy);
    if (matrix) scoring.useSkillMatrix(matrix);
    auto result = scoring.resultFor(out.measures, out.profile);
    if (!result) return Error{result.error()};
    out.result = std::move(*result);
    if (auto s = tx.commit(); !s) return Error{fmt::format("could not record the answers: {}", s.error())};
    return out;
}

}  // namespace kiosk::scoring
