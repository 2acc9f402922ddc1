"""Text that remembers where each of its characters came from.

:class:`AlignedText` is a string plus, for every character, the half-open span of the
source text it was made from. Every cleaning step (HTML to text, gloss removal,
Traditional to Simplified, whitespace) is an edit of an ``AlignedText``, so a span of the
clean text can always be shown in the source as written.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
import re
from typing import NamedTuple

class Edit(NamedTuple):
    """Replace ``[start, end)`` of a text by ``text`` (deletion when ``text`` is empty)."""

    start: int
    end: int
    text: str


class AlignedText:
    """A clean text with a source span for each character."""

    __slots__ = ("text", "starts", "ends")

    def __init__(self, text: str, starts: Sequence[int], ends: Sequence[int]) -> None:
        if not (len(text) == len(starts) == len(ends)):
            raise ValueError("text and offset arrays differ in length")
        self.text = text
        self.starts = starts if isinstance(starts, array) else array("q", starts)
        self.ends = ends if isinstance(ends, array) else array("q", ends)

    @classmethod
    def identity(cls, text: str, offset: int = 0) -> "AlignedText":
        """``text`` mapped onto itself, shifted by ``offset`` in the source."""
        starts = array("q", range(offset, offset + len(text)))
        ends = array("q", range(offset + 1, offset + len(text) + 1))
        return cls(text, starts, ends)

    @classmethod
    def empty(cls) -> "AlignedText":
        return cls("", array("q"), array("q"))

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"AlignedText({self.text[:40]!r}{'…' if len(self.text) > 40 else ''})"

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span ``[source_start, source_end)`` of the clean span ``[start, end)``."""
        if not 0 <= start < end <= len(self.text):
            raise IndexError(f"span [{start}, {end}) outside text of length {len(self.text)}")
        return self.starts[start], max(self.ends[start:end])

    def slice(self, start: int, end: int) -> "AlignedText":
        return AlignedText(self.text[start:end], self.starts[start:end], self.ends[start:end])

    def edit(self, edits: Iterable[Edit]) -> "AlignedText":
        """Apply sorted, non-overlapping edits.

        A replacement of the same length maps character for character; any other
        replacement maps each new character to the whole replaced source span; an
        insertion (``start == end``) maps to the empty span where it stands.
        """
        pieces: list[str] = []
        starts = array("q")
        ends = array("q")
        cursor = 0
        for edit in edits:
            if edit.start < cursor or edit.end < edit.start or edit.end > len(self.text):
                raise ValueError(f"edits must be sorted and non-overlapping: {edit}")
            pieces.append(self.text[cursor : edit.start])
            starts.extend(self.starts[cursor : edit.start])
            ends.extend(self.ends[cursor : edit.start])
            width = edit.end - edit.start
            if len(edit.text) == width:
                starts.extend(self.starts[edit.start : edit.end])
                ends.extend(self.ends[edit.start : edit.end])
            elif edit.text:
                if width:
                    src_start, src_end = self.source_span(edit.start, edit.end)
                else:
                    src_start = src_end = self._boundary(edit.start)
                starts.extend([src_start] * len(edit.text))
                ends.extend([src_end] * len(edit.text))
            pieces.append(edit.text)
            cursor = edit.end
        pieces.append(self.text[cursor:])
        starts.extend(self.starts[cursor:])
        ends.extend(self.ends[cursor:])
        return AlignedText("".join(pieces), starts, ends)

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> "AlignedText":
        """``re.sub`` that keeps the offset map."""
        make = (lambda m: repl) if isinstance(repl, str) else repl
        return self.edit(Edit(m.start(), m.end(), make(m)) for m in pattern.finditer(self.text))

    def translate(self, convert: Callable[[str], str]) -> "AlignedText":
        """Apply a conversion that should keep length (OpenCC t2s, width folding).

        Where the conversion of the whole text changes its length, each line is converted
        alone and a line that still changes length is converted character by character, so
        the map stays exact.
        """
        converted = convert(self.text)
        if len(converted) == len(self.text):
            return AlignedText(converted, self.starts, self.ends)
        lines: list[str] = []
        for line in self.text.split("\n"):
            new = convert(line)
            if len(new) != len(line):
                new = "".join(c if len(c2 := convert(c)) != 1 else c2 for c in line)
            lines.append(new)
        return AlignedText("\n".join(lines), self.starts, self.ends)

    def _boundary(self, index: int) -> int:
        if index < len(self.text):
            return self.starts[index]
        return self.ends[index - 1] if index else 0

    @staticmethod
    def join(parts: Iterable["AlignedText"], separator: str) -> "AlignedText":
        """Concatenate, putting ``separator`` (mapped to an empty source span) between parts."""
        texts: list[str] = []
        starts = array("q")
        ends = array("q")
        previous_end = 0
        for index, part in enumerate(parts):
            if index and separator:
                texts.append(separator)
                starts.extend([previous_end] * len(separator))
                ends.extend([previous_end] * len(separator))
            texts.append(part.text)
            starts.extend(part.starts)
            ends.extend(part.ends)
            if len(part):
                previous_end = part.ends[-1]
        return AlignedText("".join(texts), starts, ends)

    def lines(self) -> Iterator["AlignedText"]:
        """The text's lines (split on ``\\n``), each aligned."""
        start = 0
        text = self.text
        while True:
            end = text.find("\n", start)
            if end < 0:
                yield self.slice(start, len(text))
                return
            yield self.slice(start, end)
            start = end + 1

    def strip(self, chars: str | None = None) -> "AlignedText":
        stripped_left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        if right <= stripped_left:
            return AlignedText.empty()
        return self.slice(stripped_left, right)
