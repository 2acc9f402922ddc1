"""The package ships ``py.typed``, so its types must be true: mypy, configured in
pyproject.toml (``[tool.mypy]``: the whole package, strict on the pure modules), finds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    api = pytest.importorskip("mypy.api")
    from mypy.version import __version__

    monkeypatch.chdir(ROOT)  # the config's files are relative to the repository root
    report, errors, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", "/dev/null"])
    assert status == 0, f"mypy {__version__} (python -m mypy from the repository root):\n{report}{errors}"


def test_package_ships_py_typed() -> None:
    assert (ROOT / "src" / "zhinvest" / "py.typed").is_file()
