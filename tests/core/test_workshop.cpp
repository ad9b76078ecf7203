// Workshops: a run's score and path, the session's aggregate over participants, the change from
// before to after the workshop, and sessions, participants and runs as stored and audited.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "assessment/service.hpp"
#include "questionnaire/loader.hpp"
#include "store/assessment_store.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "store/workshop_store.hpp"
#include "support.hpp"
#include "workshop/aggregate.hpp"
#include "workshop/bundle.hpp"
#include "workshop/report.hpp"

using namespace kiosk;
using namespace kiosk::workshop;

namespace {

const questionnaire::Catalog& catalog() {
    static const auto loaded = questionnaire::loadCatalog(test::sourceDir() / "questionnaires");
    return loaded;
}

const questionnaire::Questionnaire& ransomware() {
    const auto* q = catalog().find("ransomware_night");
    REQUIRE(q);
    return *q;
}

// A path through an exercise: for every decision the option that `pick` chooses.
template <class Pick>
std::map<std::string, std::string> path(const questionnaire::Questionnaire& exercise, Pick pick) {
    std::map<std::string, std::string> out;
    for (const auto& q : exercise.questions) out[q.id] = pick(q).id;
    return out;
}

const questionnaire::Option& best(const questionnaire::Question& q) {
    for (const auto& o : q.options)
        if (o.best) return o;
    FAIL("no best option in " << q.id);
    return q.options.front();
}

// The worst-scoring option of a decision (the first of equals).
const questionnaire::Option& worst(const questionnaire::Question& q) {
    const questionnaire::Option* out = &q.options.front();
    for (const auto& o : q.options)
        if (o.score.value_or(0) < out->score.value_or(0)) out = &o;
    return *out;
}

Run run(std::string code, Phase phase, bool completed, std::map<std::string, std::string> choices) {
    return {"p-" + code, std::move(code), "ransomware_night", phase, "a", completed, std::move(choices)};
}

}  // namespace

TEST_CASE("a run scores the options chosen against the best path, overall and per learning objective") {
    const auto& exercise = ransomware();
    const RunScore perfect = scoreRun(exercise, path(exercise, best));
    CHECK(perfect.decided == static_cast<int>(exercise.questions.size()));
    CHECK(perfect.best == perfect.decided);
    CHECK(perfect.total.percent() == doctest::Approx(100));
    CHECK(perfect.objectives.size() == exercise.objectives.size());
    for (const auto& [objective, share] : perfect.objectives) CHECK(share.percent() == doctest::Approx(100));

    // The worst option everywhere: the score is the sum of those options' scores over 100 each.
    const RunScore poor = scoreRun(exercise, path(exercise, worst));
    double expected = 0;
    for (const auto& q : exercise.questions) expected += worst(q).score.value_or(0);
    CHECK(poor.total.scored == doctest::Approx(expected));
    CHECK(poor.total.possible == doctest::Approx(100.0 * static_cast<double>(exercise.questions.size())));
    CHECK(poor.best == 0);
    for (const auto& d : poor.decisions) {
        CHECK_FALSE(d.isBest());
        CHECK(d.best == best(*exercise.findQuestion(d.decision)).id);
    }

    // Half way through: the decisions not made score nothing, and the path shows where it stopped.
    auto half = path(exercise, best);
    for (std::size_t i = exercise.questions.size() / 2; i < exercise.questions.size(); ++i) half.erase(exercise.questions[i].id);
    const RunScore partial = scoreRun(exercise, half);
    CHECK(partial.decided == static_cast<int>(exercise.questions.size() / 2));
    CHECK_FALSE(partial.decisions.back().chosen);
    CHECK(partial.total.percent() < 100);
    // The first objective's decisions all come first in this exercise and are all best.
    CHECK(partial.objectives.at(1).percent() == doctest::Approx(100));
}

