// The XLSX workbook: Summary, Answers, Gaps and plan, Skill matrix (when the report carries it) and
// Audit, each a table with a frozen header row and an autofilter, columns as wide as their
// Japanese text, dates and times as Excel dates, and every text cell neutralised so that a
// spreadsheet never reads it as a formula. libxlsxwriter writes only to a file name, so the
// workbook goes to a private temporary file that is read back and removed on every path.
#include <unistd.h>
#include <xlsxwriter.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "export/documents.hpp"
#include "export/labels.hpp"
#include "export/report_outline.hpp"
#include "export/text_width.hpp"
#include "skills/csv.hpp"
#include "util/dates.hpp"
#include "util/file.hpp"
#include "util/time.hpp"

namespace kiosk::exporting {
namespace {

namespace L = labels;

// Excel's limit on the characters of one cell (libxlsxwriter counts bytes).
constexpr std::size_t kMaxCellBytes = 32767;
constexpr double kMinColumn = 6, kMaxColumn = 60;
constexpr double kDateColumn = 11, kTimeColumn = 17;

// A stored UTC timestamp in the machine's local time, as the other reports show it.
std::optional<lxw_datetime> localDateTime(const std::string& isoUtc) {
    const auto t = parseIsoUtc(isoUtc);
    if (!t) return std::nullopt;
    const auto since = t->time_since_epoch();
    const std::time_t secs = std::chrono::duration_cast<std::chrono::seconds>(since).count();
    const double millis = static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(since).count() % 1000);
    std::tm local{};
    if (!localtime_r(&secs, &local)) return std::nullopt;
    return lxw_datetime{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec + millis / 1000};
}

std::optional<double> plainNumber(const std::string& text) {
    double v = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end || text.empty() || !std::isfinite(v)) return std::nullopt;
    return v;
}

// The text cut to fit a cell, at a character boundary.
std::string fitCell(std::string text) {
    if (text.size() <= kMaxCellBytes) return text;
    std::size_t cut = kMaxCellBytes - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    return text + "…";
}

struct Formats {
    lxw_format* header = nullptr;
    lxw_format* text = nullptr;
    lxw_format* number = nullptr;
    lxw_format* date = nullptr;
    lxw_format* time = nullptr;
    lxw_format* label = nullptr;

    explicit Formats(lxw_workbook* wb) {
        header = workbook_add_format(wb);
        format_set_bold(header);
        format_set_bg_color(header, 0xEEF2FF);
        format_set_bottom(header, LXW_BORDER_THIN);
        format_set_text_wrap(header);
        format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
        text = workbook_add_format(wb);
        format_set_text_wrap(text);
        format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
        number = workbook_add_format(wb);
        format_set_align(number, LXW_ALIGN_VERTICAL_TOP);
        date = workbook_add_format(wb);
        format_set_num_format(date, "yyyy-mm-dd");
        format_set_align(date, LXW_ALIGN_VERTICAL_TOP);
        format_set_align(date, LXW_ALIGN_LEFT);
        time = workbook_add_format(wb);
        format_set_num_format(time, "yyyy-mm-dd hh:mm:ss");
        format_set_align(time, LXW_ALIGN_VERTICAL_TOP);
        format_set_align(time, LXW_ALIGN_LEFT);
        label = workbook_add_format(wb);
        format_set_bold(label);
    }
};

// One worksheet: a header row, then rows of cells; remembers the first error and how wide each
// column's text is.
class Sheet {
public:
    Sheet(lxw_workbook* wb, const char* name, const Formats& formats, const std::vector<std::string>& header)
        : m_sheet(workbook_add_worksheet(wb, name)), m_formats(formats), m_columns(header.size()) {
        if (!m_sheet) {
            m_error = fmt::format("could not add the sheet {}", name);
            return;
        }
        for (std::size_t c = 0; c < header.size(); ++c) cell(0, c, header[c], m_formats.header);
        m_row = 1;
    }

    lxw_row_t row() const { return m_row; }
    void nextRow() { ++m_row; }

