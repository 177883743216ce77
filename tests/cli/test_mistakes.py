"""The usual mistakes of someone writing their first article source: each is one line, FILE:LINE:COLUMN: path: message,
with the fix in the message and no validator's own words where newsld's say it better."""

from __future__ import annotations

import pytest

from newsld.cli import main

HEAD = "headline: Talks\nurl: https://news.example.com/talks\n"

MISTAKES = [
    # (file name, source, the one line printed for it)
    ("misspelt.yaml", HEAD + "datepublished: 2024-05-01T09:30:00+02:00\n",
     "misspelt.yaml:3:1: datepublished: not a property newsld knows on NewsArticle; did you mean datePublished?"),
    ("misspelt-nested.yaml", HEAD + "author: [jane]\nentities:\n  jane: {'@type': Person, nmae: Jane Doe}\n",
     "misspelt-nested.yaml:5:27: entities.jane.nmae: not a property newsld knows on Person; did you mean name?"),
    ("type.yaml", HEAD + "publisher: {'@type': Organisation, name: Example News}\n",
     "type.yaml:3:13: publisher.@type: 'Organisation' is not a type newsld takes here; expected Person, Organization "
     "or NewsMediaOrganization; did you mean Organization?"),
    ("tabs.yaml", HEAD + "author:\n\t- Jane Doe\n",
     "tabs.yaml:4:1: (document): malformed YAML: YAML does not allow tabs for indentation: indent with spaces"),
    ("colon.yaml", "headline: Breaking: talks resume\nurl: https://news.example.com/talks\n",
     'colon.yaml:1:19: (document): malformed YAML: a \': \' inside a value: put the value in quotes (headline: '
     '"Breaking: the news")'),
    ("comma.json", '{\n  "headline": "Talks",\n  "url": "https://news.example.com/talks",\n}\n',
     "comma.json:3:42: (document): malformed JSON: a trailing comma after the last item; JSON allows none"),
    ("list-comma.json", '{"headline": "Talks", "url": "https://news.example.com/talks",\n "keywords": ["a", "b",]}\n',
     "list-comma.json:2:23: (document): malformed JSON: a trailing comma after the last item; JSON allows none"),
    ("quotes.json", "{'headline': 'Talks'}\n",
     "quotes.json:1:2: (document): malformed JSON: JSON strings and keys take double quotes (\"...\"), not single ones"),
    ("image.yaml", HEAD + "image: /images/talks.jpg\n",
     "image.yaml:3:1: image[0]: relative URL '/images/talks.jpg'; give an absolute http(s) URL"),
    ("count.yaml", HEAD + "wordCount: about 500\n",
     "count.yaml:3:1: wordCount: expected a whole number, found 'about 500'"),
    ("id.yaml", HEAD + "author: [jnae]\nentities:\n  jane: {'@type': Person, name: Jane Doe}\n",
     "id.yaml:3:10: author[0]: unknown entity id 'jnae'; did you mean jane?"),
    ("naive.yaml", HEAD + "datePublished: 2024-05-01T09:30:00\n",
     "naive.yaml:3:1: datePublished: '2024-05-01T09:30:00' has no timezone; a naive date-time is ambiguous, add e.g. "
     "+00:00 or Z"),
    ("quote.md", "---\n" + HEAD + "hasPart:\n  - {'@type': Quotation, text: We will go, spokenByCharacter: jane}\n"
     "mentions: [jane]\nentities:\n  jane: {'@type': Person, name: Jane Doe}\n---\n\nJane said “we will not go”.\n",
     "quote.md:5:26: hasPart[0].text: error integrity/quotation-not-in-body: “We will go” is not in the article body. "
     "Closest passage (75% alike): “we will not go”; the article also has “not” there"),
]


@pytest.mark.parametrize("name, source, expected", MISTAKES, ids=[name for name, _, _ in MISTAKES])
def test_each_mistake_is_one_precise_line(tmp_path, monkeypatch, capsys, name, source, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(source, encoding="utf-8")
    status = main(["validate", "-q", name])
    out, err = capsys.readouterr()
    assert status == 1
    assert (out + err).splitlines() == [expected]


def test_a_name_where_a_person_goes_is_no_mistake(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "byline.yaml").write_text(HEAD + "author: Jane Doe\npublisher: Example News\n", encoding="utf-8")
    assert main(["validate", "byline.yaml"]) == 0
    assert capsys.readouterr().out == "byline.yaml: valid NewsArticle (0 quotations, 0 claims, 0 mentions)\n"
