// The skill matrix: people × skills as a heatmap (level as colour and number), the target level
// of the facility's tier, how many people reach it per skill and per person, filters, sorting by
// any column, a person's qualifications and development path, and CSV import and export.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <utility>

#include "i18n/strings.hpp"
#include "ui/app_state.hpp"
#include "ui/fonts.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {
namespace {

using skills::Person;

PersonDraft draftFor(const AppState& state, const Person* existing);  // the editor, below

constexpr float kCellWidth = 64.0f;  // at least; wider when the column label needs it
constexpr float kNameWidth = 190.0f;
constexpr float kRowHeight = 48.0f;  // a row is tapped to open its person
constexpr float kOverlayBelow = 1400.0f;  // narrower windows show the person over the table, not beside it

// Levels 0–4 from pale to dark; the number is always drawn, so colour is never the only cue.
ImVec4 levelColour(int level) {
    static const ImVec4 colours[] = {{0.93f, 0.94f, 0.96f, 1}, {0.80f, 0.88f, 0.95f, 1}, {0.55f, 0.74f, 0.88f, 1},
                                     {0.20f, 0.50f, 0.74f, 1}, {0.06f, 0.30f, 0.52f, 1}};
    return colours[std::clamp(level, 0, 4)];
}

int levelOf(const Person& p, const std::string& skill) {
    if (!p.latest) return -1;
    auto it = p.latest->levels.find(skill);
    return it == p.latest->levels.end() ? -1 : it->second;
}

int targetLevel(const AppState& state) { return state.services.skills->catalog().policy.targetFor(state.matrix.tier); }

int atTarget(const AppState& state, const Person& p) {
    int n = 0;
    for (const auto& s : state.services.skills->catalog().skills) n += levelOf(p, s.id) >= targetLevel(state);
    return n;
}

void reload(AppState& state) {
    auto& m = state.matrix;
    m.stale = false;
    m.error.clear();
    if (!m.tierChosen && state.services.scoring) {
        if (auto tier = state.services.scoring->latestExpectedTier()) m.tier = *tier;
        m.tierChosen = true;
    }
    if (auto* advisors = state.services.advisors) {
        auto consent = advisors->directoryConsent();
        if (consent) m.directoryConsent = {consent->begin(), consent->end()};
        else m.error = consent.error();
    }
    auto people = state.services.skills->people();
    if (!people) {
        m.error = people.error();
        return;
    }
    m.people = std::move(*people);
    const auto& catalog = state.services.skills->catalog();
    const auto on = skills::today();
    m.standings.clear();
    for (const auto& p : m.people) m.standings.push_back(skills::standing(p, catalog.policy, on, catalog.dutySkills));
    m.coverage = skills::coverage(m.people, catalog.policy, on, catalog.policy.targetFor(m.tier), catalog.skillIds(), catalog.dutySkills);
    m.order.clear();
}

std::string shortLabel(const AppState& state, const skills::SkillDef& skill, int ordinal) {
    for (const auto& d : state.services.catalog->domains)
        if (d.id == skill.domain) return fmt::format("{}{}", d.shortName.get(state.lang), ordinal);
    return skill.id;
}

// Rows after the filters, sorted by the table's sort column (name, row summary or a skill).
void applyFilterAndSort(AppState& state, const ImGuiTableSortSpecs* sort) {
    auto& m = state.matrix;
    const auto& catalog = state.services.skills->catalog();
    m.order.clear();
    for (int i = 0; i < static_cast<int>(m.people.size()); ++i) {
        const auto& p = m.people[static_cast<std::size_t>(i)];
        if (m.roleFilter >= 0 && p.role != catalog.roles[static_cast<std::size_t>(m.roleFilter)].first) continue;
        if (!m.departmentFilter.empty() && p.department != m.departmentFilter) continue;
        m.order.push_back(i);
    }
    if (!sort || sort->SpecsCount == 0) return;
    const auto& spec = sort->Specs[0];
    const bool ascending = spec.SortDirection == ImGuiSortDirection_Ascending;
    std::stable_sort(m.order.begin(), m.order.end(), [&](int a, int b) {
        const auto& pa = m.people[static_cast<std::size_t>(a)];
        const auto& pb = m.people[static_cast<std::size_t>(b)];
        int cmp = 0;
        if (spec.ColumnIndex == 0) cmp = pa.name.compare(pb.name);
        else if (spec.ColumnIndex == 1) cmp = atTarget(state, pa) - atTarget(state, pb);
        else {
            const auto& skill = catalog.skills[static_cast<std::size_t>(spec.ColumnIndex - 2)].id;
            cmp = levelOf(pa, skill) - levelOf(pb, skill);
        }
        return ascending ? cmp < 0 : cmp > 0;
    });
}

void filters(AppState& state) {
    auto& m = state.matrix;
    const auto& catalog = state.services.skills->catalog();
    ImGui::PushFont(state.fonts.small);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(state.tr("matrix.role").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(220);
    const std::string roleLabel = m.roleFilter < 0 ? state.tr("matrix.all") : catalog.roles[static_cast<std::size_t>(m.roleFilter)].second.get(state.lang);
    if (beginCombo("##role", roleLabel.c_str())) {
        if (selectable(state.tr("matrix.all").c_str(), m.roleFilter < 0)) m.roleFilter = -1, m.order.clear();
        for (std::size_t i = 0; i < catalog.roles.size(); ++i)
            if (selectable(catalog.roles[i].second.get(state.lang).c_str(), m.roleFilter == static_cast<int>(i)))
                m.roleFilter = static_cast<int>(i), m.order.clear();
        endCombo();
    }
    ImGui::SameLine(0, 24);
    ImGui::TextUnformatted(state.tr("matrix.department").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(200);
    if (beginCombo("##dept", m.departmentFilter.empty() ? state.tr("matrix.all").c_str() : m.departmentFilter.c_str())) {
        if (selectable(state.tr("matrix.all").c_str(), m.departmentFilter.empty())) m.departmentFilter.clear(), m.order.clear();
        std::set<std::string> departments;
        for (const auto& p : m.people)
            if (!p.department.empty()) departments.insert(p.department);
        for (const auto& d : departments)
            if (selectable(d.c_str(), m.departmentFilter == d)) m.departmentFilter = d, m.order.clear();
        endCombo();
    }
    ImGui::SameLine(0, 24);
    ImGui::TextUnformatted(state.tr("matrix.tier").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(240);
    const std::string tierKey = "matrix.tier_" + m.tier;
    if (beginCombo("##tier", state.tr(tierKey).c_str())) {
        for (const char* tier : {"supported", "self_reliant", "leading"}) {
            if (selectable(state.tr(std::string("matrix.tier_") + tier).c_str(), m.tier == tier)) {
                m.tier = tier;
                m.tierChosen = true;
                m.stale = true;
            }
        }
        endCombo();
    }
    ImGui::PopFont();
}

void summary(AppState& state) {
    const auto& m = state.matrix;
    const auto& c = m.coverage;
    const auto skillNames = [&](const std::vector<std::string>& ids) {
        std::string out;
        int ordinal = 0;
        for (const auto& s : state.services.skills->catalog().skills) {
            ++ordinal;
            if (std::find(ids.begin(), ids.end(), s.id) != ids.end())
                out += (out.empty() ? "" : state.lang == Lang::Ja ? "、" : ", ") + shortLabel(state, s, ordinal);
        }
        return out.empty() ? state.tr("matrix.none") : out;
    };
    const std::string people = i18n::substitute(state.tr("matrix.summary_people"),
                                                {std::to_string(m.people.size()), std::to_string(c.knowledge), std::to_string(c.security),
                                                 std::to_string(c.both), std::to_string(c.dutyHolders)});
    wrappedText(people, state.fonts.small);
    wrappedText(i18n::substitute(state.tr("matrix.summary_gaps"), {std::to_string(c.gaps.size()), skillNames(c.gaps)}), state.fonts.small,
                0, c.gaps.empty() ? nullptr : &theme::kError);
    wrappedText(i18n::substitute(state.tr("matrix.summary_single"), {std::to_string(c.singlePerson.size()), skillNames(c.singlePerson)}),
                state.fonts.small, 0, c.singlePerson.empty() ? nullptr : &theme::kError);
    if (!c.expiringPeople.empty())
        wrappedText(i18n::substitute(state.tr("matrix.summary_expiring"),
                                     {std::to_string(c.expiringPeople.size()), std::to_string(c.securityIfLapsed), std::to_string(c.bothIfLapsed)}),
                    state.fonts.small, 0, &theme::kError);
}

void table(AppState& state, float width, float height) {
    auto& m = state.matrix;
    const auto& catalog = state.services.skills->catalog();
    const int target = targetLevel(state);
    const int columns = 2 + static_cast<int>(catalog.skills.size());
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Sortable |
                                      ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit |
                                      ImGuiTableFlags_RowBg;
    ImGui::PushFont(state.fonts.small);
    // No vertical cell padding: a row is exactly one touch target tall, so more people fit.
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, {ImGui::GetStyle().CellPadding.x, 0});
    const bool open = ImGui::BeginTable("matrix", columns, flags, {width, height});
    ImGui::PopStyleVar();
    if (!open) {
        ImGui::PopFont();
        return;
    }
    ImGui::TableSetupScrollFreeze(2, 1);  // names and the header row stay in view
    ImGui::TableSetupColumn(state.tr("matrix.name").c_str(), ImGuiTableColumnFlags_DefaultSort, kNameWidth);
    ImGui::TableSetupColumn(state.tr("matrix.at_target").c_str(), 0, ImGui::CalcTextSize(state.tr("matrix.at_target").c_str()).x + 28);
    int ordinal = 0;
    for (const auto& skill : catalog.skills) {
        const std::string label = shortLabel(state, skill, ++ordinal);
        ImGui::TableSetupColumn(label.c_str(), ImGuiTableColumnFlags_PreferSortDescending,
                                std::max(kCellWidth, ImGui::CalcTextSize(label.c_str()).x + 28));
    }
    // Under each skill, how many of the people shown reach the target; under the names, how many are shown.
    std::vector<std::string> notes{i18n::substitute(state.tr("matrix.people_shown"), {std::to_string(m.order.size())}),
                                   i18n::substitute(state.tr("matrix.target_note"), {std::to_string(target)})};
    for (const auto& c : m.coverage.skills) notes.push_back(i18n::substitute(state.tr("matrix.reach_note"), {std::to_string(c.atTarget)}));
    tableHeaders(columns, notes);

    ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs();
    if (sort && sort->SpecsDirty) {
        m.order.clear();
        sort->SpecsDirty = false;
        if (sort->SpecsCount > 0 && sort->Specs[0].ColumnIndex >= 2) m.shownSkill = sort->Specs[0].ColumnIndex - 2;
    }
    if (m.order.empty()) applyFilterAndSort(state, sort);

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m.order.size()), kRowHeight);
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const auto& p = m.people[static_cast<std::size_t>(m.order[static_cast<std::size_t>(row)])];
            ImGui::TableNextRow(ImGuiTableRowFlags_None, kRowHeight);
            ImGui::PushID(row);
            ImGui::TableSetColumnIndex(0);
            if (selectable(p.name.c_str(), m.selected == p.id, ImGuiSelectableFlags_SpanAllColumns, {0, kRowHeight})) {
                m.selected = p.id;
                auto history = state.services.skills->history(p.id);
                m.history = history ? std::move(*history) : std::vector<skills::SkillSnapshot>{};
            }
            ImGui::TableSetColumnIndex(1);
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (kRowHeight - ImGui::GetTextLineHeight()) / 2);
            ImGui::Text("%d / %d", atTarget(state, p), static_cast<int>(catalog.skills.size()));
            ImDrawList* draw = ImGui::GetWindowDrawList();
            for (std::size_t s = 0; s < catalog.skills.size(); ++s) {
                ImGui::TableSetColumnIndex(static_cast<int>(s) + 2);
                const int level = levelOf(p, catalog.skills[s].id);
                const ImVec2 at{ImGui::GetCursorScreenPos().x, ImGui::GetCursorScreenPos().y + 4};
                if (level < 0) {
                    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (kRowHeight - ImGui::GetTextLineHeight()) / 2);
                    ImGui::TextDisabled("–");
                    continue;
                }
                const float cell = ImGui::GetContentRegionAvail().x;
                const ImVec2 end{at.x + cell, at.y + kRowHeight - 8};
                draw->AddRectFilled(at, end, ImGui::GetColorU32(levelColour(level)), 4);
                if (level < target) draw->AddRect(at, end, ImGui::GetColorU32(ImVec4{0.85f, 0.40f, 0.05f, 1}), 4, 0, 2);
                const std::string number = std::to_string(level);
                const ImVec2 size = ImGui::CalcTextSize(number.c_str());
                draw->AddText({at.x + (cell - size.x) / 2, at.y + (kRowHeight - 8 - size.y) / 2},
                              ImGui::GetColorU32(level >= 3 ? ImVec4{1, 1, 1, 1} : ImVec4{0.1f, 0.12f, 0.16f, 1}), number.c_str());
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    ImGui::PopFont();
}

