#!/usr/bin/env bash
# Regenerates test-stream.ts, the small MPEG-TS fixture the relay tests publish (shipped, so the
# relay's tests need no GStreamer): 4 s of 320x180 H.264 at 25 fps with a keyframe every second,
# SPS/PPS repeated, 7 TS packets per SRT message, as the producer makes it (at a smaller size).
set -euo pipefail
cd "$(dirname "$0")"
gst-launch-1.0 -q videotestsrc num-buffers=100 pattern=ball ! video/x-raw,width=320,height=180,framerate=25/1 \
  ! x264enc tune=zerolatency bframes=0 key-int-max=25 bitrate=600 speed-preset=ultrafast \
  ! h264parse config-interval=-1 ! mpegtsmux alignment=7 ! filesink location=test-stream.ts
ls -l test-stream.ts
