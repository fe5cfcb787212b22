"""estrade-web as browser participants use it: a real relay, broker, producer and gateway on loopback, a
real headless Chromium opening invitation links, and Debian's nginx with the shipped configuration.
Run by ctest: web_test.py BIN_DIR SOURCE_DIR CASE, where CASE is one of the functions named case_*."""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser, mean_difference, mean_luma  # noqa: E402


def free_port(kind=socket.SOCK_STREAM):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print(f"  ok: {what}")


class Event:
    """The example morning in a scratch folder, every endpoint on a free loopback port."""

    def __init__(self, bin_dir, source_dir, resolution="320x180"):
        self.bin, self.source = bin_dir, source_dir
        self.dir = tempfile.mkdtemp(prefix="estrade-web-test-")
        self.processes = {}
        self.relay_port, self.stats_port = free_port(socket.SOCK_DGRAM), free_port()
        self.qa_port, self.pub_port, self.control_port = free_port(), free_port(), free_port()
        self.web_port = free_port()
        text = open(os.path.join(source_dir, "examples", "zoom-metiers.toml")).read()
        for old, new in [("7000", str(self.relay_port)), ("7080", str(self.stats_port)),
                         ("7100", str(self.qa_port)), ("7101", str(self.pub_port)), ("8080", str(self.web_port))]:
            text = text.replace(old, new)
        text = text.replace('security = "curve"', 'security = "plaintext"')
        text = text.replace("[producer]", f'[producer]\nresolution = "{resolution}"\n'
                                          f'control = "tcp://127.0.0.1:{self.control_port}"\n'
                                          f'control_url = "tcp://127.0.0.1:{self.control_port}"', 1)
        text = re.sub(r'^deck = .*$', '', text, flags=re.M)  # cards only: quicker to start
        self.file = os.path.join(self.dir, "event.toml")
        open(self.file, "w").write(text)
        self.url = f"http://127.0.0.1:{self.web_port}"

    def start(self, name, args, ready):
        log = open(os.path.join(self.dir, f"{name}.log"), "w")
        out_path = os.path.join(self.dir, f"{name}.out")
        process = subprocess.Popen(args, stdout=open(out_path, "w"), stderr=log, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
        self.processes[name] = process
        deadline = time.time() + 30
        while ready not in open(out_path).read():
            if process.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"{name} did not start: {open(os.path.join(self.dir, name + '.log')).read()[-800:]}")
            time.sleep(0.1)

    def stop(self, name):
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)

    def start_all(self, streams=True, producer_args=()):
        qa = os.path.join(self.bin, "estrade-qa")
        self.start("qa", [qa, "serve", "--event", self.file], "serving")
        if streams:
            self.start_relay()
            self.start("producer", [os.path.join(self.bin, "estrade-producer"), "--event", self.file, *producer_args],
                       "producer control=")
        self.start("web", [os.path.join(self.bin, "estrade-web"), "--event", self.file] + ([] if streams else ["--no-streams"]),
                   "web port=")
        links = subprocess.run([qa, "invite", "--web", "--event", self.file], capture_output=True, text=True,
                               check=True).stdout
        self.links = {line.split("\t")[0]: line.split("\t")[1] for line in links.splitlines()}

    def start_relay(self):
        self.start("relay", [os.path.join(self.bin, "estrade-relay"), "--event", self.file], "relay port=")

    def qa(self, *args):
        return subprocess.run([os.path.join(self.bin, "estrade-qa"), *args, "--event", self.file],
                              capture_output=True, text=True, timeout=30)

    def close(self):
        for name in list(self.processes):
            try:
                self.stop(name)
            except Exception:
                pass


