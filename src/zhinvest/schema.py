"""Typed results: :class:`Document`, :class:`Entity`, the relation classes and :class:`Metadata`.

The JSON shape is SPEC v1's "Output" section. Models are immutable (``frozen``); amounts
are :class:`~decimal.Decimal` and serialise as plain decimal strings (never floats, never
exponent notation); PROJECT_COUNT values are integers. ``Document.model_validate_json(
doc.model_dump_json()) == doc`` holds for every document.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_serializer,
    field_validator,
    model_serializer,
    model_validator,
)

from .about import LABELS, NUMERIC_LABELS, RELATION_TYPES

Label = Literal["MONEY", "AREA", "PROJECT_COUNT", "ORG", "LOC", "PERSON"]
Qualifier = Literal["exact", "over", "under", "about", "at_least", "magnitude"]
Stage = Literal["planned", "signed", "started", "landed"]

assert set(Label.__args__) == set(LABELS)  # type: ignore[attr-defined]


def decimal_to_str(value: Decimal) -> str:
    """A plain decimal string without exponent or trailing zeros: ``Decimal('1.1E+12')`` → ``'1100000000000'``."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Damage(_Model):
    """Bytes of a damaged source that its encoding cannot decode (a character cut short, a
    stray byte), each replaced by U+FFFD in the text."""

    encoding: str
    #: How many bytes were replaced.
    replaced: int = Field(ge=1)
    #: Their byte offsets in the source file, the first 100 of them.
    offsets: tuple[int, ...] = ()


class Metadata(_Model):
    """Document fields taken from front matter or page metadata rather than body text, the
    ``damage`` the reader repaired (left out of the JSON when there is none) and the count of
    ``dropped_relations``."""

    title: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    categories: tuple[str, ...] = ()
    damage: Damage | None = None
    #: Relations a pattern found whose argument did not survive as an entity (should be 0;
    #: left out of the JSON when it is).
    dropped_relations: int = Field(default=0, ge=0)

    @model_serializer(mode="wrap")
    def _drop_no_damage(self, handler: Any) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("damage") is None:
            data.pop("damage", None)
        if not data.get("dropped_relations"):
            data.pop("dropped_relations", None)
        return data


class Entity(_Model):
    """One mention. ``start``/``end`` index the clean text, ``source_*`` the source text; both half-open."""

    id: int
    label: Label
    text: str
    source_text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    source_start: int = Field(ge=0)
    source_end: int = Field(ge=0)
    #: MONEY: amount in the currency's unit; AREA: square metres; PROJECT_COUNT: an int.
    value: Decimal | int | None = None
    currency: str | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    #: ORG: the name in Simplified script.
    name_simplified: str | None = None
    #: Which component produced the mention (``money``, ``ner``, ``rules`` …).
    source_component: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _coerce_value(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("value") is not None:
            data = dict(data)
            if data.get("label") == "PROJECT_COUNT":
                data["value"] = int(data["value"])
            elif not isinstance(data["value"], Decimal):
                data["value"] = Decimal(str(data["value"]))
        return data

    @model_validator(mode="after")
    def _check(self) -> "Entity":
        if self.end <= self.start or self.source_end <= self.source_start:
            raise ValueError(f"entity {self.id} has an empty or reversed span")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"entity {self.id}: text {self.text!r} does not fit [{self.start}, {self.end})")
        return self

    @field_serializer("value")
    def _value_json(self, value: Decimal | int | None) -> str | int | None:
        if isinstance(value, Decimal):
            return decimal_to_str(value)
        return value

    @model_serializer(mode="wrap")
    def _drop_unset(self, handler: Any) -> dict[str, Any]:
        data = handler(self)
        return {key: value for key, value in data.items() if value is not None}

    @property
    def is_numeric(self) -> bool:
        return self.label in NUMERIC_LABELS


