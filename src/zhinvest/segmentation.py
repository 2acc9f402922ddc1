"""Chinese word segmentation: the tokenizer of the pipeline and the bundled spacy-pkuseg model.

The zhinvest components find their mentions on characters, so any of spaCy's three Chinese
segmenters can sit under them; this module makes each of them work offline:

* :func:`blank_nlp` is a blank ``zh`` pipeline whose tokenizer is ready to use: ``char``
  (no dependency), ``jieba`` (the optional ``jieba`` package) or ``pkuseg`` (the model in
  ``models/pkuseg``, loaded from disk, never downloaded). It is
  :func:`check_segmenter`, ``spacy.blank`` with :func:`segmenter_config`, then
  :func:`initialize_tokenizer`; call those three yourself when you build the pipeline from a
  config of your own.
* :func:`read_conllu`, :func:`to_simplified` and :func:`write_pkuseg_file` turn Universal
  Dependencies treebanks into spacy-pkuseg training files (gold FORMs joined by single
  spaces, one sentence per line); :func:`train_pkuseg` trains and scores the model.
* :func:`score_segmentation` and :func:`score_segmenter` give word-level precision, recall
  and F1 against the gold segmentation of a treebank.

Rebuild the bundled model (see ``models/pkuseg/README.md``)::

    OMP_NUM_THREADS=1 PYTHONPATH=src python -m zhinvest.segmentation \\
        --ud-dir ../shared/data/ud --out models/pkuseg
"""

from __future__ import annotations

import logging

import argparse
import contextlib
import importlib.util
import json
import os
import random
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from . import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
import spacy
from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .errors import Errors, FormatError, ModelError

#: The segmenters of spaCy's Chinese tokenizer.
SEGMENTERS: tuple[str, ...] = tuple(Segmenter.values())  # type: ignore[no-untyped-call]  # spaCy leaves it unannotated
#: Segmenters that need a package outside zhinvest's dependencies: import name -> pip command.
OPTIONAL_SEGMENTERS: Mapping[str, tuple[str, str]] = {"jieba": ("jieba", 'pip install "zhinvest[jieba]"')}
#: The files a spacy-pkuseg model directory holds.
PKUSEG_FILES: tuple[str, ...] = ("features.msgpack", "weights.npz")
#: The ``[initialize.after_init]`` callback that sets up the pkuseg tokenizer as zhinvest does.
PKUSEG_AFTER_INIT = "zhinvest.pkuseg_without_dictionary.v1"
#: How to rebuild the bundled model, for error messages.
TRAIN_COMMAND = "zhinvest train segmenter --ud-dir ../shared/data/ud --out models/pkuseg"


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
#: Training data of the bundled model: GSD train (UD v1.4, in Simplified script) and GSDSimp dev.
DEFAULT_TRAIN: tuple[str, ...] = ("gsd-v1.4-train", "gsdsimp-dev")
#: Scored after training. GSDSimp test is the headline score; the others are out of domain.
DEFAULT_TEST: tuple[str, ...] = ("gsdsimp-test", "pud-test", "cfl-test", "hk-test")
#: Training iterations of the bundled model, chosen on GSDSimp dev (models/pkuseg/README.md).
DEFAULT_TRAIN_ITER = 20
#: spacy-pkuseg keeps a feature seen more than this many times in the training data
#: (its ``config.featureTrim``; 0 keeps all). Trimming keeps the model small.
DEFAULT_FEATURE_TRIM = 1

# ---------------------------------------------------------------------------------------
# The tokenizer of the pipeline


def pkuseg_model_path() -> Path:
    """The bundled spacy-pkuseg model: ``models_dir() / "pkuseg"``."""
    from .about import models_dir

    return models_dir() / "pkuseg"


