"""What the HTML pages newsld writes (check report, preview) are made of, read with the standard library's parser:
every element and attribute, so that tests can prove that no value became markup."""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["Markup", "assert_inert"]


class Markup(HTMLParser):
    """Every start tag with its attributes, in order, and the text of each ``<script>`` element."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self._script_text: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "script":
            self._in_script, self._script_text = attributes, []

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        if self._in_script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._script_text)))
            self._in_script = None

    def tags(self) -> set[str]:
        return {tag for tag, _ in self.elements}


def assert_inert(page: str, allowed_tags: set[str], *, scripts: int = 0) -> Markup:
    """No element outside ``allowed_tags``, no event-handler attribute, every link an anchor in the page or an absolute
    http(s) URL, and exactly ``scripts`` executable script elements (JSON data blocks aside)."""
    markup = Markup(page)
    assert markup.tags() <= allowed_tags, markup.tags() - allowed_tags
    for tag, attributes in markup.elements:
        handlers = [name for name in attributes if name.startswith("on")]
        assert not handlers, (tag, handlers)
        for name in ("href", "src", "xlink:href", "action", "formaction"):
            value = attributes.get(name)
            if value is not None:
                assert value.startswith("#") or value.startswith(("http://", "https://")), (tag, name, value)
    code = [text for attributes, text in markup.scripts if attributes.get("type") != "application/json"]
    assert len(code) == scripts, code[:3]
    return markup
