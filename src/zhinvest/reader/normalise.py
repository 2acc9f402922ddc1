"""Cleaning steps on aligned text: whitespace, pinyin glosses, script, width, lines.

Each step takes and returns an :class:`AlignedText`, so offsets into the source survive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .offsets import AlignedText, Edit

_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060]+")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_GLOSS = re.compile(rf"(?<=[{_CJK}])[(（]([a-z{_TONE_VOWELS}]{{1,7}})[)）]")
_ANY_GLOSS = re.compile(rf"[(（]([a-z]{{0,6}}[{_TONE_VOWELS}][a-z{_TONE_VOWELS}]{{0,6}})[)）]")
_TONED = re.compile(f"[{_TONE_VOWELS}]")
_TERMINAL = "。！？!?；;…"
_CLOSING = "”’」』）)】》\"'"
_CLAUSE_MARKS = re.compile(r"[，、,：:]")
_STARTS_CONTINUATION = re.compile(rf"\A(?:[，、。；：,;:！？]|[{_CJK}A-Za-z0-9][，、。；：,;:])")

#: Full-width digits, Latin letters and a few signs that numbers need, folded to ASCII.
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B))}
_WIDTH_TABLE.update({ord("％"): ord("%"), ord("．"): ord("."), ord("＋"): ord("+"), ord("～"): ord("~")})


@lru_cache(maxsize=1)
def _opencc_t2s() -> Any:
    """OpenCC's own converter (the C++ library's Python binding, package ``opencc``), with its
    ``t2s`` configuration: Traditional characters and phrases to Simplified."""
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional to Simplified with OpenCC ``t2s`` (length-preserving per character, which
    :meth:`~zhinvest.reader.offsets.AlignedText.translate` checks). OpenCC's C++ converter
    runs at tens of millions of characters a second, so every text goes through it."""
    return str(_opencc_t2s().convert(text))


def fold_width(text: str) -> str:
    return text.translate(_WIDTH_TABLE)


def collapse_spaces(text: AlignedText) -> AlignedText:
    """Runs of horizontal white space become one space; zero-width characters go."""
    text = text.sub(_ZERO_WIDTH, "")
    return text.edit(
        Edit(m.start(), m.end(), " ") for m in _SPACES.finditer(text.text) if m.group(0) != " "
    )


def remove_pinyin_glosses(text: AlignedText, min_toned: int = 2) -> AlignedText:
    """Drop pinyin after characters, ``中國(guó)`` → ``中國``.

    Only when the text has at least ``min_toned`` glosses with tone marks, so that a
    parenthesised Latin word in an ordinary article, ``(PET)`` or ``(app)``, stays.
    """
    matches = list(_GLOSS.finditer(text.text))
    if sum(1 for m in matches if _TONED.search(m.group(1))) < min_toned:
        return text
    # Once the text is known to be glossed, a toned gloss after a damaged character goes too.
    spans = {m.span() for m in matches} | {m.span() for m in _ANY_GLOSS.finditer(text.text)}
    return text.edit(Edit(start, end, "") for start, end in sorted(spans))


@dataclass(frozen=True)
class LineRules:
    """Line-level boilerplate rules, from ``data/boilerplate.json``."""

    drop: tuple[re.Pattern[str], ...]
    trailer: tuple[re.Pattern[str], ...]
    source_line: re.Pattern[str]
    author_line: re.Pattern[str]
    date_line: re.Pattern[str]
    paragraph_opener: re.Pattern[str]
    site_marker: re.Pattern[str]
    separators: str

    @classmethod
    def load(cls, data: dict[str, Any] | None = None) -> "LineRules":
        if data is None:
            from ..resources import load_resource  # pydantic only when the rules are first read

            data = load_resource("boilerplate")
        return cls(
            drop=tuple(re.compile(p) for p in data["drop_line_patterns"]),
            trailer=tuple(re.compile(p) for p in data["trailer_patterns"]),
            source_line=re.compile(data["source_line"]),
            author_line=re.compile(data["author_line"]),
            date_line=re.compile(data["date_line"]),
            paragraph_opener=re.compile(data["paragraph_openers"]),
            site_marker=re.compile(data["site_marker_line"]),
            separators=data["link_list_separators"],
        )