def check_segmenter(segmenter: str, pkuseg_model: str | Path | None = None) -> None:
    """Raise :class:`ModelError` with a fix when ``segmenter`` cannot be used here."""
    if segmenter not in SEGMENTERS:
        raise ModelError(Errors.E020.format(name=segmenter, choices=", ".join(SEGMENTERS)))
    if segmenter in OPTIONAL_SEGMENTERS:
        module, command = OPTIONAL_SEGMENTERS[segmenter]
        if importlib.util.find_spec(module) is None:
            raise ModelError(Errors.E022.format(name=module, command=command))
    if segmenter == "pkuseg":
        model = Path(pkuseg_model) if pkuseg_model is not None else pkuseg_model_path()
        if not all((model / name).is_file() for name in PKUSEG_FILES):
            raise ModelError(Errors.E021.format(path=model, command=TRAIN_COMMAND))


def without_pkuseg_dictionary(nlp: Language) -> Language:
    """Switch off spacy-pkuseg's dictionary post-processing in ``nlp``'s tokenizer.

    spacy-pkuseg merges neighbouring words into the longer words of its default dictionary
    (``spacy_pkuseg/dicts/default.pkl``, loaded whenever a model is). The merged words are
    not UD's: on GSDSimp test the bundled model scores F1 0.939 without it and 0.840 with
    it. Emptying the word sets also keeps them out of ``nlp.to_disk``.
    """
    segmenter = getattr(nlp.tokenizer, "pkuseg_seg", None)
    if segmenter is not None:
        segmenter.postprocesser.do_process = False
        segmenter.postprocesser.common_words = set()
        segmenter.postprocesser.other_words = set()
    return nlp


@spacy.registry.callbacks(PKUSEG_AFTER_INIT)  # type: ignore[attr-defined, untyped-decorator]  # spaCy re-exports registry implicitly; catalogue is untyped
def make_without_pkuseg_dictionary() -> Callable[[Language], Language]:
    """The ``[initialize.after_init]`` callback of :func:`without_pkuseg_dictionary`."""
    return without_pkuseg_dictionary


def segmenter_config(segmenter: str, pkuseg_model: str | Path | None = None) -> dict[str, Any]:
    """The ``spacy.blank("zh", config=...)`` settings for a segmenter.

    For ``pkuseg``, ``[initialize.tokenizer]`` names the local model and
    ``[initialize.after_init]`` switches the dictionary post-processing off, so that
    ``nlp.initialize()`` (``spacy train``, for one) sets the tokenizer up as
    :func:`initialize_tokenizer` does, offline, instead of looking for spaCy's downloadable
    ``spacy_ontonotes`` model. ``spacy.load`` never runs these: the model is saved with the
    pipeline.
    """
    config: dict[str, Any] = {"nlp": {"tokenizer": {"segmenter": segmenter}}}
    if segmenter == "pkuseg":
        model = Path(pkuseg_model) if pkuseg_model is not None else pkuseg_model_path()
        config["initialize"] = {
            "tokenizer": {"pkuseg_model": str(model), "pkuseg_user_dict": "default"},
            "after_init": {"@callbacks": PKUSEG_AFTER_INIT},
        }
    return config


def initialize_tokenizer(nlp: Language, pkuseg_model: str | Path | None = None) -> None:
    """Load the segmenter's model into ``nlp.tokenizer``, offline.

    ``char`` and ``jieba`` need nothing. ``pkuseg`` loads ``pkuseg_model`` (default: the
    model named in ``nlp.config``'s ``[initialize.tokenizer]``, else the bundled one) and
    switches off the dictionary post-processing (:func:`without_pkuseg_dictionary`). The model then
    travels with the pipeline: ``nlp.to_disk`` writes it under ``tokenizer/pkuseg_model``
    and ``spacy.load`` reads it back from there.
    """
    segmenter = getattr(nlp.tokenizer, "segmenter", "char")
    if segmenter != "pkuseg":
        return
    if pkuseg_model is None:
        pkuseg_model = nlp.config["initialize"]["tokenizer"].get("pkuseg_model") or pkuseg_model_path()
    check_segmenter("pkuseg", pkuseg_model)
    cast(ChineseTokenizer, nlp.tokenizer).initialize(pkuseg_model=str(pkuseg_model), pkuseg_user_dict="default")
    without_pkuseg_dictionary(nlp)


