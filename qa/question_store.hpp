#pragma once
// Persistence of the question channel in one SQLite file (WAL). The broker writes a batch of
// changes in one transaction and acknowledges only after it commits.

#include "poll.hpp"
#include "protocol.hpp"
#include "question.hpp"
#include "sqlite.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace estrade::qa {

struct StoredState {
    std::vector<Question> questions;
    ProgrammeStep step;
    bool window_open = true;
    Floor floor;
    std::vector<PollBook::Stored> polls;
    std::int64_t last_seq = 0;
    // (caller, request id) → the reply that was sent, so a resent request is answered the same way.
    std::map<std::pair<std::string, std::string>, std::string> replies;
};

class QuestionStore {
public:
    QuestionStore(const std::filesystem::path& file, Database::Durability durability);

    StoredState load();

    Transaction begin() { return Transaction(m_db); }
    void save_question(const Question& question);
    void save_step(const ProgrammeStep& step);
    void save_window(bool open);
    void save_floor(const Floor& floor);
    void save_poll(const PollBook::Stored& poll);
    void save_update(std::int64_t seq, const std::string& body);
    void save_reply(const std::string& caller, const std::string& request_id, const std::string& reply);

private:
    void save_setting(std::string_view key, const std::string& value);

    Database m_db;
    Statement m_upsert_question;
    Statement m_upsert_poll;
    Statement m_insert_update;
    Statement m_insert_reply;
    Statement m_upsert_setting;
};

}  // namespace estrade::qa