    void text(std::size_t col, const std::string& value) { cell(m_row, col, value, m_formats.text); }
    void number(std::size_t col, double value) {
        if (!m_sheet) return;
        check(worksheet_write_number(m_sheet, m_row, static_cast<lxw_col_t>(col), value, m_formats.number));
        widen(col, static_cast<double>(fmt::format("{}", value).size()));
    }
    void optionalNumber(std::size_t col, std::optional<double> value) {
        if (value) number(col, *value);
    }
    // YYYY-MM-DD as a date; any other text as text.
    void date(std::size_t col, const std::string& ymd) {
        const auto d = dates::fromIso(ymd);
        if (!d) return text(col, ymd);
        if (!m_sheet) return;
        lxw_datetime when{d->year, d->month, d->day, 0, 0, 0};
        check(worksheet_write_datetime(m_sheet, m_row, static_cast<lxw_col_t>(col), &when, m_formats.date));
        widen(col, kDateColumn);
    }
    // A stored UTC timestamp as a local date and time; any other text as text.
    void time(std::size_t col, const std::string& isoUtc) {
        auto when = localDateTime(isoUtc);
        if (!when) return text(col, isoUtc);
        if (!m_sheet) return;
        check(worksheet_write_datetime(m_sheet, m_row, static_cast<lxw_col_t>(col), &*when, m_formats.time));
        widen(col, kTimeColumn);
    }
    // A value typed by a person: a date, a number, or text.
    void value(std::size_t col, const std::string& v) {
        if (dates::fromIso(v)) return date(col, v);
        if (auto n = plainNumber(v)) return number(col, *n);
        text(col, v);
    }

    // A note on a header cell, shown when the pointer rests on it.
    void headerNote(std::size_t col, const std::string& note) {
        const std::string safe = fitCell(validUtf8(note));
        if (m_sheet) check(worksheet_write_comment(m_sheet, 0, static_cast<lxw_col_t>(col), safe.c_str()));
    }

    // A line under the table, outside the filter: a bold label and its value, which leave the
    // table's column widths alone.
    void footnote(lxw_row_t row, const std::string& label, const std::string& value) {
        write(row, 0, label, m_formats.label);
        write(row, 1, value, nullptr);
    }

    // Freezes the header, filters the table and sets the widths; the first error, if any.
    Status finish() {
        if (!m_error.empty()) return Error{m_error};
        worksheet_freeze_panes(m_sheet, 1, 0);
        const lxw_col_t last = static_cast<lxw_col_t>(m_columns.empty() ? 0 : m_columns.size() - 1);
        check(worksheet_autofilter(m_sheet, 0, 0, m_row > 1 ? m_row - 1 : 1, last));
        for (std::size_t c = 0; c < m_columns.size(); ++c) {
            // Room for the filter button beside the header.
            const double width = std::clamp(m_columns[c] + 2, kMinColumn, kMaxColumn);
            check(worksheet_set_column(m_sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr));
        }
        if (!m_error.empty()) return Error{m_error};
        return {};
    }

private:
    // Every text goes through here: valid UTF-8, never read as a formula, within Excel's limit.
    std::string write(lxw_row_t row, std::size_t col, const std::string& value, lxw_format* format) {
        std::string safe = fitCell(skills::neutraliseCell(validUtf8(value)));
        if (m_sheet) check(worksheet_write_string(m_sheet, row, static_cast<lxw_col_t>(col), safe.c_str(), format));
        return safe;
    }

    void cell(lxw_row_t row, std::size_t col, const std::string& value, lxw_format* format) {
        const std::string safe = write(row, col, value, format);
        // The widest line, East Asian characters counted twice; headers get room for the filter button.
        double widest = 0;
        std::size_t start = 0;
        while (start <= safe.size()) {
            const auto end = std::min(safe.find('\n', start), safe.size());
            widest = std::max(widest, static_cast<double>(displayWidth(std::string_view(safe).substr(start, end - start))));
            start = end + 1;
        }
        widen(col, widest + (row == 0 ? 2 : 0));
    }

    void widen(std::size_t col, double width) {
        if (col < m_columns.size()) m_columns[col] = std::max(m_columns[col], width);
    }