void personPanel(AppState& state, float width, float height) {
    auto& m = state.matrix;
    const auto& catalog = state.services.skills->catalog();
    ImGui::BeginChild("person", {width, height}, true);
    const auto it = std::find_if(m.people.begin(), m.people.end(), [&](const Person& p) { return p.id == m.selected; });
    if (it == m.people.end()) {
        wrappedText(state.tr("matrix.pick_person"), nullptr, 0, &theme::kMuted);
        ImGui::EndChild();
        return;
    }
    const Person& p = *it;
    const auto& st = m.standings[static_cast<std::size_t>(it - m.people.begin())];
    const float closeWidth = ImGui::CalcTextSize(state.tr("matrix.close").c_str()).x + 40;
    ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - closeWidth);
    if (bigButton((state.tr("matrix.close") + "##closeperson").c_str(), {closeWidth, theme::kMinTouch})) {
        m.selected = 0;
        ImGui::EndChild();
        return;
    }
    wrappedText(p.name, state.fonts.large);
    if (permitted(state, auth::Gate::PeopleEdit) && bigButton((state.tr("matrix.edit") + "##edit").c_str(), {140, theme::kMinTouch}))
        m.draft = draftFor(state, &p);
    const auto* role = catalog.role(p.role);
    wrappedText(fmt::format("{}  ·  {}  ·  {}", role ? role->get(state.lang) : p.role, p.department,
                            state.tr("matrix.employment_" + std::string(skills::employmentName(p.employment)))),
                state.fonts.small, 0, &theme::kMuted);
    std::string standing = st.both() ? state.tr("matrix.standing_both")
                           : st.knowledge ? state.tr("matrix.standing_knowledge")
                           : st.security  ? state.tr("matrix.standing_security")
                                          : state.tr("matrix.standing_none");
    if (st.dutyHolder) standing += " · " + state.tr("matrix.duty_holder");
    wrappedText(standing, nullptr, 0, st.both() ? &theme::kSelected : nullptr);
    // Whether the person agreed to appear in the advisor list the facility publishes for its region
    // (advisors publish): the administrator records it, others see it.
    if (auto* advisors = state.services.advisors) {
        bool agreed = m.directoryConsent.count(p.id) > 0;
        if (permitted(state, auth::Gate::PeopleEdit)) {
            // A whole sentence: an option that wraps it, as wide as the panel.
            if (optionButton("consent", (agreed ? "■ " : "□ ") + state.tr("matrix.directory_consent"), agreed ? "✓" : "",
                             ImGui::GetContentRegionAvail().x, agreed, theme::kMinTouch + 8)) {
                agreed = !agreed;
                if (auto s = advisors->setDirectoryConsent(p.id, agreed); !s) m.error = s.error();
                else if (agreed) m.directoryConsent.insert(p.id);
                else m.directoryConsent.erase(p.id);
            }
        } else if (agreed) {
            wrappedText(state.tr("matrix.directory_consent"), state.fonts.small, 0, &theme::kSelected);
        }
    }

    ImGui::Spacing();
    wrappedText(state.tr("matrix.qualifications"), state.fonts.small, 0, &theme::kAccent);
    if (st.qualifications.empty()) wrappedText(state.tr("matrix.none"), state.fonts.small, 0, &theme::kMuted);
    for (const auto& q : st.qualifications) {
        const std::string status = state.tr("matrix.status_" + std::string(skills::statusName(q.status)));
        const std::string due = q.due ? i18n::substitute(state.tr("matrix.due"), {skills::formatDate(*q.due)}) : std::string();
        const bool warn = q.status != skills::QualificationStatus::Valid;
        wrappedText(fmt::format("{}  {} {}", q.def->name.get(state.lang), status, due), state.fonts.small, 0, warn ? &theme::kError : nullptr);
    }

    const auto path = skills::developmentPath(p, st, targetLevel(state), catalog.skillIds());
    ImGui::Spacing();
    wrappedText(state.tr("matrix.path"), state.fonts.small, 0, &theme::kAccent);
    if (path.nextQualification)
        if (const auto* q = catalog.policy.qualification(*path.nextQualification))
            wrappedText(i18n::substitute(state.tr("matrix.next_qualification"), {q->name.get(state.lang)}), state.fonts.small);
    if (path.healthcareCourse) wrappedText(state.tr("matrix.take_course"), state.fonts.small);
    wrappedText(i18n::substitute(state.tr("matrix.below_target"), {std::to_string(path.skillsBelowTarget.size())}), state.fonts.small);
    int shown = 0;
    for (const auto& id : path.skillsBelowTarget) {
        if (++shown > 6) {
            wrappedText("…", state.fonts.small, 0, &theme::kMuted);
            break;
        }
        if (const auto* skill = catalog.skill(id)) wrappedText("・" + skill->text.get(state.lang), state.fonts.small, 0, &theme::kMuted);
    }

    ImGui::Spacing();
    wrappedText(state.tr("matrix.history"), state.fonts.small, 0, &theme::kAccent);
    for (const auto& h : m.history)
        wrappedText(fmt::format("{}  ({})", h.takenAt.substr(0, 10), state.tr("matrix.source_" + h.source)), state.fonts.small);
    ImGui::EndChild();
}

