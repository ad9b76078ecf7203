// The PDF report: the outline (report_outline.hpp) set on A4 with Pango (Japanese line breaking,
// Noto Sans CJK JP, embedded by Cairo as a subset) and drawn with Cairo, the radar chart as
// vector paths from the shared geometry. Text flows line by line, so a page break never cuts a
// line; tables repeat their header on a new page. Pages are counted in a first pass, so that the
// footer can say "n / N".
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "export/documents.hpp"
#include "export/labels.hpp"
#include "export/radar.hpp"
#include "export/report_outline.hpp"
#include "export/text_width.hpp"
#include "i18n/strings.hpp"

namespace kiosk::exporting {
namespace {

// A4 in points, and the text area.
constexpr double kPageWidth = 595, kPageHeight = 842;
constexpr double kLeft = 50, kRight = kPageWidth - 50, kTop = 50, kBottom = kPageHeight - 62;
constexpr double kWidth = kRight - kLeft;
constexpr double kRadarHeight = 290;
constexpr const char* kFamily = "Noto Sans CJK JP";

struct Colour {
    double r, g, b;
};
constexpr Colour kInk{0.12, 0.14, 0.16}, kMuted{0.34, 0.38, 0.42}, kRule{0.82, 0.84, 0.87}, kShade{0.965, 0.973, 0.98};
constexpr Colour kBlue{0.11, 0.31, 0.85}, kBlueFill{0.93, 0.95, 1.0}, kOrange{0.85, 0.47, 0.02};

struct ToneColours {
    Colour ink, fill, edge;
};
ToneColours toneColours(Tone tone) {
    switch (tone) {
        case Tone::Good: return {{0.08, 0.33, 0.18}, {0.906, 0.965, 0.925}, {0.18, 0.52, 0.35}};
        case Tone::Notice: return {{0.36, 0.27, 0.0}, {1.0, 0.965, 0.847}, {0.72, 0.47, 0.12}};
        case Tone::Warning: return {{0.48, 0.18, 0.0}, {1.0, 0.918, 0.859}, {0.75, 0.34, 0.13}};
        case Tone::Danger: return {{0.54, 0.07, 0.07}, {0.992, 0.91, 0.91}, {0.77, 0.19, 0.19}};
        case Tone::Normal: break;
    }
    return {kInk, kShade, {0.55, 0.58, 0.62}};
}

void setColour(cairo_t* cr, Colour c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

guint16 channel(double v) { return static_cast<guint16>(std::clamp(v, 0.0, 1.0) * 65535); }

struct LayoutDeleter {
    void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

// How a piece of text is set.
struct Font {
    double size = 9.5;
    bool bold = false;
    Colour colour = kInk;
    PangoAlignment align = PANGO_ALIGN_LEFT;
    bool oneLine = false;  // ellipsised at the end instead of wrapped
};

// A span of a text set in another weight or colour (byte offsets).
struct Span {
    std::size_t start = 0, end = 0;
    bool bold = false;
    std::optional<Colour> colour, background;
};

// One line of a laid-out text: where it sits in the layout (points) and its baseline.
struct Line {
    PangoLayoutLine* line = nullptr;
    double top = 0, height = 0, baseline = 0, x = 0;
};

struct Laid {
    Layout layout;
    std::vector<Line> lines;
    Colour colour = kInk;
    double height() const { return lines.empty() ? 0 : lines.back().top + lines.back().height - lines.front().top; }
};

// A column of a row: a laid-out text at an offset from the row's left edge.
struct Cell {
    Laid* text = nullptr;
    double x = 0;
    std::size_t next = 0;  // the first line not yet drawn
};

class PdfWriter {
public:
    PdfWriter(cairo_t* cr, const Outline& outline, int pageCount) : m_cr(cr), m_outline(outline), m_pageCount(pageCount) {
        m_context = pango_font_map_create_context(pango_cairo_font_map_get_default());
        pango_cairo_context_set_resolution(m_context, 72);
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(m_context, options);
        cairo_font_options_destroy(options);
        pango_cairo_update_context(m_cr, m_context);
        const auto& lang = m_outline.lang;
        pango_context_set_language(m_context, pango_language_from_string(lang == Lang::Ja ? "ja" : "en"));
    }
    ~PdfWriter() { g_object_unref(m_context); }
    PdfWriter(const PdfWriter&) = delete;
    PdfWriter& operator=(const PdfWriter&) = delete;

    // Draws every page; returns how many there were.
    int write() {
        startPage();
        const auto& blocks = m_outline.blocks;
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            m_following = i + 1 < blocks.size() ? leadHeight(blocks[i + 1]) : 0;
            std::visit([this](const auto& x) { draw(x); }, blocks[i]);
        }
        finishPage();
        return m_page;
    }

private:
    // --- Text --------------------------------------------------------------------------------

    Laid lay(const std::string& text, double width, const Font& font, const std::vector<Span>& spans = {}) {
        Layout layout(pango_layout_new(m_context));
        PangoFontDescription* desc = pango_font_description_new();
        pango_font_description_set_family(desc, kFamily);
        pango_font_description_set_absolute_size(desc, font.size * PANGO_SCALE);
        pango_font_description_set_weight(desc, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(layout.get(), desc);
        pango_font_description_free(desc);
        pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        if (font.oneLine) {
            pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
            pango_layout_set_height(layout.get(), -1);
        }
        pango_layout_set_alignment(layout.get(), font.align);
        pango_layout_set_spacing(layout.get(), static_cast<int>(font.size * 0.3 * PANGO_SCALE));
        const std::string valid = validUtf8(text);
        pango_layout_set_text(layout.get(), valid.c_str(), static_cast<int>(valid.size()));
        PangoAttrList* attrs = pango_attr_list_new();
        // A hash or an id broken between characters must not gain a hyphen that is not in it.
        pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
        for (const auto& s : spans) {
            const auto range = [&](PangoAttribute* a) {
                a->start_index = static_cast<guint>(s.start);
                a->end_index = static_cast<guint>(s.end);
                pango_attr_list_insert(attrs, a);
            };
            if (s.bold) range(pango_attr_weight_new(PANGO_WEIGHT_BOLD));
            if (s.colour) range(pango_attr_foreground_new(channel(s.colour->r), channel(s.colour->g), channel(s.colour->b)));
            if (s.background) range(pango_attr_background_new(channel(s.background->r), channel(s.background->g), channel(s.background->b)));
        }
        pango_layout_set_attributes(layout.get(), attrs);
        pango_attr_list_unref(attrs);
        Laid laid{std::move(layout), {}, font.colour};
        PangoLayoutIter* it = pango_layout_get_iter(laid.layout.get());
        do {
            int y0 = 0, y1 = 0;
            PangoRectangle logical;
            pango_layout_iter_get_line_yrange(it, &y0, &y1);
            pango_layout_iter_get_line_extents(it, nullptr, &logical);
            laid.lines.push_back({pango_layout_iter_get_line_readonly(it), static_cast<double>(y0) / PANGO_SCALE,
                                  static_cast<double>(y1 - y0) / PANGO_SCALE,
                                  static_cast<double>(pango_layout_iter_get_baseline(it) - y0) / PANGO_SCALE,
                                  static_cast<double>(logical.x) / PANGO_SCALE});
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
        return laid;
    }

    void drawLine(const Laid& text, const Line& line, double x, double top) {
        setColour(m_cr, text.colour);
        cairo_move_to(m_cr, x + line.x, top + line.baseline);
        pango_cairo_show_layout_line(m_cr, line.line);
    }

    // The whole text at (x, y), no page break.
    void drawAt(const Laid& text, double x, double y) {
        for (const auto& line : text.lines) drawLine(text, line, x, y + line.top - text.lines.front().top);
    }

    // --- Pages -------------------------------------------------------------------------------

    double room() const { return kBottom - m_y; }

    void startPage() {
        ++m_page;
        m_y = kTop;
    }

    void finishPage() {
        // Footer: facility and date on the left, "n / N" on the right, under a thin rule.
        const double y = kPageHeight - 44;
        setColour(m_cr, kRule);
        cairo_set_line_width(m_cr, 0.6);
        cairo_move_to(m_cr, kLeft, y - 6);
        cairo_line_to(m_cr, kRight, y - 6);
        cairo_stroke(m_cr);
        Font small{7.5, false, kMuted};
        small.oneLine = true;
        const auto left = lay(fmt::format("{} · {} · {}", m_outline.title, m_outline.facility, m_outline.date), kWidth - 70, small);
        drawAt(left, kLeft, y);
        small.align = PANGO_ALIGN_RIGHT;
        const auto number = lay(i18n::substitute(labels::kPage.get(m_outline.lang), {std::to_string(m_page), std::to_string(m_pageCount)}),
                                70, small);
        drawAt(number, kRight - 70, y);
        cairo_show_page(m_cr);
    }

    void newPage() {
        finishPage();
        startPage();
    }

    // Starts a new page unless `height` fits on this one (and would fit on an empty one).
    void keep(double height) {
        if (height > room() && m_y > kTop) newPage();
    }

    // Draws a row of cells from m_y, line by line: whatever does not fit goes on to the next page
    // (after `onNewPage`, which may draw a table's header), so no line is ever cut. With
    // `keepTogether`, a row that fits on an empty page starts on a new one rather than being split.
    // `padding` is kept above and below the text of each part; `frame` draws the background and
    // borders of each part, from its top to its bottom, before its text.
    template <typename Frame, typename OnNewPage>
    void flowRow(std::vector<Cell> cells, double padding, bool keepTogether, Frame frame, OnNewPage onNewPage) {
        if (keepTogether) {
            double height = 0;
            for (const auto& c : cells) height = std::max(height, c.text->height());
            if (height + 2 * padding > room() && height + 2 * padding <= kBottom - kTop && m_y > kTop) {
                newPage();
                onNewPage();
            }
        }
        while (true) {
            // The lines of each cell that fit in this part.
            std::vector<std::size_t> until(cells.size());
            double partHeight = 0;
            bool drawsAny = false, left = false;
            for (std::size_t c = 0; c < cells.size(); ++c) {
                const auto& lines = cells[c].text->lines;
                std::size_t i = cells[c].next;
                if (i >= lines.size()) continue;
                const double start = lines[i].top;
                while (i < lines.size() && lines[i].top + lines[i].height - start + 2 * padding <= room()) ++i;
                // On an empty page the first line goes in whatever its height.
                if (i == cells[c].next && m_y <= kTop) ++i;
                if (i > cells[c].next) {
                    drawsAny = true;
                    partHeight = std::max(partHeight, lines[i - 1].top + lines[i - 1].height - start);
                }
                until[c] = i;
                if (i < lines.size()) left = true;
            }
            if (!drawsAny && left) {
                newPage();
                onNewPage();
                continue;
            }
            const double top = m_y;
            const double bottom = top + partHeight + 2 * padding;
            frame(top, bottom);
            for (std::size_t c = 0; c < cells.size(); ++c) {
                const auto& lines = cells[c].text->lines;
                if (cells[c].next >= lines.size()) continue;
                const double start = lines[cells[c].next].top;
                for (std::size_t i = cells[c].next; i < until[c]; ++i)
                    drawLine(*cells[c].text, lines[i], kLeft + cells[c].x, top + padding + lines[i].top - start);
                cells[c].next = until[c];
            }
            m_y = bottom;
            if (!left) return;
            newPage();
            onNewPage();
        }
    }

    void flowText(Laid& text, double x, bool keepTogether = false) {
        flowRow({Cell{&text, x}}, 0, keepTogether, [](double, double) {}, [] {});
    }

    // --- Blocks ------------------------------------------------------------------------------

    // How much of a block must follow a heading on the same page: a chart whole, a box whole, the
    // first lines of anything else.
    static double leadHeight(const Block& b) {
        if (std::holds_alternative<block::Radar>(b)) return kRadarHeight + 24;
        if (std::holds_alternative<block::Decision>(b)) return 90;
        return 56;
    }

    void draw(const block::Title& b) {
        auto title = lay(b.text, kWidth, {17, true});
        flowText(title, 0);
        m_y += 8;
        for (const auto& [k, v] : b.meta) {
            auto key = lay(k, 90, {9, true, kMuted});
            auto value = lay(v, kWidth - 100, {9.5});
            flowRow({Cell{&key, 0}, Cell{&value, 100}}, 1, true, [](double, double) {}, [] {});
        }
        m_y += 6;
        setColour(m_cr, kBlue);
        cairo_rectangle(m_cr, kLeft, m_y, kWidth, 2.2);
        cairo_fill(m_cr);
        m_y += 16;
    }

    void draw(const block::Heading& b) {
        if (b.level == 1) {
            auto text = lay(b.text, kWidth - 16, {13, true});
            const double h = text.height() + 10;
            // A part starts on a new page when less than a third of this one is left.
            keep(h + std::max((kBottom - kTop) / 3, m_following));
            if (m_y > kTop) m_y += 8;
            setColour(m_cr, kBlueFill);
            cairo_rectangle(m_cr, kLeft, m_y, kWidth, h);
            cairo_fill(m_cr);
            setColour(m_cr, kBlue);
            cairo_rectangle(m_cr, kLeft, m_y, 4, h);
            cairo_fill(m_cr);
            drawAt(text, kLeft + 12, m_y + 5);
            m_y += h + 6;
        } else {
            auto text = lay(b.text, kWidth, {11, true});
            keep(text.height() + 14 + m_following);
            m_y += 6;
            drawAt(text, kLeft, m_y);
            m_y += text.height() + 2;
            setColour(m_cr, kRule);
            cairo_set_line_width(m_cr, 0.8);
            cairo_move_to(m_cr, kLeft, m_y);
            cairo_line_to(m_cr, kRight, m_y);
            cairo_stroke(m_cr);
            m_y += 6;
        }
        if (!b.note.empty()) {
            auto note = lay(b.note, kWidth, {7.5, false, kMuted});
            flowText(note, 0);
            m_y += 6;
        }
    }

    void draw(const block::Paragraph& b) {
        auto text = lay(b.text, kWidth, {9.5, false, b.muted ? kMuted : kInk});
        flowText(text, 0);
        m_y += 6;
    }

    void draw(const block::Decision& b) {
        const auto colours = toneColours(b.tone);
        auto label = lay(b.label, kWidth - 24, {8.5, true, colours.ink});
        auto name = lay(b.name, kWidth - 24, {15, true, colours.ink});
        auto summary = lay(b.summary, kWidth - 24, {9.5, false, colours.ink});
        const double h = label.height() + name.height() + summary.height() + 24;
        keep(h);
        cairo_rectangle(m_cr, kLeft, m_y, kWidth, h);
        setColour(m_cr, colours.fill);
        cairo_fill_preserve(m_cr);
        setColour(m_cr, colours.edge);
        cairo_set_line_width(m_cr, 1.2);
        cairo_stroke(m_cr);
        double y = m_y + 9;
        drawAt(label, kLeft + 12, y);
        y += label.height() + 2;
        drawAt(name, kLeft + 12, y);
        y += name.height() + 3;
        drawAt(summary, kLeft + 12, y);
        m_y += h + 10;
    }

    // Grid lines and the shaded first column or header of a table part.
    void gridFrame(double top, double bottom, const std::vector<double>& edges, bool shadeFirst, bool shadeAll) {
        if (shadeAll || shadeFirst) {
            setColour(m_cr, kShade);
            cairo_rectangle(m_cr, kLeft, top, shadeAll ? kWidth : edges[1], bottom - top);
            cairo_fill(m_cr);
        }
        setColour(m_cr, kRule);
        cairo_set_line_width(m_cr, 0.6);
        cairo_rectangle(m_cr, kLeft, top, kWidth, bottom - top);
        for (std::size_t i = 1; i + 1 < edges.size(); ++i) {
            cairo_move_to(m_cr, kLeft + edges[i], top);
            cairo_line_to(m_cr, kLeft + edges[i], bottom);
        }
        cairo_stroke(m_cr);
    }

    void draw(const block::Facts& b) {
        const std::vector<double> edges = {0, kWidth * 0.36, kWidth};
        for (const auto& [k, v] : b.rows) {
            auto key = lay(k, edges[1] - 10, {9, true, kMuted});
            auto value = lay(v, edges[2] - edges[1] - 10, {9.5});
            flowRow({Cell{&key, 5}, Cell{&value, edges[1] + 5}}, 3.5, true,
                    [&](double top, double bottom) { gridFrame(top, bottom, edges, true, false); }, [] {});
        }
        m_y += 10;
    }

    void draw(const block::Table& b) {
        double total = 0;
        for (double w : b.widths) total += w;
        std::vector<double> edges = {0};
        for (double w : b.widths) edges.push_back(edges.back() + kWidth * w / total);
        const auto numeric = [&](std::size_t i) { return i < b.numeric.size() && b.numeric[i]; };
        const auto cellFont = [&](std::size_t i, bool header) {
            Font f{header ? 8.5 : 9, header, header ? kMuted : kInk};
            if (numeric(i)) f.align = PANGO_ALIGN_RIGHT;
            return f;
        };
        const auto row = [&](const std::vector<std::string>& texts, bool header, auto onNewPage) {
            std::vector<Laid> laid;
            laid.reserve(texts.size());
            for (std::size_t i = 0; i < texts.size() && i + 1 < edges.size(); ++i)
                laid.push_back(lay(texts[i], edges[i + 1] - edges[i] - 10, cellFont(i, header)));
            std::vector<Cell> cells;
            for (std::size_t i = 0; i < laid.size(); ++i) cells.push_back(Cell{&laid[i], edges[i] + 5});
            flowRow(std::move(cells), 3.5, true, [&](double top, double bottom) { gridFrame(top, bottom, edges, false, header); }, onNewPage);
        };
        const auto header = [&] { row(b.header, true, [] {}); };
        // A header with no row under it is not left at the foot of a page.
        keep(48);
        header();
        for (const auto& r : b.rows) row(r, false, header);
        m_y += 10;
    }

    void draw(const block::Entries& b) {
        constexpr double kIndent = 20;
        int n = 0;
        for (const auto& e : b.items) {
            std::string title = e.title;
            std::vector<Span> spans;
            if (!e.badge.empty()) {
                const auto colours = toneColours(e.badgeTone);
                title += "  ";
                const std::size_t start = title.size();
                title += "\u2002" + e.badge + "\u2002";
                spans.push_back({start, title.size(), true, colours.ink, colours.fill});
            }
            auto number = lay(b.numbered ? fmt::format("{}.", ++n) : "•", kIndent - 4, {9.5, true, kMuted, PANGO_ALIGN_RIGHT});
            auto heading = lay(title, kWidth - kIndent - 4, {9.5, true}, spans);
            std::vector<Laid> details;
            double detailsHeight = 0;
            const bool ja = m_outline.lang == Lang::Ja;
            for (const auto& line : e.details) {
                // Labelled values side by side, each label in bold.
                std::string text;
                std::vector<Span> labels;
                for (const auto& [k, v] : line) {
                    if (!text.empty()) text += ja ? "　　" : "     ";
                    if (!k.empty()) {
                        const std::size_t start = text.size();
                        text += k + (ja ? "：" : ": ");
                        labels.push_back({start, text.size(), true, kMuted, {}});
                    }
                    text += v;
                }
                details.push_back(lay(text, kWidth - kIndent - 14, {8.8, false, {0.2, 0.22, 0.25}}, labels));
                detailsHeight += details.back().height() + 1.5;
            }
            // An entry is kept together when it fits on a page, and its title is never left alone.
            keep(std::min(heading.height() + detailsHeight, kBottom - kTop) + 4);
            flowRow({Cell{&number, 0}, Cell{&heading, kIndent + 4}}, 0, true, [](double, double) {}, [] {});
            m_y += 1.5;
            for (auto& d : details) {
                flowText(d, kIndent + 14, true);
                m_y += 1.5;
            }
            m_y += 6;
        }
        m_y += 4;
    }

    void draw(const block::Radar& b) {
        constexpr double kRadius = 100, kLabelWidth = 118;
        keep(kRadarHeight + 24);
        const double cx = kLeft + kWidth / 2, cy = m_y + kRadarHeight / 2;
        const auto g = radarGeometry(b.axes, cx, cy, kRadius, 8);
        const auto polygon = [&](const std::vector<RadarPoint>& points) {
            for (std::size_t i = 0; i < points.size(); ++i)
                (i == 0 ? cairo_move_to : cairo_line_to)(m_cr, points[i].x, points[i].y);
            cairo_close_path(m_cr);
        };
        cairo_save(m_cr);
        cairo_set_line_width(m_cr, 0.7);
        setColour(m_cr, kRule);
        for (const auto& ring : g.rings) {
            polygon(ring);
            cairo_stroke(m_cr);
        }
        for (const auto& s : g.spokes) {
            cairo_move_to(m_cr, g.centre.x, g.centre.y);
            cairo_line_to(m_cr, s.x, s.y);
            cairo_stroke(m_cr);
        }
        for (std::size_t i = 0; i < g.ringValues.size() && !g.rings.empty(); ++i) {
            auto value = lay(std::to_string(g.ringValues[i]), 30, {6.5, false, kMuted});
            drawAt(value, g.rings[i][0].x + 2, g.rings[i][0].y - 4);
        }
        if (!g.targets.empty()) {
            polygon(g.targets);
            setColour(m_cr, kOrange);
            cairo_set_line_width(m_cr, 1.4);
            const double dash[] = {4, 3};
            cairo_set_dash(m_cr, dash, 2, 0);
            cairo_stroke(m_cr);
            cairo_set_dash(m_cr, nullptr, 0, 0);
            polygon(g.scores);
            cairo_set_source_rgba(m_cr, 0.145, 0.388, 0.922, 0.22);
            cairo_fill_preserve(m_cr);
            setColour(m_cr, kBlue);
            cairo_set_line_width(m_cr, 1.4);
            cairo_stroke(m_cr);
            for (const auto& p : g.scores) {
                cairo_arc(m_cr, p.x, p.y, 2, 0, 2 * G_PI);
                cairo_fill(m_cr);
            }
        }
        cairo_restore(m_cr);
        for (std::size_t i = 0; i < g.labels.size(); ++i) {
            const auto& at = g.labels[i];
            Font f{8, false, kInk};
            f.align = at.h == HAlign::Start ? PANGO_ALIGN_LEFT : at.h == HAlign::End ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER;
            auto text = lay(b.axes[i].label, kLabelWidth, f);
            const double x = at.h == HAlign::Start ? at.at.x : at.h == HAlign::End ? at.at.x - kLabelWidth : at.at.x - kLabelWidth / 2;
            const double h = text.height();
            const double y = at.v == VAlign::Top ? at.at.y : at.v == VAlign::Bottom ? at.at.y - h : at.at.y - h / 2;
            drawAt(text, x, y);
        }
        m_y += kRadarHeight + 2;
        Font caption{8, false, kMuted};
        caption.align = PANGO_ALIGN_CENTER;
        auto text = lay(b.caption, kWidth, caption);
        flowText(text, 0);
        m_y += 8;
    }

    void draw(const block::Signature& b) {
        auto heading = lay(b.heading, kWidth - 24, {11, true});
        const double h = heading.height() + 20 + 34 * static_cast<double>(b.fields.size()) + 16;
        m_y += 12;
        keep(h);
        setColour(m_cr, {0.55, 0.58, 0.62});
        cairo_set_line_width(m_cr, 1);
        cairo_rectangle(m_cr, kLeft, m_y, kWidth, h);
        cairo_stroke(m_cr);
        drawAt(heading, kLeft + 12, m_y + 10);
        double y = m_y + 10 + heading.height() + 10;
        for (const auto& field : b.fields) {
            auto label = lay(field, 70, {9.5, true});
            y += 34;
            drawAt(label, kLeft + 12, y - label.height() - 2);
            setColour(m_cr, kInk);
            cairo_set_line_width(m_cr, 0.8);
            cairo_move_to(m_cr, kLeft + 90, y);
            cairo_line_to(m_cr, kRight - 16, y);
            cairo_stroke(m_cr);
        }
        m_y += h;
    }

    cairo_t* m_cr;
    const Outline& m_outline;
    int m_pageCount;
    PangoContext* m_context = nullptr;
    int m_page = 0;
    double m_y = kTop;
    double m_following = 0;  // the lead height of the block after the one being drawn
};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// The report drawn once onto a PDF surface writing into `out`; the number of pages, or an error.
Result<int> render(const Outline& outline, const std::string& createdAt, int pageCount, std::string& out) {
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, kPageWidth, kPageHeight);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, validUtf8(outline.title + " — " + outline.facility).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "medsec-kiosk");
    // The export's own time, so that the same report gives the same file.
    if (createdAt.size() >= 19)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, (createdAt.substr(0, 19) + "Z").c_str());
    cairo_t* cr = cairo_create(surface);
    int pages = 0;
    {
        PdfWriter writer(cr, outline, pageCount);
        pages = writer.write();
    }
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) return Error{fmt::format("could not draw the PDF report: {}", cairo_status_to_string(status))};
    return pages;
}

}  // namespace

Result<std::string> pdfDocument(const Outline& outline, const std::string& createdAt) {
    // The first pass counts the pages for the footers of the second.
    std::string draft;
    auto pages = render(outline, createdAt, 0, draft);
    if (!pages) return Error{pages.error()};
    std::string out;
    auto again = render(outline, createdAt, *pages, out);
    if (!again) return Error{again.error()};
    return out;
}

Result<std::string> pdfReport(const Report& report) { return pdfDocument(reportOutline(report), report.exportedAt); }

}  // namespace kiosk::exporting
