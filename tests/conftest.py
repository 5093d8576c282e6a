"""Shared fixtures: the real public data in ../shared/data and tiny tables."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from abmresearch.vocabulary import Vocabulary, load_vocabulary

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
ASSETS = Path(__file__).resolve().parent / "assets"


@pytest.fixture(autouse=True, scope="session")
def _no_user_models(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The models a developer trained into ~/.cache/abmresearch never reach the tests (CI has
    none): an empty ``$ABM_CACHE`` for the session, subprocesses included. Tests of the model
    path fit small models of their own."""
    patch = pytest.MonkeyPatch()
    patch.setenv("ABM_CACHE", str(tmp_path_factory.mktemp("abm-cache")))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` beside the repository (always there in CI)."""
    if not SHARED_DATA.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED_DATA} is missing: CI must have ../shared beside the clone")
        pytest.skip(f"{SHARED_DATA} is not beside this checkout")
    return SHARED_DATA


@pytest.fixture(scope="session")
def assets() -> Path:
    """``tests/assets``: tiny fixtures committed with the tests."""
    return ASSETS


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    """The default positions vocabulary (``config/positions.yaml``)."""
    return load_vocabulary()


@pytest.fixture()
def rules_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The extraction rules alone, whether or not a trained pair model sits in the cache."""
    from abmresearch.extract.pairing import load_pair_model

    monkeypatch.setenv("ABM_NO_PAIR_MODEL", "1")
    load_pair_model.cache_clear()
    yield
    load_pair_model.cache_clear()
