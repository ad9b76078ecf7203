// Writes the sample report as sample.html, sample.pdf and sample.xlsx (and English ones as
// sample-en.*) into the folder given on the command line, with expected.json (texts the
// readers should find), for documents_readers.sh, whose readers are other people's programs.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "export/documents.hpp"
#include "sample_report.hpp"

using namespace kiosk;

extern "C" const char* __lsan_default_suppressions() { return test::kLeakSuppressions; }

namespace {

bool save(const std::filesystem::path& path, const Result<std::string>& bytes) {
    if (!bytes) {
        std::fprintf(stderr, "write_samples: %s: %s\n", path.c_str(), bytes.error().c_str());
        return false;
    }
    std::ofstream out(path, std::ios::binary);
    out << *bytes;
    out.close();
    if (!out) std::fprintf(stderr, "write_samples: cannot write %s\n", path.c_str());
    return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: write_samples FOLDER\n");
        return 2;
    }
    const std::filesystem::path folder = argv[1];
    const std::filesystem::path source = KIOSK_SOURCE_DIR;
    try {
        const test::SampleContent content(source / "questionnaires");
        const auto scenarios = source / "tests" / "data" / "scenarios";
        const auto ja = test::sampleReport(content, scenarios, Lang::Ja);
        const auto en = test::sampleReport(content, scenarios, Lang::En);
        bool ok = save(folder / "sample.html", exporting::htmlReport(ja));
        ok = save(folder / "sample-en.html", exporting::htmlReport(en)) && ok;
        ok = save(folder / "sample.pdf", exporting::pdfReport(ja)) && ok;
        ok = save(folder / "sample-en.pdf", exporting::pdfReport(en)) && ok;
        ok = save(folder / "sample.xlsx", exporting::xlsxDocument(ja)) && ok;
        ok = save(folder / "sample-en.xlsx", exporting::xlsxDocument(en)) && ok;

        // What the readers should find, taken from the report model.
        const auto& result = *ja.assessments.back().result;
        const auto* firstGap = result.item(result.gaps.front());
        const nlohmann::json expected = {
            {"decision_heading", "判定"},
            {"decision_ja", result.decisionName.ja},
            {"first_gap", firstGap->actionOrText().ja},
            {"owner_ja", test::kJapaneseOwner},
            {"formula_owner", test::kFormulaOwner},
            {"chain_head", ja.chainHead},
            {"signature", "監査担当者の確認"},
        };
        ok = save(folder / "expected.json", Result<std::string>(expected.dump(2))) && ok;
        return ok ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "write_samples: %s\n", e.what());
        return 1;
    }
}
