"""Character-aligned mentions, shared by every zhinvest component.

Components find mentions on ``doc.text`` by character offsets, whatever the tokenizer's
segmentation (char, jieba, pkuseg), and store them in ``doc._.zhinvest_mentions`` as
:class:`~zhinvest.mentions.Mention` named tuples (serialisable as arrays, so docs cross
process boundaries in ``nlp.pipe(n_process=…)``).
They also set ``doc.ents`` where a mention lines up with tokens, so spaCy tools (displaCy,
scorers) see them; the character list stays the source of truth.
"""

from __future__ import annotations

import json
from decimal import Decimal
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..about import NAME_LABELS
from ..assemble import resolve_overlaps
from ..mentions import Mention, as_mention
from ..numbers import Lexicon, lexicon

MENTIONS = "zhinvest_mentions"

if not Doc.has_extension(MENTIONS):
    Doc.set_extension(MENTIONS, default=None)


def get_mentions(doc: Doc) -> list[Mention]:
    """The mentions the components have added to ``doc`` so far (the list they add to)."""
    mentions: list[Mention] | None = doc._.get(MENTIONS)
    if mentions is None:
        mentions = []
        doc._.set(MENTIONS, mentions)
    elif mentions and not isinstance(mentions[0], Mention):  # arrays, after Doc.to_bytes/from_bytes
        mentions[:] = [as_mention(item) for item in mentions]
    return mentions


def resolved_mentions(doc: Doc) -> list[Mention]:
    """The doc's final mentions: :func:`collect_mentions` with overlaps settled by
    :func:`zhinvest.assemble.resolve_overlaps`, computed once per doc (the relation component
    and the engine's assembly read the same list)."""
    cached: tuple[int, list[Mention]] | None = doc.user_data.get(_RESOLVED_KEY)
    mentions = get_mentions(doc)
    if cached is not None and cached[0] == len(mentions):
        return cached[1]
    resolved = resolve_overlaps(collect_mentions(doc))
    doc.user_data[_RESOLVED_KEY] = (len(mentions), resolved)
    return resolved


_RESOLVED_KEY = "zhinvest_resolved"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy joins it from the tokens on every access,
    which for a chunk of 20,000 character tokens costs more than a component's search."""
    cached: tuple[int, str] | None = doc.user_data.get(_TEXT_KEY)
    if cached is not None and cached[0] == len(doc):  # a doc's text never changes; its tokens may be merged
        return cached[1]
    text = doc.text
    doc.user_data[_TEXT_KEY] = (len(doc), text)
    return text


_TEXT_KEY = "zhinvest_text"


def cache_doc_text(doc: Doc, text: str) -> Doc:
    """Record ``text`` (which must be the doc's text) for :func:`doc_text`."""
    doc.user_data[_TEXT_KEY] = (len(doc), text)
    return doc


def collect_mentions(doc: Any) -> list[Mention]:
    """The doc's character mentions, plus the named entities a statistical NER put in
    ``doc.ents`` that pass :func:`plausible_model_mention`; a model's PERSON that the rules
    found as a place elsewhere in the doc is that place (张江 … 张江集聚区)."""
    mentions = list(get_mentions(doc))
    covered = {(m.start, m.end) for m in mentions}
    full_text = doc_text(doc)
    rule_places = {full_text[m.start : m.end] for m in mentions if m.label == "LOC" and m.origin == "rule"}
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS or (ent.start_char, ent.end_char) in covered:
            continue
        start = ent.start_char + (nationality_length(ent.text) if ent.label_ == "ORG" else 0)
        end = ent.end_char
        label = ent.label_
        if label == "LOC":
            end -= _division_suffix_before_word(full_text, start, end)
        text = full_text[start:end]
        if label == "PERSON" and text in rule_places:
            label = "LOC"
        before, after = full_text[max(0, start - 3) : start], full_text[end : end + 3]
        if plausible_model_mention(text, label, before=before, after=after):
            mentions.append(Mention(start=start, end=end, label=label, origin="model", component="ner"))
    return mentions


