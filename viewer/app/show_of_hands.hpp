#pragma once
// The show of hands on a room's screen (viewer/room_state.hpp's PollScreen) for QML: the question, the
// countdown, the count this room sent, then the results. Checks a count before it leaves (bounded by the
// room's seats), so the operator reads the mistake at once, in words.

#include "viewer/room_state.hpp"

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <optional>

namespace estrade::viewer {

class ShowOfHands : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the room owns its show of hands")
    // Three signals, so that the countdown and the counts arriving never rebuild the fields being typed in.
    Q_PROPERTY(bool active READ active NOTIFY pollChanged)
    Q_PROPERTY(bool open READ open NOTIFY pollChanged)
    Q_PROPERTY(qint64 pollId READ pollId NOTIFY pollChanged)
    Q_PROPERTY(QString question READ question NOTIFY pollChanged)
    Q_PROPERTY(QStringList choices READ choices NOTIFY pollChanged)
    Q_PROPERTY(int seats READ seats NOTIFY pollChanged)
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY countdownChanged)
    Q_PROPERTY(bool sent READ sent NOTIFY countsChanged)
    Q_PROPERTY(QVariantList sentCounts READ sentCounts NOTIFY countsChanged)
    Q_PROPERTY(QVariantList bars READ bars NOTIFY countsChanged)
    Q_PROPERTY(QVariantList rooms READ rooms NOTIFY countsChanged)
    Q_PROPERTY(int roomsAnswered READ roomsAnswered NOTIFY countsChanged)
    Q_PROPERTY(QString problem READ problem NOTIFY countsChanged)

public:
    using Send = std::function<void(std::int64_t poll, std::vector<int> counts)>;
    explicit ShowOfHands(Send send, QObject* parent = nullptr) : QObject(parent), m_send(std::move(send)) {}

    void show(std::optional<PollScreen> screen, const std::string& refusal);

    bool active() const { return m_screen.has_value(); }
    bool open() const { return m_screen && m_screen->open; }
    qint64 pollId() const { return m_screen ? m_screen->id : 0; }
    QString question() const { return m_screen ? QString::fromStdString(m_screen->question) : QString(); }
    QStringList choices() const;
    int secondsLeft() const { return m_screen ? m_screen->seconds_left : 0; }
    int seats() const { return m_screen ? m_screen->seats : 0; }
    bool sent() const { return m_screen && m_screen->sent; }
    QVariantList sentCounts() const;
    QVariantList bars() const;
    QVariantList rooms() const;
    int roomsAnswered() const { return m_screen ? static_cast<int>(m_screen->rooms.size()) : 0; }
    QString problem() const { return m_problem; }

    // The operator's count, one number per answer (texts from the fields: empty is 0). False, with
    // `problem` saying why, when it cannot be right.
    Q_INVOKABLE bool answer(const QVariantList& counts);

signals:
    void pollChanged();
    void countdownChanged();
    void countsChanged();

private:
    Send m_send;
    std::optional<PollScreen> m_screen;
    QString m_problem;
    std::string m_refusal;
};

}  // namespace estrade::viewer
