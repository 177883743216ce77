"""newsld's performance goals, measured side by side on this machine: ``python benchmarks/run.py [--quick]``.

1. emit (authoring dict → validated models → graph → escaped script element) against the unvalidated baseline,
   ``json.dumps`` of the same JSON-LD dict plus the same escaping — goal at most 2.0×;
2. ``check_html`` over the real pages in ../shared/corpora/real-pages against ``extruct.extract`` with its default
   syntaxes — goal at least 100× faster — and with ``syntaxes=['json-ld']`` — goal at least 2× faster while recovering
   more JSON-LD objects;
3. ``newsld batch`` throughput on 100,000 generated articles — goal at least 5,000 articles/s — and the peak memory
   of its process tree for 10,000 against 1,000,000 articles — goal flat, at most 200 MB;
4. ``newsld emit`` of one article as a whole process against ``python -c "import pydantic"`` — goal at most 1.5×;
5. crawl scale: ``check`` pages/s per core on a WARC against the same pages as files; ``newsld.spark`` on a local[2]
   session against the command line on the same WARC files — goal at most 25% slower; peak memory of ``check
   --format jsonl`` for 10,000 against 100,000 pages — goal flat, at most 300 MB; and, for the record, FastWARC
   against warcio reading the same WARC (when warcio is installed);
6. big inputs, each in a fresh process beside ``json.loads`` of the same file: loading a JSON source with a 50 MB
   ``articleBody`` — goal within a few times ``json.loads`` in time and memory; its integrity check with a quotation
   that is not in the body; the round trip of an article just under extruct's limit, and of one over it; a JSON Lines
   record nested 100,000 levels deep;
7. the authoring path: ``newsld.load`` of the showcase against libyaml's C loader plus building the models from its
   data — goal at most 2.0×; ``to_script_tag(load(json_text))`` of typical articles against ``json.loads`` +
   ``json.dumps`` + the same escaping — goal at most 2.0×; ``newsld batch`` over a directory of Markdown sources
   against the same articles as JSON Lines — goal at least half the throughput.

Each pair is measured in one run, interleaved, on the same inputs; times are medians of several runs. ``--quick``
uses fewer runs, a subset of the pages and smaller batch inputs (its figures are rougher). Needs extruct for part 2
(``pip install '.[test]'`` or ``pip install extruct``), and pyspark with a Java runtime for Spark in part 5.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Iterator, List, Optional, Tuple

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "syria-air-missions.md"
REAL_PAGES = REPO.parent / "shared" / "corpora" / "real-pages"
MB = 1024 * 1024

Row = Tuple[str, str, str, str, str, Optional[bool]]  # measure, newsld, reference, ratio, goal, passed
ROWS: List[Row] = []


def say(text: str = "") -> None:
    print(text, flush=True)


def record(measure: str, ours: str, reference: str, ratio: str, goal: str, passed: Optional[bool]) -> None:
    ROWS.append((measure, ours, reference, ratio, goal, passed))


# ---------------------------------------------------------------------------------------------------------- the machine


def machine() -> List[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    packages = []
    for name in ("newsld", "pydantic", "pydantic-core", "PyYAML", "extruct", "lxml", "tqdm", "FastWARC", "warcio",
                 "pyspark"):
        try:
            packages.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            packages.append(f"{name} (not installed)")
    load = ""
    if hasattr(os, "getloadavg"):
        load = " — load average at start %.2f" % os.getloadavg()[0]
    return [
        f"CPU: {cpu}, {os.cpu_count()} logical cores{load}",
        f"RAM: {ram}",
        f"Python: {platform.python_implementation()} {platform.python_version()} on {platform.platform()}",
        "Packages: " + ", ".join(packages),
    ]


# --------------------------------------------------------------------------------------------------- generated articles

_WORDS = (
    "council budget river school transport housing election minister report city health police court market energy "
    "climate water festival museum union strike hospital railway harbour bridge vote policy tax"
).split()
_NAMES = ["Ana Lima", "Ben Okafor", "Chen Wei", "Dara Byrne", "Élodie Martin", "Farah Haddad", "Görkem Yıldız",
          "Hana Sato", "Ivan Petrov", "Júlia Costa"]
_PLACES = ["Lisbon", "Lagos", "Shanghai", "Dublin", "Lyon", "Beirut", "İzmir", "Osaka", "Kazan", "Recife"]


def generated_article(number: int, rng: random.Random) -> dict:
    """A typical archive article in the authoring format: byline, publisher, place, one quotation, a short body."""
    words = [rng.choice(_WORDS) for _ in range(rng.randint(120, 220))]
    reporter, source = rng.sample(_NAMES, 2)
    place = rng.choice(_PLACES)
    day = 1 + number % 28
    return {
        "@type": "NewsArticle",
        "headline": f"{place} {words[0]} {words[1]} plan: {words[2]} & {words[3]} <update {number}>",
        "description": " ".join(words[4:30]),
        "url": f"https://news.example.com/2024/05/{day:02d}/{words[0]}-{words[1]}-{number}",
        "datePublished": f"2024-05-{day:02d}T09:{number % 60:02d}:00+00:00",
        "dateModified": f"2024-05-{day:02d}T18:{number % 60:02d}:00+00:00",
        "image": f"https://news.example.com/images/{number}.jpg",
        "author": ["reporter"],
        "publisher": "publisher",
        "articleSection": rng.choice(["Local", "Politics", "Business", "Culture"]),
        "keywords": rng.sample(_WORDS, 4),
        "inLanguage": "en",
        "isAccessibleForFree": True,
        "wordCount": len(words),
        "contentLocation": ["place"],
        "mentions": ["source", "place"],
        "hasPart": [{"@type": "Quotation", "text": " ".join(words[30:42]), "spokenByCharacter": "source"}],
        "articleBody": " ".join(words).capitalize() + ".",
        "entities": {
            "reporter": {"@type": "Person", "name": reporter, "url": f"https://news.example.com/staff/{number % 50}"},
            "source": {"@type": "Person", "name": source, "jobTitle": "spokesperson"},
            "place": {"@type": "Place", "name": place},
            "publisher": {"@type": "NewsMediaOrganization", "name": "Example News", "url": "https://news.example.com/",
                          "logo": "https://news.example.com/logo.png"},
        },
    }


def jsonl_lines(count: int, seed: int = 6) -> Iterator[bytes]:
    rng = random.Random(seed)
    for number in range(count):
        yield (json.dumps(generated_article(number, rng), ensure_ascii=False) + "\n").encode("utf-8")


# ------------------------------------------------------------------------------------------------------- timing helpers


def interleaved(first: Callable[[], None], second: Callable[[], None], rounds: int) -> Tuple[float, float, float]:
    """Median seconds of each, and the median of the per-round ratios first/second (noise hits both alike)."""
    a, b, ratios = [], [], []
    for _ in range(rounds):
        start = time.perf_counter()
        first()
        middle = time.perf_counter()
        second()
        end = time.perf_counter()
        a.append(middle - start)
        b.append(end - middle)
        ratios.append((middle - start) / (end - middle))
    return statistics.median(a), statistics.median(b), statistics.median(ratios)


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:,.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:,.1f} ms"
    return f"{seconds:,.2f} s"


# -------------------------------------------------------------------------------------------------------------- 1. emit


def bench_emit(quick: bool) -> None:
    import newsld
    from newsld._authoring import build, parse
    from newsld._serialize import escape_for_script

    say("1. emit against json.dumps of the same JSON-LD plus the same escaping")
    example_data, _ = parse(EXAMPLE.read_text(encoding="utf-8"), "markdown")
    rng = random.Random(1)
    typical = [generated_article(number, rng) for number in range(100)]
    for label, inputs in (("the showcase article (52 nodes, 24 kB)", [example_data]),
                          ("100 generated typical articles (8 nodes, 3 kB)", typical)):
        docs = [newsld.to_jsonld(build(data)) for data in inputs]

        def emit() -> List[str]:
            return [newsld.to_script_tag(build(data)) for data in inputs]

        def baseline() -> List[str]:
            return [
                '<script type="application/ld+json">'
                + escape_for_script(json.dumps(doc, ensure_ascii=False, allow_nan=False, separators=(",", ":")))
                + "</script>"
                for doc in docs
            ]

        assert emit() == baseline(), "emit and the baseline must produce the same bytes"
        repeat = max(1, (40 if quick else 200) // len(inputs))

        def many(function: Callable[[], object]) -> Callable[[], None]:
            return lambda: [function() for _ in range(repeat)] and None

        ours, reference, ratio = interleaved(many(emit), many(baseline), 7 if quick else 21)
        per = repeat * len(inputs)
        say(f"   {label}: emit {fmt_time(ours / per)}, baseline {fmt_time(reference / per)} per article; "
            f"ratio {ratio:.2f}×")
        record(f"1 emit vs json.dumps+escape, {label.split(' (')[0]}", fmt_time(ours / per),
               fmt_time(reference / per), f"{ratio:.2f}×", "≤ 2.0×", ratio <= 2.0)


# -------------------------------------------------------------------------------------------------- 2. check vs extruct


def _pages(quick: bool) -> List[Tuple[str, bytes]]:
    names = sorted(path for path in REAL_PAGES.iterdir() if path.name.endswith((".html", ".html.gz")))
    if quick:
        names = names[::8]
    pages = []
    for path in names:
        raw = path.read_bytes()
        pages.append((path.name, gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw))
    return pages


def _objects_newsld(report_blocks) -> int:
    return sum(1 for block in report_blocks for value in block.values if isinstance(value, dict))


def bench_check(quick: bool) -> None:
    say("2. check of real pages against extruct")
    if not REAL_PAGES.is_dir():
        say(f"   skipped: {REAL_PAGES} is not there (the real-pages corpus lives in the shared folder beside the repo)")
        record("2 check vs extruct", "—", "—", "—", "≥ 100× / ≥ 2×", None)
        return
    try:
        import extruct
    except ImportError:
        say("   skipped: extruct is not installed (pip install extruct)")
        record("2 check vs extruct", "—", "—", "—", "≥ 100× / ≥ 2×", None)
        return
    import logging

    from newsld import check_html
    from newsld.check._extract import extract_blocks

    logging.getLogger("extruct").setLevel(logging.CRITICAL)
    pages = _pages(quick)
    for _, html in pages[:3]:
        check_html(html)  # warm-up: the rule families and the vocabulary load on first use
    rounds = 1 if quick else 3

    def ours() -> None:
        for name, html in pages:
            check_html(html, source=name)

    def extruct_default() -> None:
        for _, html in pages:
            extruct.extract(html, errors="ignore")

    def extruct_jsonld() -> None:
        for _, html in pages:
            extruct.extract(html, syntaxes=["json-ld"], errors="ignore")

    newsld_objects = sum(_objects_newsld(extract_blocks(html)) for _, html in pages)
    extruct_objects = 0
    extruct_failed = 0
    for _, html in pages:
        try:
            found = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
        except Exception:  # extruct drops every block of a page when one of them does not parse
            extruct_failed += 1
            continue
        extruct_objects += sum(1 for item in found if isinstance(item, dict))

    extruct_time, check_time, ratio_default = interleaved(extruct_default, ours, rounds)
    jsonld_time, check_time_2, ratio_jsonld = interleaved(extruct_jsonld, ours, rounds if quick else 5)
    label = f"{len(pages)} pages"
    say(f"   {label}: newsld check {fmt_time(check_time)}; extruct, default syntaxes {fmt_time(extruct_time)} "
        f"({ratio_default:.0f}× slower); extruct, json-ld only {fmt_time(jsonld_time)} ({ratio_jsonld:.1f}× slower)")
    def extraction() -> None:
        for _, html in pages:
            extract_blocks(html)

    jsonld_time_3, extract_time, ratio_extract = interleaved(extruct_jsonld, extraction, rounds if quick else 5)
    say(f"   for comparison, newsld's extraction alone (no rules) {fmt_time(extract_time)}: "
        f"{ratio_extract:.1f}× faster than extruct json-ld only")
    say(f"   JSON-LD objects recovered: newsld {newsld_objects}, extruct {extruct_objects} "
        f"(extruct raised on {extruct_failed} pages and so returned none of theirs)")
    record(f"2 check vs extruct default syntaxes ({label})", fmt_time(check_time), fmt_time(extruct_time),
           f"{ratio_default:.0f}× faster", "≥ 100× faster", ratio_default >= 100)
    record(f"2 check vs extruct json-ld only ({label})", fmt_time(check_time_2), fmt_time(jsonld_time),
           f"{ratio_jsonld:.1f}× faster", "≥ 2× faster", ratio_jsonld >= 2)
    record("2 (extraction alone vs extruct json-ld only)", fmt_time(extract_time), fmt_time(jsonld_time_3),
           f"{ratio_extract:.1f}× faster", "(informative)", None)
    record("2 JSON-LD objects recovered", str(newsld_objects), str(extruct_objects),
           f"{newsld_objects - extruct_objects:+d}", "more than extruct", newsld_objects > extruct_objects)


# ------------------------------------------------------------------------------------------------------------- 3. batch


def _newsld_command() -> List[str]:
    script = Path(sys.executable).with_name("newsld")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsld"]


def _tree(root: int) -> List[int]:
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _memory(pid: int) -> Tuple[int, int]:
    """(RSS, PSS) of the process in bytes; shared pages count fully in RSS and proportionally in PSS."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


