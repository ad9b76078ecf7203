// RFC 4180 CSV reading and writing.
#include "skills/csv.hpp"

#include <fmt/format.h>

#include <charconv>

#include "skills/model.hpp"
#include "util/utf8.hpp"

namespace kiosk::skills {

Result<std::vector<CsvRow>> parseCsv(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (auto bad = utf8::firstInvalid(text))
        return Error{fmt::format("line {}: the file is not UTF-8 (it may have been saved as Shift_JIS); save it as "
                                 "\"CSV UTF-8\" and import again",
                                 bad->line)};
    std::vector<CsvRow> rows;
    CsvRow row{1, {}};
    std::string field;
    int line = 1;
    bool quoted = false;       // inside a quoted field
    bool wasQuoted = false;    // the current field was quoted (only a separator may follow)
    int quoteLine = 0;
    const auto endField = [&] {
        row.fields.push_back(std::move(field));
        field.clear();
        wasQuoted = false;
    };
    const auto endRow = [&] {
        endField();
        // A blank line is not a row.
        if (!(row.fields.size() == 1 && row.fields[0].empty())) rows.push_back(std::move(row));
        row = CsvRow{line + 1, {}};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                    wasQuoted = true;
                }
            } else {
                if (c == '\n') ++line;
                field.push_back(c);
            }
            continue;
        }
        if (c == ',') {
            endField();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            endRow();
            ++line;
        } else if (c == '"') {
            if (!field.empty() || wasQuoted)
                return Error{fmt::format("line {}, field {}: a quote inside an unquoted field; put the whole field in quotes and "
                                         "double the inner quote (\"\")",
                                         line, row.fields.size() + 1)};
            quoted = true;
            quoteLine = line;
        } else {
            if (wasQuoted)
                return Error{fmt::format("line {}, field {}: text after the closing quote; a quoted field must end at a comma or "
                                         "the end of the line",
                                         line, row.fields.size() + 1)};
            field.push_back(c);
        }
    }
    if (quoted)
        return Error{fmt::format("line {}: a quoted field is never closed (it runs on to the end of the file at line {}); close the "
                                 "quote or remove it",
                                 quoteLine, line)};
    if (!field.empty() || !row.fields.empty() || wasQuoted) endRow();
    return rows;
}

namespace {

constexpr std::string_view kFormulaStarts = "=+-@\t\r";

}  // namespace

std::string neutraliseCell(std::string_view cell) {
    if (!cell.empty() && (kFormulaStarts.find(cell.front()) != std::string_view::npos || cell.front() == '\''))
        return "'" + std::string(cell);
    return std::string(cell);
}

std::string restoreCell(std::string_view cell) {
    if (cell.size() >= 2 && cell[0] == '\'' && (kFormulaStarts.find(cell[1]) != std::string_view::npos || cell[1] == '\''))
        cell.remove_prefix(1);
    return std::string(cell);
}

void appendCsvCell(std::string& out, std::string_view cell) {
    const bool formula = !cell.empty() && (kFormulaStarts.find(cell.front()) != std::string_view::npos || cell.front() == '\'');
    bool quoted = false;
    for (const char c : cell)
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            quoted = true;
            break;
        }
    if (quoted) out += '"';
    if (formula) out += '\'';
    if (!quoted) {
        out += cell;
    } else {
        for (char c : cell) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
    }
}

std::string writeCsv(const std::vector<std::vector<std::string>>& rows) {
    std::string out = "\xEF\xBB\xBF";
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i) out += ',';
            appendCsvCell(out, row[i]);
        }
        out += "\r\n";
    }
    return out;
}

std::optional<bool> parseYesNoCell(std::string_view s) {
    if (s == "yes" || s == "Yes" || s == "1" || s == "true" || s == "はい" || s == "可") return true;
    if (s == "no" || s == "No" || s == "0" || s == "false" || s == "いいえ" || s == "不可") return false;
    return std::nullopt;
}

std::optional<int> parseIntCell(std::string_view s) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::vector<std::string> splitListCell(std::string_view cell) {
    std::vector<std::string> out;
    std::string current;
    const auto flush = [&] {
        auto item = trimPersonText(current);
        if (!item.empty()) out.push_back(std::move(item));
        current.clear();
    };
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] == ';') {
            flush();
        } else if (cell.substr(i, 3) == "；") {
            flush();
            i += 2;
        } else {
            current += cell[i];
        }
    }
    flush();
    return out;
}

std::string joinListCell(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ";") + i;
    return out;
}

}  // namespace kiosk::skills
