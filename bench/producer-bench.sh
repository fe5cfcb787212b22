#!/usr/bin/env bash
# Producer benchmark: CPU of estrade-producer at 1080p30 (speaker) + 1080p10 (slides), per x264 preset,
# next to gst-launch-1.0 running the same encoders with no Estrade code (the speaker launch string from
# `estrade-producer pipelines`, and the slides encoder fed a still PNG by imagefreeze), interleaved in one
# run; and the glass-to-glass latency from the speaker picture's capture to its decoded frame at a direct
# SRT receiver (bench_producer_receiver reads the capture time stamped into each frame; gst-launch frames
# carry no stamp). Both show the opening card on the slides stream.
# Usage: bench/producer-bench.sh [SECONDS] [PRESETS...]     (after ./estrade build)
# Results: a markdown table on stdout, raw JSON lines in bench/results/producer-*.jsonl.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_RUN=${1:-20}
shift || true
PRESETS=("${@:-ultrafast superfast veryfast faster}")
PRESETS=(${PRESETS[@]})
BIN=$ROOT/build/bin
BENCH=$ROOT/build/bench
OUT=$ROOT/bench/results
WARMUP=5
mkdir -p "$OUT"
RAW=$OUT/producer-$(date +%Y%m%d-%H%M%S).jsonl
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; jobs -p | xargs -r kill 2>/dev/null || true' EXIT
PASS=producer-secret-123
PORT=17900

# The example event with absolute deck paths and 120 ms SRT latency on both sides.
sed -e 's/^latency_ms = .*/latency_ms = 120/' -e "s#\"decks/#\"$ROOT/examples/decks/#" \
  "$ROOT/examples/zoom-metiers.toml" >"$WORK/event.toml"
"$BIN/estrade-qa" keys --event "$WORK/event.toml" >/dev/null  # the producer's control socket needs its key pair
"$BIN/estrade-producer" --event "$WORK/event.toml" cards --out "$WORK/cards" >/dev/null

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# measure NAME PRESET COMMAND...: starts the receiver, then COMMAND publishing to it; CPU of COMMAND's
# process over the receiver's measured window.
measure() {
  local name=$1 preset=$2 port=$3
  shift 3
  "$BENCH/bench_producer_receiver" --port "$port" --passphrase "$PASS" --latency 120 \
    --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP" >"$WORK/receiver.json" 2>/dev/null &
  local receiver=$!
  sleep 0.3
  "$@" >/dev/null 2>"$WORK/$name.log" &
  local pid=$!
  sleep "$WARMUP"
  local t0 c0 t1 c1
  t0=$(date +%s.%N); c0=$(cpu_ticks $pid)
  sleep "$SECONDS_PER_RUN"
  t1=$(date +%s.%N); c1=$(cpu_ticks $pid)
  wait "$receiver" || true
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  local cpu
  cpu=$(echo "($c1 - $c0) / ($t1 - $t0)" | bc -l)  # ticks are 1/100 s: this is % of one core
  printf '{"name":"%s","preset":"%s","cpu_percent_of_one_core":%.1f,"receiver":%s}\n' \
    "$name" "$preset" "$cpu" "$(cat "$WORK/receiver.json")" | tee -a "$RAW"
}

reference_launch() {  # PRESET PORT: both encoders in one gst-launch, same settings, publishing with srtsink
  local preset=$1 port=$2 speaker slides sink
  speaker=$("$BIN/estrade-producer" --event "$WORK/event.toml" --x264-preset "$preset" pipelines | sed -n 's/^speaker: //p')
  slides=$("$BIN/estrade-producer" --event "$WORK/event.toml" --x264-preset "$preset" pipelines | sed -n 's/^slides: //p')
  sink() { echo "srtsink uri=srt://127.0.0.1:$port latency=120 passphrase=$PASS streamid=\"#!::r=bench/$1,m=publish,u=producer\" wait-for-connection=false"; }
  speaker=${speaker/appsink name=speaker-ts sync=false max-buffers=200 drop=true/$(sink speaker)}
  slides=${slides/appsink name=slides-ts sync=false max-buffers=200 drop=true/$(sink slides)}
  slides=$(echo "$slides" | sed "s#appsrc name=slides-in [^\"]*caps=\"\\([^\"]*\\)\"#filesrc location=$WORK/cards/opening.png ! pngdec ! imagefreeze is-live=true ! videoconvert ! \\1#")
  echo "$speaker $slides"
}

echo "| preset | program | CPU (% of one core) | ratio to gst-launch | decoded fps | latency p50 / p95 / max (ms) | speaker kbps | slides kbps |"
echo "|---|---|---|---|---|---|---|---|"
for preset in "${PRESETS[@]}"; do
  PORT=$((PORT + 2))
  ref=$(reference_launch "$preset" "$PORT")
  r=$(measure gst-launch "$preset" "$PORT" bash -c "exec gst-launch-1.0 -q $ref")
  p=$(measure estrade-producer "$preset" $((PORT + 1)) "$BIN/estrade-producer" --event "$WORK/event.toml" --relay "srt://127.0.0.1:$((PORT + 1))" \
        --x264-preset "$preset" --bench-stamp-frames --control "tcp://127.0.0.1:*")
  python3 - "$r" "$p" <<'PY'
import json, sys
ref, prod = json.loads(sys.argv[1]), json.loads(sys.argv[2])
for row in (ref, prod):
    rec = row["receiver"]; lat = rec["latency_ms"]
    ratio = row["cpu_percent_of_one_core"] / ref["cpu_percent_of_one_core"]
    latency = "—" if row["name"] != "estrade-producer" else f'{lat["p50"]:.0f} / {lat["p95"]:.0f} / {lat["max"]:.0f}'
    print(f'| {row["preset"]} | {row["name"]} | {row["cpu_percent_of_one_core"]:.0f} | {ratio:.2f} | '
          f'{rec["decoded_fps"]:.1f} | {latency} | {rec["speaker_kbps"]:.0f} | {rec["slides_kbps"]:.0f} |')
PY
done
echo "raw: $RAW" >&2
