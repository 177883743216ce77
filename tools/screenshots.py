"""Regenerate the README's pictures of the two pages newsld writes (docs/images/*.png), in headless Chromium.

    python tools/screenshots.py            # needs /usr/bin/chromium and Pillow (pip install pillow)

- check-report.png: `newsld check --format html` over the real-page corpus (../shared/corpora/real-pages), or over the
  showcase page when the corpus is absent: the summary, the chart and the top of the table;
- check-report-page.png: one page's report opened (a small corpus page with errors, warnings and infos, or the
  showcase): its JSON beside its findings;
- preview.png: `newsld preview examples/syria-air-missions.md`: the body with its quotations marked.

The pictures are quantized to a small palette so that each stays a few tens of kilobytes.
"""

from __future__ import annotations

import base64
import gzip
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
OUT = ROOT / "docs" / "images"
CORPUS = ROOT.parent / "shared" / "corpora" / "real-pages"

__all__ = ["main"]


def _shot(page, path: Path, *, top: int = 0, width: int = 1200, height: int = 820, colours: int = 48) -> None:
    from PIL import Image

    data = page._browser._call("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": top, "width": width, "height": height, "scale": 1}}, page._session)["data"]
    image = Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")
    small = image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1000:.0f} kB")


def _telling(reports):
    """A page whose one small block has an error, warnings and infos: the detail view at its most instructive."""
    import json

    for report in reports:
        counts = [report.count(severity) for severity in ("error", "warning", "info")]
        if len(report.blocks) == 1 and counts[0] >= 1 and counts[1] >= 2 and counts[2] >= 1 and not report.findings \
                and len(json.dumps(report.blocks[0].values)) < 2500:
            return report
    return None


def main() -> int:
    import newsld
    from _support.chromium import Chromium
    from newsld.check import check_html, write_html

    OUT.mkdir(parents=True, exist_ok=True)
    showcase = ROOT / "examples" / "syria-air-missions.html"
    if CORPUS.is_dir():
        pages = sorted(CORPUS.glob("*.html.gz"))
        reports = [check_html(gzip.decompress(path.read_bytes()), source=f"site-dump/{path.name[:-3]}")
                   for path in pages]
    else:
        reports = [check_html(showcase.read_bytes(), source="examples/syria-air-missions.html")]
    overview = io.StringIO()
    write_html(reports, overview)
    single = io.StringIO()
    write_html([_telling(reports) or check_html(showcase.read_bytes(), source="examples/syria-air-missions.html")],
               single)
    preview = newsld.preview_html(newsld.load(ROOT / "examples" / "syria-air-missions.md"))
    with Chromium() as browser:
        with browser.open_page(overview.getvalue(), width=1200, height=820) as page:
            _shot(page, OUT / "check-report.png")
        with browser.open_page(single.getvalue(), width=1200, height=820) as page:
            top = page.evaluate("document.querySelector('tr.detail').getBoundingClientRect().top + scrollY - 70")
            _shot(page, OUT / "check-report-page.png", top=int(top))
        with browser.open_page(preview, width=1200, height=820) as page:
            _shot(page, OUT / "preview.png", height=820)
    return 0


if __name__ == "__main__":
    sys.exit(main())