def blank_nlp(segmenter: str = "char", pkuseg_model: str | Path | None = None) -> Language:
    """A blank Chinese pipeline whose tokenizer is ready: what ``build_nlp`` starts from."""
    check_segmenter(segmenter, pkuseg_model)
    if segmenter == "jieba":
        import jieba

        jieba.setLogLevel(logging.WARNING)  # its dictionary-loading messages are not ours to print
    nlp = spacy.blank("zh", config=segmenter_config(segmenter, pkuseg_model))
    initialize_tokenizer(nlp, pkuseg_model)
    return nlp


_CHAR_TOKENS = re.compile(r"(\S)( ?)|(\s+)")


def char_doc(vocab: Vocab, text: str) -> Doc:
    """What spaCy's Chinese tokenizer makes of ``text`` with the ``char`` segmenter, built
    without its per-character alignment loop: one token per character, a single space
    after a character being its trailing whitespace, any other run of whitespace one token.

    >>> [t.text_with_ws for t in char_doc(Vocab(), "总投资 5亿\n\n元")]
    ['总', '投', '资 ', '5', '亿', '\n\n', '元']
    """
    words: list[str] = []
    spaces: list[bool] = []
    for char, space, gap in _CHAR_TOKENS.findall(text):
        words.append(char or gap)
        spaces.append(bool(space))
    return Doc(vocab, words=words, spaces=spaces)


def uses_char_tokens(nlp: Language) -> bool:
    """Whether ``nlp`` tokenises with spaCy's Chinese ``char`` segmenter (so :func:`char_doc`
    makes the same docs)."""
    segmenter = getattr(nlp.tokenizer, "segmenter", None)
    return nlp.lang == "zh" and str(getattr(segmenter, "value", segmenter)) == "char"


def tokenizer_words(nlp: Language) -> Callable[[str], list[str]]:
    """A segment function for :func:`score_segmenter` from a pipeline's tokenizer."""
    return lambda text: [token.text for token in nlp.make_doc(text)]


# ---------------------------------------------------------------------------------------
# Treebanks -> spacy-pkuseg training files


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


def write_pkuseg_file(sentences: Iterable[Sentence], path: str | Path) -> int:
    """Write spacy-pkuseg training data (gold words joined by single spaces, a sentence a line)."""
    count = 0
    with Path(path).open("w", encoding="utf-8") as out:
        for sentence in sentences:
            out.write(" ".join(sentence.words) + "\n")
            count += 1
    return count


def convert_conllu(conllu: str | Path, output: str | Path, *, traditional: bool = False) -> int:
    """One CoNLL-U file to a spacy-pkuseg file (converted to Simplified if ``traditional``)."""
    sentences: Iterable[Sentence] = read_conllu(conllu)
    if traditional:
        sentences = map(to_simplified, sentences)
    return write_pkuseg_file(sentences, output)


# ---------------------------------------------------------------------------------------
# Scoring


@dataclass(frozen=True)
class SegmentationScore:
    """Word-level scores: a predicted word is correct when its character span is a gold word's."""

    sentences: int
    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "sentences": self.sentences,
            "gold": self.gold,
            "predicted": self.predicted,
            "correct": self.correct,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }

    def __add__(self, other: SegmentationScore) -> SegmentationScore:
        return SegmentationScore(
            self.sentences + other.sentences, self.gold + other.gold, self.predicted + other.predicted, self.correct + other.correct
        )


def word_spans(words: Iterable[str]) -> list[tuple[int, int]]:
    """Half-open spans of the words over their text with whitespace removed."""
    spans = []
    start = 0
    for word in words:
        length = sum(1 for character in word if not character.isspace())
        if length:
            spans.append((start, start + length))
            start += length
    return spans


def _squeeze(words: Iterable[str]) -> str:
    return "".join(character for word in words for character in word if not character.isspace())


