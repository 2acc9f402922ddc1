"""zhinvest: structured data from Chinese investment-promotion news.

>>> import zhinvest
>>> doc = zhinvest.extract("总投资4898亿元的216个重大产业项目集中签约")
>>> [(e.label, e.text, e.value) for e in doc.entities]
[('MONEY', '4898亿元', Decimal('489800000000')), ('PROJECT_COUNT', '216个', 216)]
"""

from __future__ import annotations

import os
from functools import lru_cache

from .about import LABELS, RELATION_TYPES, __version__
from .errors import InputError, ZhinvestError
from .pipeline import Pipeline, build_nlp
from .schema import (
    Document,
    Entity,
    InvestmentRelation,
    LocatedInRelation,
    Metadata,
    ProjectSummaryRelation,
    Relation,
)

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


@lru_cache(maxsize=4)
def _cached(segmenter: str) -> Pipeline:
    return Pipeline(segmenter=segmenter)


def load(segmenter: str = "char") -> Pipeline:
    """A pipeline to reuse over many documents: ``nlp = zhinvest.load(); nlp(path)``."""
    return Pipeline(segmenter=segmenter)


def extract(text_or_path: str | bytes | os.PathLike[str], *, segmenter: str = "char") -> Document:
    """Extract one article (text, HTML, bytes or a path) into a :class:`Document`."""
    return _cached(segmenter)(text_or_path)