void exportTo(AppState& state, const std::string& path) {
    auto& m = state.matrix;
    if (auto s = state.services.skills->exportFile(path); !s) m.error = s.error();
    else m.message = i18n::substitute(state.tr("matrix.exported"), {path});
}

void importExport(AppState& state) {
    auto& m = state.matrix;
    ImGui::PushFont(state.fonts.small);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(state.tr("matrix.file").c_str());
    ImGui::SameLine();
    char buffer[512];
    const std::size_t n = std::min(m.path.size(), sizeof buffer - 1);
    std::copy_n(m.path.data(), n, buffer);
    buffer[n] = '\0';
    ImGui::SetNextItemWidth(360);
    if (inputText("##path", nullptr, buffer, sizeof buffer)) m.path = buffer;
    ImGui::SameLine();
    if (permitted(state, auth::Gate::PeopleEdit) &&
        bigButton(state.tr("matrix.import").c_str(), {ImGui::CalcTextSize(state.tr("matrix.import").c_str()).x + 2 * ImGui::GetStyle().FramePadding.x, theme::kMinTouch})) {
        m.message.clear();
        m.error.clear();
        auto report = state.services.skills->importFile(m.path);
        if (!report) {
            m.error = report.error();
        } else if (report->problems() > 0) {
            m.error = i18n::substitute(state.tr("matrix.import_refused"), {std::to_string(report->problems())}) + "\n";
            for (std::size_t i = 0; i < report->errors.size() && i < 5; ++i) m.error += report->errors[i].format() + "\n";
        } else {
            m.message = i18n::substitute(state.tr("matrix.imported"), {std::to_string(report->imported)});
            m.stale = true;
            state.fontsStale = true;
        }
    }
    ImGui::SameLine();
    if (bigButton(state.tr("matrix.export").c_str(), {ImGui::CalcTextSize(state.tr("matrix.export").c_str()).x + 2 * ImGui::GetStyle().FramePadding.x, theme::kMinTouch})) {
        m.message.clear();
        m.error.clear();
        // An existing file is replaced only after the person says so.
        std::error_code ec;
        if (std::filesystem::exists(m.path, ec)) m.confirmOverwrite = m.path;
        else exportTo(state, m.path);
    }
    fullPathLine(state, m.path, nullptr, 0);
    if (!m.confirmOverwrite.empty()) {
        wrappedText(i18n::substitute(state.tr("matrix.overwrite_question"), {m.confirmOverwrite}), nullptr, 0, &theme::kWarning);
        const std::string yes = state.tr("matrix.overwrite");
        const std::string no = state.tr("matrix.cancel");
        if (bigButton((yes + "##overwrite").c_str(), {ImGui::CalcTextSize(yes.c_str()).x + 48, theme::kMinTouch}, true)) {
            exportTo(state, m.confirmOverwrite);
            m.confirmOverwrite.clear();
        }
        ImGui::SameLine();
        if (bigButton((no + "##keepfile").c_str(), {ImGui::CalcTextSize(no.c_str()).x + 48, theme::kMinTouch})) m.confirmOverwrite.clear();
    }
    ImGui::PopFont();
}


