"""Check annotation files: :func:`validate` returns a typed :class:`ValidationReport`.

Each file must hold one SPEC :class:`~zhinvest.schema.Document`. Beyond what the schema
itself enforces, the checks are

========== ===================================================================================
kind       problem
========== ===================================================================================
json       the file is not JSON
schema     the JSON is not a document (missing id or text, a bad field, duplicate entity ids)
label      an entity label that is not one of SPEC's
offset     an entity's ``text`` is not ``doc.text[start:end]``
entity     an entity that is otherwise malformed (reversed span, a numeric one without value)
source     ``source_text`` is not the slice ``[source_start, source_end)`` of the source file
value      a MONEY, AREA or PROJECT_COUNT value (or currency, unit) that differs from what
           :mod:`zhinvest.numbers` reads from the span and ~12 characters around it
qualifier  likewise for the qualifier
overlap    two entities overlap (annotations are flat)
relation   a relation argument that points at no entity or at one with the wrong label,
           or a relation that is malformed
drift      ``doc.text`` is no longer what the reader makes of the source file
duplicate  two files with the same document id
========== ===================================================================================

The source file is looked for relative to the repository root (the parent of the folder
holding the annotation file) and then the current folder; the ``source`` and ``drift``
checks are skipped when it is not found.

>>> report = validate("annotations")  # doctest: +SKIP
>>> report.ok, report.counts  # doctest: +SKIP
(True, {})
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, computed_field

from .about import LABELS, NUMERIC_LABELS
from .errors import Errors, InputError
from .formats._common import ARGUMENT_LABELS, reason
from .numbers import Quantity, parse_area, parse_count, parse_money
from .reader import read
from .schema import RELATION_ARGUMENTS, Document, Entity, Relation

__all__ = ["Problem", "ProblemKind", "ValidationReport", "validate", "CONTEXT_CHARS"]

ProblemKind = Literal[
    "json", "schema", "label", "offset", "entity", "source", "value", "qualifier",
    "overlap", "relation", "drift", "duplicate",
]
#: Characters of clean text before and after a numeric span handed to the parsers.
CONTEXT_CHARS = 12

_PARSERS = {"MONEY": parse_money, "AREA": parse_area, "PROJECT_COUNT": parse_count}
_RELATION: TypeAdapter[Relation] = TypeAdapter(Relation)


class _Frozen(BaseModel):
    # extra="ignore": the computed fields appear in the JSON and are recomputed on reading it back.
    model_config = ConfigDict(frozen=True, extra="ignore")


class Problem(_Frozen):
    """One finding: the file and document it is in, the entity (if any), its kind and a message."""

    file: str
    doc: str | None = None
    entity: int | None = None
    kind: ProblemKind
    message: str


class ValidationReport(_Frozen):
    """What :func:`validate` checked and found. ``ok`` when there are no problems."""

    files: int = 0
    documents: int = 0
    entities: int = 0
    relations: int = 0
    problems: tuple[Problem, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        return not self.problems

    @computed_field  # type: ignore[prop-decorator]
    @property
    def counts(self) -> dict[str, int]:
        """Problems per kind."""
        return dict(Counter(problem.kind for problem in self.problems))

    def of_kind(self, kind: ProblemKind) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.kind == kind)


def validate(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    root: str | os.PathLike[str] | None = None,
    check_drift: bool = True,
) -> ValidationReport:
    """Validate annotation files: a folder (its ``*.json``), a file, or a list of them.

    ``root`` overrides where ``source`` paths are resolved (default: the parent of each
    file's folder, then the current folder). ``check_drift=False`` skips re-reading the
    sources to compare texts. Raises :class:`~zhinvest.errors.InputError` for a path that
    does not exist.
    """
    files = _files(paths)
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    documents = entities = relations = 0
    for file in files:
        checker = _DocumentCheck(file, None if root is None else Path(root), check_drift)
        checker.run()
        problems.extend(checker.problems)
        if checker.doc_id is None:
            continue
        documents += 1
        entities += checker.entity_count
        relations += checker.relation_count
        if checker.doc_id in seen:
            problems.append(Problem(file=str(file), doc=checker.doc_id, kind="duplicate",
                                    message=Errors.E051.format(doc=checker.doc_id, other=seen[checker.doc_id])))
        else:
            seen[checker.doc_id] = str(file)
    return ValidationReport(files=len(files), documents=documents, entities=entities,
                            relations=relations, problems=tuple(problems))


def _files(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[Path]:
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    files: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(path.glob("*.json")))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(Errors.E053.format(name=path))
    return files


class _DocumentCheck:
    """The checks of one annotation file; collects :class:`Problem` objects."""

    def __init__(self, file: Path, root: Path | None, check_drift: bool) -> None:
        self.file = file
        self.roots = [root] if root is not None else [file.resolve().parent.parent, Path.cwd()]
        self.check_drift = check_drift
        self.problems: list[Problem] = []
        self.doc_id: str | None = None
        self.entity_count = 0
        self.relation_count = 0

    def add(self, kind: ProblemKind, message: str, entity: int | None = None) -> None:
        self.problems.append(Problem(file=str(self.file), doc=self.doc_id, entity=entity, kind=kind, message=message))

    def run(self) -> None:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            self.add("json", Errors.E014.format(name=self.file, reason=error))
            return
        if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not isinstance(data.get("text"), str):
            self.add("schema", Errors.E015.format(name=self.file, expected="a JSON object with string 'id' and 'text'"))
            return
        self.doc_id = data["id"]
        text: str = data["text"]
        raw_entities = data.get("entities") or []
        raw_relations = data.get("relations") or []
        self.entity_count = len(raw_entities)
        self.relation_count = len(raw_relations)
        before = len(self.problems)
        entities = self.check_entities(text, raw_entities)
        self.check_overlaps(entities)
        labels = {raw.get("id"): raw.get("label") for raw in raw_entities if isinstance(raw, dict)}
        self.check_relations(raw_relations, labels)
        source = self.source(data.get("source"))
        if source is not None:
            self.check_source(source, entities, text)
        if len(self.problems) == before:
            # Whatever the checks above did not explain (metadata, extra fields …).
            try:
                Document.model_validate(data)
            except ValidationError as error:
                self.add("schema", Errors.E010.format(name=self.file, reason=reason(error)))

    # --- entities --------------------------------------------------------------------

    def check_entities(self, text: str, raw_entities: list[Any]) -> list[Entity]:
        valid: list[Entity] = []
        ids: Counter[Any] = Counter(raw.get("id") for raw in raw_entities if isinstance(raw, dict))
        for entity_id in sorted((i for i, n in ids.items() if n > 1), key=str):
            self.add("schema", Errors.E052.format(entity=entity_id), entity=entity_id if isinstance(entity_id, int) else None)
        for raw in raw_entities:
            if not isinstance(raw, dict):
                self.add("schema", Errors.E015.format(name=self.file, expected="entities as JSON objects"))
                continue
            entity_id = raw.get("id") if isinstance(raw.get("id"), int) else None
            if not self.check_raw_entity(raw, entity_id, text):
                continue
            try:
                entity = Entity.model_validate(raw)
            except ValidationError as error:
                self.add("entity", Errors.E042.format(entity=entity_id, reason=reason(error)), entity_id)
                continue
            valid.append(entity)
            if entity.label in NUMERIC_LABELS:
                self.check_value(entity, text)
        return valid

    def check_raw_entity(self, raw: Mapping[str, Any], entity_id: int | None, text: str) -> bool:
        """Label and offsets, checked before the model so they get their own kinds."""
        fine = True
        if raw.get("label") not in LABELS:
            self.add("label", Errors.E040.format(entity=entity_id, label=raw.get("label"), labels=", ".join(LABELS)), entity_id)
            fine = False
        start, end, surface = raw.get("start"), raw.get("end"), raw.get("text")
        if isinstance(start, int) and isinstance(end, int) and isinstance(surface, str):
            found = text[start:end] if 0 <= start <= end else ""
            if found != surface:
                self.add("offset", Errors.E041.format(entity=entity_id, text=surface, found=found, start=start, end=end), entity_id)
                fine = False
        return fine

    def check_value(self, entity: Entity, text: str) -> None:
        if entity.value is None or entity.qualifier is None:
            field = "a value" if entity.value is None else "a qualifier"
            self.add("entity", Errors.E054.format(entity=entity.id, label=entity.label, field=field), entity.id)
            return
        before = text[max(0, entity.start - CONTEXT_CHARS):entity.start]
        after = text[entity.end:entity.end + CONTEXT_CHARS]
        try:
            parsed: Quantity = _PARSERS[entity.label](entity.text, before, after)
        except (ValueError, ArithmeticError) as error:
            self.add("value", Errors.E045.format(entity=entity.id, text=entity.text, reason=error), entity.id)
            return
        checks: list[tuple[ProblemKind, str, Any, Any]] = [("value", "value", entity.value, parsed.value)]
        if entity.label == "MONEY":
            checks.append(("value", "currency", entity.currency, parsed.currency))
        if entity.label == "AREA":
            checks.append(("value", "unit", entity.unit, parsed.unit))
        checks.append(("qualifier", "qualifier", entity.qualifier, parsed.qualifier))
        for kind, field, stored, computed in checks:
            if not _same(stored, computed):
                context = f"{before}[{entity.text}]{after}".replace("\n", " ")
                self.add(kind, Errors.E044.format(entity=entity.id, field=field, stored=_plain(stored),
                                                  computed=_plain(computed), text=context), entity.id)

    def check_overlaps(self, entities: list[Entity]) -> None:
        ordered = sorted(entities, key=lambda e: (e.start, e.end, e.id))
        reach: Entity | None = None  # the entity reaching furthest right so far
        for entity in ordered:
            if reach is not None and entity.start < reach.end:
                self.add("overlap", Errors.E046.format(
                    entity=entity.id, text=entity.text, start=entity.start, end=entity.end, other=reach.id,
                    other_text=reach.text, other_start=reach.start, other_end=reach.end), entity.id)
            if reach is None or entity.end > reach.end:
                reach = entity

    # --- relations -------------------------------------------------------------------

    def check_relations(self, raw_relations: list[Any], labels: Mapping[Any, Any]) -> None:
        for index, raw in enumerate(raw_relations):
            try:
                relation = _RELATION.validate_python(raw)
            except ValidationError as error:
                self.add("relation", Errors.E049.format(index=index, reason=reason(error)))
                continue
            for role in RELATION_ARGUMENTS[relation.type]:
                target = getattr(relation, role)
                if target is None:
                    continue
                if target not in labels:
                    self.add("relation", Errors.E047.format(index=index, kind=relation.type, role=role, entity=target))
                elif labels[target] != ARGUMENT_LABELS[role]:
                    self.add("relation", Errors.E048.format(
                        index=index, kind=relation.type, role=role, entity=target,
                        label=labels[target], expected=ARGUMENT_LABELS[role]), target)

    # --- the source file -------------------------------------------------------------

    def source(self, name: Any) -> Path | None:
        if not isinstance(name, str) or not name:
            return None
        path = Path(name)
        candidates = [path] if path.is_absolute() else [base / path for base in self.roots]
        return next((candidate for candidate in candidates if candidate.is_file()), None)

    def check_source(self, path: Path, entities: list[Entity], text: str) -> None:
        try:
            article = read(path)
        except InputError as error:
            self.add("source", str(error))
            return
        source_text = article.source_text
        for entity in entities:
            found = source_text[entity.source_start:entity.source_end]
            if found != entity.source_text:
                self.add("source", Errors.E043.format(
                    entity=entity.id, text=entity.source_text, found=found,
                    start=entity.source_start, end=entity.source_end, source=path), entity.id)
        if self.check_drift and article.text != text:
            offset = next((i for i, (a, b) in enumerate(zip(text, article.text)) if a != b), min(len(text), len(article.text)))
            self.add("drift", Errors.E050.format(
                source=path, offset=offset, stored=text[offset:offset + 20], current=article.text[offset:offset + 20]))


def _same(stored: Any, computed: Any) -> bool:
    if isinstance(stored, (Decimal, int)) and isinstance(computed, (Decimal, int)):
        return Decimal(stored) == Decimal(computed)
    return bool(stored == computed)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value
