// Shared TOML reading helpers (see toml_reader.hpp).
#include "questionnaire/toml_reader.hpp"

#include "util/utf8.hpp"

namespace kiosk::questionnaire::detail {

SourcePos posOf(const toml::node& node) {
    const auto& begin = node.source().begin;
    return {static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

bool isIdentifier(std::string_view s) {
    if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

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
    } else if (value->is_integer() || value->is_floating_point()) {
        c.number = r.numberOf(*value, fmt::format("the value of a condition in {}", where));
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

}  // namespace kiosk::questionnaire::detail
