#!/usr/bin/env bash
# Viewer benchmark: CPU of estrade-viewer playing two 1080p30 H.264 streams (the same test-camera
# recording published as speaker and as slides through estrade-relay), side by side, in a 1280x720
# window and full screen at 1920x1080, in Xvfb (Mesa llvmpipe: no GPU); next to decoding alone
# (gst-launch-1.0 srtsrc ! tsdemux ! h264parse ! avdec_h264 ! fakesink, one per stream) in the same run.
# The decoder's planes drawn by the scene graph (the default, --video-path planes) side by side with the
# path before it (qml6glsink fed RGBA scaled on the CPU, --video-path software), with glcolorconvert, and
# with no GL at all (--video-path raster: scaled by GStreamer in 4:2:0, converted by the item straight into the
# window Qt Quick's software renderer draws; raster-image, before: converted to BGRx by GStreamer, copied
# onto the window by the renderer; raster-full-size, not run since session 10: within the noise of raster-image).
# The viewer's own counters give decoded and shown frames over the measured window. "Full screen" is a
# 1920x1080 window on Xvfb's 1920x1080 screen: --fullscreen needs a window manager, which Xvfb has not
# (until session 9 those rows were 1280x720 windows).
# Usage: bench/viewer-bench.sh [SECONDS]     (after ./estrade build; ONLY=TEXT keeps the rows naming TEXT)
# Results: a markdown table on stdout and in bench/results/viewer-*.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_RUN=${1:-20}
WARMUP=6
BIN=$ROOT/build/bin
OUT=$ROOT/bench/results
mkdir -p "$OUT"
REPORT=$OUT/viewer-$(date +%Y%m%d-%H%M%S).md
WORK=$(mktemp -d)
cleanup() {
  jobs -p | xargs -r kill 2>/dev/null || true
  pkill -f "estrade-viewer --event $WORK" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
PORT=17310
TICKS=$(getconf CLK_TCK)

# Two minutes of 1080p30 test camera (SMPTE bars, a running clock), made once and kept: 8-bit 4:2:0, High
# profile, as the producer sends it. (Until session 9 the caps named no format and x264enc chose 10-bit
# 4:4:4 — Y444_10LE decoded, which no producer sends and which GStreamer converts on a slow path: every
# viewer figure made with viewer-1080p30.ts overstated the cost of showing the speaker.)
STREAM=$OUT/viewer-1080p30-i420.ts
if [ ! -s "$STREAM" ]; then
  echo "making $STREAM (once)…" >&2
  gst-launch-1.0 -q videotestsrc pattern=smpte num-buffers=3600 \
    ! video/x-raw,format=I420,width=1920,height=1080,framerate=30/1 \
    ! timeoverlay font-desc="Sans 48" ! x264enc speed-preset=veryfast tune=zerolatency bframes=0 key-int-max=60 \
    bitrate=6000 ! video/x-h264,profile=high ! h264parse config-interval=-1 ! mpegtsmux alignment=7 \
    ! filesink location="$STREAM"
fi

# What a room really gets on the slides stream: a still slide, 10 fps, x264 tuned for still pictures
# (as the producer sends it), 2 minutes.
SLIDES10=$OUT/viewer-slides-1080p10.ts
if [ ! -s "$SLIDES10" ]; then
  echo "making $SLIDES10 (once)…" >&2
  "$BIN/estrade-producer" --event "$ROOT/examples/zoom-metiers.toml" cards --out "$WORK/cards" >/dev/null
  gst-launch-1.0 -q filesrc location="$WORK/cards/talk1-slide2.png" ! pngdec ! imagefreeze num-buffers=1200 \
    ! video/x-raw,framerate=10/1 ! videoconvert ! video/x-raw,format=I420 \
    ! x264enc speed-preset=veryfast tune=stillimage+zerolatency bframes=0 key-int-max=20 bitrate=2500 \
    ! h264parse config-interval=-1 ! mpegtsmux alignment=7 ! filesink location="$SLIDES10"
fi
SLIDES=$STREAM

cat >"$WORK/event.toml" <<TOML
[event]
id = "bench"
title = "Viewer bench"
host_site = "room"
[relay]
listen = "127.0.0.1:$PORT"
url = "srt://127.0.0.1:$PORT"
latency_ms = 200
stats_listen = "127.0.0.1:$((PORT + 1))"
[qa]
listen = "tcp://127.0.0.1:$((PORT + 2))"
publish = "tcp://127.0.0.1:$((PORT + 3))"
url = "tcp://127.0.0.1:$((PORT + 2))"
publish_url = "tcp://127.0.0.1:$((PORT + 3))"
security = "plaintext"
database = "$WORK/questions.sqlite"
[producer]
passphrase = "producer-secret-123"
[[talk]]
speaker = "Bench"
title = "Bench"
[[site]]
id = "room"
name = "Bench room"
passphrase = "room-secret-123"
TOML
"$BIN/estrade-relay" --event "$WORK/event.toml" >"$WORK/relay.out" 2>"$WORK/relay.log" &
sleep 0.5

# Publishes the recording as both streams, paced by its own time stamps.
publish() {
  local stream file
  for stream in speaker slides; do
    file=$STREAM
    [ "$stream" = slides ] && file=$SLIDES
    gst-launch-1.0 -q filesrc location="$file" ! tsparse set-timestamps=true \
      ! srtsink uri="srt://127.0.0.1:$PORT?mode=caller" streamid="#!::r=bench/$stream,m=publish,u=producer" \
      passphrase=producer-secret-123 sync=true >/dev/null 2>&1 &
    echo $!
  done
}

ticks_of() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }

