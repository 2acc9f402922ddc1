"""Import spaCy without letting thinc import PyTorch.

thinc (spaCy's machine-learning library) imports PyTorch whenever it is installed, to offer
its PyTorch wrappers; that costs about a second at every start, and no zhinvest pipeline
uses those wrappers (the rules need no model; the bundled NER runs on thinc's own NumPy
ops). When neither thinc nor PyTorch is imported yet, this module imports spaCy while
``import torch`` fails, then lets PyTorch be imported normally again (the HanLP backend
imports it itself). The one effect that remains is thinc's ``has_torch`` flag being False in
this process; set ``ZHINVEST_THINC_TORCH=1`` to keep thinc's PyTorch support (for instance
when the same process trains a spaCy model with a PyTorch layer).

Every zhinvest module that imports spaCy imports this module first.
"""

from __future__ import annotations

import os
import sys


def import_spacy_without_torch() -> None:
    if "thinc" in sys.modules or "torch" in sys.modules or os.environ.get("ZHINVEST_THINC_TORCH"):
        import spacy  # noqa: F401
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError
    try:
        import spacy  # noqa: F401
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


import_spacy_without_torch()
