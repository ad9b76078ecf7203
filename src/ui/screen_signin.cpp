// Signing in with a role and a PIN, typed on an on-screen keypad, or choosing a new PIN (the admin's
// on first run, before any protected screen opens). The PIN is never shown, only a dot per digit.
// Also the gates: the screens behind them call permitted() themselves.
#include <fmt/format.h>

#include <algorithm>

#include "i18n/strings.hpp"
#include "util/dates.hpp"
#include "util/time.hpp"
#include "ui/app_state.hpp"
#include "ui/widgets.hpp"
#include "util/hash.hpp"

namespace kiosk::ui {
namespace {

using store::Role;

// The role a gate asks for first.
Role roleFor(auth::Gate gate) {
    switch (gate) {
    case auth::Gate::Workshops:
        return Role::Trainer;
    case auth::Gate::Exports:
    case auth::Gate::AuditLogView:
    case auth::Gate::Region:
        return Role::Auditor;
    default:
        return Role::Admin;
    }
}


void leave(AppState& state) {
    const Screen after = state.signIn.after;
    state.signIn = SignInState{};
    if (after == Screen::Matrix) state.matrix.stale = true;
    if (after == Screen::AuditLog) state.auditView.stale = true;
    if (after == Screen::Settings) state.settings = SettingsState{};
    if (after == Screen::Auditor) state.auditor.stale = true;
    if (after == Screen::Home) goHome(state);
    else state.screen = after;
}

// The typed PIN checked (or, when choosing, taken as the new PIN after the repeat).
void submit(AppState& state) {
    auto& s = state.signIn;
    auto* auth = state.services.auth;
    if (s.choosing) {
        if (s.firstPin.empty()) {
            if (auto problem = auth::pinProblem(s.pin)) {
                s.error = state.tr("signin.pin_rule") + " (" + *problem + ")";
                s.pin.clear();
                return;
            }
            s.firstPin = std::exchange(s.pin, {});
            s.error.clear();
            return;
        }
        if (s.pin != s.firstPin) {
            s.error = state.tr("signin.pins_differ");
            s.pin.clear();
            s.firstPin.clear();
            return;
        }
        if (auto set = auth->setPin(s.role, s.pin); !set) {
            s.error = set.error();
            s.pin.clear();
            s.firstPin.clear();
            return;
        }
        if (s.forSettings) {  // set by the admin for a role: back to the settings, still the admin
            const std::string done = i18n::substitute(state.tr("settings.pin_saved"), {roleLabel(state, s.role)});
            state.signIn = SignInState{};
            state.settings = SettingsState{};
            state.settings.message = done;
            state.screen = Screen::Settings;
            return;
        }
        s.choosing = false;  // the new PIN signs in at once
    } else if (auto has = auth->hasPin(s.role); has && !*has) {
        // Said in the kiosk's language, before any attempt is counted.
        s.error = i18n::substitute(state.tr("signin.no_pin"), {roleLabel(state, s.role)});
        s.pin.clear();
        return;
    }
    auto result = auth->signIn(s.role, s.pin);
    s.pin.clear();
    if (!result) {
        s.error = result.error();
        return;
    }
    if (result->locked) {
        s.error = i18n::substitute(state.tr("signin.locked"), {std::to_string((result->lockedFor.count() + 59) / 60)});
        return;
    }
    if (!result->ok) {
        s.error = i18n::substitute(state.tr("signin.wrong"), {std::to_string(result->attemptsLeft)});
        return;
    }
    if (s.quitAfter) {
        state.quitRequested = true;
        return;
    }
    leave(state);
}

}  // namespace

std::string roleLabel(const AppState& state, store::Role role) { return state.tr("signin.role_" + std::string(store::roleName(role))); }

bool permitted(const AppState& state, auth::Gate gate) {
    const auto* auth = state.services.auth;
    return !auth || auth::allows(auth->current(), gate);
}

bool admitted(AppState& state, auth::Gate gate, Screen screen, bool available) {
    if (available && permitted(state, gate)) return true;
    if (available && state.services.auth) openGated(state, gate, screen);
    else goHome(state);
    return false;
}

void openGated(AppState& state, auth::Gate gate, Screen target) {
    if (permitted(state, gate)) {
        if (target == Screen::Matrix) state.matrix.stale = true;
        if (target == Screen::AuditLog) state.auditView.stale = true;
        state.screen = target;
        return;
    }
    state.signIn = SignInState{};
    state.signIn.role = roleFor(gate);
    // A role nobody can sign in with yet (no PIN) is not offered first when the admin may pass too.
    if (auto has = state.services.auth->hasPin(state.signIn.role); has && !*has && auth::allows(Role::Admin, gate))
        state.signIn.role = Role::Admin;
    state.signIn.after = target;
    // First run: nothing protected opens before the admin has chosen a PIN.
    if (auto has = state.services.auth->hasPin(Role::Admin); has && !*has) {
        state.signIn.role = Role::Admin;
        state.signIn.choosing = true;
    }
    state.screen = Screen::SignIn;
}

void requestQuit(AppState& state) {
    if (!state.services.auth) {
        state.quitRequested = true;
        return;
    }
    state.signIn = SignInState{};
    state.signIn.role = Role::Admin;
    state.signIn.quitAfter = true;
    // No admin PIN yet: it is chosen now, as on the first protected screen, and closes the kiosk.
    if (auto has = state.services.auth->hasPin(Role::Admin); has && !*has) state.signIn.choosing = true;
    state.screen = Screen::SignIn;
}

void drawSignIn(AppState& state) {
    auto& s = state.signIn;
    if (!state.services.auth) {
        goHome(state);
        return;
    }
    if (headerBar(state, state.tr(s.choosing ? "signin.choose_title" : "signin.title"), true) ||
        keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        if (s.forSettings) {  // a PIN the admin gave up choosing: back to the settings
            state.signIn = SignInState{};
            state.screen = Screen::Settings;
        } else {
            goHome(state);
        }
        return;
    }
    // Digits from a keyboard count as keypad presses.
    for (int digit = 0; digit <= 9; ++digit)
        if (keyPressed('0' + digit) && s.pin.size() < 32) s.pin += static_cast<char>('0' + digit);
    if (keyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !s.pin.empty()) s.pin.pop_back();

    const float width = ImGui::GetContentRegionAvail().x;
    const float left = std::min(420.0f, width * 0.45f);
    ImGui::BeginGroup();
    if (s.choosing) {
        wrappedText(i18n::substitute(state.tr(s.firstPin.empty() ? "signin.choose_first" : "signin.choose_repeat"),
                                     {roleLabel(state, s.role)}),
                    nullptr, left);
        wrappedText(state.tr("signin.pin_rule"), state.fonts.small, left, &theme::kMuted);
    } else {
        wrappedText(state.tr("signin.which_role"), nullptr, left, &theme::kMuted);
        for (Role role : {Role::Trainer, Role::Auditor, Role::Admin}) {
            if (s.quitAfter && role != Role::Admin) continue;
            if (bigButton((roleLabel(state, role) + "##role").c_str(), {left, theme::kMinTouch + 8}, s.role == role)) {
                s.role = role;
                s.pin.clear();
                s.error.clear();
            }
        }
    }
    if (s.quitAfter) wrappedText(state.tr("signin.quit_needs_admin"), state.fonts.small, left, &theme::kMuted);
    // What went wrong, beside the keypad (below it there is no room on a small screen).
    if (!s.error.empty()) {
        ImGui::Spacing();
        wrappedText(s.error, nullptr, left, &theme::kError);
    }
    ImGui::EndGroup();
    ImGui::SameLine(0, theme::kPadding * 2);

    ImGui::BeginGroup();
    // One dot per digit typed; the digits themselves are never drawn.
    std::string dots;
    for (std::size_t i = 0; i < s.pin.size(); ++i) dots += "●";
    ImGui::PushFont(state.fonts.large);
    box([&](float inner) { wrappedText(dots.empty() ? state.tr("signin.pin_placeholder") : dots, nullptr, inner, dots.empty() ? &theme::kMuted : nullptr); },
        theme::kFrame);
    ImGui::PopFont();
    if (keypad(s.pin, state.tr("assessment.keypad_clear"), false, false, 32)) s.error.clear();
    const std::string go = state.tr(s.choosing ? "signin.next" : "signin.sign_in");
    const bool enter = keyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) || keyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));
    if ((bigButton((go + "##go").c_str(), {5 * 64.0f + 24, theme::kTouchHeight - 8}, true, !s.pin.empty()) || enter) && !s.pin.empty())
        submit(state);
    ImGui::EndGroup();
}