row() { printf '| %s | %s | %s | %s | %s |\n' "$@" | tee -a "$REPORT"; }

# Decoding alone: one gst-launch per stream, fps from fpsdisplaysink.
decode_alone() {
  local publishers pids=() stream
  publishers=$(publish)
  sleep 1
  for stream in speaker slides; do
    gst-launch-1.0 -v srtsrc uri="srt://127.0.0.1:$PORT?mode=caller" streamid="#!::r=bench/$stream,m=request,u=room" \
      passphrase=room-secret-123 latency=200 ! tsdemux ! h264parse ! avdec_h264 \
      ! fpsdisplaysink video-sink=fakesink text-overlay=false sync=false fps-update-interval=1000 \
      >"$WORK/decode-$stream.log" 2>&1 &
    pids+=($!)
  done
  sleep "$WARMUP"
  local t0 t1 f0 f1
  f0=$(frames_from_fps_logs)
  t0=$(ticks_of "${pids[@]}")
  sleep "$SECONDS_RUN"
  t1=$(ticks_of "${pids[@]}")
  f1=$(frames_from_fps_logs)
  kill "${pids[@]}" $publishers 2>/dev/null || true
  wait "${pids[@]}" $publishers 2>/dev/null || true
  DECODE_CPU=$(echo "scale=1; 100 * ($t1 - $t0) / $TICKS / $SECONDS_RUN" | bc)
  local fps
  fps=$(echo "scale=1; ($f1 - $f0) / $SECONDS_RUN" | bc)
  row "$1" "–" "$DECODE_CPU %" "1.00" "$fps frames/s decoded (both streams)"
}

frames_from_fps_logs() {
  local total=0 n s
  for s in speaker slides; do
    n=$(grep -o 'rendered: [0-9]*' "$WORK/decode-$s.log" | tail -1 | grep -o '[0-9]*' || echo 0)
    total=$((total + ${n:-0}))
  done
  echo $total
}

