#pragma once
// The gate after webrtcdsp, opened by voiced speech only. webrtcdsp removes steady noise (rumble,
// ventilation) but lets through what changes fast: a page turned, paper handled, a knock on the table,
// a whisper near the lectern. A level gate cannot tell those from words (its gain control even lifts
// them). What they all lack is a voice's periodicity: the gate opens where it finds a pitch between
// 70 and 400 Hz, looks ahead 20 ms to open before the word does, holds through the unvoiced ends of
// words and short pauses (longer through a pause with no paper or whisper in it: the next word may
// start with « s »), opens for 15 ms on an onset with a voice's low band while its pitch is still being
// found, opens on a speaker's « s » shortly after a voice when paper or a whisper ended that hold, stays
// shut on a knock (judged on the microphone's sound before webrtcdsp, when it is given), and pulls
// everything else down to a floor (docs/producer.md#sound-what-the-rooms-hear).
//
// It delays the sound by exactly `lookahead_ms`; process() rewrites buffers in place.

#include "sound_gate.hpp"

#include <array>
#include <mutex>
#include <vector>

namespace estrade::gst {

struct SpeechGateSettings {
    double lookahead_ms = 20;   // the sound is delayed by this much (the budget)
    double hold_ms = 120;       // after the last voiced frame: unvoiced word ends, pauses in a sentence
    double floor_db = -30;      // gain when closed
    double attack_ms = 1;       // the gate opens as the voice begins: each ms of ramp is taken from the word
    double release_ms = 40;
    double voicing = 0.7;       // normalised autocorrelation at the pitch lag that counts as a voice
    double pitch_window_ms = 20;  // compared with itself one period earlier: a voice is found this far in
    // A voice has its pitch under 1 kHz: a frame with less of its energy there is not voiced, however
    // periodic (a whisper's 1 kHz edge, low-passed, rings like a pitch).
    double voiced_low_share = 0.005;
    // Voiced frames (5 ms each) among the last `voiced_window_frames` before the gate believes it: noise
    // is periodic by chance. Two in three, not two in a row: a low voice's pulses fall in every other
    // frame under a whisper, the frame between correlates less.
    int voiced_frames = 2;
    int voiced_window_frames = 3;
    double min_level_dbfs = -55;  // quieter frames never open the gate
    double above_floor_db = 9;  // ...nor frames this close to the noise floor the gate has learnt
    // ...nor a voice this far under the speaker's recent voice (under 1 kHz): the room's reverberation of
    // the last words is periodic too, and would hold the gate open through whatever sounds in it.
    double below_voice_db = 20;
    // ...except at an onset (the level up this much within 20 ms): a word that begins with a voiced
    // fricative (« je », « vous ») has its pitch only in a weak low band, and a reverberation only falls.
    double onset_rise_db = 15;
    // (An onset still has to be within this much of the voice: a whisper starting in a pause rises as
    // fast, and its low band is 40 dB under the voice.)
    double onset_below_voice_db = 35;
    // At such an onset, with at least this share of the energy under 1 kHz (a voice has it; paper and
    // whispers sit above), one voiced frame is believed: the gate opens 5 ms sooner, on the first syllable.
    double onset_low_share = 0.3;
    int onset_voiced_frames = 1;
    // An onset with a voice's low band (paper and whispers have almost none under 1 kHz) opens the
    // gate on probation for this long, before any pitch is found: with 20 ms of look-ahead, the pitch
    // of a word that begins with a vowel or « p », « t » is found 15-25 ms into it, too late for its
    // start. A voice found meanwhile keeps the gate open; otherwise it closes again.
    double preopen_ms = 15;
    double preopen_low_share = 0.1;
    // At an onset the pitch is also looked for in what came since it, as soon as this much has.
    double onset_pitch_window_ms = 2.5;
    double onset_voicing = 0.9;     // ...and believed above this (a short window correlates by chance)
    // A pause after the voice is held open this much longer while it stays clear: see follow_pause.
    double pause_hold_ms = 130;
    double paper_crest = 15;           // the high band's peak over mean power (median of 3 frames): paper above
    double whisper_high_share = 0.35;  // a whisper has less of its energy above 4 kHz than this...
    double whisper_low_share = 0.1;    // ...and less under 1 kHz than this
    // A hiss in a pause that paper or a whisper closed, while the clear-pause hold would still have run
    // (see follow_sibilant): at least this share of its energy above 4 kHz and no clicks (the crest
    // under sibilant_crest in each of the last 3 frames to start, in their median to go on) opens the
    // gate while it lasts, up to sibilant_ms. A voice found meanwhile keeps it open. Once per pause: a
    // page turn's swell looks like an « s » in some frames and not in others, and would flicker the gate open.
    double sibilant_ms = 150;
    double sibilant_high_share = 0.6;
    double sibilant_crest = 12;
    // A knock on the lectern (a glass, a phone put down) rings the wood's modes, and the pitch search
    // finds a voice in them. A knock comes up from the quiet within 10 ms and falls from its first
    // millisecond, a word does not — but webrtcdsp lifts the hit and spreads it over 15 ms, so this is
    // judged on the microphone's sound before webrtcdsp (listen_before_cleanup; without it the rule is
    // off). An onset in a closed gate that is such a hit holds the gate shut for `knock_check_frames`
    // (5 ms each; the look-ahead keeps the word's start from going out meanwhile): still rising then,
    // a word; fallen `knock_fall_db` from its loudest frame, a knock; neither, up to two frames more.
    // A knock keeps the gate shut while it rings, until the microphone's level rises `knock_rise_db`
    // over its lowest since (a word) or is down in the noise (check_knock, follow_knock_ring).
    int knock_check_frames = 2;
    double knock_fall_db = 6;
    double knock_rise_db = 6;
    // At the check's last frame, a hit that has fallen this much, no frame since its loudest more than
    // 0.5 dB over the one before, is a knock too: wood whose modes ring long (time constants over
    // ~30 ms) falls too slowly for knock_fall_db in 20 ms. 1-3 dB give the same figures on the
    // held-out seeds (0: off).
    double knock_slow_fall_db = 2;
    // A low voice's first pulses, one in every other 5 ms frame, come up from the quiet and fall as a
    // hit does; but the next pulse, two frames after, is as loud again. A frame two after the loudest
    // within knock_back_db of it, the one between knock_back_dip_db under it: a voice (0: off). A ring's
    // modes beat too, but shallower (6 dB on a measurement item; 15 on the tuning item's voice).
    double knock_back_db = 3;
    double knock_back_dip_db = 10;
    // A shallower dip (knock_back_shallow_dip_db or more) is a voice if the sound comes back once more:
    // four frames after the loudest within knock_back_db of it again (a fresh seed's low male voice from
    // a deep pause dips 7 dB: −32.6, −39.7, −33.5, −38.5, −32.4 dBFS; a measurement item's knock whose
    // modes beat 6 dB deep has fallen 8 dB by then). The check waits for that frame. 0: off.
    double knock_back_shallow_dip_db = 5;
    // A hit whose modes beat, or that lands late in a 5 ms frame, can reach its loudest a frame later
    // than the check allowed (its third loud frame): knock_build_frames more, if every frame since the
    // quiet is within 6 dB of the loudest and the frame after it knock_build_fall_db under it — a word's
    // start can come up as slowly, but it stays up — yet less than knock_build_stop_db (a « t »'s burst
    // stops dead before its vowel; a ring cannot). Such a hit must then fall the full knock_fall_db.
    // And a frame before the hit within 12 dB of the quietest (not 6) counts as quiet if it is
    // knock_deep_db under the loudest: a quiet room's 5 ms level can waver 9 dB. 0: off.
    int knock_build_frames = 1;
    double knock_build_fall_db = 1.5;
    double knock_build_stop_db = 20;
    double knock_deep_db = 40;
    // So does a frame within 6 dB of the median of the five up to it, if the loudest is
    // knock_median_rise_db over that median and the hit dies away steadily: one deep trough among the
    // five (a room wavering 16 dB, a fresh seed's) made the quietest meaningless. Under 30 dB, a low
    // voice's start (27 dB over the room on a fresh seed) was held back 5 ms while it was checked. 0: off.
    double knock_median_rise_db = 30;
    // Checked too where the gate is open only by a clear pause's longer hold (pause_hold_ms), and a
    // knock there ends the clear pause as paper does: the hold waits for a word, not for the lectern.
    bool knock_in_pause_hold = true;
    // And where it is open only on a probation (preopen_ms) begun up to knock_probation_frames before:
    // webrtcdsp's blocks spread a hit back a few ms, so its cleaned sound opened the probation a frame
    // before the microphone heard the hit (a blind seed's knock went through whole). A probation begun
    // earlier is a word's (a « t » begins one 20 ms before its vowel, whose pulses must not be checked
    // as a hit). 0: off.
    int knock_probation_frames = 1;
    // A knock found closes the gate this fast, not over release_ms: found 10 ms after the onset, with
    // the look-ahead's 20 ms a 40 ms release would be only 2-4 dB down when the hit goes out. (While the
    // check runs, a gate open only by the pause's hold stays open: it may be a word after a comma.)
    double knock_release_ms = 2;
    // The close at the hold's end is this fast when paper has been heard since the voice and what
    // sounds as the hold runs out has more than paper_close_high_share of its energy above 4 kHz: a
    // page turned as the last word ends, still turning, which a 40 ms release let out only 6-7 dB down
    // 30 ms into the pause (two blind seeds' pages; their pages had 0.35-0.6 there). Not after a whisper
    // alone (the slow release is what a « ch » starting under a whisper keeps of its start), nor on a
    // word's quiet voiced end with a click in it (0.01-0.05 there). So is any close while paper clicks
    // in the newest frame with that share above 4 kHz: a page turned just as a clear pause's longer
    // hold ran out (a blind seed's page, let out 11 dB down). Not a click some frames before: a word's
    // final « s » after one lost its end. 0: release_ms.
    double paper_release_ms = 10;
    double paper_close_high_share = 0.2;
    // Within the hold after a voice, outside an onset, a frame more than faint_below_voice_db under the
    // voice (below 1 kHz) counts as voiced only above faint_voicing: the room's reverberation of the
    // last word is periodic (0.73-0.76 on a blind seed, 18 dB under the voice) and, counted as voiced,
    // started the hold again 30 ms later, into the loudest part of a whisper or a page under it. A
    // word's own quiet voiced end is more periodic than its reverberation. 0: off.
    double faint_below_voice_db = 12;
    double faint_voicing = 0.8;
};

// Per 5 ms frame, what the analysis found: for tests and for tuning.
struct VoiceFrame {
    double level_dbfs = -120;
    double periodicity = 0;  // best normalised autocorrelation for a pitch in 70–400 Hz
    double low_share = 0;    // share of the frame's energy under 1 kHz
    double high_share = 0;   // ...and above 4 kHz
    double high_crest = 0;   // the high band's peak power over its mean: clicks (paper) against hiss
    double voice_dbfs = -200;  // the speaker's recent voice under 1 kHz, as the gate knew it then
    bool voiced = false;
    bool pause_clear = false;  // the pause since the voice has had no paper or whisper (follow_pause)
    bool knock = false;        // a knock ringing, or an onset being checked for one (check_knock)
    bool open = false;  // the gate, after this frame
};

class SpeechGate : public SoundGate {
public:
    explicit SpeechGate(int sample_rate, SpeechGateSettings settings = {});