TEST_CASE("the session's aggregate counts the choices of every decision and finds the most common wrong one") {
    const auto& exercise = ransomware();
    const auto& first = exercise.questions.front();
    auto wrongPath = path(exercise, best);
    wrongPath[first.id] = worst(first).id;
    const std::vector<Run> runs{run("a", Phase::Pre, true, path(exercise, best)), run("b", Phase::Pre, true, wrongPath),
                                run("c", Phase::Pre, true, wrongPath), run("d", Phase::Pre, false, {{first.id, best(first).id}}),
                                run("a", Phase::Post, true, path(exercise, worst))};
    const ExerciseAggregate pre = aggregate(exercise, runs, Phase::Pre);
    CHECK(pre.completed == 3);
    CHECK(pre.inProgress == 1);
    const auto& d = pre.decisions.front();
    CHECK(d.decided == 4);
    for (const auto& c : d.choices) {
        if (c.option == best(first).id) CHECK(c.count == 2);
        else if (c.option == worst(first).id) CHECK(c.count == 2);
        else CHECK(c.count == 0);
    }
    REQUIRE(d.commonestWrong);
    CHECK(*d.commonestWrong == worst(first).id);
    CHECK_FALSE(pre.decisions[1].commonestWrong);  // everyone chose the best at decision 2

    // Scores of the completed runs only: one perfect, two that lost one decision's points.
    const double lost = 100 * (100 - worst(first).score.value_or(0)) / (100.0 * static_cast<double>(exercise.questions.size()));
    CHECK(pre.total.runs == 3);
    CHECK(pre.total.mean == doctest::Approx(100 - 2 * lost / 3));
    CHECK(pre.total.deviation == doctest::Approx(lost * std::sqrt(2.0) / 3));
    CHECK(pre.objectives.at(2).mean == doctest::Approx(100));
    CHECK(pre.objectives.at(1).mean < 100);

    // The post phase is aggregated apart.
    const ExerciseAggregate post = aggregate(exercise, runs, Phase::Post);
    CHECK(post.completed == 1);
    CHECK(post.total.mean < pre.total.mean);
}

TEST_CASE("pre and post runs of the same participant code give the change per objective, per participant and on average") {
    const auto& exercise = ransomware();
    const std::vector<Run> runs{run("kaito", Phase::Pre, true, path(exercise, worst)), run("mika", Phase::Pre, true, path(exercise, worst)),
                                run("solo", Phase::Pre, true, path(exercise, worst)),   // no post run: not paired
                                run("kaito", Phase::Post, true, path(exercise, best)),
                                run("mika", Phase::Post, false, path(exercise, best)),  // unfinished: not paired
                                run("late", Phase::Post, true, path(exercise, best))};  // no pre run: not paired
    const PrePost change = prePost(exercise, runs);
    REQUIRE(change.participants.size() == 1);
    const auto& kaito = change.participants.front();
    CHECK(kaito.participantCode == "kaito");
    CHECK(kaito.after == doctest::Approx(100));
    CHECK(kaito.change() == doctest::Approx(100 - kaito.before));
    const RunScore before = scoreRun(exercise, path(exercise, worst));
    for (const auto& [objective, delta] : kaito.objectives) CHECK(delta == doctest::Approx(100 - before.objectives.at(objective).percent()));
    CHECK(change.meanTotalChange == doctest::Approx(kaito.change()));
    CHECK(change.before.runs == 1);
    CHECK(change.meanChange.size() == exercise.objectives.size());
}