PersonDraft draftFor(const AppState& state, const Person* existing) {
    PersonDraft d;
    const auto& catalog = state.services.skills->catalog();
    if (existing) {
        d.person = *existing;
        d.isNew = false;
    } else {
        d.person.role = catalog.roles.empty() ? "" : catalog.roles.front().first;
    }
    if (!d.person.latest) d.person.latest = skills::SkillSnapshot{};
    for (const auto& q : catalog.policy.qualifications) {
        const auto* record = d.person.qualification(q.id);
        d.has[q.id] = record != nullptr;
        d.obtained[q.id] = record && record->obtained ? skills::formatDate(*record->obtained) : "";
        d.renewal[q.id] = record && record->renewalDue ? skills::formatDate(*record->renewalDue) : "";
    }
    return d;
}

// Turns the draft's text into a person, or says which field is wrong.
Result<Person> personFromDraft(const AppState& state, const PersonDraft& d) {
    Person p = d.person;
    p.name = skills::trimPersonText(p.name);
    p.department = skills::trimPersonText(p.department);
    p.qualifications.clear();
    for (const auto& q : state.services.skills->catalog().policy.qualifications) {
        if (!d.has.at(q.id)) continue;
        skills::QualificationRecord record{q.id, std::nullopt, std::nullopt, true};
        if (const auto& r = d.person.qualification(q.id)) record.registered = r->registered;
        for (const auto& [text, target] : {std::pair{&d.obtained.at(q.id), &record.obtained}, {&d.renewal.at(q.id), &record.renewalDue}}) {
            if (text->empty()) continue;
            auto date = skills::parseDate(*text);
            if (!date) return Error{i18n::substitute(state.tr("matrix.bad_date"), {*text, q.name.get(state.lang)})};
            *target = *date;
        }
        p.qualifications.push_back(record);
    }
    p.latest->takenAt.clear();
    p.latest->source = "admin";
    return p;
}

