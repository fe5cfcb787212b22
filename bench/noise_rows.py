"""The noise bench's results as both tables read them: one JSON line per item (bench/noise-bench.sh,
bench/results/noise-*.jsonl), grouped per noise kind and SNR, kinds in order and the cleanest SNR first."""
import json


def load(paths):
    return [json.loads(line) for path in paths for line in open(path)]


def by_kind_and_snr(rows):
    groups = {}
    for r in rows:
        groups.setdefault((r["kind"], r["snr_db"]), []).append(r)
    return sorted(groups.items(), key=lambda g: (g[0][0], -g[0][1]))