def _division_suffix_before_word(text: str, start: int, end: int) -> int:
    """1 where a model's place ends in an administrative suffix that begins a word (范X坪 +
    区域, 商丘 + 市场): the suffix is not the place's."""
    from ._names import name_lexicon

    if end - start > 2 and text[end - 1] in "市县区省":
        words = name_lexicon().places["division_suffix_words"]
        if any(text.startswith(word, end - 1) for word in words):
            return 1
    return 0


def nationality_length(name: str) -> int:
    """How many leading characters of an organisation name are a foreign country, a place
    of its own under SPEC (法国达索系统 → 法国 + 达索系统); 中国 stays inside the name."""
    from ._names import name_lexicon

    for country in sorted(name_lexicon().countries, key=len, reverse=True):
        if country != "中国" and name.startswith(country) and len(name) - len(country) >= 2:
            return len(country)
    return 0


def plausible_model_mention(text: str, label: str, before: str = "", after: str = "") -> bool:
    """A model's mention is kept when it could be a name under SPEC: two characters or more,
    not ending in an event, facility, zone or plan word, not starting or ending with a
    function character or a mark, not an ordinary word (``data/common_words.json``); a person
    starts with a known surname or is a transliteration. With the characters ``before`` and
    ``after`` it: no frequent word crosses its edges (桥 + 梁纽 + 带 is no name); a place is no
    road (X路) and no frequent word that is no place (东西, 太阳)."""
    from ._names import name_lexicon

    lex = name_lexicon()
    checks = lex.shared["model_filter"]  # data/names.json
    function_chars = lex.shared["function_chars"]
    if len(text) < 2 or text[0] in function_chars or text[-1] in function_chars:
        return False
    if not (_NAME_EDGE.match(text[0]) and _NAME_EDGE.match(text[-1])):
        return False
    if text in lex.common_words:
        return False
    if label in ("ORG", "LOC") and text.endswith(tuple(checks["not_entity_endings"])):
        return False
    if label == "LOC":
        if text.endswith(tuple(checks["not_place_endings"])) and text not in lex.place_names:
            return False
        if lex.crossing_words.get(text, 0) >= checks["frequent_word"] and text not in lex.place_names:
            return False
    if label in ("LOC", "PERSON") and _crossed(text, before, after, lex.crossing_words, checks["frequent_word"]):
        return False
    if label == "PERSON":
        return "·" in text or text[:2] in lex.surnames or text[0] in lex.surnames
    return True


_NAME_EDGE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def _crossed(text: str, before: str, after: str, words: dict[str, int], frequent: int) -> bool:
    """Whether a frequent word runs over the start or the end of ``text`` (桥梁 over 梁纽, 纽带
    over its end), more frequent than the mention itself is as a word."""
    own = words.get(text, 0)
    for n in range(1, len(before) + 1):
        for m in range(1, min(3, len(text) - 1) + 1):
            if words.get(before[-n:] + text[:m], 0) >= max(frequent, own):
                return True
    for n in range(1, len(after) + 1):
        for m in range(1, min(3, len(text) - 1) + 1):
            if words.get(text[-m:] + after[:n], 0) >= max(frequent, own):
                return True
    return False


