"""A saved news page (.html/.htm) → the article's readable text.

The page is decoded (a BOM, else its `<meta charset>`, else the decoder's guess), page chrome
that is never article text (navigation, menus, sidebars, footers, forms, scripts, styles) is
dropped, and trafilatura picks the article's title and paragraphs out of what is left,
skipping ads, share bars and related-article lists. The result is laid out like the .txt
articles — title line, outlet/date line, author line, one paragraph per line — so metadata
and figures are found the same way; figure spans index into this text, which is what
`article_texts` stores.
"""

from __future__ import annotations

import codecs
import re
from datetime import date

import lxml.html
from lxml import etree

from prakerja_etl.errors import UnreadableInput
from prakerja_etl.text.decode import decode_bytes

# A page with more elements than this is not a news article page; trafilatura's time grows
# faster than linearly with the tree (about 7 s for 60,000 elements), so such a page is refused.
MAX_ELEMENTS = 100_000
NO_TEXT = "no article text found in the HTML page"

# Elements that are page chrome wherever they stand, and never hold the article.
_CHROME = ("//script[not(@type='application/ld+json')] | //style | //noscript | //template | //iframe"
           " | //svg | //form | //button | //select | //nav | //aside | //footer | //menu"
           " | //*[@role='navigation' or @role='menu' or @role='menubar' or @role='contentinfo'"
           " or @role='complementary' or @role='search']"
           # A page header (logo, menu) — but not an article's own header with its headline.
           " | //header[not(.//h1) and not(ancestor::article)]")
_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "section", "article", "table", "ul", "ol", "dd", "dt", "figcaption", "pre", "hr")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{2,40})", re.IGNORECASE)
# Labels a browser reads as windows-1252 (WHATWG Encoding Standard); UTF-16 needs a BOM.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "ansi_x3.4-1968"}
_TAG = re.compile(r"<(?:[a-zA-Z][\w:-]*|/[a-zA-Z]|!)")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Control characters are never article text and some make lxml refuse the page.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember")


def read_html(data: bytes) -> tuple[str, str]:
    """(article text, encoding the page was decoded with)."""
    markup, encoding = decode_html(data)
    markup = _CONTROLS.sub("", markup)
    if not _TAG.search(markup):
        # Plain text saved under an .html name: it is the article as it stands.
        return markup, encoding
    tree = _parse(markup)
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_ELEMENTS:
        raise UnreadableInput(f"the HTML page has {elements:,} elements, more than the {MAX_ELEMENTS:,} "
                              f"a news article page has; not extracted")
    _drop(tree, _CHROME)
    return _extract(tree), encoding


def decode_html(data: bytes) -> tuple[str, str]:
    """The page as text: a BOM wins, then a `<meta charset>` that decodes cleanly, then the guess."""
    if data.strip() and not data.startswith(_BOMS):
        declared = _declared_charset(data[:4096])
        if declared is not None:
            try:
                return data.decode(declared), declared
            except UnicodeDecodeError:
                pass  # the declaration is wrong (a re-saved page): let the decoder guess
    return decode_bytes(data)


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return None if name.startswith("utf-16") or name.startswith("utf-32") else name


def _parse(markup: str) -> lxml.html.HtmlElement:
    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", markup, count=1))
    except (etree.ParserError, ValueError) as exc:
        reason = " ".join(str(exc).split())
        raise UnreadableInput(f"{NO_TEXT} (the markup cannot be parsed: {reason})") from exc


def _drop(tree: lxml.html.HtmlElement, xpath: str) -> None:
    for element in tree.xpath(xpath):
        if element.getparent() is not None:
            element.drop_tree()   # keeps the text that follows the element


def _extract(tree: lxml.html.HtmlElement) -> str:
    import trafilatura  # imported on first use: it takes about a second to import

    doc = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        include_links=False, deduplicate=False,
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": date.today().isoformat()})
    # A Document (a dict only with as_dict=True), None when the page has no text at all.
    if doc is None or isinstance(doc, dict) or not (paragraphs := _lines(doc.text or "")):
        raise UnreadableInput(f"{NO_TEXT} (only scripts, styles, navigation or other page chrome)")
    published = _date_line(doc.date) if doc.date else None
    return compose_article(doc.title, doc.sitename or doc.hostname, published, doc.author, paragraphs)


def fragment_paragraphs(markup: str) -> list[str]:
    """Paragraphs of an HTML fragment known to be article body (scraper JSON stores such)."""
    try:
        root = lxml.html.fragment_fromstring(_CONTROLS.sub("", markup), create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    _drop(root, _CHROME)   # the fragment is its own document: "//" searches it
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    return _lines(root.text_content())


def compose_article(title: str | None, outlet: str | None, published: str | None, author: str | None,
                    paragraphs: list[str]) -> str:
    """An article laid out like the .txt files: title, 'outlet - date', 'Penulis: …', paragraphs."""
    title = " ".join(title.split()) if title else None
    if title and paragraphs and _fold(paragraphs[0]) == _fold(title):
        paragraphs = paragraphs[1:]
    head = [title] if title else []
    byline = " - ".join(" ".join(part.split()) for part in (outlet, published) if part and part.strip())
    head += [byline] if byline else []
    head += [f"Penulis: {' '.join(author.split())}"] if author and author.strip() else []
    return "\n".join(head + paragraphs) + "\n"


def date_text(day: date) -> str:
    """'23 Februari 2021': the form the metadata reader takes for a publication date."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _date_line(iso: str) -> str | None:
    try:
        return date_text(date.fromisoformat(iso[:10]))
    except ValueError:
        return None


def _lines(text: str) -> list[str]:
    """Non-empty lines, inner whitespace collapsed."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
