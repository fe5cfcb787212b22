# bench_audio_cleanup's JSON line (stdin) as the markdown table of docs/benchmarks.md.
import json
import sys

r = json.load(sys.stdin)
print("| | words (dBFS) | between words: mean / median 10 ms (dBFS) | words to noise (dB) | "
      "reduction between words: mean / median (dB) | speech level change (dB) |")
print("|---|---|---|---|---|---|")
i = r["input"]
print(f"| microphone | {i['words_dbfs']:.1f} | {i['between_words_dbfs']:.1f} / {i['between_words_median_dbfs']:.1f} | "
      f"{i['words_to_noise_db']:.1f} | — | — |")
for key, name in (("webrtcdsp", "webrtcdsp only"), ("webrtcdsp_and_gate", "webrtcdsp + gate (the producer)")):
    o = r[key]
    print(f"| {name} | {o['words_dbfs']:.1f} | {o['between_words_dbfs']:.1f} / {o['between_words_median_dbfs']:.1f} | "
          f"{o['words_to_noise_db']:.1f} | {o['noise_reduction_db']:.1f} / {o['steady_noise_reduction_db']:.1f} | "
          f"{o['speech_level_change_db']:+.1f} |")