def score_segmentation(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> SegmentationScore:
    """Compare segmentations sentence by sentence; whitespace is ignored on both sides."""
    sentences = gold_count = predicted_count = correct = 0
    for index, (gold_words, predicted_words) in enumerate(zip(gold, predicted, strict=True)):
        if _squeeze(gold_words) != _squeeze(predicted_words):
            raise ValueError(f"sentence {index}: the predicted words do not spell the gold text")
        gold_spans = set(word_spans(gold_words))
        predicted_spans = word_spans(predicted_words)
        sentences += 1
        gold_count += len(gold_spans)
        predicted_count += len(predicted_spans)
        correct += sum(1 for span in predicted_spans if span in gold_spans)
    return SegmentationScore(sentences, gold_count, predicted_count, correct)


def score_segmenter(segment: Callable[[str], Sequence[str]] | Language, sentences: Iterable[Sentence]) -> SegmentationScore:
    """Segment each sentence's raw text and score it against the gold FORMs.

    ``segment`` is a function from text to words or a spaCy pipeline (its tokenizer is used).
    """
    if isinstance(segment, Language):
        segment = tokenizer_words(segment)
    sentences = list(sentences)
    return score_segmentation((s.words for s in sentences), (segment(s.text) for s in sentences))


# ---------------------------------------------------------------------------------------
# Training


@dataclass(frozen=True)
class PkusegTraining:
    """What :func:`train_pkuseg` did: data, settings, time, size and scores."""

    model_dir: Path
    train: tuple[str, ...]
    train_sentences: int
    train_words: int
    train_iter: int
    feature_trim: int
    seed: int
    seconds: float
    size_bytes: int
    scores: dict[str, SegmentationScore] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model_dir": str(self.model_dir),
            "train": list(self.train),
            "train_sentences": self.train_sentences,
            "train_words": self.train_words,
            "train_iter": self.train_iter,
            "feature_trim": self.feature_trim,
            "seed": self.seed,
            "seconds": round(self.seconds, 1),
            "size_bytes": self.size_bytes,
            "scores": {name: score.to_dict() for name, score in self.scores.items()},
        }


@contextlib.contextmanager
def _pkuseg_config(**settings: Any) -> Iterator[None]:
    """Set attributes of spacy-pkuseg's global ``config``; put all of them back afterwards.

    ``spacy_pkuseg.train`` sets ``trainFile``, ``modelDir``, ``ttlIter`` and more on that
    global and restores none of them.
    """
    from spacy_pkuseg.config import config

    saved = dict(vars(config))
    try:
        vars(config).update(settings)
        yield
    finally:
        vars(config).clear()
        vars(config).update(saved)


def train_pkuseg_files(
    train_file: str | Path,
    monitor_file: str | Path,
    model_dir: str | Path,
    *,
    train_iter: int = DEFAULT_TRAIN_ITER,
    feature_trim: int = DEFAULT_FEATURE_TRIM,
    seed: int = 0,
    log: str | Path | None = None,
) -> Path:
    """Run ``spacy_pkuseg.train`` and keep only the model files in ``model_dir``.

    ``monitor_file`` is scored after every iteration in the log; nothing is chosen on it
    (the model of the last iteration is kept). spacy-pkuseg prints its progress: it goes to
    ``log`` (or nowhere). It shuffles with Python's global ``random``, which is seeded with
    ``seed`` for the run (and put back afterwards), so a run can be repeated exactly.
    """
    import spacy_pkuseg

    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(log if log else os.devnull, "w", encoding="utf-8"))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(_pkuseg_config(featureTrim=feature_trim))
        stack.callback(random.setstate, random.getstate())
        random.seed(seed)
        spacy_pkuseg.train(str(train_file), str(monitor_file), str(model_dir), train_iter=train_iter, init_model=None)
    for path in model_dir.iterdir():
        if path.name not in PKUSEG_FILES:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return model_dir


