"""zhinvest: structured data from Chinese investment-promotion news.

>>> import zhinvest
>>> doc = zhinvest.extract("总投资4898亿元的216个重大产业项目集中签约")
>>> [(e.label, e.text, e.value) for e in doc.entities]
[('MONEY', '4898亿元', Decimal('489800000000')), ('PROJECT_COUNT', '216个', 216)]
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from .about import LABELS, RELATION_TYPES, __version__
from .errors import InputError, ZhinvestError
from .schema import (
    Document,
    Entity,
    InvestmentRelation,
    LocatedInRelation,
    Metadata,
    ProjectSummaryRelation,
    Relation,
)

if TYPE_CHECKING:
    from .pipeline import Pipeline, build_nlp

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
    "load",
]


def __getattr__(name: str) -> object:
    """``Pipeline`` and ``build_nlp`` are imported on first use, so that modules that need no
    spaCy (``zhinvest.schema``, ``zhinvest.ledger`` queries) load without it."""
    if name in ("Pipeline", "build_nlp"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=4)
def _cached(segmenter: str) -> "Pipeline":
    return _pipeline(segmenter)


def load(segmenter: str = "char") -> "Pipeline":
    """A pipeline to reuse over many documents: ``nlp = zhinvest.load(); nlp(path)``."""
    from .pipeline import Pipeline

    return Pipeline(segmenter=segmenter)


def extract(text_or_path: str | bytes | os.PathLike[str], *, segmenter: str = "char") -> Document:
    """Extract one article (text, HTML, bytes or a path) into a :class:`Document`."""
    return _cached(segmenter)(text_or_path)


def _pipeline(segmenter: str) -> "Pipeline":
    from .pipeline import Pipeline

    return Pipeline(segmenter=segmenter)