void editor(AppState& state, float width, float height) {
    auto& m = state.matrix;
    auto& d = *m.draft;
    const auto& catalog = state.services.skills->catalog();
    ImGui::BeginChild("editor", {width, height}, true);
    ImGui::PushFont(state.fonts.small);
    wrappedText(state.tr(d.isNew ? "matrix.add_person" : "matrix.edit_person"), state.fonts.large);
    const float field = width - 60;
    ImGui::TextUnformatted(state.tr("matrix.name").c_str());
    textField(state, "##name", d.person.name, field);
    ImGui::TextUnformatted(state.tr("matrix.role").c_str());
    ImGui::SetNextItemWidth(field);
    const auto* role = catalog.role(d.person.role);
    if (beginCombo("##editrole", role ? role->get(state.lang).c_str() : "")) {
        for (const auto& [id, label] : catalog.roles)
            if (selectable(label.get(state.lang).c_str(), id == d.person.role)) d.person.role = id;
        endCombo();
    }
    ImGui::TextUnformatted(state.tr("matrix.department").c_str());
    textField(state, "##department", d.person.department, field);
    for (auto e : {skills::Employment::FullTime, skills::Employment::PartTime, skills::Employment::External}) {
        if (radioButton(state.tr("matrix.employment_" + std::string(skills::employmentName(e))).c_str(), d.person.employment == e))
            d.person.employment = e;
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::TextUnformatted(state.tr("matrix.experience").c_str());
    ImGui::SetNextItemWidth(160);
    {
        int& years = d.person.latest->experienceYears;
        if (bigButton("−##years", {theme::kMinTouch, theme::kMinTouch})) years = std::max(0, years - 1);
        ImGui::SameLine();
        const std::string shown = std::to_string(years);
        ImGui::AlignTextToFramePadding();
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (56 - ImGui::CalcTextSize(shown.c_str()).x) / 2);
        ImGui::TextUnformatted(shown.c_str());
        ImGui::SameLine(0, 0);
        ImGui::Dummy({(56 - ImGui::CalcTextSize(shown.c_str()).x) / 2, 1});
        ImGui::SameLine();
        if (bigButton("+##years", {theme::kMinTouch, theme::kMinTouch})) years = std::min(60, years + 1);
    }
    checkbox(state.tr("matrix.course").c_str(), &d.person.latest->healthcareCourse);

    ImGui::Spacing();
    wrappedText(state.tr("matrix.qualifications"), nullptr, 0, &theme::kAccent);
    for (const auto& q : catalog.policy.qualifications) {
        ImGui::PushID(q.id.c_str());
        bool has = d.has[q.id];
        if (checkbox(q.name.get(state.lang).c_str(), &has)) d.has[q.id] = has;
        if (has) {
            textField(state, "##obtained", d.obtained[q.id], 150, "YYYY-MM-DD");
            ImGui::SameLine();
            textField(state, "##renewal", d.renewal[q.id], 150, state.tr("matrix.renewal_hint").c_str());
        }
        ImGui::PopID();
    }

    ImGui::Spacing();
    wrappedText(state.tr("matrix.levels"), nullptr, 0, &theme::kAccent);
    int ordinal = 0;
    for (const auto& skill : catalog.skills) {
        ImGui::PushID(skill.id.c_str());
        wrappedText(shortLabel(state, skill, ++ordinal) + "  " + skill.text.get(state.lang), nullptr, field);
        auto& levels = d.person.latest->levels;
        const int current = levels.count(skill.id) ? levels.at(skill.id) : -1;
        for (int level = 0; level <= 4; ++level) {
            if (level) ImGui::SameLine();
            if (bigButton((std::to_string(level) + "##l" + std::to_string(level)).c_str(), {theme::kMinTouch, theme::kMinTouch}, current == level)) levels[skill.id] = level;
        }
        ImGui::PopID();
    }
    ImGui::Spacing();
    errorBanner(d.error);
    if (bigButton((state.tr("matrix.save") + "##save").c_str(), {140, 52})) {
        auto person = personFromDraft(state, d);
        Status saved = person ? state.services.skills->recordByAdmin(*person) : Status(Error{person.error()});
        if (!saved) {
            d.error = saved.error();
        } else {
            m.message = i18n::substitute(state.tr("matrix.saved"), {d.person.name});
            m.draft.reset();
            m.stale = true;
            state.fontsStale = true;
        }
    }
    ImGui::SameLine();
    if (m.draft && bigButton((state.tr("matrix.cancel") + "##cancel").c_str(), {140, 52})) m.draft.reset();
    ImGui::PopFont();
    ImGui::EndChild();
}

