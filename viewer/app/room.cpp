#include "room.hpp"

#include "picture_item.hpp"

#include "srt/caller.hpp"

#include <QQuickWindow>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace estrade::viewer {

namespace {

// Only when the speaker plays as it arrives (--speaker-latency 0): measured with bench/lip-sync.sh, the
// host's pictures reached a room's screen 5 to 40 ms after its sound, so the sound waits 40 ms (EBU R37
// tolerates sound 60 ms late, only 40 ms early). On the clock, the time stamps keep them together.
constexpr int speaker_sound_delay_ms = 40;

gst::PlayerSettings player_settings(const RoomSettings& room, const std::string& stream, bool with_sound)
{
    gst::PlayerSettings s;
    s.caller = srt::caller_settings(room.event, stream, srt::StreamMode::play, room.site);
    // The slides have no sound to keep up with: shown as they arrive, as soon as possible.
    const bool speaker = stream == "speaker";
    s.clock_latency_ms = speaker ? room.speaker_latency_ms : 0;
    s.video_sink = video_sink_for(room.video_path, 640, 360, s.clock_latency_ms > 0);
    // A still slide comes ten times a second: converted and drawn once (and once a second after).
    s.skip_repeated_pictures = !speaker;
    if (with_sound) {
        s.audio_sink = room.audio_sink;
        s.sound_delay_ms = speaker_sound_delay_ms;
    }
    s.start_now = false;
    return s;
}

}  // namespace

Room::Room(RoomSettings settings, QObject* parent)
    : QObject(parent),
      m_settings(std::move(settings)),
      m_speaker(std::make_unique<gst::StreamPlayer>(player_settings(m_settings, "speaker", m_settings.sound))),
      m_slides(std::make_unique<gst::StreamPlayer>(player_settings(m_settings, "slides", false))),
      m_show_of_hands([this](std::int64_t poll, std::vector<int> counts) {
          if (m_channel)
              m_channel->answer_poll(poll, std::move(counts));
      })
{
    if (!m_settings.lip_sync_log.empty()) {
        m_lip_sync = std::make_unique<LipSyncProbe>(m_settings.lip_sync_log);
        m_lip_sync->attach_sound(m_speaker->element("lip-sync-sound").get());
    }
    m_layout.host_suggests(suggested_layout(std::nullopt));
    if (m_settings.layout)
        m_layout.room_chooses(*m_settings.layout);
    m_banner = banner_for(std::nullopt, m_settings.event.event.title);
    m_questions.set_rows({});
    try {
        auto auth = m_settings.auth ? *m_settings.auth : qa::client_auth_from(m_settings.event, m_settings.site);
        m_channel = std::make_unique<QuestionChannel>(
            ChannelSettings{&m_settings.event, m_settings.site, std::move(auth), m_settings.journal},
            [this](const ChannelView& view) {
                // On the channel's thread: hand a copy to the room's thread.
                QMetaObject::invokeMethod(this, [this, view] { apply(view); }, Qt::QueuedConnection);
            });
    } catch (const std::exception& e) {
        m_channel_problem = tr("questions are not available: %1").arg(QString::fromUtf8(e.what()));
        spdlog::error("{}", m_channel_problem.toStdString());
    }
    m_microphone_problem = microphone_problem(m_settings.microphone);
    if (m_microphone_problem)
        spdlog::warn("this room cannot ask aloud: {}", *m_microphone_problem);
    connect(&m_tick, &QTimer::timeout, this, &Room::refresh_streams);
    m_tick.start(250);
    // A fade of 20 steps over 200 ms: the switch between the programme and the return never clicks.
    connect(&m_fade, &QTimer::timeout, this, [this] {
        const double step = 0.05;
        m_programme_volume = m_fade_to > m_programme_volume ? std::min(m_fade_to, m_programme_volume + step)
                                                            : std::max(m_fade_to, m_programme_volume - step);
        if (gst::Element volume = m_speaker->element("programme-volume"))
            g_object_set(volume.get(), "volume", m_programme_volume, nullptr);
        if (m_programme_volume == m_fade_to)
            m_fade.stop();
    });
    refresh_streams();
}

Room::~Room()
{
    m_channel.reset();
    m_tick.stop();
    m_talkback.reset();
}

QString Room::floorHolder() const
{
    const auto& floor = m_channel_view.floor;
    return floor.held() ? QString::fromStdString(m_settings.event.site_name(floor.site)) : QString();
}

QString Room::askAloudProblem() const
{
    if (!m_microphone_problem)
        return {};
    return tr("This room cannot ask aloud: %1. Type your question instead.")
        .arg(QString::fromStdString(*m_microphone_problem));
}

void Room::askAloud(const QString& text, const QString& name)
{
    if (m_channel && canAskAloud())
        m_channel->ask_aloud(text.trimmed().toStdString(), name.trimmed().toStdString());
}

