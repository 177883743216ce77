"""Headless Chromium driven over the DevTools protocol (a pipe, no extra package): the script elements of many pages
as the browser's DOM has them, in one browser session.

``Chromium.scripts(pages)`` writes each page into one same-origin iframe with ``document.open()/write()/close()``
(the HTML parser with scripting enabled, as for a navigated page; about 0.3 ms a page). ``Chromium.navigated(pages)``
loads each page as a navigation to a ``blob:`` URL of a ``text/html;charset=utf-8`` blob (the real thing, but about
25 ms a page): the differential checks on a sample that both agree. The top page is served by the protocol's request
interception from a made-up origin, so that nothing touches the network and the frames are same-origin.

For each page: the HTML-namespace ``script`` elements of ``document.querySelectorAll("script")`` in tree order, each as
(type attribute or None, ``script.text``), plus the document's compatibility mode.

``Chromium.served(pages)`` serves each page's bytes with a ``Content-Type`` of the test's choosing (through the same
interception) and navigates the top document to it: how Chromium decodes bytes (``document.characterSet``, and the
script elements' texts).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

__all__ = ["CHROMIUM", "Chromium", "Page", "PageScripts", "require_chromium"]

CHROMIUM = Path("/usr/bin/chromium")
ORIGIN = "http://newsld.invalid/"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--remote-debugging-pipe",
)

PageScripts = Tuple[str, List[Tuple[Optional[str], str]]]  # compatMode, [(type attribute, text)]

_TOP_PAGE = b"<!DOCTYPE html><html><head></head><body></body></html>"
_READ = r"""
const XHTML = "http://www.w3.org/1999/xhtml";
function newsldScripts(doc) {
  return [doc.compatMode, Array.from(doc.querySelectorAll("script"))
    .filter(s => s.namespaceURI === XHTML).map(s => [s.getAttribute("type"), s.text])];
}
function newsldWrite(pages) {
  let frame = document.getElementById("w");
  if (!frame) { frame = document.createElement("iframe"); frame.id = "w"; document.body.appendChild(frame); }
  return JSON.stringify(pages.map(page => {
    const doc = frame.contentDocument;
    doc.open(); doc.write(page); doc.close();
    return newsldScripts(doc);
  }));
}
async function newsldNavigate(pages, parallel) {
  const out = new Array(pages.length);
  let next = 0;
  async function worker() {
    while (next < pages.length) {
      const i = next++;
      const url = URL.createObjectURL(new Blob([pages[i]], {type: "text/html;charset=utf-8"}));
      const frame = document.createElement("iframe");
      const loaded = new Promise(resolve => { frame.onload = resolve; });
      frame.src = url;
      document.body.appendChild(frame);
      await loaded;
      out[i] = newsldScripts(frame.contentDocument);
      frame.remove();
      URL.revokeObjectURL(url);
    }
  }
  await Promise.all(Array.from({length: parallel}, worker));
  return JSON.stringify(out);
}
"""


def require_chromium() -> None:
    """Skip the test when Debian's chromium is absent; in CI (which installs it) fail instead."""
    import pytest

    if not CHROMIUM.exists():
        reason = "/usr/bin/chromium is absent: install Debian's chromium package (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI installs it, so its absence there is a failure")
        pytest.skip(reason)


