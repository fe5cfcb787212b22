#!/usr/bin/env bash
# The spectrograms in docs/benchmarks.md: one corpus item's microphone and each chain's output, one row
# each, the first 9 s. Needs the item's files kept by the noise bench:
#   KEEP=/tmp/corpus bench/noise-bench.sh 101 && bench/noise-spectrograms.sh /tmp/corpus 101
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${1:?corpus directory (KEEP= of bench/noise-bench.sh)}
SEED=${2:-101}
SNR=${SNR:-10}
for kind in pages whispers; do
  I=$CORPUS/seed-$SEED/$kind-$SNR
  title="Pages turned"
  [ "$kind" = whispers ] && title="Whispers"
  sox -M "$I/mix.wav" "$I/webrtcdsp.wav" "$I/level-gate.wav" "$I/speech-gate.wav" -r 16000 -t wav - trim 0 9 |
    sox -t wav - -n spectrogram -x 900 -y 129 -z 80 -c "bench/noise-bench.sh" \
      -t "$title, SNR $SNR dB (seed $SEED). Top to bottom: microphone, webrtcdsp alone, + level gate (before), + speech gate (now)" \
      -o "$ROOT/docs/images/noise-$kind-spectrograms.png"
done
