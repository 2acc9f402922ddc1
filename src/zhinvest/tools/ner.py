"""Training of the statistical NER (ORG, LOC, PERSON) from public Chinese NER corpora: a tool
(``zhinvest train ner``), never imported at run time.

Three steps, each a pure function over paths, so that a command line (or a test) is a thin
layer over them:

* :func:`convert_corpora` reads the JSON Lines corpora (CLUENER2020, MSRA, Weibo; see the
  README beside them) and writes spaCy ``DocBin`` files with the labels of
  :data:`LABEL_MAP`;
* :func:`train_ner` runs ``spacy train`` on them with ``configs/ner.cfg``;
* :func:`score_ner` scores a trained pipeline on a ``DocBin`` with spaCy's scorer;
* :func:`export_model` writes the chosen pipeline, with its meta, to ``models/``.

The documents are tokenised by the blank ``zh`` pipeline's default character segmenter, so
every character is a token and every entity span is a valid token span. ``--segmenter pkuseg``
(the bundled spacy-pkuseg model, ``models/pkuseg``, offline) or ``--segmenter jieba`` tokenise
them into words instead, for a NER on word tokens. An entity whose start or end falls inside
a word is then not a token span (``doc.char_span(..., alignment_mode="strict")`` is None); the
conversion counts these per corpus and handles them by :data:`DEFAULT_MISALIGNED` (``missing``:
the entity's words get missing annotation, the rest of the sentence is kept; ``expand`` and
``drop`` are the alternatives, see :data:`MISALIGNED_POLICIES`). The training then uses the
same segmenter, and the saved pipeline carries it (``tokenizer/pkuseg_model``), so
``spacy.load`` tokenises as the NER was trained, offline.

Some source spans say nothing about ORG/LOC/PERSON in the text they cover (a book title can
hold a company name, a job title a place: SPEC tags 市委 in 市委书记 and 亚太 in 亚太区总裁).
Their tokens are written as *missing* annotation (spaCy's ``-``), not as ``O``: the NER
neither learns an entity nor learns "no entity" there, and the scorer ignores predictions
over them.

Reproduce the shipped model (see ``models/README.md``)::

    export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
    zhinvest train ner all --data-dir ../shared/data/ner --out training/final
    zhinvest train ner export training/final/model/model-best models/zh_invest_ner

The same NER on pkuseg word tokens (same config and seed; ``--max-seconds`` stops the
training at a wall-clock limit, keeping the best checkpoint evaluated so far: this run stopped
at step 12,467, and its best checkpoint is step 11,000, which ``--max-steps 12000`` gives
without the time limit). Score it on the character-tokenised gold files too
(``training/final/corpus``), which count the entities it cannot represent::

    zhinvest train ner convert --segmenter pkuseg --data-dir ../shared/data/ner --out training/pkuseg
    zhinvest train ner train --segmenter pkuseg --out training/pkuseg --max-steps 14000 --max-seconds 3180
    zhinvest train ner score --model training/pkuseg/model/model-best \
        training/pkuseg/corpus/msra_test.spacy training/pkuseg/corpus/cluener_dev.spacy \
        training/final/corpus/msra_test.spacy training/final/corpus/cluener_dev.spacy
    zhinvest train ner export training/pkuseg/model/model-best training/ner_pkuseg_export

Command line (every command prints JSON):

* ``convert [--out DIR] [--data-dir DIR] [--dev-size N] [--seed N] [--segmenter char|pkuseg|jieba]
  [--pkuseg-model DIR] [--misaligned missing|expand|drop]``: write ``DIR/corpus/*.spacy``;
* ``train [--out DIR] [--config CFG] [--max-steps N] [--max-seconds S] [--seed N] [--segmenter ...]
  [--pkuseg-model DIR]``: train on ``DIR/corpus`` into ``DIR/model``;
* ``all``: ``convert``, ``train``, then ``score`` of the best model on ``msra_test`` and ``cluener_dev``;
* ``score --model MODEL DOCBIN...``: P/R/F per label of MODEL (tokenised by its own tokenizer);
* ``export MODEL DEST``: write MODEL with its meta to DEST.

The segmenter of ``train`` must be the one of ``convert``. Scores are exact spans over the
gold file's tokens: score a word-token model on a character-tokenised gold file (the char
``convert``) to count the entities it cannot represent as errors.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example

from ..about import NAME_LABELS, __version__
from ..segmentation import PKUSEG_AFTER_INIT, SEGMENTERS, blank_nlp, pkuseg_model_path

#: Conventional location of the converted corpora, relative to the repository root.
DEFAULT_DATA_DIR = Path("../shared/data/ner")
#: The training config in ``configs/`` of a source checkout (not part of the wheel).
DEFAULT_CONFIG = Path(__file__).resolve().parents[3] / "configs" / "ner.cfg"

#: Map value: the span is dropped and its tokens get *missing* annotation (neither an
#: entity nor ``O``), because it may contain an ORG, LOC or PERSON that the source did not
#: mark.
MISSING = "-"
#: Map value: ``LOC`` when the span is one named place (:func:`is_single_place`), otherwise
#: :data:`MISSING`.
PLACE = "LOC?"

#: What :func:`make_doc` does with an entity that is not a token span (a word segmenter put
#: one of its boundaries inside a word, e.g. 中国 in 中国人 or 美 in 中美):
#:
#: * ``missing``: its words get missing annotation, like :data:`MISSING` spans; the sentence
#:   and its other entities are kept, and the NER learns neither a wrong boundary nor "no
#:   entity" there;
#: * ``expand``: the entity covers the words it touches (``alignment_mode="expand"``), which
#:   teaches wrong boundaries (中国人 as LOC);
#: * ``drop``: the whole sentence is left out, with all its other entities;
#: * ``error``: raise ``ValueError`` (never happens with the character segmenter).
MISALIGNED_POLICIES: tuple[str, ...] = ("missing", "expand", "drop", "error")
#: The policy of :func:`convert_corpora`. With the bundled pkuseg model 9,297 of the 85,681
#: training entities (10.9%; CLUENER 10.6%, MSRA 10.6%, Weibo 29.2%) are misaligned, mostly
#: a name glued to a neighbouring character (以江泽民, 邓小平建) or one-character places in
#: a compound (中德, 访华). ``drop`` would lose the 6,786 sentences that hold them with 25,973
#: entities (30%); ``expand`` would teach 9,297 wrong boundaries; ``missing`` loses only them.
DEFAULT_MISALIGNED = "missing"

#: Corpus label -> ORG / LOC / PERSON, ``None`` (dropped; the tokens are ``O``),
#: :data:`MISSING` or :data:`PLACE`. Keyed by corpus folder.
LABEL_MAP: Mapping[str, Mapping[str, str | None]] = {
    "cluener2020": {
        "company": "ORG",  # companies, groups, banks
        "government": "ORG",  # administrative bodies, ministries, the army
        "organization": "ORG",  # teams, bands, societies
        "name": "PERSON",
        # CLUENER `address` is "marked to the finest level": about 41% of the spans are one
        # named place (北京, 门头沟区, 阿富汗) and the rest are street addresses, buildings,
        # estates and multi-level addresses (郑州市中原区须水镇西岗村) that SPEC either does not
        # tag (facilities) or splits into parts. Keep the single places as LOC, leave the
        # others unannotated. Evidence: models/README.md, "address and scene".
        "address": PLACE,
        # Sights, parks, rivers, museums: facilities, not SPEC entities, but a place named
        # inside one is LOC (沈阳 in 沈阳慈恩寺), which CLUENER does not mark.
        "scene": MISSING,
        # Titles can contain names: 《招商银行：投资永隆银行浮亏逾百亿港元》.
        "book": MISSING,
        "movie": MISSING,
        "game": MISSING,
        # A job title is not an entity, but SPEC tags the body or region in it (市委书记).
        "position": MISSING,
    },
    "msra": {"ORG": "ORG", "LOC": "LOC", "PER": "PERSON"},
    "weibo": {
        # Named mentions only. GPE (a country, province, city) is a LOC for SPEC.
        "GPE.NAM": "LOC",
        "LOC.NAM": "LOC",
        "ORG.NAM": "ORG",
        "PER.NAM": "PERSON",
        # Nominal mentions are generic nouns (穷人, 文艺公司), which SPEC does not tag.
        "GPE.NOM": None,
        "LOC.NOM": None,
        "ORG.NOM": None,
        "PER.NOM": None,
    },
}

#: Corpora whose annotators left many place names unmarked: in CLUENER about 57% of the
#: standalone mentions of common places (北京, 美国, 深圳, ...) are not annotated, against
#: 1.6% in MSRA. Mentions of a known place name (:func:`place_lexicon`) outside every
#: source span get missing annotation there instead of ``O``.
UNMARKED_PLACE_CORPORA: tuple[str, ...] = ("cluener2020",)

# One administrative unit: a name and one unit word, no other unit word inside.
_UNIT = r"(?:特别行政区|自治区|自治州|自治县|新区|开发区|高新区|保税区|自贸区|省|市|县|区|镇|乡|村|州)"
_SINGLE_UNIT = re.compile(rf"^(?:(?!{_UNIT}).){{1,8}}{_UNIT}$")
_NOT_A_PLACE = re.compile(r"(?:地区|赛区|小区|园区|景区|城区|[\d０-９a-zA-Zａ-ｚＡ-Ｚ\W_])")

_FULLWIDTH_ALNUM = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
}


# --------------------------------------------------------------------------- reading


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The sentences of one corpus file: dicts with ``text`` and ``entities``."""
    with Path(path).open(encoding="utf8") as f:
        return [json.loads(line) for line in f if line.strip()]


