"""Compare article-body extractors on the real pages of the corpus: the evaluation behind ``newsld lift``'s choice.

The reference text of a page is the ``articleBody`` of its own JSON-LD (what the publisher says the article's text
is), for every page that lifts to an article with a body of at least 500 characters; with ``--truth FILE`` (the
``ground-truth.json`` of the article-extraction benchmark the corpus's ``aeb__`` pages come from) also the benchmark's
hand-checked bodies. Each extractor gets the page's HTML and nothing else; its text is scored against the reference by
word 4-gram precision, recall and F1 (the mean over pages). Pages are also reported by origin (the corpus names its
``trafilatura__`` pages after trafilatura's own evaluation set, on which trafilatura may have been tuned).

    pip install trafilatura readability-lxml html-text goose3 resiliparse
    python tools/evaluate_extractors.py ../shared/corpora/real-pages [--truth ground-truth.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import newsld

__all__ = ["EXTRACTORS", "main", "score"]

MIN_REFERENCE = 500
NGRAM = 4


def _trafilatura(precision: bool) -> Callable[[str], str]:
    import trafilatura

    def extract(html: str) -> str:
        return trafilatura.extract(html, favor_precision=precision, include_comments=False, include_images=False,
                                   include_links=False, deduplicate=False) or ""

    return extract


def _readability() -> Callable[[str], str]:
    import html_text
    import readability

    return lambda html: html_text.extract_text(readability.Document(html).summary(html_partial=True))


def _goose() -> Callable[[str], str]:
    from goose3 import Goose

    goose = Goose()
    return lambda html: goose.extract(raw_html=html).cleaned_text or ""


def _resiliparse() -> Callable[[str], str]:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return lambda html: extract_plain_text(HTMLTree.parse(html), main_content=True)


EXTRACTORS: dict[str, Callable[[], Callable[[str], str]]] = {
    "trafilatura (favor_precision, as newsld lift)": lambda: _trafilatura(True),
    "trafilatura (default)": lambda: _trafilatura(False),
    "readability-lxml": _readability,
    "goose3": _goose,
    "resiliparse": _resiliparse,
}


def _ngrams(text: str) -> Counter:
    words = re.findall(r"\w+", text.lower())
    return Counter(tuple(words[i:i + NGRAM]) for i in range(max(len(words) - NGRAM + 1, 1))) if words else Counter()


def score(reference: str, extracted: str) -> tuple[float, float, float]:
    """Word 4-gram precision, recall and F1 of ``extracted`` against ``reference``."""
    want, got = _ngrams(reference), _ngrams(extracted)
    common = sum((want & got).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if common else 0.0


def _origin(name: str) -> str:
    return "aeb" if name.startswith("aeb__") else "trafilatura-eval" if name.startswith("trafilatura__") else "other"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=Path, help="the real-page corpus directory")
    parser.add_argument("--truth", type=Path, help="the article-extraction benchmark's ground-truth.json")
    args = parser.parse_args(argv)
    truth = json.loads(args.truth.read_text()) if args.truth else {}
    cases: list[tuple[str, str, str, str]] = []  # (reference set, page, html, reference text)
    for path in sorted(args.pages.glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        article = newsld.lift(html).article
        if article is not None and article.articleBody and len(article.articleBody) >= MIN_REFERENCE:
            cases.append(("JSON-LD articleBody", path.name, html, article.articleBody))
        key = path.name.removeprefix("aeb__").removesuffix(".html.gz")
        if path.name.startswith("aeb__") and truth.get(key, {}).get("articleBody"):
            cases.append(("benchmark ground truth", path.name, html, truth[key]["articleBody"]))
    print(f"{len(cases)} comparisons: " + ", ".join(f"{count} {name}" for name, count in
                                                    Counter(case[0] for case in cases).items()))
    for name, make in EXTRACTORS.items():
        try:
            extract = make()
        except ImportError as exc:
            print(f"{name}: not installed ({exc})", file=sys.stderr)
            continue
        scores: dict[tuple[str, str], list] = {}
        times = []
        for reference_set, page, html, reference in cases:
            start = time.perf_counter()
            try:
                text = extract(html)
            except Exception:  # an extractor that fails on a page scores nothing on it
                text = ""
            times.append(time.perf_counter() - start)
            for group in ((reference_set, "all"), (reference_set, _origin(page))):
                scores.setdefault(group, []).append(score(reference, text))
        print(f"\n{name}: median {statistics.median(times) * 1000:.0f} ms a page")
        for (reference_set, origin), found in sorted(scores.items()):
            p, r, f = (statistics.mean(values) for values in zip(*found))
            print(f"  {reference_set:<24} {origin:<17} n={len(found):<4} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
