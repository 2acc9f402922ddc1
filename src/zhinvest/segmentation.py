"""Chinese word segmentation: the tokenizer of the pipeline and the bundled spacy-pkuseg model.

The zhinvest components find their mentions on characters, so any of spaCy's three Chinese
segmenters can sit under them; this module makes each of them work offline:

* :func:`blank_nlp` is a blank ``zh`` pipeline whose tokenizer is ready to use: ``char``
  (no dependency), ``jieba`` (the optional ``jieba`` package) or ``pkuseg`` (the model in
  ``models/pkuseg``, loaded from disk, never downloaded). It is
  :func:`check_segmenter`, ``spacy.blank`` with :func:`segmenter_config`, then
  :func:`initialize_tokenizer`; call those three yourself when you build the pipeline from a
  config of your own.
* :func:`char_doc` makes the ``char`` segmenter's docs without its alignment loop.

Training and scoring the spacy-pkuseg model on Universal Dependencies treebanks is a tool,
:mod:`zhinvest.tools.segmenter`, never imported at run time. Rebuild the bundled model (see
``models/pkuseg/README.md``)::

    OMP_NUM_THREADS=1 zhinvest train segmenter --ud-dir ../shared/data/ud --out models/pkuseg
"""

from __future__ import annotations

import importlib.util
import logging
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast

from . import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
import spacy
from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .errors import Errors, ModelError

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
    """A segment function from a pipeline's tokenizer (for
    :func:`zhinvest.tools.segmenter.score_segmenter`)."""
    return lambda text: [token.text for token in nlp.make_doc(text)]
