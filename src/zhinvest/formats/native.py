"""The native ``json`` format: SPEC documents as JSON, lossless.

* a folder of ``<id>.json`` files, one :class:`~zhinvest.schema.Document` each
  (``Document.model_dump_json(indent=1)``); read back in file-name order;
* a ``.jsonl`` file, one document per line, in order;
* for reading also a single ``.json`` file holding one document or a list of documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import Errors, FormatError
from ..schema import Document
from ._common import check_unique, document, file_stem, first_json_line, load_json, reason

NAME = "json"


def write(docs: Iterable[Document], path: str | Path) -> None:
    """Write ``docs`` to a ``.jsonl`` file, or else to a folder of ``<id>.json`` files."""
    path, docs = Path(path), list(docs)
    if path.suffix == ".jsonl":
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as out:
            for doc in docs:
                out.write(doc.model_dump_json() + "\n")
        return
    check_unique(docs)
    path.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (path / f"{file_stem(doc.id)}.json").write_text(doc.model_dump_json(indent=1) + "\n", encoding="utf-8")


def read(path: str | Path) -> list[Document]:
    """Documents from a folder of ``.json`` files, a ``.jsonl`` file or one ``.json`` file."""
    path = Path(path)
    if path.is_dir():
        return [_one(file, load_json(file)) for file in sorted(path.glob("*.json"))]
    if path.suffix == ".jsonl":
        return list(_read_lines(path))
    data = load_json(path)
    if isinstance(data, list):
        return [_one(path, item) for item in data]
    return [_one(path, data)]


def detect(path: str | Path) -> bool:
    """A folder of ``.json`` files, or a ``.json``/``.jsonl`` file whose (first) document has a string ``id``."""
    path = Path(path)
    if path.is_dir():
        return any(path.glob("*.json")) and not any(path.glob("*.ann"))
    if path.suffix == ".jsonl":
        return _looks_native(first_json_line(path))
    if path.suffix == ".json":
        try:
            data = load_json(path)
        except FormatError:
            return False
        return _looks_native(data[0] if isinstance(data, list) and data else data)
    return False


def _looks_native(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("id"), str) and isinstance(data.get("text"), str)


def _one(name: Path, data: Any) -> Document:
    if not isinstance(data, dict):
        raise FormatError(Errors.E015.format(name=name, expected="a JSON object holding one document"))
    return document(name, data)


def _read_lines(path: Path) -> Iterable[Document]:
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except UnicodeDecodeError as error:
        raise FormatError(Errors.E006.format(name=path, reason=error)) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield Document.model_validate_json(line)
        except ValidationError as error:
            raise FormatError(Errors.E013.format(name=path, line=number, reason=reason(error))) from None
