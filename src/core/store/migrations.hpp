// The numbered schema migrations, applied in order through PRAGMA user_version.
#pragma once

#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace kiosk::store {

class Database;

struct Migration {
    int version;           // user_version after this migration
    std::string_view sql;  // applied in one transaction
};

const std::vector<Migration>& migrations();
int latestSchemaVersion();

// Applies every migration above the database's version, all in one transaction (all or
// nothing); stops at `upTo` when given (tests migrate one step at a time).
Status migrate(Database& db, int upTo = -1);

}  // namespace kiosk::store
