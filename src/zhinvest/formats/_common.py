"""Helpers the format modules share: building validated documents, file names, binary relation links."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import Errors, FormatError
from ..schema import (
    RELATION_ARGUMENTS,
    RELATION_SPECS,
    Document,
    Entity,
    InvestmentRelation,
    LocatedInRelation,
    ProjectSummaryRelation,
    Relation,
)

#: Entity fields every format writes in its own terms; the rest travel as "extras".
SPAN_FIELDS = frozenset({"id", "label", "text", "start", "end"})

RELATION_CLASSES: dict[str, type[InvestmentRelation | ProjectSummaryRelation | LocatedInRelation]] = {
    kind: spec.model for kind, spec in RELATION_SPECS.items()
}
#: The argument every binary link of an n-ary relation starts from.
PIVOTS: dict[str, str] = {kind: spec.pivot for kind, spec in RELATION_SPECS.items()}
#: The entity label each relation argument points at (a role has one label in every type).
ARGUMENT_LABELS: dict[str, str] = {argument.role: argument.label for spec in RELATION_SPECS.values() for argument in spec.arguments}


# --- documents and entities -------------------------------------------------------------


def reason(error: ValidationError) -> str:
    """The first problem of a pydantic error, on one line."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    message = " ".join(str(first["msg"]).split())
    return f"{where}: {message}{more}" if where else f"{message}{more}"


def document(name: str | Path, data: Mapping[str, Any]) -> Document:
    """A validated :class:`Document`, or a :class:`FormatError` naming the file."""
    try:
        return Document.model_validate(data)
    except ValidationError as error:
        raise FormatError(Errors.E010.format(name=name, reason=reason(error))) from None


def entity_extras(entity: Entity) -> dict[str, Any]:
    """An entity's fields apart from id, label and span, as JSON values; unset fields left out."""
    return entity.model_dump(mode="json", exclude=set(SPAN_FIELDS))


def entity_data(
    entity_id: int, label: str, start: int, end: int, text: str, extras: Mapping[str, Any] | None
) -> dict[str, Any]:
    """Entity fields from a span of ``text``; source offsets default to the clean ones."""
    data: dict[str, Any] = {
        "id": entity_id,
        "label": label,
        "text": text[start:end],
        "start": start,
        "end": end,
        "source_text": text[start:end],
        "source_start": start,
        "source_end": end,
    }
    data.update(extras or {})
    return data


def relation_fields(relation: Relation) -> dict[str, Any]:
    """A relation's fields that are not entity arguments (stage, project, …); unset ones left out."""
    data = relation.model_dump(mode="json", exclude={"type", *RELATION_ARGUMENTS[relation.type]})
    return {key: value for key, value in data.items() if value is not None}


def file_stem(doc_id: str) -> str:
    """``doc_id`` as a file name stem, or a :class:`FormatError` if it cannot be one."""
    if not doc_id or doc_id.startswith(".") or any(sep in doc_id for sep in ("/", "\\", "\0")):
        raise FormatError(Errors.E016.format(doc=doc_id))
    return doc_id


def check_unique(docs: Iterable[Document]) -> None:
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            raise FormatError(Errors.E017.format(doc=doc.id))
        seen.add(doc.id)


def load_json(path: Path, text: str | None = None) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8") if text is None else text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise FormatError(Errors.E014.format(name=path, reason=str(error))) from None


def first_json_line(path: Path) -> Any:
    """The first non-empty line of a JSON-lines file, parsed; ``None`` if there is none or it is not JSON."""
    try:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    return json.loads(line)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return None


