"""Score predicted documents against gold ones: :func:`evaluate` returns a typed :class:`Report`.

Entities are scored under the four SemEval-2013 schemes as nervaluate defines them:

========  ==========================================  =========================
scheme    correct when                                 otherwise, if overlapping
========  ==========================================  =========================
strict    same span and same label                     incorrect
exact     same span, any label                         incorrect
partial   same span, any label                         partial (counts 0.5)
type      overlapping span and same label              incorrect
========  ==========================================  =========================

A predicted entity that overlaps no gold entity is *spurious*, a gold entity that no
prediction matched is *missed*. ``possible = correct + incorrect + partial + missed`` and
``actual = correct + incorrect + partial + spurious``; precision is
``(correct + 0.5 * partial) / actual`` and recall ``(correct + 0.5 * partial) / possible``
(``partial`` is zero outside the partial scheme, so this is ``correct / actual`` there).

Matching is one to one. Full matches (as in the "correct when" column) are made first,
then overlaps, each time taking the gold entity with the closest boundaries, so the result
does not depend on the order of the predictions. nervaluate matches greedily in list order;
the two agree unless one prediction could match several gold entities.

Per label, a matched pair counts under the gold entity's label (nervaluate: "we only scored
against the true entity"), a missed entity under its own label and a spurious one under the
predicted label. Micro-averages add the counts of all labels (so they equal the counts over
all entities); macro-averages are the mean precision, recall and F1 of the labels that occur
in the gold or the predicted documents.

Spans are half-open character offsets ``[start, end)`` in each document's clean ``text``;
documents are paired by ``id``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, computed_field

from .about import LABELS, NUMERIC_LABELS, RELATION_TYPES
from .errors import Errors, InputError
from .goldsets import GoldSet, argument_key, load_gold
from .schema import RELATION_SPECS, Document, Entity, Relation, decimal_to_str

if TYPE_CHECKING:
    from .engine import Pipeline

Scheme = Literal["strict", "exact", "partial", "type"]
#: The SemEval-2013 schemes, in report order.
SCHEMES: tuple[Scheme, ...] = ("strict", "exact", "partial", "type")
#: Characters of context on each side of an error.
CONTEXT = 20

_Outcome = Literal["correct", "incorrect", "partial", "missed", "spurious"]


class _Result(BaseModel):
    # extra="ignore": computed fields appear in the JSON and are recomputed on reading it back.
    model_config = ConfigDict(frozen=True, extra="ignore")


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return _ratio(2 * precision * recall, precision + recall)


class Counts(_Result):
    """SemEval-2013 counts of one scheme (or of relations, which have no incorrect or partial)."""

    correct: int = 0
    incorrect: int = 0
    partial: int = 0
    missed: int = 0
    spurious: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def possible(self) -> int:
        """Gold entities: correct + incorrect + partial + missed."""
        return self.correct + self.incorrect + self.partial + self.missed

    @computed_field  # type: ignore[prop-decorator]
    @property
    def actual(self) -> int:
        """Predicted entities: correct + incorrect + partial + spurious."""
        return self.correct + self.incorrect + self.partial + self.spurious

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return _ratio(self.correct + 0.5 * self.partial, self.actual)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return _ratio(self.correct + 0.5 * self.partial, self.possible)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            correct=self.correct + other.correct,
            incorrect=self.incorrect + other.incorrect,
            partial=self.partial + other.partial,
            missed=self.missed + other.missed,
            spurious=self.spurious + other.spurious,
        )


class LabelScores(_Result):
    """Counts of one label (or of all labels) under each scheme."""

    strict: Counts = Counts()
    exact: Counts = Counts()
    partial: Counts = Counts()
    type: Counts = Counts()

    def scheme(self, name: Scheme) -> Counts:
        counts: Counts = getattr(self, name)
        return counts


class Averages(_Result):
    """Precision, recall and F1 averaged over labels."""

    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0


class MacroScores(_Result):
    """Macro-averages of each scheme, over the labels in ``labels``."""

    labels: tuple[str, ...] = ()
    strict: Averages = Averages()
    exact: Averages = Averages()
    partial: Averages = Averages()
    type: Averages = Averages()


class ValueScores(_Result):
    """Normalised values of one numeric label, among its strict matches.

    ``value_correct``: same ``value`` (and, for MONEY, same ``currency``);
    ``qualifier_correct``: same ``qualifier``; ``both_correct``: both. Accuracies are
    ``None`` when there is no strict match to judge.
    """

    matched: int = 0
    value_correct: int = 0
    qualifier_correct: int = 0
    both_correct: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value_accuracy(self) -> float | None:
        return self.value_correct / self.matched if self.matched else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def qualifier_accuracy(self) -> float | None:
        return self.qualifier_correct / self.matched if self.matched else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float | None:
        return self.both_correct / self.matched if self.matched else None


class PatternHits(_Result):
    """How often one relation pattern gave a scored relation, and how often it was right
    (a relation counts under the pattern of its first occurrence in a document)."""

    fired: int = 0
    right: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return _ratio(self.right, self.fired)


class ErrorItem(_Result):
    """One false positive, false negative or wrong value, with its context in the clean text."""

    kind: Literal["false_positive", "false_negative", "wrong_value"]
    level: Literal["entity", "relation"]
    document: str
    #: Entity label or relation type.
    label: str
    start: int
    end: int
    text: str
    left: str
    right: str
    #: What the item was matched against, or the relation's arguments.
    note: str | None = None
    #: Its class (:data:`ENTITY_ERROR_CLASSES`, :data:`RELATION_ERROR_CLASSES`); an overlapping
    #: pair under the strict scheme is one boundary or label error, given to both its items.
    error_class: str = ""

    def line(self) -> str:
        """One line for a terminal: kind, document, label, span and context."""
        kind = {"false_positive": "FP", "false_negative": "FN", "wrong_value": "VAL"}[self.kind]
        context = f"{self.left}[{self.text}]{self.right}".replace("\n", "⏎")
        note = f"  ({self.note})" if self.note else ""
        return f"{kind}\t{self.document}\t{self.label}\t{self.start}-{self.end}\t{context}{note}"


#: Classes of entity errors, in report order. Edges compare a predicted entity with the gold
#: one it overlaps under the strict scheme: "too long" takes in characters outside the gold span.
ENTITY_ERROR_CLASSES: tuple[str, ...] = (
    "missed",
    "spurious",
    "left edge too long",
    "left edge too short",
    "right edge too long",
    "right edge too short",
    "both edges wrong",
    "wrong label",
    "wrong label and span",
    "wrong value",
    "wrong qualifier",
)
#: Classes of relation errors: a missed gold relation is "wrong argument" when a spurious
#: prediction of its type shares one required argument with it, else "argument missing" when
#: an entity it needs was not predicted, else "arguments found"; other predictions are spurious.
RELATION_ERROR_CLASSES: tuple[str, ...] = (
    "missed: argument missing",
    "missed: arguments found",
    "wrong argument",
    "spurious",
)


def entity_error_class(gold: Entity | None, pred: Entity | None) -> str:
    """The class of a strict-scheme entity error (a pair that is not a strict match)."""
    if pred is None:
        return "missed"
    if gold is None:
        return "spurious"
    same_span = gold.start == pred.start and gold.end == pred.end
    if gold.label != pred.label:
        return "wrong label" if same_span else "wrong label and span"
    left = "" if pred.start == gold.start else ("left edge too long" if pred.start < gold.start else "left edge too short")
    right = "" if pred.end == gold.end else ("right edge too long" if pred.end > gold.end else "right edge too short")
    return "both edges wrong" if left and right else (left or right)


class Report(_Result):
    """Everything :func:`evaluate` measures. ``Report.model_dump_json()`` gives it as JSON."""

    #: Number of gold documents.
    documents: int = 0
    #: Gold documents with no predicted document: all their entities and relations are missed.
    missing: tuple[str, ...] = ()
    #: Predicted documents with no gold document: not scored.
    unexpected: tuple[str, ...] = ()
    #: Every label of SPEC v1, in report order.
    labels: dict[str, LabelScores] = {}
    micro: LabelScores = LabelScores()
    macro: MacroScores = MacroScores()
    #: MONEY, AREA and PROJECT_COUNT.
    values: dict[str, ValueScores] = {}
    #: Every relation type of SPEC v1; only correct, missed and spurious are used.
    relations: dict[str, Counts] = {}
    relations_micro: Counts = Counts()
    #: Matched INVESTMENT relations whose ``location`` agrees with the gold one (both absent counts).
    investment_locations: ValueScores = ValueScores()
    #: Relation pattern (``Relation.pattern``) → how often it fired and was right.
    patterns: dict[str, PatternHits] = {}
    #: Error class → label or relation type → count.
    error_classes: dict[str, dict[str, int]] = {}
    errors: tuple[ErrorItem, ...] = ()

    def class_table(self) -> str:
        """Counts of each error class by label (entities) and relation type."""
        return "\n".join(_class_lines(self))

    def pattern_table(self) -> str:
        """For each relation pattern, how often it fired and how often it was right."""
        return "\n".join(_pattern_lines(self))

    def to_table(self) -> str:
        """A plain-text table: labels as rows with P, R, F1 (strict and partial), values, relations."""
        return "\n".join(_table_lines(self))


def evaluate(gold: Sequence[Document], predicted: Sequence[Document]) -> Report:
    """Score ``predicted`` against ``gold``; documents are paired by ``id``.

    Raises :class:`~zhinvest.errors.InputError` when document ids repeat on one side or a
    predicted document's text differs from its gold document's text.
    """
    gold_by_id, predicted_by_id = _by_id(gold), _by_id(predicted)
    per_label: dict[str, dict[Scheme, Counter[_Outcome]]] = {
        label: {scheme: Counter() for scheme in SCHEMES} for label in LABELS
    }
    values: dict[str, Counter[str]] = {label: Counter() for label in NUMERIC_LABELS}
    relations: dict[str, Counter[_Outcome]] = {kind: Counter() for kind in RELATION_TYPES}
    errors: list[ErrorItem] = []
    locations: Counter[str] = Counter()
    patterns: dict[str, Counter[str]] = {}
    seen_labels: set[str] = set()
    for gold_doc in gold:
        pred_doc = predicted_by_id.get(gold_doc.id) or Document(id=gold_doc.id, text=gold_doc.text)
        if pred_doc.text != gold_doc.text:
            raise InputError(Errors.E030.format(doc=gold_doc.id))
        seen_labels.update(entity.label for entity in gold_doc.entities + pred_doc.entities)
        for scheme in SCHEMES:
            for outcome, gold_entity, pred_entity in _match(gold_doc.entities, pred_doc.entities, scheme):
                label = (gold_entity or pred_entity).label  # type: ignore[union-attr]
                per_label[label][scheme][outcome] += 1
                if scheme == "strict":
                    errors.extend(_entity_errors(gold_doc, outcome, gold_entity, pred_entity, values))
        errors.extend(_score_relations(gold_doc, pred_doc, relations, locations, patterns))
    classes: dict[str, Counter[str]] = {}
    for item in errors:
        # an overlapping pair gives a false positive and a false negative: count it once
        if item.kind == "false_positive" and item.error_class != "spurious":
            continue
        classes.setdefault(item.error_class, Counter())[item.label] += 1
    class_order = ENTITY_ERROR_CLASSES + RELATION_ERROR_CLASSES
    labels = {
        label: LabelScores.model_validate(
            {scheme: Counts.model_validate(per_label[label][scheme]) for scheme in SCHEMES}
        )
        for label in LABELS
    }
    macro_labels = tuple(label for label in LABELS if label in seen_labels)
    relation_counts = {kind: Counts.model_validate(relations[kind]) for kind in RELATION_TYPES}
    return Report(
        documents=len(gold),
        missing=tuple(doc.id for doc in gold if doc.id not in predicted_by_id),
        unexpected=tuple(doc.id for doc in predicted if doc.id not in gold_by_id),
        labels=labels,
        micro=LabelScores(
            **{scheme: sum((labels[label].scheme(scheme) for label in LABELS), Counts()) for scheme in SCHEMES}
        ),
        macro=MacroScores(labels=macro_labels, **{scheme: _macro(labels, macro_labels, scheme) for scheme in SCHEMES}),
        values={label: ValueScores.model_validate(values[label]) for label in NUMERIC_LABELS},
        relations=relation_counts,
        relations_micro=sum(relation_counts.values(), Counts()),
        investment_locations=ValueScores(
            matched=locations["matched"],
            value_correct=locations["correct"],
            qualifier_correct=locations["correct"],
            both_correct=locations["correct"],
        ),
        patterns={name: PatternHits.model_validate(patterns[name]) for name in sorted(patterns)},
        error_classes={name: dict(classes[name]) for name in class_order if name in classes},
        errors=tuple(errors),
    )


def _by_id(docs: Sequence[Document]) -> dict[str, Document]:
    by_id: dict[str, Document] = {}
    for doc in docs:
        if doc.id in by_id:
            raise InputError(Errors.E017.format(doc=doc.id))
        by_id[doc.id] = doc
    return by_id


def _macro(labels: dict[str, LabelScores], names: tuple[str, ...], scheme: Scheme) -> Averages:
    if not names:
        return Averages()
    scores = [labels[name].scheme(scheme) for name in names]
    return Averages(
        precision=sum(score.precision for score in scores) / len(scores),
        recall=sum(score.recall for score in scores) / len(scores),
        f1=sum(score.f1 for score in scores) / len(scores),
    )


# --- entity matching -------------------------------------------------------------------


def _same_span(a: Entity, b: Entity) -> bool:
    return a.start == b.start and a.end == b.end


def _overlap(a: Entity, b: Entity) -> bool:
    return a.start < b.end and b.start < a.end


def _position(entity: Entity) -> tuple[int, int, str, int]:
    return (entity.start, entity.end, entity.label, entity.id)


def _distance(a: Entity, b: Entity) -> int:
    return abs(a.start - b.start) + abs(a.end - b.end)


#: Per scheme: when a gold and a predicted entity match fully, and what an overlap counts as.
_FULL: dict[Scheme, Callable[[Entity, Entity], bool]] = {
    "strict": lambda g, p: _same_span(g, p) and g.label == p.label,
    "exact": _same_span,
    "partial": _same_span,
    "type": lambda g, p: _overlap(g, p) and g.label == p.label,
}
_NEAR: dict[Scheme, _Outcome] = {"strict": "incorrect", "exact": "incorrect", "partial": "partial", "type": "incorrect"}


def _match(
    gold: Sequence[Entity], predicted: Sequence[Entity], scheme: Scheme
) -> list[tuple[_Outcome, Entity | None, Entity | None]]:
    """Outcomes of one document under one scheme: (outcome, gold entity, predicted entity)."""
    gold = sorted(gold, key=_position)
    predicted = sorted(predicted, key=_position)
    pairs: dict[int, tuple[_Outcome, Entity]] = {}  # index in predicted -> (outcome, gold)
    free = list(range(len(gold)))
    for outcome, fits in (("correct", _FULL[scheme]), (_NEAR[scheme], _overlap)):
        for index, pred in enumerate(predicted):
            if index in pairs:
                continue
            candidates = [g for g in free if fits(gold[g], pred)]
            if candidates:
                best = min(candidates, key=lambda g: _distance(gold[g], pred))
                free.remove(best)
                pairs[index] = (outcome, gold[best])  # type: ignore[assignment]
    outcomes: list[tuple[_Outcome, Entity | None, Entity | None]] = []
    for index, pred in enumerate(predicted):
        if index in pairs:
            outcome, gold_entity = pairs[index]
            outcomes.append((outcome, gold_entity, pred))
        else:
            outcomes.append(("spurious", None, pred))
    outcomes.extend(("missed", gold[g], None) for g in free)
    return outcomes


def _same_value(gold: Entity, pred: Entity) -> bool:
    if gold.label == "MONEY" and gold.currency != pred.currency:
        return False
    return gold.value == pred.value


def _entity_errors(
    doc: Document,
    outcome: _Outcome,
    gold: Entity | None,
    pred: Entity | None,
    values: dict[str, Counter[str]],
) -> list[ErrorItem]:
    """Errors of one strict outcome; counts value agreement of strict matches into ``values``."""
    if outcome == "correct":
        assert gold is not None and pred is not None
        if gold.label not in values:
            return []
        same_value, same_qualifier = _same_value(gold, pred), gold.qualifier == pred.qualifier
        values[gold.label].update(
            matched=1,
            value_correct=same_value,
            qualifier_correct=same_qualifier,
            both_correct=same_value and same_qualifier,
        )
        if same_value and same_qualifier:
            return []
        difference = f"predicted {_describe_value(pred)}, gold {_describe_value(gold)}"
        kind = "wrong value" if not same_value else "wrong qualifier"
        return [_error(doc, "wrong_value", "entity", gold.label, gold.start, gold.end, difference, kind)]
    errors = []
    note: str | None
    error_class = entity_error_class(gold, pred)
    if pred is not None:
        note = f"overlaps gold {gold.label} {gold.text!r} [{gold.start}, {gold.end})" if gold else None
        errors.append(_error(doc, "false_positive", "entity", pred.label, pred.start, pred.end, note, error_class))
    if gold is not None:
        note = f"overlaps predicted {pred.label} {pred.text!r} [{pred.start}, {pred.end})" if pred else None
        errors.append(_error(doc, "false_negative", "entity", gold.label, gold.start, gold.end, note, error_class))
    return errors


def _describe_value(entity: Entity) -> str:
    value = decimal_to_str(entity.value) if isinstance(entity.value, Decimal) else str(entity.value)
    currency = f" {entity.currency}" if entity.label == "MONEY" and entity.currency else ""
    return f"{value}{currency} {entity.qualifier}"


def _error(
    doc: Document,
    kind: str,
    level: str,
    label: str,
    start: int,
    end: int,
    note: str | None = None,
    error_class: str = "",
) -> ErrorItem:
    return ErrorItem(
        error_class=error_class,
        kind=kind,
        level=level,
        document=doc.id,
        label=label,
        start=start,
        end=end,
        text=doc.text[start:end],
        left=doc.text[max(0, start - CONTEXT) : start],
        right=doc.text[end : end + CONTEXT],
        note=note,
    )


# --- relations -------------------------------------------------------------------------

#: The arguments each relation type is matched on (:attr:`~zhinvest.schema.RelationSpec.scored_roles`).
REQUIRED_ARGUMENTS: dict[str, tuple[str, ...]] = {kind: spec.scored_roles for kind, spec in RELATION_SPECS.items()}

#: What an argument is matched on, such as ``("MONEY", Decimal("5E+9"), "CNY")``.
_ArgumentKey = tuple[object, ...]
#: A relation reduced to its type and required arguments.
_Key = tuple[str, _ArgumentKey | None, _ArgumentKey | None]


def _entity_key(entity: Entity | None) -> _ArgumentKey | None:
    """What an argument is matched on (SPEC "Scoring"): ORG by simplified name, LOC by place
    name with a final 省/市/县/区 set aside, amounts and counts by value."""
    return None if entity is None else argument_key(entity)


def _relation_keys(doc: Document) -> dict[_Key, tuple[list[Entity], Relation]]:
    """Each distinct relation key of a document, with the arguments and relation of its first
    occurrence. A relation lacking a required argument (a batch's count without its total) is
    not scored (SPEC v1.1 "Relation readings")."""
    keys: dict[_Key, tuple[list[Entity], Relation]] = {}
    by_id = {entity.id: entity for entity in doc.entities}
    for relation in doc.relations:
        if any(getattr(relation, name) is None for name in REQUIRED_ARGUMENTS[relation.type]):
            continue
        arguments = [by_id.get(getattr(relation, name)) for name in REQUIRED_ARGUMENTS[relation.type]]
        first, second = (_entity_key(argument) for argument in arguments)
        key = (relation.type, first, second)
        keys.setdefault(key, ([argument for argument in arguments if argument is not None], relation))
    return keys


def _describe_arguments(kind: str, relation: Relation, doc: Document) -> str:
    """The required arguments of a relation as written: ``investor=华星科技有限公司 amount=5亿元``."""
    parts = []
    for name in REQUIRED_ARGUMENTS[kind]:
        ref = getattr(relation, name)
        entity = None if ref is None else doc.entity(ref)
        if entity is None:
            shown = "-"
        elif entity.label == "PROJECT_COUNT":
            shown = str(entity.value)
        else:
            shown = entity.name_simplified or entity.text
        parts.append(f"{name}={shown}")
    return " ".join(parts)


def _location_key(doc: Document, relation: Relation) -> _ArgumentKey | None:
    location = getattr(relation, "location", None)
    return None if location is None else _entity_key(doc.entity(location))


def _score_relations(
    gold: Document,
    predicted: Document,
    counts: dict[str, Counter[_Outcome]],
    locations: Counter[str],
    patterns: dict[str, Counter[str]] | None = None,
) -> list[ErrorItem]:
    gold_keys, pred_keys = _relation_keys(gold), _relation_keys(predicted)
    for key, (_, relation) in pred_keys.items():
        if patterns is not None and relation.pattern:
            patterns.setdefault(relation.pattern, Counter()).update(fired=1, right=key in gold_keys)
    for key in gold_keys.keys() & pred_keys.keys():
        counts[key[0]]["correct"] += 1
        if key[0] == "INVESTMENT":
            locations["matched"] += 1
            locations["correct"] += _location_key(gold, gold_keys[key][1]) == _location_key(predicted, pred_keys[key][1])
    missed = [key for key in gold_keys if key not in pred_keys]
    spurious = [key for key in pred_keys if key not in gold_keys]
    predicted_arguments = {argument_key(entity) for entity in predicted.entities}
    classes: dict[_Key, str] = {}
    for key in missed:
        partner = next(
            (other for other in spurious if other[0] == key[0] and other not in classes and _shares_argument(key, other)),
            None,
        )
        if partner is not None:
            classes[key] = classes[partner] = "wrong argument"
        elif any(argument is not None and argument not in predicted_arguments for argument in key[1:]):
            classes[key] = "missed: argument missing"
        else:
            classes[key] = "missed: arguments found"
    errors = []
    for keys, outcome, source in ((missed, "missed", gold_keys), (spurious, "spurious", pred_keys)):
        kind = "false_negative" if outcome == "missed" else "false_positive"
        for key in keys:
            counts[key[0]][outcome] += 1  # type: ignore[index]
            arguments = source[key][0]
            start = min((entity.start for entity in arguments), default=0)
            end = max((entity.end for entity in arguments), default=0)
            note = _describe_arguments(key[0], source[key][1], gold if outcome == "missed" else predicted)
            if outcome == "spurious" and source[key][1].pattern:
                note += f" pattern={source[key][1].pattern}"
            error_class = classes.get(key, "spurious")
            errors.append(_error(gold, kind, "relation", key[0], start, end, note, error_class))
    return errors


def _shares_argument(first: _Key, second: _Key) -> bool:
    return any(a is not None and a == b for a, b in zip(first[1:], second[1:]))


# --- table -----------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _table_lines(report: Report) -> list[str]:
    width = max(len(name) for name in (*LABELS, *RELATION_TYPES, "micro", "macro"))
    head = f"{'':<{width}}  {'strict P':>8} {'R':>6} {'F1':>6}   {'partial P':>9} {'R':>6} {'F1':>6}   {'gold':>5} {'pred':>5}"
    lines = [f"Entities ({report.documents} documents)", head]

    def row(name: str, strict: Counts | Averages, partial: Counts | Averages) -> str:
        text = (
            f"{name:<{width}}  {_percent(strict.precision):>8} {_percent(strict.recall):>6} {_percent(strict.f1):>6}"
            f"   {_percent(partial.precision):>9} {_percent(partial.recall):>6} {_percent(partial.f1):>6}"
        )
        if isinstance(strict, Counts):
            text += f"   {strict.possible:>5} {strict.actual:>5}"
        return text

    for label, scores in report.labels.items():
        lines.append(row(label, scores.strict, scores.partial))
    lines.append(row("micro", report.micro.strict, report.micro.partial))
    lines.append(row("macro", report.macro.strict, report.macro.partial))

    lines += [
        "",
        "Values (among strict matches)",
        f"{'':<{width}}  {'matched':>8} {'value':>6} {'qual.':>6} {'both':>6}",
    ]
    for label, values in report.values.items():
        lines.append(
            f"{label:<{width}}  {values.matched:>8} {_percent(values.value_accuracy):>6}"
            f" {_percent(values.qualifier_accuracy):>6} {_percent(values.accuracy):>6}"
        )

    lines += ["", "Relations", f"{'':<{width}}  {'P':>8} {'R':>6} {'F1':>6}   {'gold':>5} {'pred':>5}"]
    for name, counts in (*report.relations.items(), ("micro", report.relations_micro)):
        lines.append(
            f"{name:<{width}}  {_percent(counts.precision):>8} {_percent(counts.recall):>6} {_percent(counts.f1):>6}"
            f"   {counts.possible:>5} {counts.actual:>5}"
        )
    located = report.investment_locations
    if located.matched:
        lines.append(f"INVESTMENT location right in {located.value_correct} of {located.matched} matched ({_percent(located.value_accuracy)})")
    if report.missing:
        lines += ["", f"No prediction for {len(report.missing)} document(s): {', '.join(report.missing)}"]
    return lines


def _pattern_lines(report: Report) -> list[str]:
    width = max((len(name) for name in report.patterns), default=10)
    lines = ["Relation patterns (scored relations, each under its first occurrence)", f"{'':<{width}}  {'fired':>5} {'right':>5} {'P':>6}"]
    for name, hits in report.patterns.items():
        lines.append(f"{name:<{width}}  {hits.fired:>5} {hits.right:>5} {_percent(hits.precision):>6}")
    return lines


def _class_lines(report: Report) -> list[str]:
    entity_labels = [label for label in LABELS if any(label in row for row in report.error_classes.values())]
    relation_types = [kind for kind in RELATION_TYPES if any(kind in row for row in report.error_classes.values())]
    columns = entity_labels + relation_types
    width = max(len(name) for name in (*ENTITY_ERROR_CLASSES, *RELATION_ERROR_CLASSES))
    lines = ["Error classes (strict; an overlapping pair counts once)"]
    lines.append(f"{'':<{width}}  " + " ".join(f"{name[:10]:>10}" for name in columns) + f" {'total':>6}")
    for name, row in report.error_classes.items():
        cells = " ".join(f"{row.get(column, 0) or '':>10}" for column in columns)
        lines.append(f"{name:<{width}}  {cells} {sum(row.values()):>6}")
    return lines


def top_error_classes(report: Report, count: int = 10) -> list[tuple[str, str, int]]:
    """The ``count`` largest (class, label, number) cells of the error class table."""
    cells = [(name, label, number) for name, row in report.error_classes.items() for label, number in row.items()]
    return sorted(cells, key=lambda cell: -cell[2])[:count]


def evaluate_corpus(
    gold_path: str | Path,
    sources: str | Path | None = None,
    pipeline: Pipeline | None = None,
) -> tuple[Report, list[Document], list[Document]]:
    """Run the pipeline on the articles of a gold set and score it.

    ``gold_path`` is an annotation folder or file in any format (:mod:`zhinvest.formats`),
    whose documents' source files are read again (from ``sources`` when given), or a
    context-anchored set such as ``../shared/dev`` (:mod:`zhinvest.goldsets`). Returns the
    report with the gold and predicted documents. Gold mentions that could not be aligned
    are in :func:`zhinvest.goldsets.load_gold`'s ``problems``; :func:`evaluate_gold_set`
    returns them too.
    """
    report, gold_set, predicted = evaluate_gold_set(gold_path, sources, pipeline)
    return report, list(gold_set.documents), predicted


def evaluate_gold_set(
    gold_path: str | Path,
    sources: str | Path | None = None,
    pipeline: Pipeline | None = None,
) -> tuple[Report, GoldSet, list[Document]]:
    """:func:`evaluate_corpus`, returning the whole :class:`~zhinvest.goldsets.GoldSet`."""
    from .engine import Pipeline

    gold_set = load_gold(gold_path, sources)
    run = pipeline or Pipeline()
    predicted = [_only_labels(run.document(article), gold_set.labels, gold_set.has_relations) for article in gold_set.articles]
    return evaluate(list(gold_set.documents), predicted), gold_set, predicted


def _only_labels(document: Document, labels: tuple[str, ...], relations: bool = True) -> Document:
    """A predicted document reduced to what its gold set annotates: its labels, and relations
    only where the set has them (arguments of a dropped label go with their relations)."""
    if relations and set(labels) >= {entity.label for entity in document.entities}:
        return document
    entities = tuple(entity for entity in document.entities if entity.label in labels)
    return document.model_copy(update={"entities": entities, "relations": ()})


# --- quality floors ----------------------------------------------------------------------


def report_figures(report: Report) -> dict[str, float]:
    """The figures a quality gate holds: strict F1 per label, value accuracy per numeric
    label, F1 per relation type and micro, and INVESTMENT location accuracy; as fractions.
    A label or relation type absent from both gold and predictions is left out."""
    figures: dict[str, float] = {}
    for label, scores in report.labels.items():
        if scores.strict.possible or scores.strict.actual:
            figures[f"entity.{label}.f1"] = round(scores.strict.f1, 4)
    figures["entity.micro.f1"] = round(report.micro.strict.f1, 4)
    for label, values in report.values.items():
        if values.accuracy is not None:
            figures[f"value.{label}.accuracy"] = round(values.accuracy, 4)
    for kind, counts in report.relations.items():
        if counts.possible or counts.actual:
            figures[f"relation.{kind}.f1"] = round(counts.f1, 4)
    figures["relation.micro.f1"] = round(report.relations_micro.f1, 4)
    if report.investment_locations.value_accuracy is not None:
        figures["relation.INVESTMENT.location_accuracy"] = round(report.investment_locations.value_accuracy, 4)
    return figures


def below_floors(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One line for each figure under its floor (a floor whose figure is missing counts as 0)."""
    return [
        f"{name}: {figures.get(name, 0.0):.4f} is below its floor {floor:.4f}"
        for name, floor in floors.items()
        if figures.get(name, 0.0) < floor
    ]


def read_floors(path: str | Path) -> dict[str, dict[str, float]]:
    """The floors file: ``{"sets": {set name: {figure: floor}}}``."""
    import json

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return {name: {key: float(value) for key, value in floors.items()} for name, floors in data["sets"].items()}
    except (OSError, ValueError, KeyError, AttributeError, TypeError) as error:
        raise InputError(Errors.E034.format(name=path, reason=error)) from None


def raised_floors(figures: dict[str, float], floors: dict[str, float], margin: float = 0.01) -> dict[str, float]:
    """Floors raised to ``figure - margin`` where the figure allows; never lowered."""
    raised = dict(floors)
    for name, figure in figures.items():
        candidate = max(0.0, round(figure - margin, 4))
        if candidate > raised.get(name, -1.0):
            raised[name] = candidate
    return raised
