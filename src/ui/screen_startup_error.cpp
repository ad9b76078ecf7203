// Shown instead of Home when the kiosk cannot start (its database is another program's, damaged
// or newer): a person at the kiosk sees why and what to do, not a window that never opens.
#include <imgui.h>

#include "ui/app_state.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

void drawStartupError(AppState& state) {
    ImGui::Dummy({0, 24});
    ImGui::PushFont(state.fonts.large);
    wrappedText(state.tr("startup.title"), nullptr, 0, &theme::kError);
    ImGui::PopFont();
    ImGui::Dummy({0, 12});
    wrappedText(state.startupError);
    ImGui::Dummy({0, 12});
    wrappedText(state.tr("startup.hint"));
    ImGui::Dummy({0, 24});
    if (bigButton((state.tr("startup.quit") + "##quit").c_str(), {240, theme::kTouchHeight}) ||
        keyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        state.quitRequested = true;
}

}  // namespace kiosk::ui
