#pragma once
// One remote room's screen, as the QML views see it: the two streams (players, status in words), the
// layout, the programme banner, the picked question and the question panel. It owns the players and the
// question channel; their threads never touch it: the channel posts copies, the players are polled.

#include "question_list_model.hpp"
#include "show_of_hands.hpp"

#include "viewer/question_channel.hpp"
#include "viewer/room_state.hpp"
#include "gst/stream_player.hpp"
#include "viewer/talkback.hpp"
#include "viewer/lip_sync.hpp"
#include "viewer/video_path.hpp"

#include "config/event.hpp"

#include <QObject>
#include <QPointer>
#include <QQuickItem>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <optional>

namespace estrade::viewer {

struct RoomSettings {
    config::Event event;
    std::string site;
    // The question channel's credentials when they come from a join file; otherwise they are read from
    // the event's keys folder.
    std::optional<qa::ClientAuth> auth;
    std::filesystem::path journal;
    VideoPath video_path = VideoPath::software;
    bool sound = true;
    // The sound plays with the pictures (speaker_latency_ms; its sync=false is for playing as it arrives).
    // A volume first: while the room holds the floor, the speaker stream's sound fades out for the return's.
    std::string audio_sink = "volume name=programme-volume ! autoaudiosink name=speakers sync=false";
    std::optional<Layout> layout;  // the room's own choice from the command line
    // The speaker's pictures and sound play on the clock, this long after capture at the host (lip sync:
    // gst::PlayerSettings::clock_latency_ms); 0: as they arrive, the sound held back 40 ms (before).
    int speaker_latency_ms = default_speaker_latency_ms;
    // The floor: the microphone (--microphone, the join file, or auto), and where the return plays.
    config::MediaSource microphone{config::MediaSource::Kind::automatic, {}};
    std::string return_sink = "autoaudiosink name=speakers sync=false";
    // bench/lip-sync.sh: where the flashes drawn and the tones heard are noted (audio_sink then ends in
    // a fakesink named lip-sync-sound); empty: not measured.
    std::filesystem::path lip_sync_log;
};

class Room : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("estrade-viewer makes the room from its event file")

    Q_PROPERTY(QString eventTitle READ eventTitle CONSTANT)
    Q_PROPERTY(QString siteName READ siteName CONSTANT)
    Q_PROPERTY(int layout READ layout NOTIFY layoutChanged)
    Q_PROPERTY(QString layoutName READ layoutName NOTIFY layoutChanged)
    // The item that draws pictures: "planes" (VideoPlanes), "direct" (VideoDirect, Qt Quick's software
    // renderer), "image" (VideoImage, the same renderer, for the bench) or "glsink" (GStreamer's qml6glsink item).
    Q_PROPERTY(QString videoItem READ videoItem CONSTANT)
    Q_PROPERTY(bool followingHost READ followingHost NOTIFY layoutChanged)
    Q_PROPERTY(QString bannerHeadline READ bannerHeadline NOTIFY programmeChanged)
    Q_PROPERTY(QString bannerDetail READ bannerDetail NOTIFY programmeChanged)
    Q_PROPERTY(bool hasPickedQuestion READ hasPickedQuestion NOTIFY pickedQuestionChanged)
    Q_PROPERTY(QString pickedQuestion READ pickedQuestion NOTIFY pickedQuestionChanged)
    Q_PROPERTY(QString pickedFrom READ pickedFrom NOTIFY pickedQuestionChanged)
    Q_PROPERTY(QString speakerStatus READ speakerStatus NOTIFY streamsChanged)
    Q_PROPERTY(QString slidesStatus READ slidesStatus NOTIFY streamsChanged)
    Q_PROPERTY(QString soundStatus READ soundStatus NOTIFY streamsChanged)
    Q_PROPERTY(bool channelConnected READ channelConnected NOTIFY channelChanged)
    Q_PROPERTY(QString channelStatus READ channelStatus NOTIFY channelChanged)
    Q_PROPERTY(bool questionsOpen READ questionsOpen NOTIFY channelChanged)
    Q_PROPERTY(QString lastRefusal READ lastRefusal NOTIFY channelChanged)
    Q_PROPERTY(estrade::viewer::QuestionListModel* questions READ questions CONSTANT)
    Q_PROPERTY(estrade::viewer::ShowOfHands* showOfHands READ showOfHands CONSTANT)
    Q_PROPERTY(bool haveFloor READ haveFloor NOTIFY floorChanged)
    Q_PROPERTY(QString floorHolder READ floorHolder NOTIFY floorChanged)
    Q_PROPERTY(bool canAskAloud READ canAskAloud CONSTANT)
    Q_PROPERTY(QString askAloudProblem READ askAloudProblem CONSTANT)
    Q_PROPERTY(double microphoneLevel READ microphoneLevel NOTIFY microphoneChanged)
    Q_PROPERTY(QString microphoneStatus READ microphoneStatus NOTIFY microphoneChanged)

public:
    explicit Room(RoomSettings settings, QObject* parent = nullptr);
    ~Room() override;

