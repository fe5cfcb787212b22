#include "speech_gate.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <tuple>
#include <utility>

namespace estrade::gst {

namespace {

int samples(double ms, int rate) { return static_cast<int>(std::lround(ms * rate / 1000.0)); }

double one_pole_step(double ms, int rate) { return 1.0 - std::exp(-1000.0 / (ms * rate)); }

// The highest local peak of a normalised autocorrelation (indexed by lag, shortest - 1 to longest + 1)
// that stands 0.2 over the lowest value at a shorter lag. A peak at the shortest lag with nothing lower
// before it is a low-pass signal's smoothness (rumble), not a pitch: it does not count.
double best_pitch_peak(const std::vector<double>& nccf, int shortest, int longest)
{
    double best = 0;
    double lowest_so_far = nccf[static_cast<std::size_t>(shortest - 1)];
    for (int lag = shortest; lag <= longest; ++lag) {
        const double v = nccf[static_cast<std::size_t>(lag)];
        lowest_so_far = std::min(lowest_so_far, v);
        const bool peak = v >= nccf[static_cast<std::size_t>(lag - 1)] && v >= nccf[static_cast<std::size_t>(lag + 1)];
        if (peak && v - lowest_so_far > 0.2)
            best = std::max(best, v);
    }
    return best;
}

double median_of_three(double a, double b, double c) { return std::clamp(c, std::min(a, b), std::max(a, b)); }

constexpr double lowest_pitch_hz = 70;
constexpr double highest_pitch_hz = 400;

}  // namespace

SpeechGate::HighPass::HighPass(double corner_hz, int rate)
{
    const double w = 2 * M_PI * corner_hz / rate, c = std::cos(w), alpha = std::sin(w) / std::sqrt(2.0);
    const double a0 = 1 + alpha;
    b0 = (1 + c) / 2 / a0, b1 = -(1 + c) / a0, b2 = (1 + c) / 2 / a0, a1 = -2 * c / a0, a2 = (1 - alpha) / a0;
}

SpeechGate::SpeechGate(int sample_rate, SpeechGateSettings settings)
    : m_settings(settings),
      m_rate(sample_rate),
      m_frame(sample_rate / 200),
      m_lookahead(samples(settings.lookahead_ms, sample_rate)),
      m_hold(samples(settings.hold_ms, sample_rate)),
      m_pause_hold(samples(settings.hold_ms + settings.pause_hold_ms, sample_rate)),
      m_decimation(std::max(1, static_cast<int>(std::lround(sample_rate / 8000.0)))),
      m_high_pass(4000, sample_rate),
      m_floor_gain(std::pow(10.0, settings.floor_db / 20)),
      m_attack_step(one_pole_step(settings.attack_ms, sample_rate)),
      m_release_step(one_pole_step(settings.release_ms, sample_rate)),
      m_knock_release_step(one_pole_step(settings.knock_release_ms, sample_rate)),
      m_paper_release_step(settings.paper_release_ms > 0
                                     ? one_pole_step(settings.paper_release_ms, sample_rate)
                                     : m_release_step)
{
    m_since_voiced = m_lookahead + m_hold;  // closed until a voice is heard
    m_gain = m_floor_gain;
}

void SpeechGate::process(std::span<std::int16_t> samples_, int channels)
{
    if (channels != m_channels) {
        m_channels = channels;
        m_delay.assign(static_cast<std::size_t>(m_lookahead) * static_cast<std::size_t>(channels), 0);
        m_delay_at = 0;
    }
    const std::size_t width = static_cast<std::size_t>(channels);
    const double low_step = one_pole_step(1000.0 / (2 * M_PI * 1000.0), m_rate);  // 1 kHz corner
    for (std::size_t at = 0; at + width <= samples_.size(); at += width) {
        // Analysis sees the sample now; the output is the one from `lookahead` ago.
        const double x = samples_[at];
        ++m_frame_samples;
        m_frame_energy += x * x;
        m_low1 += low_step * (x - m_low1);
        m_low2 += low_step * (m_low1 - m_low2);
        m_low3 += low_step * (m_low2 - m_low3);
        m_low4 += low_step * (m_low3 - m_low4);
        m_low_energy += m_low4 * m_low4;
        const double high = m_high_pass(x);
        m_high_energy += high * high;
        m_high_peak = std::max(m_high_peak, high * high);
        if (m_frame_samples % m_decimation == 0) {
            m_pitch_history.push_back(static_cast<float>(m_low4));
            m_pitch_since_onset = std::min(m_pitch_since_onset + 1, 1 << 30);
        }
        ++m_since_voiced;
        if (m_frame_samples == m_frame) {
            analyse_frame();
            m_frame_samples = 0;
        }
        const bool is_open = open();
        const double target = is_open ? 1.0 : m_floor_gain;
        const double release = release_step(is_open);
        m_gain += (target - m_gain) * (target > m_gain ? m_attack_step : release);
        for (std::size_t c = 0; c < width; ++c) {
            std::int16_t& sample = samples_[at + c];
            const std::int16_t delayed = m_delay.empty() ? sample : m_delay[m_delay_at + c];
            if (!m_delay.empty())
                m_delay[m_delay_at + c] = sample;
            sample = static_cast<std::int16_t>(std::lround(delayed * m_gain));
        }
        if (!m_delay.empty())
            m_delay_at = (m_delay_at + width) % m_delay.size();
    }
}

double SpeechGate::release_step(bool is_open)
{
    // Closed just now by the hold running out, paper heard since the voice, and what sounds now has a
    // page's share above 4 kHz (median of three frames): a page still turning, not a word's quiet end.
    const std::int64_t past_hold = m_since_voiced - (m_lookahead + m_hold);
    if (is_open)
        m_hold_ended_on_paper = false;
    else if (m_was_open && m_paper_in_pause && past_hold >= 0 && past_hold < m_frame && m_page_sound)
        m_hold_ended_on_paper = true;
    m_was_open = is_open;
    // (A gate open a frame on probation has let only the look-ahead's quiet out: while the check
    // runs it closes as fast as for a knock, and a word reopens it before its onset goes out.)
    if (m_knock || (knock_waiting() && m_knock_check_on_probation))
        return m_knock_release_step;
    // ...and a page that begins while the gate is closing (after a clear pause's hold): paper now.
    if (m_hold_ended_on_paper || (!is_open && m_paper_now && m_page_sound))
        return m_paper_release_step;
    return m_release_step;
}

void SpeechGate::listen_before_cleanup(std::span<const std::int16_t> samples, int channels)
{
    const std::size_t width = static_cast<std::size_t>(std::max(1, channels));
    std::lock_guard lock(m_microphone_mutex);
    for (std::size_t at = 0; at + width <= samples.size(); at += width) {
        const double x = samples[at];
        m_microphone_energy += x * x;
        if (++m_microphone_samples < m_frame)
            continue;
        m_microphone_dbfs[static_cast<std::size_t>(m_microphone_frames % 64)] =
            10 * std::log10(std::max(m_microphone_energy / m_frame, 1e-3) / (32768.0 * 32768.0));
        ++m_microphone_frames;
        m_microphone_samples = 0;
        m_microphone_energy = 0;
    }
}

// The microphone's level in that frame (the same sample clock as the gate's), or nothing (−200) when it
// has not been heard or is too old.
double SpeechGate::microphone_dbfs(std::int64_t frame) const
{
    std::lock_guard lock(m_microphone_mutex);
    if (frame < 0 || frame >= m_microphone_frames || frame < m_microphone_frames - 64)
        return -200;
    return m_microphone_dbfs[static_cast<std::size_t>(frame % 64)];
}

void SpeechGate::analyse_frame()
{
    ++m_frame_index;
    // (Open only because a clear pause is held longer: as good as closed for the knock check. So is
    // a gate open only on a probation begun the frame before: webrtcdsp's blocks spread a hit's sound a
    // few ms back, so the cleaned sound can open the probation a frame before the microphone's hit.)
    const bool open_before = open();
    const bool in_pause_hold = m_settings.knock_in_pause_hold && open_before && open_by_pause_hold_only();
    const bool on_fresh_probation = open_before && open_on_probation_only() &&
                                    m_frame_index - m_probation_began <= m_settings.knock_probation_frames;
    const bool was_open = open_before && !in_pause_hold && !on_fresh_probation;
    const double sum = m_frame_energy;
    m_frame_energy = 0;
    VoiceFrame frame;
    frame.level_dbfs = 10 * std::log10(std::max(sum / m_frame, 1e-3) / (32768.0 * 32768.0));
    // The noise floor follows quiet frames down at once and creeps up 1 dB a second, so a louder room
    // raises it in a few seconds but a sentence does not.
    if (frame.level_dbfs < m_noise_floor_dbfs)
        m_noise_floor_dbfs = frame.level_dbfs;
    else
        m_noise_floor_dbfs += 0.005;
    frame.periodicity = periodicity();
    frame.low_share = sum > 0 ? m_low_energy / sum : 0;
    frame.high_share = sum > 0 ? m_high_energy / sum : 0;
    frame.high_crest = m_high_energy > 0 ? m_high_peak * m_frame / m_high_energy : 0;
    m_high_energy = 0;
    m_high_peak = 0;
    frame.voice_dbfs = m_voice_dbfs;
    const double low_dbfs = frame.level_dbfs + 10 * std::log10(std::max(frame.low_share, 1e-12));
    // A voice under ~200 Hz puts its pulses in every other 5 ms frame: a frame much weaker than the
    // voiced one before it is the gap between two pulses, and is compared with the speaker's voice by
    // that pulse's level.
    const bool between_pulses = (m_voiced_bits & 1u) != 0 && m_previous_low_dbfs - low_dbfs >= 6;
    const double low_recent_dbfs = between_pulses ? m_previous_low_dbfs : low_dbfs;
    m_previous_low_dbfs = low_dbfs;
    m_low_energy = 0;
    const double quietest_recent = *std::min_element(std::begin(m_recent_dbfs), std::end(m_recent_dbfs));
    // (A knock's check starts at the first loud rise, whether or not a quieter one began an onset just
    // before; a rise while it rings — its modes beat — is the ring's.)
    if (frame.level_dbfs - quietest_recent >= m_settings.onset_rise_db && loud_enough(frame) && !m_knock_checking && !m_knock)
        start_knock_check(was_open, in_pause_hold, on_fresh_probation);
    else
        follow_knock_ring(frame);
    if (frame.level_dbfs - quietest_recent >= m_settings.onset_rise_db) {
        if (m_onset_frames == 0)
            m_pitch_since_onset = m_frame / m_decimation;  // the word began in this frame
        m_onset_frames = 8;
        if (frame.low_share >= m_settings.preopen_low_share && loud_enough(frame)) {
            if (m_preopen_frames == 0)
                m_probation_began = m_frame_index;
            m_preopen_frames = static_cast<int>(std::lround(m_settings.preopen_ms / 5));
        }
    }
    const bool at_onset = m_onset_frames > 0;
    if (at_onset)
        frame.periodicity = std::max(frame.periodicity, periodicity_since_onset());
    std::copy(std::begin(m_recent_dbfs) + 1, std::end(m_recent_dbfs), std::begin(m_recent_dbfs));
    m_recent_dbfs[3] = frame.level_dbfs;
    const bool faint = m_settings.faint_below_voice_db > 0 && !at_onset &&
                       low_recent_dbfs < m_voice_dbfs - m_settings.faint_below_voice_db &&
                       m_since_voiced < m_lookahead + m_hold;
    const double voicing = faint ? m_settings.faint_voicing : m_settings.voicing;
    frame.voiced = !m_knock && frame.periodicity > voicing && frame.low_share >= m_settings.voiced_low_share &&
                   loud_enough(frame) &&
                   low_recent_dbfs > m_voice_dbfs - (at_onset ? m_settings.onset_below_voice_db : m_settings.below_voice_db);
    if (at_onset)
        --m_onset_frames;
    if (m_preopen_frames > 0)
        --m_preopen_frames;
    m_voice_dbfs -= 6.0 * m_frame / m_rate;
    if (frame.voiced)
        m_voice_dbfs = std::max(m_voice_dbfs, low_dbfs);
    m_voiced_bits = (m_voiced_bits << 1) | (frame.voiced ? 1u : 0u);
    const bool low_onset = at_onset && frame.low_share >= m_settings.onset_low_share;
    const int needed = low_onset ? m_settings.onset_voiced_frames : m_settings.voiced_frames;
    const unsigned window = (1u << std::max(needed, m_settings.voiced_window_frames)) - 1;
    const bool voice = frame.voiced && std::popcount(m_voiced_bits & window) >= needed;
    if (voice)
        m_since_voiced = 0;
    const double crest = median_crest(frame.high_crest);
    follow_pause(frame, crest, voice);
    follow_sibilant(frame, crest, voice);
    check_knock();
    frame.pause_clear = m_pause_clear;
    frame.knock = m_knock || knock_waiting();
    frame.open = open();
    if (m_keep_frames)
        m_frames.push_back(frame);
}

// A word that starts with « s » or « ch » after a comma has no pitch for its first 50–100 ms: with
// 20 ms of look-ahead the voice after it comes too late to open the gate for it. So a pause is held
// open longer (`pause_hold_ms`) as long as nothing in it sounds like paper (clicks) or a whisper
// (noise between 1 and 4 kHz, nothing under or over): only silence, reverberation, or hiss. (A word
// that begins with « s » after paper or a whisper: follow_sibilant.)
void SpeechGate::follow_pause(const VoiceFrame& frame, double crest, bool voice)
{
    const bool quiet = frame.level_dbfs <= m_noise_floor_dbfs + m_settings.above_floor_db;
    const bool paper = !quiet && crest > m_settings.paper_crest;
    const bool whisper = !quiet && frame.low_share < m_settings.whisper_low_share &&
                         frame.high_share < m_settings.whisper_high_share;
    if (voice)
        m_pause_clear = true, m_paper_in_pause = false;
    else if (paper || whisper)
        m_pause_clear = false, m_paper_in_pause = m_paper_in_pause || paper;
    m_paper_now = paper && !voice;
    m_high_shares[0] = m_high_shares[1];
    m_high_shares[1] = m_high_shares[2];
    m_high_shares[2] = frame.high_share;
    m_page_sound = median_of_three(m_high_shares[0], m_high_shares[1], m_high_shares[2]) > m_settings.paper_close_high_share;
}

// Over min_level_dbfs, and above_floor_db over the noise floor the gate has learnt: nothing quieter
// opens it, by any rule.
bool SpeechGate::loud_enough(const VoiceFrame& frame) const
{
    return frame.level_dbfs > m_settings.min_level_dbfs && frame.level_dbfs > m_noise_floor_dbfs + m_settings.above_floor_db;
}

// The high band's crest, the median of the last three frames': one frame's peak proves nothing (a
// sound's first frame, part silence, has a peak far over its mean; so has a « t »), paper clicks in
// frame after frame.
double SpeechGate::median_crest(double crest)
{
    m_high_crests[0] = m_high_crests[1];
    m_high_crests[1] = m_high_crests[2];
    m_high_crests[2] = crest;
    return median_of_three(m_high_crests[0], m_high_crests[1], m_high_crests[2]);
}

// A word that begins with « s » or « ch » in a pause some paper or a whisper sounded in: the clear
// pause's hold is gone, and the vowel comes 50-100 ms too late. A speaker's « s » has most of its
// energy above 4 kHz (0.6-0.8 of it), a whisper a third, paper's clicks a high crest; page turns can
// look like it for a frame or two, so this is allowed only within the clear pause's hold after a voice
// (250 ms), where a word is most likely, once per pause, and only while the hiss lasts.
void SpeechGate::follow_sibilant(const VoiceFrame& frame, double crest, bool voice)
{
    const bool hiss = frame.high_share >= m_settings.sibilant_high_share && crest < m_settings.sibilant_crest &&
                      loud_enough(frame);
    if (voice)
        m_sibilant_tried = false;
    if (voice || !hiss)
        m_sibilant_frames = 0;
    else if (m_sibilant_frames > 0)
        --m_sibilant_frames;
    else if (!m_sibilant_tried && m_since_voiced < m_lookahead + m_pause_hold &&
             *std::max_element(std::begin(m_high_crests), std::end(m_high_crests)) < m_settings.sibilant_crest) {
        m_sibilant_frames = static_cast<int>(std::lround(m_settings.sibilant_ms / 5));
        m_sibilant_tried = true;
    }
}

// An onset in a closed gate (or one open only by a clear pause's hold) that the microphone heard as a
// hit: nothing opens the gate while check_knock decides. What the gate knew is kept, to go back to for
// a knock.
void SpeechGate::start_knock_check(bool was_open, bool in_pause_hold, bool on_fresh_probation)
{
    if (was_open || m_settings.knock_check_frames <= 0 || microphone_dbfs(m_frame_index) <= -200)
        return;
    // Only a hit: the microphone's level up onset_rise_db from one frame to the next, in the last three.
    bool hit = false;
    for (std::int64_t f = m_frame_index - 2; f <= m_frame_index; ++f)
        hit = hit || (microphone_dbfs(f - 1) > -200 && microphone_dbfs(f) - microphone_dbfs(f - 1) >= m_settings.onset_rise_db);
    if (!hit)
        return;
    m_knock_checking = true;
    m_knock_check_in_hold = in_pause_hold;
    m_knock_check_on_probation = on_fresh_probation;
    m_knock_age = 0;
    m_knock_from = m_frame_index - 2;
    m_before_knock = {m_since_voiced, m_voice_dbfs, m_pause_clear, m_sibilant_tried};
}

// From knock_check_frames after the onset on, on the microphone's own level over the frames since just
// before it: a hit that has fallen knock_fall_db from its loudest frame is a knock — whatever its ring
// opened meanwhile is undone, and the gate goes back to what it knew at the onset.
void SpeechGate::check_knock()
{
    if (!m_knock_checking || ++m_knock_age <= m_settings.knock_check_frames)
        return;
    const std::int64_t now = m_frame_index, from = m_knock_from;
    std::int64_t loudest = from;
    for (std::int64_t f = from; f <= now; ++f)
        if (microphone_dbfs(f) > microphone_dbfs(loudest))
            loudest = f;
    // A hit comes up from the quiet within 10 ms: the frame two before its loudest is within 6 dB of the
    // quietest of the five up to it, and the loudest 15 dB over that. (A low voice's pulses can fall in
    // every other 5 ms frame and rise and fall as a knock does, but its sound came up before them: on a
    // tuning item a word lost 5 dB of its start.) In a quiet room whose level wavers more than 6 dB from
    // frame to frame, a frame within 12 dB of the quietest is, if knock_deep_db under the loudest — or
    // within 6 dB of the five's median, if the loudest is knock_median_rise_db over that.
    const double peak = microphone_dbfs(loudest);
    const double latest = microphone_dbfs(now);
    auto from_quiet = [&](std::int64_t f, bool by_median) {
        std::array<double, 5> before{};
        for (std::size_t i = 0; i < before.size(); ++i) {
            const double level = microphone_dbfs(f - 4 + static_cast<std::int64_t>(i));
            before[i] = level <= -200 ? 0 : level;
        }
        const double quiet = *std::min_element(before.begin(), before.end());
        std::nth_element(before.begin(), before.begin() + 2, before.end());
        const double typical = before[2];
        const double level = microphone_dbfs(f);
        const bool deep = m_settings.knock_deep_db > 0 && peak - level >= m_settings.knock_deep_db && level - quiet < 12;
        const bool wavering = by_median && m_settings.knock_median_rise_db > 0 && peak - typical >= m_settings.knock_median_rise_db &&
                              level - typical < 6;
        return (peak - quiet >= m_settings.onset_rise_db && (level - quiet < 6 || deep)) || wavering;
    };
    auto hit_from = [&](bool by_median) {
        const bool quick = from_quiet(loudest - 2, by_median);
        // A hit whose modes beat can take a frame more to its loudest: every frame since the quiet within
        // 6 dB of it (a word that comes up as slowly rises through, or pulses)...
        bool built = false;
        for (std::int64_t f = loudest - 3; f >= loudest - 2 - m_settings.knock_build_frames && !quick && !built; --f) {
            built = from_quiet(f, by_median);
            for (std::int64_t g = f + 1; g < loudest && built; ++g)
                built = peak - microphone_dbfs(g) < 6;
        }
        // ...and then falls at once, as a ring does: a word's start can come up as slowly, but stays up —
        // or, a « t »'s burst before its vowel, stops dead (a ring cannot fall 20 dB in 5 ms).
        if (built && loudest < now) {
            const double fall = peak - microphone_dbfs(loudest + 1);
            built = fall >= m_settings.knock_build_fall_db && fall < m_settings.knock_build_stop_db;
        }
        return std::pair{quick || built, built};
    };
    // Every frame since the loudest no more than 0.5 dB over the one before: a ring dies away steadily,
    // a voice's pulses come back.
    bool steady = true;
    for (std::int64_t f = loudest + 1; f <= now && steady; ++f)
        steady = microphone_dbfs(f) <= microphone_dbfs(f - 1) + 0.5;
    // A hit found only by the median of a wavering room is weaker evidence — a voice's start can rise as
    // fast from its own first breath (a measurement item's word: −25.5, −32.3, −28.1 dBFS) — so it is
    // waited for only while it dies away steadily: a word would be held back while it is checked. (With
    // 2 dB of give, four knocks whose modes beat were caught too, but a word that starts level lost 5 ms.)
    auto [hit, built] = hit_from(false);
    if (!hit && steady)
        std::tie(hit, built) = hit_from(true);
    // Still rising: a word, let it out now. Fallen knock_fall_db: a knock. In between (a knock whose
    // modes die slowly; or webrtcdsp's ramp set the onset off before the hit itself), up to two frames
    // more — the last one with the onset's first frame already going out; then a steady fall of
    // knock_slow_fall_db is enough (on the tuning and held-out seeds no word's start lost more for it).
    const bool last_look = m_knock_age > m_settings.knock_check_frames + 2;
    const bool falling = m_settings.knock_slow_fall_db > 0 && peak - latest >= m_settings.knock_slow_fall_db && steady;
    const bool fallen = peak - latest >= m_settings.knock_fall_db || (last_look && falling && !built);
    // A voice's next pulse (knock_back_db): a word, whatever the fall...
    const auto dip_at = [&](std::int64_t f, double db) { return microphone_dbfs(f) <= peak - db; };
    const auto back_at = [&](std::int64_t f) { return microphone_dbfs(f) >= peak - m_settings.knock_back_db; };
    if (m_settings.knock_back_db > 0 && now >= loudest + 2 && dip_at(loudest + 1, m_settings.knock_back_dip_db) &&
        back_at(loudest + 2)) {
        m_knock_checking = false;
        return;
    }
    // ...and after a shallower dip, if it comes back once more.
    const double shallow = m_settings.knock_back_shallow_dip_db;
    if (shallow > 0 && now >= loudest + 2 && dip_at(loudest + 1, shallow) && back_at(loudest + 2)) {
        if (now < loudest + 4 && !last_look)
            return;
        if (now >= loudest + 4 && dip_at(loudest + 3, shallow) && back_at(loudest + 4)) {
            m_knock_checking = false;
            return;
        }
    }
    if (hit && loudest < now && !fallen && !last_look)
        return;
    m_knock_checking = false;
    if (!hit || loudest == now || !fallen)
        return;  // a word: whatever opened the gate meanwhile now does
    m_knock = true;
    m_knock_lowest_dbfs = 0;
    m_knock_frames = 0;
    m_since_voiced = m_before_knock.since_voiced + static_cast<std::int64_t>(m_knock_age) * m_frame;
    m_voice_dbfs = m_before_knock.voice_dbfs;
    m_pause_clear = m_before_knock.pause_clear && !m_settings.knock_in_pause_hold;
    m_sibilant_tried = m_before_knock.sibilant_tried;
    m_preopen_frames = 0;
    m_sibilant_frames = 0;
    m_voiced_bits = 0;
}

// While a knock rings nothing opens the gate. It is over when the microphone's level rises
// knock_rise_db over the lowest since (a word begins), when the sound is down in the noise, or after
// half a second.
void SpeechGate::follow_knock_ring(const VoiceFrame& frame)
{
    if (!m_knock)
        return;
    // The median of three frames: a ring's modes beat, and dip 10 dB or more for a frame.
    const double level =
        median_of_three(microphone_dbfs(m_frame_index - 2), microphone_dbfs(m_frame_index - 1), microphone_dbfs(m_frame_index));
    m_knock_lowest_dbfs = std::min(m_knock_lowest_dbfs, level);
    if (level >= m_knock_lowest_dbfs + m_settings.knock_rise_db || !loud_enough(frame) || ++m_knock_frames >= 100)
        m_knock = false;
}

// The same, on what came since the onset only: the 20 ms window straddles the silence before a word
// for its first 20 ms and finds its pitch late. Each lag compares the newest samples with those one
// lag earlier, as many as the onset allows (at least `onset_pitch_window_ms`).
double SpeechGate::periodicity_since_onset()
{
    const double rate = static_cast<double>(m_rate) / m_decimation;
    const int shortest = static_cast<int>(rate / highest_pitch_hz);
    const int longest = static_cast<int>(rate / lowest_pitch_hz);
    const int least = static_cast<int>(m_settings.onset_pitch_window_ms * rate / 1000);
    const int since = std::min(m_pitch_since_onset, static_cast<int>(m_pitch_history.size()));
    if (since - shortest < least)
        return 0;
    const float* end = m_pitch_history.data() + m_pitch_history.size();
    auto& nccf = m_nccf;  // periodicity()'s, done with by now
    nccf.assign(static_cast<std::size_t>(longest + 2), -1.0);
    for (int lag = shortest - 1; lag <= longest + 1 && since - lag >= least; ++lag) {
        const int window = since - lag;
        const float* now = end - window;
        const float* past = now - lag;
        double cross = 0, energy_now = 0, energy_past = 0;
        for (int n = 0; n < window; ++n) {
            cross += static_cast<double>(now[n]) * past[n];
            energy_now += static_cast<double>(now[n]) * now[n];
            energy_past += static_cast<double>(past[n]) * past[n];
        }
        nccf[static_cast<std::size_t>(lag)] = energy_now > 0 && energy_past > 0 ? cross / std::sqrt(energy_now * energy_past) : 0;
    }
    const double best = best_pitch_peak(nccf, shortest, longest);
    return best >= m_settings.onset_voicing ? best : 0;
}

// The normalised autocorrelation of the low-passed, decimated signal over the last 20 ms, at the lag
// of its best local peak in the range of a voice's pitch (best_pitch_peak).
double SpeechGate::periodicity()
{
    const double rate = static_cast<double>(m_rate) / m_decimation;
    const int window = static_cast<int>(m_settings.pitch_window_ms * rate / 1000);
    const int shortest = static_cast<int>(rate / highest_pitch_hz);
    const int longest = static_cast<int>(rate / lowest_pitch_hz);
    const int needed = window + longest + 1;
    auto& history = m_pitch_history;
    if (static_cast<int>(history.size()) > 4 * needed)
        history.erase(history.begin(), history.end() - needed);
    if (static_cast<int>(history.size()) < needed)
        return 0;
    const float* newest = history.data() + history.size() - static_cast<std::size_t>(window);
    double energy_now = 0;
    for (int n = 0; n < window; ++n)
        energy_now += static_cast<double>(newest[n]) * newest[n];
    if (energy_now <= 0)
        return 0;
    auto& nccf = m_nccf;  // kept: this runs 200 times a second on the streaming thread
    nccf.assign(static_cast<std::size_t>(longest + 2), 0.0);
    for (int lag = shortest - 1; lag <= longest + 1; ++lag) {
        const float* past = newest - lag;
        double cross = 0, energy_past = 0;
        for (int n = 0; n < window; ++n) {
            cross += static_cast<double>(newest[n]) * past[n];
            energy_past += static_cast<double>(past[n]) * past[n];
        }
        nccf[static_cast<std::size_t>(std::min(lag, longest + 1))] =
            energy_past > 0 ? cross / std::sqrt(energy_now * energy_past) : 0;
    }
    return best_pitch_peak(nccf, shortest, longest);
}

}  // namespace estrade::gst
