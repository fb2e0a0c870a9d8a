"""A news scraper's JSON article (.json) → article text laid out like the .txt articles.

One file holds one article: a JSON object with the usual scraper keys (any case, `_`/`-`
ignored), e.g.

    {"title": "…", "date": "2021-02-23T10:15:00+07:00", "author": "…", "source": "Liputan6.com",
     "url": "https://www.liputan6.com/…", "content": "<p>…</p><p>…</p>"}

Keys, the first present of each wins:

- title: title, headline, judul;
- body: content, body, text, article, maintext, articleBody, fulltext, isi, paragraphs — a
  string (plain text or HTML) or a list of paragraphs (strings, or objects with a `text`);
- date: date, published_at, datetime, published, publish_date, date_publish, datePublished,
  pubDate, tanggal — ISO 8601, epoch seconds or milliseconds, or text as printed;
- author: author, authors, byline, writer, penulis, reporter — text, a list, objects with a `name`;
- outlet: source, outlet, publisher, site_name, source_domain, hostname, media — else the host
  of `url` (url, link, canonical_url, source_url).

The text is: title line, 'outlet - date' line, 'Penulis: author' line, one paragraph a line.
An object that wraps the article under `article`, `data`, `item`, `post`, `result` or `story` is
unwrapped. A list holding exactly one article is that article; a list of several is refused
(one file = one article: several articles in one file would share one source_file and one
content hash, so a changed article could not be told apart) — the scraper should write one
file per article. Invalid JSON is refused with the parser's message.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from prakerja_etl.errors import UnreadableInput
from prakerja_etl.settings import Settings
from prakerja_etl.sources.bounded import load_json
from prakerja_etl.sources.html_article import compose_article, date_text, fragment_paragraphs
from prakerja_etl.text.decode import decode_bytes

TITLE_KEYS = ("title", "headline", "judul")
BODY_KEYS = ("content", "body", "text", "article", "maintext", "articlebody", "fulltext", "contenthtml",
             "bodyhtml", "articletext", "isi", "paragraphs")
DATE_KEYS = ("date", "publishedat", "datetime", "published", "publishdate", "datepublish",
             "datepublished", "pubdate", "publishedtime", "tanggal")
AUTHOR_KEYS = ("author", "authors", "byline", "writer", "penulis", "reporter")
OUTLET_KEYS = ("source", "outlet", "publisher", "sitename", "site", "sourcedomain", "hostname", "media")
URL_KEYS = ("url", "link", "canonicalurl", "sourceurl")
WRAPPER_KEYS = ("article", "data", "item", "post", "result", "story")
# Keys of a paragraph object in a list-valued body.
_PARAGRAPH_KEYS = ("text", "content", "html", "value", "body")
_NAME_KEYS = ("name", "title", "text")
_TAG = re.compile(r"<(?:[a-zA-Z][\w:-]*|/[a-zA-Z])[^<>]*>")
_WIB = timezone(timedelta(hours=7))   # epoch timestamps are shown as the outlet's (Jakarta) date


def read_json(data: bytes) -> tuple[str, str]:
    """(article text, encoding the file was decoded with)."""
    text, encoding = decode_bytes(data)
    doc = load_json(text, "the file", Settings.from_env().max_nesting)
    article = _article(doc)
    fields = {_fold_key(k): v for k, v in article.items()}
    paragraphs = _body(_first(fields, BODY_KEYS))
    if not paragraphs:
        keys = ", ".join(list(map(str, article))[:12]) or "none"
        raise UnreadableInput(f"the JSON article has no body text: expected a non-empty content, body, text "
                              f"or article field (keys found: {keys})")
    outlet = _name(_first(fields, OUTLET_KEYS))
    if outlet is None or "/" in outlet:
        outlet = _host(outlet) or _host(_name(_first(fields, URL_KEYS)))
    return compose_article(_name(_first(fields, TITLE_KEYS)), outlet, _published(_first(fields, DATE_KEYS)),
                           _name(_first(fields, AUTHOR_KEYS)), paragraphs), encoding


def _article(doc: Any) -> dict[str, Any]:
    """The one article object the file holds."""
    if isinstance(doc, list):
        if not doc:
            raise UnreadableInput("the JSON file holds an empty list, not an article")
        if len(doc) > 1:
            raise UnreadableInput(f"the JSON file holds a list of {len(doc)} articles; one file must hold "
                                  f"one article (have the scraper write one .json file per article)")
        doc = doc[0]
    if not isinstance(doc, dict):
        raise UnreadableInput(f"the JSON file holds {_kind(doc)}, not an article object with a title and "
                              f"content")
    fields = {_fold_key(k): v for k, v in doc.items()}
    if not any(isinstance(fields.get(k), str | list) for k in BODY_KEYS):
        wrapped = next((fields[k] for k in WRAPPER_KEYS if isinstance(fields.get(k), dict)), None)
        if wrapped is not None:
            return _article(wrapped)
    return doc


def _body(value: Any) -> list[str]:
    """Paragraphs of a body: plain text, HTML, or a list of either (or of paragraph objects)."""
    if isinstance(value, str):
        if _TAG.search(value):
            return fragment_paragraphs(value)
        return [" ".join(line.split()) for line in value.splitlines() if line.strip()]
    if isinstance(value, list):
        return [p for item in value for p in _body(_first(_folded(item), _PARAGRAPH_KEYS)
                                                      if isinstance(item, dict) else item)]
    return []


def _published(value: Any) -> str | None:
    """The publication date as '23 Februari 2021' when it is machine-readable, else as printed."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return date_text(datetime.fromtimestamp(seconds, UTC).astimezone(_WIB).date())
        except (OverflowError, OSError, ValueError):
            return None
    text = _name(value)
    if text is None:
        return None
    try:
        return date_text(datetime.fromisoformat(text.replace("Z", "+00:00")).date())
    except ValueError:
        pass
    try:
        return date_text(date.fromisoformat(text[:10]))
    except ValueError:
        return text   # 'Selasa, 23 Feb 2021 10:15 WIB': the metadata reader parses it


def _name(value: Any) -> str | None:
    """A field as one line of text: strings joined, objects by their name."""
    if isinstance(value, str):
        text = " ".join(value.split())
        return text or None
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _name(_first(_folded(value), _NAME_KEYS))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _host(url: str | None) -> str | None:
    """'https://www.liputan6.com/news/…' → 'liputan6.com'."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.") or None


def _first(fields: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """The first of `keys` with a non-empty value."""
    return next((fields[k] for k in keys if fields.get(k) not in (None, "", [], {})), None)


def _folded(item: dict[str, Any]) -> dict[str, Any]:
    return {_fold_key(k): v for k, v in item.items()}


def _fold_key(key: Any) -> str:
    """'published_at', 'Published-At', 'publishedAt' → 'publishedat'."""
    return re.sub(r"[^a-z0-9]", "", str(key).lower())


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "null" if value is None else f"a {type(value).__name__}"
