#include "stream_status.hpp"

#include "i18n/words.hpp"

#include <srt/srt.h>

#include <algorithm>

namespace estrade::gst {

using namespace std::chrono_literals;

void StreamStatusMachine::connecting(Clock::time_point)
{
    m_phase = StreamPhase::connecting;
    m_waiting_to_retry = false;
}

void StreamStatusMachine::connected(Clock::time_point now)
{
    m_phase = StreamPhase::waiting_for_host;
    m_last_data = now;
    m_waiting_to_retry = false;
}

void StreamStatusMachine::data_arrived(Clock::time_point now)
{
    m_phase = StreamPhase::playing;
    m_last_data = now;
    m_backoff = 1000ms;  // a good connection earns a quick retry next time
}

void StreamStatusMachine::connect_failed(const srt::ConnectFailure& failure, Clock::time_point now)
{
    if (failure.unreachable()) {
        m_phase = StreamPhase::unreachable;
        m_reason = QT_TRANSLATE_NOOP("StreamStatus", "relay unreachable");
    } else {
        m_phase = StreamPhase::refused;
        m_reason = failure.reject_code == SRT_REJ_BADSECRET
                       ? QT_TRANSLATE_NOOP("StreamStatus", "wrong passphrase — check the event file")
                       : QT_TRANSLATE_NOOP("StreamStatus", "the relay refused this room — check the event file");
    }
    schedule_retry(now);
}

void StreamStatusMachine::connection_lost(Clock::time_point now)
{
    m_phase = StreamPhase::unreachable;
    m_reason = QT_TRANSLATE_NOOP("StreamStatus", "connection to the relay lost");
    m_backoff = 1000ms;
    schedule_retry(now);
}

void StreamStatusMachine::schedule_retry(Clock::time_point now)
{
    m_retry_at = now + m_backoff;
    m_waiting_to_retry = true;
    // A refusal will not fix itself quickly: no point knocking ten times a second.
    m_backoff = std::min(m_backoff * 2, std::chrono::milliseconds(8000));
}

bool StreamStatusMachine::should_reconnect(Clock::time_point now) const { return m_waiting_to_retry && now >= m_retry_at; }

StreamStatus StreamStatusMachine::status(Clock::time_point now) const
{
    StreamStatus s;
    s.phase = m_phase;
    switch (m_phase) {
    case StreamPhase::connecting:
        s.text = words::translate("StreamStatus", "connecting…");
        break;
    case StreamPhase::waiting_for_host:
        s.text = words::translate("StreamStatus", "waiting for the host to start");
        break;
    case StreamPhase::playing:
        if (now - m_last_data > stall_after) {
            s.phase = StreamPhase::waiting_for_host;
            s.text = words::translate("StreamStatus", "the host's stream stopped — waiting for it to come back");
        }
        break;
    case StreamPhase::refused:
    case StreamPhase::unreachable: {
        s.text = words::translate("StreamStatus", m_reason);
        if (m_waiting_to_retry) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(m_retry_at - now);
            s.retry_in_s = static_cast<int>(std::max<long long>(1, (left.count() + 999) / 1000));
            s.text += words::fill(words::translate("StreamStatus", " — reconnecting in %1 s"), {std::to_string(s.retry_in_s)});
        }
        break;
    }
    }
    return s;
}

}  // namespace estrade::gst
