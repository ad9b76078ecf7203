// The HTML report: the outline (report_outline.hpp) as one self-contained page, with the radar
// chart drawn as inline SVG from the shared geometry, styled for screens and for A4 paper.
#include <fmt/format.h>

#include <string>
#include <variant>

#include "export/documents.hpp"
#include "export/radar.hpp"
#include "export/report_outline.hpp"
#include "export/text_width.hpp"

namespace kiosk::exporting {
namespace {

// Escapes the five characters that can end a text or an attribute value in HTML.
std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string_view toneClass(Tone tone) {
    switch (tone) {
        case Tone::Good: return "good";
        case Tone::Notice: return "notice";
        case Tone::Warning: return "warning";
        case Tone::Danger: return "danger";
        case Tone::Normal: break;
    }
    return "normal";
}

// System fonts only: the page must not load anything.
constexpr std::string_view kStyle = R"(
@page { size: A4; margin: 15mm 14mm 17mm 14mm; }
* { box-sizing: border-box; }
html { background: #f3f4f6; }
body { margin: 0 auto; max-width: 190mm; padding: 10mm 12mm 14mm; background: #fff; color: #1f2328;
  font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", Meiryo, sans-serif;
  font-size: 10.5pt; line-height: 1.65; }
header.title { border-bottom: 3px solid #1d4ed8; padding-bottom: 4mm; margin-bottom: 6mm; }
header.title h1 { font-size: 17pt; margin: 0 0 2mm; line-height: 1.35; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 5mm; margin: 0; font-size: 10pt; }
dl.meta dt { color: #57606a; }
dl.meta dd { margin: 0; }
h2 { font-size: 14pt; margin: 9mm 0 3mm; padding: 1.5mm 3mm; background: #eef2ff; border-left: 5px solid #1d4ed8; line-height: 1.4; }
h3 { font-size: 11.5pt; margin: 6mm 0 2mm; padding-bottom: 1mm; border-bottom: 1px solid #d0d7de; }
p.note { color: #57606a; font-size: 8.5pt; margin: -2mm 0 3mm; word-break: break-all; }
p.muted { color: #57606a; }
.decision { border-radius: 2mm; padding: 3mm 4mm; margin: 3mm 0; border: 1.5px solid; }
.decision .label { font-size: 9.5pt; font-weight: bold; letter-spacing: 0.05em; }
.decision .name { font-size: 15pt; font-weight: bold; margin: 0.5mm 0; }
.decision .summary { margin: 0; }
.good { color: #14532d; background: #e7f6ec; border-color: #2f855a; }
.notice { color: #5c4400; background: #fff6d8; border-color: #b7791f; }
.warning { color: #7a2e00; background: #ffeadb; border-color: #c05621; }
.danger { color: #8a1111; background: #fde8e8; border-color: #c53030; }
.normal { color: #1f2328; background: #f6f8fa; border-color: #8c959f; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 9.5pt; }
th, td { border: 1px solid #d0d7de; padding: 1.2mm 2mm; vertical-align: top; text-align: left; white-space: pre-line; overflow-wrap: anywhere; }
th { background: #f6f8fa; font-weight: bold; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.facts th { width: 38%; background: #f6f8fa; }
figure.radar { margin: 2mm 0; text-align: center; }
figure.radar svg { width: 100%; max-width: 165mm; height: auto; }
figure.radar figcaption { font-size: 9pt; color: #57606a; }
ol.entries, ul.entries { margin: 2mm 0 4mm; padding-left: 7mm; }
ol.entries > li, ul.entries > li { margin-bottom: 2.5mm; }
.entry-title { font-weight: bold; }
.badge { display: inline-block; font-size: 8.5pt; font-weight: bold; padding: 0 2mm; margin-left: 2mm; border: 1px solid; border-radius: 1mm; }
.details { font-size: 9.5pt; color: #32383f; white-space: pre-line; overflow-wrap: anywhere; }
.details .k { color: #57606a; font-weight: bold; margin-right: 1.5mm; }
.details .part + .part { margin-left: 6mm; }
.signature { margin-top: 10mm; border: 1.5px solid #8c959f; border-radius: 2mm; padding: 4mm 5mm; }
.signature h2 { background: none; border: none; padding: 0; margin: 0 0 4mm; }
.signature .field { display: flex; align-items: flex-end; gap: 4mm; margin: 7mm 0 0; }
.signature .field span { min-width: 20mm; font-weight: bold; }
.signature .field i { flex: 1; border-bottom: 1px solid #1f2328; height: 1.2em; }
@media print {
  html { background: #fff; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2, h3 { break-after: avoid; }
  .decision, figure, tr, li, .signature { break-inside: avoid; }
  thead { display: table-header-group; }
}
)";

class HtmlWriter {
public:
    explicit HtmlWriter(const Outline& outline) : m_outline(outline) {}

    std::string write() {
        m_out += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", langCode(m_outline.lang));
        // Defence in depth: even a text that escaped escaping could neither run nor load anything.
        m_out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n";
        m_out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
        m_out += fmt::format("<title>{} — {}</title>\n", escape(m_outline.title), escape(m_outline.facility));
        m_out += fmt::format("<style>{}</style>\n</head>\n<body>\n", kStyle);
        for (const auto& b : m_outline.blocks) std::visit([this](const auto& x) { draw(x); }, b);
        m_out += "</body>\n</html>\n";
        return std::move(m_out);
    }

private:
    void draw(const block::Title& b) {
        m_out += fmt::format("<header class=\"title\">\n<h1>{}</h1>\n<dl class=\"meta\">\n", escape(b.text));
        for (const auto& [k, v] : b.meta) m_out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", escape(k), escape(v));
        m_out += "</dl>\n</header>\n";
    }

    void draw(const block::Heading& b) {
        if (b.level == 1)
            m_out += fmt::format("<h2>{}</h2>\n", escape(b.text));
        else
            m_out += fmt::format("<h3>{}</h3>\n", escape(b.text));
        if (!b.note.empty()) m_out += fmt::format("<p class=\"note\">{}</p>\n", escape(b.note));
    }

    void draw(const block::Paragraph& b) { m_out += fmt::format("<p{}>{}</p>\n", b.muted ? " class=\"muted\"" : "", escape(b.text)); }

    void draw(const block::Decision& b) {
        m_out += fmt::format("<section class=\"decision {}\">\n<div class=\"label\">{}</div>\n<div class=\"name\">{}</div>\n",
                             toneClass(b.tone), escape(b.label), escape(b.name));
        m_out += fmt::format("<p class=\"summary\">{}</p>\n</section>\n", escape(b.summary));
    }

    void draw(const block::Facts& b) {
        m_out += "<table class=\"facts\">\n";
        for (const auto& [k, v] : b.rows) m_out += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", escape(k), escape(v));
        m_out += "</table>\n";
    }

    void draw(const block::Table& b) {
        const auto numeric = [&](std::size_t i) { return i < b.numeric.size() && b.numeric[i]; };
        double total = 0;
        for (double w : b.widths) total += w;
        m_out += "<table>\n<colgroup>";
        for (double w : b.widths) m_out += fmt::format("<col style=\"width:{:.1f}%\">", total > 0 ? 100 * w / total : 0);
        m_out += "</colgroup>\n<thead><tr>";
        for (std::size_t i = 0; i < b.header.size(); ++i)
            m_out += fmt::format("<th scope=\"col\"{}>{}</th>", numeric(i) ? " class=\"num\"" : "", escape(b.header[i]));
        m_out += "</tr></thead>\n<tbody>\n";
        for (const auto& row : b.rows) {
            m_out += "<tr>";
            for (std::size_t i = 0; i < row.size(); ++i)
                m_out += fmt::format("<td{}>{}</td>", numeric(i) ? " class=\"num\"" : "", escape(row[i]));
            m_out += "</tr>\n";
        }
        m_out += "</tbody>\n</table>\n";
    }

    void draw(const block::Entries& b) {
        const char* tag = b.numbered ? "ol" : "ul";
        m_out += fmt::format("<{} class=\"entries\">\n", tag);
        for (const auto& e : b.items) {
            m_out += fmt::format("<li><div class=\"entry-title\">{}", escape(e.title));
            if (!e.badge.empty()) m_out += fmt::format("<span class=\"badge {}\">{}</span>", toneClass(e.badgeTone), escape(e.badge));
            m_out += "</div>\n";
            for (const auto& line : e.details) {
                m_out += "<div class=\"details\">";
                for (const auto& [k, v] : line) {
                    m_out += "<span class=\"part\">";
                    if (!k.empty()) m_out += fmt::format("<span class=\"k\">{}</span>", escape(k));
                    m_out += escape(v) + "</span>";
                }
                m_out += "</div>\n";
            }
            m_out += "</li>\n";
        }
        m_out += fmt::format("</{}>\n", tag);
    }

    void draw(const block::Radar& b) {
        constexpr double kWidth = 640, kHeight = 400, kRadius = 160, kFont = 12.5;
        const auto g = radarGeometry(b.axes, kWidth / 2, kHeight / 2, kRadius, 12);
        const auto points = [](const std::vector<RadarPoint>& ps) {
            std::string out;
            for (const auto& p : ps) out += fmt::format("{}{:.1f},{:.1f}", out.empty() ? "" : " ", p.x, p.y);
            return out;
        };
        m_out += "<figure class=\"radar\">\n";
        m_out += fmt::format("<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" font-family=\"Noto Sans CJK JP, sans-serif\">\n", kWidth,
                             kHeight, escape(b.caption));
        for (const auto& ring : g.rings)
            m_out += fmt::format("<polygon points=\"{}\" fill=\"none\" stroke=\"#d0d7de\" stroke-width=\"1\"/>\n", points(ring));
        for (const auto& s : g.spokes)
            m_out += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#d0d7de\" stroke-width=\"1\"/>\n", g.centre.x,
                                 g.centre.y, s.x, s.y);
        for (std::size_t i = 0; i < g.ringValues.size() && !g.rings.empty(); ++i)
            m_out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"9\" fill=\"#6e7781\" dx=\"3\">{}</text>\n", g.rings[i][0].x,
                                 g.rings[i][0].y, g.ringValues[i]);
        m_out += fmt::format("<polygon points=\"{}\" fill=\"none\" stroke=\"#d97706\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n",
                             points(g.targets));
        m_out += fmt::format("<polygon points=\"{}\" fill=\"#2563eb\" fill-opacity=\"0.22\" stroke=\"#1d4ed8\" stroke-width=\"2\"/>\n",
                             points(g.scores));
        for (const auto& p : g.scores) m_out += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"#1d4ed8\"/>\n", p.x, p.y);
        for (std::size_t i = 0; i < g.labels.size(); ++i) label(g.labels[i], b.axes[i].label, kFont);
        m_out += "</svg>\n";
        m_out += fmt::format("<figcaption>{}</figcaption>\n</figure>\n", escape(b.caption));
    }

    // An axis label of at most two or three short lines, anchored as the geometry says.
    void label(const RadarLabel& at, const std::string& text, double font) {
        const auto lines = wrapToWidth(text, 22);
        const double lineHeight = font * 1.25;
        double y = at.at.y;  // baseline of the first line
        if (at.v == VAlign::Top) y += font;
        else if (at.v == VAlign::Middle) y += font * 0.35 - lineHeight * static_cast<double>(lines.size() - 1) / 2;
        else y -= lineHeight * static_cast<double>(lines.size() - 1);
        const char* anchor = at.h == HAlign::Start ? "start" : at.h == HAlign::End ? "end" : "middle";
        m_out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" text-anchor=\"{}\" fill=\"#1f2328\">", at.at.x, y, font, anchor);
        for (std::size_t i = 0; i < lines.size(); ++i)
            m_out += fmt::format("<tspan x=\"{:.1f}\" dy=\"{}\">{}</tspan>", at.at.x, i == 0 ? 0.0 : lineHeight, escape(lines[i]));
        m_out += "</text>\n";
    }

    void draw(const block::Signature& b) {
        m_out += fmt::format("<section class=\"signature\">\n<h2>{}</h2>\n", escape(b.heading));
        for (const auto& f : b.fields) m_out += fmt::format("<div class=\"field\"><span>{}</span><i></i></div>\n", escape(f));
        m_out += "</section>\n";
    }

    const Outline& m_outline;
    std::string m_out;
};

}  // namespace

Result<std::string> htmlDocument(const Outline& outline) { return HtmlWriter(outline).write(); }

Result<std::string> htmlReport(const Report& report) { return htmlDocument(reportOutline(report)); }

}  // namespace kiosk::exporting
