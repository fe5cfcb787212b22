#!/usr/bin/env bash
# Regenerates the small MPEG-TS fixtures the tests publish (shipped, so the relay's tests need no
# GStreamer), cut as the producer makes them (at a smaller size): 4 s of 320x180 H.264 at 25 fps with
# a keyframe every second, SPS/PPS repeated, 8-bit 4:2:0 (High profile) as the producer sends.
#   test-stream.ts     video only (like the slides stream)
#   test-stream-av.ts  video and AAC sound (like the speaker stream)
#   test-room.ts       Opus sound only, 4 s (like a room's microphone while it holds the floor)
set -euo pipefail
cd "$(dirname "$0")"
# format=I420 and profile=high: without them x264enc took the test source's 4:4:4 (High 4:4:4), which no
# producer sends; veryfast, because ultrafast turns off what makes it High (CABAC, 8x8 transforms).
video='videotestsrc num-buffers=100 pattern=ball ! video/x-raw,format=I420,width=320,height=180,framerate=25/1
  ! x264enc tune=zerolatency bframes=0 key-int-max=25 bitrate=600 speed-preset=veryfast ! video/x-h264,profile=high
  ! h264parse config-interval=-1'
# shellcheck disable=SC2086
gst-launch-1.0 -q $video ! mpegtsmux alignment=7 ! filesink location=test-stream.ts
# shellcheck disable=SC2086
gst-launch-1.0 -q $video ! mux. \
  audiotestsrc num-buffers=172 samplesperbuffer=1024 wave=ticks ! audio/x-raw,rate=44100,channels=1 \
  ! avenc_aac bitrate=64000 ! aacparse ! mux. mpegtsmux name=mux alignment=7 ! filesink location=test-stream-av.ts
gst-launch-1.0 -q audiotestsrc num-buffers=200 samplesperbuffer=960 wave=ticks ! audio/x-raw,rate=48000,channels=1 \
  ! opusenc bitrate=32000 frame-size=20 ! mpegtsmux alignment=7 ! filesink location=test-room.ts
ls -l test-stream.ts test-stream-av.ts test-room.ts
