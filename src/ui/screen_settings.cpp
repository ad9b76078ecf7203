// Settings and PINs (admin): which roles have a PIN, whether one is locked, and setting, changing
// or removing the trainer's and the auditor's PIN and changing the admin's. A new PIN is chosen on
// the sign-in screen's keypad (typed twice) and brings the admin back here, still signed in as admin.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "i18n/strings.hpp"
#include "ui/app_state.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {
namespace {

using store::Role;


// What a role's PIN is like now, in words, and whether that needs attention.
std::pair<std::string, bool> pinState(const AppState& state, Role role) {
    auto* auth = state.services.auth;
    auto has = auth->hasPin(role);
    if (!has) return {has.error(), true};
    if (!*has) return {state.tr(role == Role::Admin ? "settings.admin_no_pin" : "settings.no_pin"), true};
    auto lock = auth->lockState(role);
    if (!lock) return {lock.error(), true};
    if (lock->locked)
        return {i18n::substitute(state.tr("settings.locked"), {std::to_string((lock->lockedFor.count() + 59) / 60)}), true};
    return {state.tr("settings.pin_set"), false};
}

void choosePin(AppState& state, Role role) {
    state.signIn = SignInState{};
    state.signIn.role = role;
    state.signIn.choosing = true;
    state.signIn.forSettings = true;
    state.signIn.after = Screen::Settings;
    state.settings.message.clear();
    state.settings.error.clear();
    state.screen = Screen::SignIn;
}

// The facility this kiosk's database belongs to: its name, prefecture, kind and beds, which the
// region's bundles carry and the advisor search starts from.
void facilitySection(AppState& state) {
    auto& s = state.settings;
    auto* store = state.services.facility;
    if (!store) return;
    if (!s.facilityLoaded) {
        s.facilityLoaded = true;
        if (auto f = store->get()) {
            s.facility = *f;
            s.beds = f->beds ? std::to_string(*f->beds) : std::string();
        } else {
            s.error = f.error();
        }
    }
    ImGui::PushFont(state.fonts.large);
    ImGui::TextUnformatted(state.tr("settings.facility_heading").c_str());
    ImGui::PopFont();
    wrappedText(i18n::substitute(state.tr("settings.facility_intro"), {s.facility.uuid}), state.fonts.small, 0, &theme::kMuted);
    box([&](float inner) {
        wrappedText(state.tr("settings.facility_name"), state.fonts.small, inner);
        textField(state, "##facilityname", s.facility.name, std::min(inner, 560.0f), "", 401);
        wrappedText(state.tr("settings.facility_prefecture"), state.fonts.small, inner);
        const std::string name = prefectureName(state, s.facility.prefecture);
        const std::string label = name.empty() ? state.tr("settings.facility_prefecture_none") : name;
        if (bigButton((label + "##facilitypref").c_str(), {std::min(inner, 360.0f), theme::kMinTouch}, s.choosingPrefecture))
            s.choosingPrefecture = !s.choosingPrefecture;
        if (s.choosingPrefecture && prefectureGrid(state, s.facility.prefecture, state.tr("settings.facility_prefecture_unset")))
            s.choosingPrefecture = false;
        wrappedText(state.tr("settings.facility_kind"), state.fonts.small, inner);
        const float third = std::floor((std::min(inner, 720.0f) - 2 * ImGui::GetStyle().ItemSpacing.x) / 3);
        int i = 0;
        for (const char* kind : {"hospital", "clinic_beds", "clinic_no_beds"}) {
            if (i++ > 0) ImGui::SameLine();
            const bool selected = s.facility.kind == kind;
            if (bigButton((state.tr(std::string("settings.kind_") + kind) + "##kind" + kind).c_str(), {third, theme::kMinTouch + 8}, selected))
                s.facility.kind = selected ? std::string() : std::string(kind);
        }
        wrappedText(state.tr("settings.facility_beds"), state.fonts.small, inner);
        textField(state, "##facilitybeds", s.beds, 160, "0", 8);
        ImGui::Spacing();
        const std::string save = state.tr("settings.facility_save");
        if (bigButton((save + "##facilitysave").c_str(), {ImGui::CalcTextSize(save.c_str()).x + 64, theme::kMinTouch})) {
            auto updated = s.facility;
            updated.beds.reset();
            bool ok = true;
            if (!s.beds.empty()) {
                try {
                    std::size_t used = 0;
                    const int beds = std::stoi(s.beds, &used);
                    if (used != s.beds.size()) throw std::invalid_argument("beds");
                    updated.beds = beds;
                } catch (const std::exception&) {
                    s.error = state.tr("settings.facility_beds_invalid");
                    ok = false;
                }
            }
            if (ok) {
                if (auto done = store->update(updated); !done) {
                    s.error = done.error();
                } else {
                    s.error.clear();
                    s.facilityLoaded = false;  // read back as stored (the name trimmed)
                    state.facilityPrefecture = updated.prefecture;
                    s.message = state.tr("settings.facility_saved");
                }
            }
        }
    });
    ImGui::Spacing();
}

}  // namespace

