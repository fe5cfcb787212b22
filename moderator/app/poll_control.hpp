#pragma once
// The show of hands in the moderator's console: ask the rooms a quick question with 1 to 5 answers for a
// set time, enter the host room's count, follow the rooms answering, close it early, show the results,
// then move on. The state is the broker's (through the desk's replica); this only shapes it for QML.

#include "qa/poll.hpp"
#include "qa/protocol.hpp"

#include "config/event.hpp"

#include <QObject>
#include <QTimer>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <map>

namespace estrade::moderator {

class PollControl : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the desk owns its show of hands")
    // As in the rooms: the countdown and the counts never rebuild the form being typed in.
    Q_PROPERTY(bool active READ active NOTIFY pollChanged)
    Q_PROPERTY(bool open READ open NOTIFY pollChanged)
    Q_PROPERTY(QString question READ question NOTIFY pollChanged)
    Q_PROPERTY(QStringList choices READ choices NOTIFY pollChanged)
    Q_PROPERTY(QString hostName READ hostName CONSTANT)
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY countdownChanged)
    Q_PROPERTY(QVariantList bars READ bars NOTIFY countsChanged)
    Q_PROPERTY(QVariantList rooms READ rooms NOTIFY countsChanged)
    Q_PROPERTY(int roomsAnswered READ roomsAnswered NOTIFY countsChanged)
    Q_PROPERTY(int roomCount READ roomCount CONSTANT)

public:
    using Send = std::function<void(qa::Json request)>;
    PollControl(const config::Event& event, Send send, QObject* parent = nullptr);

    // The broker's polls, and its clock minus this PC's.
    void show(const std::map<std::int64_t, qa::Poll>& polls, std::int64_t clock_offset_ms);

    bool active() const { return m_poll.has_value(); }
    bool open() const { return m_poll && m_poll->state == qa::PollState::open; }
    QString question() const { return m_poll ? QString::fromStdString(m_poll->question) : QString(); }
    QStringList choices() const;
    QString hostName() const;
    int secondsLeft() const { return m_seconds_left; }
    QVariantList bars() const;
    // Every room of the event, answered or not: "—" where a room has not counted yet.
    QVariantList rooms() const;
    int roomsAnswered() const;
    int roomCount() const { return static_cast<int>(m_event.sites.size()); }

    // `answers`: one per line (or separated by "/"); none makes a plain "hands up".
    Q_INVOKABLE void ask(const QString& question, const QString& answers, int seconds);
    Q_INVOKABLE void closeNow();
    Q_INVOKABLE void moveOn();
    // The host room's count, as the moderator sees the amphitheatre's hands.
    Q_INVOKABLE void countHostRoom(const QVariantList& counts);

signals:
    void pollChanged();
    void countdownChanged();
    void countsChanged();

private:
    int seconds_left_now() const;

    const config::Event& m_event;
    Send m_send;
    std::optional<qa::Poll> m_poll;
    int m_seconds_left = 0;
    std::int64_t m_clock_offset_ms = 0;
    QTimer m_countdown;
};

}  // namespace estrade::moderator
