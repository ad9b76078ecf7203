// Reads questionnaire TOML into the model. Structural problems (types, missing fields, missing
// ja/en text, ranges, unknown keys) are found here while reading; cross-references (ids,
// sections, show-if) are checked by the validator once the whole file is read.
#include "questionnaire/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "questionnaire/toml_reader.hpp"
#include "questionnaire/validator.hpp"
#include "util/file.hpp"
#include "util/hash.hpp"
#include "util/utf8.hpp"

namespace kiosk::questionnaire {
namespace {

using detail::posOf;
using detail::Reader;
using detail::readCondition;
using detail::readOptions;

Question readQuestion(Reader& r, const toml::table& t, const std::vector<std::pair<std::string, std::vector<Option>>>& scales,
                      bool exercise) {
    Question q;
    q.pos = posOf(t);
    r.allowOnly(t, "a question",
                {"id", "section", "type", "text", "help", "context", "action", "required", "weight", "references", "options",
                 "scale", "min", "max", "integer", "unit", "max_length", "show_if", "domain", "csf", "guideline",
                 "guideline_section", "checklist", "min_tier", "critical", "informational", "at_most", "objective"});
    q.id = r.identifier(t, "id", "a question");
    const std::string name = q.id.empty() ? std::string("a question") : fmt::format("question '{}'", q.id);
    q.section = r.string(t, "section", name, true).value_or("");

    bool typeKnown = false;
    if (auto typeName = r.string(t, "type", name, true)) {
        if (auto type = parseQuestionType(*typeName)) {
            q.type = *type;
            typeKnown = true;
        } else {
            r.error(*t.get("type"), fmt::format("unknown type '{}' of {} (use single_choice, multi_choice, yes_no, level, "
                                                "number, date or text)",
                                                *typeName, name));
        }
    }
    q.text = r.text(t, "text", name, true);
    q.help = r.text(t, "help", name, false);
    q.context = r.text(t, "context", name, false);
    q.action = r.text(t, "action", name, false);
    if (t.contains("objective"))
        if (auto objective = r.integer(t, "objective", name, 1, 100)) q.objective = *objective;
    q.required = r.boolean(t, "required", name).value_or(true);
    if (auto w = r.number(t, "weight", name)) {
        q.weight = *w;
        if (q.weight <= 0 || q.weight > 10)
            r.error(*t.get("weight"), fmt::format("weight {} of {} is out of range: use a number above 0 and at most 10", q.weight, name));
    }
    if (const toml::node* refs = t.get("references")) {
        if (const toml::array* a = refs->as_array()) {
            for (const auto& e : *a) {
                if (const auto* s = e.as_string()) {
                    q.references.push_back(s->get());
                } else {
                    r.error(e, fmt::format("references of {} must be strings", name));
                }
            }
        } else {
            r.error(*refs, fmt::format("references of {} must be an array of strings", name));
        }
    }

    const bool hasOptions = t.contains("options");
    const auto scale = r.string(t, "scale", name, false);
    if (!typeKnown) return q;  // the type decides which other fields apply
    switch (q.type) {
    case QuestionType::SingleChoice:
    case QuestionType::MultiChoice:
        if (hasOptions && scale) {
            r.error(*t.get("scale"), fmt::format("{} has both options and a scale; use one of them", name));
        } else if (scale) {
            auto it = std::find_if(scales.begin(), scales.end(), [&](const auto& s) { return s.first == *scale; });
            if (it == scales.end()) {
                r.error(*t.get("scale"), fmt::format("{} uses scale '{}', which is not defined in this file", name, *scale));
            } else {
                q.options = it->second;
            }
        } else if (hasOptions) {
            q.options = readOptions(r, t, name, exercise);
        } else {
            r.error(q.pos, fmt::format("{} is a choice but has neither options nor a scale", name));
        }
        if ((hasOptions || scale) && q.options.empty() && !scale)
            r.error(q.pos, fmt::format("{} has an empty list of options", name));
        break;
    case QuestionType::YesNo:
        if (hasOptions || scale) r.error(q.pos, fmt::format("{} is yes_no, whose options are built in; remove options/scale", name));
        q.options = yesNoOptions();
        break;
    default:
        if (hasOptions || scale)
            r.error(q.pos, fmt::format("{} is of type {}, which takes no options", name, questionTypeName(q.type)));
        break;
    }

    if (q.type == QuestionType::Number) {
        const auto min = r.number(t, "min", name);
        const auto max = r.number(t, "max", name);
        if (!min || !max) r.error(q.pos, fmt::format("{} is a number question and needs both min and max", name));
        q.min = min.value_or(0);
        q.max = max.value_or(0);
        if (min && max && *min > *max) r.error(*t.get("min"), fmt::format("{} has min {} greater than max {}", name, *min, *max));
        q.integer = r.boolean(t, "integer", name).value_or(false);
        q.unit = r.text(t, "unit", name, false);
        if (const toml::node* node = t.get("at_most")) {
            const toml::array* ids = node->as_array();
            if (!ids) r.error(*node, fmt::format("'at_most' of {} must be an array of question ids", name));
            for (std::size_t i = 0; ids && i < ids->size(); ++i) {
                if (const auto* id = (*ids)[i].as_string()) q.atMost.push_back({id->get(), posOf((*ids)[i])});
                else r.error((*ids)[i], fmt::format("'at_most' of {} must hold question ids (strings)", name));
            }
        }
    } else {
        for (auto key : {"min", "max", "integer", "unit", "at_most"})
            if (const toml::node* n = t.get(key))
                r.error(*n, fmt::format("'{}' applies only to number questions, and {} is {}", key, name, questionTypeName(q.type)));
    }
    if (const toml::node* node = t.get("max_length")) {
        if (q.type != QuestionType::Text) r.error(*node, "'max_length' applies only to text questions");
        else if (auto maxLength = r.integer(t, "max_length", name, 1, 10000)) q.maxLength = *maxLength;
    }

    if (const toml::node* showIf = t.get("show_if")) {
        q.showIf = readCondition(r, *showIf, fmt::format("the show_if of {}", name));
    }

    q.domain = r.string(t, "domain", name, false).value_or("");
    q.csf = r.string(t, "csf", name, false).value_or("");
    q.guideline = r.string(t, "guideline", name, false).value_or("");
    q.guidelineSection = r.string(t, "guideline_section", name, false).value_or("");
    q.checklist = r.string(t, "checklist", name, false).value_or("");
    q.minTier = r.string(t, "min_tier", name, false).value_or("");
    q.critical = r.boolean(t, "critical", name).value_or(false);
    q.informational = r.boolean(t, "informational", name).value_or(false);
    return q;
}

void readHeader(Reader& r, const toml::table& root, Questionnaire& q) {
    const toml::node* node = root.get("questionnaire");
    const toml::table* h = node ? node->as_table() : nullptr;
    if (!h) {
        r.error(SourcePos{1, 1}, "the file has no [questionnaire] table with id, version, kind, title and description");
        return;
    }
    r.allowOnly(*h, "[questionnaire]",
                {"id", "version", "kind", "title", "description", "duration_minutes", "objectives", "scenario"});
    q.id = r.identifier(*h, "id", "[questionnaire]");
    q.version = r.string(*h, "version", "[questionnaire]", true).value_or("");
    if (auto kindName = r.string(*h, "kind", "[questionnaire]", true)) {
        if (auto kind = parseKind(*kindName)) {
            q.kind = *kind;
        } else {
            r.error(*h->get("kind"), fmt::format("unknown kind '{}' (use facility_profile, security_measures, "
                                                 "staff_skills, exercise or sample)",
                                                 *kindName));
        }
    }
    q.title = r.text(*h, "title", "[questionnaire]", true);
    q.description = r.text(*h, "description", "[questionnaire]", true);

    const bool exercise = q.kind == Kind::Exercise;
    if (exercise) {
        if (!h->contains("duration_minutes")) r.error(posOf(*h), "an exercise needs duration_minutes between 1 and 600");
        else if (auto minutes = r.integer(*h, "duration_minutes", "[questionnaire]", 1, 600)) q.durationMinutes = *minutes;
        q.scenario = r.text(*h, "scenario", "[questionnaire]", true);
        const toml::node* objectives = h->get("objectives");
        const toml::array* a = objectives ? objectives->as_array() : nullptr;
        if (!a || a->empty()) {
            r.error(objectives ? posOf(*objectives) : posOf(*h), "an exercise needs a non-empty array of objectives");
        } else {
            for (const auto& e : *a) q.objectives.push_back(r.textOf(e, "an objective"));
        }
    } else {
        for (auto key : {"duration_minutes", "objectives", "scenario"})
            if (const toml::node* n = h->get(key)) r.error(*n, fmt::format("'{}' is only for exercises", key));
    }
}

}  // namespace

FileResult parseQuestionnaire(std::string_view text, const std::string& file, const LoadContext& context) {
    FileResult result;
    Reader r(file, result.diagnostics);

    auto parsed = detail::parseToml(r, text);
    if (!parsed) return result;
    const toml::table& root = *parsed;

    Questionnaire q;
    q.file = file;
    q.source = std::string(text);
    q.contentHash = sha256Hex(text);
    r.allowOnly(root, "the file", {"questionnaire", "scales", "sections", "questions"});
    readHeader(r, root, q);
    const bool exercise = q.kind == Kind::Exercise;

    std::vector<std::pair<std::string, std::vector<Option>>> scales;
    std::set<std::string> scaleIds;
    for (const toml::table* t : r.tables(root, "scales", "the file")) {
        r.allowOnly(*t, "a scale", {"id", "options"});
        std::string id = r.identifier(*t, "id", "a scale");
        if (!id.empty() && !scaleIds.insert(id).second) r.error(posOf(*t), fmt::format("scale '{}' is defined twice", id));
        auto options = readOptions(r, *t, fmt::format("scale '{}'", id), exercise);
        if (options.empty()) r.error(posOf(*t), fmt::format("scale '{}' has no options", id));
        scales.emplace_back(std::move(id), std::move(options));
    }

    for (const toml::table* t : r.tables(root, "sections", "the file")) {
        Section s;
        s.pos = posOf(*t);
        r.allowOnly(*t, "a section", {"id", "title", "description"});
        s.id = r.identifier(*t, "id", "a section");
        s.title = r.text(*t, "title", fmt::format("section '{}'", s.id), true);
        s.description = r.text(*t, "description", fmt::format("section '{}'", s.id), false);
        q.sections.push_back(std::move(s));
    }
    if (!root.contains("sections")) r.error(SourcePos{1, 1}, "the file has no [[sections]]");

    for (const toml::table* t : r.tables(root, "questions", "the file"))
        q.questions.push_back(readQuestion(r, *t, scales, exercise));
    if (q.questions.empty() && !root.contains("questions")) r.error(SourcePos{1, 1}, "the file has no [[questions]]");

    validate(q, context, result.diagnostics);
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
    });
    if (result.diagnostics.empty()) result.questionnaire = std::move(q);
    return result;
}

