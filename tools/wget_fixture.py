"""Write tests/fixtures/wget-crawl.warc.gz: a real crawl by GNU Wget of a small site served on localhost.

    python tools/wget_fixture.py            # needs wget; serves a temporary site with python -m http.server

The site: an index linking to the showcase page (examples/syria-air-missions.html), a page whose JSON-LD is broken,
a page in ISO-8859-1 whose server declares that charset, an image and a link to a page that does not exist. Wget
writes what a crawler writes (warcinfo, request and response records, a 404 for robots.txt and one for the missing
page, its arguments and log as resource records), WARC/1.0, gzipped record by record. tests/check/test_warc.py reads it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "tests" / "fixtures" / "wget-crawl.warc.gz"

INDEX = """<!doctype html><html><head><title>Example News</title></head><body>
<a href="news/syria-air-missions.html">Russia in Syria</a> <a href="news/broken.html">Broken</a>
<a href="news/latin1.html">Caf&eacute;</a> <a href="news/gone.html">Gone</a> <img src="logo.png" alt="">
</body></html>
"""
BROKEN = """<!doctype html><html><head><title>Broken</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle" "headline": "Broken"}
</script>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Second block", "datePublished": "2024-05-06"}</script>
</head><body><p>Broken markup.</p></body></html>
"""
LATIN1 = """<!doctype html><html><head><title>Caf\u00e9</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Caf\u00e9 society", "datePublished": "2024-05-06T09:00:00+02:00", "image": "https://example.com/a.jpg",
 "author": {"@type": "Person", "name": "Ana Lima", "url": "https://example.com/ana"}}</script>
</head><body><p>Caf\u00e9 society.</p></body></html>
"""
# http.server says "text/html" with no charset; this handler declares the page's ISO-8859-1.
SERVER = """
import http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    def guess_type(self, path):
        kind = super().guess_type(path)
        return kind + "; charset=ISO-8859-1" if str(path).endswith("latin1.html") else kind
http.server.test(HandlerClass=Handler, port=int(sys.argv[1]), bind="127.0.0.1")
"""


def main() -> int:
    if shutil.which("wget") is None:
        print("wget is not installed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        (site / "news").mkdir(parents=True)
        (site / "index.html").write_text(INDEX, encoding="utf-8")
        shutil.copy(REPO / "examples" / "syria-air-missions.html", site / "news" / "syria-air-missions.html")
        (site / "news" / "broken.html").write_text(BROKEN, encoding="utf-8")
        (site / "news" / "latin1.html").write_bytes(LATIN1.encode("iso-8859-1"))
        (site / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(port)], cwd=site,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(1)
            subprocess.run(["wget", "--recursive", "--level=2", "--no-verbose", "--no-host-directories",
                            f"--directory-prefix={work}/mirror", f"--warc-file={work}/crawl",
                            f"http://127.0.0.1:{port}/"], check=False, timeout=120)
        finally:
            server.terminate()
            server.wait(timeout=10)
        shutil.copy(f"{work}/crawl.warc.gz", OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
