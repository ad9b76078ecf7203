// SQLite connection, statements and transactions. Opening checks the file before writing
// anything, so that a foreign, corrupt or newer database is never modified.
#include "store/database.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "store/migrations.hpp"

namespace kiosk::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;

// A non-empty file must start with SQLite's magic header; an empty one becomes a new database.
Status checkHeader(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (path == ":memory:" || !fs::exists(path, ec)) return {};
    if (fs::is_directory(path, ec)) return Error{fmt::format("{} is a folder, not a database file", path)};
    const auto size = fs::file_size(path, ec);
    if (ec) return Error{fmt::format("cannot read {}: {}", path, ec.message())};
    if (size == 0) return {};
    std::ifstream in(path, std::ios::binary);
    char header[16] = {};
    in.read(header, sizeof header);
    if (!in || std::string_view(header, sizeof header) != std::string_view("SQLite format 3\0", 16)) {
        return Error{fmt::format("{} is not a medsec-kiosk database (it is not an SQLite file); it has been left untouched. "
                                 "Choose another file with --db",
                                 path)};
    }
    return {};
}

}  // namespace

Result<Database> Database::openRaw(const std::string& path) {
    if (auto s = checkHeader(path); !s) return Error{s.error()};
    sqlite3* handle = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
        sqlite3_close(handle);
        return Error{fmt::format("cannot open database {}: {}", path, message)};
    }
    sqlite3_extended_result_codes(handle, 1);
    sqlite3_busy_timeout(handle, kBusyTimeoutMs);
    return Database(handle, path);
}

namespace {

// The checks every opening makes before anything is written: the schema is not newer than ours,
// the database is not another program's, and it is not damaged. Returns the schema version.
Result<int> inspect(Database& db, const std::string& path, Integrity integrity) {
    // Reading the version is the first touch of the file; it fails on a file SQLite cannot read.
    // (Each statement lives in its own scope: an unfinished statement keeps a read transaction
    // open, and neither the journal mode nor a migration can start inside one.)
    int schema = 0;
    {
        Statement version(db, "PRAGMA user_version");
        auto row = version.step();
        if (!row) return Error{fmt::format("{} cannot be read as a database ({}); it has been left untouched", path, row.error())};
        schema = static_cast<int>(version.integer(0));
    }
    if (schema > latestSchemaVersion() || schema < 0) {
        return Error{fmt::format("{} was written by a newer version of medsec-kiosk (schema {}, this version knows up to "
                                 "{}); it has been left untouched. Update medsec-kiosk to open it",
                                 path, schema, latestSchemaVersion())};
    }
    if (schema == 0) {
        // Version 0 with tables: an SQLite file of some other program. Never add ours to it.
        Statement objects(db, "SELECT COUNT(*), MIN(name) FROM sqlite_master");
        auto row = objects.step();
        if (!row) return Error{fmt::format("{} cannot be read as a database ({}); it has been left untouched", path, row.error())};
        if (objects.integer(0) > 0)
            return Error{fmt::format("{} is an SQLite database of another program (it has {} table(s) or index(es), such as '{}', "
                                     "and no medsec-kiosk schema); it has been left untouched. Choose another file with --db",
                                     path, objects.integer(0), objects.text(1))};
    }
    if (integrity == Integrity::Check) {
        Statement check(db, "PRAGMA quick_check");
        auto checked = check.step();
        if (!checked || !*checked || check.text(0) != "ok") {
            const std::string detail = checked ? (*checked ? check.text(0) : std::string("no result")) : checked.error();
            return Error{fmt::format("{} is damaged ({}); it has been left untouched. Restore it from a backup or start "
                                     "with another file with --db",
                                     path, detail)};
        }
    }
    return schema;
}

// "file:" URI for a path, with the characters a URI gives meaning to escaped.
std::string fileUri(const std::string& path, std::string_view query) {
    std::string uri = "file:";
    for (unsigned char c : path) {
        if (c == '%' || c == '?' || c == '#' || c <= 0x20 || c >= 0x7F) uri += fmt::format("%{:02X}", c);
        else uri += static_cast<char>(c);
    }
    return uri + "?" + std::string(query);
}

}  // namespace

