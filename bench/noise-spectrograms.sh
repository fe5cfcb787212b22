#!/usr/bin/env bash
# The spectrograms in docs/benchmarks.md: one corpus item's microphone and each chain's output, one row
# each, 9 s from START (default 0). Needs the item's files kept by the noise bench:
#   KEEP=/tmp/corpus bench/noise-bench.sh 101 && bench/noise-spectrograms.sh /tmp/corpus 101
#   KINDS=knocks START=12 bench/noise-spectrograms.sh /tmp/corpus 101
#   SUFFIX=-601 SNR=20 START=3 KINDS=pages bench/noise-spectrograms.sh /tmp/fresh6 601   (another file)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${1:?corpus directory (KEEP= of bench/noise-bench.sh)}
SEED=${2:-101}
SNR=${SNR:-10}
START=${START:-0}
for kind in ${KINDS:-pages whispers}; do
  I=$CORPUS/seed-$SEED/$kind-$SNR
  case $kind in
    pages) title="Pages turned" ;;
    whispers) title="Whispers" ;;
    knocks) title="Knocks on the lectern" ;;
    *) title=$kind ;;
  esac
  [ "$START" != 0 ] && title="$title from $START s"
  sox -M "$I/mix.wav" "$I/webrtcdsp.wav" "$I/level-gate.wav" "$I/speech-gate.wav" -r 16000 -t wav - trim "$START" 9 |
    sox -t wav - -n spectrogram -x 900 -y 129 -z 80 -c "bench/noise-bench.sh" \
      -t "$title, SNR $SNR dB (seed $SEED). Top to bottom: microphone, webrtcdsp alone, + level gate (before), + speech gate (now)" \
      -o "$ROOT/docs/images/noise-$kind${SUFFIX:-}-spectrograms.png"
done
