"""estrade-web's benchmark (docs/benchmarks.md, "Web"): glass-to-browser latency in a real headless
Chromium (the producer's capture-time stamps read back from the frames the page presents), estrade-web's
CPU and memory alone, with simulated browsers directly and through nginx's cache, and the time from a
question sent in the page's API to the moderator's replica. Bounded in time; loopback only.

usage: web_bench.py BIN_DIR BENCH_DIR SOURCE_DIR [--browsers N] [--seconds S] [--resolution WxH]"""
import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "web"))
from browser import Browser  # noqa: E402
from web_test import Event, http, start_nginx  # noqa: E402

# Reads the capture-time stamp (producer/frame_stamp.cpp: 40 blocks between a white and a black marker
# across the top 1/20 of the picture) from each frame the page presents.
STAMP_JS = r"""
(() => {
  const video = estrade.videos.speaker, canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  window.stampSamples = [];
  const mean = (data, w, x0, bw, bh) => {
    let sum = 0, n = 0;
    for (let y = Math.floor(bh / 4); y < Math.floor(bh * 3 / 4); y++)
      for (let x = x0 + Math.floor(bw / 4); x < x0 + Math.floor(bw * 3 / 4); x++) {
        const i = (y * w + x) * 4; sum += 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]; n++;
      }
    return n ? sum / n : 0;
  };
  const onFrame = () => {
    const now = Date.now(), w = video.videoWidth, h = video.videoHeight;
    if (w && h) {
      canvas.width = w; canvas.height = Math.ceil(h / 20);
      context.drawImage(video, 0, 0, w, h, 0, 0, w, h);
      const data = context.getImageData(0, 0, w, canvas.height).data;
      const bw = Math.floor(w / 42), bh = Math.floor(h / 20);
      if (mean(data, w, 0, bw, bh) > 160 && mean(data, w, 41 * bw, bw, bh) < 90) {
        let value = 0;
        for (let bit = 0; bit < 40; bit++) if (mean(data, w, (bit + 1) * bw, bw, bh) > 125) value += 2 ** bit;
        window.stampSamples.push([now, value]);
      }
    }
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  return true;
})()
"""


def percentile(values, p):
    values = sorted(values)
    return values[int(p * (len(values) - 1))] if values else float("nan")


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure_cpu(pid, seconds, during=None):
    start_cpu, start = cpu_seconds(pid), time.time()
    result = during() if during else time.sleep(seconds)
    elapsed = time.time() - start
    return 100 * (cpu_seconds(pid) - start_cpu) / elapsed, rss_mb(pid), result


def latency(event, seconds, joins):
    """`joins` page loads one after the other (a player's delay depends on when it joined): each settles for
    10 s, then every presented frame's delay is sampled for seconds / joins."""
    lat, per_join, frames_expected = [], [], 0
    browser = Browser(1280, 720)
    try:
        for join in range(joins):
            browser.open(event.links["web"], 2)
            browser.eventually("estrade.videos.speaker.currentTime > 1", 40)
            browser.js("document.querySelector('[data-layout=\"speaker\"]').click()")
            time.sleep(10)  # the player settles at its live position (it catches up at up to 1.1x)
            offset_before = time.time() * 1e6 - time.monotonic() * 1e6
            browser.js(STAMP_JS)
            time.sleep(seconds / joins)
            samples = browser.js("window.stampSamples")
            offset = (offset_before + time.time() * 1e6 - time.monotonic() * 1e6) / 2
            these = [(wall_ms * 1000 - offset - stamp) / 1e6 for wall_ms, stamp in samples]
            per_join.append(round(percentile(these, 0.5), 2))
            lat += these
            frames_expected += int(30 * seconds / joins)
    finally:
        browser.close()
    return {"joins": joins, "frames": len(lat), "frames_at_30fps": frames_expected, "p50_s": percentile(lat, 0.5),
            "p95_s": percentile(lat, 0.95), "max_s": max(lat) if lat else float("nan"), "p50_per_join_s": per_join}


