// The report the HTML and PDF writers show, as a list of blocks in reading order: the same
// headings, facts, tables and lists in both, in the report's language. The writers only decide
// how each kind of block looks; what the report says is decided here, once.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "export/radar.hpp"
#include "export/report.hpp"
#include "util/result.hpp"

namespace kiosk::exporting {

// How urgent or settled something is; each writer gives it a colour.
enum class Tone { Normal, Good, Notice, Warning, Danger };

namespace block {

struct Title {
    std::string text;
    std::vector<std::pair<std::string, std::string>> meta;  // label, value
};
struct Heading {
    std::string text;
    int level = 1;      // 1: an assessment or a part of the report; 2: a section within it
    std::string note;   // a small line under the heading (ids, times); may be empty
};
struct Paragraph {
    std::string text;
    bool muted = false;
};
struct Decision {
    std::string label;  // 判定
    std::string name;
    std::string summary;
    Tone tone = Tone::Normal;
};
struct Facts {
    std::vector<std::pair<std::string, std::string>> rows;  // label, value
};
struct Table {
    std::vector<std::string> header;
    std::vector<double> widths;  // relative column widths
    std::vector<bool> numeric;   // right-aligned columns
    std::vector<std::vector<std::string>> rows;
};
// A line under an entry's title: one or more labelled values side by side (a label may be empty).
using DetailLine = std::vector<std::pair<std::string, std::string>>;
struct Entry {
    std::string title;
    std::string badge;  // e.g. 重要 or a route's status; may be empty
    Tone badgeTone = Tone::Normal;
    std::vector<DetailLine> details;
};
struct Entries {
    std::vector<Entry> items;
    bool numbered = true;
};
struct Radar {
    std::vector<RadarAxis> axes;
    std::string caption;
};
struct Signature {
    std::string heading;
    std::vector<std::string> fields;  // 氏名, 日付, 署名: each gets a line to write on
};

}  // namespace block

using Block = std::variant<block::Title, block::Heading, block::Paragraph, block::Decision, block::Facts, block::Table,
                           block::Entries, block::Radar, block::Signature>;

struct Outline {
    Lang lang = Lang::Ja;
    std::string title;     // the document's title (the HTML <title>, the PDF's metadata)
    std::string facility;  // as shown, never empty
    std::string date;      // the report's date, YYYY-MM-DD in local time
    std::vector<Block> blocks;
};

Outline reportOutline(const Report& report);

// Any outline (an assessment report, a workshop's after-action report) as the documents of
// documents.hpp: one self-contained HTML file, and a PDF on A4 (createdAt: its metadata's UTC time).
Result<std::string> htmlDocument(const Outline& outline);
Result<std::string> pdfDocument(const Outline& outline, const std::string& createdAt);

// Helpers the XLSX writer shares with the outline.
const LocalizedText& assessmentStatusLabel(store::AssessmentStatus status);
// The plan entry for an item of an assessment, or null.
const PlanItem* findPlan(const AssessmentReport& assessment, std::string_view item);
Tone decisionTone(scoring::Decision decision);
// "2026-03-02 14:05" in local time for a stored UTC timestamp; other text unchanged.
std::string timeLabel(const std::string& isoUtc);

}  // namespace kiosk::exporting
