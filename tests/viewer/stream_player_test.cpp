// The room's stream player against a real relay on loopback: it plays, and when it cannot it says why.
#include "gst/repeated_pictures.hpp"
#include "gst/stream_player.hpp"

#include "relay/relay_fixture.hpp"

#include <catch2/catch.hpp>
#include <gst/app/gstappsink.h>

using namespace estrade;
using namespace std::chrono_literals;

namespace {

gst::PlayerSettings site_player(const config::HostPort& relay, const std::string& passphrase)
{
    gst::PlayerSettings s;
    s.caller.address = relay;
    s.caller.stream_id = "#!::r=demo/speaker,m=request,u=loudeac";
    s.caller.passphrase = passphrase;
    s.caller.latency_ms = 120;
    s.caller.connect_timeout = 800ms;
    return s;
}

template <typename Predicate>
bool eventually(Predicate done, std::chrono::milliseconds timeout = 8000ms)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (done())
            return true;
        std::this_thread::sleep_for(50ms);
    }
    return done();
}

}  // namespace

TEST_CASE("the decoding pipeline is appsrc, TS demuxer, H.264 decoder, then the given sink — sound only when asked")
{
    gst::PlayerSettings settings;
    settings.video_sink = "fakesink";
    const auto video_only = gst::player_pipeline(settings);
    CHECK(video_only.starts_with("appsrc name=in is-live=true format=bytes do-timestamp=true"));
    CHECK(video_only.ends_with("queue name=video-in max-size-time=1000000000 ! h264parse ! "
                               "avdec_h264 name=decoder ! fakesink"));
    CHECK(video_only.find("audio") == std::string::npos);
    settings.audio_sink = "fakesink name=speakers";
    const auto with_sound = gst::player_pipeline(settings);
    CHECK(with_sound.ends_with("queue name=audio-in max-size-time=1000000000 ! aacparse ! "
                               "avdec_aac name=audio-decoder ! audioconvert ! audioresample ! "
                               "( name=sound async-handling=true fakesink name=speakers )"));
    CHECK(std::holds_alternative<gst::Pipeline>(gst::Pipeline::parse(with_sound)));
}

TEST_CASE("a room waits for the host, then decodes pictures as soon as the producer publishes")
{
    testing::RelayFixture relay(testing::relay_options({"loudeac"}));
    gst::StreamPlayer player(site_player(relay.address(), testing::site_passphrase("loudeac")));
    CHECK(eventually([&] { return player.status().text == "waiting for the host to start"; }));
    auto producer = testing::publisher(relay.address());
    testing::publish(producer, testing::as_messages(testing::test_stream()), 2000us);
    CHECK(eventually([&] { return player.decoded_frames() > 10; }));
    CHECK(player.status().phase == gst::StreamPhase::playing);
    // The fixture takes 0.11 s to publish and arrives two legs of 120 ms later: wait for it.
    CHECK(eventually([&] { return player.received_seconds() > 0.05; }));
    CHECK(player.status().text.empty());
}

TEST_CASE("a hidden stream is still decoded, but its pictures go no further until it is shown again")
{
    testing::RelayFixture relay(testing::relay_options({"loudeac"}));
    auto settings = site_player(relay.address(), testing::site_passphrase("loudeac"));
    settings.video_sink = "fakesink name=video-sink sync=false";  // the name the shown-frames counter looks for
    gst::StreamPlayer player(settings);
    player.show_pictures(false);
    auto producer = testing::publisher(relay.address());
    testing::publish(producer, testing::as_messages(testing::test_stream()), 2000us);
    CHECK(eventually([&] { return player.decoded_frames() > 10; }));
    CHECK(player.shown_frames() == 0);
    player.show_pictures(true);
    testing::publish(producer, testing::as_messages(testing::test_stream()), 2000us);
    CHECK(eventually([&] { return player.shown_frames() > 10; }));
}