    // Mono or interleaved; the first channel is analysed, every channel gated the same.
    void process(std::span<std::int16_t> samples, int channels) override;
    // The same sound as it was before webrtcdsp, in the same sample clock, each buffer before process()
    // gets its cleaned counterpart (attach_gate_side_chain): knocks are judged on it.
    void listen_before_cleanup(std::span<const std::int16_t> samples, int channels);
    bool open() const override
    {
        // (A check where the gate was open only by a clear pause's hold leaves it open: it may be a word.)
        if (m_knock || (knock_waiting() && !m_knock_check_in_hold))
            return false;
        return m_since_voiced < m_lookahead + m_hold || (m_pause_clear && m_since_voiced < m_lookahead + m_pause_hold) ||
               m_preopen_frames > 0 || m_sibilant_frames > 0;
    }
    int delay_samples() const { return m_lookahead; }
    const std::vector<VoiceFrame>& frames() const { return m_frames; }
    void keep_frames(bool keep) { m_keep_frames = keep; }

private:
    void analyse_frame();
    double periodicity();
    double periodicity_since_onset();
    void follow_pause(const VoiceFrame& frame, double crest, bool voice);
    double median_crest(double crest);
    bool loud_enough(const VoiceFrame& frame) const;
    void follow_sibilant(const VoiceFrame& frame, double crest, bool voice);
    void start_knock_check(bool was_open, bool in_pause_hold, bool on_fresh_probation);
    void check_knock();
    void follow_knock_ring(const VoiceFrame& frame);
    double release_step(bool is_open);
    bool knock_waiting() const { return m_knock_checking; }
    bool open_by_pause_hold_only() const
    {
        return m_pause_clear && m_since_voiced >= m_lookahead + m_hold && m_since_voiced < m_lookahead + m_pause_hold &&
               m_preopen_frames == 0 && m_sibilant_frames == 0;
    }
    bool open_on_probation_only() const
    {
        return m_preopen_frames > 0 && m_since_voiced >= m_lookahead + m_hold &&
               !(m_pause_clear && m_since_voiced < m_lookahead + m_pause_hold) && m_sibilant_frames == 0;
    }
    double microphone_dbfs(std::int64_t frame) const;