def place_lexicon(rows: Iterable[Mapping[str, Any]], min_count: int = 3, min_share: float = 0.9) -> frozenset[str]:
    """Place names that MSRA annotates consistently.

    A name is kept when it is at least two characters long, is tagged ``LOC`` at least
    ``min_count`` times, and at least ``min_share`` of its mentions outside other entities
    are tagged ``LOC`` (so 中国, 北京 are in; 西北 or 东部, used as directions, are not).
    """
    rows = list(rows)
    tagged = Counter(r["text"][s:e] for r in rows for s, e, label in r["entities"] if label == "LOC")
    candidates = {name for name, n in tagged.items() if n >= min_count and len(name) >= 2}
    if not candidates:
        return frozenset()
    pattern = _alternation(candidates)
    exact: Counter[str] = Counter()
    bare: Counter[str] = Counter()
    for row in rows:
        spans = [(s, e) for s, e, _ in row["entities"]]
        for m in pattern.finditer(row["text"]):
            s, e = m.span()
            if (s, e) in spans:
                exact[m.group()] += 1
            elif not any(a < e and s < b for a, b in spans):
                bare[m.group()] += 1
    return frozenset(
        name for name in candidates if exact[name] and exact[name] / (exact[name] + bare[name]) >= min_share
    )


def is_single_place(text: str, lexicon: frozenset[str]) -> bool:
    """Whether an address span names one place, as SPEC's LOC does.

    True for a name in the MSRA place lexicon (北京, 阿富汗) or a name with a single
    administrative unit word (门头沟区, 孜许乡); false for street addresses, buildings and
    multi-level addresses (衡阳市仙姬巷28号, 江西省余干县).
    """
    if text in lexicon:
        return True
    return bool(_SINGLE_UNIT.match(text)) and not _NOT_A_PLACE.search(text)