void Room::handBackFloor()
{
    if (m_channel && haveFloor())
        m_channel->hand_back_floor();
}

void Room::fade_programme(double to)
{
    m_fade_to = to;
    m_fade.start(10);
}

// The microphone opens when the broker says this room has the floor, and only then.
void Room::follow_floor(const qa::Floor& floor)
{
    const bool mine = floor.held() && floor.site == m_settings.site;
    if (mine == haveFloor())
        return;
    if (mine) {
        if (m_microphone_problem)
            return;  // the moderator gave it anyway; the console shows the room silent
        TalkbackSettings settings{m_settings.event, m_settings.site, m_settings.microphone, m_settings.return_sink};
        try {
            m_talkback = std::make_unique<Talkback>(std::move(settings));
            fade_programme(0.0);
        } catch (const std::exception& e) {
            m_microphone_status = QString::fromStdString(e.what());
            spdlog::error("floor: {}", e.what());
        }
    } else {
        fade_programme(1.0);
        m_talkback.reset();
        m_microphone_level = -100;
    }
    refresh_microphone();
}

void Room::refresh_show_of_hands()
{
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count() +
                     m_channel_view.clock_offset_ms;
    m_show_of_hands.show(poll_screen(m_channel_view.polls, m_settings.site, m_settings.event, now),
                         m_channel_view.poll_refusal);
}

void Room::refresh_microphone()
{
    QString status;
    double level = -100;
    if (m_talkback) {
        level = m_talkback->microphone_level_db();
        const auto publisher = m_talkback->publisher();
        if (publisher.state != gst::PublisherStatus::State::publishing)
            status = tr("your voice is not reaching the host yet: %1")
                         .arg(publisher.detail.empty() ? tr("connecting…") : QString::fromStdString(publisher.detail));
        else if (m_talkback->microphone_buffers() == 0)
            status = tr("the microphone gives no sound: check that it is plugged in");
    }
    if (level != m_microphone_level || status != m_microphone_status) {
        m_microphone_level = level;
        m_microphone_status = status;
        emit microphoneChanged();
    }
}

QString Room::channelStatus() const
{
    if (!m_channel_problem.isEmpty())
        return m_channel_problem;
    if (!m_channel_view.connected)
        return m_channel_view.problem.empty() ? tr("connecting to the question channel…")
                                              : QString::fromStdString(m_channel_view.problem);
    return m_channel_view.window_open ? tr("questions open") : tr("questions closed for now");
}

void Room::chooseLayout(int number)
{
    if (auto layout = layout_from_number(number)) {
        m_layout.room_chooses(*layout);
        emit layoutChanged();
    }
}

void Room::followHost()
{
    m_layout.follow_host();
    emit layoutChanged();
}

void Room::ask(const QString& text, const QString& name)
{
    const auto trimmed = text.trimmed();
    if (trimmed.isEmpty() || !m_channel)
        return;
    m_channel->ask(trimmed.toStdString(), name.trimmed().toStdString());
}

void Room::vote(qint64 question)
{
    if (m_channel)
        m_channel->vote(question);
}

void Room::withdraw(qint64 question)
{
    if (m_channel)
        m_channel->withdraw(question);
}

gst::StreamPlayer* Room::player(const QString& stream) const
{
    if (stream == QLatin1String("speaker"))
        return m_speaker.get();
    if (stream == QLatin1String("slides"))
        return m_slides.get();
    return nullptr;
}

long Room::decodedFrames(const QString& stream) const
{
    const auto* p = player(stream);
    return p ? p->decoded_frames() : 0;
}

long Room::shownFrames(const QString& stream) const
{
    const auto* p = player(stream);
    return p ? p->shown_frames() : 0;
}

long Room::lostFrames(const QString& stream) const
{
    const auto* p = player(stream);
    return p ? p->lost_frames() : 0;
}

double Room::receivedSeconds(const QString& stream) const
{
    const auto* p = player(stream);
    return p ? p->received_seconds() : 0;
}