# --- n-ary relations as binary links ----------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A binary relation from the pivot argument ``head`` to argument ``role`` at ``tail``.

    A relation with no argument beside its pivot (a PROJECT_SUMMARY without a total) is one
    link from the pivot to itself, with the pivot's role. ``relation`` is the relation's index
    in the document and ``fields`` its other fields, where a format can keep them on the link.
    """

    head: int
    tail: int
    type: str
    role: str
    relation: int | None = None
    fields: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def label(self, separator: str = ":") -> str:
        return f"{self.type}{separator}{self.role}"

    @property
    def key(self) -> tuple[int, int, str, str]:
        return (self.head, self.tail, self.type, self.role)


def link_labels(separator: str = ":") -> list[tuple[str, str, str]]:
    """Every link label with the entity labels of its head and tail: ``("INVESTMENT:investor", "MONEY", "ORG")``.

    A type whose other arguments are all optional also has the pivot's self-link (``PROJECT_SUMMARY:count``).
    """
    labels = []
    for kind, arguments in RELATION_ARGUMENTS.items():
        pivot = PIVOTS[kind]
        others = [name for name in arguments if name != pivot]
        fields = RELATION_CLASSES[kind].model_fields
        if not any(fields[name].is_required() for name in others):
            others.append(pivot)
        for role in others:
            labels.append((f"{kind}{separator}{role}", ARGUMENT_LABELS[pivot], ARGUMENT_LABELS[role]))
    return labels


def parse_link_label(label: str) -> tuple[str, str] | None:
    """``"INVESTMENT:investor"`` (or with ``_``, ``-``, ``.``) → ``("INVESTMENT", "investor")``; ``None`` if unknown."""
    for kind, arguments in RELATION_ARGUMENTS.items():
        if label.startswith(kind) and label[len(kind) : len(kind) + 1] in (":", "_", "-", "."):
            role = label[len(kind) + 1 :]
            if role in arguments:
                return kind, role
    return None


def to_links(relations: Sequence[Relation]) -> list[Link]:
    """Binary links from each relation's pivot to each of its other arguments, in relation order."""
    links = []
    for index, relation in enumerate(relations):
        pivot_role = PIVOTS[relation.type]
        pivot = getattr(relation, pivot_role)
        fields = relation_fields(relation)
        others = [
            (role, getattr(relation, role))
            for role in RELATION_ARGUMENTS[relation.type]
            if role != pivot_role and getattr(relation, role) is not None
        ]
        for role, tail in others or [(pivot_role, pivot)]:
            links.append(Link(pivot, tail, relation.type, role, index, fields))
    return links


def from_links(
    links: Sequence[Link],
    records: Sequence[Relation] | None = None,
    *,
    name: str | Path,
    doc: str,
) -> tuple[Relation, ...]:
    """Relations back from binary links.

    If ``records`` (the full relations, kept beside the links by formats that cannot put
    fields on a link) give exactly these links, they are the answer. Otherwise links are
    grouped by their ``relation`` index, or when they have none by type and pivot; a group
    gives one relation per combination of its arguments (two investors of one amount are two
    INVESTMENT relations), with fields from the links, else from a record with the same
    arguments, else from the first record with the same type and pivot.
    """
    if records is not None and Counter(link.key for link in to_links(records)) == Counter(link.key for link in links):
        return tuple(records)
    groups: dict[tuple[Any, ...], list[Link]] = {}
    for link in links:
        key = ("relation", link.relation) if link.relation is not None else ("pivot", link.type, link.head)
        groups.setdefault(key, []).append(link)
    by_arguments: dict[tuple[Any, ...], dict[str, Any]] = {}
    by_pivot: dict[tuple[str, int], dict[str, Any]] = {}
    for record in records or ():
        by_arguments.setdefault(_arguments_key(record), relation_fields(record))
        by_pivot.setdefault((record.type, getattr(record, PIVOTS[record.type])), relation_fields(record))
    relations: list[Relation] = []
    for group in groups.values():
        relations.extend(_group_relations(group, by_arguments, by_pivot, name=name, doc=doc))
    return tuple(relations)


def _arguments_key(relation: Relation) -> tuple[Any, ...]:
    return (relation.type, *(getattr(relation, name) for name in RELATION_ARGUMENTS[relation.type]))


def _group_relations(
    group: list[Link],
    by_arguments: Mapping[tuple[Any, ...], dict[str, Any]],
    by_pivot: Mapping[tuple[str, int], dict[str, Any]],
    *,
    name: str | Path,
    doc: str,
) -> list[Relation]:
    first = group[0]
    pivot_role = PIVOTS[first.type]
    for link in group:
        if link.type != first.type or link.head != first.head:
            raise FormatError(
                Errors.E019.format(
                    name=name,
                    doc=doc,
                    link=link.label(),
                    reason=f"does not start from the pivot of relation {first.relation}",
                )
            )
    tails: dict[str, list[int | None]] = {}
    for link in group:
        if link.role != pivot_role:
            tails.setdefault(link.role, []).append(link.tail)
    fields: dict[str, Any] = {}
    for link in group:
        fields = {**link.fields, **fields}
    combinations: list[dict[str, Any]] = [{pivot_role: first.head}]
    for role in RELATION_ARGUMENTS[first.type]:
        if role != pivot_role:
            combinations = [
                {**combination, role: tail} for combination in combinations for tail in tails.get(role, [None])
            ]
    relations: list[Relation] = []
    cls = RELATION_CLASSES[first.type]
    for arguments in combinations:
        arguments = {role: tail for role, tail in arguments.items() if tail is not None}
        key = (first.type, *(arguments.get(role) for role in RELATION_ARGUMENTS[first.type]))
        found = fields or by_arguments.get(key) or by_pivot.get((first.type, first.head)) or {}
        try:
            relations.append(cls.model_validate({**found, **arguments}))
        except ValidationError as error:
            raise FormatError(
                Errors.E019.format(name=name, doc=doc, link=first.label(), reason=reason(error))
            ) from None
    return relations
