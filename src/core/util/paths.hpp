// Where the kiosk keeps its data by default.
#pragma once

#include <filesystem>

namespace kiosk {

// $XDG_DATA_HOME/medsec-kiosk/kiosk.db, falling back to ~/.local/share/medsec-kiosk/kiosk.db.
std::filesystem::path defaultDatabasePath();

}  // namespace kiosk