Result<Database> Database::open(const std::string& path, OpenMode mode, Integrity integrity) {
    if (mode == OpenMode::ReadOnly) return openReadOnly(path, integrity);
    auto opened = openRaw(path);
    if (!opened) return opened;
    Database db = std::move(opened).value();
    auto schema = inspect(db, path, integrity);
    if (!schema) return Error{schema.error()};
    if (auto s = db.exec("PRAGMA foreign_keys = ON"); !s) return Error{fmt::format("cannot set up database {}: {}", path, s.error())};
    // Migrations first, so that a failure rolls back to the very bytes that were there; only a
    // database at the current schema is switched to WAL (a no-op when it already is).
    if (*schema < latestSchemaVersion())
        if (auto s = migrate(db); !s) return Error{fmt::format("cannot update database {}: {}; it has been left as it was", path, s.error())};
    for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL"}) {
        if (auto s = db.exec(pragma); !s) return Error{fmt::format("cannot set up database {}: {}", path, s.error())};
    }
    return db;
}

Result<Database> Database::openReadOnly(const std::string& path, Integrity integrity) {
    if (path == ":memory:") return Error{"an in-memory database cannot be opened read-only"};
    if (auto s = checkHeader(path); !s) return Error{s.error()};
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return Error{fmt::format("no database at {}", path)};
    // A WAL database in a folder we cannot write to has no -shm file to share; opened as
    // immutable it is read as it is on disk, which is what a copy on read-only media holds.
    Result<Database> attempt = Error{""};
    for (const char* query : {"mode=ro", "mode=ro&immutable=1"}) {
        sqlite3* handle = nullptr;
        const int rc = sqlite3_open_v2(fileUri(path, query).c_str(), &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
        if (rc != SQLITE_OK) {
            std::string message = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
            sqlite3_close(handle);
            attempt = Error{fmt::format("cannot open database {}: {}", path, message)};
            continue;
        }
        sqlite3_extended_result_codes(handle, 1);
        sqlite3_busy_timeout(handle, kBusyTimeoutMs);
        Database db(handle, path);
        db.m_readOnly = true;
        auto schema = inspect(db, path, integrity);
        if (!schema) {
            attempt = Error{schema.error()};
            continue;
        }
        if (*schema == latestSchemaVersion()) return db;
        // An older schema: migrate a private copy in memory; the file is never written.
        sqlite3* memory = nullptr;
        if (sqlite3_open(":memory:", &memory) != SQLITE_OK) {
            sqlite3_close(memory);
            return Error{fmt::format("cannot read {}: out of memory", path)};
        }
        Database copy(memory, path);
        sqlite3_backup* backup = sqlite3_backup_init(memory, "main", handle, "main");
        const int copied = backup ? sqlite3_backup_step(backup, -1) : SQLITE_ERROR;
        sqlite3_backup_finish(backup);
        if (copied != SQLITE_DONE) return Error{fmt::format("cannot read {}: {}", path, copy.lastError())};
        if (auto s = copy.exec("PRAGMA foreign_keys = ON"); !s) return Error{s.error()};
        if (auto s = migrate(copy); !s) return Error{fmt::format("cannot read {}: its schema {} could not be brought up to date in memory: {}", path, *schema, s.error())};
        copy.m_readOnly = true;  // changes would go nowhere, so none are made
        return copy;
    }
    return attempt;
}

Database::Database(Database&& other) noexcept
    : m_db(other.m_db), m_path(std::move(other.m_path)), m_readOnly(other.m_readOnly), m_statements(std::move(other.m_statements)) {
    other.m_db = nullptr;
    other.m_statements.clear();
}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        close();
        m_db = other.m_db;
        m_path = std::move(other.m_path);
        m_readOnly = other.m_readOnly;
        m_statements = std::move(other.m_statements);
        other.m_db = nullptr;
        other.m_statements.clear();
    }
    return *this;
}

Database::~Database() { close(); }

void Database::close() {
    for (auto& [sql, statement] : m_statements) sqlite3_finalize(statement);
    m_statements.clear();
    sqlite3_close_v2(m_db);
    m_db = nullptr;
}

