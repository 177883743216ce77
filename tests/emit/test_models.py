"""The models' own rules: what a NewsArticle accepts, how it normalizes, and what it refuses (with the field's path)."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from _support.common import error_locations, make_article, minimal
from newsld import (
    AnalysisNewsArticle,
    AskPublicNewsArticle,
    BackgroundNewsArticle,
    Event,
    GeoCoordinates,
    NewsArticle,
    NewsldValidationError,
    NewsMediaOrganization,
    OpinionNewsArticle,
    Organization,
    Person,
    Rating,
    ReportageNewsArticle,
    ReviewNewsArticle,
    SpeakableSpecification,
    WebPage,
    from_jsonld,
    to_jsonld,
)

SUBTYPES = (
    ReportageNewsArticle,
    AnalysisNewsArticle,
    OpinionNewsArticle,
    BackgroundNewsArticle,
    ReviewNewsArticle,
    AskPublicNewsArticle,
)


def rejected(**properties) -> pytest.ExceptionInfo:
    with pytest.raises(ValidationError) as excinfo:
        make_article(**properties)
    return excinfo


def messages(excinfo) -> str:
    return " | ".join(error["msg"] for error in excinfo.value.errors())


# ------------------------------------------------------------------------------------------------------ dates


def test_aware_datetime_text_is_kept_verbatim():
    article = make_article(datePublished="2024-05-01T09:30:00Z", dateModified="2024-05-01T12:00:00.500+02:00")
    assert article.datePublished == "2024-05-01T09:30:00Z"
    assert article.dateModified == "2024-05-01T12:00:00.500+02:00"


def test_aware_datetime_object_becomes_iso_text():
    moment = datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    assert make_article(datePublished=moment).datePublished == "2024-05-01T09:30:00+02:00"


@pytest.mark.parametrize("value", ["2024-05-01T09:30:00", "2024-05-01 09:30", datetime(2024, 5, 1, 9, 30)])
def test_naive_datetime_is_rejected(value):
    excinfo = rejected(datePublished=value)
    assert error_locations(excinfo) == [("datePublished",)]
    assert "no timezone" in messages(excinfo)


@pytest.mark.parametrize("value", ["2024-05-01", date(2024, 5, 1)])
def test_date_without_time_is_rejected(value):
    excinfo = rejected(dateCreated=value)
    assert error_locations(excinfo) == [("dateCreated",)]
    assert "date without a time" in messages(excinfo)


@pytest.mark.parametrize("value", ["yesterday", "2024-13-01T00:00:00Z", " 2024-05-01T09:30:00Z", 1714550000])
def test_non_iso_datetime_is_rejected(value):
    assert error_locations(rejected(datePublished=value)) == [("datePublished",)]


def test_date_modified_before_date_published_is_rejected():
    excinfo = rejected(datePublished="2024-05-01T10:00:00+00:00", dateModified="2024-05-01T09:59:59+00:00")
    assert "dateModified 2024-05-01T09:59:59+00:00 is before datePublished" in messages(excinfo)


def test_dates_are_compared_as_instants_not_as_text():
    # 09:00 UTC is after 10:00+02:00 (08:00 UTC), though it sorts before it as text.
    article = make_article(datePublished="2024-05-01T10:00:00+02:00", dateModified="2024-05-01T09:00:00Z")
    assert article.dateModified == "2024-05-01T09:00:00Z"
    assert make_article(datePublished="2024-05-01T10:00:00Z", dateModified="2024-05-01T10:00:00Z")


def test_event_end_before_start_is_rejected():
    with pytest.raises(ValidationError, match="endDate .* is before startDate"):
        Event(name="Summit", startDate="2024-05-02T00:00:00Z", endDate="2024-05-01T00:00:00Z")


# ------------------------------------------------------------------------------------------------------- URLs

BAD_URLS = [
    ("javascript:alert(1)", "'javascript:' URLs are not allowed"),
    ("JavaScript:alert(1)", "'javascript:' URLs are not allowed"),
    ("data:text/html,<script>alert(1)</script>", "'data:' URLs are not allowed"),
    ("vbscript:msgbox", "'vbscript:' URLs are not allowed"),
    ("/2024/05/talks", "relative URL"),
    ("talks.html", "relative URL"),
    ("//news.example.com/talks", "relative URL"),
    ("ftp://news.example.com/talks", "URL scheme 'ftp' is not allowed"),
    ("https://news.example.com/a b", "spaces or control characters"),
    ("https:///no-host", "URL scheme 'https' is not allowed"),
]


@pytest.mark.parametrize("url, message", BAD_URLS)
@pytest.mark.parametrize(
    "properties, path",
    [
        (lambda url: {"url": url}, ("url",)),
        (lambda url: {"image": ["https://news.example.com/ok.jpg", url]}, ("image", 1)),
        (lambda url: {"author": [{"name": "Jane Doe", "url": url}]}, ("author", 0, "url")),
        (lambda url: {"publisher": {"name": "Daily", "sameAs": [url]}}, ("publisher", "sameAs", 0)),
        (lambda url: {"mainEntityOfPage": url}, ("mainEntityOfPage", "url")),
    ],
    ids=["url", "image", "author.url", "publisher.sameAs", "mainEntityOfPage"],
)
def test_unsafe_or_relative_url_is_rejected_with_its_path(properties, path, url, message):
    excinfo = rejected(**properties(url))
    assert path in error_locations(excinfo)
    assert message in messages(excinfo)


def test_unsafe_url_assigned_after_construction_is_rejected():
    article = make_article()
    with pytest.raises(ValidationError):
        article.url = "javascript:alert(1)"
    assert article.url.startswith("https://")


def test_assignment_runs_the_article_rules_too():
    article = make_article(datePublished="2015-10-19T12:00:00+00:00")
    with pytest.raises(ValidationError, match="before datePublished"):
        article.dateModified = "2015-10-18T12:00:00+00:00"


def test_absolute_http_urls_are_kept_exactly():
    odd = "HTTPS://News.Example.com:8443/a/%7Euser?q=<1>&r=2#frag"
    assert make_article(url=odd).url == odd


# ------------------------------------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    "properties, path",
    [
        ({"headline": "broken \ud800 text"}, ("headline",)),
        ({"keywords": ["fine", "lone \udfff"]}, ("keywords", 1)),
        ({"author": [{"name": "Jane \udc00"}]}, ("author", 0, "name")),
    ],
)
def test_unpaired_surrogate_is_rejected(properties, path):
    assert path in error_locations(rejected(**properties))


def test_paired_astral_and_rtl_text_is_accepted():
    headline = "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 שלום مرحبا \u202e"
    assert make_article(headline=headline).headline == headline


def test_unpaired_surrogate_in_json_ld_is_rejected():
    text = json.dumps(to_jsonld(make_article())).replace("Talks will go on", "Talks \\ud800 go on")
    with pytest.raises(NewsldValidationError) as excinfo:
        from_jsonld(text)
    assert [problem.path for problem in excinfo.value.problems] == ["headline"]


@pytest.mark.parametrize(
    "properties, path",
    [
        ({"headLine": "typo"}, ("headLine",)),
        ({"author": [{"name": "Jane Doe", "nickname": "JD"}]}, ("author", 0, "nickname")),
        ({"publisher": {"name": "Daily", "founded": 1900}}, ("publisher", "founded")),
    ],
)
def test_unknown_property_is_rejected(properties, path):
    excinfo = rejected(**properties)
    assert path in error_locations(excinfo)
    assert any(error["type"] == "extra_forbidden" for error in excinfo.value.errors())


def test_headline_is_required_and_not_empty():
    with pytest.raises(ValidationError) as excinfo:
        NewsArticle.model_validate({"url": "https://news.example.com/x"})
    assert error_locations(excinfo) == [("headline",)]
    assert error_locations(rejected(headline="")) == [("headline",)]


# ------------------------------------------------------------------------------------------------ conveniences


def test_author_given_as_plain_string_is_a_person():
    article = make_article(author="Jane Doe")
    assert article.author == [Person(name="Jane Doe")]


def test_authors_as_strings_and_untyped_mappings_are_people():
    article = make_article(author=["Jane Doe", {"name": "John Roe", "jobTitle": "Editor"}])
    assert [type(author) for author in article.author] == [Person, Person]
    assert article.author[1].jobTitle == "Editor"


def test_author_may_be_an_organization_when_typed():
    article = make_article(author=[{"@type": "Organization", "name": "Reuters"}])
    assert article.author == [Organization(name="Reuters")]


def test_publisher_without_type_is_an_organization():
    assert make_article(publisher="Daily").publisher == Organization(name="Daily")
    assert isinstance(make_article(publisher={"@type": "NewsMediaOrganization", "name": "D"}).publisher,
                      NewsMediaOrganization)


def test_single_keyword_becomes_a_list():
    assert make_article(keywords="diplomacy").keywords == ["diplomacy"]
    assert make_article(keywords=["a", "b"]).keywords == ["a", "b"]


def test_main_entity_of_page_url_becomes_a_web_page():
    article = make_article(mainEntityOfPage="https://news.example.com/2024/05/talks")
    assert article.mainEntityOfPage == WebPage(url="https://news.example.com/2024/05/talks")


# ------------------------------------------------------------------------------------------------ identities


def test_person_without_name_or_description_is_rejected():
    with pytest.raises(ValidationError, match="give a name, or for an unnamed source a description"):
        Person(jobTitle="Spokesman")
    assert ("author", 0) in error_locations(rejected(author=[{"jobTitle": "Spokesman"}]))


def test_unnamed_source_is_a_person_with_a_description():
    source = Person(description="a source close to the Russian military")
    assert source.name is None


def test_organization_without_name_or_description_is_rejected():
    with pytest.raises(ValidationError, match="give a name"):
        Organization(url="https://example.com/")


def test_parent_organization_may_be_a_news_media_organization():
    child = Organization(name="Local", parentOrganization={"@type": "NewsMediaOrganization", "name": "Group"})
    assert isinstance(child.parentOrganization, NewsMediaOrganization)
    assert type(Organization(name="Local", parentOrganization={"name": "Group"}).parentOrganization) is Organization
    # Built in Python, the subtype must survive the graph too: JSON-LD carries its @type.
    article = make_article(publisher=Organization(name="Local", parentOrganization=NewsMediaOrganization(name="G")))
    assert from_jsonld(to_jsonld(article)) == article


# ---------------------------------------------------------------------------------------------------- ratings


def test_consistent_rating_is_accepted():
    rating = Rating(ratingValue=1, worstRating=1, bestRating=5, alternateName="False")
    assert (rating.worstRating, rating.ratingValue, rating.bestRating) == (1, 1, 5)


@pytest.mark.parametrize(
    "scale, message",
    [
        ({"worstRating": 5, "bestRating": 5}, "worstRating must be below bestRating"),
        ({"worstRating": 5, "bestRating": 1}, "worstRating must be below bestRating"),
        ({"ratingValue": 6, "bestRating": 5}, "ratingValue 6 is above bestRating 5"),
        ({"ratingValue": 0, "worstRating": 1}, "ratingValue 0 is below worstRating 1"),
    ],
)
def test_inconsistent_rating_is_rejected(scale, message):
    with pytest.raises(ValidationError, match=message):
        Rating(alternateName="False", **scale)


def test_rating_needs_a_textual_verdict():
    with pytest.raises(ValidationError):
        Rating(ratingValue=1, alternateName="")


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_rating_is_rejected(value):
    with pytest.raises(ValidationError) as excinfo:
        Rating(ratingValue=value, alternateName="False")
    assert error_locations(excinfo) == [("ratingValue",)] * len(excinfo.value.errors())


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("field", ["latitude", "longitude"])
def test_non_finite_coordinates_are_rejected(field, value):
    with pytest.raises(ValidationError) as excinfo:
        GeoCoordinates(**{"latitude": 0, "longitude": 0, field: value})
    assert error_locations(excinfo) == [(field,)] * len(excinfo.value.errors())


def test_coordinates_out_of_range_are_rejected():
    with pytest.raises(ValidationError):
        GeoCoordinates(latitude=90.5, longitude=0)
    with pytest.raises(ValidationError):
        GeoCoordinates(latitude=0, longitude=-180.1)


# -------------------------------------------------------------------------------------------------- speakable


def test_speakable_with_one_locator_is_accepted():
    assert SpeakableSpecification(cssSelector=".headline").cssSelector == [".headline"]
    assert SpeakableSpecification(xpath=["/html/head/title"]).xpath == ["/html/head/title"]


@pytest.mark.parametrize("locators", [{}, {"cssSelector": ".headline", "xpath": "/html/head/title"}])
def test_speakable_needs_exactly_one_locator(locators):
    with pytest.raises(ValidationError, match="cssSelector or xpath, not both and not neither"):
        SpeakableSpecification(**locators)


# --------------------------------------------------------------------------------------------------- subtypes


@pytest.mark.parametrize("cls", SUBTYPES, ids=lambda cls: cls.__name__)
def test_article_subtype_keeps_its_type_through_the_graph(cls):
    type_name = cls.__name__
    article = cls.model_validate(minimal(**{"@type": type_name}))
    assert article.type == type_name and isinstance(article, NewsArticle)
    doc = to_jsonld(article)
    assert doc["@graph"][0]["@type"] == type_name
    back = from_jsonld(doc)
    assert type(back) is cls and back == article


@pytest.mark.parametrize("cls", SUBTYPES, ids=lambda cls: cls.__name__)
def test_article_class_refuses_another_type(cls):
    with pytest.raises(ValidationError):
        NewsArticle.model_validate(minimal(**{"@type": cls.__name__}))
