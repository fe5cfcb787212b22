#include "journal.hpp"

#include <cstdlib>

namespace estrade::qa {

namespace {

Database open_journal(const std::filesystem::path& file)
{
    if (file.has_parent_path())
        std::filesystem::create_directories(file.parent_path());
    Database db(file, Database::Durability::power_loss);
    db.exec("CREATE TABLE IF NOT EXISTS journal(request_id TEXT PRIMARY KEY, request TEXT NOT NULL, "
            "question_id INTEGER NOT NULL DEFAULT 0)");
    return db;
}

std::vector<JournalEntry> read_entries(Statement statement)
{
    std::vector<JournalEntry> entries;
    while (statement.step())
        entries.push_back({statement.text(0), statement.text(1), statement.integer(2)});
    return entries;
}

}  // namespace

Journal::Journal(const std::filesystem::path& file) : m_db(open_journal(file)) {}

void Journal::add(const std::string& request_id, const std::string& request)
{
    m_db.prepare("INSERT INTO journal(request_id, request) VALUES(?1, ?2)").bind(1, request_id).bind(2, request).run();
}

void Journal::acknowledge(const std::string& request_id, std::int64_t question_id)
{
    m_db.prepare("UPDATE journal SET question_id = ?2 WHERE request_id = ?1")
        .bind(1, request_id)
        .bind(2, question_id)
        .run();
}

std::vector<JournalEntry> Journal::unacknowledged()
{
    return read_entries(m_db.prepare("SELECT request_id, request, question_id FROM journal WHERE question_id = 0 "
                                     "ORDER BY rowid"));
}

std::vector<JournalEntry> Journal::all()
{
    return read_entries(m_db.prepare("SELECT request_id, request, question_id FROM journal ORDER BY rowid"));
}

std::filesystem::path default_journal_path(const std::string& event_id, const std::string& site)
{
    std::filesystem::path base;
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data)
        base = data;
    else if (const char* home = std::getenv("HOME"); home && *home)
        base = std::filesystem::path(home) / ".local/share";
    else
        base = std::filesystem::temp_directory_path();
    return base / "estrade" / (event_id + "-" + site + "-questions.sqlite");
}

}  // namespace estrade::qa
