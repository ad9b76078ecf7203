// Default data locations, following the XDG base directory convention.
#include "util/paths.hpp"

#include <cstdlib>

namespace kiosk {

std::filesystem::path defaultDatabasePath() {
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg == '/') {
        base = xdg;
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        base = std::filesystem::path(home) / ".local" / "share";
    } else {
        base = ".";
    }
    return base / "medsec-kiosk" / "kiosk.db";
}

}  // namespace kiosk
