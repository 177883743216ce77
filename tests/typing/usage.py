"""Code a newsld user writes, type-checked in CI: pyright (standard) and mypy --strict, with and without pydantic's
mypy plugin, must report nothing here (tests/test_typing.py). Every README example that calls Python is in it."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import newsld

published = datetime(2015, 10, 11, 9, 0, tzinfo=timezone.utc)

person = newsld.Person(name="Dmitry Medvedev", jobTitle="Prime Minister of Russia")
unnamed = newsld.Person(description="a source close to the Russian military")
publisher = newsld.NewsMediaOrganization(
    name="Example News",
    url="https://example.com/",
    logo=newsld.ImageObject(url="https://example.com/logo.png", width=600, height=60),
    unnamedSourcesPolicy="https://example.com/policies/sources",
)
place = newsld.Place(name="Latakia", geo=newsld.GeoCoordinates(latitude=35.5, longitude=35.8))
claim = newsld.Claim(text="Russian planes fly 50 missions a day in Syria", author=person)
quote = newsld.Quotation(text="We are defending our national interests", spokenByCharacter=person)

article = newsld.ReportageNewsArticle(
    headline="Russian Officials Want to Perform 300 Missions a Day in Syria",
    url="https://example.com/world/russia-syria-missions",
    datePublished=published,  # an aware datetime, written as ISO 8601 text
    dateModified="2015-10-12T08:00:00+00:00",
    author="Jane Doe",  # a plain name is a Person
    editor=["Max Editor"],
    publisher=publisher,
    image=newsld.ImageObject(url="https://example.com/a.jpg", width=1200, height=675),
    keywords="Syria",  # one value of a one-or-many property
    mentions=[person, place, claim],
    hasPart=[quote],
    mainEntityOfPage="https://example.com/world/russia-syria-missions",
    wordCount=812,
    id="https://example.com/world/russia-syria-missions#/article",
)
article.dateModified = datetime(2015, 10, 12, 9, 0, tzinfo=timezone.utc)  # validated on assignment too

# Reading a field gives what the model stores. (Through NewsArticle: pydantic's mypy plugin types the convenience
# fields a subclass inherits as what they accept; see plugin_limits.py.)
story: newsld.NewsArticle = article
headline: str = story.headline
first_author: newsld.Person | newsld.Organization | newsld.NewsMediaOrganization = (story.author or [])[0]
when: str | None = story.datePublished
keywords: list[str] = story.keywords or []
quotations: list[newsld.Quotation] = story.quotations
page: newsld.WebPage | None = story.mainEntityOfPage
names: list[str] | None = newsld.Thing(name="x", alternateName="y").alternateName

loaded: newsld.NewsArticle = newsld.load(Path("examples/syria-air-missions.md"))
from_text = newsld.load("headline: x\nurl: https://example.com/x\n", format="yaml")
doc: dict[str, object] = newsld.to_jsonld(loaded)
nested = newsld.to_jsonld(loaded, form="nested")
text: str = newsld.dumps(loaded, indent=2)
tag: newsld.ScriptTag = newsld.to_script_tag(loaded)
html: str = tag.__html__()
client: str = newsld.to_client_script(loaded)
back: newsld.NewsArticle = newsld.from_jsonld(doc)
assert back == loaded

result: newsld.RoundTripResult = newsld.roundtrip(newsld.load("examples/syria-air-missions.md"))
ok: bool = result.ok

findings = newsld.integrity_findings(article)
codes = [finding.code for finding in findings]
report: newsld.Report = newsld.check_html("<html></html>", url="https://example.com/a")
has_errors: bool = report.has_errors
lifted: newsld.LiftResult = newsld.lift("<html></html>")
lifted_article: newsld.NewsArticle | None = lifted.article
link: str = newsld.deep_link(article.url, "We are defending our national interests", "national interests")
fragment: str = newsld.text_fragment("We are defending our national interests", "national interests")

try:
    newsld.load("headline: x\n")
except newsld.NewsldValidationError as error:
    problems: tuple[newsld.Problem, ...] = error.problems
    paths = [problem.path for problem in problems]

review = newsld.ClaimReview(
    claimReviewed="Russian planes fly 50 missions a day",
    itemReviewed=claim,
    reviewRating=newsld.Rating(ratingValue=2, bestRating=5, worstRating=1, alternateName="Mostly false"),
    author="Example News",
    datePublished=published,
)
correction = newsld.CorrectionComment(text="An earlier version misnamed the airbase.", datePublished=published)
event = newsld.Event(name="Syrian civil war", startDate=published, location=place)
paywall = newsld.WebPageElement(isAccessibleForFree=False, cssSelector=".paywall")
speakable = newsld.SpeakableSpecification(cssSelector=[".headline", ".summary"])
thing = newsld.Thing(name="Air mission", sameAs="https://www.wikidata.org/wiki/Q1")
organization = newsld.Organization(name="Russian Ministry of Defence", parentOrganization="Government of Russia")
reporter = newsld.Person(name="Jane Doe", worksFor="Example News", affiliation=[publisher])

site = newsld.Site(
    url="https://example.com/",
    name="Example News",
    inLanguage="en",
    publisher=publisher,
    searchUrl="https://example.com/search?q={search_term_string}",
)
site_doc = newsld.to_jsonld(article, site=site, form="nested")
site_text: str = newsld.dumps(article, site=site, indent=2)
site_tag: newsld.ScriptTag = newsld.to_script_tag(article, site=site)
site_back: newsld.NewsArticle = newsld.from_jsonld(site_doc, site=site)
site_result: newsld.RoundTripResult = newsld.roundtrip(article, site=site)
website: newsld.WebSite = site.website
completed: newsld.NewsArticle = site.complete(article)
from_file: newsld.Site = newsld.load_site({"url": "https://example.com/", "name": "X", "publisher": {"name": "X"}})
page_with_trail = newsld.WebPage(
    url="https://example.com/world/russia-syria-missions",
    isPartOf=website,
    breadcrumb=newsld.BreadcrumbList.of(("World", "https://example.com/world"), ("Syria", None)),
)