class _RelationModel(_Model):
    """A relation; ``pattern`` names the relation pattern that found it (predictions only,
    written to JSON only when set)."""

    @model_serializer(mode="wrap")
    def _drop_unset_pattern(self, handler: Any) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("pattern") is None:
            data.pop("pattern", None)
        return data


class InvestmentRelation(_RelationModel):
    type: Literal["INVESTMENT"] = "INVESTMENT"
    investor: int
    amount: int
    location: int | None = None
    stage: Stage | None = None
    project: str | None = None
    sector: str | None = None
    evidence: str | None = None
    pattern: str | None = None


class ProjectSummaryRelation(_RelationModel):
    type: Literal["PROJECT_SUMMARY"] = "PROJECT_SUMMARY"
    count: int
    total: int | None = None
    stage: Stage | None = None
    scope: str | None = None
    evidence: str | None = None
    pattern: str | None = None


class LocatedInRelation(_RelationModel):
    type: Literal["LOCATED_IN"] = "LOCATED_IN"
    org: int
    location: int
    evidence: str | None = None
    pattern: str | None = None


Relation = Annotated[
    Union[InvestmentRelation, ProjectSummaryRelation, LocatedInRelation],
    Field(discriminator="type"),
]

#: The class of a relation type.
RelationModel = Union[type[InvestmentRelation], type[ProjectSummaryRelation], type[LocatedInRelation]]


@dataclass(frozen=True)
class Argument:
    """One argument of a relation type: the field that holds an entity id."""

    role: str
    #: The label of the entity it points at.
    label: str
    #: Whether a relation of the type exists without it (pydantic makes it optional if not).
    required: bool
    #: Whether scoring matches relations on it (SPEC "Scoring"); an unset scored argument
    #: leaves the relation out of scoring (a batch's count without its total).
    scored: bool


@dataclass(frozen=True)
class Column:
    """One column of a relation table: ``field`` of the entity in ``argument`` (``name``,
    ``value``, ``currency``, ``qualifier``), or, with no argument, the relation's own ``field``."""

    name: str
    field: str
    argument: str | None = None


@dataclass(frozen=True)
class RelationSpec:
    """Everything the package knows about a relation type, in one place: schema, formats,
    evaluation, rendering and tables read it from :data:`RELATION_SPECS`."""

    type: str
    model: RelationModel
    arguments: tuple[Argument, ...]
    #: The argument the binary links of the formats that have no n-ary relations start from.
    pivot: str
    #: Fields besides the arguments, evidence and pattern, in display order.
    attributes: tuple[str, ...]
    #: The name of its table (``zhinvest extract --format table``, :mod:`zhinvest.tables`).
    table: str
    columns: tuple[Column, ...]

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(argument.role for argument in self.arguments)

    @property
    def scored_roles(self) -> tuple[str, ...]:
        return tuple(argument.role for argument in self.arguments if argument.scored)

    def argument(self, role: str) -> Argument:
        return next(argument for argument in self.arguments if argument.role == role)


#: The relation types of SPEC v1.1, in report order.
RELATION_SPECS: dict[str, RelationSpec] = {
    spec.type: spec
    for spec in (
        RelationSpec(
            "INVESTMENT",
            InvestmentRelation,
            (Argument("investor", "ORG", True, True), Argument("amount", "MONEY", True, True), Argument("location", "LOC", False, False)),
            pivot="amount",
            attributes=("stage", "project", "sector"),
            table="investments",
            columns=(
                Column("investor", "name", "investor"),
                Column("amount", "value", "amount"),
                Column("currency", "currency", "amount"),
                Column("qualifier", "qualifier", "amount"),
                Column("location", "name", "location"),
                Column("project", "project"),
                Column("sector", "sector"),
                Column("stage", "stage"),
                Column("evidence", "evidence"),
            ),
        ),
        RelationSpec(
            "PROJECT_SUMMARY",
            ProjectSummaryRelation,
            (Argument("count", "PROJECT_COUNT", True, True), Argument("total", "MONEY", False, True)),
            pivot="count",
            attributes=("stage", "scope"),
            table="summaries",
            columns=(
                Column("count", "value", "count"),
                Column("count_qualifier", "qualifier", "count"),
                Column("total", "value", "total"),
                Column("currency", "currency", "total"),
                Column("total_qualifier", "qualifier", "total"),
                Column("stage", "stage"),
                Column("scope", "scope"),
                Column("evidence", "evidence"),
            ),
        ),
        RelationSpec(
            "LOCATED_IN",
            LocatedInRelation,
            (Argument("org", "ORG", True, True), Argument("location", "LOC", True, True)),
            pivot="org",
            attributes=(),
            table="located",
            columns=(Column("org", "name", "org"), Column("location", "name", "location"), Column("evidence", "evidence")),
        ),
    )
}
assert tuple(RELATION_SPECS) == RELATION_TYPES

