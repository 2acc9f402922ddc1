"""Building the zhinvest spaCy pipeline: :func:`build_nlp`.

A Chinese tokenizer with the chosen segmenter (char, jieba or the bundled pkuseg model),
optionally the bundled statistical NER, then the zhinvest components. Running it over
articles and batches is :mod:`zhinvest.engine`'s job (:class:`~zhinvest.engine.Pipeline`);
turning its mentions and relations into a :class:`~zhinvest.schema.Document` is
:mod:`zhinvest.assemble`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from . import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
import spacy
from spacy.language import Language

from .components import (  # noqa: F401  (registers the factories in a source tree too; installed, entry points do)
    area as _area,
    money as _money,
    organisations as _organisations,
    persons as _persons,
    places as _places,
    project_count as _project_count,
    relations as _relations,
)
from .about import models_dir
from .errors import Errors, ModelError
from .segmentation import SEGMENTERS, blank_nlp

__all__ = ["DEFAULT_COMPONENTS", "NAME_COMPONENTS", "NER_MODEL", "NUMERIC_COMPONENTS", "build_nlp", "ner_model_path"]

#: The numeric rule components, in pipeline order.
NUMERIC_COMPONENTS: tuple[str, ...] = ("zhinvest_money", "zhinvest_area", "zhinvest_project_count")
#: The name rule components; they run after the numeric ones, whose spans names never cross.
NAME_COMPONENTS: tuple[str, ...] = ("zhinvest_organisations", "zhinvest_persons", "zhinvest_places")
DEFAULT_COMPONENTS: tuple[str, ...] = NUMERIC_COMPONENTS + NAME_COMPONENTS + ("zhinvest_relations",)
#: The folder of the statistical NER pipeline inside ``models/`` (trained by ``zhinvest train ner``, :mod:`zhinvest.tools.ner`).
NER_MODEL = "zh_invest_ner"


def ner_model_path() -> Path | None:
    """The bundled NER pipeline, or None when it is not there (the rules then work alone)."""
    path = models_dir() / NER_MODEL
    return path if (path / "config.cfg").is_file() else None


def build_nlp(
    segmenter: str = "char",
    components: Sequence[str] = DEFAULT_COMPONENTS,
    set_ents: bool = True,
    ner_model: str | Path | None = None,
) -> Language:
    """A Chinese spaCy pipeline: the rule components, after an optional statistical NER
    (``ner_model``: None, the default, for the rules alone; ``"default"`` for the bundled
    model, used with the char segmenter it was trained on; or a path). The rules alone are the
    default because the bundled model adds nothing to ORG or LOC on the development set and
    costs most of the run time (``models/README.md``).

    ``set_ents=False`` leaves ``doc.ents`` alone (the mentions in ``doc._.zhinvest_mentions``
    are complete without it); :class:`Pipeline` uses that, as building spaCy spans costs more
    than finding the mentions."""
    if ner_model == "default":
        ner_model = ner_model_path() if segmenter == "char" else None
    if segmenter not in SEGMENTERS:
        raise ModelError(Errors.E020.format(name=segmenter, choices=", ".join(SEGMENTERS)))
    if ner_model is not None:
        try:
            nlp = spacy.load(ner_model)
        except (OSError, ValueError) as error:
            raise ModelError(Errors.E023.format(path=ner_model, reason=error)) from None
    else:
        nlp = blank_nlp(segmenter)  # checks the name, loads jieba or the bundled pkuseg model offline
    for name in components:
        nlp.add_pipe(name, config={"set_ents": set_ents})
    return nlp