void Room::attachVideo(const QString& stream, QQuickItem* item)
{
    auto* p = player(stream);
    if (!p || !item) {
        spdlog::error("attachVideo: no stream \"{}\" or no item", stream.toStdString());
        return;
    }
    auto* lip_sync = p == m_speaker.get() ? m_lip_sync.get() : nullptr;
    // A flash is white in the luma plane (planes) and in every byte of BGRx (image) alike.
    auto shown = [p, lip_sync](const GstVideoFrame& frame) {
        p->picture_shown();
        if (lip_sync)
            lip_sync->picture_drawn(static_cast<const std::uint8_t*>(GST_VIDEO_FRAME_PLANE_DATA(&frame, 0)),
                                    GST_VIDEO_FRAME_WIDTH(&frame), GST_VIDEO_FRAME_HEIGHT(&frame),
                                    GST_VIDEO_FRAME_PLANE_STRIDE(&frame, 0), GST_BUFFER_PTS(frame.buffer));
    };
    if (auto* pictures = qobject_cast<PictureItem*>(item))
        pictures->attach(p->element("video-frames").get(), shown, [p] { p->picture_lost(); });
    else
        g_object_set(p->element("video-sink").get(), "widget", item, nullptr);
    auto follow_visibility = [p, item] { p->show_pictures(item->isVisible()); };
    connect(item, &QQuickItem::visibleChanged, this, follow_visibility);
    follow_visibility();
    auto fit = [this, p, item] { fit_video(*p, *item); };
    connect(item, &QQuickItem::widthChanged, this, fit);
    connect(item, &QQuickItem::heightChanged, this, fit);
    fit();
    auto start_when_drawn = [this, p](QQuickWindow* window) {
        if (window)
            connect(window, &QQuickWindow::frameSwapped, this, [p] { p->start(); },
                    static_cast<Qt::ConnectionType>(Qt::QueuedConnection | Qt::SingleShotConnection));
    };
    if (item->window())
        start_when_drawn(item->window());
    else
        connect(item, &QQuickItem::windowChanged, this, start_when_drawn);
}

void Room::fit_video(gst::StreamPlayer& player, QQuickItem& item)
{
    gst::Element size = player.element("video-size");
    if (!size || item.width() < 2 || item.height() < 2)
        return;
    // Scale on the CPU to what is shown, not more than the stream's full size: less to convert, less to
    // upload. Even sizes keep every chroma plane whole.
    const qreal ratio = item.window() ? item.window()->effectiveDevicePixelRatio() : 1.0;
    const int width = std::clamp(static_cast<int>(item.width() * ratio) & ~1, 2, 1920);
    const int height = std::clamp(static_cast<int>(item.height() * ratio) & ~1, 2, 1080);
    // Only the size changes; the rest of the filter (the format, on the software path) stays.
    GstCaps* current = nullptr;
    g_object_get(size.get(), "caps", &current, nullptr);
    gst::Caps caps(current ? gst_caps_make_writable(current) : gst_caps_new_empty_simple("video/x-raw"),
                   gst::Ownership::adopt);
    gst_caps_set_simple(caps.get(), "width", G_TYPE_INT, width, "height", G_TYPE_INT, height, nullptr);
    g_object_set(size.get(), "caps", caps.get(), nullptr);
    player.pass_next_picture();  // a still slide at its new size now, not within the second
}

void Room::refresh_streams()
{
    auto text = [](const gst::StreamPlayer& p) { return QString::fromStdString(p.status().text); };
    const auto speaker = text(*m_speaker);
    const auto slides = text(*m_slides);
    const auto device = m_speaker->sound_device_found();
    const bool host_silent = m_settings.sound && m_sound_watch.update(m_speaker->decoded_frames(),
                                                                      m_speaker->decoded_sound_buffers(),
                                                                      SoundWatch::Clock::now());
    const auto sound = device == false ? tr("no sound device: the speaker is not heard — check the PC's "
                                            "speakers or sound cable, then restart the viewer")
                       : host_silent   ? tr("no sound from the host — the pictures go on; the host's microphone may be off")
                                       : QString();
    if (sound != m_sound_status && !sound.isEmpty())
        spdlog::warn("{}", sound.toStdString());
    refresh_microphone();
    refresh_show_of_hands();
    if (speaker != m_speaker_status || slides != m_slides_status || sound != m_sound_status) {
        m_speaker_status = speaker;
        m_slides_status = slides;
        m_sound_status = sound;
        emit streamsChanged();
    }
}

void Room::apply(const ChannelView& view)
{
    const bool programme_changed = view.programme != m_channel_view.programme;
    m_channel_view = view;
    if (programme_changed) {
        m_banner = banner_for(view.programme, m_settings.event.event.title);
        const auto before = m_layout.shown();
        m_layout.host_suggests(suggested_layout(view.programme ? std::optional(view.programme->step) : std::nullopt));
        emit programmeChanged();
        if (m_layout.shown() != before)
            emit layoutChanged();
    }
    const auto picked = picked_question(view.questions, m_settings.event);
    const bool picked_changed = picked.has_value() != m_picked.has_value() ||
                                (picked && (picked->id != m_picked->id || picked->text != m_picked->text));
    m_picked = picked;
    if (picked_changed)
        emit pickedQuestionChanged();
    m_questions.set_rows(question_rows(view.questions, view.pending, m_settings.site, m_settings.event));
    follow_floor(view.floor);
    refresh_show_of_hands();
    emit floorChanged();
    emit channelChanged();
}

}  // namespace estrade::viewer