class Chromium:
    """One headless Chromium process and one page in it; use as a context manager."""

    def __init__(self, executable: Path = CHROMIUM, timeout: float = 120.0) -> None:
        self._timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="newsld-chromium-")
        commands_read, commands_write = os.pipe()
        replies_read, replies_write = os.pipe()

        def on_fds_3_and_4() -> None:  # Chromium reads commands from fd 3 and writes replies to fd 4
            read, write = os.dup(commands_read), os.dup(replies_write)
            os.dup2(read, 3)
            os.dup2(write, 4)

        self._process = subprocess.Popen(
            [str(executable), *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=on_fds_3_and_4, pass_fds=(3, 4),
        )
        os.close(commands_read)
        os.close(replies_write)
        self._out = os.fdopen(commands_write, "wb", buffering=0)
        self._in = os.fdopen(replies_read, "rb", buffering=0)
        self._buffer = b""
        self._last_id = 0
        self._events: List[Dict[str, Any]] = []
        try:
            self._session = self._open_page()
        except BaseException:
            self.close()
            raise

    # -- the protocol

    def _post(self, method: str, params: Dict[str, Any], session: Optional[str]) -> int:
        self._last_id += 1
        message: Dict[str, Any] = {"id": self._last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self._out.write(json.dumps(message).encode() + b"\0")
        return self._last_id

    def _receive(self) -> Dict[str, Any]:
        deadline = time.monotonic() + self._timeout
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer in time")
            chunk = self._in.read(1 << 20)
            if not chunk:
                raise RuntimeError(f"Chromium closed the pipe (exit status {self._process.poll()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _call(self, method: str, params: Optional[Dict[str, Any]] = None, session: Optional[str] = None) -> Any:
        wanted = self._post(method, params or {}, session)
        while True:
            message = self._receive()
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            if "method" in message:
                self._events.append(message)  # for a Page opened with open_page(), which reads its own events

    def _open_page(self) -> str:
        target = next(info["targetId"] for info in self._call("Target.getTargets")["targetInfos"]
                      if info["type"] == "page")
        session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self._call("Page.enable", session=session)
        self._call("Fetch.enable", {"patterns": [{"urlPattern": ORIGIN + "*"}]}, session)
        self._load_top_page(session)
        return session

    def _load_top_page(self, session: str) -> None:
        self._navigate(ORIGIN, _TOP_PAGE, "text/html; charset=utf-8", session)
        self._evaluate(_READ, session=session)

    def _navigate(self, url: str, body: bytes, content_type: str, session: str) -> None:
        """Navigate the top document to ``url``, answering its request with ``body`` (and any other with a 404)."""
        self._post("Page.navigate", {"url": url}, session)
        while True:
            message = self._receive()
            if message.get("method") == "Fetch.requestPaused":
                document = message["params"]["request"]["url"] == url
                self._post("Fetch.fulfillRequest", {
                    "requestId": message["params"]["requestId"], "responseCode": 200 if document else 404,
                    "body": base64.b64encode(body if document else b"").decode(),
                    "responseHeaders": [{"name": "Content-Type", "value": content_type}],
                }, session)
            elif message.get("method") == "Page.loadEventFired":
                break

    def _evaluate(self, expression: str, *, session: Optional[str] = None, wait: bool = False) -> Any:
        result = self._call("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": wait,
        }, session or self._session)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise RuntimeError(f"in the page: {details.get('exception', details)}")
        return result["result"].get("value")

    # -- what the tests use

    def scripts(self, pages: Sequence[str]) -> List[PageScripts]:
        """Each page written into one iframe (scripting enabled), its HTML script elements."""
        return [(mode, [tuple(item) for item in found])  # type: ignore[misc]
                for mode, found in json.loads(self._evaluate(f"newsldWrite({json.dumps(list(pages))})"))]

    def navigated(self, pages: Sequence[str], parallel: int = 8) -> List[PageScripts]:
        """Each page navigated to in its own iframe (a blob: URL), its HTML script elements."""
        text = self._evaluate(f"newsldNavigate({json.dumps(list(pages))}, {parallel})", wait=True)
        return [(mode, [tuple(item) for item in found]) for mode, found in json.loads(text)]  # type: ignore[misc]

    def open_page(self, html: str, *, width: int = 1280, height: int = 900) -> "Page":
        """``html`` loaded as a navigated document in a new tab (served from a made-up origin; every other request
        it makes is recorded and failed), with what went wrong while it loaded: console errors, uncaught exceptions,
        log errors (a Content-Security-Policy violation is one), requests, and calls of alert/confirm/prompt or
        writes to ``window.__pwned`` (the hostile strings' marker)."""
        return Page(self, html, width, height)

    def served(self, pages: Sequence[Tuple[bytes, str]]) -> List[Tuple[str, List[str]]]:
        """Each page's bytes served with its Content-Type and navigated to as the top document: the document's
        encoding (``document.characterSet``) and the texts of its script elements."""
        results = []
        for number, (body, content_type) in enumerate(pages):
            self._navigate(f"{ORIGIN}served/{number}", body, content_type, self._session)
            charset, texts = json.loads(self._evaluate(
                'JSON.stringify([document.characterSet, Array.from(document.querySelectorAll("script"), s => s.text)])'
            ))
            results.append((charset, texts))
        self._load_top_page(self._session)
        return results

    def close(self) -> None:
        for stream in (getattr(self, "_out", None), getattr(self, "_in", None)):
            if stream is not None:
                stream.close()
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


_TRAP = """window.__pwned = null;
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = function (message) { window.__pwned = name + " " + message; };
}"""


class Page:
    """One document in its own tab of a ``Chromium``; see ``Chromium.open_page``. Use as a context manager."""

    URL = ORIGIN + "page.html"

    def __init__(self, browser: Chromium, html: str, width: int, height: int) -> None:
        self._browser = browser
        self.problems: List[str] = []  # console errors, exceptions, log errors, network requests
        target = browser._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._target = target
        self._session = browser._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for method in ("Page.enable", "Runtime.enable", "Log.enable"):
            browser._call(method, session=self._session)
        browser._call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}, self._session)
        browser._call("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, self._session)
        browser._call("Page.addScriptToEvaluateOnNewDocument", {"source": _TRAP}, self._session)
        self.load(html)

    def load(self, html: str) -> None:
        """Navigate this tab to another document (faster than a new tab); ``problems`` start afresh."""
        browser = self._browser
        self.problems = []
        browser._post("Page.navigate", {"url": self.URL}, self._session)
        body = base64.b64encode(html.encode("utf-8")).decode()
        loaded = False
        while not loaded:
            message = browser._events.pop(0) if browser._events else browser._receive()
            if message.get("sessionId") != self._session:
                continue
            loaded = self._handle(message, body)
        self._drain()

    def _handle(self, message: Dict[str, Any], body: str) -> bool:
        method, params = message.get("method"), message.get("params", {})
        if method == "Fetch.requestPaused":
            url = params["request"]["url"]
            if url == self.URL:
                self._browser._post("Fetch.fulfillRequest", {
                    "requestId": params["requestId"], "responseCode": 200, "body": body,
                    "responseHeaders": [{"name": "Content-Type", "value": "text/html; charset=utf-8"}],
                }, self._session)
            elif url == ORIGIN + "favicon.ico":  # the browser's own request, not the page's: answered, not failed
                self._browser._post("Fetch.fulfillRequest", {"requestId": params["requestId"], "responseCode": 204},
                                    self._session)
            else:
                self.problems.append(f"request: {url}")
                self._browser._post("Fetch.failRequest",
                                    {"requestId": params["requestId"], "errorReason": "BlockedByClient"}, self._session)
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
            texts = [str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", [])]
            self.problems.append(f"console.{params['type']}: {' '.join(texts)}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.problems.append(f"exception: {details.get('exception', {}).get('description', details)}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
            self.problems.append(f"log: {params['entry'].get('text')}")
        return method == "Page.loadEventFired"

    def _drain(self) -> None:
        """Handle the events that came in while waiting for replies."""
        events, self._browser._events = self._browser._events, []
        for message in events:
            if message.get("sessionId") == self._session:
                self._handle(message, "")
            else:
                self._browser._events.append(message)

    def evaluate(self, expression: str) -> Any:
        result = self._browser._call("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                     self._session)
        self._drain()
        if "exceptionDetails" in result:
            raise RuntimeError(f"in the page: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path, *, full_page: bool = True, max_height: int = 6000) -> Path:
        """A PNG of the page (its whole height, up to ``max_height`` pixels, when ``full_page``)."""
        params: Dict[str, Any] = {"format": "png"}
        if full_page:
            width, height = self.evaluate("[document.documentElement.scrollWidth, "
                                          "document.documentElement.scrollHeight]")
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": width, "height": min(height, max_height), "scale": 1})
        data = self._browser._call("Page.captureScreenshot", params, self._session)["data"]
        self._drain()
        path.write_bytes(base64.b64decode(data))
        return path

    @property
    def pwned(self) -> Any:
        return self.evaluate("window.__pwned")

    def close(self) -> None:
        self._browser._call("Target.closeTarget", {"targetId": self._target})

    def __enter__(self) -> "Page":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
