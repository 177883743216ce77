"""Counts over many pages' reports (``check --summary``): by finding code and by site, in memory flat in the pages.

Memory grows with the number of distinct codes and hosts, never with the number of pages or findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from .._errors import printable
from .._findings import SEVERITIES
from ._report import Report

__all__ = ["NO_HOST", "Summary", "host_of"]

NO_HOST = "(no url)"


def host_of(url: str | None) -> str | None:
    """The host of a page's URL, lower-case and without port or credentials; None when there is none."""
    if not url:
        return None
    try:
        return urlsplit(url).hostname or None
    except ValueError:
        return None


class Summary:
    """Running totals: pages, pages with errors, findings by severity; by code (findings and pages); by host."""

    def __init__(self) -> None:
        self.pages = 0
        self.failing = 0
        self.severities: Counter = Counter()
        self.code_findings: Counter = Counter()
        self.code_pages: Counter = Counter()
        self.code_severity: dict[str, str] = {}
        self.host_pages: Counter = Counter()
        self.host_failing: Counter = Counter()
        self.host_severities: dict[str, Counter] = {}

    def add(self, report: Report) -> None:
        findings = report.all_findings
        failing = any(finding.severity == "error" for finding in findings)
        host = host_of(report.url) or NO_HOST
        self.pages += 1
        self.failing += failing
        self.host_pages[host] += 1
        self.host_failing[host] += failing
        by_host = self.host_severities.setdefault(host, Counter())
        for finding in findings:
            self.severities[finding.severity] += 1
            by_host[finding.severity] += 1
            self.code_findings[finding.code] += 1
            self.code_severity.setdefault(finding.code, finding.severity)
        self.code_pages.update({finding.code for finding in findings})

    @property
    def has_errors(self) -> bool:
        return self.failing > 0

    def line(self) -> str:
        """One line for the end of a run: pages, pages with errors, findings by severity."""
        counts = ", ".join(f"{self.severities[s]:,} {s}{'s' if s != 'info' and self.severities[s] != 1 else ''}"
                           for s in SEVERITIES)
        pages = f"{self.pages:,} page{'s' if self.pages != 1 else ''}"
        return f"{pages} checked, {self.failing:,} with errors; {counts}"

    def codes(self) -> list[dict[str, Any]]:
        """One row per code, the most frequent first."""
        return [
            {"code": code, "severity": self.code_severity[code], "findings": count, "pages": self.code_pages[code]}
            for code, count in sorted(self.code_findings.items(), key=lambda item: (-item[1], item[0]))
        ]

    def hosts(self) -> list[dict[str, Any]]:
        """One row per host, the one with most pages first."""
        return [
            {"host": host, "pages": pages, "pages_with_errors": self.host_failing[host],
             **{severity: self.host_severities[host][severity] for severity in SEVERITIES}}
            for host, pages in sorted(self.host_pages.items(), key=lambda item: (-item[1], item[0]))
        ]

    def as_dict(self) -> dict[str, Any]:
        """The ``--summary --format json`` document."""
        return {
            "version": 1,
            "summary": {"pages": self.pages, "pages_with_errors": self.failing,
                        **{severity: self.severities[severity] for severity in SEVERITIES}},
            "codes": self.codes(),
            "hosts": self.hosts(),
        }

    def render_text(self) -> Iterator[str]:
        """Two tables for people: codes, then hosts."""
        yield self.line()
        codes = self.codes()
        if codes:
            width = max(len(row["code"]) for row in codes)
            yield ""
            yield f"{'code':<{width}}  severity  {'findings':>9}  {'pages':>9}"
            for row in codes:
                yield f"{row['code']:<{width}}  {row['severity']:<8}  {row['findings']:>9,}  {row['pages']:>9,}"
        hosts = self.hosts()
        if hosts:
            names = [printable(row["host"]) for row in hosts]
            width = max(len("host"), *(len(name) for name in names))
            yield ""
            yield f"{'host':<{width}}  {'pages':>9}  {'w/ errors':>9}  {'errors':>9}  {'warnings':>9}  {'infos':>9}"
            for name, row in zip(names, hosts):
                yield (f"{name:<{width}}  {row['pages']:>9,}  {row['pages_with_errors']:>9,}  {row['error']:>9,}  "
                       f"{row['warning']:>9,}  {row['info']:>9,}")