# viewer NAME SCREEN ARGS...: the viewer in Xvfb; CPU of the viewer and of Xvfb over the window between
# its two grabs, frames from its counters at those grabs.
viewer() {
  local name=$1 screen=$2
  shift 2
  # ONLY=TEXT bench/viewer-bench.sh runs only the viewer rows whose name contains TEXT.
  [[ -z "${ONLY:-}" || "$name" == *"$ONLY"* ]] || return 0
  local publishers
  publishers=$(publish)
  sleep 1
  local end=$((WARMUP + SECONDS_RUN)) layout=(--layout 3)
  [[ " $* " == *" --layout "* ]] && layout=()
  local viewer_bin=${VIEWER_BIN:-$BIN/estrade-viewer}
  xvfb-run -a -s "-screen 0 ${screen}x24" "$viewer_bin" --event "$WORK/event.toml" --site room \
    --journal "$WORK/journal.sqlite" --mute "${layout[@]}" "$@" \
    --grab "$WORK/w0.png@$WARMUP" --grab "$WORK/w1.png@$end" --quit-after $((end + 1)) \
    >"$WORK/viewer.out" 2>"$WORK/viewer.log" &
  local runner=$!
  local vpid="" xpid="" tries=0
  while [ -z "$vpid" ] || [ -z "$xpid" ]; do
    sleep 0.1
    vpid=$(pgrep -n -f "^$viewer_bin --event $WORK" || true)  # not xvfb-run's own shell
    xpid=$(pgrep -n -x Xvfb || true)
    tries=$((tries + 1))
    [ $tries -lt 100 ] || { echo "the viewer did not start: $(tail -3 "$WORK/viewer.log")" >&2; exit 1; }
  done
  while [ ! -f "$WORK/w0.png.json" ]; do sleep 0.05; done
  local t0 x0 t1 x1
  t0=$(ticks_of "$vpid"); x0=$(ticks_of "$xpid")
  while [ ! -f "$WORK/w1.png.json" ]; do sleep 0.05; done
  t1=$(ticks_of "$vpid"); x1=$(ticks_of "$xpid")
  wait $runner || true
  kill $publishers 2>/dev/null || true
  wait $publishers 2>/dev/null || true
  local cpu xcpu
  cpu=$(echo "scale=1; 100 * ($t1 - $t0) / $TICKS / $SECONDS_RUN" | bc)
  xcpu=$(echo "scale=1; 100 * ($x1 - $x0) / $TICKS / $SECONDS_RUN" | bc)
  local frames
  frames=$(python3 - "$WORK/w0.png.json" "$WORK/w1.png.json" "$SECONDS_RUN" <<'PY'
import json, sys
a, b, s = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), float(sys.argv[3])
out = []
for stream in ("speaker", "slides"):
    decoded = b[stream + "_frames"] - a[stream + "_frames"]
    shown = b[stream + "_shown"] - a[stream + "_shown"]
    # "lost": pictures the item received and replaced before drawing them (the planes and raster items
    # count them; qml6glsink does not). "not shown" also counts pictures still on their way at the grabs
    # (on the clock, ~5 wait for their time), the hidden stream's, and the slides' repeats (skipped).
    lost = b.get(stream + "_lost", 0) - a.get(stream + "_lost", 0)
    out.append(f"{stream} {decoded / s:.1f} fps decoded, {shown / s:.1f} shown, {decoded - shown} not shown, {lost} lost")
out.append(f"window drawn {(b['window_frames'] - a['window_frames']) / s:.1f} times/s")
print("; ".join(out))
PY
)
  rm -f "$WORK"/w0.png* "$WORK"/w1.png*
  row "$name" "+ Xvfb $xcpu %" "$cpu %" "$(echo "scale=2; $cpu / $DECODE_CPU" | bc)" "$frames"
}

