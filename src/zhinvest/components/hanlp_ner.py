"""``zhinvest_hanlp_ner``: PERSON, LOC and ORG mentions from a HanLP named-entity recognizer.

An optional backend: it needs the ``hanlp`` package (``pip install torch==2.13.0`` first,
then ``pip install "zhinvest[hanlp]"``), imported only when the component is made, so
zhinvest imports without it.

``model`` is anything ``hanlp.load`` takes: a pretrained identifier such as
``MSRA_NER_ELECTRA_SMALL_ZH`` (downloaded once into ``HANLP_HOME``, default ``~/.hanlp``;
set the variable before hanlp is first imported) or the folder of a saved HanLP component.
HanLP's recognizers (``RNNNamedEntityRecognizer``, ``TransformerNamedEntityRecognizer``)
take a sentence as a list of tokens, characters for the Chinese MSRA models, and return
``(entity, label, start_token, end_token)`` tuples with an exclusive end. The component cuts
the doc's text into sentences of at most ``max_length`` tokens, predicts them in batches,
maps token indices back to character offsets of ``doc.text`` and the labels to zhinvest's
through ``labels_map`` (default :data:`DEFAULT_LABELS_MAP`, covering the MSRA, OntoNotes
and PKU tag sets); labels the map lacks are dropped.

The component saves only its settings with the pipeline, not HanLP's model: a pipeline
loaded elsewhere loads the model again from ``model``.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
from spacy.language import Language
from spacy.tokens import Doc

from ..about import NAME_LABELS
from ..errors import Errors, ModelError
from ..mentions import Mention
from ._spans import MENTIONS, add_mentions

#: The component name in ``doc._.zhinvest_mentions``.
COMPONENT = "hanlp"
#: Default model: HanLP's ELECTRA-small recognizer trained on MSRA (26 types, F1 95.16).
DEFAULT_MODEL = "MSRA_NER_ELECTRA_SMALL_ZH"
#: How to install the backend. torch first, so that pip takes the CPU build already there.
INSTALL_COMMAND = 'pip install torch==2.13.0 && pip install "zhinvest[hanlp]"'
#: The tokens a model takes: "char" (one per non-space character), "word" (the doc's
#: tokens) or "auto" (the model's ``token_delimiter``: "" is characters, else words).
TOKEN_MODES: tuple[str, ...] = ("auto", "char", "word")

#: HanLP NER tag -> zhinvest label. Tags not in the map are dropped.
DEFAULT_LABELS_MAP: Mapping[str, str] = {
    # MSRA (HanLP's MSRA_NER_* models with 3 types)
    "NR": "PERSON",
    "NS": "LOC",
    "NT": "ORG",
    # PKU / People's Daily 1998
    "nr": "PERSON",
    "ns": "LOC",
    "nt": "ORG",
    # OntoNotes 5 (HanLP's multi-task models); FAC, NORP and the numeric types are dropped
    "PERSON": "PERSON",
    "GPE": "LOC",
    "LOC": "LOC",
    "ORG": "ORG",
    # MSRA with 26 types (MSRA_NER_ELECTRA_SMALL_ZH)
    "LOCATION": "LOC",
    "ORGANIZATION": "ORG",
}

#: A sentence ends after these (kept with the sentence) or at a line break.
_SENTENCE_END = re.compile(r"[。！？!?；;…]+[”’」』）)]*|\n+")


def check_labels_map(labels_map: Mapping[str, str]) -> dict[str, str]:
    """The map as a dict, after checking that every target is one of zhinvest's name labels."""
    for tag, label in labels_map.items():
        if label not in NAME_LABELS:
            raise ModelError(Errors.E072.format(tag=tag, label=label, labels=", ".join(NAME_LABELS)))
    return dict(labels_map)


def map_label(tag: str, labels_map: Mapping[str, str] = DEFAULT_LABELS_MAP) -> str | None:
    """zhinvest's label of a HanLP tag, or ``None`` when the tag is not wanted.

    A BIO/BMES prefix (``B-NR``, ``S-ORG``) is ignored.
    """
    if tag in labels_map:
        return labels_map[tag]
    if len(tag) > 2 and tag[1] == "-" and tag[0] in "BIMESL":
        return labels_map.get(tag[2:])
    return None


