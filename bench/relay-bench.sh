#!/usr/bin/env bash
# Relay benchmark: estrade-relay, GStreamer's relay (srtsrc ! srtsink) and the bare libsrt loop, side by
# side in one run, at 1/10/50/100 sites, with and without encryption, SRT latency 120 ms on every leg.
# Usage: bench/relay-bench.sh [SECONDS] [SITE COUNTS...]     (after ./estrade build)
# Results: a markdown table on stdout, raw JSON lines in bench/results/relay-*.jsonl.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_RUN=${1:-10}
shift || true
COUNTS=("${@:-1 10 50 100}")
COUNTS=(${COUNTS[@]})
BIN=$ROOT/build/bin
BENCH=$ROOT/build/bench
OUT=$ROOT/bench/results
mkdir -p "$OUT"
STREAM=$OUT/stream-1080p-4M-v2.ts
RAW=$OUT/relay-$(date +%Y%m%d-%H%M%S).jsonl

if [ ! -s "$STREAM" ]; then
  # Noise keeps the encoder at its full 4 Mbit/s, so pacing at 4 Mbit/s plays it at real time (one
  # keyframe every 2 s); 24 s, longer than a run, so no run loops the file.
  echo "Encoding a 1080p30 H.264 test stream at 4 Mbit/s (once)..." >&2
  gst-launch-1.0 -q videotestsrc num-buffers=720 pattern=snow ! video/x-raw,width=1920,height=1080,framerate=30/1 \
    ! x264enc tune=zerolatency bframes=0 key-int-max=60 bitrate=4000 vbv-buf-capacity=1000 speed-preset=ultrafast \
    ! h264parse config-interval=-1 ! mpegtsmux alignment=7 ! filesink location="$STREAM"
fi

PRODUCER_PASS=producer-secret-123
SHARED_PASS=shared-secret-pass

write_event() {  # N sites (+1 late joiner) with their own passphrases
  local n=$1 file=$2
  {
    printf '[event]\nid = "bench"\ntitle = "Bench"\nhost_site = "site-000"\n'
    printf '[relay]\nlatency_ms = 120\nmax_lag_ms = 1000\n'
    printf '[producer]\npassphrase = "%s"\n' "$PRODUCER_PASS"
    printf '[[talk]]\nspeaker = "Bench"\ntitle = "Bench"\n'
    for i in $(seq 0 $((n + 4))); do
      printf '[[site]]\nid = "site-%03d"\nname = "Site %d"\npassphrase = "site-%03d-secret-pass"\n' "$i" "$i" "$i"
    done
  } > "$file"
}

wait_port() {  # waits until something listens on UDP port $1
  for _ in $(seq 100); do
    if ss -uln | grep -q ":$1 "; then return 0; fi
    sleep 0.05
  done
  return 1
}

run_one() {  # relay encryption sites ports
  local relay=$1 enc=$2 n=$3 ports=$4 pid args=() port_pub=9400 port_play=9401
  case $relay in
    estrade)
      write_event "$n" "$OUT/bench-event.toml"
      local flags=()
      [ "$enc" = on ] || flags=(--bench-no-encryption)
      "$BIN/estrade-relay" --event "$OUT/bench-event.toml" --listen 127.0.0.1:$port_pub --stats 127.0.0.1:0 "${flags[@]}" \
        >/dev/null 2>"$OUT/relay.log" &
      pid=$!
      port_play=$port_pub
      args=(--publish-id '#!::r=bench/speaker,m=publish,u=producer' --play-id '#!::r=bench/speaker,m=request,u={site}')
      if [ "$enc" = on ]; then args+=(--producer-passphrase "$PRODUCER_PASS" --site-passphrases); fi
      ;;
    gstreamer)
      local pass=""
      [ "$enc" = on ] && pass="&passphrase=$SHARED_PASS"
      gst-launch-1.0 -q srtsrc uri="srt://127.0.0.1:$port_pub?mode=listener&latency=120$pass" \
        ! srtsink uri="srt://127.0.0.1:$port_play?mode=listener&latency=120$pass" sync=false >/dev/null 2>"$OUT/relay.log" &
      pid=$!
      ;;
    bare)
      local p=()
      [ "$enc" = on ] && p=("$SHARED_PASS")
      "$BENCH/bench_bare_relay" $port_pub $port_play 120 "${p[@]}" >/dev/null 2>"$OUT/relay.log" &
      pid=$!
      ;;
  esac
  if [ "$relay" != estrade ] && [ "$enc" = on ]; then
    args=(--producer-passphrase "$SHARED_PASS" --passphrase "$SHARED_PASS")
  fi
  wait_port $port_pub || { echo "$relay did not start" >&2; kill $pid; return 1; }
  [ "$relay" = estrade ] || wait_port $port_play || true
  local json
  json=$("$BENCH/bench_relay_load" --publish 127.0.0.1:$port_pub --play 127.0.0.1:$port_play --subscribers "$n" \
    --file "$STREAM" --bitrate 4000000 --seconds "$SECONDS_PER_RUN" --latency 120 --relay-pid $pid --ports "$ports" "${args[@]}")
  kill $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  echo "{\"relay\":\"$relay\",\"encryption\":\"$enc\",\"result\":$json}" | tee -a "$RAW" >/dev/null
  sleep 0.5
}

