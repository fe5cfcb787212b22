#!/usr/bin/env bash
# estrade-web's benchmark: ./bench/web-bench.sh [BROWSERS] [SECONDS] (docs/benchmarks.md, "Web").
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$ROOT/bench/results"
/usr/bin/python3 "$ROOT/bench/web_bench.py" "$ROOT/build/bin" "$ROOT/build/bench" "$ROOT" \
  --browsers "${1:-500}" --seconds "${2:-30}" --joins 5 | tee "$ROOT/bench/results/web-$(date +%Y%m%d-%H%M%S).txt"
