"""The ``conll`` format: character-level BIO, one character per line, for sequence taggers::

    # doc_id = 000_83a0861aacad86cc
    总	O
    投	O
    4	B-MONEY
    …
    。	O
    <blank line between sentences and after each document>

Every character of the text is a line, so offsets survive; characters a line cannot show are
escaped: ``\\s`` space, ``\\n`` newline, ``\\r`` carriage return, ``\\t`` tab, ``\\\\`` backslash,
``\\uXXXX`` any other whitespace or control character (``\\u3000`` the ideographic space). A
sentence ends after 。！？!?； or a line break that is not inside an entity. A line holding a
tab is a character; a line starting with ``#`` and holding no tab is a comment.

Only the text, the document id and entity labels and spans survive; values, source offsets
and relations are lost, and entities read back get ids 0, 1, … in text order.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import Errors, FormatError
from ..schema import Document, Metadata
from ._common import document, entity_data

NAME = "conll"
SUFFIXES = (".conll", ".bio", ".iob")
#: The file ending written when a destination has none.
SUFFIX = ".conll"
DOC_ID = "# doc_id = "
#: Characters after which a sentence may end.
SENTENCE_END = frozenset("。！？!?；\n")
_ESCAPES = {" ": "\\s", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}
_UNESCAPES = {value[1]: key for key, value in _ESCAPES.items()}


def escape(char: str) -> str:
    """How one character is written on its line."""
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char.isspace() or not char.isprintable():
        return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"
    return char


def unescape(token: str) -> str | None:
    """The character a line's first column stands for; ``None`` if it is not one."""
    if len(token) == 1:
        return token
    if len(token) == 2 and token[0] == "\\" and token[1] in _UNESCAPES:
        return _UNESCAPES[token[1]]
    if token[:2] in ("\\u", "\\U") and len(token) in (6, 10):
        try:
            return chr(int(token[2:], 16))
        except ValueError:
            return None
    return None


def tags(doc: Document, *, name: str | Path = "<conll>") -> list[str]:
    """One BIO tag per character of ``doc.text``; overlapping entities raise a :class:`FormatError`."""
    result = ["O"] * len(doc.text)
    previous = None
    for entity in sorted(doc.entities, key=lambda entity: (entity.start, entity.end)):
        if previous is not None and entity.start < previous.end:
            raise FormatError(Errors.E018.format(name=name, doc=doc.id, first=previous.id, second=entity.id, fmt=NAME))
        previous = entity
        result[entity.start] = f"B-{entity.label}"
        for offset in range(entity.start + 1, entity.end):
            result[offset] = f"I-{entity.label}"
    return result


def to_conll(doc: Document, *, name: str | Path = "<conll>") -> str:
    """One document as CoNLL lines, ending with a blank line."""
    bio = tags(doc, name=name)
    lines = [f"{DOC_ID}{doc.id}"]
    for offset, (char, tag) in enumerate(zip(doc.text, bio, strict=True)):
        lines.append(f"{escape(char)}\t{tag}")
        at_end = offset + 1 == len(doc.text)
        if char in SENTENCE_END and not at_end and not bio[offset + 1].startswith("I-"):
            lines.append("")
    return "\n".join(lines) + "\n\n"


def losses(docs: Iterable[Document]) -> dict[str, int]:
    """What writing ``docs`` in this format drops, counted: entity values (with currency,
    unit and qualifier), relations, source offsets that differ from the clean ones, and
    documents' source and metadata. Only non-zero counts."""
    counts = {"entity values": 0, "relations": 0, "entities' source offsets": 0, "documents' source and metadata": 0}
    for doc in docs:
        counts["relations"] += len(doc.relations)
        counts["documents' source and metadata"] += doc.source is not None or doc.metadata != Metadata()
        for entity in doc.entities:
            counts["entity values"] += any(x is not None for x in (entity.value, entity.currency, entity.unit, entity.qualifier))
            counts["entities' source offsets"] += (entity.source_start, entity.source_end, entity.source_text) != (entity.start, entity.end, entity.text)
    return {what: count for what, count in counts.items() if count}


def write(docs: Iterable[Document], path: str | Path) -> None:
    """Write ``docs`` to one CoNLL file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for doc in docs:
            out.write(to_conll(doc, name=path))


def _entities(chars: list[str], bio: list[str], *, name: Path, line_of: list[int]) -> list[dict[str, Any]]:
    text = "".join(chars)
    spans: list[list[Any]] = []
    for offset, tag in enumerate(bio):
        if tag == "O":
            continue
        prefix, _, label = tag.partition("-")
        if prefix not in ("B", "I") or not label:
            raise FormatError(
                Errors.E013.format(
                    name=name, line=line_of[offset], reason=f"expected O, B-<label> or I-<label>, got {tag!r}"
                )
            )
        continues = prefix == "I" and spans and spans[-1][1] == offset and spans[-1][2] == label
        if continues:
            spans[-1][1] = offset + 1
        else:
            spans.append([offset, offset + 1, label])
    return [entity_data(index, label, start, end, text, None) for index, (start, end, label) in enumerate(spans)]


def read(path: str | Path) -> list[Document]:
    """Documents from a CoNLL file; an ``I-`` tag that continues nothing starts an entity."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except UnicodeDecodeError as error:
        raise FormatError(Errors.E006.format(name=path, reason=error)) from None
    docs: list[Document] = []
    doc_id: str | None = None
    chars: list[str] = []
    bio: list[str] = []
    line_of: list[int] = []

    def finish() -> None:
        if doc_id is None and not chars:
            return
        ident = doc_id if doc_id is not None else f"{path.stem}-{len(docs)}"
        text = "".join(chars)
        docs.append(
            document(path, {"id": ident, "text": text, "entities": _entities(chars, bio, name=path, line_of=line_of)})
        )

    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r")
        if "\t" not in line:
            if line.startswith(DOC_ID):
                finish()
                doc_id, chars, bio, line_of = line[len(DOC_ID) :], [], [], []
            elif line.strip() and not line.startswith("#"):
                raise FormatError(
                    Errors.E013.format(name=path, line=number, reason=f"expected '<character>\\t<tag>', got {line!r}")
                )
            continue
        token, _, tag = line.partition("\t")
        char = unescape(token)
        if char is None or "\t" in tag:
            raise FormatError(
                Errors.E013.format(
                    name=path, line=number, reason=f"expected one (escaped) character and a tag, got {line!r}"
                )
            )
        chars.append(char)
        bio.append(tag.strip())
        line_of.append(number)
    finish()
    return docs


def detect(path: str | Path) -> bool:
    """A file named ``.conll``/``.bio``/``.iob``, or one starting with ``# doc_id =``."""
    path = Path(path)
    if not path.is_file():
        return False
    if path.suffix in SUFFIXES:
        return True
    try:
        with path.open(encoding="utf-8") as file:
            return file.readline().startswith(DOC_ID)
    except (OSError, UnicodeDecodeError):
        return False