def sentences(text: str, max_length: int) -> Iterator[tuple[int, int]]:
    """Half-open ``(start, end)`` pieces of ``text``: sentences cut again every ``max_length`` characters.

    Pieces with only whitespace are left out.
    """
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield from _cut(text, start, match.end(), max_length)
        start = match.end()
    yield from _cut(text, start, len(text), max_length)


def _cut(text: str, start: int, end: int, max_length: int) -> Iterator[tuple[int, int]]:
    for piece in range(start, end, max_length):
        piece_end = min(piece + max_length, end)
        if text[piece:piece_end].strip():
            yield piece, piece_end


def char_tokens(text: str, start: int = 0, end: int | None = None) -> tuple[list[str], list[tuple[int, int]]]:
    """The non-space characters of ``text[start:end]`` as tokens, with their character offsets."""
    end = len(text) if end is None else end
    tokens, offsets = [], []
    for index in range(start, end):
        if not text[index].isspace():
            tokens.append(text[index])
            offsets.append((index, index + 1))
    return tokens, offsets


def char_pieces(text: str, max_length: int) -> Iterator[tuple[list[str], list[tuple[int, int]]]]:
    """Sentences of ``text`` (at most ``max_length`` characters) as character tokens and offsets."""
    for start, end in sentences(text, max_length):
        tokens, offsets = char_tokens(text, start, end)
        if tokens:
            yield tokens, offsets


def word_pieces(doc: Doc, max_length: int) -> Iterator[tuple[list[str], list[tuple[int, int]]]]:
    """Sentences of the doc (at most ``max_length`` tokens) as its non-space tokens and their offsets.

    A sentence ends after a token that is sentence-final punctuation or holds a line break.
    """
    tokens: list[str] = []
    offsets: list[tuple[int, int]] = []
    for token in doc:
        if not token.is_space:
            tokens.append(token.text)
            offsets.append((token.idx, token.idx + len(token.text)))
        if tokens and (len(tokens) >= max_length or _SENTENCE_END.fullmatch(token.text.strip(" ")) or "\n" in token.text):
            yield tokens, offsets
            tokens, offsets = [], []
    if tokens:
        yield tokens, offsets


def token_offsets(text: str, tokens: Sequence[str], start: int = 0) -> list[tuple[int, int]]:
    """Character offsets of ``tokens`` found one after the other in ``text`` from ``start``.

    Raises ``ValueError`` when a token is not where the previous one left off (after
    whitespace), so a tokenisation that changed the text never gives wrong offsets.
    """
    offsets = []
    position = start
    for token in tokens:
        while position < len(text) and text[position].isspace() and not text.startswith(token, position):
            position += 1
        if not token or not text.startswith(token, position):
            raise ValueError(f"token {token!r} not found at offset {position} of the text")
        offsets.append((position, position + len(token)))
        position += len(token)
    return offsets


def entities_to_mentions(
    entities: Iterable[Sequence[Any]],
    offsets: Sequence[tuple[int, int]],
    labels_map: Mapping[str, str] = DEFAULT_LABELS_MAP,
) -> list[Mention]:
    """Mentions from HanLP ``(entity, label, start_token, end_token)`` tuples (exclusive end).

    ``offsets[i]`` is the character span of token ``i``; an entity runs from the start of
    its first token to the end of its last one.
    """
    mentions: list[Mention] = []
    for entity in entities:
        _, tag, first, last = entity[:4]
        label = map_label(tag, labels_map)
        if label is None or not 0 <= first < last <= len(offsets):
            continue
        mentions.append(Mention(start=offsets[first][0], end=offsets[last - 1][1], label=label, origin="backend", component=COMPONENT))
    return mentions


def import_hanlp() -> Any:
    """The ``hanlp`` module, or :class:`ModelError` saying how to install it."""
    try:
        return importlib.import_module("hanlp")
    except ImportError as error:
        raise ModelError(Errors.E022.format(name="hanlp", command=INSTALL_COMMAND)) from error


