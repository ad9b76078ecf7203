// The region's ranking for programs and offices: CSV (UTF-8 with BOM, Excel quoting, cells
// neutralised) and XLSX (libxlsxwriter: a frozen header row, an autofilter, widths for Japanese),
// one row per facility in order of need, headers in the chosen language.
#pragma once

#include <string>
#include <vector>

#include "region/store.hpp"
#include "util/result.hpp"
#include "util/text.hpp"

namespace kiosk::region {

std::string rankingCsv(const std::vector<RankedFacility>& ranked, Lang lang);
Result<std::string> rankingXlsx(const std::vector<RankedFacility>& ranked, Lang lang);

}  // namespace kiosk::region
