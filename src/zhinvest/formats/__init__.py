"""Annotation formats: one module per format, looked up from one table, :data:`CONVERTERS`.

Each converter has ``write(docs, path)``, ``read(path) -> list[Document]`` and
``detect(path) -> bool``. ``read(write(docs)) == docs`` for every format but ``conll``, which
keeps only ids, text and entity labels and spans (:func:`losses` counts what it drops;
folder formats read documents back in file-name order). A single-file format written to a
path without a file ending gets its own (``out`` → ``out.json``, :func:`destination`), so
that the file reads back.

==============  ==========================================  ===================================
name            module                                      path
==============  ==========================================  ===================================
``json``        :mod:`~zhinvest.formats.native`             folder of ``<id>.json``, or ``.jsonl``
``spacy``       :mod:`~zhinvest.formats.docbin`             ``.spacy`` DocBin
``labelstudio`` :mod:`~zhinvest.formats.labelstudio`        ``.json`` list of tasks
``doccano``     :mod:`~zhinvest.formats.doccano`            ``.jsonl``
``brat``        :mod:`~zhinvest.formats.brat`               folder of ``.txt`` + ``.ann``
``conll``       :mod:`~zhinvest.formats.conll`              ``.conll`` character BIO
==============  ==========================================  ===================================
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from ..about import ANNOTATION_FORMATS
from ..errors import Errors, FormatError
from ..schema import Document
from . import brat, conll, docbin, doccano, labelstudio, native
from .labelstudio import labelstudio_config


class Converter(Protocol):
    NAME: str

    def write(self, docs: Iterable[Document], path: str | Path, **options: Any) -> None: ...

    def read(self, path: str | Path) -> list[Document]: ...

    def detect(self, path: str | Path) -> bool: ...


#: Format name → converter module.
CONVERTERS: dict[str, Converter] = {
    module.NAME: module
    for module in (native, docbin, labelstudio, doccano, brat, conll)
}
assert set(CONVERTERS) == set(ANNOTATION_FORMATS), "about.ANNOTATION_FORMATS must name every converter"
#: The order :func:`detect` tries formats in: the most particular first.
DETECTION_ORDER: tuple[str, ...] = ("spacy", "brat", "labelstudio", "doccano", "conll", "json")

__all__ = ["CONVERTERS", "Converter", "convert", "destination", "detect", "labelstudio_config", "losses", "read", "write"]


def _converter(name: str, path: str | Path) -> Converter:
    if name not in CONVERTERS:
        raise FormatError(Errors.E011.format(name=path, fmt=name, choices=", ".join(CONVERTERS)))
    return CONVERTERS[name]


def detect(path: str | Path) -> str:
    """The name of the format of the file or folder at ``path``."""
    if not Path(path).exists():
        raise FormatError(Errors.E001.format(name=path))
    for name in DETECTION_ORDER:
        if CONVERTERS[name].detect(path):
            return name
    raise FormatError(Errors.E012.format(name=path))


def read(path: str | Path, format: str | None = None) -> list[Document]:
    """Documents from ``path`` in ``format`` (detected when ``None``)."""
    if not Path(path).exists():
        raise FormatError(Errors.E001.format(name=path))
    return _converter(format or detect(path), path).read(path)


def destination(path: str | Path, format: str) -> Path:
    """Where :func:`write` puts ``format`` for ``path``: a single-file format's ending is
    added to a path that has none (``out`` → ``out.json`` for ``labelstudio``)."""
    path = Path(path)
    suffix = getattr(_converter(format, path), "SUFFIX", None)
    if suffix and not path.suffix and not path.is_dir():
        return path.with_name(path.name + suffix)
    return path


def write(docs: Iterable[Document], path: str | Path, format: str, **options: Any) -> Path:
    """Write ``docs`` to ``path`` (see :func:`destination`) in ``format``; ``options`` go to
    the format's writer (``result_key="predictions"`` for ``labelstudio``). Returns the path written."""
    target = destination(path, format)
    _converter(format, path).write(docs, target, **options)
    return target


def losses(docs: Iterable[Document], format: str) -> dict[str, int]:
    """What writing ``docs`` in ``format`` drops, counted by kind; empty for lossless formats."""
    counter = getattr(_converter(format, format), "losses", None)
    return counter(docs) if counter is not None else {}


def convert(src: str | Path, dest: str | Path, to: str, from_: str | None = None, **options: Any) -> list[Document]:
    """Read ``src`` (a file or folder; its format detected when ``from_`` is ``None``), write
    ``dest`` (see :func:`destination`) in ``to``, with the writer's ``options``.

    Returns the documents converted.
    """
    _converter(to, dest)
    docs = read(src, from_)
    write(docs, dest, to, **options)
    return docs
