#include "question_store.hpp"

namespace estrade::qa {

namespace {

constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS questions(
    id INTEGER PRIMARY KEY,
    request_id TEXT NOT NULL,
    site TEXT NOT NULL,
    asker TEXT NOT NULL,
    text TEXT NOT NULL,
    original_text TEXT NOT NULL,
    talk INTEGER NOT NULL,
    state TEXT NOT NULL,
    voters TEXT NOT NULL,
    asked_at_ms INTEGER NOT NULL,
    reason TEXT NOT NULL,
    merged_into INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS replies(
    caller TEXT NOT NULL,
    request_id TEXT NOT NULL,
    reply TEXT NOT NULL,
    PRIMARY KEY(caller, request_id));
CREATE TABLE IF NOT EXISTS updates(seq INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS polls(id INTEGER PRIMARY KEY, poll TEXT NOT NULL, participants TEXT NOT NULL);
)sql";

void add_column_if_missing(Database& db, std::string_view column, std::string_view definition)
{
    auto columns = db.prepare("PRAGMA table_info(questions)");
    while (columns.step())
        if (columns.text(1) == column)
            return;
    db.exec("ALTER TABLE questions ADD COLUMN " + std::string(column) + " " + std::string(definition));
}

Database open_with_schema(const std::filesystem::path& file, Database::Durability durability)
{
    Database db(file, durability);
    db.exec(schema);
    // Files written before "aloud" entries and approval existed hold typed questions every room saw.
    add_column_if_missing(db, "kind", "TEXT NOT NULL DEFAULT 'typed'");
    add_column_if_missing(db, "approved", "INTEGER NOT NULL DEFAULT 1");
    return db;
}

}  // namespace

QuestionStore::QuestionStore(const std::filesystem::path& file, Database::Durability durability)
    : m_db(open_with_schema(file, durability)),
      m_upsert_question(m_db.prepare(
          "INSERT OR REPLACE INTO questions(id, request_id, site, asker, text, original_text, talk, state, voters, "
          "asked_at_ms, reason, merged_into, kind, approved) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
          "?14)")),
      m_upsert_poll(m_db.prepare("INSERT OR REPLACE INTO polls(id, poll, participants) VALUES(?1, ?2, ?3)")),
      m_insert_update(m_db.prepare("INSERT INTO updates(seq, body) VALUES(?1, ?2)")),
      m_insert_reply(m_db.prepare("INSERT OR REPLACE INTO replies(caller, request_id, reply) VALUES(?1, ?2, ?3)")),
      m_upsert_setting(m_db.prepare("INSERT OR REPLACE INTO settings(key, value) VALUES(?1, ?2)"))
{
}

StoredState QuestionStore::load()
{
    StoredState state;
    auto questions = m_db.prepare(
        "SELECT id, request_id, site, asker, text, original_text, talk, state, voters, asked_at_ms, reason, merged_into, "
        "kind, approved FROM questions ORDER BY id");
    while (questions.step()) {
        Question q;
        q.id = questions.integer(0);
        q.request_id = questions.text(1);
        q.site = questions.text(2);
        q.asker = questions.text(3);
        q.text = questions.text(4);
        q.original_text = questions.text(5);
        q.talk = static_cast<int>(questions.integer(6));
        q.state = question_state_from(questions.text(7)).value_or(QuestionState::waiting);
        q.voters = Json::parse(questions.text(8)).get<std::set<std::string>>();
        q.asked_at_ms = questions.integer(9);
        q.reason = questions.text(10);
        q.merged_into = questions.integer(11);
        q.kind = question_kind_from(questions.text(12)).value_or(QuestionKind::typed);
        q.approved = questions.integer(13) != 0;
        state.questions.push_back(std::move(q));
    }
    auto polls = m_db.prepare("SELECT poll, participants FROM polls ORDER BY id");
    while (polls.step())
        state.polls.push_back({poll_from_json(Json::parse(polls.text(0))),
                               Json::parse(polls.text(1)).get<std::map<std::string, int>>()});
    auto settings = m_db.prepare("SELECT key, value FROM settings");
    while (settings.step()) {
        const auto key = settings.text(0);
        const auto value = settings.text(1);
        if (key == "step")
            state.step = step_from_json(Json::parse(value, nullptr, false)).value_or(ProgrammeStep{});
        else if (key == "window")
            state.window_open = value == "open";
        else if (key == "floor")
            state.floor = floor_from_json(Json::parse(value, nullptr, false));
    }
    auto seq = m_db.prepare("SELECT COALESCE(MAX(seq), 0) FROM updates");
    if (seq.step())
        state.last_seq = seq.integer(0);
    auto replies = m_db.prepare("SELECT caller, request_id, reply FROM replies");
    while (replies.step())
        state.replies.emplace(std::pair{replies.text(0), replies.text(1)}, replies.text(2));
    return state;
}

void QuestionStore::save_question(const Question& q)
{
    m_upsert_question.bind(1, q.id)
        .bind(2, q.request_id)
        .bind(3, q.site)
        .bind(4, q.asker)
        .bind(5, q.text)
        .bind(6, q.original_text)
        .bind(7, std::int64_t{q.talk})
        .bind(8, to_string(q.state))
        .bind(9, Json(q.voters).dump())
        .bind(10, q.asked_at_ms)
        .bind(11, q.reason)
        .bind(12, q.merged_into)
        .bind(13, to_string(q.kind))
        .bind(14, std::int64_t{q.approved ? 1 : 0})
        .run();
}

void QuestionStore::save_poll(const PollBook::Stored& stored)
{
    m_upsert_poll.bind(1, stored.poll.id)
        .bind(2, to_json(stored.poll).dump())
        .bind(3, Json(stored.participants).dump())
        .run();
}

void QuestionStore::save_step(const ProgrammeStep& step)
{
    save_setting("step", to_json(step).dump());
}

void QuestionStore::save_window(bool open)
{
    save_setting("window", open ? "open" : "closed");
}

void QuestionStore::save_floor(const Floor& floor)
{
    save_setting("floor", to_json(floor).dump());
}

void QuestionStore::save_setting(std::string_view key, const std::string& value)
{
    m_upsert_setting.bind(1, key).bind(2, value).run();
}

void QuestionStore::save_update(std::int64_t seq, const std::string& body)
{
    m_insert_update.bind(1, seq).bind(2, body).run();
}

void QuestionStore::save_reply(const std::string& caller, const std::string& request_id, const std::string& reply)
{
    m_insert_reply.bind(1, caller).bind(2, request_id).bind(3, reply).run();
}

}  // namespace estrade::qa
