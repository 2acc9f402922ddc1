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
from typing import Literal

from pydantic import BaseModel, ConfigDict, computed_field

from .about import LABELS, NUMERIC_LABELS, RELATION_TYPES
from .errors import Errors, InputError
from .schema import Document, Entity, decimal_to_str

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

    def line(self) -> str:
        """One line for a terminal: kind, document, label, span and context."""
        kind = {"false_positive": "FP", "false_negative": "FN", "wrong_value": "VAL"}[self.kind]
        context = f"{self.left}[{self.text}]{self.right}".replace("\n", "⏎")
        note = f"  ({self.note})" if self.note else ""
        return f"{kind}\t{self.document}\t{self.label}\t{self.start}-{self.end}\t{context}{note}"


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
    errors: tuple[ErrorItem, ...] = ()

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
        errors.extend(_score_relations(gold_doc, pred_doc, relations))
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
        return [_error(doc, "wrong_value", "entity", gold.label, gold.start, gold.end, difference)]
    errors = []
    note: str | None
    if pred is not None:
        note = f"overlaps gold {gold.label} {gold.text!r} [{gold.start}, {gold.end})" if gold else None
        errors.append(_error(doc, "false_positive", "entity", pred.label, pred.start, pred.end, note))
    if gold is not None:
        note = f"overlaps predicted {pred.label} {pred.text!r} [{pred.start}, {pred.end})" if pred else None
        errors.append(_error(doc, "false_negative", "entity", gold.label, gold.start, gold.end, note))
    return errors


def _describe_value(entity: Entity) -> str:
    value = decimal_to_str(entity.value) if isinstance(entity.value, Decimal) else str(entity.value)
    currency = f" {entity.currency}" if entity.label == "MONEY" and entity.currency else ""
    return f"{value}{currency} {entity.qualifier}"


def _error(
    doc: Document, kind: str, level: str, label: str, start: int, end: int, note: str | None = None
) -> ErrorItem:
    return ErrorItem(
        kind=kind,  # type: ignore[arg-type]
        level=level,  # type: ignore[arg-type]
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

#: Required arguments of each relation type: the ones a relation is matched on.
REQUIRED_ARGUMENTS: dict[str, tuple[str, ...]] = {
    "INVESTMENT": ("investor", "amount"),
    "PROJECT_SUMMARY": ("count", "total"),
    "LOCATED_IN": ("org", "location"),
}

#: What an argument is matched on, such as ``("MONEY", Decimal("5E+9"), "CNY")``.
_ArgumentKey = tuple[object, ...]
#: A relation reduced to its type and required arguments.
_Key = tuple[str, _ArgumentKey | None, _ArgumentKey | None]


def _entity_key(entity: Entity | None) -> _ArgumentKey | None:
    """What an argument is matched on: ORG by simplified name, LOC by text, amounts by value."""
    if entity is None:
        return None
    if entity.label == "ORG":
        return ("ORG", entity.name_simplified or entity.text)
    if entity.label == "MONEY" and entity.value is not None:
        return ("MONEY", entity.value, entity.currency)
    if entity.label == "PROJECT_COUNT" and entity.value is not None:
        return ("PROJECT_COUNT", entity.value)
    return (entity.label, entity.text)


def _relation_keys(doc: Document) -> dict[_Key, list[Entity]]:
    """Each distinct relation key of a document, with the arguments of its first occurrence."""
    keys: dict[_Key, list[Entity]] = {}
    by_id = {entity.id: entity for entity in doc.entities}
    for relation in doc.relations:
        arguments = [by_id.get(getattr(relation, name)) for name in REQUIRED_ARGUMENTS[relation.type]]
        first, second = (_entity_key(argument) for argument in arguments)
        key = (relation.type, first, second)
        keys.setdefault(key, [argument for argument in arguments if argument is not None])
    return keys


def _describe_key(key: _Key) -> str:
    kind, *arguments = key
    parts = []
    for name, argument in zip(REQUIRED_ARGUMENTS[kind], arguments, strict=True):
        if argument is None:
            parts.append(f"{name}=-")
            continue
        # Leave out the label; show decimals without exponent.
        shown = [
            decimal_to_str(part) if isinstance(part, Decimal) else str(part)
            for part in argument[1:]
            if part is not None
        ]
        parts.append(f"{name}={' '.join(shown)}")
    return " ".join(parts)


def _score_relations(gold: Document, predicted: Document, counts: dict[str, Counter[_Outcome]]) -> list[ErrorItem]:
    gold_keys, pred_keys = _relation_keys(gold), _relation_keys(predicted)
    for key in gold_keys.keys() & pred_keys.keys():
        counts[key[0]]["correct"] += 1
    return _unmatched(gold, gold_keys, pred_keys, "missed", counts) + _unmatched(
        gold, pred_keys, gold_keys, "spurious", counts
    )


def _unmatched(
    doc: Document,
    own: dict[_Key, list[Entity]],
    other: dict[_Key, list[Entity]],
    outcome: _Outcome,
    counts: dict[str, Counter[_Outcome]],
) -> list[ErrorItem]:
    """Count the keys of ``own`` missing from ``other`` as ``outcome``; their errors, in relation order."""
    kind = "false_negative" if outcome == "missed" else "false_positive"
    errors = []
    for key, arguments in own.items():
        if key in other:
            continue
        counts[key[0]][outcome] += 1
        start = min((entity.start for entity in arguments), default=0)
        end = max((entity.end for entity in arguments), default=0)
        errors.append(_error(doc, kind, "relation", key[0], start, end, _describe_key(key)))
    return errors


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
    if report.missing:
        lines += ["", f"No prediction for {len(report.missing)} document(s): {', '.join(report.missing)}"]
    return lines


def evaluate_corpus(
    gold_path: str | Path,
    sources: str | Path | None = None,
    pipeline: Callable[[Path], Document] | None = None,
) -> tuple[Report, list[Document], list[Document]]:
    """Run the pipeline on the source of every gold document and score it.

    ``gold_path`` is a folder or file in any annotation format (``zhinvest.formats``).
    Each gold document's source file is ``sources / <file name of its source>`` when
    ``sources`` is given, else its ``source`` path resolved against the gold folder's parent
    and then the current directory. Returns the report with the gold and predicted documents.
    """
    from .formats import read as read_documents
    from .pipeline import Pipeline

    gold_path = Path(gold_path)
    gold = read_documents(gold_path)
    run = pipeline or Pipeline()
    predicted = [run(_source_of(doc, gold_path, sources)) for doc in gold]
    return evaluate(gold, predicted), gold, predicted


def _source_of(doc: Document, gold_path: Path, sources: str | Path | None) -> Path:
    if doc.source is None:
        raise InputError(Errors.E031.format(doc=doc.id))
    name = Path(doc.source)
    base = gold_path if gold_path.is_dir() else gold_path.parent
    candidates = [Path(sources) / name.name] if sources is not None else [base.parent / name, Path.cwd() / name, name]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise InputError(Errors.E032.format(doc=doc.id, source=doc.source))