{
  echo "Viewer benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, ${SECONDS_RUN} s per run after ${WARMUP} s warm-up"
  echo
  echo "| what | X server | CPU (% of one core) | × decoding alone | frames |"
  echo "|---|---|---|---|---|"
} | tee "$REPORT"
if [ -n "${COMPARE_WITH:-}" ]; then
  # COMPARE_WITH=path/to/another/estrade-viewer REPEATS=n: that build against this one, interleaved, on
  # what a room gets, raster path, 1280×720 window and full screen (session 11: reading in batches).
  SLIDES=$SLIDES10
  decode_alone "decoding alone, speaker 1080p30 + slides 1080p10"
  for r in $(seq "${REPEATS:-3}"); do
    for size in 1280x720 1920x1080; do
      VIEWER_BIN=$COMPARE_WITH viewer "other build ($COMPARE_WITH), raster, $size, side by side, run $r" 1920x1080 --size $size --video-path raster
      viewer "this build, raster, $size, side by side, run $r" 1920x1080 --size $size --video-path raster
    done
  done
  decode_alone "decoding alone, again"
  echo "report: $REPORT" >&2
  exit 0
fi
decode_alone "decoding alone, two 1080p30 streams (gst-launch ×2, fakesink)"
# Side by side in one run: the decoder's planes drawn by the scene graph (the default with a GPU) and the path
# before it (GStreamer's qml6glsink after scaling and converting to RGBA on the CPU, --video-path
# software). For qml6glsink "shown" counts pictures reaching the sink; "window drawn" is what was drawn.
viewer "planes (default with a GPU), 1280×720 window, side by side" 1920x1080 --size 1280x720 --video-path planes
viewer "qml6glsink software (before; default on llvmpipe), 1280×720 window, side by side" 1920x1080 --size 1280x720 --video-path software
viewer "raster (no GL), 1280×720 window, side by side" 1920x1080 --size 1280x720 --video-path raster
viewer "planes (default with a GPU), full screen 1920×1080, side by side" 1920x1080 --size 1920x1080 --video-path planes
viewer "qml6glsink software (before; default on llvmpipe), full screen 1920×1080, side by side" 1920x1080 --size 1920x1080 --video-path software
viewer "raster (no GL), full screen 1920×1080, side by side" 1920x1080 --size 1920x1080 --video-path raster
viewer "qml6glsink gpu (glcolorconvert on llvmpipe), 1280×720" 1920x1080 --size 1280x720 --video-path gpu
echo "| **what a room gets: speaker 1080p30, slides 1080p10 (still slide)** | | | | |" | tee -a "$REPORT"
SLIDES=$SLIDES10
decode_alone "decoding alone, speaker 1080p30 + slides 1080p10"
viewer "planes (default with a GPU), 1280×720 window, side by side" 1920x1080 --size 1280x720 --video-path planes
viewer "qml6glsink software (before; default on llvmpipe), 1280×720 window, side by side" 1920x1080 --size 1280x720 --video-path software
viewer "raster (no GL), 1280×720 window, side by side" 1920x1080 --size 1280x720 --video-path raster
viewer "raster, image item (before), 1280×720 window, side by side" 1920x1080 --size 1280x720 --video-path raster-image
for layout in "3:side by side" "1:speaker only (slides decoded, not shown)" "4:slides with the speaker inset" "2:slides only (speaker decoded, not shown)"; do
  viewer "planes (default with a GPU), full screen, layout ${layout%%:*}: ${layout#*:}" 1920x1080 --size 1920x1080 --layout "${layout%%:*}" --video-path planes
  viewer "qml6glsink software (before; default on llvmpipe), full screen, layout ${layout%%:*}: ${layout#*:}" 1920x1080 --size 1920x1080 --layout "${layout%%:*}" --video-path software
  viewer "raster (no GL), full screen, layout ${layout%%:*}: ${layout#*:}" 1920x1080 --size 1920x1080 --layout "${layout%%:*}" --video-path raster
  viewer "raster, image item (before), full screen, layout ${layout%%:*}: ${layout#*:}" 1920x1080 --size 1920x1080 --layout "${layout%%:*}" --video-path raster-image
done
echo "GL renderer: $(sed -n 's/.*GL renderer "\([^"]*\)".*/\1/p' "$WORK/viewer.out" "$WORK/viewer.log" | head -1)" | tee -a "$REPORT"
echo "report: $REPORT" >&2
