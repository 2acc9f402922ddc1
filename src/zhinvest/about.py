"""One place for the package's facts: version and the label sets."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

#: Labels of numeric entities, produced by rule components with normalised values.
NUMERIC_LABELS: tuple[str, ...] = ("MONEY", "AREA", "PROJECT_COUNT")
#: Labels of named entities.
NAME_LABELS: tuple[str, ...] = ("ORG", "LOC", "PERSON")
#: Every entity label of SPEC v1, in report order.
LABELS: tuple[str, ...] = NUMERIC_LABELS + NAME_LABELS
#: Relation types of SPEC v1.
RELATION_TYPES: tuple[str, ...] = ("INVESTMENT", "PROJECT_SUMMARY", "LOCATED_IN")
#: Qualifiers of numeric entities (SPEC "Qualifier words").
QUALIFIERS: tuple[str, ...] = ("exact", "over", "under", "about", "at_least", "magnitude")
#: Names of the annotation formats of ``zhinvest.formats.CONVERTERS`` (which checks it), here so
#: that the command line lists them without importing the converters.
ANNOTATION_FORMATS: tuple[str, ...] = ("json", "spacy", "labelstudio", "doccano", "brat", "conll")
#: Project stages of relations.
STAGES: tuple[str, ...] = ("planned", "signed", "started", "landed")


def models_dir() -> Path:
    """Where the bundled models are: inside the installed package (the wheel puts ``models/``
    there), or ``models/`` of a source checkout."""
    packaged = Path(__file__).resolve().parent / "models"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "models"
