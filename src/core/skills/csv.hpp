// CSV as Excel writes and reads it: UTF-8 with or without a byte-order mark, fields quoted with
// double quotes when they hold commas, quotes or line breaks, "" for a quote inside a field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace kiosk::skills {

struct CsvRow {
    int line = 0;  // line of the file where the row starts (1-based)
    std::vector<std::string> fields;
};

// Every problem names its line (and column where it can). Invalid UTF-8 is refused, with a hint
// that Excel may have saved the file as Shift_JIS.
Result<std::vector<CsvRow>> parseCsv(std::string_view text);

// Rows to CSV with a byte-order mark (so Excel opens Japanese correctly) and CRLF line ends.
// Every cell is made safe for spreadsheets: see neutraliseCell.
std::string writeCsv(const std::vector<std::vector<std::string>>& rows);

// One cell as writeCsv writes it (neutralised, quoted when it must be), appended to `out`; for
// writers that stream rows. The byte-order mark, commas and line ends are the caller's.
void appendCsvCell(std::string& out, std::string_view cell);

// A spreadsheet evaluates a cell that starts with = + - @ TAB or CR as a formula (OWASP's CSV
// injection guidance). Such a cell is written with a leading apostrophe, which spreadsheets show
// as text; a cell that already starts with an apostrophe gets one more, so that restoreCell can
// undo exactly what was added.
std::string neutraliseCell(std::string_view cell);
// The inverse, for importers: drops the apostrophe that neutraliseCell added.
std::string restoreCell(std::string_view cell);

// Cells of the lists people keep in Excel, read the same way for every list.
// Yes or no: yes/Yes/はい/可/1/true or no/No/いいえ/不可/0/false; nothing for anything else.
std::optional<bool> parseYesNoCell(std::string_view cell);
// A whole number and nothing else.
std::optional<int> parseIntCell(std::string_view cell);
// A list in one cell, split at ";" or the full-width "；", each item trimmed, empty items dropped;
// joined back with ";".
std::vector<std::string> splitListCell(std::string_view cell);
std::string joinListCell(const std::vector<std::string>& items);

}  // namespace kiosk::skills
