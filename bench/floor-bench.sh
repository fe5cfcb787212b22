#!/usr/bin/env bash
# Floor benchmark (issue "a room takes the floor"):
#  1. mouth to ears: bench_floor_latency, REPEATS runs (SRT latency 120 ms on every leg, loopback): room
#     microphone → host hall output, and → another room's decoded sound; p50/p95 per run.
#  2. echo: bench_echo, a clean-up chain with and without its echo canceller, the microphone hearing the
#     loudspeakers (a voice, −10 dB) 20, 40 and 60 ms late plus the local voice in the gaps: the room holding
#     the floor (its loudspeakers play the return), and the host room (the hall plays the floor room);
#  3. CPU: estrade-viewer (Xvfb, 640x360, side by side) and estrade-producer (320x180) with the real relay
#     and broker, interleaved windows of SECONDS: nobody has the floor / the room has the floor (its
#     microphone: a sentence from espeak-ng, looped) — the viewer's cost of holding the floor, the
#     producer's cost of mixing.
# Usage: bench/floor-bench.sh [SECONDS] [REPEATS]     (after ./estrade build; ONLY_CPU=1 skips 1 and 2,
# THREADS=1 adds the viewer's per-thread costs)
# Results: a markdown table on stdout and in bench/results/floor-*.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_RUN=${1:-15}
REPEATS=${2:-3}
BIN=$ROOT/build/bin
OUT=$ROOT/bench/results
mkdir -p "$OUT"
REPORT=$OUT/floor-$(date +%Y%m%d-%H%M%S).md
WORK=$(mktemp -d)
cleanup() {
  jobs -p | xargs -r kill 2>/dev/null || true
  pkill -f "estrade-viewer --event $WORK" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
TICKS=$(getconf CLK_TCK)
PORT=17420

{
  echo "## Floor: mouth to ears ($(date +%F), $(nproc) cores, SRT latency 120 ms on every leg)"
  echo
  echo "| run | chirps | mouth → hall p50 / p95 (ms) | mouth → other room p50 / p95 (ms) | mix-minus (dB) |"
  echo "|---|---|---|---|---|"
} | tee "$REPORT"
[ -z "${ONLY_CPU:-}" ] && for run in $(seq 1 "$REPEATS"); do
  line=$("$ROOT/build/bench/bench_floor_latency" --seconds "$SECONDS_RUN" 2>/dev/null | grep '"bench"')
  python3 - "$run" "$line" <<'PY' | tee -a "$REPORT"
import json, sys
r = json.loads(sys.argv[2])
h, o = r["mouth_to_hall"], r["mouth_to_other_room"]
print(f"| {sys.argv[1]} | {r['chirps']} | {h.get('p50_ms', 0):.0f} / {h.get('p95_ms', 0):.0f} | "
      f"{o.get('p50_ms', 0):.0f} / {o.get('p95_ms', 0):.0f} | {r['mix_minus_db']:.0f} |")
PY
done

{
  echo
  echo "## Floor: echo in what the room sends (RMS dBFS; the speaker's voice at −10 dB into the microphone)"
  echo
  echo "| side | delay | echo without / with the canceller | reduction | local voice without / with | change |"
  echo "|---|---|---|---|---|---|"
} | tee -a "$REPORT"
mkdir -p "$WORK/echo"
: >"$WORK/echo.jsonl"
[ -z "${ONLY_CPU:-}" ] && "$ROOT/build/bench/bench_echo" "$WORK/echo" 2>/dev/null | grep "^{" >>"$WORK/echo.jsonl"
[ -z "${ONLY_CPU:-}" ] && "$ROOT/build/bench/bench_echo" "$WORK/echo" --host 2>/dev/null | grep '^{' >>"$WORK/echo.jsonl"
python3 - "$WORK/echo.jsonl" <<'PY' | tee -a "$REPORT"
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    w, o = r["with"], r["without"]
    side = "room holding the floor" if r["side"] == "room" else "host room (hall output)"
    print(f"| {side} | {r['delay_ms']} ms | {o['echo_dbfs']:.1f} / {w['echo_dbfs']:.1f} | {r['echo_reduction_db']:.1f} dB | "
          f"{o['voice_dbfs']:.1f} / {w['voice_dbfs']:.1f} | {r['voice_change_db']:+.1f} dB |")
PY

# CPU: the real programs.
cat >"$WORK/event.toml" <<TOML
[event]
id = "bench"
title = "Floor bench"
host_site = "host"
[relay]
listen = "127.0.0.1:$PORT"
url = "srt://127.0.0.1:$PORT"
latency_ms = 120
stats_listen = "127.0.0.1:$((PORT + 1))"
[qa]
listen = "tcp://127.0.0.1:$((PORT + 2))"
url = "tcp://127.0.0.1:$((PORT + 2))"
publish = "tcp://127.0.0.1:$((PORT + 3))"
publish_url = "tcp://127.0.0.1:$((PORT + 3))"
database = "questions.sqlite"
keys = "keys"
[producer]
passphrase = "producer-secret-123"
resolution = "320x180"
control = "tcp://127.0.0.1:$((PORT + 4))"
control_url = "tcp://127.0.0.1:$((PORT + 4))"
hall_output = "file:hall.wav"
[[talk]]
speaker = "Claire Le Bihan"
title = "Une journée en commissariat"
[[site]]
id = "host"
name = "Host"
passphrase = "host-secret-12345"
[[site]]
id = "room"
name = "Room"
passphrase = "room-secret-12345"
TOML
espeak-ng -v fr -s 150 -w "$WORK/voice-espeak.wav" "Bonjour, ici la salle. Combien de temps dure la formation ?"
sox "$WORK/voice-espeak.wav" -r 48000 -c 1 -b 16 "$WORK/voice.wav" pad 0 1
"$BIN/estrade-qa" keys --event "$WORK/event.toml" >/dev/null
start() {  # LOG READY COMMAND...
  local log=$1 ready=$2; shift 2
  "$@" >"$WORK/$log.out" 2>"$WORK/$log.log" &
  for _ in $(seq 1 300); do grep -q "$ready" "$WORK/$log.out" 2>/dev/null && return 0; sleep 0.1; done
  echo "$log did not start" >&2; exit 1
}
start qa serving "$BIN/estrade-qa" serve --event "$WORK/event.toml"
start relay "relay port=" "$BIN/estrade-relay" --event "$WORK/event.toml"
start producer "producer control=" "$BIN/estrade-producer" --event "$WORK/event.toml"
xvfb-run -a -s "-screen 0 1024x768x24" "$BIN/estrade-viewer" --event "$WORK/event.toml" --site room \
  --journal "$WORK/room.sqlite" --size 640x360 --layout 3 --mute --microphone "file:$WORK/voice.wav" \
  >"$WORK/viewer.out" 2>"$WORK/viewer.log" &
sleep 8
VIEWER=$(pgrep -f "^$BIN/estrade-viewer --event $WORK" | head -1)
PRODUCER=$(pgrep -f "^$BIN/estrade-producer --event $WORK" | head -1)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() {  # → "viewer% producer%"
  local v0 p0 v1 p1
  v0=$(cpu_ticks "$VIEWER"); p0=$(cpu_ticks "$PRODUCER")
  sleep "$SECONDS_RUN"
  v1=$(cpu_ticks "$VIEWER"); p1=$(cpu_ticks "$PRODUCER")
  echo "$(( (v1 - v0) * 100 / (TICKS * SECONDS_RUN) )) $(( (p1 - p0) * 100 / (TICKS * SECONDS_RUN) ))"
}
floor() {
  "$BIN/estrade-qa" floor --event "$WORK/event.toml" "$1" >/dev/null
  "$BIN/estrade-producer" --event "$WORK/event.toml" control floor "$1" >/dev/null
  sleep 2
}
{
  echo
  echo "## Floor: CPU, % of one core (estrade-viewer 640x360 side by side in Xvfb; estrade-producer 320x180)"
  echo
  echo "| run | viewer, no floor | viewer, holding the floor | producer, no floor | producer, mixing the room |"
  echo "|---|---|---|---|---|"
} | tee -a "$REPORT"
for run in $(seq 1 "$REPEATS"); do
  read -r v_off p_off < <(measure)
  floor room
  read -r v_on p_on < <(measure)
  floor none
  echo "| $run | $v_off | $v_on | $p_off | $p_on |" | tee -a "$REPORT"
done
echo
echo "Raw: $REPORT"
# THREADS=1: where the viewer's time goes, per thread (ticks in 10 s), without and with the floor.
threads() { for t in /proc/$VIEWER/task/*; do echo "$(tr ' ' '_' <"$t/comm") $(awk '{print $14 + $15}' "$t/stat")"; done; }
thread_costs() {
  threads >"$WORK/t0"; sleep 10; threads >"$WORK/t1"
  paste "$WORK/t0" "$WORK/t1" | awk '{d = $4 - $2; if (d > 3) printf "  %s %d\n", $1, d}'
}
if [ -n "${THREADS:-}" ]; then
  echo "viewer threads, no floor:"; thread_costs
  floor room
  echo "viewer threads, holding the floor:"; thread_costs
fi