    SpeechGateSettings m_settings;
    int m_rate;
    int m_frame;       // samples in 5 ms
    int m_lookahead;   // samples of delay
    int m_hold;        // samples
    int m_pause_hold;  // samples: hold + pause_hold_ms
    int m_decimation;  // to about 8 kHz for the pitch search

    // The delay line (per channel, interleaved), and where the next sample goes.
    std::vector<std::int16_t> m_delay;
    std::size_t m_delay_at = 0;
    int m_channels = 0;

    // Analysis of the undelayed first channel.
    int m_frame_samples = 0;     // of this frame (5 ms) so far, at the full rate
    double m_frame_energy = 0;   // ...their energy
    double m_low_energy = 0;     // ...and their energy under 1 kHz
    double m_high_energy = 0;    // ...and above 4 kHz
    double m_high_peak = 0;
    double m_high_crests[3] = {0, 0, 0};  // the last three frames'
    bool m_pause_clear = false;     // nothing but silence, reverberation or hiss since the voice
    bool m_paper_in_pause = false;  // paper heard since the voice
    bool m_paper_now = false;       // ...in the newest frame
    double m_high_shares[3] = {0, 0, 0};  // the last three frames' share above 4 kHz
    bool m_page_sound = false;      // their median over paper_close_high_share: what a page sounds like
    // A second-order Butterworth high-pass at 4 kHz (RBJ's cookbook): paper clicks there, a whisper
    // has little there.
    struct HighPass {
        double b0 = 1, b1 = 0, b2 = 0, a1 = 0, a2 = 0, z1 = 0, z2 = 0;
        HighPass(double corner_hz, int rate);
        double operator()(double x)
        {
            const double y = b0 * x + z1;
            z1 = b1 * x - a1 * y + z2;
            z2 = b2 * x - a2 * y;
            return y;
        }
    } m_high_pass;
    double m_previous_low_dbfs = -200;  // the frame before's level under 1 kHz
    std::vector<double> m_nccf;  // the autocorrelation per lag, kept between frames
    double m_low1 = 0, m_low2 = 0, m_low3 = 0, m_low4 = 0;  // low-pass state for the pitch search
    std::vector<float> m_pitch_history;  // ~8 kHz, newest last
    int m_pitch_since_onset = 1 << 30;   // of those samples, how many came since the last onset began
    double m_noise_floor_dbfs = -90;
    double m_voice_dbfs = -200;  // under 1 kHz, of the recent voiced frames: jumps up, falls 6 dB/s
    double m_recent_dbfs[4] = {-120, -120, -120, -120};  // the last four frames' levels
    int m_preopen_frames = 0;    // frames (5 ms) left of the opening on probation
    std::int64_t m_probation_began = -100;  // the frame it began in
    int m_sibilant_frames = 0;   // frames (5 ms) left of the opening on a hiss, while it lasts
    bool m_sibilant_tried = false;  // since the last voice
    int m_onset_frames = 0;      // frames (5 ms) left in which the rule above is waived
    std::int64_t m_frame_index = -1;  // of the frame being analysed

