// The frame: one full-screen window in which the current screen draws itself.
#include <imgui.h>

#include <cstdlib>
#include <filesystem>

#include "ui/app_state.hpp"
#include "ui/widgets.hpp"
#include "util/dates.hpp"

namespace kiosk::ui {

void goHome(AppState& state) {
    state.assessment = AssessmentState{};
    state.completion = CompletionState{};
    state.results = ResultsState{};
    state.signIn = SignInState{};
    state.settings = SettingsState{};
    state.auditor.view = AuditorView::List;
    state.auditor.draft.reset();
    state.auditor.stale = true;
    state.matrix.stale = true;
    state.home.stale = true;
    state.home.error.clear();
    // A participant's turn ends when Home shows: the next person starts with nothing of theirs.
    state.workshop = WorkshopTurn{};
    state.console.stale = true;
    state.region.stale = true;  // read again when the region opens next
    state.screen = Screen::Home;
}

std::string homeFile(const std::string& name) {
    const char* home = std::getenv("HOME");
    const std::filesystem::path folder = home && *home ? std::filesystem::path(home) : std::filesystem::current_path();
    return (folder / name).string();
}

std::string datedHomeFile(const std::string& prefix, const std::string& extension) {
    return homeFile(prefix + "-" + dates::iso(dates::today()) + "." + extension);
}

void idleReset(AppState& state) {
    if (state.screen == Screen::Assessment) saveTypedAnswer(state);  // a valid typed value is kept
    if (state.services.auth) state.services.auth->signOut();
    // Nothing a person typed stays in memory for the next one to see.
    state.matrix.draft.reset();
    state.matrix.path = MatrixState{}.path;
    state.matrix.confirmOverwrite.clear();
    state.matrix.selected = 0;
    state.matrix.history.clear();
    state.matrix.message.clear();
    state.home.confirmDiscard.clear();
    state.auditView = AuditViewState{};
    // A running export finishes in the background: the next person does not wait for it, and it
    // is recorded in the audit log as the role that started it.
    if (state.auditor.job) state.background.push_back(std::move(state.auditor.job));
    state.auditor = AuditorState{};
    state.console = WorkshopConsoleState{};
    state.region = RegionState{};
    state.typedText.clear();
    goHome(state);
}

void drawFrame(AppState& state) {
    std::erase_if(state.background, [](const auto& job) { return job->finished(); });
    state.animating = touchScroll(state.touch);
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##kiosk", nullptr, flags);
    switch (state.screen) {
    case Screen::Home:
        drawHome(state);
        break;
    case Screen::Assessment:
        drawAssessment(state);
        break;
    case Screen::Completion:
        drawCompletion(state);
        break;
    case Screen::Results:
        drawResults(state);
        break;
    case Screen::Matrix:
        drawMatrix(state);
        break;
    case Screen::SignIn:
        drawSignIn(state);
        break;
    case Screen::AuditLog:
        drawAuditLog(state);
        break;
    case Screen::Settings:
        drawSettings(state);
        break;
    case Screen::Auditor:
        drawAuditor(state);
        break;
    case Screen::WorkshopJoin:
        drawWorkshopJoin(state);
        break;
    case Screen::WorkshopDebrief:
        drawWorkshopDebrief(state);
        break;
    case Screen::Workshops:
        drawWorkshops(state);
        break;
    case Screen::Region:
        drawRegion(state);
        break;
    case Screen::StartupError:
        drawStartupError(state);
        break;
    }
    ImGui::End();
}

}  // namespace kiosk::ui
