// RAII wrappers over SQLite: a Database owns the connection, a Statement a prepared statement,
// and a Transaction rolls back unless commit() is called before it leaves scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::store {

class Database {
public:
    // Opens (creating when absent) a kiosk database and brings its schema up to date.
    // Refuses, leaving the file untouched: a file that is not SQLite, a corrupt database, and a
    // database written by a newer version of the kiosk. ":memory:" gives a private in-memory one.
    static Result<Database> open(const std::string& path);

    // Opens without migrating; for tests of the migrations themselves.
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
    sqlite3* handle() const { return m_db; }
    std::string lastError() const;

private:
    Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db = nullptr;
    std::string m_path;
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

    std::string text(int column) const;
    std::optional<std::string> optionalText(int column) const;
    std::int64_t integer(int column) const;
    // A finite number stored as a number (or as text that is one); nothing otherwise.
    std::optional<double> real(int column) const;
    bool isNull(int column) const;

private:
    Database& m_db;
    sqlite3_stmt* m_stmt = nullptr;
    std::string m_prepareError;
};

class Transaction {
public:
    explicit Transaction(Database& db);
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
};

}  // namespace kiosk::store