// The skill last tapped in the table's header, in full, with a button that puts it away.
void shownSkill(AppState& state, float width) {
    auto& m = state.matrix;
    const auto& catalog = state.services.skills->catalog();
    if (m.shownSkill < 0 || m.shownSkill >= static_cast<int>(catalog.skills.size())) return;
    const auto& skill = catalog.skills[static_cast<std::size_t>(m.shownSkill)];
    const std::string close = state.tr("matrix.close") + "##closeskill";
    const float closeWidth = ImGui::CalcTextSize(state.tr("matrix.close").c_str()).x + 40;
    ImGui::BeginGroup();
    wrappedText(shortLabel(state, skill, m.shownSkill + 1) + "  " + skill.text.get(state.lang), state.fonts.small,
                width - closeWidth - theme::kPadding);
    ImGui::EndGroup();
    ImGui::SameLine(width - closeWidth);
    if (bigButton(close.c_str(), {closeWidth, theme::kMinTouch})) m.shownSkill = -1;
}

}  // namespace

void drawMatrix(AppState& state) {
    auto& m = state.matrix;
    // The tools live in the header bar, so that the table keeps the height of the screen.
    std::vector<HeaderTool> tools{{state.tr("matrix.tool_filters"), m.panel == MatrixPanel::Filters},
                                  {state.tr("matrix.tool_summary"), m.panel == MatrixPanel::Summary},
                                  {state.tr("matrix.tool_file"), m.panel == MatrixPanel::File}};
    if (permitted(state, auth::Gate::PeopleEdit)) tools.push_back({state.tr("matrix.add"), m.draft && m.draft->isNew});
    const bool usable = state.services.skills != nullptr;
    if (headerBar(state, state.tr("matrix.title"), true, usable ? &tools : nullptr) || keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        goHome(state);
        return;
    }
    if (!usable) {
        errorBanner(state.tr("matrix.unavailable"));
        return;
    }
    // Personal data: the screen checks the gate itself, whatever opened it.
    if (!admitted(state, auth::Gate::SkillMatrix, Screen::Matrix)) return;
    if (!permitted(state, auth::Gate::PeopleEdit)) m.draft.reset();  // an auditor reads, and edits nothing
    for (auto [index, panel] : {std::pair{0, MatrixPanel::Filters}, {1, MatrixPanel::Summary}, {2, MatrixPanel::File}})
        if (tools[static_cast<std::size_t>(index)].pressed) m.panel = m.panel == panel ? MatrixPanel::None : panel;
    if (tools.size() > 3 && tools[3].pressed) m.draft = draftFor(state, nullptr);
    if (m.stale) reload(state);
    switch (m.panel) {
    case MatrixPanel::Filters:
        filters(state);
        break;
    case MatrixPanel::Summary:
        summary(state);
        break;
    case MatrixPanel::File:
        importExport(state);
        break;
    case MatrixPanel::None:
        break;
    }
    if (!m.message.empty()) wrappedText(m.message, state.fonts.small, 0, &theme::kSelected);
    errorBanner(m.error);
    const float fullWidth = ImGui::GetContentRegionAvail().x;
    shownSkill(state, fullWidth);

    // A person (or the editor) opens beside the table on a wide screen and over it otherwise.
    const bool panelOpen = m.draft || m.selected != 0;
    const bool overlay = ImGui::GetIO().DisplaySize.x < kOverlayBelow;
    const float panelWidth = std::min(fullWidth * 0.6f, m.draft ? 520.0f : 400.0f);
    const float height = ImGui::GetContentRegionAvail().y;
    const float tableWidth = panelOpen && !overlay ? fullWidth - panelWidth - theme::kPadding : fullWidth;
    const ImVec2 tableAt = ImGui::GetCursorScreenPos();
    if (m.people.empty()) {
        ImGui::BeginChild("empty", {tableWidth, height}, false);
        wrappedText(state.tr("matrix.empty"), nullptr, tableWidth, &theme::kMuted);
        ImGui::EndChild();
    } else {
        table(state, tableWidth, height);
    }
    if (!panelOpen) return;
    if (overlay) ImGui::SetCursorScreenPos({tableAt.x + fullWidth - panelWidth, tableAt.y});
    else ImGui::SameLine(0, theme::kPadding);
    if (m.draft) editor(state, panelWidth, height);
    else personPanel(state, panelWidth, height);
}

}  // namespace kiosk::ui
