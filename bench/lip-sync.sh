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
# VIDEO_PATH (default planes): the viewer's --video-path.
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
  wait 2>/dev/null || true  # a run right after this one must find the ports free
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
  echo "| speaker latency | flashes drawn | pairs | sound offset median | min | max | within EBU R37 (−40 … +60 ms) | beeps sent late by the host | pairs sent on time: median | min | max | within R37 | camera → screen median | min | max |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} | tee "$REPORT"
for latency in $LATENCIES; do
  : >"$WORK/lip-sync.log"
  ${VIEWER_ENV:-} xvfb-run -a -s "-screen 0 1920x1080x24" "$BIN/estrade-viewer" --event "$WORK/event.toml" --site room \
    --journal "$WORK/journal.sqlite" --layout 1 --size 1280x720 --video-path "${VIDEO_PATH:-planes}" --speaker-latency "$latency" \
    --bench-lip-sync "$WORK/lip-sync.log" --quit-after "$SECONDS_RUN" >"$WORK/viewer.out" 2>"$WORK/viewer.log"
  grep -q "viewer lip-sync" "$WORK/viewer.out" || { echo "the viewer measured nothing: $(tail -3 "$WORK/viewer.log")" >&2; exit 1; }
  python3 - "$latency" "$WORK/lip-sync.log" "$WORK/producer.log" <<'PY' | tee -a "$REPORT"
import re, statistics, sys
latency, log, producer_log = sys.argv[1:]
rows = [l.split() for l in open(log)]
flashes = [(float(r[1]), float(r[2])) for r in rows if r[0] == "flash"]  # (drawn at, stream time stamp), ms
tones = [(float(r[1]), float(r[2])) for r in rows if r[0] == "tone"]
def nearest(x, xs):
    return min(xs, key=lambda v: abs(v - x)) if xs else None
# Each beep with the flash drawn nearest to it (within 400 ms), as the viewer pairs them; and, by the
# stream's time stamps, how far after its flash the host sent it: a beep that left the host late (the
# producer's doing, not the room's) is counted apart.
pairs = []
for at, pts in tones:
    f = nearest(at, [a for a, _ in flashes])
    if f is None or abs(f - at) > 400:
        continue
    host = nearest(pts, [p for _, p in flashes])
    pairs.append((at - f, pts - host if host is not None else None))
host_offsets = [h for _, h in pairs if h is not None and abs(h) < 400]
usual = statistics.median(host_offsets) if host_offsets else 0
on_time = [o for o, h in pairs if h is not None and abs(h - usual) <= 20]
late_from_host = len(pairs) - len(on_time)
def span(xs):
    xs = sorted(xs)
    return f"{xs[len(xs) // 2]:+.0f} ms | {xs[0]:+.0f} ms | {xs[-1]:+.0f} ms" if xs else "– | – | –"
ok = lambda xs: bool(xs) and -40 <= min(xs) and max(xs) <= 60
captured = sorted(float(m.group(1)) for m in re.finditer(r"bench flash captured at ([0-9.]+) ms", open(producer_log).read()))
delays = sorted(d - max(c for c in captured if c < d) for d, _ in flashes if any(c < d for c in captured))
delays = [x for x in delays if x < 1000]
g = span(delays).replace("+", "")
label = "0 (as they arrive, sound held 40 ms)" if latency == "0" else f"{latency} ms, on the clock"
print(f"| {label} | {len(flashes)} | {len(pairs)} | {span([o for o, _ in pairs])} | {'yes' if ok([o for o, _ in pairs]) else 'no'} "
      f"| {late_from_host} | {span(on_time)} | {'yes' if ok(on_time) else 'no'} | {g} |")
PY
done
