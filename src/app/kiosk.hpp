// Starting the kiosk window: loading content, opening the database, and the event loop.
#pragma once

#include <string>

#include "app/cli.hpp"

namespace kiosk::app {

struct KioskOptions {
    bool fullscreen = false;
    int width = 1280;
    int height = 800;
    Lang lang = Lang::Ja;
    float scale = 0;  // UI scale; 0 follows the window and the monitor's content scale
    bool kiosk = false;       // full screen; closing needs the admin PIN
    int idleTimeout = 120;    // seconds without input before signing out and clearing the screen
    std::string region;       // postgresql://… of the regional store, shown on the region screen
};

// Runs until the window closes; returns the process exit code.
int runKiosk(const Paths& paths, const KioskOptions& options);

}  // namespace kiosk::app