@lru_cache(maxsize=1)
def default_line_rules() -> LineRules:
    return LineRules.load()


@dataclass
class PageFields:
    """Metadata found in the text itself (plain-text pages)."""

    title: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None
    dropped: list[str] = field(default_factory=list)


#: How many lines at the top of a page may hold its header (title, date, source).
HEADER_LINES = 8


def clean_lines(text: AlignedText, rules: LineRules | None = None, plain: bool = True) -> tuple[AlignedText, PageFields]:
    """Strip lines, drop empty and boilerplate lines, read header fields, cut trailers, join layout breaks."""
    from .html import normalise_date

    rules = rules or default_line_rules()
    fields = PageFields()
    kept: list[AlignedText] = []
    fresh: set[int] = {0}  # kept lines that must not be joined to the line before them
    for index, line in enumerate(text.lines()):
        line = line.strip(" ")
        content = line.text
        if not content:
            continue
        if any(p.match(content) for p in rules.trailer):
            fields.dropped.append(content)
            break
        header = len(kept) < HEADER_LINES and index < 4 * HEADER_LINES
        if header and (m := rules.date_line.match(content)) and fields.date is None:
            fields.date = normalise_date(m.group(1))
            fields.dropped.append(content)
            fresh.add(len(kept))
            continue
        if header and (m := rules.source_line.match(content)):
            fields.source = fields.source or m.group(1)
            fields.dropped.append(content)
            fresh.add(len(kept))
            continue
        if header and (m := rules.author_line.match(content)):
            fields.author = fields.author or m.group(1)
            fields.dropped.append(content)
            fresh.add(len(kept))
            continue
        if header and kept and rules.site_marker.match(content):
            fields.source = fields.source or content
            fields.dropped.append(content)
            fresh.add(len(kept))
            continue
        if any(p.match(content) for p in rules.drop) or _is_link_list(content, rules.separators):
            fields.dropped.append(content)
            fresh.add(len(kept))
            continue
        kept.append(line)
    if plain and kept and _is_title(kept[0].text) and len(kept) > 1:
        fields.title = kept[0].text
        fresh.add(1)  # the title stands alone
    return AlignedText.join(join_layout_breaks(kept, rules.paragraph_opener, fresh), "\n"), fields


def join_layout_breaks(
    lines: list[AlignedText], opener: re.Pattern[str] | None = None, fresh: set[int] | None = None
) -> list[AlignedText]:
    """Join a line to the next where page layout broke a sentence, keep headings apart.

    A line is continued when it has no sentence-final punctuation and either it reads like
    part of a sentence (40 characters or more, or two clause marks: headings are short and
    have at most one comma) or the next line starts like the rest of a clause (with
    punctuation, or with one character and then punctuation). A next line
    that opens like a news paragraph (a dateline such as 本报讯, ``opener``) is never joined,
    nor a line whose index is in ``fresh`` (after a title or a dropped line).
    """
    out: list[AlignedText] = []
    pending: AlignedText | None = None
    for index, line in enumerate(lines):
        if (
            pending is not None
            and index not in (fresh or ())
            and _continues(pending.text, line.text)
            and not (opener is not None and opener.match(line.text))
        ):
            pending = AlignedText.join([pending, line], "")
            continue
        if pending is not None:
            out.append(pending)
        pending = line
    if pending is not None:
        out.append(pending)
    return out


def _continues(previous: str, following: str) -> bool:
    last = previous[-1]
    if last in _TERMINAL or last in _CLOSING:
        return False
    if not re.match(rf"[{_CJK}A-Za-z0-9]", last):
        return False
    if _STARTS_CONTINUATION.match(following):
        return True
    if not re.match(rf"[{_CJK}]", following):
        return False
    return len(previous) >= 40 or len(_CLAUSE_MARKS.findall(previous)) >= 2


def _is_title(line: str) -> bool:
    return 4 <= len(line) <= 100 and line[-1] not in "。；;，,"


def _is_link_list(line: str, separators: str) -> bool:
    parts = [p.strip() for p in re.split(f"[{re.escape(separators)}]", line)]
    parts = [p for p in parts if p]
    return len(parts) >= 4 and sum(len(p) for p in parts) / len(parts) <= 8