    void check(lxw_error error) {
        if (error != LXW_NO_ERROR && m_error.empty())
            m_error = fmt::format("row {}: {}", m_row + 1, lxw_strerror(error));
    }

    lxw_worksheet* m_sheet;
    const Formats& m_formats;
    std::vector<double> m_columns;
    lxw_row_t m_row = 0;
    std::string m_error;
};

class Workbook {
public:
    Workbook(lxw_workbook* wb, const Report& report) : m_wb(wb), m_formats(wb), m_report(report), m_lang(report.lang) {}

    Status write() {
        if (auto s = summary(); !s) return s;
        if (auto s = answers(); !s) return s;
        if (auto s = plan(); !s) return s;
        if (m_report.matrix)
            if (auto s = matrix(*m_report.matrix); !s) return s;
        return audit();
    }

private:
    const std::string& t(const LocalizedText& text) const { return text.get(m_lang); }
    std::string title(const AssessmentReport& a) const {
        return t(a.questionnaireTitle).empty() ? a.record.questionnaireId : t(a.questionnaireTitle);
    }
    static Status named(const char* sheet, Status status) {
        if (status) return status;
        return Error{fmt::format("sheet {}: {}", sheet, status.error())};
    }

    Status summary() {
        Sheet s(m_wb, "Summary", m_formats,
                {t(L::kAssessment), t(L::kQuestionnaire), t(L::kKind), t(L::kItem), t(L::kValue), t(L::kTarget), t(L::kCitation)});
        const auto line = [&](const std::string& assessment, const std::string& questionnaire, const LocalizedText& kind,
                              const std::string& item) {
            s.text(0, assessment);
            s.text(1, questionnaire);
            s.text(2, t(kind));
            s.text(3, item);
        };
        line("", "", L::kExport, t(L::kFacility));
        s.text(4, m_report.facility.empty() ? t(L::kNoFacility) : m_report.facility);
        s.nextRow();
        line("", "", L::kExport, t(L::kExportedAt));
        s.time(4, m_report.exportedAt);
        s.nextRow();
        if (m_report.from || m_report.to) {
            line("", "", L::kExport, t(L::kPeriod));
            s.text(4, fmt::format("{} – {}", m_report.from.value_or(""), m_report.to.value_or("")));
            s.nextRow();
        }
        line("", "", L::kExport, t(L::kChainHead));
        s.text(4, m_report.chainHead);
        s.nextRow();
        line("", "", L::kExport, t(L::kAuditRows));
        s.number(4, static_cast<double>(m_report.auditRows));
        s.nextRow();

        for (const auto& a : m_report.assessments) {
            if (!a.result) continue;
            const auto& r = *a.result;
            const std::string q = title(a);
            const auto fact = [&](const LocalizedText& kind, const std::string& item, const std::string& value) {
                line(a.record.uuid, q, kind, item);
                s.text(4, value);
                s.nextRow();
            };
            const auto score = [&](const std::string& item, double value, std::optional<double> target) {
                line(a.record.uuid, q, L::kScore, item);
                s.number(4, std::round(value * 10) / 10);
                if (target) s.number(5, *target);
                s.nextRow();
            };
            fact(L::kDecision, t(L::kDecision), t(r.decisionName));
            fact(L::kDecision, t(L::kSummary), t(r.summary));
            fact(L::kDecision, t(L::kExpectedTier), t(r.expectedTierName));
            fact(L::kDecision, t(L::kAchievedTier), t(r.achievedTierName));
            score(t(L::kOverall), r.overall, std::nullopt);
            if (r.nextTierReadiness) score(t(L::kNextTier) + ": " + t(r.nextTierName), *r.nextTierReadiness, std::nullopt);
            for (const auto& d : r.domains) score(t(d.name), d.score, d.target);
            const auto reasons = [&](const LocalizedText& kind, const std::vector<scoring::Explanation>& why) {
                for (const auto& e : why) {
                    line(a.record.uuid, q, kind, e.rule);
                    s.text(4, t(e.text));
                    s.text(6, e.citation);
                    s.nextRow();
                }
            };
            reasons(L::kWhy, r.why);
            reasons(L::kWhyExpected, r.expectedWhy);
            reasons(L::kWhyAchieved, r.achievedWhy);
            for (const auto& route : r.routes) {
                line(a.record.uuid, q, L::kRoute, t(route.name));
                s.text(4, route.statusChecked.empty() ? t(route.statusName)
                                                      : fmt::format("{} ({} {})", t(route.statusName), t(L::kChecked), route.statusChecked));
                s.text(6, route.citation);
                s.nextRow();
            }
        }
        return named("Summary", s.finish());
    }

