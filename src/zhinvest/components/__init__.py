"""The zhinvest spaCy components, one module each."""

from .. import _spacy  # noqa: F401  (spaCy is imported without PyTorch: see zhinvest._spacy)