    // The microphone before webrtcdsp: its 5 ms frames' levels, the newest 64 (a ring).
    mutable std::mutex m_microphone_mutex;
    std::array<double, 64> m_microphone_dbfs{};
    std::int64_t m_microphone_frames = 0;  // how many have been measured
    int m_microphone_samples = 0;          // of the frame being measured
    double m_microphone_energy = 0;
    // A knock (check_knock): an onset being checked, how many frames since it, what the gate knew before.
    bool m_knock_checking = false;
    bool m_knock_check_in_hold = false;  // begun where the gate was open only by a clear pause's hold
    bool m_knock_check_on_probation = false;  // begun where it was open only on a fresh probation
    int m_knock_age = 0;
    // The first frame looked at, two before the onset's, the hit among them; fixed for the whole check
    // (moved along with it, it left the hit behind in the check's extra frames).
    std::int64_t m_knock_from = 0;
    bool m_knock = false;
    double m_knock_lowest_dbfs = 0;
    int m_knock_frames = 0;
    struct BeforeKnock {
        std::int64_t since_voiced = 0;
        double voice_dbfs = -200;
        bool pause_clear = false;
        bool sibilant_tried = false;
    } m_before_knock;
    // Input samples since the end of the newest voiced frame: the gate is open while this is under
    // lookahead + hold, so the delayed output opens before the voice and closes `hold` after it.
    std::int64_t m_since_voiced;
    unsigned m_voiced_bits = 0;  // newest frame in the lowest bit
    double m_gain;
    double m_floor_gain;
    double m_attack_step;
    double m_release_step;
    double m_knock_release_step;
    double m_paper_release_step;
    bool m_was_open = false;             // the gate's target, the sample before
    bool m_hold_ended_on_paper = false;  // closed at the hold's end, paper heard since the voice
    bool m_keep_frames = false;
    std::vector<VoiceFrame> m_frames;
};

}  // namespace estrade::gst
