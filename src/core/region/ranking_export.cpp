// Writing the region's ranking as CSV and XLSX.
#include "region/ranking_export.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <limits>

#include "skills/csv.hpp"
#include "util/file.hpp"

namespace kiosk::region {
namespace {

struct Column {
    LocalizedText header;
    double width;  // in characters, a Japanese one counting two
};

const std::vector<Column>& columns() {
    static const std::vector<Column> list{
        {{"順位", "Rank"}, 6},           {{"施設", "Facility"}, 30},
        {{"施設の識別子", "Facility id"}, 38}, {{"都道府県", "Prefecture"}, 10},
        {{"種類", "Kind"}, 16},          {{"病床数", "Beds"}, 8},
        {{"判断", "Decision"}, 14},      {{"欠かせない対策の不足", "Essential gaps"}, 20},
        {{"総合点", "Overall"}, 8},      {{"最後の評価", "Last assessed"}, 22},
        {{"両方がわかる人", "People who understand both"}, 16},
        {{"一人だけが担うスキル", "Skills one person alone holds"}, 20},
        {{"結果の数", "Results"}, 10}};
    return list;
}

std::vector<std::string> cells(const RankedFacility& f) {
    return {std::to_string(f.rank),
            f.name,
            f.uuid,
            f.prefecture,
            f.kind,
            f.beds ? std::to_string(*f.beds) : std::string(),
            f.decision,
            std::to_string(f.essentialGaps),
            fmt::format("{:.1f}", f.overall),
            f.lastAssessed,
            std::to_string(f.staffBoth),
            std::to_string(f.singlePersonSkills),
            std::to_string(f.results)};
}

}  // namespace

std::string rankingCsv(const std::vector<RankedFacility>& ranked, Lang lang) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header;
    for (const auto& c : columns()) header.push_back(c.header.get(lang));
    rows.push_back(std::move(header));
    for (const auto& f : ranked) rows.push_back(cells(f));
    return skills::writeCsv(rows);
}

Result<std::string> rankingXlsx(const std::vector<RankedFacility>& ranked, Lang lang) {
    PrivateTempFile file;
    if (auto s = file.create("medsec-kiosk-ranking"); !s) return Error{"XLSX: " + s.error()};
    lxw_workbook* wb = workbook_new(file.path().c_str());
    if (!wb) return Error{"XLSX: could not start a workbook"};
    lxw_worksheet* sheet = workbook_add_worksheet(wb, "Ranking");
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    const auto& cols = columns();
    for (std::size_t c = 0; c < cols.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        worksheet_set_column(sheet, col, col, cols[c].width, nullptr);
        worksheet_write_string(sheet, 0, col, cols[c].header.get(lang).c_str(), bold);
    }
    lxw_row_t row = 1;
    for (const auto& f : ranked) {
        const auto values = cells(f);
        for (std::size_t c = 0; c < values.size(); ++c) {
            const auto col = static_cast<lxw_col_t>(c);
            // Numbers as numbers; texts neutralised as in the CSV, so that no cell is a formula.
            const bool number = c == 0 || c == 5 || c == 7 || c == 8 || c == 10 || c == 11 || c == 12;
            if (number && !values[c].empty()) worksheet_write_number(sheet, row, col, std::stod(values[c]), nullptr);
            else if (!values[c].empty()) worksheet_write_string(sheet, row, col, skills::neutraliseCell(values[c]).c_str(), nullptr);
        }
        ++row;
    }
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_autofilter(sheet, 0, 0, row > 1 ? row - 1 : 1, static_cast<lxw_col_t>(cols.size() - 1));
    if (const lxw_error closed = workbook_close(wb); closed != LXW_NO_ERROR)
        return Error{fmt::format("XLSX: could not write the workbook: {}", lxw_strerror(closed))};
    auto bytes = readFile(file.path(), std::numeric_limits<std::size_t>::max());
    if (!bytes) return Error{"XLSX: " + bytes.error()};
    return std::move(*bytes);
}

Status writeRanking(const std::vector<RankedFacility>& ranked, const std::filesystem::path& path, Lang lang, bool replace) {
    const bool xlsx = path.extension() == ".xlsx";
    if (!xlsx && path.extension() != ".csv") return Error{fmt::format("{}: give a file ending in .csv or .xlsx", path.string())};
    std::error_code ec;
    if (!replace && std::filesystem::exists(path, ec)) return Error{fmt::format("{} exists; give --force to replace it", path.string())};
    if (ranked.empty()) return Error{"no facility has been imported yet; nothing was written"};
    Result<std::string> bytes = xlsx ? rankingXlsx(ranked, lang) : Result<std::string>(rankingCsv(ranked, lang));
    if (!bytes) return Error{bytes.error()};
    return writeFileAtomically(path, *bytes);
}

}  // namespace kiosk::region