namespace {


}  // namespace

FileResult loadQuestionnaireFile(const std::filesystem::path& path, const LoadContext& context) {
    const auto text = readFile(path);
    if (!text) {
        FileResult result;
        result.diagnostics.push_back({path.string(), {0, 0}, readProblem(text.error(), path)});
        return result;
    }
    return parseQuestionnaire(*text, path.string(), context);
}

std::vector<Domain> parseDomains(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
    Reader r(file, diagnostics);
    std::vector<Domain> domains;
    auto parsed = detail::parseToml(r, text);
    if (!parsed) return domains;
    const toml::table& root = *parsed;
    r.allowOnly(root, "the domains file", {"domains"});
    std::set<std::string> seen;
    for (const toml::table* t : r.tables(root, "domains", "the domains file")) {
        r.allowOnly(*t, "a domain", {"id", "name", "short"});
        Domain d;
        d.id = r.identifier(*t, "id", "a domain");
        d.name = r.text(*t, "name", fmt::format("domain '{}'", d.id), true);
        d.shortName = t->contains("short") ? r.text(*t, "short", fmt::format("domain '{}'", d.id), true) : d.name;
        if (!d.id.empty() && !seen.insert(d.id).second) r.error(posOf(*t), fmt::format("domain '{}' is defined twice", d.id));
        domains.push_back(std::move(d));
    }
    if (domains.empty()) r.error(SourcePos{1, 1}, "the domains file defines no [[domains]]");
    return domains;
}