    Status answers() {
        Sheet s(m_wb, "Answers", m_formats,
                {t(L::kAssessment), t(L::kQuestionnaire), t(L::kQuestionId), t(L::kQuestion), t(L::kDomain), t(L::kAnswer), t(L::kValue),
                 t(L::kScore), t(L::kAnsweredAt)});
        for (const auto& a : m_report.assessments) {
            const std::string q = title(a);
            for (const auto& line : a.answers) {
                s.text(0, a.record.uuid);
                s.text(1, q);
                s.text(2, line.questionId);
                s.text(3, t(line.question));
                s.text(4, t(line.domainName).empty() ? line.domain : t(line.domainName));
                s.text(5, line.skipped ? t(L::kSkipped) : t(line.valueLabel));
                if (!line.skipped) s.value(6, line.value);
                s.optionalNumber(7, line.score);
                s.time(8, line.answeredAt);
                s.nextRow();
            }
        }
        return named("Answers", s.finish());
    }

    Status plan() {
        Sheet s(m_wb, "Gaps and plan", m_formats,
                {t(L::kAssessment), t(L::kPriority), t(L::kItemId), t(L::kMeasure), t(L::kDomain), t(L::kCritical), t(L::kAnswer), t(L::kOwner),
                 t(L::kTargetDate), t(L::kPlanStatus), t(L::kNote), t(L::kUpdatedAt)});
        const auto planCells = [&](const PlanItem* p) {
            if (!p) return;
            s.text(7, p->owner);
            s.date(8, p->targetDate);
            s.text(9, t(planStatusLabel(p->status)));
            s.text(10, p->note);
            s.time(11, p->updatedAt);
        };
        for (const auto& a : m_report.assessments) {
            const scoring::FacilityResult* r = a.result ? &*a.result : nullptr;
            int priority = 0;
            if (r) {
                for (const auto& id : r->gaps) {
                    const auto* item = r->item(id);
                    s.text(0, a.record.uuid);
                    s.number(1, ++priority);
                    s.text(2, id);
                    if (item) {
                        const auto* domain = r->domain(item->domain);
                        s.text(3, t(item->actionOrText()));
                        s.text(4, domain ? t(domain->name) : item->domain);
                        s.text(5, t(item->critical ? L::kYes : L::kNo));
                        s.text(6, t(item->answerLabel));
                    }
                    planCells(findPlan(a, id));
                    s.nextRow();
                }
            }
            // Plan entries for measures that are not gaps of this result are listed too, unranked.
            for (const auto& p : a.plan) {
                if (r && std::find(r->gaps.begin(), r->gaps.end(), p.item) != r->gaps.end()) continue;
                const auto* item = r ? r->item(p.item) : nullptr;
                s.text(0, a.record.uuid);
                s.text(2, p.item);
                if (item) s.text(3, t(item->actionOrText()));
                planCells(&p);
                s.nextRow();
            }
        }
        return named("Gaps and plan", s.finish());
    }

