#!/usr/bin/env bash
# Noise bench: French speech (espeak-ng) with a room's noises between and under the words (whispers:
# band-passed pink noise at syllable rate; pages turned: short bursts of filtered brown noise; a low room
# rumble), all made with sox, run through the producer's audio clean-up. Reports, before and after, the
# level between words and the level of the words (bench_audio_cleanup).
# Usage: bench/noise-bench.sh     (after ./estrade build; needs espeak-ng and sox, installed by ./estrade deps)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/results
mkdir -p "$OUT"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
sentences=(
  "Bonjour à tous, je suis gardienne de la paix au commissariat de Saint-Brieuc."
  "Ma journée commence par la relève, à sept heures du matin."
  "On reçoit le public, on prend les plaintes, et on part en patrouille."
  "Le concours est ouvert après le baccalauréat, la formation dure un an."
  "Vous avez des questions sur le métier ?"
)
parts=()
for i in "${!sentences[@]}"; do
  espeak-ng -v fr -s 150 -w "$W/s$i.wav" "${sentences[$i]}"
  sox "$W/s$i.wav" -r 48000 -c 1 "$W/p$i.wav" pad 0 1.6   # a pause after each sentence
  parts+=("$W/p$i.wav")
done
sox "${parts[@]}" "$W/speech.wav" norm -6
D=$(soxi -D "$W/speech.wav")
sox -n -r 48000 -c 1 "$W/whisper.wav" synth "$D" pinknoise sinc 1500-6000 tremolo 4 90 vol 0.1
sox -n -r 48000 -c 1 "$W/room.wav" synth "$D" brownnoise sinc -400 vol 0.003
pages=()
for t in 1.3 4.7 8.1 11.9 15.2; do
  sox -n -r 48000 -c 1 "$W/page-$t.wav" synth 0.35 brownnoise sinc 300-8000 fade q 0.02 0.35 0.2 vol 0.4 pad "$t" 0.01
  sox "$W/page-$t.wav" "$W/page-$t-long.wav" pad 0 "$D" trim 0 "$D"
  pages+=(-v 1 "$W/page-$t-long.wav")
done
sox -m -v 1 "$W/whisper.wav" -v 1 "$W/room.wav" "${pages[@]}" "$W/noise.wav"
sox -m -v 1 "$W/speech.wav" -v 1 "$W/noise.wav" "$W/mix.wav"
"$ROOT/build/bench/bench_audio_cleanup" --speech "$W/speech.wav" --mix "$W/mix.wav" | tee -a "$OUT/noise-$(date +%Y%m%d-%H%M%S).jsonl" |
  python3 "$ROOT/bench/noise_table.py"
