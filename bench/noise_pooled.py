"""The noise bench's items pooled over many seeds: per noise kind and SNR, how far the speech gate pulls
the noise down between words (mean, median, the worst item, items that meet issue 17's target), next to
webrtcdsp alone and the level gate; the noise's first 100 ms; onsets more than 3 dB down; the words'
level and spectral distance against webrtcdsp alone; CPU. Usage: python3 bench/noise_pooled.py FILE.jsonl...
(the files bench/noise-bench.sh writes in bench/results). Items with no block between words (a noise only
under the words) are left out of the between-words columns."""
import statistics
import sys

from noise_rows import by_kind_and_snr, load

TARGET_DB = {"pages": 20, "whispers": 15, "knocks": 20}  # knocks: page turns' bar (the issue names no number)

rows = load(sys.argv[1:])


def down(rs, chain, key):
    return [r["input"][key] - r[chain][key] for r in rs if r[chain].get(key) is not None and r["input"].get(key) is not None]


print(f"{len(rows)} items, seeds {', '.join(str(s) for s in sorted({r['seed'] for r in rows}))}")
print()
print("| noise | SNR | between words, dB down: mean | median | worst item | items at the target | webrtcdsp alone | "
      "+ level gate | noise's first 100 ms | onsets > 3 dB down | worst onset | words vs webrtcdsp | "
      "spectral distance vs webrtcdsp | CPU % |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for (kind, snr), rs in by_kind_and_snr(rows):
    gate = down(rs, "speech_gate", "between_vs_words_db")
    onsets = [o for r in rs for o in r["speech_gate"]["onsets_vs_webrtcdsp_db"] if o is not None and o == o]
    met = sum(1 for d in gate if d >= TARGET_DB[kind])
    lsd = statistics.mean(r["speech_gate"]["lsd_db"] - r["webrtcdsp"]["lsd_db"] for r in rs)
    words = statistics.mean(r["speech_gate"]["words_vs_webrtcdsp_db"] for r in rs)
    cpu = statistics.mean(r["speech_gate"]["cpu_percent"] for r in rs)
    print(f"| {kind} | {snr:g} dB | {statistics.mean(gate):.1f} | {statistics.median(gate):.1f} | {min(gate):.1f} | "
          f"{met} of {len(gate)} (≥ {TARGET_DB[kind]}) | {statistics.mean(down(rs, 'webrtcdsp', 'between_vs_words_db')):.1f} | "
          f"{statistics.mean(down(rs, 'level_gate', 'between_vs_words_db')):.1f} | "
          f"{statistics.mean(down(rs, 'speech_gate', 'hits_vs_words_db')):.1f} | "
          f"{sum(1 for o in onsets if o < -3)} of {len(onsets)} | {min(onsets):+.1f} | {words:+.2f} | {lsd:+.4f} | {cpu:.2f} |")
