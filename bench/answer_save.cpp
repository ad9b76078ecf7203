// Saving an answer as the kiosk does (AssessmentService::answer: the check, the answer row, its
// version and the audit row in one transaction) against the least a durable save can cost: a raw
// SQLite transaction of one row with the same pragmas (WAL, synchronous=FULL), in the same process,
// on the same file system, alternating one save of each. Prints p50 and p99 of each and the ratios
// (goal: 1.3 or less); with KIOSK_BENCH_TABLE set, adds the two rows to the bench table.
// Usage: kiosk_bench_answers [answers] [folder for the databases]
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <string>
#include <vector>

#include "assessment/service.hpp"
#include "questionnaire/loader.hpp"
#include "store/assessment_store.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "table_row.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

// A valid answer for any question the measures questionnaire asks; `flip` chooses another value,
// so that answering a question again changes it (and the audit log records the change).
assessment::Answer answerFor(const questionnaire::Question& q, bool flip) {
    using questionnaire::QuestionType;
    switch (q.type) {
    case QuestionType::SingleChoice:
    case QuestionType::YesNo:
        return assessment::Answer::option(q.options[flip && q.options.size() > 1 ? 1 : 0].id);
    case QuestionType::MultiChoice:
        return assessment::Answer::options({q.options[flip && q.options.size() > 1 ? 1 : 0].id});
    case QuestionType::Level:
        return assessment::Answer::value(flip ? 1 : 2);
    case QuestionType::Number:
        return assessment::Answer::value(flip ? q.min : q.max);
    case QuestionType::Date:
        return assessment::Answer::words(flip ? "2025-04-01" : "2026-04-01");
    case QuestionType::Text:
        return assessment::Answer::words(flip ? "いいえ" : "はい");
    }
    return assessment::Answer::skip();
}

// The raw baseline: one prepared INSERT, each in its own BEGIN IMMEDIATE … COMMIT.
class RawStore {
public:
    explicit RawStore(const std::string& path) {
        // Opened as the kiosk opens its connections: one thread at a time, no per-call mutex.
        if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
            return;
        exec("PRAGMA journal_mode = WAL");
        exec("PRAGMA synchronous = FULL");
        exec("CREATE TABLE IF NOT EXISTS answers (assessment TEXT NOT NULL, question TEXT NOT NULL, value TEXT, "
             "answered_at TEXT NOT NULL, PRIMARY KEY (assessment, question))");
        sqlite3_prepare_v2(m_db, "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)", -1, &m_insert, nullptr);
    }
    ~RawStore() {
        sqlite3_finalize(m_insert);
        sqlite3_close(m_db);
    }
    RawStore(const RawStore&) = delete;
    RawStore& operator=(const RawStore&) = delete;

    bool save(const std::string& question, const std::string& value) {
        if (!m_insert || !exec("BEGIN IMMEDIATE")) return false;
        sqlite3_bind_text(m_insert, 1, "00000000-0000-4000-8000-000000000001", -1, SQLITE_STATIC);
        sqlite3_bind_text(m_insert, 2, question.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(m_insert, 3, value.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(m_insert, 4, "2026-01-01T00:00:00.000Z", -1, SQLITE_STATIC);
        const bool ok = sqlite3_step(m_insert) == SQLITE_DONE;
        sqlite3_reset(m_insert);
        return exec(ok ? "COMMIT" : "ROLLBACK") && ok;
    }

private:
    bool exec(const char* sql) { return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_insert = nullptr;
};

}  // namespace

int main(int argc, char** argv) {
    const int count = argc > 1 ? std::max(10, std::atoi(argv[1])) : 1000;
    std::error_code ec;
    const fs::path folder = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / fmt::format("kiosk-bench-answers-{}", ::getpid());
    fs::create_directories(folder, ec);
    const fs::path root = KIOSK_SOURCE_DIR;

    const auto catalog = questionnaire::loadCatalog(root / "questionnaires");
    const auto* measures = catalog.find("security_measures");
    if (!measures) {
        fmt::print(stderr, "kiosk_bench_answers: the security-measures questionnaire did not load\n");
        return 1;
    }
    auto db = store::Database::open((folder / "kiosk.db").string());
    if (!db) {
        fmt::print(stderr, "kiosk_bench_answers: {}\n", db.error());
        return 1;
    }
    store::AuditLog audit(*db);
    store::AssessmentStore assessments(*db);
    assessment::AssessmentService service(assessments, catalog, &audit);
    RawStore raw((folder / "raw.db").string());

    std::vector<double> kioskMs, rawMs;
    auto active = service.start(*measures, Lang::Ja);
    if (!active) return 1;
    const auto& questions = measures->questions;
    for (int i = 0; i < count; ++i) {
        // Question after question, again and again, each round with the other value.
        const auto& q = questions[static_cast<std::size_t>(i) % questions.size()];
        const bool flip = (i / questions.size()) % 2 == 1;
        const auto answer = answerFor(q, flip);
        const std::string value = assessment::encodeAnswer(q, answer);

        auto start = Clock::now();
        if (auto s = service.answer(*active, q.id, answer); !s) {
            fmt::print(stderr, "kiosk_bench_answers: answer {} to {}: {}\n", i, q.id, s.error());
            return 1;
        }
        kioskMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());

        start = Clock::now();
        if (!raw.save(q.id, value)) {
            fmt::print(stderr, "kiosk_bench_answers: the raw insert failed\n");
            return 1;
        }
        rawMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    if (argc <= 2) fs::remove_all(folder, ec);

    const double k50 = percentile(kioskMs, 0.50), k99 = percentile(kioskMs, 0.99);
    const double r50 = percentile(rawMs, 0.50), r99 = percentile(rawMs, 0.99);
    fmt::print("answer save, {} answers alternating with {} raw one-row transactions (WAL, synchronous=FULL)\n", count, count);
    fmt::print("  p50: kiosk {:.3f} ms, raw SQLite {:.3f} ms, ratio {:.2f} (goal <= 1.3)\n", k50, r50, k50 / r50);
    fmt::print("  p99: kiosk {:.3f} ms, raw SQLite {:.3f} ms, ratio {:.2f} (goal <= 1.3)\n", k99, r99, k99 / r99);
    bench::addTableRow("answer save p50 (ms)", k50, r50, "ratio<=1.3");
    bench::addTableRow("answer save p99 (ms)", k99, r99, "ratio<=1.3");
    return 0;
}
