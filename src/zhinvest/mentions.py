"""The typed values that travel from the components to :mod:`zhinvest.assemble`.

A :class:`Mention` is one labelled character span a component found, with its normalised
fields; a :class:`RelationCandidate` is one relation a pattern found, its arguments given as
character spans. Both are immutable named tuples: typed, cheap to make by the thousand, and
serialisable as plain arrays, so docs that carry them in ``doc._`` still cross process
boundaries (``nlp.pipe(n_process=…)``, ``Doc.to_bytes``); :func:`as_mention` and
:func:`as_candidate` turn such arrays back. Nothing here imports spaCy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, NamedTuple

__all__ = ["ORIGINS", "Mention", "Origin", "RelationCandidate", "Span", "as_candidate", "as_mention"]

#: Where a mention comes from: the package's rules, a statistical model in the spaCy pipeline
#: (the bundled NER), or an external backend (HanLP). Overlaps are settled by it
#: (:func:`zhinvest.assemble.resolve_overlaps`): a rule's mention beats a model's.
Origin = Literal["rule", "model", "backend"]
ORIGINS: tuple[str, ...] = ("rule", "model", "backend")


class Mention(NamedTuple):
    """One mention: half-open character offsets ``[start, end)``, a label, where it comes from
    and the normalised fields of a numeric mention.

    ``value`` is the exact decimal as a string for MONEY and AREA (``"489800000000"``, so that
    it serialises without loss), an ``int`` for PROJECT_COUNT, None for names."""

    start: int
    end: int
    label: str
    origin: Origin = "rule"
    #: The component that found it (``money``, ``organisations``, ``ner``, ``hanlp`` …).
    component: str | None = None
    value: str | int | None = None
    currency: str | None = None
    unit: str | None = None
    qualifier: str | None = None

    def shifted(self, offset: int) -> Mention:
        """The same mention in a text where this one's text starts at ``offset``."""
        return self._replace(start=self.start + offset, end=self.end + offset)


#: A character span ``(start, end)``.
Span = tuple[int, int]


class RelationCandidate(NamedTuple):
    """One relation a pattern found: its type, its arguments as character spans by role (the
    roles of :data:`zhinvest.schema.RELATION_SPECS`), and its other fields (``stage``,
    ``evidence``, ``pattern``, …) as the relation model names them."""

    type: str
    arguments: Mapping[str, Span]
    fields: Mapping[str, Any]

    def shifted(self, offset: int) -> RelationCandidate:
        arguments = {role: (start + offset, end + offset) for role, (start, end) in self.arguments.items()}
        return self._replace(arguments=arguments)

    @classmethod
    def from_dict(cls, relation: Mapping[str, Any]) -> RelationCandidate:
        """From the flat shape the relation finder builds: ``{"type": …, "investor": [s, e], "stage": …}``."""
        arguments: dict[str, Span] = {}
        fields: dict[str, Any] = {}
        for key, value in relation.items():
            if key == "type":
                continue
            if isinstance(value, (list, tuple)):
                arguments[key] = (value[0], value[1])
            else:
                fields[key] = value
        return cls(str(relation["type"]), arguments, fields)


def as_mention(item: Mention | Sequence[Any]) -> Mention:
    """A :class:`Mention` from itself or from the array it serialised to."""
    return item if isinstance(item, Mention) else Mention(*item)


def as_candidate(item: RelationCandidate | Sequence[Any]) -> RelationCandidate:
    """A :class:`RelationCandidate` from itself or from the array it serialised to."""
    if isinstance(item, RelationCandidate):
        return item
    kind, arguments, fields = item
    return RelationCandidate(kind, {role: (span[0], span[1]) for role, span in arguments.items()}, dict(fields))
