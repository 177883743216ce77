"""Reports as SARIF 2.1.0 (``check --format sarif``), the format CI code-scanning views read.

One rule per finding code (its description and a level from its severity), one result per finding. The artifact is
the page file; a block's finding is located at the block's start tag (line and column, columns in characters), a
page-level finding at the page. The JSON path of a finding inside its block is the result's logical location.

Written as the reports come, in memory flat in the number of pages: the rules are known before the first page, the
results follow one a line, and the pages checked (``run.artifacts``) are kept in a temporary file until the end.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Iterable
from typing import IO, Any
from urllib.parse import quote

from .. import __version__
from .._findings import Finding, utf8_json
from ._codes import all_codes
from ._report import Report, severity_rank

__all__ = ["LEVELS", "SARIF_SCHEMA", "artifact_uri", "write_sarif"]

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_INFORMATION_URI = "https://schema.org/NewsArticle"
# Characters a URI may carry as they are (RFC 3986: reserved and unreserved, and "%" of an existing escape).
_URI_SAFE = ":/?#[]@!$&'()*+,;=-._~%"



def artifact_uri(source: str | None) -> str:
    """The page as a URI reference: an address as it is, a file name (relative stays relative) percent-encoded."""
    name = source or "<unknown>"
    if re.match(r"[A-Za-z][A-Za-z0-9+.\-]+://", name):
        return quote(_bytes(name), safe=_URI_SAFE)
    if name.startswith("/"):
        return "file://" + quote(_bytes(name), safe="/")
    return quote(_bytes(name.replace("\\", "/")), safe="/")


def _bytes(name: str) -> bytes:
    # A file name that is not UTF-8 reaches Python with its bytes as lone surrogates: its URI carries those bytes.
    try:
        return name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogatepass")


def _rule(code: str, severity: str, description: str) -> dict[str, Any]:
    family = code.partition("/")[0]
    return {
        "id": code,
        "shortDescription": {"text": description},
        "help": {"text": f"{description}. newsld reports this as {severity} {code}; docs/codes.md lists every code."},
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": {"tags": ["newsld", family, "structured-data"], "severity": severity},
    }


def _result(
    finding: Finding, rule_index: int | None, uri: str, artifact: int, lines: dict[int, tuple[int, int]]
) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": uri, "index": artifact}}
    where = "page"
    if finding.block is not None and finding.block in lines:
        line, column = lines[finding.block]
        location["region"] = {"startLine": line, "startColumn": column}
        where = f"block {finding.block + 1}"
    name = f"{where} {finding.path}" if finding.path else where
    identity = "\0".join((uri, finding.code, str(finding.block), finding.path))
    result: dict[str, Any] = {"ruleId": finding.code}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    return {
        **result,
        "level": LEVELS[finding.severity],
        "message": {"text": f"{name}: {finding.message}"},
        "locations": [{
            "physicalLocation": location,
            "logicalLocations": [{"fullyQualifiedName": name, "kind": "object"}],
        }],
        "partialFingerprints": {"newsldFinding/v1": hashlib.sha256(identity.encode("utf-8", "surrogatepass"))
                                .hexdigest()[:32]},
    }


def write_sarif(reports: Iterable[Report], out: IO[str], *, min_severity: str = "info") -> None:
    """Write one SARIF 2.1.0 log of ``reports`` to ``out``: every finding at ``min_severity`` or above is a result."""
    codes = all_codes()
    rule_index = {code: index for index, code in enumerate(codes)}
    limit = severity_rank(min_severity)
    driver = {
        "name": "newsld",
        "semanticVersion": __version__,
        "informationUri": _INFORMATION_URI,
        "rules": [],
    }
    head = utf8_json({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}}]},
                     indent=2)
    rules = ",\n".join("            " + utf8_json(_rule(code, severity, description), compact=True)
                        for code, (severity, description) in codes.items())
    head = head.replace('"rules": []', '"rules": [\n' + rules + "\n          ]")
    # The run object is left open: its results, then its artifacts, are written as they come.
    out.write(head[: head.rindex("\n    }\n  ]\n}")] + ',\n      "columnKind": "unicodeCodePoints",\n      "results": [')
    first = True
    with tempfile.TemporaryFile("w+", encoding="utf-8") as artifacts:
        count = 0
        for report in reports:
            uri = artifact_uri(report.source)
            artifacts.write(("" if not count else ",\n") + "        " + utf8_json(
                {"location": {"uri": uri}, "roles": ["analysisTarget"], "mimeType": "text/html"}, compact=True))
            lines = {block.index: (block.line, block.column) for block in report.blocks}
            for finding in report.all_findings:
                if severity_rank(finding.severity) > limit:
                    continue
                result = _result(finding, rule_index.get(finding.code), uri, count, lines)
                out.write(("\n" if first else ",\n") + "        " + utf8_json(result, compact=True))
                first = False
            count += 1
        out.write(("" if first else "\n      ") + "],\n      \"artifacts\": [\n")
        artifacts.seek(0)
        while chunk := artifacts.read(1 << 20):
            out.write(chunk)
    out.write("\n      ]\n    }\n  ]\n}\n")
