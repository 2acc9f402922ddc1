"""Shared fixtures: one pipeline per session, the repository's seeds and annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

import zhinvest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ANNOTATIONS = ROOT / "annotations"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def pipeline() -> zhinvest.Pipeline:
    return zhinvest.load()


@pytest.fixture(scope="session")
def seed_documents(pipeline, seed_paths) -> dict[str, zhinvest.Document]:
    return {path.stem: pipeline(path) for path in seed_paths}
