// The document writers (HTML, PDF, XLSX) on a report built from real content: hostile text comes
// out as text, nothing is loaded from elsewhere, spreadsheet cells never become formulas, and the
// radar chart's geometry is what both drawings use.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <regex>

#include "export/documents.hpp"
#include "export/radar.hpp"
#include "export/text_width.hpp"
#include "export/sample_report.hpp"
#include "support.hpp"

using namespace kiosk;
using namespace kiosk::exporting;

extern "C" const char* __lsan_default_suppressions() { return test::kLeakSuppressions; }

namespace {

const test::SampleContent& content() {
    static const test::SampleContent c(test::sourceDir() / "questionnaires");
    return c;
}

Report sample(Lang lang = Lang::Ja) { return test::sampleReport(content(), test::dataDir() / "scenarios", lang); }

std::string html(const Report& report) {
    auto bytes = htmlReport(report);
    REQUIRE_MESSAGE(bytes, (bytes ? "" : bytes.error()));
    return *bytes;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("the HTML report shows stored markup in answers, notes and owners as text") {
    const auto page = html(sample());
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("<img") == std::string::npos);
    CHECK(page.find("onerror=alert(1)&gt;") != std::string::npos);
    CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(page.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    // The free-text answer, the plan's note and the plan's owner each carry one of them.
    CHECK(count(page, "&lt;script&gt;alert(1)&lt;/script&gt;") >= 2);
    CHECK(count(page, "&quot;&gt;&lt;img src=x") >= 2);
    // The facility's name is escaped too, quotes and apostrophes as well.
    CHECK(page.find("みなと市立病院 &lt;病棟A&gt; &amp; &quot;本館&quot;") != std::string::npos);
}

TEST_CASE("the HTML report loads nothing and runs nothing") {
    const auto page = html(sample());
    CHECK(page.find("http://") == std::string::npos);
    CHECK(page.find("https://") == std::string::npos);
    CHECK(page.find("<link") == std::string::npos);
    CHECK(page.find("@import") == std::string::npos);
    CHECK(page.find("url(") == std::string::npos);
    CHECK(page.find("<iframe") == std::string::npos);
    CHECK(page.find("javascript:") == std::string::npos);
    CHECK(std::regex_search(page, std::regex(R"(\son[a-z]+=")")) == false);  // no event handler attributes
    CHECK(page.find("default-src 'none'") != std::string::npos);
    CHECK(page.find("@page { size: A4;") != std::string::npos);
}

TEST_CASE("the HTML report is in the report's language and has every part") {
    const auto report = sample();
    const auto& r = *report.assessments[1].result;
    const auto ja = html(report);
    CHECK(ja.find("<html lang=\"ja\">") != std::string::npos);
    CHECK(ja.find("判定") != std::string::npos);
    CHECK(ja.find(r.decisionName.ja) != std::string::npos);
    CHECK(ja.find(r.expectedTierName.ja) != std::string::npos);
    CHECK(ja.find(r.achievedTierName.ja) != std::string::npos);
    CHECK(ja.find("<svg") != std::string::npos);
    CHECK(ja.find(test::kJapaneseOwner) != std::string::npos);
    CHECK(ja.find("2026-09-30") != std::string::npos);
    CHECK(ja.find("対応中") != std::string::npos);  // the plan's status
    CHECK(ja.find(report.chainHead) != std::string::npos);
    CHECK(ja.find("監査担当者の確認") != std::string::npos);
    for (const auto& route : r.routes) {
        CHECK(ja.find(route.name.ja) != std::string::npos);
        CHECK(ja.find(route.statusName.ja) != std::string::npos);
        if (!route.statusChecked.empty()) CHECK(ja.find(route.statusChecked) != std::string::npos);
    }
    for (const auto& e : r.why)
        if (!e.citation.empty()) CHECK(ja.find(e.citation.substr(0, 12)) != std::string::npos);

    const auto en = html(sample(Lang::En));
    CHECK(en.find("<html lang=\"en\">") != std::string::npos);
    CHECK(en.find("Decision") != std::string::npos);
    CHECK(en.find(r.decisionName.en) != std::string::npos);
    CHECK(en.find("判定") == std::string::npos);
}

TEST_CASE("a route that is only proposed or planned is never shown as available") {
    auto report = sample();
    auto& routes = report.assessments[1].result->routes;
    REQUIRE_FALSE(routes.empty());
    for (auto& route : routes) {
        route.status = "proposed";
        route.statusName = {"提案段階", "proposed"};
        route.statusChecked = "2026-01-15";
    }
    const auto page = html(report);
    CHECK(count(page, "まだ利用できる仕組みではありません") == routes.size());
    CHECK(count(page, "提案段階　確認日 2026-01-15") == routes.size());
}

TEST_CASE("a report without assessments says so") {
    Report empty;
    empty.exportedAt = "2026-03-05T06:30:00.000Z";
    const auto page = html(empty);
    CHECK(page.find("この報告書に含まれる評価はありません。") != std::string::npos);
    CHECK(page.find("（施設名は未登録）") != std::string::npos);
}

TEST_CASE("radar geometry: the first axis points up, values are clamped, labels face outwards") {
    const std::vector<RadarAxis> axes = {{"a", 100, 50}, {"b", 50, 150}, {"c", -20, 0}, {"d", NAN, 75}};
    const auto g = radarGeometry(axes, 100, 100, 80, 10);
    REQUIRE(g.scores.size() == 4);
    CHECK(g.scores[0].x == doctest::Approx(100));
    CHECK(g.scores[0].y == doctest::Approx(20));
    CHECK(g.scores[1].x == doctest::Approx(140));  // half way along the axis to the right
    CHECK(g.targets[1].x == doctest::Approx(180));  // 150 is drawn as 100
    CHECK(g.scores[2].y == doctest::Approx(100));   // below zero is the centre
    CHECK(g.scores[3].x == doctest::Approx(100));   // not a number is the centre
    CHECK(g.targets[0].y == doctest::Approx(60));
    REQUIRE(g.rings.size() == 4);
    CHECK(g.rings[3][2].y == doctest::Approx(180));
    CHECK(g.labels[0].v == VAlign::Bottom);
    CHECK(g.labels[0].at.y == doctest::Approx(10));
    CHECK(g.labels[1].h == HAlign::Start);
    CHECK(g.labels[3].h == HAlign::End);
    CHECK(radarGeometry({}, 0, 0, 10, 1).scores.empty());
}

TEST_CASE("display width counts East Asian wide characters as two and wraps Japanese and English") {
    CHECK(displayWidth("abc") == 3);
    CHECK(displayWidth("脆弱性") == 6);
    CHECK(displayWidth("ＡＢ") == 4);
    CHECK(displayWidth("ｱｲ") == 2);  // half-width katakana
    CHECK(wrapToWidth("インシデント対応と診療継続", 16) == std::vector<std::string>{"インシデント対応", "と診療継続"});
    CHECK(wrapToWidth("Incident response and continuity of care", 22) ==
          std::vector<std::string>{"Incident response and", "continuity of care"});
    CHECK(validUtf8("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
}

namespace {

// Sets TMPDIR for the scope of a test, so that the XLSX writer's temporary file goes there.
class TmpDirScope {
public:
    explicit TmpDirScope(const std::string& dir) {
        if (const char* old = std::getenv("TMPDIR")) m_old = old;
        ::setenv("TMPDIR", dir.c_str(), 1);
    }
    ~TmpDirScope() {
        if (m_old) ::setenv("TMPDIR", m_old->c_str(), 1);
        else ::unsetenv("TMPDIR");
    }
    TmpDirScope(const TmpDirScope&) = delete;
    TmpDirScope& operator=(const TmpDirScope&) = delete;

private:
    std::optional<std::string> m_old;
};

bool isEmptyDir(const std::filesystem::path& dir) { return std::filesystem::is_empty(dir); }

}  // namespace

TEST_CASE("the XLSX workbook is a zip written through a private temporary file that is removed") {
    test::TempDir tmp;
    TmpDirScope scope(tmp.path().string());
    auto bytes = xlsxDocument(sample());
    REQUIRE_MESSAGE(bytes, (bytes ? "" : bytes.error()));
    CHECK(bytes->substr(0, 4) == std::string("PK\x03\x04", 4));
    CHECK(bytes->find("xl/worksheets/sheet5.xml") != std::string::npos);  // five sheets with the matrix
    CHECK(isEmptyDir(tmp.path()));

    auto withoutMatrix = sample();
    withoutMatrix.matrix.reset();
    auto fewer = xlsxDocument(withoutMatrix);
    REQUIRE(fewer);
    CHECK(fewer->find("xl/worksheets/sheet5.xml") == std::string::npos);
    CHECK(isEmptyDir(tmp.path()));
}

TEST_CASE("an XLSX export with nowhere to put its temporary file says so and leaves nothing") {
    test::TempDir tmp;
    const auto missing = tmp.path() / "no-such-folder";
    TmpDirScope scope(missing.string());
    auto bytes = xlsxDocument(sample());
    REQUIRE_FALSE(bytes);
    CHECK(bytes.error().find("XLSX export") != std::string::npos);
    CHECK(bytes.error().find("temporary") != std::string::npos);
    CHECK(isEmptyDir(tmp.path()));
}

TEST_CASE("the same report gives the same workbook and the same PDF") {
    test::TempDir tmp;
    TmpDirScope scope(tmp.path().string());
    const auto report = sample();
    auto a = xlsxDocument(report), b = xlsxDocument(report);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a == *b);
    auto p = pdfReport(report), q = pdfReport(report);
    REQUIRE(p);
    REQUIRE(q);
    CHECK(*p == *q);
}

TEST_CASE("the PDF is A4 with the Japanese font embedded and several pages") {
    auto pdf = pdfReport(sample());
    REQUIRE_MESSAGE(pdf, (pdf ? "" : pdf.error()));
    CHECK(pdf->rfind("%PDF-", 0) == 0);
    CHECK(pdf->find("/MediaBox [ 0 0 595 842 ]") != std::string::npos);
    CHECK(pdf->find("NotoSansCJKjp") != std::string::npos);
    CHECK(pdf->find("/FontFile3") != std::string::npos);  // the font program itself is in the file
    CHECK(count(*pdf, "/Type /Page\n") + count(*pdf, "/Type /Page ") - count(*pdf, "/Type /Pages") > 1);
}

TEST_CASE("a note longer than a page flows on to the next pages in the PDF") {
    auto report = sample();
    auto& plan = report.assessments[1].plan;
    REQUIRE_FALSE(plan.empty());
    const auto pages = [](const std::string& pdf) { return count(pdf, "/Type /Page\n") + count(pdf, "/Type /Page "); };
    auto before = pdfReport(report);
    REQUIRE(before);
    std::string note;
    for (int i = 0; i < 400; ++i) note += "情報システム課と業者で手順を確認する。";
    plan[0].note = note;
    auto after = pdfReport(report);
    REQUIRE(after);
    CHECK(pages(*after) >= pages(*before) + 3);
}
