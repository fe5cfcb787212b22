#!/usr/bin/env bash
# Lip sync at a room: the producer's flash-and-beep source (its test camera turns white and its test
# microphone sounds a 10 ms tone on every whole second of its clock: --bench-flash-and-beep) goes through
# the producer's whole chain (sound clean-up, encoders, TS, SRT) and estrade-relay to estrade-viewer in
# Xvfb, which notes when each flash is drawn and each tone reaches its sound sink (--bench-lip-sync), on
# one clock. The offset of each tone from its flash: positive, the sound is late. EBU R37: at most 40 ms
# early, 60 ms late.
# The producer also logs each flash's capture moment, so the delay from the host's camera to the room's
# screen is measured too. LATENCIES (default "0 150"): the viewer's --speaker-latency values compared in one
# run, one viewer after the other on the same producer (0: pictures and sound played as they arrive, the
# sound held back 40 ms; N: both on the clock, N ms after capture beyond SRT's latency).
# Usage: [LATENCIES="0 150"] bench/lip-sync.sh [SECONDS] [RESOLUTION]   (after ./estrade build; default 40 s, 1280x720)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_RUN=${1:-40}
RESOLUTION=${2:-1280x720}
BIN=$ROOT/build/bin
OUT=$ROOT/bench/results
mkdir -p "$OUT"
WORK=$(mktemp -d)
cleanup() {
  jobs -p | xargs -r kill 2>/dev/null || true
  [ -n "${KEEP:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
PORT=17410

cat >"$WORK/event.toml" <<TOML
[event]
id = "lipsync"
title = "Lip sync bench"
host_site = "host"
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
database = "$WORK/questions.sqlite"
keys = "$WORK/keys"
[producer]
passphrase = "producer-secret-123"
resolution = "$RESOLUTION"
camera = "test"
microphone = "test"
control = "tcp://127.0.0.1:$((PORT + 4))"
control_url = "tcp://127.0.0.1:$((PORT + 4))"
[[talk]]
speaker = "Bench"
title = "Bench"
[[site]]
id = "host"
name = "Host"
passphrase = "host-secret-1234"
[[site]]
id = "room"
name = "Bench room"
passphrase = "room-secret-123"
TOML
"$BIN/estrade-qa" keys --event "$WORK/event.toml" >/dev/null
"$BIN/estrade-relay" --event "$WORK/event.toml" >"$WORK/relay.out" 2>"$WORK/relay.log" &
sleep 0.5
"$BIN/estrade-producer" --event "$WORK/event.toml" --bench-flash-and-beep >"$WORK/producer.out" 2>"$WORK/producer.log" &
sleep 2
LATENCIES=${LATENCIES:-"0 150"}
REPORT=$OUT/lip-sync-$(date +%Y%m%d-%H%M%S).md
{
  echo "Lip sync, $SECONDS_RUN s per row, speaker $RESOLUTION (producer test sources, flash and tone on every whole second), SRT latency 200 ms"
  echo
  echo "| speaker latency | flashes drawn | pairs | sound offset median | min | max | within EBU R37 (−40 … +60 ms) | camera → screen median | min | max |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} | tee "$REPORT"
for latency in $LATENCIES; do
  : >"$WORK/lip-sync.log"
  ${VIEWER_ENV:-} xvfb-run -a -s "-screen 0 1920x1080x24" "$BIN/estrade-viewer" --event "$WORK/event.toml" --site room \
    --journal "$WORK/journal.sqlite" --layout 1 --size 1280x720 --video-path planes --speaker-latency "$latency" \
    --bench-lip-sync "$WORK/lip-sync.log" --quit-after "$SECONDS_RUN" >"$WORK/viewer.out" 2>"$WORK/viewer.log"
  line=$(grep "viewer lip-sync" "$WORK/viewer.out" || true)
  [ -n "$line" ] || { echo "the viewer measured nothing: $(tail -3 "$WORK/viewer.log")" >&2; exit 1; }
  python3 - "$line" "$latency" "$WORK/lip-sync.log" "$WORK/producer.log" <<'PY' | tee -a "$REPORT"
import re, sys
line, latency, log, producer_log = sys.argv[1:]
f = dict(kv.split("=") for kv in line.split()[2:])
med, lo, hi = float(f["median_ms"]), float(f["min_ms"]), float(f["max_ms"])
ok = -40 <= lo and hi <= 60
drawn = [float(l.split()[1]) for l in open(log) if l.startswith("flash")]
captured = sorted(float(m.group(1)) for m in re.finditer(r"bench flash captured at ([0-9.]+) ms", open(producer_log).read()))
# Each flash drawn is paired with the latest capture before it (flashes are a second apart).
delays = sorted(d - max(c for c in captured if c < d) for d in drawn if any(c < d for c in captured))
delays = [x for x in delays if x < 1000]
g = (f"{delays[len(delays) // 2]:.0f} ms | {delays[0]:.0f} ms | {delays[-1]:.0f} ms" if delays else "– | – | –")
label = "0 (as they arrive, sound held 40 ms)" if latency == "0" else f"{latency} ms, on the clock"
print(f"| {label} | {len(drawn)} | {f['pairs']} | {med:+.0f} ms | {lo:+.0f} ms | {hi:+.0f} ms | {'yes' if ok else 'no'} | {g} |")
PY
done