Status Database::exec(std::string_view sql) {
    char* message = nullptr;
    const std::string owned(sql);
    if (sqlite3_exec(m_db, owned.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errmsg(m_db);
        sqlite3_free(message);
        return Error{text};
    }
    return {};
}

int Database::userVersion() {
    Statement s(*this, "PRAGMA user_version");
    auto row = s.step();
    return row && *row ? static_cast<int>(s.integer(0)) : -1;
}

int Database::changes() const { return sqlite3_changes(m_db); }

void Database::setBusyTimeout(int milliseconds) { sqlite3_busy_timeout(m_db, milliseconds); }

std::string Database::lastError() const { return sqlite3_errmsg(m_db); }

namespace {
// Enough for every statement of the kiosk's own; SQL made from filters may pass it and is then
// compiled each time.
constexpr std::size_t kCachedStatements = 128;
}  // namespace

Statement::Statement(Database& db, std::string_view sql) : m_db(db) {
    if (auto cached = db.m_statements.find(sql); cached != db.m_statements.end()) {
        m_cached = db.m_statements.extract(cached);
        m_stmt = m_cached.mapped();
        return;
    }
    m_sql = sql;
    if (sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) != SQLITE_OK) {
        m_prepareError = db.lastError();
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
}

Statement::~Statement() {
    if (!m_stmt) return;
    // Ready for the next use: no row pending, no value of this one left bound.
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (m_db.m_db && m_db.m_statements.size() < kCachedStatements) {
        if (m_cached) {
            if (m_db.m_statements.insert(std::move(m_cached)).inserted) return;
        } else if (m_db.m_statements.emplace(std::move(m_sql), m_stmt).second) {
            return;
        }
    }
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::string_view text) {
    if (m_stmt) sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (m_stmt) sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bindNull(int index) {
    if (m_stmt) sqlite3_bind_null(m_stmt, index);
    return *this;
}

Result<bool> Statement::step() {
    if (!m_stmt) return Error{m_prepareError.empty() ? std::string("statement not prepared") : m_prepareError};
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Error{m_db.lastError()};
}

Status Statement::run() {
    for (;;) {
        auto row = step();
        if (!row) return Error{row.error()};
        if (!*row) return {};
    }
}

Statement& Statement::reset() {
    if (m_stmt) sqlite3_reset(m_stmt);
    return *this;
}

std::string Statement::text(int column) const { return std::string(view(column)); }

std::string_view Statement::view(int column) const {
    const auto* p = sqlite3_column_text(m_stmt, column);
    return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
             : std::string_view();
}

std::optional<std::string> Statement::optionalText(int column) const {
    if (isNull(column)) return std::nullopt;
    return text(column);
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_stmt, column); }

std::optional<double> Statement::real(int column) const {
    const int type = sqlite3_column_type(m_stmt, column);
    double value = 0;
    if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
        value = sqlite3_column_double(m_stmt, column);
    } else if (type == SQLITE_TEXT) {
        const std::string t = text(column);
        auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
        if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (!std::isfinite(value)) return std::nullopt;
    return value;
}

bool Statement::isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

Transaction::Transaction(Database& db, Nested nested) : m_db(db) {
    if (db.readOnly()) {
        m_began = Error{fmt::format("{} is open read-only; nothing can be changed in it", db.path())};
        return;
    }
    m_nested = sqlite3_get_autocommit(db.handle()) == 0;
    if (m_nested && nested == Nested::Join) {
        m_joined = true;
        return;
    }
    // IMMEDIATE takes the write lock now, so a busy database is reported here, not half-way.
    m_began = Statement(db, m_nested ? "SAVEPOINT nested" : "BEGIN IMMEDIATE").run();
}

ReadTransaction::ReadTransaction(Database& db) : m_db(db) {
    if (sqlite3_get_autocommit(db.handle()) != 0) m_open = Statement(db, "BEGIN").run().ok();
}

void ReadTransaction::end() {
    if (m_open) (void)Statement(m_db, "COMMIT").run();
    m_open = false;
}

Status sameSnapshot(Database& first, Database& second) {
    if (sqlite3_get_autocommit(first.handle()) != 0 || sqlite3_get_autocommit(second.handle()) != 0)
        return Error{"a shared snapshot needs both connections in a read transaction"};
    auto lock = Database::openRaw(first.path());
    if (!lock) return Error{lock.error()};
    if (auto s = lock->exec("BEGIN IMMEDIATE"); !s) return Error{fmt::format("cannot read {} as of one moment: {}", first.path(), s.error())};
    for (Database* db : {&first, &second}) {
        Statement read(*db, "SELECT COUNT(*) FROM sqlite_schema");
        if (auto row = read.step(); !row) return Error{fmt::format("cannot read {}: {}", first.path(), row.error())};
    }
    return lock->exec("ROLLBACK");
}

Transaction::~Transaction() {
    if (!m_began || m_done || m_joined) return;
    if (m_nested) {
        (void)Statement(m_db, "ROLLBACK TO nested").run();
        (void)Statement(m_db, "RELEASE nested").run();
    } else {
        (void)Statement(m_db, "ROLLBACK").run();
    }
}

Status Transaction::commit() {
    if (!m_began) return m_began;
    if (m_done) return Error{"transaction already finished"};
    if (m_joined) {
        m_done = true;
        return {};
    }
    auto s = Statement(m_db, m_nested ? "RELEASE nested" : "COMMIT").run();
    if (s) m_done = true;
    return s;
}

}  // namespace kiosk::store