void drawAuditLog(AppState& state) {
    auto& v = state.auditView;
    if (headerBar(state, state.tr("audit.title"), true) || keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        goHome(state);
        return;
    }
    // The screen checks its gate itself: no path around the Home card opens it.
    if (!admitted(state, auth::Gate::AuditLogView, Screen::AuditLog, state.services.audit != nullptr)) return;
    if (v.stale) {
        v.stale = false;
        v.error.clear();
        store::AuditFilter filter;
        if (!v.filter.empty()) filter.event = v.filter;
        if (v.days > 0) filter.from = dates::iso(dates::addDays(dates::today(), 1 - v.days));
        if (auto rows = state.services.audit->list(filter)) {
            v.rows = std::move(*rows);
            std::reverse(v.rows.begin(), v.rows.end());
        } else {
            v.error = rows.error();
        }
        if (auto broken = state.services.audit->verify()) v.broken = *broken;
        else v.error = broken.error();
        if (auto head = state.services.audit->head()) v.head = *head;
        if (auto total = state.services.audit->count()) v.total = *total;
    }
    // Whether the chain holds, first and in words.
    if (v.broken)
        wrappedText(i18n::substitute(state.tr("audit.broken"), {std::to_string(v.broken->seq), v.broken->reason}), nullptr, 0,
                    &theme::kError);
    else
        wrappedText(i18n::substitute(state.tr("audit.intact"), {std::to_string(v.total), v.head.substr(0, 16)}), nullptr, 0,
                    &theme::kSelected);
    errorBanner(v.error);
    ImGui::PushFont(state.fonts.small);
    for (const auto& [prefix, key] : {std::pair{"", "audit.filter_all"}, {"assessment.", "audit.filter_assessments"},
                                      {"person.", "audit.filter_people"}, {"auth.", "audit.filter_sign_in"},
                                      {"export.", "audit.filter_exports"}}) {
        if (prefix[0] != '\0') ImGui::SameLine(0, 8);
        const std::string label = state.tr(key);
        if (bigButton((label + "##filter").c_str(), {ImGui::CalcTextSize(label.c_str()).x + 40, theme::kMinTouch}, v.filter == prefix)) {
            v.filter = prefix;
            v.stale = true;
        }
    }
    for (const auto& [days, key] : {std::pair{0, "audit.period_all"}, {1, "audit.period_today"}, {7, "audit.period_week"},
                                    {30, "audit.period_month"}}) {
        if (days != 0) ImGui::SameLine(0, 8);
        const std::string label = state.tr(key);
        if (bigButton((label + "##period").c_str(), {ImGui::CalcTextSize(label.c_str()).x + 40, theme::kMinTouch}, v.days == days)) {
            v.days = days;
            v.stale = true;
        }
    }
    if (v.rows.empty() && v.error.empty()) wrappedText(state.tr("audit.none"), nullptr, 0, &theme::kMuted);
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                      ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("log", 5, flags, {0, ImGui::GetContentRegionAvail().y})) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(state.tr("audit.seq").c_str(), 0, 70);
        ImGui::TableSetupColumn(state.tr("audit.at").c_str(), 0, 200);
        ImGui::TableSetupColumn(state.tr("audit.role").c_str(), 0, 110);
        ImGui::TableSetupColumn(state.tr("audit.event").c_str(), 0, 260);
        ImGui::TableSetupColumn(state.tr("audit.subject").c_str(), ImGuiTableColumnFlags_WidthStretch);
        tableHeaders(5);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(v.rows.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const auto& row = v.rows[static_cast<std::size_t>(i)];
                ImGui::TableNextRow(0, 36);
                const bool bad = v.broken && v.broken->seq == row.seq;
                if (bad) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(theme::kCautionFill));
                ImGui::TableSetColumnIndex(0);
                ImGui::Text("%lld", static_cast<long long>(row.seq));
                ImGui::TableSetColumnIndex(1);
                ImGui::TextUnformatted(localTimeLabel(row.at).c_str());
                ImGui::TableSetColumnIndex(2);
                ImGui::TextUnformatted(roleLabel(state, row.role).c_str());
                ImGui::TableSetColumnIndex(3);
                // The event in words where the catalogue has it, its name otherwise (a newer event).
                std::string key = "audit.event_" + row.event.event;
                std::replace(key.begin() + 6, key.end(), '.', '_');
                const bool known = state.services.strings->all(state.lang).count(key) > 0;
                ImGui::TextUnformatted(known ? state.tr(key).c_str() : row.event.event.c_str());
                ImGui::TableSetColumnIndex(4);
                // Sign-in events are about a role: named in words as well.
                const auto subjectRole = row.event.event.rfind("auth.", 0) == 0 ? store::parseRole(row.event.subject) : std::nullopt;
                // An assessment's or a session's UUID by its first 8 characters, as Home and the lists show them.
                const std::string& subject = row.event.subject;
                const bool uuid = isUuid(subject);
                ImGui::TextUnformatted(subjectRole ? roleLabel(state, *subjectRole).c_str()
                                       : uuid      ? (subject.substr(0, 8) + "…").c_str()
                                                   : subject.substr(0, 36).c_str());
            }
        }
        ImGui::EndTable();
    }
    ImGui::PopFont();
}

}  // namespace kiosk::ui