TEST_CASE("a workshop session is created with a code, joined once per nickname, and its runs read back with their decisions") {
    test::TempDir dir;
    auto db = store::Database::open((dir / "kiosk.db").string());
    REQUIRE(db);
    store::AuditLog audit(*db);
    audit.setActor(store::Role::Trainer);
    store::WorkshopStore workshops(*db, &audit);

    CHECK(workshops.create({"  ", {"ransomware_night"}}).error() == "a workshop session needs a name");
    CHECK(workshops.create({"研修", {}}).error() == "a workshop session needs at least one exercise");
    CHECK(workshops.create({"研修", {"vpn_advisory", "vpn_advisory"}}).error() ==
          "exercise 'vpn_advisory' is named twice; a session runs each exercise once");
    CHECK_FALSE(workshops.create({"研修\n二行", {"vpn_advisory"}}));

    auto session = workshops.create({"夜間対応研修", {"ransomware_night", "vpn_advisory"}, Mode::Team, Explanations::AtEnd});
    REQUIRE_MESSAGE(session, (session ? "" : session.error()));
    CHECK(session->code.size() == store::kSessionCodeLength);
    CHECK(session->code.find_first_of("01ILO") == std::string::npos);
    CHECK(session->mode == Mode::Team);
    std::string lower = session->code;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto found = workshops.find(" " + lower);
    REQUIRE(found);
    REQUIRE(*found);
    CHECK((*found)->uuid == session->uuid);
    CHECK((*found)->exercises == std::vector<std::string>{"ransomware_night", "vpn_advisory"});

    // One participant per nickname: the same nickname after the workshop is the same participant.
    auto sakura = workshops.join(session->code, " さくら ");
    REQUIRE_MESSAGE(sakura, (sakura ? "" : sakura.error()));
    CHECK(sakura->code == "さくら");
    CHECK_FALSE(sakura->consentedAt.empty());
    auto again = workshops.join(session->uuid, "さくら");
    REQUIRE(again);
    CHECK(again->uuid == sakura->uuid);
    CHECK(workshops.join(session->uuid, "").error() == "a participant needs a nickname or a code");

    // Runs are assessments of the session's exercises, saved decision by decision.
    store::AssessmentStore assessments(*db);
    assessment::AssessmentService service(assessments, catalog(), &audit);
    const auto& exercise = ransomware();
    auto active = service.start(exercise, Lang::Ja);
    REQUIRE(active);
    REQUIRE(service.answer(*active, exercise.questions[0].id, assessment::Answer::option(best(exercise.questions[0]).id)));
    REQUIRE(workshops.addRun(sakura->uuid, exercise.id, Phase::Pre, active->uuid));
    REQUIRE(service.answer(*active, exercise.questions[1].id, assessment::Answer::option(worst(exercise.questions[1]).id)));
    CHECK(workshops.addRun(sakura->uuid, "practice", Phase::Pre, active->uuid).error().find("is not one of session") != std::string::npos);
    auto runs = workshops.runs(session->code);
    REQUIRE_MESSAGE(runs, (runs ? "" : runs.error()));
    REQUIRE(runs->size() == 1);
    CHECK(runs->front().participantCode == "さくら");
    CHECK_FALSE(runs->front().completed);
    CHECK(runs->front().choices == std::map<std::string, std::string>{{exercise.questions[0].id, best(exercise.questions[0]).id},
                                                                       {exercise.questions[1].id, worst(exercise.questions[1]).id}});

    // After the teaching the trainer switches the phase: runs begun now are post runs.
    CHECK(session->phase == Phase::Pre);
    REQUIRE(workshops.setPhase(session->code, Phase::Post));
    REQUIRE(workshops.setPhase(session->code, Phase::Post));  // already so: nothing recorded
    CHECK((*workshops.find(session->uuid))->phase == Phase::Post);

    // Closed: no new participant; the improvement items are kept.
    REQUIRE(workshops.close(session->uuid, "連絡網を紙で配る\n夜間の呼び出し基準を決める"));
    CHECK(workshops.join(session->uuid, "ひかる").error().find("is closed") != std::string::npos);
    auto closed = workshops.find(session->uuid);
    REQUIRE(closed);
    CHECK((*closed)->closedAt);
    CHECK((*closed)->improvements == "連絡網を紙で配る\n夜間の呼び出し基準を決める");
    CHECK_FALSE(workshops.close(session->uuid, ""));

    // Audited, with the nickname only as its hash.
    auto rows = audit.list({});
    REQUIRE(rows);
    std::vector<std::string> events;
    for (const auto& r : *rows)
        if (r.event.event.rfind("workshop.", 0) == 0) events.push_back(r.event.event);
    CHECK(events == std::vector<std::string>{"workshop.session_created", "workshop.joined", "workshop.run_started", "workshop.phase_changed",
                                             "workshop.session_closed"});
    for (const auto& r : *rows) CHECK(r.event.details.find("さくら") == std::string::npos);
}

namespace {

// One kiosk of a workshop: its database, audit log and services.
struct Kiosk {
    test::TempDir dir;
    store::Database db;
    store::AuditLog audit{db};
    store::WorkshopStore workshops{db, &audit};
    store::AssessmentStore assessments{db};
    assessment::AssessmentService service{assessments, catalog(), &audit};

    Kiosk() : db(open(dir)) { audit.setActor(store::Role::Trainer); }
    static store::Database open(const test::TempDir& dir) {
        auto opened = store::Database::open((dir / "kiosk.db").string());
        REQUIRE_MESSAGE(opened, (opened ? "" : opened.error()));
        return std::move(*opened);
    }

    // A participant's whole run of the ransomware exercise along `choices`, finished.
    void run(const std::string& session, const std::string& nickname, Phase phase, const std::map<std::string, std::string>& choices) {
        auto participant = workshops.join(session, nickname);
        REQUIRE_MESSAGE(participant, (participant ? "" : participant.error()));
        const auto& exercise = ransomware();
        auto active = service.start(exercise, Lang::Ja);
        REQUIRE(active);
        for (const auto& q : exercise.questions) {
            REQUIRE(service.answer(*active, q.id, assessment::Answer::option(choices.at(q.id))));
            if (&q == &exercise.questions.front()) REQUIRE(workshops.addRun(participant->uuid, exercise.id, phase, active->uuid));
        }
        REQUIRE(service.complete(*active));
    }

