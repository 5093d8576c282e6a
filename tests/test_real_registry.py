"""Validators on the real ЕГРЮЛ sample in ../shared/data (public by law, 129-ФЗ)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from abmresearch.quality.rules import check_inn
from abmresearch.vocabulary import load_vocabulary


def _egrul(shared_data: Path) -> pd.DataFrame:
    return pd.read_csv(
        shared_data / "egrul-samples" / "egrul_companies.csv", dtype=str, keep_default_na=False
    )


def test_every_real_inn_passes_the_checksum(shared_data: Path) -> None:
    egrul = _egrul(shared_data)
    assert len(egrul) >= 490
    checked = check_inn(egrul["inn"].drop_duplicates())
    assert checked.valid.all(), list(egrul["inn"][~checked.valid][:5])


def test_real_inn_with_one_digit_changed_fails(shared_data: Path) -> None:
    inns = _egrul(shared_data)["inn"].drop_duplicates().head(200)
    broken = inns.map(lambda inn: inn[:-1] + str((int(inn[-1]) + 1) % 10))
    assert not check_inn(broken).valid.any()


def test_common_egrul_head_positions_are_titles(shared_data: Path) -> None:
    vocabulary = load_vocabulary()
    positions = _egrul(shared_data)["head_position"].str.strip()
    top = positions.value_counts().head(4).index
    for title in top:
        assert vocabulary.by_title(title) is not None or vocabulary.find(title) is not None, title
