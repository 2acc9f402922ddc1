"""The reader: a path, bytes or text in; one clean Simplified text with a source map out.

>>> article = read("蔚能(上海)電池科技有限公司擬投資50億元")
>>> article.text
'蔚能(上海)电池科技有限公司拟投资50亿元'
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from typing import Any
from pathlib import Path
from typing import Literal

from ..errors import Errors, InputError
from ..schema import Damage, Entity, Metadata
from .decode import decode as _decode  # not `decode`: that name is the submodule
from .html import front_matter_metadata, html_to_aligned, looks_like_html, split_front_matter
from .normalise import clean_lines, collapse_spaces, fold_width, remove_pinyin_glosses, to_simplified
from .offsets import AlignedText, Edit

__all__ = [
    "ARTICLE_SUFFIXES", "CORPUS_SUFFIXES", "MAX_INPUT_BYTES", "Article", "AlignedText", "Edit", "ReadAs",
    "is_path", "looks_like_path", "read", "read_file_bytes", "read_file_text", "read_text",
]

#: Larger inputs are refused with a clear message rather than read into memory.
MAX_INPUT_BYTES = 64 * 1024 * 1024
_CRLF = re.compile(r"\r\n?")


@dataclass(frozen=True)
class Article:
    """A read article: the source as written, the clean text and the map between them."""

    id: str
    source: str | None
    source_text: str
    clean: AlignedText
    metadata: Metadata

    @property
    def text(self) -> str:
        return self.clean.text

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.clean.source_span(start, end)

    def entity(self, index: int, label: str, start: int, end: int, **fields: Any) -> Entity:
        """The entity over ``[start, end)`` of the clean text, with its text, source text and
        source offsets (an ORG also gets its simplified name); ``fields`` add the rest."""
        source_start, source_end = self.source_span(start, end)
        text = self.text[start:end]
        return Entity(
            id=index,
            label=label,
            text=text,
            source_text=self.source_text[source_start:source_end],
            start=start,
            end=end,
            source_start=source_start,
            source_end=source_end,
            name_simplified=text if label == "ORG" else None,
            **fields,
        )


ReadAs = Literal["auto", "text", "path"]


def read(obj: str | bytes | os.PathLike[str], name: str | None = None, doc_id: str | None = None, *, as_: ReadAs = "auto") -> Article:
    """Read a path, raw bytes or a text into an :class:`Article`.

    ``as_="text"`` takes a ``str`` (or bytes) as the article itself and never reads a file;
    a ``str`` that :func:`looks_like_path` is then refused, as a mistyped path would
    otherwise become the article's text. ``as_="path"`` reads the file ``obj`` names.
    ``as_="auto"`` (the default) reads an ``os.PathLike`` or a ``str`` naming an existing
    file as that file, refuses a ``str`` that looks like a path of a file that does not
    exist, and takes anything else as text. An empty file (or one of white space only) is an
    error; an empty text gives an empty article. Raises :class:`~zhinvest.errors.InputError` with
    a one-line message for input that cannot be read.
    """
    if as_ == "path" or (as_ == "auto" and (isinstance(obj, os.PathLike) or (isinstance(obj, str) and is_path(obj)))):
        if not isinstance(obj, (str, os.PathLike)):
            raise InputError(Errors.E008.format(type=type(obj).__name__))
        path = Path(obj)
        decoded = _decode(read_file_bytes(path), str(path))
        if not decoded.text.strip():
            raise InputError(Errors.E024.format(name=path))  # a file, unlike a text, is not meant to be empty
        return read_text(decoded.text, source=str(obj), doc_id=doc_id or path.stem, damage=decoded.damage)
    if isinstance(obj, (bytes, bytearray, memoryview)):
        data = bytes(obj)
        if len(data) > MAX_INPUT_BYTES:
            raise InputError(Errors.E005.format(name=name or "<bytes>", size=len(data), limit=MAX_INPUT_BYTES))
        decoded = _decode(data, name or "<bytes>")
        return read_text(decoded.text, source=name, doc_id=doc_id, damage=decoded.damage)
    if isinstance(obj, str):
        if looks_like_path(obj):
            raise InputError((Errors.E009 if as_ == "text" else Errors.E001).format(name=obj))
        return read_text(obj, source=name, doc_id=doc_id)
    if as_ == "text" and isinstance(obj, os.PathLike):
        raise InputError(Errors.E009.format(name=os.fspath(obj)))
    raise InputError(Errors.E007.format(type=type(obj).__name__))


def read_text(source_text: str, source: str | None = None, doc_id: str | None = None, damage: Damage | None = None) -> Article:
    """Clean a decoded article text; see :func:`read`. ``damage`` is what decoding replaced."""
    front, body_start = split_front_matter(source_text)
    body = source_text[body_start:]
    is_html = looks_like_html(body)
    if is_html:
        clean = html_to_aligned(source_text, body_start)
    else:
        clean = AlignedText.identity(body, body_start)
        clean = clean.sub(_CRLF, "\n")
    clean = collapse_spaces(clean)
    clean = remove_pinyin_glosses(clean)
    clean = clean.translate(to_simplified)
    clean = clean.translate(fold_width)
    clean, page = clean_lines(clean, plain=not is_html)
    fields = front_matter_metadata(front) if front else {}
    metadata = Metadata(
        title=fields.get("title") or page.title,
        date=fields.get("date") or page.date,
        source=fields.get("source") or page.source,
        author=fields.get("author") or page.author,
        url=fields.get("url"),
        categories=fields.get("categories", ()),
        damage=damage,
    )
    if doc_id is None:
        doc_id = "doc_" + hashlib.sha1(source_text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Article(id=doc_id, source=source, source_text=source_text, clean=clean, metadata=metadata)


#: File endings read as articles when a folder is given.
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md", ".xhtml", ".text")
#: File endings read as corpora: one article per JSON line or CSV row.
CORPUS_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv")
_SUFFIX = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,7}\Z")
_SEPARATOR = re.compile(r"[/\\]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_NOT_IN_PATHS = re.compile(r'[\n\r\t<>|"*?\x00。，、；！？]')


def looks_like_path(text: str) -> bool:
    """Whether a ``str`` looks like a file path rather than article text: one line without
    Chinese, with a file suffix (``news.txt``) or a separator and no space (``seeds/x``);
    or any name with an article or corpus suffix (``新闻/文章.txt``).

    >>> looks_like_path("seeds/000_missing.txt"), looks_like_path("总投资5亿元")
    (True, False)
    """
    if not text or len(text) > 1024 or text != text.strip() or _NOT_IN_PATHS.search(text):
        return False
    suffix = _SUFFIX.search(text)
    if suffix and suffix.group(0).lower() in ARTICLE_SUFFIXES + CORPUS_SUFFIXES + (".json",):
        return True
    if _CJK.search(text):
        return False
    return bool(suffix) or (bool(_SEPARATOR.search(text)) and " " not in text)


def is_path(text: str) -> bool:
    """Whether a ``str`` given to :func:`read` names a file (a short single line that exists)."""
    if not text or len(text) > 4096 or "\n" in text or "\x00" in text:
        return False
    try:
        return Path(text).is_file()
    except OSError:
        return False


def read_file_text(path: Path) -> str:
    """A file's decoded text, or an :class:`~zhinvest.errors.InputError` saying why not."""
    return _decode(read_file_bytes(path), str(path)).text


def read_file_bytes(path: Path) -> bytes:
    """A file's bytes, or an :class:`~zhinvest.errors.InputError` saying why not (missing,
    a folder, too large, unreadable, empty)."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(Errors.E001.format(name=name)) from None
    except OSError as error:
        raise InputError(Errors.E006.format(name=name, reason=error.strerror or error)) from None
    if size > MAX_INPUT_BYTES:
        raise InputError(Errors.E005.format(name=name, size=size, limit=MAX_INPUT_BYTES))
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(Errors.E002.format(name=name)) from None
    except OSError as error:
        raise InputError(Errors.E006.format(name=name, reason=error.strerror or error)) from None
    if not data.translate(None, _BLANK_BYTES):
        raise InputError(Errors.E024.format(name=name))  # no text: no bytes, or only BOMs and blanks
    return data


#: Bytes of BOMs, ASCII white space and the NULs of UTF-16 white space: a file of only these is empty.
_BLANK_BYTES = b" \t\r\n\f\v\x00\xef\xbb\xbf\xff\xfe"
