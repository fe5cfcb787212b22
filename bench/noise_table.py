"""The noise bench's table: per noise kind and SNR, the mean over seeds of each chain's figures."""
import statistics
import sys

from noise_rows import by_kind_and_snr, load

rows = load(sys.argv[1:2])
chains = [("input", "microphone"), ("webrtcdsp", "webrtcdsp alone"), ("level_gate", "+ level gate (before)"),
          ("speech_gate", "+ speech gate (now)")]


def mean(rs, chain, key):
    values = [r[chain][key] for r in rs if r[chain].get(key) is not None and r[chain][key] == r[chain][key]]
    return statistics.mean(values) if values else float("nan")


print(f"{len(rows)} items, seeds {sorted({r['seed'] for r in rows})}; dB relative to the words' level; "
      "'down' = how much lower than on the microphone")
print()
print("| noise | SNR | chain | between words | down | under words | down | words vs webrtcdsp | LSD (dB) | "
      "onsets vs webrtcdsp: worst / median / > 3 dB down | pauses without page or whisper (dBFS) | added delay | CPU % of a core | "
      "noise's first 100 ms, 50 ms clear of words | down |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for (kind, snr), rs in by_kind_and_snr(rows):
    base_between = mean(rs, "input", "between_vs_words_db")
    base_under = mean(rs, "input", "under_vs_words_db")
    base_hits = mean(rs, "input", "hits_vs_words_db")
    for chain, name in chains:
        between = mean(rs, chain, "between_vs_words_db")
        under = mean(rs, chain, "under_vs_words_db")
        hits = mean(rs, chain, "hits_vs_words_db")
        onsets = [o for r in rs for o in r[chain]["onsets_vs_webrtcdsp_db"] if o == o]
        clipped = sum(1 for o in onsets if o < -3)
        onset = (f"{min(onsets):+.1f} / {statistics.median(onsets):+.1f} / {clipped} of {len(onsets)}"
                 if chain.endswith("gate") and onsets else "")
        words = f"{mean(rs, chain, 'words_vs_webrtcdsp_db'):+.2f}" if chain.endswith("gate") else ""
        delay = f"{mean(rs, chain, 'added_delay_ms'):.1f} ms" if chain.endswith("gate") else ""
        cpu = f"{mean(rs, chain, 'cpu_percent'):.2f}" if chain.endswith("gate") else ""
        print(f"| {kind} | {snr:g} dB | {name} | {between:+.1f} | {base_between - between:.1f} | {under:+.1f} | "
              f"{base_under - under:.1f} | {words} | {mean(rs, chain, 'lsd_db'):.2f} | {onset} | "
              f"{mean(rs, chain, 'pauses_dbfs'):.0f} | {delay} | {cpu} | {hits:+.1f} | {base_hits - hits:.1f} |")
