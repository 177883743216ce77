"""FastAPI, as docs/templates.md shows it: Jinja2Templates pages, a JSON-LD endpoint, and the models as API models.

A real FastAPI app driven by its TestClient: no warning from pydantic or newsld, no "@id": null.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="FastAPI is in the test extra: pip install '.[test]'")
pytest.importorskip("httpx", reason="httpx (FastAPI's TestClient) is in the test extra: pip install '.[test]'")

from fastapi import FastAPI, Request  # noqa: E402
from fastapi.responses import HTMLResponse, Response  # noqa: E402
from fastapi.templating import Jinja2Templates  # noqa: E402

import newsld  # noqa: E402
from _support.cms import SEED, ld_json_texts  # noqa: E402

SITE = newsld.Site(
    url="https://example.com/",
    name="Example News",
    publisher=newsld.NewsMediaOrganization(name="Example News", url="https://example.com/"),
)


def make_app(templates_dir: Path):
    # The recipe of docs/templates.md, as a user writes it.
    templates = Jinja2Templates(directory=templates_dir)
    templates.env.add_extension("newsld.jinja.JsonLdExtension")
    templates.env.newsld_site = SITE  # optional: what every page shares

    articles = {"syria": newsld.load(SEED)}
    app = FastAPI()

    @app.get("/articles/{slug}", response_class=HTMLResponse)
    def article_page(request: Request, slug: str):
        return templates.TemplateResponse(request, "article.html", {"article": articles[slug]})

    @app.get("/api/articles/{slug}.jsonld", response_class=Response)
    def article_jsonld(slug: str):
        return Response(newsld.dumps(articles[slug], site=SITE), media_type="application/ld+json")

    @app.get("/api/articles/{slug}", response_model=newsld.NewsArticle)
    def article_model(slug: str):
        return articles[slug]

    @app.post("/api/articles", response_model=newsld.NewsArticle)
    def create(article: newsld.NewsArticle):
        articles[article.url.rsplit("/", 1)[-1]] = article
        return article

    return app


@pytest.fixture()
def client(tmp_path):
    from fastapi.testclient import TestClient

    (tmp_path / "article.html").write_text(
        "<!DOCTYPE html><html><head><title>{{ article.headline }}</title>{{ article | jsonld }}</head>"
        "<body><h1>{{ article.headline }}</h1></body></html>"
    )
    return TestClient(make_app(tmp_path))


def _ours(caught) -> list[str]:
    # Starlette's own notice about its httpx client is about the test tool, not about the app.
    return [f"{w.category.__name__}: {w.message}" for w in caught if "starlette" not in str(w.message).lower()]


def test_a_jinja2templates_page_embeds_the_article_with_the_site(client):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = client.get("/articles/syria")
    assert response.status_code == 200
    (text,) = ld_json_texts(response.text)
    assert json.loads(text) == newsld.to_jsonld(newsld.load(SEED), site=SITE)
    report = newsld.check_html(response.text)
    assert not report.has_errors
    assert _ours(caught) == []


def test_the_jsonld_endpoint_serves_exactly_what_dumps_emits(client):
    response = client.get("/api/articles/syria.jsonld")
    assert response.headers["content-type"] == "application/ld+json"
    assert response.text == newsld.dumps(newsld.load(SEED), site=SITE)


def test_the_model_as_response_and_body_has_no_nulls_and_no_warnings(client):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = client.get("/api/articles/syria")
        posted = client.post("/api/articles", json={"headline": "x", "url": "https://example.com/x", "author": "Jane"})
        schema = client.get("/openapi.json")
    assert got.status_code == posted.status_code == schema.status_code == 200
    assert "null" not in got.text and '"@id"' not in got.text
    assert newsld.ReportageNewsArticle.model_validate(got.json()) == newsld.load(SEED)
    assert posted.json() == {"@type": "NewsArticle", "headline": "x", "url": "https://example.com/x",
                             "author": [{"@type": "Person", "name": "Jane"}]}
    assert _ours(caught) == []
    bad = client.post("/api/articles", json={"headline": "x", "url": "javascript:alert(1)"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "url"]
