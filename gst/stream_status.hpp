#pragma once
// What a room's screen says about one stream, in words a person in the room understands, and when to
// try again. Pure logic, driven by the player (connect results, data arriving or not) and a clock;
// never a frozen black screen without a word.

#include "srt/caller.hpp"

#include <chrono>
#include <string>

namespace estrade::gst {

enum class StreamPhase {
    connecting,        // "connecting…"
    waiting_for_host,  // connected, nothing arrives yet: the host has not started (or stopped)
    playing,
    refused,      // the relay said no: a wrong passphrase or another event file; retried slowly
    unreachable,  // nobody answered; retried with back-off
};

struct StreamStatus {
    StreamPhase phase = StreamPhase::connecting;
    std::string text;     // the line shown over the stream's area ("" while playing)
    int retry_in_s = 0;  // > 0 while waiting to reconnect
};

class StreamStatusMachine {
public:
    using Clock = std::chrono::steady_clock;

    // Pictures stop for this long while connected: the host's stream is gone, say so.
    static constexpr std::chrono::milliseconds stall_after{3000};

    void connecting(Clock::time_point now);
    void connected(Clock::time_point now);
    void data_arrived(Clock::time_point now);
    void connect_failed(const srt::ConnectFailure& failure, Clock::time_point now);
    void connection_lost(Clock::time_point now);

    StreamStatus status(Clock::time_point now) const;
    // True when the player should call again (after a failure, once the back-off has passed).
    bool should_reconnect(Clock::time_point now) const;

private:
    void schedule_retry(Clock::time_point now);

    StreamPhase m_phase = StreamPhase::connecting;
    const char* m_reason = "";  // English, translated when read (a QT_TRANSLATE_NOOP literal)
    Clock::time_point m_last_data{};
    Clock::time_point m_retry_at{};
    bool m_waiting_to_retry = false;
    std::chrono::milliseconds m_backoff{1000};
};

}  // namespace estrade::gst
