"""zhinvest: structured data from Chinese investment-promotion news.

>>> import zhinvest
>>> doc = zhinvest.extract("总投资4898亿元的216个重大产业项目集中签约")
>>> [(e.label, e.text, e.value) for e in doc.entities]
[('MONEY', '4898亿元', Decimal('489800000000')), ('PROJECT_COUNT', '216个', 216)]
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .about import LABELS, RELATION_TYPES, __version__
from .errors import InputError, ZhinvestError

if TYPE_CHECKING:
    from .engine import Pipeline
    from .pipeline import build_nlp
    from .schema import (
        Document,
        Entity,
        InvestmentRelation,
        LocatedInRelation,
        Metadata,
        ProjectSummaryRelation,
        Relation,
    )

#: Public names imported on first use, so that ``import zhinvest`` (and ``zhinvest --version``)
#: does not import spaCy, PyTorch or pydantic.
_LAZY: dict[str, str] = {
    "Pipeline": ".engine",
    "build_nlp": ".pipeline",
    "Document": ".schema",
    "Entity": ".schema",
    "InvestmentRelation": ".schema",
    "LocatedInRelation": ".schema",
    "Metadata": ".schema",
    "ProjectSummaryRelation": ".schema",
    "Relation": ".schema",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'zhinvest' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "__version__",
    "LABELS",
    "RELATION_TYPES",
    "Document",
    "Entity",
    "Metadata",
    "Relation",
    "InvestmentRelation",
    "ProjectSummaryRelation",
    "LocatedInRelation",
    "Pipeline",
    "ZhinvestError",
    "InputError",
    "build_nlp",
    "extract",
    "extract_file",
    "load",
]


@lru_cache(maxsize=4)
def _cached(segmenter: str, ner: bool) -> Pipeline:
    return load(segmenter, ner=ner)


def load(segmenter: str = "char", *, ner: bool = False) -> Pipeline:
    """A pipeline to reuse over many documents: ``nlp = zhinvest.load(); nlp.extract_file(path)``.
    ``ner=True`` adds the bundled statistical NER before the rules (slower; see the model card)."""
    from .engine import Pipeline

    return Pipeline(segmenter=segmenter, ner_model="default" if ner else None)


def extract(text: str | bytes, *, segmenter: str = "char", ner: bool = False) -> Document:
    """Extract one article given as its text (plain text or HTML) or raw bytes into a
    :class:`Document`. It never reads a file: a ``str`` that looks like a file path raises
    :class:`InputError`; read a file with :func:`extract_file`."""
    return _cached(segmenter, ner).extract(text)


def extract_file(path: str | os.PathLike[str], *, segmenter: str = "char", ner: bool = False) -> Document:
    """Extract the article in the file at ``path`` (any encoding and format the reader
    knows) into a :class:`Document`; :class:`InputError` if it cannot be read."""
    return _cached(segmenter, ner).extract_file(path)