TEST_CASE("regression: a speaker stream without sound kept its first picture frozen (published without audio)")
{
    testing::RelayFixture relay(testing::relay_options({"loudeac"}));
    auto settings = site_player(relay.address(), testing::site_passphrase("loudeac"));
    settings.video_sink = "fakesink name=video-sink sync=false";
    settings.audio_sink = "fakesink name=speakers sync=false";  // sound wanted, none in the stream
    settings.clock_latency_ms = GENERATE(0, 150);  // as they arrive, and on the clock (the viewer's speaker)
    CAPTURE(settings.clock_latency_ms);
    gst::StreamPlayer player(settings);
    auto producer = testing::publisher(relay.address());
    testing::publish(producer, testing::as_messages(testing::test_stream(testing::Sound::without)), 2000us);
    CHECK(eventually([&] { return player.shown_frames() > 25; }));  // was 1: the audio sink never prerolled
}

TEST_CASE("sound that stops mid-stream does not stop the pictures")
{
    testing::RelayFixture relay(testing::relay_options({"loudeac"}));
    auto settings = site_player(relay.address(), testing::site_passphrase("loudeac"));
    settings.video_sink = "fakesink name=video-sink sync=false";
    settings.audio_sink = "fakesink name=speakers sync=false";
    settings.clock_latency_ms = GENERATE(0, 150);
    CAPTURE(settings.clock_latency_ms);
    gst::StreamPlayer player(settings);
    auto producer = testing::publisher(relay.address());
    // Four seconds with sound, then the host's microphone is gone: four seconds of pictures alone.
    testing::publish(producer, testing::as_messages(testing::test_stream(testing::Sound::with)), 2000us);
    REQUIRE(eventually([&] { return player.decoded_sound_buffers() > 20; }));
    long sound = -1;
    REQUIRE(eventually([&] {  // all of it decoded
        const long before = player.decoded_sound_buffers();
        std::this_thread::sleep_for(400ms);
        return std::exchange(sound, player.decoded_sound_buffers()) == before && sound == before;
    }));
    const long pictures_with_sound = player.shown_frames();
    // At the pace of a live host (4 s of pictures over 4 s), so that the stream is still coming once the
    // player has seen the change.
    const auto without_sound = testing::as_messages(testing::test_stream(testing::Sound::without));
    std::thread host([&] {
        testing::publish(producer, without_sound, std::chrono::microseconds(4'000'000 / without_sound.size()));
    });
    CHECK(eventually([&] { return player.shown_frames() > pictures_with_sound + 25; }));
    host.join();
    CHECK(player.decoded_sound_buffers() < sound + 10);  // the sound did stop
    CHECK(player.restarts() == 0);                        // and the pictures went on without a restart
}

