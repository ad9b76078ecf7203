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

#include "questionnaire/validator.hpp"
#include "util/hash.hpp"
#include "util/utf8.hpp"

namespace kiosk::questionnaire {
namespace {

SourcePos posOf(const toml::node& node) {
    const auto& begin = node.source().begin;
    return {static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

bool isIdentifier(std::string_view s) {
    if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// Reads typed fields out of TOML tables and records what is wrong, so that a file's problems
// are all reported in one pass.
class Reader {
public:
    Reader(std::string file, Diagnostics& diagnostics) : m_file(std::move(file)), m_diagnostics(diagnostics) {}

    void error(SourcePos pos, std::string message) { m_diagnostics.push_back({m_file, pos, std::move(message)}); }
    void error(const toml::node& node, std::string message) { error(posOf(node), std::move(message)); }

    // Flags keys that the format does not know: a misspelt `requried` would otherwise be ignored.
    void allowOnly(const toml::table& table, std::string_view where, std::initializer_list<std::string_view> keys) {
        for (auto&& [key, value] : table) {
            if (std::find(keys.begin(), keys.end(), key.str()) != keys.end()) continue;
            std::string known;
            for (auto k : keys) known += (known.empty() ? "" : ", ") + std::string(k);
            error(posOf(value), fmt::format("unknown key '{}' in {} (known keys: {})", key.str(), where, known));
        }
    }

    std::optional<std::string> string(const toml::table& table, std::string_view key, std::string_view where,
                                      bool required) {
        const toml::node* node = table.get(key);
        if (!node) {
            if (required) error(posOf(table), fmt::format("{} is missing '{}'", where, key));
            return std::nullopt;
        }
        if (const auto* s = node->as_string()) return s->get();
        error(*node, fmt::format("'{}' in {} must be a string", key, where));
        return std::nullopt;
    }

    std::string identifier(const toml::table& table, std::string_view key, std::string_view where, bool required = true) {
        auto value = string(table, key, where, required);
        if (!value) return {};
        if (!isIdentifier(*value)) {
            error(*table.get(key), fmt::format("'{}' = \"{}\" in {} is not a valid id: use lower-case letters, digits "
                                               "and _, starting with a letter",
                                               key, *value, where));
        }
        return *value;
    }

    LocalizedText text(const toml::table& table, std::string_view key, std::string_view where, bool required) {
        const toml::node* node = table.get(key);
        if (!node) {
            if (required) error(posOf(table), fmt::format("{} is missing '{}' (write {} = {{ ja = \"…\", en = \"…\" }})", where, key, key));
            return {};
        }
        return textOf(*node, fmt::format("'{}' of {}", key, where));
    }

    LocalizedText textOf(const toml::node& node, const std::string& what) {
        const toml::table* t = node.as_table();
        if (!t) {
            error(node, fmt::format("{} must be a table with ja and en text: {{ ja = \"…\", en = \"…\" }}", what));
            return {};
        }
        allowOnly(*t, what, {"ja", "en"});
        LocalizedText out;
        for (auto [lang, target] : {std::pair<std::string_view, std::string*>{"ja", &out.ja}, {"en", &out.en}}) {
            const toml::node* n = t->get(lang);
            if (!n) {
                error(node, fmt::format("{} has no {} text; both ja and en are required", what, lang));
            } else if (const auto* s = n->as_string()) {
                *target = s->get();
                if (target->empty()) error(*n, fmt::format("{} has empty {} text", what, lang));
            } else {
                error(*n, fmt::format("{} text of {} must be a string", lang, what));
            }
        }
        return out;
    }

    std::optional<double> number(const toml::table& table, std::string_view key, std::string_view where) {
        const toml::node* node = table.get(key);
        if (!node) return std::nullopt;
        if (const auto* i = node->as_integer()) return static_cast<double>(i->get());
        if (const auto* f = node->as_floating_point()) return f->get();
        error(*node, fmt::format("'{}' in {} must be a number", key, where));
        return std::nullopt;
    }

    std::optional<bool> boolean(const toml::table& table, std::string_view key, std::string_view where) {
        const toml::node* node = table.get(key);
        if (!node) return std::nullopt;
        if (const auto* b = node->as_boolean()) return b->get();
        error(*node, fmt::format("'{}' in {} must be true or false", key, where));
        return std::nullopt;
    }

    // An array of tables, e.g. [[questions]]. A missing key gives an empty list.
    std::vector<const toml::table*> tables(const toml::table& table, std::string_view key, std::string_view where) {
        std::vector<const toml::table*> out;
        const toml::node* node = table.get(key);
        if (!node) return out;
        const toml::array* array = node->as_array();
        if (!array) {
            error(*node, fmt::format("'{}' in {} must be an array of tables (use [[{}]])", key, where, key));
            return out;
        }
        for (const auto& element : *array) {
            if (const auto* t = element.as_table()) {
                out.push_back(t);
            } else {
                error(element, fmt::format("every entry of '{}' in {} must be a table", key, where));
            }
        }
        return out;
    }

    const std::string& file() const { return m_file; }

private:
    std::string m_file;
    Diagnostics& m_diagnostics;
};

// The document, or nothing when the bytes are not UTF-8 or not TOML (both reported).
std::optional<toml::table> parseToml(Reader& r, std::string_view text) {
    if (auto bad = utf8::firstInvalid(text)) {
        r.error(*bad, "the file is not valid UTF-8 here; save it as UTF-8");
        return std::nullopt;
    }
    try {
        return toml::parse(text, r.file());
    } catch (const toml::parse_error& e) {
        const auto& begin = e.source().begin;
        r.error(SourcePos{static_cast<int>(begin.line), static_cast<int>(begin.column)},
                fmt::format("TOML syntax error: {}", e.description()));
        return std::nullopt;
    }
}

Option readOption(Reader& r, const toml::table& t, const std::string& where, bool exercise) {
    Option o;
    o.pos = posOf(t);
    r.allowOnly(t, where, {"id", "label", "score", "unknown", "not_applicable", "best", "explanation"});
    o.id = r.identifier(t, "id", where);
    const std::string name = o.id.empty() ? where : fmt::format("option '{}'", o.id);
    o.label = r.text(t, "label", name, true);
    o.unknown = r.boolean(t, "unknown", name).value_or(false);
    o.notApplicable = r.boolean(t, "not_applicable", name).value_or(false);
    o.best = r.boolean(t, "best", name).value_or(false);
    o.explanation = r.text(t, "explanation", name, exercise);
    o.score = r.number(t, "score", name);
    if (o.score && (*o.score < 0 || *o.score > 100)) {
        r.error(*t.get("score"), fmt::format("score {} of {} is out of range: scores run from 0 to 100", *o.score, name));
    }
    if (!o.score && !o.notApplicable && !t.get("score")) {
        r.error(o.pos, fmt::format("{} has no score (0–100); only options with not_applicable = true may leave it out", name));
    }
    if (o.score && o.notApplicable) {
        r.error(*t.get("score"), fmt::format("{} is not_applicable and so is left out of scoring; remove its score", name));
    }
    return o;
}

std::vector<Option> readOptions(Reader& r, const toml::table& owner, const std::string& where, bool exercise) {
    std::vector<Option> options;
    for (const toml::table* t : r.tables(owner, "options", where))
        options.push_back(readOption(r, *t, fmt::format("an option of {}", where), exercise));
    return options;
}

Condition readCondition(Reader& r, const toml::node& node, const std::string& where) {
    Condition c;
    c.pos = posOf(node);
    const toml::table* t = node.as_table();
    if (!t) {
        r.error(node, fmt::format("a condition in {} must be a table: {{ all = [...] }}, {{ any = [...] }} or "
                                  "{{ question = \"…\", op = \"…\", value = … }}",
                                  where));
        return c;
    }
    const bool isAll = t->contains("all");
    const bool isAny = t->contains("any");
    if (isAll || isAny) {
        r.allowOnly(*t, fmt::format("a condition group in {}", where), {"all", "any"});
        if (isAll && isAny) {
            r.error(node, fmt::format("a condition group in {} has both 'all' and 'any'; nest one inside the other", where));
        }
        c.kind = isAll ? Condition::Kind::All : Condition::Kind::Any;
        const toml::node* list = t->get(isAll ? "all" : "any");
        const toml::array* array = list->as_array();
        if (!array || array->empty()) {
            r.error(*list, fmt::format("'{}' in {} must be a non-empty array of conditions", isAll ? "all" : "any", where));
            return c;
        }
        for (const auto& child : *array) c.children.push_back(readCondition(r, child, where));
        return c;
    }

    c.kind = Condition::Kind::Test;
    r.allowOnly(*t, fmt::format("a condition in {}", where), {"question", "op", "value"});
    c.question = r.string(*t, "question", fmt::format("a condition in {}", where), true).value_or("");
    const auto opName = r.string(*t, "op", fmt::format("a condition in {}", where), true);
    if (opName) {
        if (auto op = parseConditionOp(*opName)) {
            c.op = *op;
        } else {
            r.error(*t->get("op"), fmt::format("unknown op '{}' in {} (use equals, not_equals, in, not_in, contains, "
                                               "gt, ge, lt, le, answered or unanswered)",
                                               *opName, where));
            return c;
        }
    }
    const toml::node* value = t->get("value");
    const bool needsValue = c.op != ConditionOp::Answered && c.op != ConditionOp::Unanswered;
    if (!needsValue) {
        if (value) r.error(*value, fmt::format("op '{}' takes no value", conditionOpName(c.op)));
        return c;
    }
    if (!value) {
        r.error(node, fmt::format("a condition with op '{}' in {} needs a value", conditionOpName(c.op), where));
        return c;
    }
    if (const auto* s = value->as_string()) {
        c.ids.push_back(s->get());
    } else if (const auto* i = value->as_integer()) {
        c.number = static_cast<double>(i->get());
    } else if (const auto* f = value->as_floating_point()) {
        c.number = f->get();
    } else if (const auto* a = value->as_array()) {
        for (const auto& e : *a) {
            if (const auto* es = e.as_string()) {
                c.ids.push_back(es->get());
            } else {
                r.error(e, fmt::format("the values of op '{}' must be option ids (strings)", conditionOpName(c.op)));
            }
        }
    } else {
        r.error(*value, "a condition value must be an option id, a number or an array of option ids");
    }
    return c;
}

Question readQuestion(Reader& r, const toml::table& t, const std::vector<std::pair<std::string, std::vector<Option>>>& scales,
                      bool exercise) {
    Question q;
    q.pos = posOf(t);
    r.allowOnly(t, "a question",
                {"id", "section", "type", "text", "help", "context", "required", "weight", "references", "options",
                 "scale", "min", "max", "integer", "unit", "max_length", "show_if", "domain", "csf", "guideline",
                 "guideline_section", "checklist", "min_tier", "critical"});
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
    } else {
        for (auto key : {"min", "max", "integer", "unit"})
            if (const toml::node* n = t.get(key))
                r.error(*n, fmt::format("'{}' applies only to number questions, and {} is {}", key, name, questionTypeName(q.type)));
    }
    if (auto maxLength = r.number(t, "max_length", name)) {
        if (q.type != QuestionType::Text) {
            r.error(*t.get("max_length"), fmt::format("'max_length' applies only to text questions", name));
        } else if (*maxLength < 1 || *maxLength > 10000) {
            r.error(*t.get("max_length"), fmt::format("max_length of {} must be between 1 and 10000", name));
        } else {
            q.maxLength = static_cast<int>(*maxLength);
        }
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
        const auto minutes = r.number(*h, "duration_minutes", "[questionnaire]");
        if (!minutes || *minutes < 1 || *minutes > 600) {
            r.error(posOf(*h), "an exercise needs duration_minutes between 1 and 600");
        } else {
            q.durationMinutes = static_cast<int>(*minutes);
        }
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

    auto parsed = parseToml(r, text);
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

std::optional<std::string> readWholeFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void checkTomlSyntax(const std::filesystem::path& path, Diagnostics& diagnostics) {
    Reader r(path.string(), diagnostics);
    const auto text = readWholeFile(path);
    if (!text) {
        r.error(SourcePos{0, 0}, "cannot read the file");
        return;
    }
    (void)parseToml(r, *text);
}

}  // namespace

FileResult loadQuestionnaireFile(const std::filesystem::path& path, const LoadContext& context) {
    const auto text = readWholeFile(path);
    if (!text) {
        FileResult result;
        result.diagnostics.push_back({path.string(), {0, 0}, "cannot read the file"});
        return result;
    }
    return parseQuestionnaire(*text, path.string(), context);
}

std::vector<Domain> parseDomains(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
    Reader r(file, diagnostics);
    std::vector<Domain> domains;
    auto parsed = parseToml(r, text);
    if (!parsed) return domains;
    const toml::table& root = *parsed;
    r.allowOnly(root, "the domains file", {"domains"});
    std::set<std::string> seen;
    for (const toml::table* t : r.tables(root, "domains", "the domains file")) {
        r.allowOnly(*t, "a domain", {"id", "name"});
        Domain d;
        d.id = r.identifier(*t, "id", "a domain");
        d.name = r.text(*t, "name", fmt::format("domain '{}'", d.id), true);
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

Catalog loadCatalog(const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    Catalog catalog;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        catalog.diagnostics.push_back({dir.string(), {0, 0}, "is not a folder of questionnaires"});
        return catalog;
    }

    std::vector<fs::path> files;
    for (const fs::path& sub : {dir, dir / "exercises"}) {
        if (!fs::is_directory(sub, ec)) continue;
        for (const auto& entry : fs::directory_iterator(sub, ec))
            if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());

    LoadContext context;
    const fs::path domainsFile = dir / "domains.toml";
    if (fs::exists(domainsFile, ec)) {
        ++catalog.filesRead;
        if (auto text = readWholeFile(domainsFile)) {
            context.domains = parseDomains(*text, domainsFile.string(), catalog.diagnostics);
            context.domainsLoaded = true;
        } else {
            catalog.diagnostics.push_back({domainsFile.string(), {0, 0}, "cannot read the file"});
        }
    }
    catalog.domains = context.domains;

    // The tier rules are read by the scoring module; here they are only checked for syntax so
    // that `validate` reports a broken file.
    const fs::path tiersFile = dir / "tiers.toml";
    if (fs::exists(tiersFile, ec)) {
        ++catalog.filesRead;
        checkTomlSyntax(tiersFile, catalog.diagnostics);
    }

    std::vector<std::pair<std::string, std::string>> seenIds;  // id, file
    for (const auto& file : files) {
        const auto name = file.filename();
        if (file.parent_path() == dir && (name == "domains.toml" || name == "tiers.toml")) continue;
        ++catalog.filesRead;
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
    // Home lists the facility's assessments first, then staff, exercises and practice.
    std::stable_sort(catalog.questionnaires.begin(), catalog.questionnaires.end(),
                     [](const Questionnaire& a, const Questionnaire& b) { return a.kind < b.kind; });
    return catalog;
}

}  // namespace kiosk::questionnaire
