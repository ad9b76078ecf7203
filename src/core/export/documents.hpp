// The report as documents for people and their programs: a self-contained HTML page, a PDF on A4,
// and an XLSX workbook. Each is a pure function of the report model (export/report.hpp) and
// returns the file's bytes; writing them to disk (temporary file, fsync, rename) is the caller's.
#pragma once

#include <string>

#include "export/report.hpp"
#include "util/result.hpp"

namespace kiosk::exporting {

// One HTML file in the report's language: inline CSS, the radar chart as inline SVG, no scripts
// and no external resources (a Content-Security-Policy forbids both), printable on A4. Every
// text from the report is escaped (& < > " ').
Result<std::string> htmlReport(const Report& report);

// The same report as a PDF on A4 (595 × 842 pt), set in Noto Sans CJK JP (embedded), with the
// facility, the date and "n / N" on every page, the radar chart as vectors, and a block for the
// auditor's name, date and signature at the end. A page break never cuts a line of text.
Result<std::string> pdfReport(const Report& report);

// The report as an XLSX workbook with the sheets Summary, Answers, Gaps and plan, Skill matrix
// (only when the report carries the matrix) and Audit; the sheet names stay English in both
// languages, so that programs can find them, and the headers and content follow the report's
// language. Each sheet has a frozen header row and an autofilter; dates and times are Excel dates
// (times in the machine's local time; the Audit sheet also keeps each stored UTC time as text).
// Every text cell goes through skills::neutraliseCell, so that none can become a formula.
Result<std::string> xlsxDocument(const Report& report);

}  // namespace kiosk::exporting