class TreeMemory(threading.Thread):
    """Samples the summed RSS and PSS of a process and its descendants every 50 ms; keeps the peaks."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_rss, self.peak_pss, self.done = pid, 0, 0, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            rss = pss = 0
            for pid in _tree(self.pid):
                process_rss, process_pss = _memory(pid)
                rss, pss = rss + process_rss, pss + process_pss
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.done.wait(0.05)


def _batch_run(args: List[str], feed: Optional[Iterator[bytes]] = None) -> Tuple[float, int, int, str]:
    """Runs ``newsld batch``; returns (seconds, peak tree RSS, peak tree PSS, stderr)."""
    start = time.perf_counter()
    process = subprocess.Popen(_newsld_command() + ["batch", *args], stdin=subprocess.PIPE if feed else None,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = TreeMemory(process.pid)
    sampler.start()
    errors: List[bytes] = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)
    reader.start()
    if feed is not None:
        buffer = []
        for line in feed:
            buffer.append(line)
            if len(buffer) == 1000:
                process.stdin.write(b"".join(buffer))
                buffer = []
        process.stdin.write(b"".join(buffer))
        process.stdin.close()
    process.wait()
    seconds = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    reader.join()
    if process.returncode != 0:
        raise SystemExit(f"newsld batch failed ({process.returncode}): {b''.join(errors).decode()[-2000:]}")
    return seconds, sampler.peak_rss, sampler.peak_pss, b"".join(errors).decode()


def bench_batch(quick: bool) -> None:
    count = 20_000 if quick else 100_000
    say(f"3. newsld batch on {count:,} generated articles, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "articles.jsonl"
        with source.open("wb") as handle:
            for line in jsonl_lines(count):
                handle.write(line)
        size = source.stat().st_size
        say(f"   input: {size / MB:,.0f} MB of JSON Lines ({size / count:,.0f} bytes an article)")
        rates = []
        for _ in range(2 if quick else 3):
            out = Path(folder) / "out.jsonl"
            seconds, _, _, _ = _batch_run([str(source), "--out", str(out), "-q"])
            rates.append(count / seconds)
            lines = sum(1 for _ in out.open("rb"))
            assert lines == count, f"{lines} documents written for {count} articles"
        rate = statistics.median(rates)
        say(f"   throughput (whole command, start-up included): {rate:,.0f} articles/s "
            f"(runs: {', '.join(f'{r:,.0f}' for r in rates)})")
        record(f"3 batch throughput, {count:,} articles", f"{rate:,.0f}/s", "—", "—", "≥ 5,000/s", rate >= 5000)

    small, large = (10_000, 100_000) if quick else (10_000, 1_000_000)
    peaks = {}
    for size in (small, large):
        seconds, rss, pss, _ = _batch_run(["-", "--out", "-", "-q"], feed=jsonl_lines(size, seed=7))
        peaks[size] = (rss, pss)
        say(f"   {size:,} articles from stdin: peak RSS of the process tree {rss / MB:,.0f} MB "
            f"(PSS {pss / MB:,.0f} MB), {size / seconds:,.0f} articles/s while generated on the fly")
    small_rss, large_rss = peaks[small][0], peaks[large][0]
    growth = large_rss / small_rss if small_rss else float("nan")
    flat = growth <= 1.25 and large_rss <= 200 * MB
    record(f"3 batch peak memory (RSS, tree), {small:,} vs {large:,}", f"{large_rss / MB:,.0f} MB",
           f"{small_rss / MB:,.0f} MB", f"{growth:.2f}×", "flat, ≤ 200 MB", flat)


# ---------------------------------------------------------------------------------------------------------- 4. start-up


def bench_startup(quick: bool) -> None:
    say("4. newsld emit of one article as a whole process, against python -c 'import pydantic'")
    with tempfile.TemporaryDirectory() as cache:
        # As installed: bytecode cached (PYTHONDONTWRITEBYTECODE, if set here, would make every run compile newsld).
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        emit = _newsld_command() + ["emit", str(EXAMPLE)]
        pydantic = [sys.executable, "-c", "import pydantic"]
        basemodel = [sys.executable, "-c", "from pydantic import BaseModel"]
        bare = [sys.executable, "-c", "pass"]

        def run(command: List[str]) -> Callable[[], None]:
            return lambda: subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True) and None

        for command in (emit, pydantic, basemodel, bare):
            run(command)()  # warm-up, and the bytecode cache
        rounds = 7 if quick else 21
        emit_time, pydantic_time, ratio = interleaved(run(emit), run(pydantic), rounds)
        basemodel_time, bare_time, _ = interleaved(run(basemodel), run(bare), rounds)
    say(f"   newsld emit {fmt_time(emit_time)}; import pydantic {fmt_time(pydantic_time)} (ratio {ratio:.2f}×); "
        f"for reference: from pydantic import BaseModel {fmt_time(basemodel_time)}, python -c pass "
        f"{fmt_time(bare_time)}")
    record("4 emit process vs python -c 'import pydantic'", fmt_time(emit_time), fmt_time(pydantic_time),
           f"{ratio:.2f}×", "≤ 1.5×", ratio <= 1.5)


# ------------------------------------------------------------------------------------------------------------- 5. crawl


def _warc_support():
    """The WARC writer the tests use (tests/_support/warc.py)."""
    sys.path.insert(0, str(REPO / "tests"))
    from _support import warc

    return warc


def _crawl_members(quick: bool) -> List[Tuple[str, bytes, bytes]]:
    """(URL, HTML, its response record as one gzip member) for the corpus pages."""
    warc = _warc_support()
    pages = list(warc.corpus_pages())
    if quick:
        pages = pages[::2]
    return [(url, html, gzip.compress(warc.page_record(url, html).to_bytes(), 6)) for url, html in pages]


def _write_warc(path: Path, members: List[bytes], count: int) -> Path:
    with path.open("wb") as out:
        for index in range(count):
            out.write(members[index % len(members)])
    return path


def _cli_run(args: List[str]) -> Tuple[float, int, int]:
    """Runs a newsld command, output discarded; returns (seconds, peak tree RSS, peak tree PSS)."""
    start = time.perf_counter()
    process = subprocess.Popen(_newsld_command() + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = TreeMemory(process.pid)
    sampler.start()
    errors = process.stderr.read()
    process.wait()
    seconds = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"newsld {' '.join(args)} failed ({process.returncode}): {errors.decode()[-2000:]}")
    return seconds, sampler.peak_rss, sampler.peak_pss


def bench_crawl(quick: bool) -> None:
    from newsld.check import check_html, check_page, warc_pages

    members = _crawl_members(quick)
    say(f"5. crawl scale: {len(members)} real pages as WARC records (one gzip member each) and as .html.gz files")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        # 5a. One core, in this process: the same pages from one WARC file and from one file each.
        warc_path = _write_warc(work / "corpus.warc.gz", [member for _, _, member in members], len(members))
        files = []
        for index, (url, html, _) in enumerate(members):
            files.append((url, work / f"page-{index:04d}.html.gz"))
            files[-1][1].write_bytes(gzip.compress(html, 6))

        def from_warc() -> None:
            for page in warc_pages(str(warc_path)):
                check_page(page)

        def from_files() -> None:
            for url, path in files:
                check_html(gzip.decompress(path.read_bytes()), url=url, source=str(path), charset="utf-8")

        from_warc()  # warm-up: rule modules, vocabulary, FastWARC
        warc_time, files_time, ratio = interleaved(from_warc, from_files, 3 if quick else 7)
        warc_rate, files_rate = len(members) / warc_time, len(members) / files_time
        say(f"   one core: {warc_rate:,.0f} pages/s from the WARC, {files_rate:,.0f} pages/s from .html.gz files "
            f"({warc_time:.2f} s and {files_time:.2f} s for {len(members)} pages)")
        record("5 check pages/s per core: WARC vs the same pages as .html.gz files", f"{warc_rate:,.0f}/s",
               f"{files_rate:,.0f}/s", f"{warc_rate / files_rate:.2f}×", "≥ 0.9×", warc_rate / files_rate >= 0.9)
        _bench_warc_libraries(warc_path, quick)

        # 5b. Spark local[2] against the command line on 2 cores, the same WARC files (one Spark partition each).
        copies = 2 if quick else 8
        parts = [_write_warc(work / f"part-{n}.warc.gz", [member for _, _, member in members],
                             len(members) * copies // 4) for n in range(4)]
        total = len(members) * copies // 4 * 4
        _bench_spark(parts, total, quick, work)

    # 5c. Peak memory of check --format jsonl as the number of pages grows.
    small, large = (2_000, 20_000) if quick else (10_000, 100_000)
    peaks = {}
    for count in (small, large):
        with tempfile.TemporaryDirectory() as folder:
            path = _write_warc(Path(folder) / "big.warc.gz", [member for _, _, member in members], count)
            seconds, rss, pss = _cli_run(["check", str(path), "--format", "jsonl"])
            peaks[count] = rss
            say(f"   check --format jsonl of {count:,} pages ({path.stat().st_size / MB:,.0f} MB): {count / seconds:,.0f} "
                f"pages/s on {os.cpu_count()} cores, peak RSS of the process tree {rss / MB:,.0f} MB "
                f"(PSS {pss / MB:,.0f} MB)")
    growth = peaks[large] / peaks[small]
    record(f"5 check --format jsonl peak memory (RSS, tree), {small:,} vs {large:,} pages",
           f"{peaks[large] / MB:,.0f} MB", f"{peaks[small] / MB:,.0f} MB", f"{growth:.2f}×", "flat, ≤ 300 MB",
           growth <= 1.25 and peaks[large] <= 300 * MB)


def _bench_warc_libraries(path: Path, quick: bool) -> None:
    """Reading every HTML payload of the same WARC: FastWARC (what newsld uses) against warcio."""
    try:
        from warcio.archiveiterator import ArchiveIterator as WarcioIterator
    except ImportError:
        say("   (warcio is not installed: no FastWARC/warcio comparison; pip install warcio)")
        return
    from fastwarc import ArchiveIterator, WarcRecordType

    def fastwarc() -> None:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream, record_types=WarcRecordType.response):
                record.reader.read()

    def warcio() -> None:
        with path.open("rb") as stream:
            for record in WarcioIterator(stream):
                if record.rec_type == "response":
                    record.content_stream().read()

    fast, slow, ratio = interleaved(fastwarc, warcio, 3 if quick else 7)
    say(f"   reading the WARC's HTML payloads: FastWARC {fast:.2f} s, warcio {slow:.2f} s")
    record("5 WARC reading: FastWARC vs warcio, same file", fmt_time(fast), fmt_time(slow), f"{1 / ratio:.1f}× faster",
           "(informative)", None)


def _bench_spark(parts: List[Path], total: int, quick: bool, work: Path) -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        say("   (pyspark is not installed: no Spark measurement; pip install '.[spark]')")
        return
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from newsld.spark import check_warcs

    start = time.perf_counter()
    spark = (SparkSession.builder.master("local[2]").appName("newsld benchmark").config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - start
    try:
        check_warcs(spark, [str(parts[0])], output=str(work / "warm-up"))  # the Python workers start here
        cli_times, spark_times = [], []
        for run in range(2 if quick else 3):
            cli_times.append(_cli_run(["check", *map(str, parts), "--format", "jsonl", "--jobs", "2"])[0])
            began = time.perf_counter()
            check_warcs(spark, [str(path) for path in parts], output=str(work / f"findings-{run}"))
            spark_times.append(time.perf_counter() - began)
    finally:
        spark.stop()
    cli_time, spark_time = statistics.median(cli_times), statistics.median(spark_times)
    ratio = spark_time / cli_time
    say(f"   {total:,} pages in {len(parts)} WARC files on 2 cores: newsld check --jobs 2 {cli_time:.1f} s "
        f"({total / cli_time:,.0f} pages/s, whole command); newsld.spark on local[2] {spark_time:.1f} s "
        f"({total / spark_time:,.0f} pages/s, Parquet written; session start-up {startup:.1f} s not counted)")
    record(f"5 newsld.spark local[2] vs check --jobs 2, {total:,} pages in {len(parts)} WARCs",
           f"{spark_time:.1f} s", f"{cli_time:.1f} s", f"{ratio:.2f}×", "≤ 1.25× (overhead ≤ 25%)", ratio <= 1.25)


# ---------------------------------------------------------------------------------------------------------- 6. big inputs


_MEASURED = """
import json, sys, time, tracemalloc
setup, operation, traced = sys.argv[1], sys.argv[2], sys.argv[3] == "traced"
exec(setup)
if traced:
    tracemalloc.start()
