// RAII wrappers over SQLite: a Database owns the connection, a Statement a prepared statement,
// and a Transaction rolls back unless commit() is called before it leaves scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::store {

enum class OpenMode {
    ReadWrite,  // creates the file when absent and brings its schema up to date
    ReadOnly,   // never writes: works on a read-only file or folder (an auditor's copy)
};

// Whether an opening reads the whole file to find damage first (PRAGMA quick_check).
enum class Integrity {
    Check,    // every opening that may go on to change the data (the kiosk, imports, answers)
    Trusted,  // an export: it only reads and appends its audit rows, and damage in anything it
              // reads still fails it; a scan of the whole file would cost more than the export
};

// A connection belongs to one thread at a time (SQLite's multi-thread mode: no mutex around each
// call); a thread that reads or writes on its own opens its own connection.
class Database {
public:
    // Opens a kiosk database. Refuses, leaving the file byte for byte as it was: a file that is
    // not SQLite, a damaged database, a database written by a newer version of the kiosk, and a
    // database of another program (tables but no kiosk schema version). All migrations of one
    // opening run in one transaction, so a failed migration changes nothing either.
    // ReadOnly opens an older schema by migrating a private in-memory copy.
    // ":memory:" gives a private in-memory database.
    static Result<Database> open(const std::string& path, OpenMode mode = OpenMode::ReadWrite, Integrity integrity = Integrity::Check);

    // Opens without migrating; for tests of the migrations themselves, and for a connection that
    // only takes a lock (sameSnapshot).
    static Result<Database> openRaw(const std::string& path);

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    Status exec(std::string_view sql);
    int userVersion();
    int changes() const;  // rows changed by the last statement
    // How long to wait for another connection's lock before giving up (default 5 s).
    void setBusyTimeout(int milliseconds);
    const std::string& path() const { return m_path; }
    bool readOnly() const { return m_readOnly; }
    sqlite3* handle() const { return m_db; }
    std::string lastError() const;

private:
    friend class Statement;
    Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    static Result<Database> openReadOnly(const std::string& path, Integrity integrity);
    void close();
    sqlite3* m_db = nullptr;
    std::string m_path;
    bool m_readOnly = false;
    // Statements compiled once and kept, reset, for the next use of the same SQL: the kiosk runs
    // the same few statements for every answer it saves. A statement in use is taken out, so two
    // at once with the same SQL each have their own; finalized before the connection closes.
    // Looked up by the SQL's text without copying it (a save runs a dozen statements).
    struct SqlHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
    };
    using StatementCache = std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>>;
    StatementCache m_statements;
};

class Statement {
public:
    // Compiling our own SQL only fails on a programming error or a broken database; the error
    // is kept and reported by the first step().
    Statement(Database& db, std::string_view sql);
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bindNull(int index);

    // true: a row is ready; false: done. An error carries SQLite's message.
    Result<bool> step();
    // Steps to the end, for statements that return no rows.
    Status run();
    // Makes a statement that has run ready to be bound and run again (its bindings are kept).
    Statement& reset();

    std::string text(int column) const;
    // The same text without a copy: valid until the next step(), reset() or a read of the column
    // as another type.
    std::string_view view(int column) const;
    std::optional<std::string> optionalText(int column) const;
    std::int64_t integer(int column) const;
    // A finite number stored as a number (or as text that is one); nothing otherwise.
    std::optional<double> real(int column) const;
    bool isNull(int column) const;

private:
    Database& m_db;
    // A statement taken from the cache is out of it while in use (the same SQL may be run twice
    // at once) and goes back, node and all, when done.
    Database::StatementCache::node_type m_cached;
    std::string m_sql;  // only for a statement compiled here, to be cached under it
    sqlite3_stmt* m_stmt = nullptr;
    std::string m_prepareError;
};

// A transaction, or a savepoint inside one already open, so that services which each keep
// their own writes atomic can also be combined into one atomic step. Its BEGIN, SAVEPOINT and
// COMMIT are kept compiled like any statement.
//
// Inside a transaction already open, Nested::Join takes no savepoint and leaves everything to the
// caller's transaction: for a unit that writes with one statement (which SQLite undoes by itself
// when it fails), or whose every caller abandons its transaction when the unit fails. Saving an
// answer joins so (a savepoint and its release cost a tenth of the save).
class Transaction {
public:
    enum class Nested { Savepoint, Join };
    explicit Transaction(Database& db, Nested nested = Nested::Savepoint);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Status commit();
    bool began() const { return m_began.ok(); }
    const Status& beginStatus() const { return m_began; }

private:
    Database& m_db;
    Status m_began;
    bool m_done = false;
    bool m_nested = false;
    bool m_joined = false;  // nested without a savepoint: nothing to release or roll back here
};

// A read transaction: everything read while it lives sees the database as of its first read,
// whatever other connections commit meanwhile. Inside a transaction already open it does nothing.
class ReadTransaction {
public:
    explicit ReadTransaction(Database& db);
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;
    ~ReadTransaction() { end(); }
    // Ends it now (before a write on the same connection).
    void end();

private:
    Database& m_db;
    bool m_open = false;
};

// Makes two connections to the same database file, each in a read transaction that has read
// nothing yet (ReadTransaction), see the same state of it whatever other connections commit
// meanwhile: a third connection holds the write lock while each takes its first read, so no
// commit can fall between them. Writers wait for those two reads only.
Status sameSnapshot(Database& first, Database& second);

}  // namespace kiosk::store