    QString eventTitle() const { return QString::fromStdString(m_settings.event.event.title); }
    QString siteName() const { return QString::fromStdString(m_settings.event.site_name(m_settings.site)); }
    int layout() const { return static_cast<int>(m_layout.shown()); }
    QString layoutName() const { return QString::fromStdString(describe(m_layout.shown())); }
    QString videoItem() const
    {
        switch (m_settings.video_path) {
        case VideoPath::planes: return QStringLiteral("planes");
        case VideoPath::raster: return QStringLiteral("direct");
        case VideoPath::raster_image:
        case VideoPath::raster_full_size: return QStringLiteral("image");
        default: return QStringLiteral("glsink");
        }
    }
    bool followingHost() const { return m_layout.following_host(); }
    QString bannerHeadline() const { return QString::fromStdString(m_banner.headline); }
    QString bannerDetail() const { return QString::fromStdString(m_banner.detail); }
    bool hasPickedQuestion() const { return m_picked.has_value(); }
    QString pickedQuestion() const { return m_picked ? QString::fromStdString(m_picked->text) : QString(); }
    QString pickedFrom() const { return m_picked ? QString::fromStdString(m_picked->from) : QString(); }
    QString speakerStatus() const { return m_speaker_status; }
    QString slidesStatus() const { return m_slides_status; }
    QString soundStatus() const { return m_sound_status; }
    bool channelConnected() const { return m_channel_view.connected; }
    QString channelStatus() const;
    bool questionsOpen() const { return m_channel_view.window_open; }
    QString lastRefusal() const { return QString::fromStdString(m_channel_view.last_refusal); }
    QuestionListModel* questions() { return &m_questions; }
    ShowOfHands* showOfHands() { return &m_show_of_hands; }
    bool haveFloor() const { return m_talkback != nullptr; }
    QString floorHolder() const;  // the name of the room that has the floor, "" when none
    bool canAskAloud() const { return !m_microphone_problem.has_value(); }
    QString askAloudProblem() const;
    double microphoneLevel() const { return m_microphone_level; }
    QString microphoneStatus() const { return m_microphone_status; }

    // The room's choices (keys 1–4, 0, and the on-screen buttons).
    Q_INVOKABLE void chooseLayout(int number);
    Q_INVOKABLE void followHost();
    Q_INVOKABLE void ask(const QString& text, const QString& name);
    Q_INVOKABLE void vote(qint64 question);
    Q_INVOKABLE void withdraw(qint64 question);
    Q_INVOKABLE void askAloud(const QString& text, const QString& name);
    Q_INVOKABLE void handBackFloor();

    // Hands a GstGLQt6VideoItem to the stream's sink; the stream starts once its window has drawn a
    // frame (qml6glsink needs the window's GL context).
    Q_INVOKABLE void attachVideo(const QString& stream, QQuickItem* item);

    // For grabs, benches and tests.
    long decodedFrames(const QString& stream) const;
    long shownFrames(const QString& stream) const;
    // Pictures that reached the screen's item but were replaced by a newer one before being drawn.
    long lostFrames(const QString& stream) const;
    double receivedSeconds(const QString& stream) const;
    // bench/lip-sync.sh's figures (nothing measured without RoomSettings::lip_sync_log).
    LipSyncSummary lipSync() const { return m_lip_sync ? m_lip_sync->summary() : LipSyncSummary{}; }
    const std::string& siteId() const { return m_settings.site; }

signals:
    void layoutChanged();
    void programmeChanged();
    void pickedQuestionChanged();
    void streamsChanged();
    void channelChanged();
    void floorChanged();
    void microphoneChanged();

private:
    gst::StreamPlayer* player(const QString& stream) const;
    void apply(const ChannelView& view);
    void refresh_streams();
    void fit_video(gst::StreamPlayer& player, QQuickItem& item);
    void follow_floor(const qa::Floor& floor);
    void fade_programme(double to);
    void refresh_microphone();
    void refresh_show_of_hands();

    RoomSettings m_settings;
    // Before the players: destroyed after them, so no picture or sound reaches it once it is gone.
    std::unique_ptr<LipSyncProbe> m_lip_sync;
    std::unique_ptr<gst::StreamPlayer> m_speaker;
    std::unique_ptr<gst::StreamPlayer> m_slides;
    LayoutChoice m_layout;
    Banner m_banner;
    std::optional<PickedQuestion> m_picked;
    QString m_speaker_status;
    QString m_slides_status;
    QString m_sound_status;
    SoundWatch m_sound_watch;
    ChannelView m_channel_view;
    QString m_channel_problem;  // the channel could not even start (a missing key file)
    QuestionListModel m_questions;
    ShowOfHands m_show_of_hands;
    QTimer m_tick;
    std::optional<std::string> m_microphone_problem;  // why this room cannot ask aloud
    std::unique_ptr<Talkback> m_talkback;             // only while this room holds the floor
    double m_microphone_level = -100;
    QString m_microphone_status;
    double m_programme_volume = 1.0;
    QTimer m_fade;
    double m_fade_to = 1.0;
    // Last: its thread posts to this object, so it stops before anything else goes.
    std::unique_ptr<QuestionChannel> m_channel;
};

}  // namespace estrade::viewer