# RELAYS, ENCRYPTIONS, PORTS and REPEATS narrow or repeat a run (repeats are interleaved: a b c a b c).
# PORTS: "own" (a local UDP port per site, as separate rooms) and/or "shared" (every site on one port).
RELAYS=${RELAYS:-bare gstreamer estrade}
ENCRYPTIONS=${ENCRYPTIONS:-off on}
PORTS=${PORTS:-own}
REPEATS=${REPEATS:-1}
for enc in $ENCRYPTIONS; do
  for ports in $PORTS; do
  for n in "${COUNTS[@]}"; do
    for _ in $(seq "$REPEATS"); do
    for relay in $RELAYS; do
      echo "run: $relay encryption=$enc ports=$ports sites=$n" >&2
      run_one $relay $enc "$n" "$ports"
    done
    done
  done
  done
done

python3 - "$RAW" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
import statistics
runs = {}
for r in rows:
    runs.setdefault((r["encryption"], r["result"].get("ports", "own"), r["result"]["subscribers"]), {}).setdefault(r["relay"], []).append(r["result"])
def median_run(results):
    # the run whose CPU is the median, so every column comes from one real run
    ordered = sorted(results, key=lambda x: x["relay_cpu_percent"])
    return ordered[len(ordered) // 2]
by = {key: {relay: median_run(rs) for relay, rs in relays.items()} for key, relays in runs.items()}
if any(len(rs) > 1 for relays in runs.values() for rs in relays.values()):
    print("Median of interleaved repeats; CPU of every repeat: " + "; ".join(
        f"{enc}/{ports}/{n}/{relay}: " + ", ".join(f"{x['relay_cpu_percent']:.1f}" for x in rs)
        for (enc, ports, n), relays in runs.items() for relay, rs in relays.items()))
    print()
print("| encryption | site ports | sites | relay | CPU % of a core | vs cheaper reference | wake-ups /s | RSS MB (peak) | fed | delivered min / avg | TS CC errors | SRT lost / retrans / dropped | late joiner → keyframe, mean / max (ms) | added latency p50 / p99 (ms) |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")

for (enc, ports, n), relays in by.items():
    refs = [relays[k]["relay_cpu_percent"] for k in ("bare", "gstreamer") if k in relays]
    cheaper = min(refs) if refs else 0
    for name in ("bare", "gstreamer", "estrade"):
        if name not in relays:
            continue
        x = relays[name]
        ratio = x["relay_cpu_percent"] / cheaper if cheaper else 0
        fed = f"{x.get('connected', n)} / {n}"
        print(f"| {enc} | {ports} | {n} | {name} | {x['relay_cpu_percent']:.1f} | {ratio:.2f}× | {x.get('relay_context_switches_per_s', 0):.0f} "
              f"| {x['relay_rss_kb']/1024:.1f} ({x['relay_rss_peak_kb']/1024:.1f}) | {fed} "
              f"| {x['complete_min']*100:.1f}% / {x['complete_avg']*100:.1f}% | {x['continuity_errors']} "
              f"| {x['srt_lost']} / {x['srt_retransmitted']} / {x['srt_dropped']} | {x['late_joiner_first_keyframe_ms_mean']:.0f} / {x['late_joiner_first_keyframe_ms_max']:.0f} "
              f"| {x['added_latency_ms_p50'] - 120:.1f} / {x['added_latency_ms_p99'] - 120:.1f} |")

# Where each relay's time goes, per thread (libsrt's send, receive and delivery threads, the relay's own),
# in the same median runs: % of a core, and wake-ups a second.
print()
print("| encryption | site ports | sites | relay | per thread: % of a core (wake-ups /s) |")
print("|---|---|---|---|---|")
for (enc, ports, n), relays in by.items():
    for name in ("bare", "gstreamer", "estrade"):
        if name not in relays or not relays[name].get("relay_per_thread"):
            continue
        threads = relays[name]["relay_per_thread"]
        cells = ", ".join(f"{t} {v['cpu_percent']:.1f} ({v['switches_per_s']:.0f})"
                          for t, v in sorted(threads.items(), key=lambda kv: -kv[1]["cpu_percent"]) if v["cpu_percent"] >= 0.05)
        print(f"| {enc} | {ports} | {n} | {name} | {cells} |")
PY
