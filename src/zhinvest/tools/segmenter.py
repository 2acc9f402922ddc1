"""Training and scoring of the spacy-pkuseg segmenter on Universal Dependencies treebanks.

* :func:`write_pkuseg_file` and :func:`convert_conllu` turn treebanks (read by
  :mod:`zhinvest.tools.conllu`) into spacy-pkuseg training files (gold FORMs joined by single
  spaces, one sentence per line); :func:`train_pkuseg` trains and scores the model.
* :func:`score_segmentation` and :func:`score_segmenter` give word-level precision, recall
  and F1 against the gold segmentation of a treebank.

The segmenters at run time (:func:`zhinvest.segmentation.blank_nlp`) never import this module.
Rebuild the bundled model (see ``models/pkuseg/README.md``)::

    OMP_NUM_THREADS=1 zhinvest train segmenter --ud-dir ../shared/data/ud --out models/pkuseg
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
from spacy.language import Language

from ..segmentation import PKUSEG_FILES, blank_nlp, tokenizer_words
from .conllu import TREEBANKS, Sentence, load_treebank, read_conllu, to_simplified

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
# Treebanks -> spacy-pkuseg training files


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

    ``train``, ``test`` and ``monitor`` name treebanks of
    :data:`~zhinvest.tools.conllu.TREEBANKS` under ``ud_dir``; Traditional ones are converted
    to Simplified (:func:`~zhinvest.tools.conllu.to_simplified`). The training files and
    spacy-pkuseg's log (``train.txt``, ``monitor.txt``, ``pkuseg.log``) go to ``work_dir``
    (default: a temporary folder). ``output_dir`` gets ``features.msgpack`` and
    ``weights.npz``, which ``pkuseg_model=`` or :func:`~zhinvest.segmentation.blank_nlp` load;
    files already there are replaced, others are left alone. Each ``test`` treebank is scored
    through a pipeline made by :func:`~zhinvest.segmentation.blank_nlp`.
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
    parser = argparse.ArgumentParser(prog="zhinvest train segmenter", description="Train the spacy-pkuseg model on UD treebanks.")
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