def _alternation(names: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(names, key=lambda n: (-len(n), n))
    return re.compile("|".join(re.escape(n) for n in ordered))


# --------------------------------------------------------------------------- conversion


def make_doc(
    nlp: Language,
    row: Mapping[str, Any],
    label_map: Mapping[str, str | None],
    lexicon: frozenset[str] = frozenset(),
    mark_unmarked_places: bool = False,
    stats: Counter[str] | None = None,
    misaligned: str = "error",
) -> Doc | None:
    """One annotated ``Doc`` from a corpus sentence (None when ``misaligned="drop"`` drops it).

    Entities mapped to ORG/LOC/PERSON become ``doc.ents``; when two of them overlap (the
    one nested CLUENER sentence has two companies inside a book title, but both are kept
    because the title is dropped) the longer, then the earlier, wins. Tokens of
    :data:`MISSING` spans that no entity covers get missing annotation, and so do unmarked
    mentions of lexicon places when ``mark_unmarked_places`` is set. All other tokens are
    ``O``. Unknown labels raise ``KeyError``.

    With a word segmenter an entity can fall inside words: ``stats`` then counts it
    (``misaligned`` and ``misaligned_<label>``; ``misaligned_sentences`` and
    ``entities_in_misaligned_sentences``, what ``drop`` would lose) and ``misaligned``
    (:data:`MISALIGNED_POLICIES`) decides what happens to it. Missing spans cover the words
    they touch.
    """
    if misaligned not in MISALIGNED_POLICIES:
        raise ValueError(f"misaligned must be one of {MISALIGNED_POLICIES}, not {misaligned!r}")
    stats = stats if stats is not None else Counter()
    text = row["text"]
    doc = nlp.make_doc(text)
    kept: list[tuple[int, int, str]] = []
    missing: list[tuple[int, int]] = []
    for start, end, source_label in row["entities"]:
        label = label_map[source_label]
        if label == PLACE:
            label = "LOC" if is_single_place(text[start:end], lexicon) else MISSING
        if label is None:
            stats["dropped_as_O"] += 1
        elif label == MISSING:
            missing.append((start, end))
            stats["dropped_as_missing"] += 1
        else:
            kept.append((start, end, label))
    if mark_unmarked_places and lexicon:
        covered = [(s, e) for s, e, _ in row["entities"]]
        for m in _lexicon_pattern(lexicon).finditer(text):
            s, e = m.span()
            if not any(a < e and s < b for a, b in covered):
                missing.append((s, e))
                stats["unmarked_place_missing"] += 1
    ents: list[Span] = []
    taken = [False] * len(doc)
    unaligned = [(s, e, label) for s, e, label in kept if doc.char_span(s, e) is None]
    if unaligned:  # cannot happen with the character segmenter
        if misaligned == "error":
            start, end, _ = unaligned[0]
            raise ValueError(f"entity [{start}, {end}) is not a token span of {text!r}")
        stats["misaligned"] += len(unaligned)
        stats.update(f"misaligned_{label}" for _, _, label in unaligned)
        stats["misaligned_sentences"] += 1
        stats["entities_in_misaligned_sentences"] += len(kept)
        if misaligned == "drop":
            stats["dropped_sentences"] += 1
            return None
        if misaligned == "missing":
            kept = [k for k in kept if k not in unaligned]
            missing.extend((s, e) for s, e, _ in unaligned)
    for start, end, label in sorted(kept, key=lambda x: (x[0] - x[1], x[0])):
        span = doc.char_span(start, end, label=label)
        if span is None:  # misaligned == "expand"
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            assert span is not None  # "expand" takes the tokens the characters touch
            stats["expanded"] += 1
        if any(taken[span.start : span.end]):
            stats["overlap_dropped"] += 1
            continue
        taken[span.start : span.end] = [True] * len(span)
        ents.append(span)
        stats[label] += 1
    missing_spans = []
    for start, end in missing:
        span = doc.char_span(start, end)
        if span is None:
            if misaligned == "error":
                raise ValueError(f"span [{start}, {end}) is not a token span of {text!r}")
            span = doc.char_span(start, end, alignment_mode="expand")
            assert span is not None  # "expand" takes the tokens the characters touch
        for i in range(span.start, span.end):
            if not taken[i]:
                taken[i] = True
                missing_spans.append(doc[i : i + 1])
                stats["missing_tokens"] += 1
    doc.set_ents(ents, missing=missing_spans, default="outside")
    stats["sentences"] += 1
    return doc


@lru_cache(maxsize=2)
def _lexicon_pattern(lexicon: frozenset[str]) -> re.Pattern[str]:
    return _alternation(lexicon)


def halfwidth_alnum(text: str) -> str:
    """Full-width digits and Latin letters (１０００, ＡＢＣ) as ASCII; same length."""
    return text.translate(_FULLWIDTH_ALNUM)


def convert_corpora(
    data_dir: Path | str,
    out_dir: Path | str,
    seed: int = 0,
    dev_size: int = 2000,
    label_map: Mapping[str, Mapping[str, str | None]] = LABEL_MAP,
    unmarked_place_corpora: Sequence[str] = UNMARKED_PLACE_CORPORA,
    halfwidth_share: float = 0.5,
    segmenter: str = "char",
    pkuseg_model: Path | str | None = None,
    misaligned: str = DEFAULT_MISALIGNED,
) -> dict[str, Any]:
    """Write ``train.spacy``, ``dev.spacy``, ``msra_test.spacy`` and ``cluener_dev.spacy``.

    * train: CLUENER train, MSRA train less the dev slice, Weibo train;
    * dev: ``dev_size`` MSRA train sentences drawn with ``seed``, CLUENER dev, Weibo dev;
    * msra_test: MSRA test; cluener_dev: CLUENER dev (also part of dev, which only picks
      the best checkpoint).

    A share ``halfwidth_share`` of the MSRA training sentences (drawn with ``seed``) get
    their full-width digits and letters written as ASCII, as news text has them; offsets
    do not move. Returns the counts of each file and of the conversion.

    ``segmenter`` tokenises the documents (``char``: one token per character; ``pkuseg``:
    the model ``pkuseg_model``, default the bundled one; ``jieba``). With a word segmenter
    the report also has ``misaligned``: per corpus and split, the entities (mapped to
    ORG/LOC/PERSON) that are not token spans, handled by ``misaligned`` (:func:`make_doc`).
    """
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    if segmenter not in SEGMENTERS:
        raise ValueError(f"segmenter must be one of {SEGMENTERS}, not {segmenter!r}")
    nlp = spacy.blank("zh") if segmenter == "char" else blank_nlp(segmenter, pkuseg_model)
    by_corpus: dict[str, Counter[str]] = {}
    corpora = {
        ("cluener2020", "train"): read_jsonl(data_dir / "cluener2020" / "train.jsonl"),
        ("cluener2020", "dev"): read_jsonl(data_dir / "cluener2020" / "dev.jsonl"),
        ("msra", "train"): read_jsonl(data_dir / "msra" / "train.jsonl"),
        ("msra", "test"): read_jsonl(data_dir / "msra" / "test.jsonl"),
        ("weibo", "train"): read_jsonl(data_dir / "weibo" / "train.jsonl"),
        ("weibo", "dev"): read_jsonl(data_dir / "weibo" / "dev.jsonl"),
    }
    msra_train = corpora["msra", "train"]
    dev_index = set(rng.sample(range(len(msra_train)), min(dev_size, len(msra_train))))
    msra_fit = [r for i, r in enumerate(msra_train) if i not in dev_index]
    msra_dev = [r for i, r in enumerate(msra_train) if i in dev_index]
    lexicon = place_lexicon(msra_fit) if unmarked_place_corpora or _uses_place(label_map) else frozenset()
    msra_fit = [
        {**r, "text": halfwidth_alnum(r["text"])} if rng.random() < halfwidth_share else r for r in msra_fit
    ]

    def docs(corpus: str, rows: Iterable[Mapping[str, Any]], stats: Counter[str], split: str) -> Iterator[Doc]:
        if segmenter == "char":
            for row in rows:
                yield make_doc(  # type: ignore[misc]  # never None on characters
                    nlp, row, label_map[corpus], lexicon, corpus in unmarked_place_corpora, stats
                )
            return
        for row in rows:
            local: Counter[str] = Counter()
            doc = make_doc(
                nlp, row, label_map[corpus], lexicon, corpus in unmarked_place_corpora, local, misaligned
            )
            stats.update(local)
            # Entities mapped to a name label, whatever became of them.
            if doc is None:  # dropped sentence
                entities = local["entities_in_misaligned_sentences"]
            else:
                entities = sum(local[label] for label in NAME_LABELS) + local["overlap_dropped"]
                entities += local["misaligned"] if misaligned == "missing" else 0
            split_stats = by_corpus.setdefault(f"{corpus}/{split}", Counter())
            split_stats["sentences"] += 1
            split_stats["entities"] += entities
            for key in ("misaligned", "misaligned_sentences", "entities_in_misaligned_sentences", "expanded"):
                split_stats[key] += local[key]
            split_stats.update({k: v for k, v in local.items() if k.startswith("misaligned_") and k != "misaligned_sentences"})
            if doc is not None:
                yield doc

    plan = {
        "train": [
            ("cluener2020", corpora["cluener2020", "train"]),
            ("msra", msra_fit),
            ("weibo", corpora["weibo", "train"]),
        ],
        "dev": [("msra", msra_dev), ("cluener2020", corpora["cluener2020", "dev"]), ("weibo", corpora["weibo", "dev"])],
        "msra_test": [("msra", corpora["msra", "test"])],
        "cluener_dev": [("cluener2020", corpora["cluener2020", "dev"])],
    }
    report: dict[str, Any] = {"lexicon_size": len(lexicon), "files": {}}
    for name, parts in plan.items():
        stats: Counter[str] = Counter()
        bin_ = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
        for corpus, rows in parts:
            for doc in docs(corpus, rows, stats, name):
                bin_.add(doc)
        path = out_dir / f"{name}.spacy"
        bin_.to_disk(path)
        report["files"][name] = {"path": str(path), **dict(sorted(stats.items()))}
    if segmenter != "char":
        report["segmenter"] = segmenter
        report["misaligned_policy"] = misaligned
        report["misaligned"] = {
            key: {**dict(sorted(c.items())), "share": round(c["misaligned"] / max(c["entities"], 1), 4)}
            for key, c in by_corpus.items()
        }
    return report


def _uses_place(label_map: Mapping[str, Mapping[str, str | None]]) -> bool:
    return any(v == PLACE for m in label_map.values() for v in m.values())


# --------------------------------------------------------------------------- training


class TimeUp(Exception):
    """Raised between two training steps once ``max_seconds`` have passed (see :func:`train_ner`)."""


#: The ``[training.before_update]`` callback of ``train_ner(max_seconds=...)``. ``spacy.load``
#: does not resolve ``[training]``, so a saved pipeline loads without this module. The name is
#: older than ``zhinvest.tools`` and kept, so that the configs of earlier runs still resolve.
STOP_AFTER = "zhinvest.training.stop_after.v1"


@spacy.registry.callbacks(STOP_AFTER)  # type: ignore[attr-defined, untyped-decorator]  # spaCy re-exports registry implicitly; catalogue is untyped
def make_stop_after(seconds: float, log_every: int = 500) -> Any:
    """A ``before_update`` callback: log the step and the seconds so far to stderr every
    ``log_every`` steps, and raise :class:`TimeUp` at the first step after ``seconds`` (0:
    never). spaCy then saves ``model-last``; ``model-best`` is the best evaluated checkpoint."""
    start = time.monotonic()

    def before_update(nlp: Language, args: Mapping[str, Any]) -> None:
        elapsed = time.monotonic() - start
        if log_every and args["step"] % log_every == 0:
            print(f"step {args['step']} epoch {args['epoch']} {elapsed:.0f} s", file=sys.stderr, flush=True)
        if seconds and elapsed > seconds:
            raise TimeUp(f"stopped at step {args['step']} after {elapsed:.0f} s (limit {seconds:.0f} s)")

    return before_update


def segmenter_overrides(segmenter: str, pkuseg_model: Path | str | None = None) -> dict[str, Any]:
    """``spacy train`` overrides that train on ``segmenter``'s tokens (none for ``char``).

    The tokenizer is set up as :func:`zhinvest.segmentation.blank_nlp` does it (the local
    pkuseg model, its dictionary post-processing off) and saved with the pipeline. The
    corpora are read with ``gold_preproc``: the ``DocBin`` files already hold this
    segmenter's tokens (:func:`convert_corpora`), so re-segmenting every epoch would give
    the same tokens at the cost of a spacy-pkuseg pass over the training set per epoch.
    """
    if segmenter not in SEGMENTERS:
        raise ValueError(f"segmenter must be one of {SEGMENTERS}, not {segmenter!r}")
    if segmenter == "char":
        return {}
    settings: dict[str, Any] = {
        "nlp.tokenizer.segmenter": segmenter,
        "corpora.train.gold_preproc": True,
        "corpora.dev.gold_preproc": True,
    }
    if segmenter == "pkuseg":
        model = Path(pkuseg_model) if pkuseg_model is not None else pkuseg_model_path()
        settings["initialize.tokenizer.pkuseg_model"] = str(model.resolve())
        settings["initialize.tokenizer.pkuseg_user_dict"] = "default"
        settings["initialize.after_init"] = {"@callbacks": PKUSEG_AFTER_INIT}
    return settings


def train_ner(
    output_dir: Path | str,
    data_dir: Path | str,
    config: Path | str = DEFAULT_CONFIG,
    max_steps: int | None = None,
    seed: int = 0,
    overrides: Mapping[str, Any] | None = None,
    segmenter: str = "char",
    pkuseg_model: Path | str | None = None,
    max_seconds: float | None = None,
) -> Path:
    """Train the NER with ``spacy train`` and return the path of the best pipeline.

    ``data_dir`` holds the ``train.spacy`` and ``dev.spacy`` of :func:`convert_corpora`,
    converted with the same ``segmenter`` (:func:`segmenter_overrides`). Training runs on
    the CPU with thinc's numpy ops; set ``OMP_NUM_THREADS=1`` (and
    ``MKL_``/``OPENBLAS_NUM_THREADS``) in the environment to keep it on one core.
    ``max_seconds`` stops it at the first step after that wall-clock time (the schedules do
    not depend on ``max_steps``, so the run is the same as one with ``max_steps`` at that
    step); the step and the time are logged to stderr every 500 steps.
    """
    from spacy.cli.train import train
    from thinc.api import NumpyOps, set_current_ops

    data_dir, output_dir = Path(data_dir), Path(output_dir)
    settings: dict[str, Any] = {
        "paths.train": str(data_dir / "train.spacy"),
        "paths.dev": str(data_dir / "dev.spacy"),
        "system.seed": seed,
    }
    if max_steps is not None:
        settings["training.max_steps"] = max_steps
    settings.update(segmenter_overrides(segmenter, pkuseg_model))
    if max_seconds is not None:
        settings["training.before_update"] = {"@callbacks": STOP_AFTER, "seconds": max_seconds}
    settings.update(overrides or {})
    set_current_ops(NumpyOps())
    try:
        train(Path(config), output_dir, use_gpu=-1, overrides=settings)
    except TimeUp as stop:
        print(f"Time limit: {stop}", file=sys.stderr, flush=True)
    best = output_dir / "model-best"
    return best if best.exists() else output_dir / "model-last"


def score_ner(model_dir: Path | str | Language, docbin_path: Path | str, batch_size: int = 64) -> dict[str, Any]:
    """Precision, recall and F1 per label and micro-averaged (``ALL``), exact spans.

    Scored by spaCy's NER scorer: predictions over tokens with missing gold annotation
    count neither way. Returns ``{"ORG": {"p": .., "r": .., "f": ..}, ..., "ALL": {...},
    "docs": n}`` with fractions in [0, 1].
    """
    nlp = model_dir if isinstance(model_dir, Language) else spacy.load(model_dir)
    gold = list(DocBin().from_disk(docbin_path).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold]
    scores = nlp.evaluate(examples, batch_size=batch_size)
    per_type = scores.get("ents_per_type") or {}
    result: dict[str, Any] = {
        label: {k: float(per_type.get(label, {}).get(k, 0.0)) for k in ("p", "r", "f")} for label in NAME_LABELS
    }
    result["ALL"] = {k: float(scores.get(f"ents_{k}") or 0.0) for k in ("p", "r", "f")}
    result["docs"] = len(examples)
    return result


#: What ``meta.json`` of the shipped pipeline says about it; models/README.md has the details.
MODEL_META: Mapping[str, Any] = {
    "name": "invest_ner",
    "description": (
        "ORG / LOC / PERSON tagger for Simplified Chinese news (character tokens, tok2vec + ner), "
        "trained by zhinvest.tools.ner (zhinvest train ner) on CLUENER2020, MSRA NER and Weibo NER. See models/README.md."
    ),
    "author": "zhinvest developers",
    "license": "inherits the terms of its training data (research use; see models/README.md)",
    "sources": [
        {
            "name": "CLUENER2020",
            "url": "https://github.com/CLUEbenchmark/CLUENER2020",
            "license": "no licence; released for research (texts: THUCTC / Sina News, free for research, "
            "commercial use needs a licence)",
        },
        {
            "name": "MSRA NER (SIGHAN 2006 bakeoff)",
            "url": "http://sighan.cs.uchicago.edu/bakeoff2006/",
            "license": "no known licence",
        },
        {
            "name": "Weibo NER (weiboNER_2nd_conll)",
            "url": "https://github.com/hltcoe/golden-horse",
            "license": "annotations CC BY-SA 3.0; texts under Weibo's terms of service",
        },
    ],
}


#: Added to ``meta.json`` ``sources`` when the pipeline's tokenizer carries the bundled
#: spacy-pkuseg model (``tokenizer/pkuseg_model``; see models/pkuseg/README.md).
PKUSEG_SOURCE: Mapping[str, str] = {
    "name": "zhinvest pkuseg segmenter (UD Chinese GSD / GSDSimp), in tokenizer/pkuseg_model",
    "url": "https://github.com/UniversalDependencies/UD_Chinese-GSDSimp",
    "license": "CC BY-SA 4.0",
}


def export_model(model_dir: Path | str, dest: Path | str) -> Path:
    """Write a trained pipeline to ``dest`` with ``nlp.to_disk``, its meta set from
    :data:`MODEL_META` and the package version; returns ``dest``.

    For a pipeline on word tokens the description names its segmenter instead of
    "character tokens", and a pkuseg tokenizer adds :data:`PKUSEG_SOURCE` to the sources."""
    nlp = spacy.load(model_dir)
    meta = {**MODEL_META, "version": __version__}
    segmenter = getattr(nlp.tokenizer, "segmenter", "char")
    if segmenter != "char":
        meta["description"] = meta["description"].replace("character tokens", f"{segmenter} word tokens")
        if segmenter == "pkuseg":
            meta["sources"] = [*meta["sources"], dict(PKUSEG_SOURCE)]
    nlp.meta.update(meta)
    dest = Path(dest)
    nlp.to_disk(dest)
    return dest


# --------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> None:
    """``zhinvest train ner {convert,train,score,all,export}``: prints JSON."""
    parser = argparse.ArgumentParser(prog="zhinvest train ner", description=main.__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    export = sub.add_parser("export", help="copy a trained pipeline, with its meta, to DEST")
    export.add_argument("model", type=Path)
    export.add_argument("dest", type=Path)
    for name in ("convert", "train", "score", "all"):
        p = sub.add_parser(name)
        p.add_argument("--out", type=Path, default=Path("training/run"), help="scratch folder")
        if name in ("convert", "all"):
            p.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
            p.add_argument("--dev-size", type=int, default=2000)
            p.add_argument(
                "--misaligned", choices=MISALIGNED_POLICIES, default=DEFAULT_MISALIGNED,
                help="what to do with an entity that is not a token span (word segmenters only)",
            )
        if name in ("convert", "train", "all"):
            p.add_argument("--segmenter", choices=SEGMENTERS, default="char", help="token unit (default: char)")
            p.add_argument("--pkuseg-model", type=Path, default=None, help="spacy-pkuseg model (default: models/pkuseg)")
        if name in ("train", "all"):
            p.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
            p.add_argument("--max-steps", type=int, default=None)
            p.add_argument("--max-seconds", type=float, default=None, help="stop training after this wall-clock time")
        if name == "score":
            p.add_argument("--model", type=Path, required=True)
            p.add_argument("docbins", type=Path, nargs="+")
        p.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.command == "export":
        print(json.dumps({"exported": str(export_model(args.model, args.dest))}))
        return
    corpus_dir = args.out / "corpus"
    if args.command in ("convert", "all"):
        report = convert_corpora(
            args.data_dir, corpus_dir, args.seed, args.dev_size,
            segmenter=args.segmenter, pkuseg_model=args.pkuseg_model, misaligned=args.misaligned,
        )
        print(json.dumps(report, ensure_ascii=False))
    if args.command in ("train", "all"):
        best = train_ner(
            args.out / "model", corpus_dir, args.config, args.max_steps, args.seed,
            segmenter=args.segmenter, pkuseg_model=args.pkuseg_model, max_seconds=args.max_seconds,
        )
        print(json.dumps({"best": str(best)}))
        if args.command == "all":
            for name in ("msra_test", "cluener_dev"):
                print(json.dumps({name: score_ner(best, corpus_dir / f"{name}.spacy")}))
    if args.command == "score":
        for path in args.docbins:
            print(json.dumps({path.stem: score_ner(args.model, path)}))


if __name__ == "__main__":
    main()
