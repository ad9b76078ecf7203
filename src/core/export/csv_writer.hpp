// The CSV export: three tables of a report, each written as a file of its own (see
// export_service.hpp for their names). Every file is UTF-8 with a byte-order mark (so that
// Japanese Excel opens it correctly), quoted as Excel and RFC 4180 do, with CRLF line ends, and
// every cell that a spreadsheet would take for a formula neutralised (skills::neutraliseCell).
// Headers and labels are in the report's language; ids, values as stored and times (UTC, as
// stored) are the same in both.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "export/report.hpp"

namespace kiosk::exporting {

using CsvTable = std::vector<std::vector<std::string>>;  // the header row first

// One row per current answer: assessment, facility, questionnaire, its title and version, status,
// completed at, item, question, domain and its name, answer (as stored), answer as shown,
// skipped, score (from the stored result; empty when not scored), answered at.
CsvTable answersTable(const Report& report);

// One row per scored assessment: assessment, facility, questionnaire, version, completed at,
// computed at, profile, decision (id and name), expected and achieved tier (id and name), overall,
// number of gaps, then one column per domain score (every domain of any exported result, in the
// order they first appear; empty for a result without it).
CsvTable resultsTable(const Report& report);

// One row per gap of every scored assessment, in the result's order of priority, with its
// improvement plan when one is set: assessment, facility, completed at, priority, item, action,
// domain, critical, owner, target date, status, note, updated at.
CsvTable planTable(const Report& report);

// The bytes of a CSV file of one table.
std::string csvBytes(const CsvTable& table);

}  // namespace kiosk::exporting
