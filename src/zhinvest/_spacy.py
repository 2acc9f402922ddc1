"""Import spaCy without letting thinc import PyTorch, and without spaCy's command line.

thinc (spaCy's machine-learning library) imports PyTorch whenever it is installed, to offer
its PyTorch wrappers; that costs about a second at every start, and no zhinvest pipeline
uses those wrappers (the rules need no model; the bundled NER runs on thinc's own NumPy
ops). When neither thinc nor PyTorch is imported yet, this module imports spaCy while
``import torch`` fails, then lets PyTorch be imported normally again (the HanLP backend
imports it itself). The one effect that remains is thinc's ``has_torch`` flag being False in
this process; set ``ZHINVEST_THINC_TORCH=1`` to keep thinc's PyTorch support (for instance
when the same process trains a spaCy model with a PyTorch layer).

``import spacy`` also imports its command line (``spacy.cli``, for the one name
``spacy.info``), which brings weasel, requests, httpx and certifi: about a third of spaCy's
import time, and nothing a pipeline runs. While spaCy is imported here, ``spacy.cli.info`` is
a stand-in whose ``info`` calls the real one; afterwards the stand-in is gone, so
``import spacy.cli`` (``zhinvest train``, ``spacy train``) loads the real command line.

Every zhinvest module that imports spaCy imports this module first.
"""

from __future__ import annotations

import os
import sys
import types
from typing import Any


def import_spacy_without_torch() -> None:
    if "spacy" in sys.modules:
        return
    if "thinc" in sys.modules or "torch" in sys.modules or os.environ.get("ZHINVEST_THINC_TORCH"):
        _import_spacy_without_cli()
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError
    try:
        _import_spacy_without_cli()
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real ``spacy.cli.info.info``, imported when called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _import_spacy_without_cli() -> None:
    stand_ins = {"spacy.cli": types.ModuleType("spacy.cli"), "spacy.cli.info": types.ModuleType("spacy.cli.info")}
    stand_ins["spacy.cli.info"].info = _info  # type: ignore[attr-defined]
    added = [name for name in stand_ins if name not in sys.modules]
    sys.modules.update({name: stand_ins[name] for name in added})
    try:
        import spacy  # noqa: F401
    finally:
        for name in added:
            if sys.modules.get(name) is stand_ins[name]:
                del sys.modules[name]
        spacy_module = sys.modules.get("spacy")
        if spacy_module is not None and getattr(spacy_module, "cli", None) is stand_ins["spacy.cli"]:
            delattr(spacy_module, "cli")


import_spacy_without_torch()