    std::string file(const std::string& session) {
        auto text = sessionFile(db, session);
        REQUIRE_MESSAGE(text, (text ? "" : text.error()));
        return *text;
    }

    std::string dump() {
        std::string out;
        for (const char* table : {"workshop_sessions", "workshop_exercises", "workshop_participants", "workshop_runs", "assessments",
                                  "answers", "answer_versions", "audit_log"}) {
            store::Statement s(db, std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
            for (;;) {
                auto row = s.step();
                REQUIRE(row);
                if (!*row) break;
                for (int c = 0; c < 9; ++c) out += s.text(c) + "|";
                out += "\n";
            }
        }
        return out;
    }
};

}  // namespace

TEST_CASE("a session run on two kiosks merges into one aggregate, and merging the same file twice changes nothing") {
    Kiosk trainer, second;
    auto session = trainer.workshops.create({"夜間対応研修", {"ransomware_night"}});
    REQUIRE(session);
    // The other kiosk takes the session from the trainer's file: the same session and code.
    auto taken = mergeSessionFile(second.db, &second.audit, trainer.file(session->uuid));
    REQUIRE_MESSAGE(taken, (taken ? "" : taken.error()));
    CHECK(taken->sessionAdded);
    auto there = second.workshops.find(session->code);
    REQUIRE(there);
    REQUIRE(*there);
    CHECK((*there)->uuid == session->uuid);

    const auto& exercise = ransomware();
    trainer.run(session->uuid, "さくら", Phase::Pre, path(exercise, worst));
    second.run(session->uuid, "さくら", Phase::Post, path(exercise, best));  // after the workshop, at the other kiosk
    second.run(session->uuid, "ひな", Phase::Pre, path(exercise, best));

    const std::string fromSecond = second.file(session->code);
    auto merged = mergeSessionFile(trainer.db, &trainer.audit, fromSecond);
    REQUIRE_MESSAGE(merged, (merged ? "" : merged.error()));
    CHECK_FALSE(merged->sessionAdded);
    CHECK(merged->participantsAdded == 1);  // ひな; さくら is the same participant on both
    CHECK(merged->runsAdded == 2);
    CHECK(merged->assessmentsAdded == 2);

    auto runs = trainer.workshops.runs(session->uuid);
    REQUIRE(runs);
    CHECK(runs->size() == 3);
    const auto pre = aggregate(exercise, *runs, Phase::Pre);
    CHECK(pre.completed == 2);
    const auto change = prePost(exercise, *runs);
    REQUIRE(change.participants.size() == 1);
    CHECK(change.participants.front().participantCode == "さくら");
    CHECK(change.participants.front().after == doctest::Approx(100));

    // The same file again, and the trainer's own file merged into itself: nothing changes.
    const std::string before = trainer.dump();
    auto twice = mergeSessionFile(trainer.db, &trainer.audit, fromSecond);
    REQUIRE(twice);
    CHECK_FALSE(twice->changed());
    auto own = mergeSessionFile(trainer.db, &trainer.audit, trainer.file(session->uuid));
    REQUIRE(own);
    CHECK_FALSE(own->changed());
    CHECK(trainer.dump() == before);
}

TEST_CASE("a session file with anything wrong is refused, naming the first bad record, and changes nothing") {
    Kiosk k, other;
    auto session = other.workshops.create({"研修", {"ransomware_night"}});
    REQUIRE(session);
    other.run(session->uuid, "さくら", Phase::Pre, path(ransomware(), best));
    const auto good = nlohmann::json::parse(other.file(session->uuid));
    const std::string before = k.dump();
    auto refused = [&](auto change, const std::string& says) {
        auto doc = good;
        change(doc);
        auto merged = mergeSessionFile(k.db, &k.audit, doc.dump());
        REQUIRE_FALSE(merged);
        CHECK_MESSAGE(merged.error().find(says) != std::string::npos, merged.error());
        CHECK(k.dump() == before);
    };
    // A file cut short, and one of a kiosk export (not a session file).
    const std::string whole = good.dump();
    for (const auto& [text, says] : {std::pair{whole.substr(0, whole.size() / 3), std::string("JSON")},
                                     std::pair{std::string("{\"schema_version\": 1}"), std::string("is not a field of a workshop session file")}}) {
        auto merged = mergeSessionFile(k.db, &k.audit, text);
        REQUIRE_FALSE(merged);
        CHECK_MESSAGE(merged.error().find(says) != std::string::npos, merged.error());
        CHECK(k.dump() == before);
    }
    refused([](auto& d) { d["kind"] = "something else"; }, "kind: this is not a workshop session file");
    refused([](auto& d) { d["version"] = 9; }, "version: not a version this kiosk reads");
    refused([](auto& d) { d["runs"][0]["phase"] = "during"; }, "runs[0].phase: expected pre or post");
    refused([](auto& d) { d["runs"][0]["participant"] = "00000000-0000-4000-8000-000000000000"; }, "runs[0].participant: ");
    refused([](auto& d) { d["runs"][0]["exercise"] = "vpn_advisory"; }, "runs[0].exercise: 'vpn_advisory' is not one of the session's");
    refused([](auto& d) { d["participants"][0]["code"] = "a\nb"; }, "participants[0].code: it holds a control character");
    refused([](auto& d) { d["session"]["uuid"] = "x"; }, "session.uuid: expected a UUID");
    refused([](auto& d) { d["assessments"]["assessments"][0]["answers"][0]["value"] = "perhaps"; }, "assessments.assessments[0].answers[0]");
    refused([](auto& d) { d["surprise"] = 1; }, "surprise: is not a field");

    // A session of this kiosk with the same code is another session: refused.
    auto mine = k.workshops.create({"別の研修", {"ransomware_night"}});
    REQUIRE(mine);
    auto doc = good;
    doc["session"]["code"] = mine->code;
    auto clash = mergeSessionFile(k.db, &k.audit, doc.dump());
    REQUIRE_FALSE(clash);
    CHECK(clash.error().find("is the code of another session here") != std::string::npos);
}

TEST_CASE("the after-action report shows what the group chose and where it went wrong, escaped, as HTML and as a PDF others can read") {
    Kiosk k;
    auto session = k.workshops.create({"夜間対応研修", {"ransomware_night"}});
    REQUIRE(session);
    const auto& exercise = ransomware();
    auto wrongFirst = path(exercise, best);
    wrongFirst[exercise.questions.front().id] = worst(exercise.questions.front()).id;
    k.run(session->uuid, "さくら", Phase::Pre, wrongFirst);
    k.run(session->uuid, "\"><img src=x onerror=alert(1)>", Phase::Pre, wrongFirst);
    k.run(session->uuid, "さくら", Phase::Post, path(exercise, best));
    REQUIRE(k.workshops.close(session->uuid, "夜間の連絡網を紙で配る\n<script>alert(1)</script>"));
    const auto closed = k.workshops.find(session->uuid).value().value();
    auto runs = k.workshops.runs(session->uuid);
    REQUIRE(runs);
    const auto outline = afterActionOutline(closed, *runs, catalog(), Lang::Ja, "2026-11-27");

    auto html = exporting::htmlDocument(outline);
    REQUIRE_MESSAGE(html, (html ? "" : html.error()));
    CHECK(html->find(exercise.questions.front().text.ja) != std::string::npos);
    CHECK(html->find(worst(exercise.questions.front()).label.ja) != std::string::npos);  // the most common wrong choice, named
    CHECK(html->find("最も多かった誤り") != std::string::npos);
    CHECK(html->find("夜間の連絡網を紙で配る") != std::string::npos);
    CHECK(html->find("<script>alert") == std::string::npos);
    CHECK(html->find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html->find("<img src=x") == std::string::npos);
    CHECK(html->find("研修の前と後") != std::string::npos);
    const auto english = exporting::htmlDocument(afterActionOutline(closed, *runs, catalog(), Lang::En, "2026-11-27"));
    REQUIRE(english);
    CHECK(english->find("Most common wrong choice") != std::string::npos);
    CHECK(english->find(exercise.questions.front().text.en) != std::string::npos);

    auto pdf = exporting::pdfDocument(outline, "2026-11-27T05:00:00.000Z");
    REQUIRE_MESSAGE(pdf, (pdf ? "" : pdf.error()));
    CHECK(pdf->rfind("%PDF-", 0) == 0);
    CHECK(pdf->find("NotoSansCJKjp") != std::string::npos);
    // Read back by poppler's pdftotext, a reader that is not ours, when the machine has it.
    if (std::filesystem::exists("/usr/bin/pdftotext")) {
        test::TempDir dir;
        test::writeFile(dir / "report.pdf", *pdf);
        const std::string command = "/usr/bin/pdftotext -enc UTF-8 " + (dir / "report.pdf").string() + " " + (dir / "report.txt").string();
        REQUIRE(std::system(command.c_str()) == 0);
        const std::string text = test::readFile(dir / "report.txt");
        CHECK(text.find("事後検討報告書") != std::string::npos);
        CHECK(text.find("夜間の連絡網を紙で配る") != std::string::npos);
    }
}
