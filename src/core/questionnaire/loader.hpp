// Loading questionnaires from TOML. Every problem becomes a Diagnostic with file:line:column;
// all problems of a file are collected, and one broken file never stops the others loading.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "questionnaire/model.hpp"
#include "util/diagnostic.hpp"

namespace kiosk::questionnaire {

struct Domain {
    std::string id;
    LocalizedText name;
    LocalizedText shortName;  // for narrow places such as matrix columns; the name when not given
};

// What questionnaires may refer to beyond their own file.
struct LoadContext {
    std::vector<Domain> domains;  // empty: `domain` fields are checked only for syntax
    bool domainsLoaded = false;
};

struct FileResult {
    std::optional<Questionnaire> questionnaire;  // set only when the file has no error
    Diagnostics diagnostics;
};

// Parses and validates one questionnaire given as text; `file` names it in diagnostics.
FileResult parseQuestionnaire(std::string_view text, const std::string& file, const LoadContext& context);

// Reads a file and parses it.
FileResult loadQuestionnaireFile(const std::filesystem::path& path, const LoadContext& context);

// Everything under a content folder: domains.toml and tiers.toml as catalogues, every other
// *.toml (also in exercises/) as a questionnaire. Questionnaire ids must be unique across files.
struct Catalog {
    std::vector<Questionnaire> questionnaires;  // sorted by file name; only the valid ones
    std::vector<Domain> domains;
    Diagnostics diagnostics;                    // problems of every file, in file order
    Diagnostics warnings;                       // entries skipped without reading (links to devices…)
    int filesRead = 0;           // every file read, catalogues included
    int questionnaireFiles = 0;  // of them, the questionnaires

    const Questionnaire* find(std::string_view id) const;
};

Catalog loadCatalog(const std::filesystem::path& dir);

// Domains catalogue on its own (domains.toml).
std::vector<Domain> parseDomains(std::string_view text, const std::string& file, Diagnostics& diagnostics);

}  // namespace kiosk::questionnaire