def http(url, body=None):
    request = urllib.request.Request(url, data=None if body is None else body if isinstance(body, bytes) else
                                     json.dumps(body).encode(), method="GET" if body is None else "POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (urllib.error.URLError, ConnectionError):
        return 0, b""  # nobody listening (yet)


def token_of(link):
    return link.split("?t=")[1]


def videos_advance(browser, seconds=2.0):
    before = browser.js("[estrade.videos.speaker.currentTime, estrade.videos.slides.currentTime]")
    time.sleep(seconds)
    after = browser.js("[estrade.videos.speaker.currentTime, estrade.videos.slides.currentTime]")
    return after[0] > before[0] + 0.5 and after[1] > before[1] + 0.5


def start_nginx(event, workers=1, connections=1024):
    """Debian's nginx with the shipped web/nginx/estrade-web.conf, on a free loopback port, in front of
    the event's estrade-web; returns (process, port) once it answers."""
    nginx_dir = os.path.join(event.dir, "nginx")
    os.makedirs(os.path.join(nginx_dir, "cache"), exist_ok=True)
    port = free_port()
    shipped = open(os.path.join(event.source, "web", "nginx", "estrade-web.conf")).read()
    shipped = (shipped.replace("listen 80;", f"listen 127.0.0.1:{port} backlog=4096;")
               .replace("127.0.0.1:8080", f"127.0.0.1:{event.web_port}")
               .replace("/var/cache/nginx/estrade", os.path.join(nginx_dir, "cache")))
    open(os.path.join(nginx_dir, "nginx.conf"), "w").write(
        # As root, nginx's workers would run as nobody, who cannot enter the scratch folder.
        ("user root;\n" if os.geteuid() == 0 else "") +
        f"daemon off; worker_processes {workers}; pid {nginx_dir}/nginx.pid; error_log {nginx_dir}/error.log;\n"
        f"events {{ worker_connections {connections}; }}\n"
        f"http {{ access_log off; client_body_temp_path {nginx_dir}/body; proxy_temp_path {nginx_dir}/proxy;\n"
        f"fastcgi_temp_path {nginx_dir}/f; uwsgi_temp_path {nginx_dir}/u; scgi_temp_path {nginx_dir}/s;\n{shipped}\n}}\n")
    process = subprocess.Popen(["/usr/sbin/nginx", "-c", os.path.join(nginx_dir, "nginx.conf"), "-p", nginx_dir],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 20
    while http(f"http://127.0.0.1:{port}/static/style.css")[0] != 200 and time.time() < deadline:
        time.sleep(0.2)
    return process, port


def case_page(event, out_dir):
    """Both streams, every layout, a question both ways, a refused link, recovery after a relay restart."""
    event.start_all()
    browser = Browser(1280, 720)
    try:
        browser.open(f"{event.url}/?t=0123456789abcdef0123456789abcdef", 1.5)
        text = browser.js("document.body.innerText")
        check("does not open the event" in text or "ne permet pas" in text, "a wrong token gets the refusal page")
        check(http(f"{event.url}/api/session?t=0123456789abcdef0123456789abcdef")[0] == 403,
              "and no stream address from the API")

        browser.open(event.links["merdrignac"], 2)
        check(browser.eventually("estrade.videos.speaker.currentTime > 1 && estrade.videos.slides.currentTime > 1", 40),
              "both videos start")
        check(videos_advance(browser), "both videos' playback positions advance")
        browser.js("document.getElementById('sound').click()")
        before = browser.js("estrade.videos.speaker.webkitAudioDecodedByteCount")
        time.sleep(2)
        after = browser.js("estrade.videos.speaker.webkitAudioDecodedByteCount")
        check(browser.js("!estrade.videos.speaker.muted") and after > before + 1000,
              f"after the sound button the speaker's sound is decoded and not muted ({before} → {after} bytes)")
        boxes = {"speaker": (0.1, 0.15, 0.9, 0.85), "slides": (0.1, 0.15, 0.9, 0.85),
                 "side-by-side": (0.05, 0.15, 0.95, 0.85), "slides-inset": (0.7, 0.6, 0.97, 0.85)}
        for layout, box in boxes.items():
            browser.js(f"document.querySelector('[data-layout=\"{layout}\"]').click()")
            time.sleep(1.5)
            first = browser.screenshot(os.path.join(out_dir, f"web-{layout}.png"))
            time.sleep(1.5)
            second = browser.screenshot(os.path.join(out_dir, f"web-{layout}-later.png"))
            luma, moved = mean_luma(first, box), mean_difference(first, second, box)
            print(f"  {layout}: mean luma {luma:.1f}, change {moved:.2f}")
            check(luma > 15, f"layout {layout} is not black")
            if layout != "slides":  # the slides are a still card: the speaker's test pattern moves
                check(moved > 0.5, f"layout {layout} shows moving pictures")

        browser.js("document.getElementById('questions-button').click()")
        browser.js("document.getElementById('question-text').value = 'Faut-il un permis de conduire ?';"
                   "document.getElementById('question-name').value = 'Maël';"
                   "document.getElementById('ask').requestSubmit()")
        check(browser.eventually("document.getElementById('ask-message').textContent.length > 0", 10),
              "the page says what became of the question")
        listed = json.loads(event.qa("list", "--json").stdout)
        asked = [q for q in listed["questions"] if q["text"] == "Faut-il un permis de conduire ?"]
        check(len(asked) == 1 and asked[0]["site"] == "merdrignac" and asked[0].get("name") == "Maël",
              "the question reached the broker once, as Merdrignac's, with the name (what the moderator lists)")
        check(browser.eventually("[...document.querySelectorAll('#question-list li')].some("
                                 "li => li.textContent.includes('permis'))", 10), "and is in the page's list")
        check(event.qa("step", "questions", "1").returncode == 0 and
              event.qa("pick", str(asked[0]["id"])).returncode == 0, "the moderator puts it on screen")
        check(browser.eventually("!document.getElementById('picked').hidden && "
                                 "document.getElementById('picked-text').textContent.includes('permis')", 10),
              "the picked question appears large in the page")
        check(browser.eventually("document.getElementById('stage').className === 'layout-slides-inset' || "
                                 "document.getElementById('stage').className.startsWith('layout-')", 5), "layout set")
        browser.screenshot(os.path.join(out_dir, "web-picked.png"))

        event.stop("relay")
        time.sleep(3)
        event.start_relay()
        check(browser.eventually("(() => { const v = estrade.videos.speaker; const t = v.currentTime;"
                                 " return new Promise(r => setTimeout(() => r(v.currentTime > t + 0.5), 1500)); })()",
                                 60, 1), "playback resumes after a relay restart")
    finally:
        browser.close()


def case_api(event, out_dir):
    """Bad input is refused with a reason; the broker keeps serving."""
    event.start_all(streams=False)
    token = token_of(event.links["loudeac"])
    api = f"{event.url}/api"
    status, body = http(f"{api}/ask?t={token}", b'{"text": "' + b"a" * 5000 + b'"}')
    check(status == 413 and json.loads(body)["code"] == "too_large", "an oversized body: 413 too_large")
    status, body = http(f"{api}/ask?t={token}", b"{not json")
    check(status == 400 and json.loads(body)["code"] == "bad_json", "bad JSON: 400 bad_json")
    status, body = http(f"{api}/ask?t={token}", {"name": "x"})
    check(status == 400 and "text" in json.loads(body)["reason"], "no text: 400 with the reason")
    status, body = http(f"{api}/ask?t=ffffffffffffffffffffffffffffffff", {"text": "x"})
    check(status == 403 and json.loads(body)["code"] == "bad_token", "a wrong token: 403 bad_token")
    status, body = http(f"{api}/ask?t={token}", {"text": ""})
    check(status == 422 and json.loads(body)["code"] == "empty_text", "the broker's refusal comes back with its reason")
    statuses = [http(f"{api}/ask?t={token}", {"text": f"Question {i} ?"})[0] for i in range(8)]
    accepted = statuses.count(200)  # every attempt counts against the 5 a minute, the refused ones too
    check(1 <= accepted <= 5 and statuses[accepted:] == [429] * (len(statuses) - accepted),
          f"a flood from one link: the first are taken, then each is refused 429 ({statuses})")
    other = token_of(event.links["brest-cobrem"])
    check(http(f"{api}/ask?t={other}", {"text": "Et les horaires ?"})[0] == 200,
          "another link is not affected by the flood")
    listed = json.loads(event.qa("list", "--json").stdout)
    check(len(listed["questions"]) == accepted + 1, "the broker holds exactly the accepted questions")
    check(event.qa("invite", "--web", "--revoke", "loudeac").returncode == 0, "the host revokes Loudéac's link")
    time.sleep(1.5)
    check(http(f"{api}/session?t={token}")[0] == 403, "a revoked link is refused within seconds")
    status, body = http(f"{event.url}/follow-up?t={other}")
    check(status == 200 and "Et les horaires ?" in body.decode(), "the follow-up page lists the site's questions")


def case_poll(event, out_dir):
    """A show of hands in a browser (French): one hand per browser, changeable while open, counted with the
    rooms' counts; the results on the page are the broker's; an answer after closing is refused in words."""
    event.start_all(streams=False)
    token = token_of(event.links["merdrignac"])
    browser = Browser(1280, 720, language="fr-FR")
    try:
        browser.open(event.links["merdrignac"], 2)
        opened = event.qa("open-poll", "Qui est déjà en formation ?", "Oui", "Pas encore", "--seconds", "90", "--json")
        check(opened.returncode == 0, "the moderator asks for a show of hands")
        poll = json.loads(opened.stdout)["poll"]["id"]
        check(browser.eventually("!document.getElementById('poll').hidden && "
                                 "document.querySelectorAll('#poll-answers button').length === 2", 10),
              "the page shows the question with one button per answer")
        check(browser.js("document.getElementById('poll-title').textContent") == "Main levée", "in French")

        def browsers_counts():
            listed = json.loads(event.qa("list", "--json").stdout)
            return listed["polls"][0]["browsers"].get("merdrignac")

        browser.js("document.querySelector('[data-choice=\"1\"]').click()")
        check(browser.eventually("document.getElementById('poll-message').textContent.startsWith('Votre réponse')", 10),
              "the page says which answer it sent")
        check(browsers_counts() == [0, 1], "the broker counts this browser's hand once")
        browser.js("document.querySelector('[data-choice=\"0\"]').click()")
        time.sleep(1)
        check(browsers_counts() == [1, 0], "a change of mind moves the hand, not adds one")
        api = f"{event.url}/api/answer?t={token}"
        status, _ = http(api, {"poll": poll, "choice": 0, "participant": "second-browser-0001"})
        check(status == 200 and browsers_counts() == [2, 0], "another browser on the same link is another hand")
        status, body = http(api, {"poll": poll, "choice": 5, "participant": "second-browser-0001"})
        check(status == 400, "an answer that is not one of the choices: 400")
        status, body = http(api, {"poll": poll, "choice": 0, "participant": "x"})
        check(status == 400 and "participant" in json.loads(body)["reason"], "a malformed participant id: 400, said why")
        check(event.qa("answer-poll", "--site", "loudeac", str(poll), "3", "4").returncode == 0,
              "a room's operator counts its hands")
        browser.screenshot(os.path.join(out_dir, "web-show-of-hands-open.png"))

        check(event.qa("close-poll", str(poll)).returncode == 0, "the moderator closes it")
        totals = json.loads(event.qa("list", "--json").stdout)["polls"][0]["totals"]
        check(totals == [5, 4], f"the broker's totals: rooms and browsers together ({totals})")
        check(browser.eventually("document.querySelectorAll('#poll-answers [data-total]').length === 2", 10),
              "the page shows the results")
        shown = browser.js("[...document.querySelectorAll('#poll-answers [data-total]')].map(b => Number(b.textContent))")
        check(shown == totals, f"the page's totals are the broker's ({shown})")
        check("Maison de l'Emploi, Loudéac 3 · 4" in browser.js("document.querySelector('.poll-rooms').textContent"),
              "with each room's count")
        browser.screenshot(os.path.join(out_dir, "web-show-of-hands-results.png"))
        status, body = http(api, {"poll": poll, "choice": 1, "participant": "late-browser-0001"})
        check(status == 422 and json.loads(body)["code"] == "poll_closed", "an answer after closing: refused, with the reason")
    finally:
        browser.close()


def case_approval(event, out_dir):
    """Approval on: a question asked from a browser is listed, awaiting approval, on its own site's page
    only; other sites' pages never carry its words until the moderator approves it."""
    text = open(event.file).read().replace("[qa]\n", "[qa]\napproval = true\n", 1)
    open(event.file, "w").write(text)
    event.start_all(streams=False)
    loudeac, brest = token_of(event.links["loudeac"]), token_of(event.links["brest-cobrem"])
    status, body = http(f"{event.url}/api/ask?t={loudeac}", {"text": "Peut-on travailler à temps partiel ?"})
    check(status == 200, "the browser's question is accepted")
    question = json.loads(body)["question"]

    def state(token):
        return http(f"{event.url}/api/state?t={token}")[1].decode()

    deadline = time.time() + 10
    while "temps partiel" not in state(loudeac) and time.time() < deadline:
        time.sleep(0.2)
    own = json.loads(state(loudeac))
    mine = [q for q in own["questions"] if q["id"] == question]
    check(len(mine) == 1 and mine[0]["state"] == "pending", "its own site's page lists it, awaiting approval")
    check("temps partiel" not in state(brest), "another site's page does not carry its words")
    check(event.qa("approve", str(question)).returncode == 0, "the moderator approves it")
    deadline = time.time() + 10
    while "temps partiel" not in state(brest) and time.time() < deadline:
        time.sleep(0.2)
    others = [q for q in json.loads(state(brest))["questions"] if q["id"] == question]
    check(len(others) == 1 and others[0]["state"] == "waiting" and others[0]["can_vote"],
          "then every site's page lists it, and it can be voted for")


def case_nginx(event, out_dir):
    """The page plays through Debian's nginx with the shipped configuration, segments from its cache."""
    event.start_all()
    nginx, port = start_nginx(event)
    browser = None
    try:
        link = event.links["web"].replace(event.url, f"http://127.0.0.1:{port}")
        browser = Browser(960, 540)
        browser.open(link, 2)
        check(browser.eventually("estrade.videos.speaker.currentTime > 1 && estrade.videos.slides.currentTime > 1", 40),
              "both videos start through nginx")
        check(videos_advance(browser), "and keep playing")
        playlist = browser.js("estrade.session.live.speaker")
        request = urllib.request.Request(f"http://127.0.0.1:{port}{playlist}")
        statuses = set()
        for _ in range(5):
            with urllib.request.urlopen(request, timeout=5) as response:
                statuses.add(response.headers.get("X-Cache-Status"))
        check("HIT" in statuses or "UPDATING" in statuses, f"playlists come from nginx's cache ({statuses})")
        browser.screenshot(os.path.join(out_dir, "web-through-nginx.png"))
    finally:
        if browser:
            browser.close()
        os.killpg(nginx.pid, signal.SIGTERM)
        nginx.wait(timeout=10)


def main():
    bin_dir, source_dir, case = sys.argv[1:4]
    # As the C++ tests: ESTRADE_SCREENSHOTS keeps the pictures (to refresh the docs' images); else they
    # go to a temp folder, kept only when the case fails (else each run left one behind in /tmp).
    kept_dir = os.environ.get("ESTRADE_SCREENSHOTS")
    out_dir = kept_dir or tempfile.mkdtemp(prefix="estrade-web-shots-")
    os.makedirs(out_dir, exist_ok=True)
    event = Event(bin_dir, source_dir)
    print(f"{case}: scratch folder {event.dir}, pictures in {out_dir}")
    try:
        globals()[f"case_{case}"](event, out_dir)
    except Exception:
        for name in ("web", "relay", "producer", "qa"):
            path = os.path.join(event.dir, f"{name}.log")
            if os.path.exists(path):
                print(f"--- {name}.log (end)\n{open(path).read()[-1500:]}")
        raise
    finally:
        event.close()
    shutil.rmtree(event.dir, ignore_errors=True)
    if not kept_dir:
        shutil.rmtree(out_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
