#include "desk.hpp"

#include "qa/export.hpp"
#include "qa/invitations.hpp"

#include <QDateTime>
#include <QMetaObject>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <fstream>

namespace estrade::moderator {

namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

std::int64_t now_ms()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

Desk::Desk(config::Event event, qa::ClientAuth auth, QObject* parent)
    : QObject(parent),
      m_event(std::move(event)),
      m_programme(programme_of(m_event)),
      m_poll(m_event, [this](qa::Json request) { m_channel->request(std::move(request)); })
{
    refresh_rows();
    m_channel = std::make_unique<DeskChannel>(DeskSettings{&m_event, std::move(auth), {}},
                                              [this](const DeskView& view) {
                                                  QMetaObject::invokeMethod(this, [this, view] { apply(view); },
                                                                            Qt::QueuedConnection);
                                              });
}

Desk::~Desk()
{
    m_channel.reset();
}

void Desk::apply(const DeskView& view)
{
    m_view = view;
    refresh_rows();
    m_poll.show(m_view.polls, m_view.clock_offset_ms);
    emit changed();
}

void Desk::refresh_rows()
{
    m_queue.set_rows(queue_rows(m_view.questions, m_view.suggested, m_filter, m_event));
    m_sites.set_rows(site_board(m_event, m_view.site_counts, m_view.last_seen, m_view.relay, now_ms()));
}

namespace {

// The producer's stream states (its JSON says them in English), in the console's language.
QString publisher_state(const std::string& state)
{
    if (state == "connecting")
        return Desk::tr("connecting");
    if (state == "publishing")
        return Desk::tr("publishing");
    if (state == "retrying")
        return Desk::tr("retrying");
    return QString::fromStdString(state);
}

}  // namespace

QString Desk::producerStatus() const
{
    if (!m_view.producer)
        return tr("the producer does not answer (%1)").arg(q(m_event.producer.control_url));
    const auto& p = *m_view.producer;
    const std::string showing = p.value("showing", "");
    const int talk = p.value("talk", 0);
    QString shown = q(showing);
    if (showing == "slide")
        shown = tr("slide %1 of %2, talk %3").arg(p.value("slide", 0)).arg(p.value("slides", 0)).arg(talk);
    else if (showing == "title-card")
        shown = tr("title card of talk %1").arg(talk);
    else if (showing == "questions")
        shown = tr("questions of talk %1").arg(talk);
    else if (showing == "opening")
        shown = tr("opening card");
    QString streams;
    if (p.contains("streams") && p["streams"].is_object())
        for (const auto& [name, s] : p["streams"].items())
            streams += (streams.isEmpty() ? "" : ", ") + q(name) + " " + publisher_state(s.value("state", "?"));
    return tr("showing %1").arg(shown) + (streams.isEmpty() ? QString() : " · " + streams);
}

QString Desk::relayStatus() const
{
    if (!m_view.relay.is_object())
        return tr("relay statistics unavailable (%1)").arg(q(m_event.relay.stats_listen.to_string()));
    QString text;
    if (m_view.relay.contains("streams"))
        for (const auto& s : m_view.relay["streams"]) {
            const auto name = s.value("stream", "");
            const int rooms = s.value("sites", 0);
            text += (text.isEmpty() ? "" : " · ") + q(name.substr(name.rfind('/') + 1)) + ": " +
                    (s.value("publishing", false) ? tr("live, %n room(s)", "", rooms) : tr("not published, %n room(s)", "", rooms));
        }
    return text.isEmpty() ? tr("relay running, nothing published yet") : text;
}

int Desk::position() const
{
    if (!m_view.programme)
        return -1;
    const auto at = position_of(m_programme, m_view.programme->step);
    return at ? static_cast<int>(*at) : -1;
}

QString Desk::currentStep() const
{
    return m_view.programme ? q(describe(m_view.programme->step, m_event))
                            : tr("(the question channel has not answered yet)");
}

bool Desk::hasNext() const
{
    return position() + 1 < static_cast<int>(m_programme.size());
}

QString Desk::nextStep() const
{
    return hasNext() ? q(describe(m_programme[static_cast<std::size_t>(position() + 1)], m_event)) : QString();
}

QStringList Desk::programme() const
{
    QStringList steps;
    for (const auto& step : m_programme)
        steps << q(describe(step, m_event));
    return steps;
}

QStringList Desk::siteIds() const
{
    QStringList ids;
    for (const auto& site : m_event.sites)
        ids << q(site.id);
    return ids;
}

QStringList Desk::siteNames() const
{
    QStringList names;
    for (const auto& site : m_event.sites)
        names << q(site.name.empty() ? site.id : site.name);
    return names;
}

void Desk::setFilterSite(const QString& site)
{
    m_filter.site = site.toStdString();
    refresh_rows();
    emit filterChanged();
}

void Desk::setFilterTalk(int talk)
{
    m_filter.talk = talk;
    refresh_rows();
    emit filterChanged();
}

void Desk::next()
{
    if (hasNext())
        goTo(position() + 1);
}

void Desk::previous()
{
    if (position() > 0)
        goTo(position() - 1);
}

void Desk::goTo(int at)
{
    if (at < 0 || at >= static_cast<int>(m_programme.size()))
        return;
    m_channel->go_to(m_programme[static_cast<std::size_t>(at)]);
}

void Desk::pick(qint64 question) { m_channel->request(qa::requests::pick(question)); }
void Desk::answered(qint64 question) { m_channel->request(qa::requests::answered(question)); }

void Desk::dismiss(qint64 question, const QString& reason)
{
    m_channel->request(qa::requests::dismiss(question, reason.trimmed().toStdString()));
}

void Desk::merge(qint64 duplicate, qint64 into) { m_channel->request(qa::requests::merge(duplicate, into)); }

void Desk::edit(qint64 question, const QString& text)
{
    if (!text.trimmed().isEmpty())
        m_channel->request(qa::requests::edit(question, text.trimmed().toStdString()));
}

void Desk::setQuestionsOpen(bool open) { m_channel->request(qa::requests::window(open)); }
void Desk::approve(qint64 question) { m_channel->request(qa::requests::approve(question)); }
void Desk::giveFloor(qint64 question) { m_channel->request(qa::requests::give_floor_for(question)); }
void Desk::giveFloorTo(const QString& site) { m_channel->request(qa::requests::give_floor(site.toStdString())); }
void Desk::takeFloorBack() { m_channel->request(qa::requests::end_floor()); }

namespace {

// The producer's view of the floor, when it plays the same room as the broker says.
const nlohmann::json* producer_floor(const DeskView& view)
{
    if (!view.producer || !view.floor.held() || !view.producer->contains("floor"))
        return nullptr;
    const auto& floor = view.producer->at("floor");
    return floor.is_object() && floor.value("site", "") == view.floor.site ? &floor : nullptr;
}

}  // namespace

QString Desk::floorStatus() const
{
    const auto& floor = m_view.floor;
    if (!floor.held())
        return tr("Nobody has the floor");
    const QString name = q(m_event.site_name(floor.site));
    const QString since = QDateTime::fromMSecsSinceEpoch(floor.since_ms).toString(QStringLiteral("HH:mm"));
    QString text = tr("%1 has the floor since %2").arg(name, since);
    if (const auto* playing = producer_floor(m_view); playing && playing->contains("problem"))
        text += tr(" — %1; the programme goes on").arg(q((*playing)["problem"].get<std::string>()));
    else if (!producer_floor(m_view))
        text += tr(" — the producer is not playing it yet");
    return text;
}

bool Desk::floorProblem() const
{
    const auto* playing = producer_floor(m_view);
    return m_view.floor.held() && (!playing || playing->contains("problem"));
}

double Desk::floorLevel() const
{
    const auto* playing = producer_floor(m_view);
    return playing ? playing->value("level_db", -100.0) : -100.0;
}

void Desk::say(const QString& notice)
{
    m_notice = notice;
    spdlog::info("{}", notice.toStdString());
    emit noticeChanged();
}

void Desk::writeInvitations(const QString& folder)
{
    try {
        const auto files = qa::write_invitations(m_event, folder.toStdString());
        auto notice = tr("%1 join files written to %2: send each room its own").arg(files.size()).arg(folder);
        if (const auto warnings = config::invitation_warnings(m_event); !warnings.empty())
            notice += tr(" — but %1").arg(q(warnings.front()));
        say(notice);
    } catch (const std::exception& e) {
        say(tr("join files not written: %1").arg(QString::fromUtf8(e.what())));
    }
}

void Desk::writeWebLinks(const QString& folder)
{
    try {
        const auto links = qa::ensure_web_invitations(m_event);
        std::filesystem::create_directories(folder.toStdString());
        const auto file = std::filesystem::path(folder.toStdString()) / "web-links.txt";
        std::ofstream out(file, std::ios::trunc);
        for (const auto& link : links)
            out << link.site_name << "\t" << link.link << "\n";
        out.close();
        std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::replace);
        say(tr("%1 browser links written to %2: send each site its own").arg(links.size()).arg(
            QString::fromStdString(file.string())));
    } catch (const std::exception& e) {
        say(tr("browser links not written: %1").arg(QString::fromUtf8(e.what())));
    }
}

void Desk::exportReport(const QString& folder)
{
    if (!m_view.snapshot.is_object()) {
        say(tr("no report yet: the question channel has not answered"));
        return;
    }
    try {
        const auto files = qa::write_follow_up_report(m_event, m_view.snapshot, folder.toStdString());
        say(tr("follow-up report written: %1").arg(q(files.empty() ? folder.toStdString() : files.front().string())));
    } catch (const std::exception& e) {
        say(tr("report not written: %1").arg(QString::fromUtf8(e.what())));
    }
}

}  // namespace estrade::moderator