def load_model(model: str | os.PathLike[str]) -> Any:
    """``hanlp.load(model)``, with any failure (no network, a broken folder) as :class:`ModelError`."""
    hanlp = import_hanlp()
    model = str(model)
    local = Path(model).expanduser()
    if local.exists() or os.sep in model and not model.startswith(("http:", "https:")):
        try:
            return hanlp.load(str(local))
        except Exception as error:  # noqa: BLE001  (HanLP raises anything; the user needs one line)
            raise ModelError(Errors.E071.format(path=local, reason=_reason(error))) from error
    try:
        return hanlp.load(model)
    except Exception as error:  # noqa: BLE001
        home = os.environ.get("HANLP_HOME") or str(Path("~/.hanlp").expanduser())
        raise ModelError(Errors.E070.format(model=model, reason=_reason(error), home=home)) from error


def _reason(error: BaseException) -> str:
    """One line on the cause of a HanLP failure.

    HanLP's error report after a failed load imports ``pkg_resources``, which setuptools
    81 and later no longer have; the error it was reporting is then the context.
    """
    while isinstance(error, ModuleNotFoundError) and error.name == "pkg_resources" and error.__context__ is not None:
        error = error.__context__
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first_line}" if first_line else type(error).__name__


def token_mode(recognizer: Any, tokens: str) -> str:
    """``char`` or ``word``: resolve ``auto`` from the model's ``token_delimiter``."""
    if tokens not in TOKEN_MODES:
        raise ModelError(Errors.E073.format(value=tokens, choices=", ".join(TOKEN_MODES)))
    if tokens != "auto":
        return tokens
    config = getattr(recognizer, "config", None) or {}
    delimiter = config.get("token_delimiter") if hasattr(config, "get") else None
    return "word" if delimiter not in (None, "") else "char"


class HanLPNamedEntities:
    """Runs a HanLP recognizer over the doc and adds its PERSON/LOC/ORG as mentions."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        model: str,
        labels_map: Mapping[str, str] | None = None,
        tokens: str = "auto",
        max_length: int = 126,
        batch_size: int = 32,
        overwrite_ents: bool = False,
        set_ents: bool = True,
    ) -> None:
        self.name = name
        self.model = str(model)
        self.labels_map = check_labels_map(DEFAULT_LABELS_MAP if labels_map is None else labels_map)
        self.max_length = max_length
        self.batch_size = batch_size
        self.overwrite_ents = overwrite_ents
        self.set_ents = set_ents
        self.recognizer = load_model(self.model)
        self.tokens = token_mode(self.recognizer, tokens)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for doc in docs:
            pieces = list(char_pieces(doc.text, self.max_length) if self.tokens == "char" else word_pieces(doc, self.max_length))
            mentions: list[Mention] = []
            if pieces:
                predicted = self.recognizer.predict([tokens for tokens, _ in pieces], batch_size=batch_size or self.batch_size)
                for entities, (_, offsets) in zip(predicted, pieces):
                    mentions.extend(entities_to_mentions(entities, offsets, self.labels_map))
            add_mentions(doc, mentions, self.overwrite_ents, self.set_ents)
            yield doc

    # Only the settings travel with the pipeline (they are in its config); HanLP's model is
    # loaded from ``model`` again.
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> HanLPNamedEntities:
        return self


@Language.factory(
    "zhinvest_hanlp_ner",
    assigns=[f"doc._.{MENTIONS}", "doc.ents"],
    default_config={
        "model": DEFAULT_MODEL,
        "labels_map": None,
        "tokens": "auto",
        "max_length": 126,
        "batch_size": 32,
        "overwrite_ents": False,
        "set_ents": True,
    },
)
def make_hanlp_ner_component(
    nlp: Language,
    name: str,
    model: str,
    labels_map: dict[str, str] | None,
    tokens: str,
    max_length: int,
    batch_size: int,
    overwrite_ents: bool,
    set_ents: bool,
) -> HanLPNamedEntities:
    return HanLPNamedEntities(nlp, name, model, labels_map, tokens, max_length, batch_size, overwrite_ents, set_ents)