const Questionnaire* Catalog::find(std::string_view id) const {
    for (const auto& q : questionnaires)
        if (q.id == id) return &q;
    return nullptr;
}

namespace {

// The *.toml files of one folder. Entries that cannot be questionnaires (links to devices or
// FIFOs, dangling or looping links, unreadable entries) are named in a warning, never read.
void listTomlFiles(const std::filesystem::path& folder, std::vector<std::filesystem::path>& files, Diagnostics& warnings) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        warnings.push_back({folder.string(), {0, 0}, fmt::format("the folder cannot be read ({}); its files were skipped", ec.message())});
        return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) {
            warnings.push_back({folder.string(), {0, 0}, fmt::format("the folder could not be read to the end ({})", ec.message())});
            return;
        }
        const fs::path path = it->path();
        if (path.extension() != ".toml") continue;
        std::error_code statError;
        const auto status = fs::status(path, statError);  // follows links
        if (statError || !fs::exists(status)) {
            warnings.push_back({path.string(), {0, 0},
                                fmt::format("skipped: a link that leads nowhere readable ({})",
                                            statError ? statError.message() : std::string("its target does not exist"))});
        } else if (fs::is_directory(status)) {
            warnings.push_back({path.string(), {0, 0}, "skipped: a folder named like a questionnaire file"});
        } else if (!fs::is_regular_file(status)) {
            warnings.push_back({path.string(), {0, 0}, "skipped: not a regular file (a device, FIFO or socket)"});
        } else {
            files.push_back(path);
        }
    }
}

}  // namespace

