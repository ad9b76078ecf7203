// The command-line subcommands: they use the core without a window.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "util/text.hpp"

namespace kiosk::app {

struct Paths {
    std::filesystem::path database;
    std::filesystem::path questionnaires;
    std::filesystem::path assets;
    std::filesystem::path font;
};

// Each returns the process exit code; messages go to stdout, errors to stderr.
int runValidate(const std::filesystem::path& dir);
int runList(const Paths& paths, const std::string& status);
int runShow(const Paths& paths, const std::string& uuid, Lang lang);
// Sets an assessment in progress aside: kept with its answers, no longer offered to resume.
int runDiscard(const Paths& paths, const std::string& uuid);

struct ScoreOptions {
    std::string uuid;         // a stored security-measures assessment…
    std::string answersFile;  // …or answers in a JSON file
    std::string profileUuid;  // score with this profile instead of the latest completed one
    bool json = false;
};
int runScore(const Paths& paths, const ScoreOptions& options, Lang lang);

// people import FILE.csv [--partial] [--replace] / people export FILE.csv ("-" for standard output)
int runPeopleImport(const Paths& paths, const std::string& file, bool partial, bool replace);
int runPeopleExport(const Paths& paths, const std::string& file);

}  // namespace kiosk::app
