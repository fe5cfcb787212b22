#pragma once
// The one owner of sqlite3* and sqlite3_stmt* handles in the question channel.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace estrade::qa {

struct SqliteError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Statement;

class Database {
public:
    // Opens (creating if needed) in WAL mode. Durability::full fsyncs every commit, so an
    // acknowledged write survives a power cut, not only a crash of the process.
    enum class Durability { process_crash, power_loss };
    Database(const std::filesystem::path& file, Durability durability);

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db.get()); }
    sqlite3* handle() const { return m_db.get(); }

private:
    struct Close {
        void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
    };
    std::unique_ptr<sqlite3, Close> m_db;
    std::string m_file;
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view value);
    Statement& bind_null(int index);

    // Steps once: true while a row is available.
    bool step();
    // Runs a statement that returns no rows, then resets it for reuse.
    void run();
    void reset();

    std::int64_t integer(int column) const { return sqlite3_column_int64(m_stmt.get(), column); }
    std::string text(int column) const;
    bool is_null(int column) const { return sqlite3_column_type(m_stmt.get(), column) == SQLITE_NULL; }

private:
    struct Finalize {
        void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
    };
    sqlite3* m_db;
    std::unique_ptr<sqlite3_stmt, Finalize> m_stmt;
};

// BEGIN IMMEDIATE on construction; ROLLBACK unless commit() was called.
class Transaction {
public:
    explicit Transaction(Database& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }
    ~Transaction()
    {
        if (!m_done)
            sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit()
    {
        m_db.exec("COMMIT");
        m_done = true;
    }

private:
    Database& m_db;
    bool m_done = false;
};

}  // namespace estrade::qa
