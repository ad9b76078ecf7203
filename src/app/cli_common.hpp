// What every subcommand shares: how errors are printed and how the database is opened.
#pragma once

#include <string>

#include "app/cli.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::app {

// "medsec-kiosk: MESSAGE" on stderr.
void printError(const std::string& message);

// For the reading commands: an existing database, read-only, so that they never create one by
// accident, never change one, and work on a read-only copy.
Result<store::Database> openExisting(const Paths& paths);

// For the changing commands: the database to write, made (with its folder) when absent.
Result<store::Database> openOrCreate(const Paths& paths);

}  // namespace kiosk::app