def train_pkuseg(
    output_dir: str | Path,
    ud_dir: str | Path,
    *,
    train: Sequence[str] = DEFAULT_TRAIN,
    test: Sequence[str] = DEFAULT_TEST,
    monitor: str = "gsdsimp-test",
    train_iter: int = DEFAULT_TRAIN_ITER,
    feature_trim: int = DEFAULT_FEATURE_TRIM,
    seed: int = 0,
    work_dir: str | Path | None = None,
) -> PkusegTraining:
    """Train a spacy-pkuseg model on UD treebanks and score it: what ``zhinvest train segmenter`` runs.

    ``train``, ``test`` and ``monitor`` name treebanks of :data:`TREEBANKS` under
    ``ud_dir``; Traditional ones are converted to Simplified (:func:`to_simplified`).
    The training files and spacy-pkuseg's log (``train.txt``, ``monitor.txt``,
    ``pkuseg.log``) go to ``work_dir`` (default: a temporary folder). ``output_dir`` gets
    ``features.msgpack`` and ``weights.npz``, which ``pkuseg_model=`` or
    :func:`blank_nlp` load; files already there are replaced, others are left alone.
    Each ``test`` treebank is scored through a pipeline made by :func:`blank_nlp`.
    """
    output_dir = Path(output_dir)
    with contextlib.ExitStack() as stack:
        work = Path(work_dir) if work_dir is not None else Path(stack.enter_context(tempfile.TemporaryDirectory()))
        work.mkdir(parents=True, exist_ok=True)
        sentences = [s for name in train for s in load_treebank(ud_dir, name)]
        write_pkuseg_file(sentences, work / "train.txt")
        write_pkuseg_file(load_treebank(ud_dir, monitor), work / "monitor.txt")
        started = time.perf_counter()
        staging = Path(stack.enter_context(tempfile.TemporaryDirectory(dir=work, prefix="pkuseg-")))
        train_pkuseg_files(
            work / "train.txt", work / "monitor.txt", staging,
            train_iter=train_iter, feature_trim=feature_trim, seed=seed, log=work / "pkuseg.log",
        )
        seconds = time.perf_counter() - started
        output_dir.mkdir(parents=True, exist_ok=True)
        for name in PKUSEG_FILES:
            shutil.copyfile(staging / name, output_dir / name)
    nlp = blank_nlp("pkuseg", pkuseg_model=output_dir)
    scores = {name: score_segmenter(nlp, load_treebank(ud_dir, name)) for name in test}
    return PkusegTraining(
        model_dir=output_dir,
        train=tuple(train),
        train_sentences=len(sentences),
        train_words=sum(len(s.words) for s in sentences),
        train_iter=train_iter,
        feature_trim=feature_trim,
        seed=seed,
        seconds=seconds,
        size_bytes=sum((output_dir / name).stat().st_size for name in PKUSEG_FILES),
        scores=scores,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zhinvest.segmentation", description="Train the spacy-pkuseg model on UD treebanks.")
    parser.add_argument("--ud-dir", type=Path, required=True, help="the UD folder (e.g. ../shared/data/ud)")
    parser.add_argument("--out", type=Path, required=True, help="the model folder to write (e.g. models/pkuseg)")
    parser.add_argument("--train", nargs="+", default=list(DEFAULT_TRAIN), choices=list(TREEBANKS))
    parser.add_argument("--test", nargs="+", default=list(DEFAULT_TEST), choices=list(TREEBANKS))
    parser.add_argument("--monitor", default="gsdsimp-test", choices=list(TREEBANKS))
    parser.add_argument("--iter", type=int, default=DEFAULT_TRAIN_ITER)
    parser.add_argument("--feature-trim", type=int, default=DEFAULT_FEATURE_TRIM)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    report = train_pkuseg(
        args.out, args.ud_dir, train=args.train, test=args.test, monitor=args.monitor,
        train_iter=args.iter, feature_trim=args.feature_trim, seed=args.seed, work_dir=args.work_dir,
    )
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
