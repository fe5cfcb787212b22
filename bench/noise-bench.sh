#!/usr/bin/env bash
# Noise bench: a labelled corpus of a lectern's microphone in an amphitheatre, made here from Debian
# material, run through the producer's clean-up: webrtcdsp alone, webrtcdsp + the level gate (the chain
# before issue 17), webrtcdsp + the speech gate (today's chain). Per noise kind and SNR, side by side.
#
# Each seed picks an espeak-ng voice, a speed, five of ten French sentences and the pauses between them
# (bash's RANDOM, seeded, used only in this shell), makes the amphitheatre with sox's reverb, and lets bench_noise_corpus place page
# turns, whispers or knocks on the lectern (session 14) at three SNRs over a 40 dB-down rumble. Seeds 1–14 were used while tuning the gate;
# the figures in docs/benchmarks.md come from seeds 101–106, not tuned on (docs/benchmarks.md says where
# one of them decided a rule).
#
# Usage: bench/noise-bench.sh [SEED...]        (after ./estrade build; espeak-ng and sox from ./estrade deps)
#        SNRS="20 10 5" KINDS="pages whispers knocks" KEEP=dir (keeps the corpus and the outputs, for listening)
#        GATE_ATTACK_MS=1 GATE_HOLD_MS=... (the gate settings bench/audio_cleanup.cpp reads): tuning, seeds 1-14 only
# Results: a markdown table on stdout, one JSON line per item in bench/results/noise-*.jsonl.
# Several runs pooled (e.g. every blind seed set): python3 bench/noise_pooled.py bench/results/noise-A.jsonl ...
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/results
BENCH=$ROOT/build/bench
mkdir -p "$OUT"
SEEDS=(${@:-101 102 103 104 105 106})
SNRS=${SNRS:-20 10 5}
KINDS=${KINDS:-pages whispers knocks}
W=${KEEP:-$(mktemp -d)}
mkdir -p "$W"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$W"' EXIT
# (A name of its own even for two runs started in the same second: they once appended to one file.)
RAW=$(mktemp --suffix=.jsonl "$OUT/noise-$(date +%Y%m%d-%H%M%S)-XXXX")
# What a figure that moved between two runs with the same code can be traced to: the items' sound (espeak-ng
# and sox as installed) and the machine (webrtcdsp's float paths depend on the CPU).
PRINTS=${RAW%.jsonl}.prints
{ grep -m1 'model name' /proc/cpuinfo; echo "cpu flags $(grep -m1 '^flags' /proc/cpuinfo | sha256sum | cut -c1-16)"; espeak-ng --version; sox --version; dpkg-query -W gstreamer1.0-plugins-bad 2>/dev/null; } > "$PRINTS" || true

sentences=(
  "Bonjour à tous, je suis gardienne de la paix au commissariat de Saint-Brieuc."
  "Ma journée commence par la relève, à sept heures du matin."
  "On reçoit le public, on prend les plaintes, et on part en patrouille."
  "Le concours est ouvert après le baccalauréat, la formation dure un an."
  "Vous avez des questions sur le métier ?"
  "Je travaille dans une boulangerie depuis douze ans, je commence à quatre heures."
  "Le plus difficile, ce sont les horaires, mais on apprend vite."
  "Il faut aimer le contact avec les gens et savoir rester calme."
  "Pendant la formation, on alterne les cours et les stages en entreprise."
  "Merci de votre attention, je passe la parole à la salle."
)
voices=(fr+m1 fr+m3 fr+m7 fr+f1 fr+f2 fr+f4)

for seed in "${SEEDS[@]}"; do
  RANDOM=$seed
  voice=${voices[RANDOM % ${#voices[@]}]}
  whisperer=${voices[RANDOM % ${#voices[@]}]}
  speed=$((135 + RANDOM % 30))
  # Five sentences, shuffled in this shell (a subshell would reseed RANDOM: not reproducible).
  order=("${!sentences[@]}")
  for ((i = ${#order[@]} - 1; i > 0; i--)); do
    j=$((RANDOM % (i + 1))); t=${order[i]}; order[i]=${order[j]}; order[j]=$t
  done
  order=("${order[@]:0:5}")
  D=$W/seed-$seed
  mkdir -p "$D"
  parts=()
  for i in "${order[@]}"; do
    tenths=$((6 + RANDOM % 10))
    [ $((RANDOM % 3)) = 0 ] && tenths=$((10 + RANDOM % 10))
    pause=$((tenths / 10)).$((tenths % 10))
    espeak-ng -v "$voice" -s "$speed" -w "$D/s$i.wav" "${sentences[$i]}"
    sox -R "$D/s$i.wav" -r 48000 -c 1 -b 16 "$D/p$i.wav" pad 0 "$pause"
    parts+=("$D/p$i.wav")
  done
  sox -R "${parts[@]}" -b 16 "$D/dry.wav" pad 0.5 0 norm -6
  # The amphitheatre: sox's reverb (reverberance 40 %, HF damping 50 %, a large room), wet and dry mixed.
  sox -R "$D/dry.wav" -b 16 "$D/room.wav" reverb 40 50 100 100 10 -4 remix - norm -6
  espeak-ng -v "$whisperer" -s 170 -w "$D/w.wav" "${sentences[$(( (order[0] + 5) % 10 ))]} ${sentences[$(( (order[1] + 5) % 10 ))]}"
  sox -R "$D/w.wav" -r 48000 -c 1 -b 16 "$D/whisper-voice.wav"
  echo "seed $seed: voice $voice at $speed words/min, sentences ${order[*]}, whispers in $whisperer" >&2
  for kind in $KINDS; do
    for snr in $SNRS; do
      I=$D/$kind-$snr
      mkdir -p "$I"
      "$BENCH/bench_noise_corpus" --dry "$D/dry.wav" --room "$D/room.wav" --whisper-voice "$D/whisper-voice.wav" \
        --kind "$kind" --snr "$snr" --seed "$seed" --mix "$I/mix.wav" --labels "$I/labels.json"
      "$BENCH/bench_audio_cleanup" --mix "$I/mix.wav" --dry "$D/dry.wav" --labels "$I/labels.json" \
        ${KEEP:+--write "$I"} >> "$RAW"
      echo "$(sha256sum < "$I/mix.wav" | cut -c1-16) seed-$seed/$kind-$snr" >> "$PRINTS"
    done
  done
done
python3 "$ROOT/bench/noise_table.py" "$RAW"
echo "raw: $RAW, the corpus's and the machine's fingerprints: $PRINTS" >&2
