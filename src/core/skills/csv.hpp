// CSV as Excel writes and reads it: UTF-8 with or without a byte-order mark, fields quoted with
// double quotes when they hold commas, quotes or line breaks, "" for a quote inside a field.
#pragma once

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
std::string writeCsv(const std::vector<std::vector<std::string>>& rows);

}  // namespace kiosk::skills
