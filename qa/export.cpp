#include "export.hpp"

#include "poll.hpp"

#include <fstream>

namespace estrade::qa {

std::string csv_field(std::string_view text)
{
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::vector<std::filesystem::path> write_follow_up_report(const config::Event& event, const Json& snapshot,
                                                          const std::filesystem::path& dir)
{
    std::filesystem::create_directories(dir);
    auto talk_title = [&](int talk) {
        return talk >= 1 && talk <= static_cast<int>(event.talks.size())
                   ? event.talks[static_cast<std::size_t>(talk - 1)].title
                   : std::string{};
    };
    Json report{{"event", event.event.id}, {"title", event.event.title}, {"sites", Json::array()}};
    const auto csv_file = dir / (event.event.id + "-questions.csv");
    std::ofstream csv(csv_file, std::ios::trunc);
    csv << "site,site_name,question,talk,talk_title,name,text,state,votes,reason\n";
    for (const auto& site : event.sites) {
        Json questions = Json::array();
        for (const auto& q : snapshot["questions"]) {
            if (q.value("site", "") != site.id)
                continue;
            questions.push_back(q);
            csv << csv_field(site.id) << ',' << csv_field(site.name) << ',' << q["id"].get<std::int64_t>() << ','
                << q["talk"].get<int>() << ',' << csv_field(talk_title(q["talk"].get<int>())) << ','
                << csv_field(q.value("name", "")) << ',' << csv_field(q.value("text", "")) << ','
                << q.value("state", "") << ',' << q.value("votes", 0) << ',' << csv_field(q.value("reason", ""))
                << "\n";
        }
        Json counts = snapshot["sites"].contains(site.id) ? snapshot["sites"][site.id] : Json::object();
        report["sites"].push_back(
            {{"id", site.id}, {"name", site.name}, {"seats", site.seats}, {"counts", counts}, {"questions", questions}});
    }
    // Each show of hands with every room's count: a room's answers are part of its follow-up too.
    const auto polls_file = dir / (event.event.id + "-polls.csv");
    std::ofstream polls_csv(polls_file, std::ios::trunc);
    polls_csv << "poll,question,answer,site,site_name,hands\n";
    report["polls"] = Json::array();
    for (const auto& json : snapshot.value("polls", Json::array())) {
        const auto poll = poll_from_json(json);
        const auto per_site = poll.per_site();
        Json rooms = Json::object();
        for (const auto& site : event.sites) {
            const auto it = per_site.find(site.id);
            if (it == per_site.end())
                continue;
            rooms[site.id] = {{"name", site.name}, {"counts", it->second}};
            for (std::size_t i = 0; i < poll.choices.size(); ++i)
                polls_csv << poll.id << ',' << csv_field(poll.question) << ',' << csv_field(poll.choices[i]) << ','
                          << csv_field(site.id) << ',' << csv_field(site.name) << ',' << it->second[i] << "\n";
        }
        report["polls"].push_back({{"id", poll.id},
                                   {"question", poll.question},
                                   {"choices", poll.choices},
                                   {"state", to_string(poll.state)},
                                   {"totals", poll.totals()},
                                   {"rooms", std::move(rooms)}});
    }
    const auto json_file = dir / (event.event.id + "-questions.json");
    std::ofstream(json_file, std::ios::trunc) << report.dump(2) << "\n";
    return {csv_file, json_file, polls_file};
}

}  // namespace estrade::qa