def add_mentions(doc: Doc, mentions: Iterable[Mention], overwrite_ents: bool = False, set_ents: bool = True) -> None:
    """Add mentions to the doc's list and, if ``set_ents``, where they align with tokens, to ``doc.ents``."""
    stored = get_mentions(doc)
    if not set_ents:
        stored.extend(mentions)
        return
    spans: list[Span] = []
    for mention in mentions:
        stored.append(mention)
        span = doc.char_span(mention.start, mention.end, label=mention.label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    if not spans:
        return
    if overwrite_ents:
        doc.ents = filter_spans(spans + list(doc.ents))
    else:
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        free = [span for span in spans if not any(i in taken for i in range(span.start, span.end))]
        doc.ents = list(doc.ents) + filter_spans(free)


#: Span extensions carrying a final entity's normalised fields (``span._.value`` …).
ENTITY_FIELDS: tuple[str, ...] = ("value", "currency", "unit", "qualifier")
_FINAL = "zhinvest_final"


def _final_field(name: str) -> Any:
    def get(span: Span) -> Any:
        mention = span.doc.user_data.get(_FINAL, {}).get((span.start_char, span.end_char, span.label_))
        if mention is None:
            return None
        value = getattr(mention, name)
        if name == "value" and isinstance(value, str):
            return Decimal(value)
        return value

    return get


for _field in ENTITY_FIELDS:
    if not Span.has_extension(_field):
        Span.set_extension(_field, getter=_final_field(_field))


def set_final_entities(doc: Doc, mentions: Iterable[Mention]) -> None:
    """``doc.ents`` become the resolved mentions (the entities a Document gets), each with its
    value, currency, unit and qualifier as span extensions. With the char segmenter the spans
    are exactly the Document's; with word tokens a mention is expanded to whole tokens."""
    spans: list[Span] = []
    final: dict[tuple[int, int, str], Mention] = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, label=mention.label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
            final[(span.start_char, span.end_char, mention.label)] = mention
    doc.ents = filter_spans(spans)
    doc.user_data[_FINAL] = final


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


class Occupancy:
    """Which characters are taken: constant-time overlap tests for many spans."""

    def __init__(self, length: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.mask = bytearray(length)
        for start, end in spans:
            self.take(start, end)

    def take(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        return not any(self.mask[start:end])


class LexiconComponent:
    """Base of the numeric rule components: their rule sets (``data/units.json`` and
    ``data/qualifiers.json``), the lexicon built from them, and a finder
    (``finder_class(lexicon).find(text) -> mentions``) rebuilt whenever the rule sets change.
    As spaCy's ``span_ruler``, a component takes its rule sets in :meth:`initialize`
    (validated against their schemas in :mod:`zhinvest.resources`) and writes them back, as
    given, in :meth:`to_disk`."""

    finder_class: Any = None
    #: The rule sets a numeric component reads, by resource name.
    RESOURCES: tuple[str, ...] = ("units", "qualifiers")

    def __init__(self, nlp: Any, name: str, overwrite_ents: bool = False, set_ents: bool = True) -> None:
        self.name = name
        self.overwrite_ents = overwrite_ents
        self.set_ents = set_ents
        self.rules: dict[str, dict[str, Any]] = {}
        self.lexicon: Lexicon = lexicon()
        self.finder = self.finder_class(self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        add_mentions(doc, self.finder.find(doc_text(doc)), self.overwrite_ents, self.set_ents)
        return doc

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, units: dict[str, Any] | None = None, qualifiers: dict[str, Any] | None = None) -> None:
        """Replace the shipped rule sets, as ``[initialize.components.NAME]`` settings or arguments."""
        given = {name: table for name, table in (("units", units), ("qualifiers", qualifiers)) if table is not None}
        if given:
            self._use({**self.rules, **given})

    def _use(self, rules: dict[str, dict[str, Any]]) -> None:
        from ..resources import validate_resource

        self.rules = {name: validate_resource(name, json.loads(json.dumps(table))) for name, table in rules.items()}
        self.lexicon = Lexicon.load(self.rules.get("units"), self.rules.get("qualifiers"))
        self.finder = self.finder_class(self.lexicon)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """The rule sets in use: those given to :meth:`initialize`, else the shipped ones."""
        from ..resources import load_resource

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name in self.RESOURCES:
            table = self.rules[name] if name in self.rules else load_resource(name)
            (path / f"{name}.json").write_text(json.dumps(table, ensure_ascii=False, indent=1), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "LexiconComponent":
        path = Path(path)
        rules = {name: json.loads((path / f"{name}.json").read_text(encoding="utf-8")) for name in self.RESOURCES if (path / f"{name}.json").is_file()}
        if rules:
            self._use(rules)
        return self
