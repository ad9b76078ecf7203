// The CSV export: three files, answers, results and plan (see export_service.hpp for their names),
// read straight from the database a row at a time and written as they are read, so that an export
// of thousands of assessments neither parses a stored result (it reads the index that migration 7
// keeps beside each one) nor holds the export in memory. Every file is UTF-8 with a byte-order
// mark (so that Japanese Excel opens it correctly), quoted as Excel and RFC 4180 do, with CRLF
// line ends, and every cell that a spreadsheet would take for a formula neutralised
// (skills::appendCsvCell). Headers and labels are in the request's language; ids, values as
// stored and times (UTC, as stored) are the same in both.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "export/report_builder.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::exporting {

// Where the bytes of one file go, in pieces.
using ByteSink = std::function<void(std::string_view)>;

struct CsvSinks {
    // One row per current answer: assessment, facility, questionnaire, its title and version,
    // status, completed at, item, question, domain and its name, answer (as stored), answer as
    // shown, skipped, score (from the stored result; empty when not scored), answered at.
    ByteSink answers;
    // One row per scored assessment: assessment, facility, questionnaire, version, completed at,
    // computed at, profile, decision (id and name), expected and achieved tier (id and name),
    // overall, number of gaps, then one column per domain score (every domain of any exported
    // result, in the order they first appear; empty for a result without it).
    ByteSink results;
    // One row per gap of every scored assessment, in the result's order of priority, with its
    // improvement plan when one is set: assessment, facility, completed at, priority, item, action,
    // domain, critical, owner, target date, status, note, updated at.
    ByteSink plan;
};

struct CsvRows {
    std::int64_t answers = 0, results = 0, plan = 0;  // rows of data, headers not counted
};

// Writes the three files of the assessments the request asks for (chosen as buildReport chooses
// them; refuses a request that finds none, before writing anything). Given `second`, a connection
// to the same database reading the same snapshot as `db` (store::readSameSnapshot), the results
// and plan files are written from it on another thread while the answers are written from `db`.
Result<CsvRows> writeCsv(store::Database& db, const ReportRequest& request, const ReportContext& context, const CsvSinks& sinks,
                         const ReportProgress& progress = {}, store::Database* second = nullptr);

}  // namespace kiosk::exporting
