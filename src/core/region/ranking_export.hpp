// The region's ranking for programs and offices: CSV (UTF-8 with BOM, Excel quoting, cells
// neutralised) and XLSX (libxlsxwriter: a frozen header row, an autofilter, widths for Japanese),
// one row per facility in order of need, headers in the chosen language.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "region/store.hpp"
#include "util/result.hpp"
#include "util/text.hpp"

namespace kiosk::region {

std::string rankingCsv(const std::vector<RankedFacility>& ranked, Lang lang);
Result<std::string> rankingXlsx(const std::vector<RankedFacility>& ranked, Lang lang);

// Writes the ranking to `path` (.csv or .xlsx by its ending) through a temporary file; an existing
// file is replaced only with `replace`, and an empty ranking writes nothing. The screen and the CLI
// both write with it.
Status writeRanking(const std::vector<RankedFacility>& ranked, const std::filesystem::path& path, Lang lang, bool replace);

}  // namespace kiosk::region