    Status matrix(const MatrixReport& m) {
        std::vector<std::string> header = {t(L::kPersonId), t(L::kName), t(L::kRole), t(L::kDepartment), t(L::kEmployment)};
        // A skill's name is a sentence: the column is headed by its id, with the name as a note.
        for (const auto& skill : m.skills) header.push_back(skill.first);
        const std::size_t after = header.size();
        for (const auto* l : {&L::kQualifications, &L::kExperience, &L::kHealthcareCourse, &L::kSkillsTakenAt}) header.push_back(t(*l));
        Sheet s(m_wb, "Skill matrix", m_formats, header);
        for (std::size_t k = 0; k < m.skills.size(); ++k)
            if (!t(m.skills[k].second).empty()) s.headerNote(5 + k, t(m.skills[k].second));
        for (const auto& p : m.people) {
            s.number(0, static_cast<double>(p.id));
            s.text(1, p.name);
            s.text(2, p.role);
            s.text(3, p.department);
            s.text(4, std::string(skills::employmentName(p.employment)));
            for (std::size_t k = 0; k < m.skills.size(); ++k) {
                if (!p.latest) continue;
                const auto level = p.latest->levels.find(m.skills[k].first);
                if (level != p.latest->levels.end()) s.number(5 + k, level->second);
            }
            std::string qualifications;
            for (const auto& q : p.qualifications) {
                qualifications += (qualifications.empty() ? "" : "\n") + q.id;
                if (q.obtained || q.renewalDue)
                    qualifications += fmt::format(" {}〜{}", q.obtained ? skills::formatDate(*q.obtained) : "",
                                                  q.renewalDue ? skills::formatDate(*q.renewalDue) : "");
            }
            s.text(after, qualifications);
            if (p.latest) {
                s.number(after + 1, p.latest->experienceYears);
                s.text(after + 2, t(p.latest->healthcareCourse ? L::kYes : L::kNo));
                s.time(after + 3, p.latest->takenAt);
            }
            s.nextRow();
        }
        return named("Skill matrix", s.finish());
    }

    Status audit() {
        Sheet s(m_wb, "Audit", m_formats,
                {t(L::kSeq), t(L::kAt), t(L::kAtUtc), t(L::kActor), t(L::kEvent), t(L::kSubject), t(L::kDetails), t(L::kPreviousHash),
                 t(L::kHash)});
        for (const auto& row : m_report.audit) {
            s.number(0, static_cast<double>(row.seq));
            s.time(1, row.at);
            s.text(2, row.at);
            s.text(3, std::string(store::roleName(row.role)));
            s.text(4, row.event.event);
            s.text(5, row.event.subject);
            s.text(6, row.event.details);
            s.text(7, row.previousHash);
            s.text(8, row.hash);
            s.nextRow();
        }
        // The chain's head and length at export time, under the table.
        const lxw_row_t below = s.row() + 1;
        s.footnote(below, t(L::kChainHead), m_report.chainHead);
        s.footnote(below + 1, t(L::kAuditRows), std::to_string(m_report.auditRows));
        return named("Audit", s.finish());
    }

    lxw_workbook* m_wb;
    Formats m_formats;
    const Report& m_report;
    Lang m_lang;
};

}  // namespace

Result<std::string> xlsxDocument(const Report& report) {
    PrivateTempFile file;
    if (auto s = file.create("medsec-kiosk-xlsx"); !s) return Error{"XLSX export: " + s.error()};

    lxw_workbook_options options{};
    lxw_workbook* wb = workbook_new_opt(file.path().c_str(), &options);
    if (!wb) return Error{fmt::format("XLSX export: could not start a workbook at {}", file.path())};

    const std::string docTitle = validUtf8(labels::kReportTitle.get(report.lang) + " — " + report.facility);
    lxw_doc_properties properties{};
    properties.title = const_cast<char*>(docTitle.c_str());
    properties.author = const_cast<char*>("medsec-kiosk");
    // The export's own time, so that the same report gives the same workbook.
    if (const auto at = parseIsoUtc(report.exportedAt)) properties.created = std::chrono::system_clock::to_time_t(*at);
    workbook_set_properties(wb, &properties);

    if (auto s = Workbook(wb, report).write(); !s) {
        lxw_workbook_free(wb);  // nothing is written; the temporary file goes with `file`
        return Error{"XLSX export: " + s.error()};
    }
    if (const lxw_error closed = workbook_close(wb); closed != LXW_NO_ERROR)
        return Error{fmt::format("XLSX export: could not write the workbook: {}", lxw_strerror(closed))};
    auto bytes = readFile(file.path(), std::numeric_limits<std::size_t>::max());
    if (!bytes) return Error{"XLSX export: " + bytes.error()};
    return std::move(*bytes);
}

}  // namespace kiosk::exporting