void drawSettings(AppState& state) {
    auto& s = state.settings;
    if (headerBar(state, state.tr("settings.title"), true) || keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        goHome(state);
        return;
    }
    // The screen checks its gate itself: no path around the Home card opens it.
    if (!admitted(state, auth::Gate::Settings, Screen::Settings, state.services.auth != nullptr)) return;
    auto* auth = state.services.auth;
    ImGui::BeginChild("settings", {0, 0}, false);
    if (!s.message.empty()) wrappedText(s.message, nullptr, 0, &theme::kSelected);
    errorBanner(s.error);
    facilitySection(state);
    ImGui::PushFont(state.fonts.large);
    ImGui::TextUnformatted(state.tr("settings.pins_heading").c_str());
    ImGui::PopFont();
    wrappedText(state.tr("settings.pins_intro"), nullptr, 0, &theme::kMuted);
    ImGui::Spacing();

    // The three roles side by side where there is room, one under the other otherwise.
    constexpr int kRoles = 3;
    const float gap = theme::kPadding;
    const float available = ImGui::GetContentRegionAvail().x;
    const int columns = available >= 960 ? kRoles : 1;
    const float cardWidth = (available - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    float bottom = origin.y;
    int index = 0;
    for (Role role : {Role::Trainer, Role::Auditor, Role::Admin}) {
        ImGui::PushID(static_cast<int>(role));
        if (columns > 1) ImGui::SetCursorScreenPos({origin.x + static_cast<float>(index++) * (cardWidth + gap), origin.y});
        const auto [text, attention] = pinState(state, role);
        const auto hasPin = auth->hasPin(role);
        const bool has = hasPin && *hasPin;
        box([&](float inner) {
            ImGui::PushFont(state.fonts.large);
            wrappedText(roleLabel(state, role), nullptr, inner);
            ImGui::PopFont();
            wrappedText(state.tr("settings.what_" + std::string(store::roleName(role))), state.fonts.small, inner, &theme::kMuted);
            wrappedText(text, nullptr, inner, attention ? &theme::kWarning : &theme::kSelected);
            const std::string set = state.tr(has ? "settings.change_pin" : "settings.set_pin");
            if (bigButton((set + "##set").c_str(), {ImGui::CalcTextSize(set.c_str()).x + 64, theme::kMinTouch}, !has)) choosePin(state, role);
            // The admin's PIN is only changed here, never removed: the kiosk always has one.
            if (role != Role::Admin && has) {
                ImGui::SameLine();
                if (s.confirmRemove == role) {
                    const std::string yes = state.tr("settings.remove_yes");
                    const std::string no = state.tr("settings.remove_no");
                    if (bigButton((no + "##keep").c_str(), {ImGui::CalcTextSize(no.c_str()).x + 48, theme::kMinTouch})) s.confirmRemove.reset();
                    ImGui::SameLine();
                    if (bigButton((yes + "##removeyes").c_str(), {ImGui::CalcTextSize(yes.c_str()).x + 48, theme::kMinTouch})) {
                        s.confirmRemove.reset();
                        if (auto done = auth->resetPin(role); !done) {
                            s.error = done.error();
                        } else {
                            s.error.clear();
                            s.message = i18n::substitute(state.tr("settings.removed"), {roleLabel(state, role)});
                        }
                    }
                } else {
                    const std::string remove = state.tr("settings.remove_pin");
                    if (bigButton((remove + "##remove").c_str(), {ImGui::CalcTextSize(remove.c_str()).x + 48, theme::kMinTouch}))
                        s.confirmRemove = role;
                }
                if (s.confirmRemove == role)
                    wrappedText(i18n::substitute(state.tr("settings.remove_question"), {roleLabel(state, role)}), nullptr, inner,
                                &theme::kWarning);
            }
        }, attention ? theme::kCautionFill : theme::kPanel, nullptr, 1.0f, cardWidth);
        ImGui::Spacing();
        bottom = std::max(bottom, ImGui::GetCursorScreenPos().y);
        ImGui::PopID();
    }
    ImGui::SetCursorScreenPos({origin.x, bottom});
    ImGui::Spacing();
    wrappedText(state.tr("settings.recovery"), state.fonts.small, 0, &theme::kMuted);
    ImGui::EndChild();
}

}  // namespace kiosk::ui