TEST_CASE("regression: seconds received were under-counted (each gap rounded down to whole milliseconds)")
{
    testing::RelayFixture relay(testing::relay_options({"loudeac"}));
    gst::StreamPlayer player(site_player(relay.address(), testing::site_passphrase("loudeac")));
    auto producer = testing::publisher(relay.address());
    REQUIRE(eventually([&] { return player.status().text == "waiting for the host to start"; }));
    // 1.5 ms between messages: rounding each gap down lost a third of the time. A few tenths of a second of
    // them (the fixture repeated), so that the last packets' delivery jitter stays small beside it.
    std::vector<std::uint8_t> stream;
    const auto one = testing::test_stream();
    while (stream.size() < 300'000)
        stream.insert(stream.end(), one.begin(), one.end());
    const auto messages = testing::as_messages(stream);
    const auto started = std::chrono::steady_clock::now();
    testing::publish(producer, messages, 1500us);
    const std::chrono::duration<double> published = std::chrono::steady_clock::now() - started;
    CHECK(eventually([&] { return player.received_seconds() > 0.85 * published.count(); }, 3000ms));
    CHECK(player.received_seconds() < 1.1 * published.count());
}

TEST_CASE("the speaker's sound is decoded next to the pictures")
{
    testing::RelayFixture relay(testing::relay_options({"loudeac"}));
    auto settings = site_player(relay.address(), testing::site_passphrase("loudeac"));
    settings.audio_sink = "fakesink sync=false";
    gst::StreamPlayer player(settings);
    CHECK(eventually([&] { return player.status().text == "waiting for the host to start"; }));
    auto producer = testing::publisher(relay.address());
    testing::publish(producer, testing::as_messages(testing::test_stream(testing::Sound::with)), 2000us);
    CHECK(eventually([&] { return player.decoded_frames() > 10 && player.decoded_sound_buffers() > 20; }));
}

TEST_CASE("a room without a sound device is told so: autoaudiosink's fallback is recognised")
{
    testing::RelayFixture relay(testing::relay_options({"loudeac"}));
    // Bins named and built as autoaudiosink builds them: its fallback child is "fake-audio-sink".
    const auto played_on = [&](const std::string& child) {
        auto settings = site_player(relay.address(), testing::site_passphrase("loudeac"));
        settings.audio_sink = "( name=speakers fakesink name=" + child + " sync=false )";
        return gst::StreamPlayer(settings).sound_device_found();
    };
    CHECK(played_on("fake-audio-sink") == false);
    CHECK(played_on("autoaudiosink0-actual-sink-pulse") == true);
    CHECK_FALSE(gst::StreamPlayer(site_player(relay.address(), "x")).sound_device_found());  // no sound wanted
}

TEST_CASE("a decoding pipeline that fails is restarted, not left dead")
{
    testing::RelayFixture relay(testing::relay_options({"loudeac"}));
    auto settings = site_player(relay.address(), testing::site_passphrase("loudeac"));
    settings.video_sink = "capsfilter caps=video/x-raw,width=7 ! fakesink";  // refuses every picture
    auto player_ptr = std::make_unique<gst::StreamPlayer>(settings);
    auto& player = *player_ptr;
    CHECK(eventually([&] { return player.status().text == "waiting for the host to start"; }));
    auto producer = testing::publisher(relay.address());
    testing::publish(producer, testing::as_messages(testing::test_stream()), 2000us);
    CHECK(eventually([&] { return player.restarts() > 0; }));
    // It keeps failing; closing the viewer must still be prompt (it once hung here).
    const auto closing = std::chrono::steady_clock::now();
    player_ptr.reset();
    CHECK(std::chrono::steady_clock::now() - closing < 3s);
}

TEST_CASE("a wrong passphrase is said in words, with the countdown to the next try")
{
    testing::RelayFixture relay(testing::relay_options({"loudeac"}));
    gst::StreamPlayer player(site_player(relay.address(), "not-the-right-one"));
    CHECK(eventually([&] { return player.status().text.starts_with("wrong passphrase — check the event file — reconnecting in"); }));
    CHECK(player.decoded_frames() == 0);
}

TEST_CASE("a relay that does not answer is 'relay unreachable', retried by itself")
{
    std::uint16_t closed_port = 0;
    {
        testing::RelayFixture relay(testing::relay_options({"loudeac"}));
        closed_port = relay.address().port;
    }
    gst::StreamPlayer player(site_player({"127.0.0.1", closed_port}, testing::site_passphrase("loudeac")));
    CHECK(eventually([&] { return player.status().text.starts_with("relay unreachable — reconnecting in"); }));

    SECTION("and plays once the relay is back on that port")
    {
        auto options = testing::relay_options({"loudeac"});
        options.listen.port = closed_port;
        testing::RelayFixture relay(options);
        CHECK(eventually([&] { return player.status().text == "waiting for the host to start"; }, 15000ms));
    }
}

TEST_CASE("on the clock, the sinks' offset follows the least margin pictures had over each window")
{
    using namespace std::chrono;
    gst::ClockMargin margin({.target = 30ms, .tolerance = 25ms, .window = 2000ms});
    const auto ms = [](double v) { return static_cast<std::int64_t>(v * 1e6); };
    // Pictures 40-90 ms ahead for two seconds: within bounds (least 40 <= 55), nothing moves.
    std::optional<std::int64_t> change;
    for (int i = 0; i <= 60; ++i)
        change = margin.decoded(ms(40 + i % 50), ms(i * 33.4));
    CHECK(margin.window_closed());
    CHECK_FALSE(change);
    // Waiting 500 ms or more each (the relay's fast start met tsdemux's first guess): 470 ms earlier.
    for (int i = 0; i <= 60 && !change; ++i)
        change = margin.decoded(ms(500 + i), ms(3000 + i * 33.4));
    REQUIRE(change);
    CHECK(*change == ms(30 - 500));
    // One picture 20 ms late in a window: 50 ms later, whatever the others.
    change.reset();
    for (int i = 0; i <= 60 && !change; ++i)
        change = margin.decoded(i == 30 ? ms(-20) : ms(45), ms(6000 + i * 33.4));
    REQUIRE(change);
    CHECK(*change == ms(50));
}

namespace {

// What the repeated-pictures filter passes of `count` pictures of `pattern`, encoded and decoded by
// real x264enc and avdec_h264, 100 ms apart (a slides stream's pace).
int pictures_passed(const std::string& pattern, int count)
{
    auto parsed = gst::Pipeline::parse("videotestsrc pattern=" + pattern + " num-buffers=" + std::to_string(count) +
                                       " ! video/x-raw,format=I420,width=320,height=180,framerate=10/1"
                                       " ! x264enc tune=zerolatency bframes=0 key-int-max=10 speed-preset=ultrafast"
                                       " ! avdec_h264 ! appsink name=out sync=false");
    REQUIRE(std::holds_alternative<gst::Pipeline>(parsed));
    auto& pipeline = std::get<gst::Pipeline>(parsed);
    REQUIRE_FALSE(pipeline.play());
    gst::Element out = pipeline.element("out");
    gst::RepeatedPictures filter;
    int passed = 0;
    for (int i = 0; i < count; ++i) {
        gst::Sample sample(gst_app_sink_try_pull_sample(GST_APP_SINK(out.get()), 5 * GST_SECOND), gst::Ownership::adopt);
        REQUIRE(sample);
        passed += filter.pass(gst_sample_get_buffer(sample.get()), i * 100'000'000LL) ? 1 : 0;
    }
    pipeline.stop();
    return passed;
}

}  // namespace

TEST_CASE("a still slide decoded again and again goes on once a second, a moving picture every time")
{
    // 30 pictures, 3 s, x264 refining a still picture after its keyframes: a few, and at least one a
    // second (the first, at 1.0 and 2.0 s).
    const int still = pictures_passed("colors", 30);
    CHECK(still >= 3);
    CHECK(still <= 8);
    CHECK(pictures_passed("ball", 30) == 30);
    // A new size asked for: the next picture goes on even if it is the same.
    gst::RepeatedPictures filter;
    gst::Buffer picture(gst_buffer_new_allocate(nullptr, 64, nullptr), gst::Ownership::adopt);
    gst_buffer_memset(picture.get(), 0, 7, 64);
    CHECK(filter.pass(picture.get(), 0));
    CHECK_FALSE(filter.pass(picture.get(), 100));
    filter.pass_next();
    CHECK(filter.pass(picture.get(), 200));
    CHECK_FALSE(filter.pass(picture.get(), 300));
    gst::Buffer other(gst_buffer_copy_deep(picture.get()), gst::Ownership::adopt);
    gst_buffer_memset(other.get(), 63, 11, 1);  // one sample 4 levels off: alike
    CHECK_FALSE(filter.pass(other.get(), 400));
    gst_buffer_memset(other.get(), 63, 12, 1);  // 5 levels: a new picture
    CHECK(filter.pass(other.get(), 500));
    CHECK(filter.pass(picture.get(), 1'000'000'600));  // a second after the last one passed
}

TEST_CASE("a stream whose repeated pictures are skipped still shows every picture that moves")
{
    testing::RelayFixture relay(testing::relay_options({"loudeac"}));
    auto settings = site_player(relay.address(), testing::site_passphrase("loudeac"));
    settings.video_sink = "fakesink name=video-sink sync=false";
    settings.skip_repeated_pictures = true;
    gst::StreamPlayer player(settings);
    auto producer = testing::publisher(relay.address());
    testing::publish(producer, testing::as_messages(testing::test_stream()), 2000us);  // a moving ball
    REQUIRE(eventually([&] { return player.decoded_frames() >= 95; }));
    std::this_thread::sleep_for(300ms);
    CHECK(player.shown_frames() >= player.decoded_frames() - 2);
}