Catalog loadCatalog(const std::filesystem::path& folder) {
    namespace fs = std::filesystem;
    Catalog catalog;
    std::error_code ec;
    // "questionnaires/" and "questionnaires" must behave alike.
    const fs::path dir = normalPath(folder);
    if (!fs::is_directory(dir, ec)) {
        catalog.diagnostics.push_back({folder.string(), {0, 0}, "is not a folder of questionnaires"});
        return catalog;
    }

    std::vector<fs::path> files;
    listTomlFiles(dir, files, catalog.warnings);
    if (fs::is_directory(dir / "exercises", ec)) listTomlFiles(dir / "exercises", files, catalog.warnings);
    std::sort(files.begin(), files.end());

    LoadContext context;
    const fs::path domainsFile = dir / "domains.toml";
    if (fs::exists(domainsFile, ec)) {
        ++catalog.filesRead;
        if (auto text = readFile(domainsFile)) {
            context.domains = parseDomains(*text, domainsFile.string(), catalog.diagnostics);
            context.domainsLoaded = true;
        } else {
            catalog.diagnostics.push_back({domainsFile.string(), {0, 0}, readProblem(text.error(), domainsFile)});
        }
    }
    catalog.domains = context.domains;

    std::vector<std::pair<std::string, std::string>> seenIds;  // id, file
    for (const auto& file : files) {
        const auto name = file.filename();
        // Catalogues, read by their own loaders (domains here, tiers and recommendation by scoring,
        // qualifications by the skill matrix, advisors by the advisor directory).
        if (file.parent_path() == dir && (name == "domains.toml" || name == "tiers.toml" || name == "recommendation.toml" ||
                                            name == "qualifications.toml" || name == "advisors.toml"))
            continue;
        ++catalog.filesRead;
        ++catalog.questionnaireFiles;
        FileResult result = loadQuestionnaireFile(file, context);
        for (auto& d : result.diagnostics) catalog.diagnostics.push_back(std::move(d));
        if (!result.questionnaire) continue;
        auto seen = std::find_if(seenIds.begin(), seenIds.end(), [&](const auto& p) { return p.first == result.questionnaire->id; });
        if (seen != seenIds.end()) {
            catalog.diagnostics.push_back({file.string(), {1, 1},
                                           fmt::format("questionnaire id '{}' is already used by {}; ids must be unique",
                                                       result.questionnaire->id, seen->second)});
            continue;
        }
        seenIds.emplace_back(result.questionnaire->id, file.string());
        catalog.questionnaires.push_back(std::move(*result.questionnaire));
    }
    // Home lists the facility's assessments first, then staff and practice, and the exercises under
    // a heading of their own at the end.
    const auto rank = [](Kind kind) { return kind == Kind::Exercise ? 5 : static_cast<int>(kind); };
    std::stable_sort(catalog.questionnaires.begin(), catalog.questionnaires.end(),
                     [&rank](const Questionnaire& a, const Questionnaire& b) { return rank(a.kind) < rank(b.kind); });
    return catalog;
}

}  // namespace kiosk::questionnaire