#: Relation fields that hold entity ids, by relation type (from :data:`RELATION_SPECS`).
RELATION_ARGUMENTS: dict[str, tuple[str, ...]] = {kind: spec.roles for kind, spec in RELATION_SPECS.items()}


def _check_specs() -> None:
    """Each spec's arguments and attributes are its model's fields, optional exactly when not required."""
    for spec in RELATION_SPECS.values():
        fields = spec.model.model_fields
        for argument in spec.arguments:
            assert fields[argument.role].is_required() == argument.required, (spec.type, argument.role)
        assert set(spec.attributes) <= set(fields), spec.type


_check_specs()


class Document(_Model):
    """One article: clean Simplified text, metadata, entities and relations."""

    id: str
    source: str | None = None
    metadata: Metadata = Metadata()
    text: str
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()

    @field_validator("entities")
    @classmethod
    def _sorted_unique_ids(cls, entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
        ids = [entity.id for entity in entities]
        if len(set(ids)) != len(ids):
            raise ValueError("entity ids must be unique within a document")
        return entities

    @model_validator(mode="after")
    def _check_references(self) -> "Document":
        by_id = {entity.id: entity for entity in self.entities}
        for entity in self.entities:
            if entity.end > len(self.text) or self.text[entity.start : entity.end] != entity.text:
                raise ValueError(f"entity {entity.id} {entity.text!r} does not match the text at [{entity.start}, {entity.end})")
        for relation in self.relations:
            for name in RELATION_ARGUMENTS[relation.type]:
                ref = getattr(relation, name)
                if ref is not None and ref not in by_id:
                    raise ValueError(f"{relation.type}.{name} points at unknown entity {ref}")
        return self

    def entity(self, entity_id: int) -> Entity:
        """The entity with this id."""
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def to_json(self, **kwargs: Any) -> str:
        """SPEC JSON: non-ASCII characters written as they are."""
        return self.model_dump_json(**kwargs)

    @classmethod
    def from_json(cls, data: str | bytes) -> "Document":
        return cls.model_validate_json(data)


class Failure(_Model):
    """A source that gave no document: what it was, and why, in one line.

    Batches write it where the document would have gone (``{"id": ..., "source": ...,
    "error": {"type": ..., "message": ...}}`` in JSON Lines), so one bad file never loses
    the rest of a batch and ``--resume`` knows it was seen."""

    id: str | None = None
    source: str
    error: "FailureReason"

    def to_json(self, **kwargs: Any) -> str:
        return self.model_dump_json(**kwargs)


class FailureReason(_Model):
    type: str
    message: str


Failure.model_rebuild()


def parse_record(line: str | bytes) -> Document | Failure:
    """One line of ``zhinvest extract`` JSON Lines output: a document or a failure."""
    data = line if isinstance(line, str) else line.decode("utf-8")
    fields = json.loads(data)
    if isinstance(fields, dict) and "error" in fields and "text" not in fields:
        return Failure.model_validate_json(data)
    return Document.model_validate_json(data)
