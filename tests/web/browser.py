"""A real headless Chromium (Debian's), driven through the DevTools protocol with python3-websocket:
what the browser tests and the web benchmark use to open a page as a person would."""
import base64
import json
import os
import shutil
import struct
import subprocess
import tempfile
import time
import urllib.request
import zlib

import websocket


class Browser:
    def __init__(self, width=1280, height=720, language="en-US"):
        self.profile = tempfile.mkdtemp(prefix="estrade-chromium-")
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--mute-audio",
             "--autoplay-policy=no-user-gesture-required", f"--window-size={width},{height}",
             f"--lang={language}", "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + 30
        while not os.path.exists(port_file) or os.path.getsize(port_file) == 0:
            if time.time() > deadline or self.process.poll() is not None:
                raise RuntimeError("chromium did not start")
            time.sleep(0.1)
        port = int(open(port_file).read().split()[0])
        pages = []
        while not pages:
            pages = [p for p in json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
                     if p["type"] == "page"]
        self.socket = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=30)
        self.next_id = 0
        # Headless Chromium ignores --lang for navigator.language: say it the way a browser's settings do.
        user_agent = self.call("Browser.getVersion")["userAgent"]
        self.call("Network.setUserAgentOverride", userAgent=user_agent, acceptLanguage=language)

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def open(self, url, wait_s=1.0):
        self.call("Page.enable")
        self.call("Page.navigate", url=url)
        time.sleep(wait_s)

    def js(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def eventually(self, expression, timeout_s=30, period_s=0.25):
        deadline = time.time() + timeout_s
        while time.time() < deadline:
            try:
                value = self.js(expression)
            except RuntimeError:  # the page is not there yet (loading, or its script not run)
                value = None
            if value:
                return value
            time.sleep(period_s)
        return self.js(expression)

    def screenshot(self, path):
        data = base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])
        with open(path, "wb") as f:
            f.write(data)
        return data

    def close(self):
        try:
            self.socket.close()
        except Exception:
            pass
        try:
            os.killpg(self.process.pid, 15)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def png_pixels(data):
    """(width, height, rows of (r, g, b)) from an 8-bit RGB or RGBA PNG, as Chromium writes them."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat, width, height, channels = 8, b"", 0, 0, 0
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), "8-bit RGB or RGBA expected"
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up, up_left = previous[x], previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def mean_luma(png, box=None):
    """Mean luma (0-255) of the picture, or of box = (x0, y0, x1, y1) in fractions of its size."""
    width, height, channels, rows = png_pixels(png)
    x0, y0, x1, y1 = box or (0, 0, 1, 1)
    total, count = 0, 0
    for y in range(int(y0 * height), int(y1 * height), 4):
        row = rows[y]
        for x in range(int(x0 * width), int(x1 * width), 4):
            r, g, b = row[x * channels:x * channels + 3]
            total += 0.299 * r + 0.587 * g + 0.114 * b
            count += 1
    return total / max(count, 1)


def mean_difference(png_a, png_b, box=None):
    width, height, channels, rows_a = png_pixels(png_a)
    _, _, _, rows_b = png_pixels(png_b)
    x0, y0, x1, y1 = box or (0, 0, 1, 1)
    total, count = 0, 0
    for y in range(int(y0 * height), int(y1 * height), 4):
        for x in range(int(x0 * width), int(x1 * width), 4):
            i = x * channels
            total += sum(abs(rows_a[y][i + c] - rows_b[y][i + c]) for c in range(3)) / 3
            count += 1
    return total / max(count, 1)
