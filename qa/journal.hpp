#pragma once
// A site's local journal of questions it has asked: written before sending, marked when the
// broker acknowledges, resent after a crash or a network drop. A real SQLite file.

#include "sqlite.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace estrade::qa {

inline constexpr std::int64_t rejected_question_id = -1;

struct JournalEntry {
    std::string request_id;
    std::string request;  // the JSON sent, resent as is (same id: the broker will not duplicate it)
    std::int64_t question_id = 0;  // 0 while unacknowledged; rejected_question_id when refused for good
};

class Journal {
public:
    explicit Journal(const std::filesystem::path& file);

    void add(const std::string& request_id, const std::string& request);
    void acknowledge(const std::string& request_id, std::int64_t question_id);
    // The broker refused it for a reason a resend cannot fix (too long, window closed...).
    void reject(const std::string& request_id) { acknowledge(request_id, rejected_question_id); }
    std::vector<JournalEntry> unacknowledged();
    std::vector<JournalEntry> all();

private:
    Database m_db;
};

// Where a site keeps its journal when nobody says: $XDG_DATA_HOME/estrade/<event>-<site>-questions.sqlite
// (~/.local/share when unset). One place for the viewer and `estrade-qa ask`, so a question typed in one
// is resent by the other.
std::filesystem::path default_journal_path(const std::string& event_id, const std::string& site);

}  // namespace estrade::qa
