"""HTML and front matter to aligned body text.

BeautifulSoup (with lxml) decides what the page's text is: scripts, styles, comments,
iframes and widget boxes go, block elements become line breaks. It does not say where a
text node stood in the source, so the raw markup is scanned once, linearly, into its
visible characters (entity references decoded, each mapped to its source span), and each
text node BeautifulSoup keeps is found in that stream in document order.
"""

from __future__ import annotations

import html as html_lib
import re
from array import array
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from .offsets import AlignedText

if TYPE_CHECKING:  # imported where used: plain text needs neither BeautifulSoup nor YAML
    from bs4 import Tag

_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HTML_HINT = re.compile(r"<(?:p|div|br|span|html|body|article|section|h[1-6]|table|img|a)\b[^>]{0,500}>", re.IGNORECASE)
_DROP_TAGS = ("script", "style", "noscript", "iframe", "template", "head", "svg", "button", "select", "form", "nav", "footer")
_BLOCK_TAGS = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li ul ol tr td th table section article header aside "
    "blockquote figure figcaption pre hr dl dt dd address main center".split()
)
#: class / id words of widget boxes that are page furniture, not article text.
_FURNITURE = re.compile(
    r"(?:^|[-_ ])(?:qr|qrcode|appendqr|share|sharebox|social|editor|copyright|related|recommend|"
    r"breadcrumb|navbar|nav|footer|sidebar|comment|comments|advert|ads?|banner|toolbar|login)(?:$|[-_ \d])",
    re.IGNORECASE,
)
#: How far past the previous match a text node is looked for in the visible stream.
_SEARCH_WINDOW = 200_000


def split_front_matter(text: str) -> tuple[dict[str, Any], int]:
    """YAML front matter at the start of ``text`` as a dict, and where the body starts."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    import yaml

    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        data = None
    return (data if isinstance(data, dict) else {}), match.end()


def front_matter_metadata(data: dict[str, Any]) -> dict[str, Any]:
    """Front-matter keys mapped to :class:`~zhinvest.schema.Metadata` fields."""
    categories = data.get("categories") or data.get("tags") or ()
    if isinstance(categories, str):
        categories = [categories]
    return {
        "title": _str_or_none(data.get("title")),
        "date": normalise_date(data.get("date")),
        "source": _str_or_none(data.get("source") or data.get("author")),
        "author": _str_or_none(data.get("author")),
        "url": _str_or_none(data.get("url") or data.get("link") or data.get("permalink")),
        "categories": tuple(str(c) for c in categories if c is not None),
    }


def normalise_date(value: Any) -> str | None:
    """A date as ISO ``YYYY-MM-DD`` from RFC 2822, ISO or Chinese ``2021年4月7日`` forms."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    text = str(value).strip()
    match = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            return datetime(year, month, day).date().isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def looks_like_html(text: str) -> bool:
    return _HTML_HINT.search(text[:20_000]) is not None


def html_to_aligned(source: str, start: int = 0) -> AlignedText:
    """The visible body text of ``source[start:]`` as lines, one per block, aligned to ``source``."""
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction, Tag
    from bs4.element import NavigableString

    markup = source[start:]
    stream = _visible_stream(markup, start)
    soup = BeautifulSoup(markup, "lxml")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_furniture):
        tag.decompose()
    blocks: list[list[AlignedText]] = [[]]
    cursor = 0
    current_block: Any = None
    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name in _BLOCK_TAGS and blocks[-1]:
                blocks.append([])
            continue
        if not isinstance(node, NavigableString) or isinstance(
            node, (Comment, Declaration, Doctype, ProcessingInstruction)
        ):
            continue
        block = next((parent for parent in node.parents if parent.name in _BLOCK_TAGS), None)
        if block is not current_block and blocks[-1]:
            blocks.append([])
        current_block = block
        string = str(node)
        if not string.strip():
            if blocks[-1]:
                blocks[-1].append(_space_like(string, stream, cursor))
            continue
        found = stream.text.find(string, cursor, cursor + _SEARCH_WINDOW + len(string))
        if found < 0:
            piece = _approximate(string, stream, cursor)
        else:
            piece = stream.slice(found, found + len(string))
            cursor = found + len(string)
        blocks[-1].append(piece)
    lines = [AlignedText.join(parts, "") for parts in blocks if parts]
    return AlignedText.join(lines, "\n")


def _is_furniture(tag: Tag) -> bool:
    if tag.name in ("p", "span", "font", "a", "b", "strong", "em", "i"):
        return False
    words = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
    return bool(words.strip()) and _FURNITURE.search(words) is not None


def _space_like(string: str, stream: AlignedText, cursor: int) -> AlignedText:
    """Whitespace between inline nodes: one space, mapped to the stream position."""
    at = stream.starts[cursor] if cursor < len(stream) else (stream.ends[-1] if len(stream) else 0)
    return AlignedText(" ", array("q", [at]), array("q", [at]))


def _approximate(string: str, stream: AlignedText, cursor: int) -> AlignedText:
    """A node the parser changed (repaired markup): map it to where the stream stands."""
    at = stream.starts[cursor] if cursor < len(stream) else (stream.ends[-1] if len(stream) else 0)
    return AlignedText(string, array("q", [at] * len(string)), array("q", [at + 1] * len(string)))


#: A numeric reference takes all its digits, as HTML parsers do (``&#99999999;`` is one U+FFFD).
_MARKUP = re.compile(r"<!--|<(/?)([a-zA-Z][a-zA-Z0-9]*)|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]{1,31});?|\r\n")
#: The longest numeric reference to a code point (``&#1114111``, ``&#x10FFFF``); a longer one names none.
_LONGEST_NUMERIC_REFERENCE = 10


def _visible_stream(markup: str, offset: int) -> AlignedText:
    """The characters of ``markup`` outside tags, comments, scripts and styles.

    Entity references become the characters they stand for, ``\\r\\n`` becomes ``\\n``;
    each character keeps its span in the source. One pass, no backtracking.
    """
    texts: list[str] = []
    starts = array("q")
    ends = array("q")
    position = 0
    length = len(markup)

    def keep(a: int, b: int) -> None:
        texts.append(markup[a:b])
        starts.extend(range(offset + a, offset + b))
        ends.extend(range(offset + a + 1, offset + b + 1))

    while position < length:
        match = _MARKUP.search(markup, position)
        if match is None:
            keep(position, length)
            break
        keep(position, match.start())
        token = match.group(0)
        if token == "<!--":
            close = markup.find("-->", match.end())
            position = length if close < 0 else close + 3
        elif token.startswith("<"):
            close = markup.find(">", match.end())
            if close < 0:
                position = length
                continue
            name = match.group(2).lower()
            position = close + 1
            if not match.group(1) and name in ("script", "style"):
                end_tag = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(markup, position)
                position = length if end_tag is None else end_tag.end()
        elif token == "\r\n":
            texts.append("\n")
            starts.append(offset + match.start())
            ends.append(offset + match.end())
            position = match.end()
        else:
            too_long = token.startswith("&#") and len(token.rstrip(";")) > _LONGEST_NUMERIC_REFERENCE
            decoded = "\ufffd" if too_long else html_lib.unescape(token)  # unescape would parse every digit
            if decoded == token:
                keep(match.start(), match.end())
            else:
                texts.append(decoded)
                starts.extend([offset + match.start()] * len(decoded))
                ends.extend([offset + match.end()] * len(decoded))
            position = match.end()
    return AlignedText("".join(texts), starts, ends)


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