started = time.perf_counter()
exec(operation)
seconds = time.perf_counter() - started
peak = tracemalloc.get_traced_memory()[1] if traced else 0
print(json.dumps({"seconds": seconds, "peak": peak, "result": str(globals().get("result", ""))}))
"""


def _measured(setup: str, operation: str) -> dict:
    """One operation in fresh processes (set-up and imports before it): its seconds, and in a second process the peak
    of the memory it allocates (tracemalloc, which would slow the first)."""
    def once(mode: str) -> dict:
        done = subprocess.run([sys.executable, "-c", _MEASURED, setup, operation, mode], capture_output=True,
                              text=True, check=True)
        return json.loads(done.stdout.strip().splitlines()[-1])

    timed = once("timed")
    timed["peak"] = once("traced")["peak"]
    return timed


def _big_article(body_mb: int, quotation: str) -> dict:
    words = "the council voted on a budget that will raise taxes and cut services for the city residents".split()
    rng = random.Random(5)
    body = " ".join(rng.choice(words) for _ in range(body_mb * MB // 5))[: body_mb * MB]
    return {
        "@type": "NewsArticle", "headline": "A long article", "url": "https://news.example.com/long",
        "datePublished": "2024-05-06T09:30:00+00:00", "author": ["reporter"], "mentions": ["reporter"],
        "articleBody": body,
        "hasPart": [{"@type": "Quotation", "text": quotation, "spokenByCharacter": "reporter"}],
        "entities": {"reporter": {"@type": "Person", "name": "A Reporter"}},
    }


def bench_big(quick: bool) -> None:
    size = 10 if quick else 50
    say(f"6. big inputs: a JSON source with a {size} MB articleBody, each measure in a fresh process")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "big.json"
        source.write_text(json.dumps(_big_article(size, "the budget is a disgrace to all of us")), encoding="utf-8")
        setup = f"import newsld; path = {str(source)!r}"
        load = _measured(setup, "article = newsld.load(path)")
        baseline = _measured(setup, "data = json.loads(open(path, encoding='utf-8').read())")
        time_ratio = load["seconds"] / baseline["seconds"]
        memory_ratio = load["peak"] / baseline["peak"]
        say(f"   newsld.load {fmt_time(load['seconds'])}, {load['peak'] / MB:,.0f} MB allocated at the peak; "
            f"json.loads of the file {fmt_time(baseline['seconds'])}, {baseline['peak'] / MB:,.0f} MB")
        record(f"6 load JSON source, {size} MB body, vs json.loads", fmt_time(load["seconds"]),
               fmt_time(baseline["seconds"]), f"{time_ratio:.1f}× time, {memory_ratio:.1f}× memory", "≤ 5× both",
               time_ratio <= 5 and memory_ratio <= 5)

        check = _measured(setup + "; article = newsld.load(path)",
                          "result = len(newsld.integrity_findings(article))")
        say(f"   integrity findings, the quotation not in the body: {fmt_time(check['seconds'])}, "
            f"{check['peak'] / MB:,.0f} MB allocated at the peak")
        record(f"6 validate, quotation not in a {size} MB body", fmt_time(check["seconds"]),
               fmt_time(baseline["seconds"]), f"{check['peak'] / max(1, baseline['peak']):.1f}× memory",
               "linear, bounded", None)

        roundtrip = _measured(setup + "; article = newsld.load(path)",
                              "result = newsld.roundtrip(article).extraction_error[:60]")
        say(f"   roundtrip of it: {fmt_time(roundtrip['seconds'])}: {roundtrip['result']}…")
        under = Path(folder) / "under.json"
        under.write_text(json.dumps(_big_article(9, "the council voted")), encoding="utf-8")
        near = _measured(f"import newsld; article = newsld.load({str(under)!r})",
                         "result = newsld.roundtrip(article).ok")
        say(f"   roundtrip of a 9 MB article (extruct reads at most 10,000,000 bytes of a script): "
            f"{fmt_time(near['seconds'])}, ok: {near['result']}")
        record("6 roundtrip, 9 MB body (under extruct's limit)", fmt_time(near["seconds"]), "—", "—", "succeeds",
               near["result"] == "True")

        deep = Path(folder) / "deep.jsonl"
        deep.write_text('{"headline": "deep", "about": ' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run(_newsld_command() + ["batch", str(deep), "--out", os.devnull], capture_output=True,
                              text=True)
        seconds = time.perf_counter() - started
        reported = "nested 100,001 levels deep" in done.stderr
        say(f"   a JSON Lines record nested 100,000 deep: {fmt_time(seconds)} for the whole command, reported: "
            f"{reported}")
        record("6 batch, a record nested 100,000 deep", fmt_time(seconds), "—", "—", "a problem with its depth",
               reported and done.returncode == 1)


# ---------------------------------------------------------------------------------------------------- 7. authoring path


def markdown_source(article: dict) -> str:
    """The generated article as an editor keeps it: YAML front matter, the body as Markdown below it."""
    import yaml

    head = {key: value for key, value in article.items() if key != "articleBody"}
    front = yaml.safe_dump(head, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{article['articleBody']}\n"


def bench_authoring(quick: bool) -> None:
    import yaml

    import newsld
    from newsld._authoring import build
    from newsld._serialize import escape_for_script

    say("7. the authoring path: sources read, validated and emitted, against what the same work costs unchecked")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    showcase = EXAMPLE.read_text(encoding="utf-8")
    _, head, body = showcase.split("---\n", 2)

    def load_showcase() -> None:
        newsld.load(showcase, "markdown")

    def libyaml_and_validation() -> None:
        data = yaml.load(head, Loader=loader)
        data["articleBody"] = body.strip("\n").rstrip()
        build(data)

    assert newsld.load(showcase, "markdown") == build({**yaml.load(head, Loader=loader),
                                                       "articleBody": body.strip("\n").rstrip()})
    repeat = 5 if quick else 20
    ours, reference, ratio = interleaved(lambda: [load_showcase() for _ in range(repeat)] and None,
                                         lambda: [libyaml_and_validation() for _ in range(repeat)] and None,
                                         7 if quick else 21)
    say(f"   newsld.load of the showcase (Markdown, 24 kB) {fmt_time(ours / repeat)}; libyaml's C loader plus building "
        f"the models from its data {fmt_time(reference / repeat)}; ratio {ratio:.2f}×")
    record("7 newsld.load(showcase) vs libyaml + model validation", fmt_time(ours / repeat),
           fmt_time(reference / repeat), f"{ratio:.2f}×", "≤ 2.0×", ratio <= 2.0)

    rng = random.Random(3)
    articles = [generated_article(number, rng) for number in range(100)]
    texts = [json.dumps(article, ensure_ascii=False) for article in articles]
    docs = [newsld.to_jsonld(build(article)) for article in articles]

    def emit_json() -> List[str]:
        return [newsld.to_script_tag(newsld.load(text, "json")) for text in texts]

    def unchecked_json() -> List[str]:
        # The same reading and writing with nothing checked: the JSON-LD a correct article would give, as a dict.
        out = []
        for text, doc in zip(texts, docs):
            json.loads(text)
            out.append('<script type="application/ld+json">'
                       + escape_for_script(json.dumps(doc, ensure_ascii=False, allow_nan=False, separators=(",", ":")))
                       + "</script>")
        return out

    assert emit_json() == unchecked_json()
    repeat = 1 if quick else 3
    ours, reference, ratio = interleaved(lambda: [emit_json() for _ in range(repeat)] and None,
                                         lambda: [unchecked_json() for _ in range(repeat)] and None,
                                         7 if quick else 21)
    per = repeat * len(texts)
    say(f"   to_script_tag(load(json_text)) of 100 generated typical articles {fmt_time(ours / per)} an article; "
        f"json.loads + json.dumps + the same escaping {fmt_time(reference / per)}; ratio {ratio:.2f}×")
    record("7 to_script_tag(load(json_text)) vs json.loads+dumps+escape", fmt_time(ours / per),
           fmt_time(reference / per), f"{ratio:.2f}×", "≤ 2.0×", ratio <= 2.0)

    count = 4_000 if quick else 20_000
    with tempfile.TemporaryDirectory() as folder:
        sources, jsonl = Path(folder) / "sources", Path(folder) / "articles.jsonl"
        sources.mkdir()
        rng = random.Random(4)
        with jsonl.open("w", encoding="utf-8") as lines:
            for number in range(count):
                article = generated_article(number, rng)
                lines.write(json.dumps(article, ensure_ascii=False) + "\n")
                shard = sources / f"{number // 1000:03d}"
                shard.mkdir(exist_ok=True)
                (shard / f"article-{number:06d}.md").write_text(markdown_source(article), encoding="utf-8")
        markdown_rates, jsonl_rates = [], []
        for run in range(2 if quick else 3):
            seconds, _, _, _ = _batch_run([str(sources), "--out", str(Path(folder) / f"md-{run}.jsonl"), "-q"])
            markdown_rates.append(count / seconds)
            seconds, _, _, _ = _batch_run([str(jsonl), "--out", str(Path(folder) / f"jsonl-{run}.jsonl"), "-q"])
            jsonl_rates.append(count / seconds)
        written = sum(1 for _ in (Path(folder) / "md-0.jsonl").open("rb"))
        assert written == count, f"{written} documents written for {count} Markdown sources"
    markdown_rate, jsonl_rate = statistics.median(markdown_rates), statistics.median(jsonl_rates)
    ratio = markdown_rate / jsonl_rate
    say(f"   newsld batch, {count:,} articles on {os.cpu_count()} cores: a directory of Markdown sources "
        f"{markdown_rate:,.0f} articles/s, the same articles as JSON Lines {jsonl_rate:,.0f} articles/s "
        f"(whole command; ratio {ratio:.2f})")
    record(f"7 batch: {count:,} Markdown files vs the same as JSON Lines", f"{markdown_rate:,.0f}/s",
           f"{jsonl_rate:,.0f}/s", f"{ratio:.2f}", "≥ 0.5", ratio >= 0.5)


# --------------------------------------------------------------------------------------------------------------- report


def table() -> List[str]:
    header = ("measure", "newsld", "reference", "ratio", "goal", "result")
    rows = [header] + [(m, o, r, x, g, "—" if p is None else "PASS" if p else "MISS") for m, o, r, x, g, p in ROWS]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths)) for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return lines


SECTIONS = {"emit": bench_emit, "check": bench_check, "batch": bench_batch, "startup": bench_startup,
            "crawl": bench_crawl, "big": bench_big, "authoring": bench_authoring}


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller inputs (rougher figures)")
    parser.add_argument("--only", choices=sorted(SECTIONS), action="append", help="run only this part (repeatable)")
    args = parser.parse_args(argv)
    say("newsld benchmarks" + (" (--quick)" if args.quick else ""))
    for line in machine():
        say("  " + line)
    say()
    started = time.perf_counter()
    for name, function in SECTIONS.items():
        if args.only and name not in args.only:
            continue
        function(args.quick)
        say()
    for line in table():
        say(line)
    say(f"\n(total {time.perf_counter() - started:,.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
