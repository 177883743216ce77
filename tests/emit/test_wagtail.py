"""Wagtail, for real: a fresh ``wagtail start`` project, the README's recipe, a published page rendered by Django.

The test makes the project as a newsroom would (``wagtail start``, an ``ArticlePage`` model with an image, the template
of docs/templates.md, ``newsld.django`` installed, migrations on SQLite), publishes a page, renders it through Django's
test client, and compares the JSON-LD on the page with what newsld.wagtail makes of the page; ``newsld check`` of the
page finds no error and no warning but the author's missing url, and calls the article eligible for Google's rich
result.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("wagtail", reason="Wagtail is in the test extra: pip install '.[test]'")

import newsld  # noqa: E402
from _support.cms import ld_json_texts  # noqa: E402

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "wagtail"


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict:
    project = tmp_path_factory.mktemp("wagtail-project")
    wagtail = shutil.which("wagtail", path=str(Path(sys.executable).parent)) or "wagtail"
    run([wagtail, "start", "mysite", str(project)], cwd=project)
    shutil.copytree(FIXTURE / "news", project / "news")
    with open(project / "mysite" / "settings" / "base.py", "a") as settings:
        settings.write('\nINSTALLED_APPS += ["news", "newsld.django"]\n')
    python = [sys.executable]
    run([*python, "manage.py", "makemigrations", "news"], cwd=project)
    run([*python, "manage.py", "migrate", "--no-input"], cwd=project)
    out = run([*python, str(FIXTURE / "publish_and_render.py")], cwd=project).stdout
    result = json.loads(out.strip().splitlines()[-1])
    (project / "page.html").write_text(result["html"], encoding="utf-8")
    result["page_file"] = str(project / "page.html")
    return result


def test_the_published_page_carries_what_newsld_wagtail_makes_of_it(rendered):
    assert rendered["status"] == 200
    (text,) = ld_json_texts(rendered["html"])
    assert json.loads(text) == rendered["expected"]


def test_the_defaults_come_from_the_page_its_owner_its_image_and_wagtails_site(rendered):
    graph = {node["@type"]: node for node in rendered["expected"]["@graph"]}
    article = graph["ReportageNewsArticle"]  # the model's newsld_type
    assert article["articleSection"] == ["Home"]  # from its newsld_properties()
    assert article["headline"] == "Russian Officials Want to Perform 300 Missions a Day in Syria"
    assert article["url"] == "http://localhost/russia-syria-missions/"
    assert article["description"] == "Russia's air force wants to fly 300 missions a day over Syria."
    assert article["datePublished"] == rendered["first_published_at"]
    assert article["inLanguage"] == "en"
    assert graph["Person"]["name"] == "Jane Doe"
    (image,) = article["image"]
    assert (image["width"], image["height"]) == (1200, 675)
    assert image["url"].startswith("http://localhost/media/images/missions.")
    assert graph["WebSite"] == {"@type": "WebSite", "@id": "http://localhost/#/website", "url": "http://localhost/",
                                "name": "Example News", "inLanguage": "en",
                                "publisher": {"@id": "http://localhost/#/organization/example-news"}}
    assert graph["WebPage"]["breadcrumb"]["itemListElement"][0]["item"] == "http://localhost/"
    assert article["publisher"] == {"@id": "http://localhost/#/organization/example-news"}


# The one warning a default Wagtail page gets: a Wagtail user has no profile page, so the author has no url (Google
# recommends one; a page model adds it with newsld_properties).
EXPECTED_WARNINGS = ["google/author-missing-url"]


def test_newsld_check_finds_no_error_and_no_warning_but_the_authors_missing_url(rendered):
    report = newsld.check_html(rendered["html"], url="http://localhost/russia-syria-missions/")
    findings = [*report.findings, *(finding for block in report.blocks for finding in block.findings)]
    assert [f.code for f in findings if f.severity in ("error", "warning")] == EXPECTED_WARNINGS
    assert [article.verdict for article in report.articles] == ["eligible"]
    # And as a user runs it, on the saved page.
    done = subprocess.run([sys.executable, "-m", "newsld", "check", rendered["page_file"], "--severity", "warning"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    shown = [line.split()[1] for line in done.stdout.splitlines() if line.strip().startswith(("error ", "warning "))]
    assert shown == EXPECTED_WARNINGS and "article: eligible" in done.stdout
