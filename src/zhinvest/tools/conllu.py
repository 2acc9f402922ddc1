"""Universal Dependencies treebanks: CoNLL-U reading and the treebanks of the UD folder.

:func:`read_conllu` reads the sentences of a CoNLL-U file (gold FORMs, UPOS, raw text);
:func:`to_simplified` puts a Traditional-script sentence into GSDSimp's Simplified conventions
without moving a word boundary; :func:`load_treebank` reads a treebank of :data:`TREEBANKS`
by name, in Simplified script. The segmenter tools (:mod:`zhinvest.tools.segmenter`) train
and score on them. Never imported at run time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Errors, FormatError, ModelError


@dataclass(frozen=True)
class Treebank:
    """A CoNLL-U file of the UD folder (``/work/shared/data/ud``) and its script."""

    path: str  # relative to the UD folder
    traditional: bool


#: The treebanks of the UD folder by name (see its README for sources and licences).
TREEBANKS: Mapping[str, Treebank] = {
    "gsd-v1.4-train": Treebank("gsd-v1.4/zh-ud-train.conllu", traditional=True),
    "gsdsimp-dev": Treebank("gsdsimp/zh_gsdsimp-ud-dev.conllu", traditional=False),
    "gsdsimp-test": Treebank("gsdsimp/zh_gsdsimp-ud-test.conllu", traditional=False),
    "pud-test": Treebank("pud/zh_pud-ud-test.conllu", traditional=True),
    "cfl-test": Treebank("cfl/zh_cfl-ud-test.conllu", traditional=False),
    "hk-test": Treebank("hk/zh_hk-ud-test.conllu", traditional=True),
}


@dataclass(frozen=True)
class Sentence:
    """One CoNLL-U sentence: its gold words (FORMs), their UPOS and the raw text."""

    words: tuple[str, ...]
    upos: tuple[str, ...]
    space_after: tuple[bool, ...]
    sent_id: str | None = None

    @property
    def text(self) -> str:
        """The raw sentence: FORMs joined with a space where MISC lacks ``SpaceAfter=No``."""
        return "".join(word + (" " if space else "") for word, space in zip(self.words, self.space_after)).rstrip(" ")


def read_conllu(path: str | Path) -> Iterator[Sentence]:
    """The sentences of a CoNLL-U file.

    Multiword-token ranges and empty nodes are skipped (the FORMs of the syntactic words
    are the segmentation). A sentence without a ``# text`` comment (UD v1 files) has no
    spaces between its words.
    """
    path = Path(path)
    words: list[str] = []
    upos: list[str] = []
    spaces: list[bool] = []
    sent_id: str | None = None
    has_text = False
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    yield Sentence(tuple(words), tuple(upos), tuple(s and has_text for s in spaces), sent_id)
                words, upos, spaces, sent_id, has_text = [], [], [], None, False
                continue
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                if key.strip() == "sent_id":
                    sent_id = value.strip()
                elif key.strip() == "text":
                    has_text = True
                continue
            columns = line.split("\t")
            if len(columns) != 10:
                raise FormatError(Errors.E013.format(name=path, line=number, reason=f"expected 10 tab-separated columns, found {len(columns)}"))
            if not columns[0].isdigit():
                continue
            form = columns[1]
            if not form or any(character.isspace() for character in form):
                raise FormatError(Errors.E013.format(name=path, line=number, reason=f"FORM {form!r} is empty or has a space"))
            words.append(form)
            upos.append(columns[3])
            spaces.append("SpaceAfter=No" not in columns[9].split("|"))
    if words:
        yield Sentence(tuple(words), tuple(upos), tuple(s and has_text for s in spaces), sent_id)


#: Traditional-script quotation marks and GSDSimp's forms (GSDSimp keeps 『』).
_QUOTES = str.maketrans({"「": "“", "」": "”"})
#: ASCII punctuation tokens of UD v1.4 GSD and the full-width forms GSDSimp and news use.
_FULL_WIDTH_PUNCT = {",": "，", ".": "。", "(": "（", ")": "）", ":": "：", ";": "；", "?": "？", "!": "！"}


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(sentence: Sentence) -> Sentence:
    """A Traditional-script sentence in GSDSimp's Simplified conventions, same word boundaries.

    Each FORM is converted on its own with OpenCC ``t2s`` (per word, so no boundary moves),
    then what ``t2s`` leaves: 「」 become “”, the aspect particle 著 becomes 着, and the
    ASCII punctuation tokens of UD v1 (``,`` ``.`` ``(`` …) become full-width. On GSD dev
    this gives GSDSimp dev's characters for all but 6 of 20,000 (``t2s`` alone: 107).
    """
    converter = _t2s()
    words = []
    for word, upos in zip(sentence.words, sentence.upos):
        simplified = converter.convert(word).translate(_QUOTES)
        if len(simplified) != len(word):  # t2s is length-preserving; keep the boundary if not
            simplified = word.translate(_QUOTES)
        if simplified == "著" and upos in ("PART", "AUX"):
            simplified = "着"
        if upos == "PUNCT":
            simplified = _FULL_WIDTH_PUNCT.get(simplified, simplified)
        words.append(simplified)
    return replace(sentence, words=tuple(words))


def load_treebank(ud_dir: str | Path, name: str) -> list[Sentence]:
    """A treebank of :data:`TREEBANKS` by name, in Simplified script."""
    if name not in TREEBANKS:
        raise ModelError(Errors.E074.format(name=name, choices=", ".join(TREEBANKS)))
    treebank = TREEBANKS[name]
    path = Path(ud_dir) / treebank.path
    if not path.is_file():
        raise ModelError(Errors.E053.format(name=path))
    sentences = list(read_conllu(path))
    return [to_simplified(s) for s in sentences] if treebank.traditional else sentences

