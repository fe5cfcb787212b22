#!/usr/bin/env bash
# What showing a 1080p30 stream costs beyond decoding it, on the CPU, for the viewer's raster path:
# scaling and converting in one videoconvertscale pass against scaling in 4:2:0 then converting (the CPU
# seconds of gst-launch-1.0 over 600 pictures of the viewer bench's stream), then converting I420 to 32-bit
# pixels with libyuv against GStreamer's converter (bench_convert).
# Usage: bench/convert-bench.sh      (after ./estrade build and one bench/viewer-bench.sh, which makes the stream)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STREAM=$ROOT/bench/results/viewer-1080p30-i420.ts
[ -s "$STREAM" ] || { echo "run bench/viewer-bench.sh once first: it makes $STREAM" >&2; exit 1; }
PART=$(mktemp)
trap 'rm -f "$PART"' EXIT
head -c 15500000 "$STREAM" >"$PART"  # 20 s, 600 pictures
cpu() {
  /usr/bin/time -f "%U %S" gst-launch-1.0 -q filesrc location="$PART" ! tsdemux ! h264parse ! avdec_h264 max-threads=1 \
    ! $1 ! fakesink 2>&1 >/dev/null | tail -1 | awk '{printf "%.2f", $1 + $2}'
}
echo "| after the decoder | CPU s (600 pictures) |"
echo "|---|---|"
for step in "identity" \
  "videoconvert ! video/x-raw,format=BGRx" \
  "videoconvertscale ! video/x-raw,format=BGRx,width=960,height=540,pixel-aspect-ratio=1/1" \
  "videoscale ! video/x-raw,width=960,height=540,pixel-aspect-ratio=1/1 ! videoconvert ! video/x-raw,format=BGRx" \
  "videoscale ! video/x-raw,width=960,height=540,pixel-aspect-ratio=1/1 ! videoconvert ! video/x-raw,format=I420"; do
  # shellcheck disable=SC2086
  echo "| \`$step\` | $(cpu "$step") |"
done
echo
"$ROOT/build/bench/bench_convert" --width 1920 --height 1080
"$ROOT/build/bench/bench_convert" --width 960 --height 540