def load(bench_dir, port, playlists, browsers, seconds):
    args = [os.path.join(bench_dir, "bench_web_load"), "--port", str(port), "--browsers", str(browsers),
            "--seconds", str(seconds)]
    for playlist in playlists:
        args += ["--playlist", playlist]
    out = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60).stdout
    return json.loads(out.strip().splitlines()[-1])


def question_times(event, count):
    """Page API → the moderator's replica (estrade-qa watch as the moderator), one question at a time."""
    watcher = subprocess.Popen([os.path.join(event.bin, "estrade-qa"), "watch", "--event", event.file],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    seen = {}
    def read():
        for line in watcher.stdout:
            at = time.monotonic()
            if '"kind":"question"' in line:
                text = json.loads(line)["question"]["text"]
                seen.setdefault(text, at)
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(2)  # the watcher's snapshot, then live
    token = event.links["web"].split("?t=")[1]
    sent, refused = {}, 0
    for i in range(count):
        text = f"Question de mesure {i} ?"
        sent[text] = time.monotonic()
        status = http(f"{event.url}/api/ask?t={token}", {"text": text})[0]
        refused += status != 200
        time.sleep(0.05)
    time.sleep(2)
    os.killpg(watcher.pid, signal.SIGTERM)
    delays = [(seen[t] - sent[t]) * 1000 for t in sent if t in seen]
    return {"questions": count, "refused": refused, "arrived": len(delays), "p50_ms": percentile(delays, 0.5),
            "p99_ms": percentile(delays, 0.99), "max_ms": max(delays) if delays else float("nan")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("bench_dir")
    parser.add_argument("source_dir")
    parser.add_argument("--browsers", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--resolution", default="640x360")
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--joins", type=int, default=5)
    o = parser.parse_args()
    event = Event(o.bin_dir, o.source_dir, o.resolution)
    # The question measure sends 100 from one link: lift the per-link rate and the per-site cap on waiting ones.
    text = open(event.file).read().replace("\n[web]\n", "\n[web]\nquestions_per_minute = 600\n", 1)
    text = text.replace("max_waiting_per_site = 20", "max_waiting_per_site = 1000")
    open(event.file, "w").write(text)
    results = {"resolution": o.resolution}
    try:
        event.start_all(producer_args=["--bench-stamp-frames"])
        web_pid = event.processes["web"].pid
        time.sleep(6)
        session = json.loads(http(f"{event.url}/api/session?t={event.links['web'].split('?t=')[1]}")[1])
        playlists = [session["live"]["speaker"], session["live"]["slides"]]
        cpu, rss, _ = measure_cpu(web_pid, 20)
        results["web_alone"] = {"cpu_percent": cpu, "rss_mb": rss}
        print("estrade-web alone (remuxing both streams):", results["web_alone"], flush=True)
        results["latency"] = latency(event, o.seconds, o.joins)
        print("glass to browser:", results["latency"], flush=True)
        cpu, rss, outcome = measure_cpu(web_pid, 0, lambda: load(o.bench_dir, event.web_port, playlists, o.browsers,
                                                                  o.seconds))
        results["direct"] = {"cpu_percent": cpu, "rss_mb": rss, **outcome}
        print(f"{o.browsers} browsers straight to estrade-web:", results["direct"], flush=True)
        nginx, nginx_port = start_nginx(event, workers=1, connections=4096)
        try:
            cpu, rss, outcome = measure_cpu(web_pid, 0, lambda: load(o.bench_dir, nginx_port, playlists, o.browsers,
                                                                      o.seconds))
            results["through_nginx"] = {"cpu_percent": cpu, "rss_mb": rss, **outcome}
        finally:
            os.killpg(nginx.pid, signal.SIGTERM)
            nginx.wait(timeout=10)
        print(f"{o.browsers} browsers through nginx's cache:", results["through_nginx"], flush=True)
        results["question_to_moderator"] = question_times(event, o.questions)
        print("question from the page to the moderator:", results["question_to_moderator"], flush=True)
    finally:
        event.close()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
