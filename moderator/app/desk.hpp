#pragma once
// The host's control room as the QML views see it: the question queue with its actions, the programme
// with one "next" that moves the producer and every room together, the site board, invitations and the
// follow-up report. It owns the DeskChannel; the channel's thread posts copies, never touches it.

#include "poll_control.hpp"
#include "queue_model.hpp"

#include "moderator/desk_channel.hpp"
#include "moderator/programme.hpp"

#include "config/event.hpp"

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace estrade::moderator {

class Desk : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("estrade-moderator makes the desk from its event file")

    Q_PROPERTY(QString eventTitle READ eventTitle CONSTANT)
    Q_PROPERTY(bool brokerConnected READ brokerConnected NOTIFY changed)
    Q_PROPERTY(QString producerStatus READ producerStatus NOTIFY changed)
    Q_PROPERTY(QString relayStatus READ relayStatus NOTIFY changed)
    Q_PROPERTY(QString currentStep READ currentStep NOTIFY changed)
    Q_PROPERTY(QString nextStep READ nextStep NOTIFY changed)
    Q_PROPERTY(bool hasNext READ hasNext NOTIFY changed)
    Q_PROPERTY(bool questionsOpen READ questionsOpen NOTIFY changed)
    Q_PROPERTY(QString lastError READ lastError NOTIFY changed)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    Q_PROPERTY(QStringList programme READ programme CONSTANT)
    Q_PROPERTY(int position READ position NOTIFY changed)
    Q_PROPERTY(QStringList siteIds READ siteIds CONSTANT)
    Q_PROPERTY(QStringList siteNames READ siteNames CONSTANT)
    Q_PROPERTY(int talkCount READ talkCount CONSTANT)
    Q_PROPERTY(bool webEnabled READ webEnabled CONSTANT)
    Q_PROPERTY(QString filterSite READ filterSite WRITE setFilterSite NOTIFY filterChanged)
    Q_PROPERTY(int filterTalk READ filterTalk WRITE setFilterTalk NOTIFY filterChanged)
    Q_PROPERTY(QString floorSite READ floorSite NOTIFY changed)
    Q_PROPERTY(QString floorStatus READ floorStatus NOTIFY changed)
    Q_PROPERTY(bool floorProblem READ floorProblem NOTIFY changed)
    Q_PROPERTY(double floorLevel READ floorLevel NOTIFY changed)
    Q_PROPERTY(estrade::moderator::QueueModel* queue READ queue CONSTANT)
    Q_PROPERTY(estrade::moderator::SiteModel* sites READ sites CONSTANT)
    Q_PROPERTY(estrade::moderator::PollControl* poll READ poll CONSTANT)
    Q_PROPERTY(bool approval READ approval CONSTANT)

public:
    Desk(config::Event event, qa::ClientAuth auth, QObject* parent = nullptr);
    ~Desk() override;

    QString eventTitle() const { return QString::fromStdString(m_event.event.title); }
    bool brokerConnected() const { return m_view.broker_connected; }
    QString producerStatus() const;
    QString relayStatus() const;
    QString currentStep() const;
    QString nextStep() const;
    bool hasNext() const;
    bool questionsOpen() const { return m_view.window_open; }
    QString lastError() const { return QString::fromStdString(m_view.last_error); }
    QString notice() const { return m_notice; }
    QStringList programme() const;
    int position() const;
    QStringList siteIds() const;
    QStringList siteNames() const;
    int talkCount() const { return static_cast<int>(m_event.talks.size()); }
    QString filterSite() const { return QString::fromStdString(m_filter.site); }
    void setFilterSite(const QString& site);
    int filterTalk() const { return m_filter.talk; }
    void setFilterTalk(int talk);
    QString floorSite() const { return QString::fromStdString(m_view.floor.site); }
    // "Loudéac has the floor since 10:42", with what is wrong when its sound does not reach the host.
    QString floorStatus() const;
    bool floorProblem() const;
    double floorLevel() const;  // the floor room's level as it reaches the host, dBFS (−100: nothing)
    QueueModel* queue() { return &m_queue; }
    SiteModel* sites() { return &m_sites; }
    PollControl* poll() { return &m_poll; }
    bool approval() const { return m_event.qa.approval; }

    // The programme: the next step (or a chosen one) on the producer and on every room's banner.
    Q_INVOKABLE void next();
    Q_INVOKABLE void previous();
    Q_INVOKABLE void goTo(int position);
    // The queue.
    Q_INVOKABLE void pick(qint64 question);
    Q_INVOKABLE void answered(qint64 question);
    Q_INVOKABLE void dismiss(qint64 question, const QString& reason);
    Q_INVOKABLE void merge(qint64 duplicate, qint64 into);
    Q_INVOKABLE void edit(qint64 question, const QString& text);
    Q_INVOKABLE void setQuestionsOpen(bool open);
    // With approval on: every room sees the question.
    Q_INVOKABLE void approve(qint64 question);
    // The floor: to the room of a request to speak, to a room of the board, or back to nobody.
    Q_INVOKABLE void giveFloor(qint64 question);
    Q_INVOKABLE void giveFloorTo(const QString& site);
    Q_INVOKABLE void takeFloorBack();
    // Files for before and after the event; each says what it wrote in `notice`.
    Q_INVOKABLE void writeInvitations(const QString& folder);
    // Browser invitation links (estrade-web): one per site, written to <folder>/web-links.txt.
    Q_INVOKABLE void writeWebLinks(const QString& folder);
    bool webEnabled() const { return m_event.web.has_value(); }
    Q_INVOKABLE void exportReport(const QString& folder);

    const DeskView& view() const { return m_view; }

signals:
    void changed();
    void filterChanged();
    void noticeChanged();

private:
    void apply(const DeskView& view);
    void refresh_rows();
    void say(const QString& notice);

    config::Event m_event;
    std::vector<qa::ProgrammeStep> m_programme;
    DeskView m_view;
    QueueFilter m_filter;
    QueueModel m_queue;
    SiteModel m_sites;
    PollControl m_poll;
    QString m_notice;
    // Last: its thread posts to this object, so it stops first.
    std::unique_ptr<DeskChannel> m_channel;
};

}  // namespace estrade::moderator
