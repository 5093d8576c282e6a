"""Check and tidy the mentions and registry tables before matching.

Problems that would make a link wrong stop with one line (a missing column); problems that only
make some rows unusable are counted and reported as warnings (empty names, empty or invalid ИНН,
duplicate ИНН), never silently dropped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from stdnum.ru import inn as inn_checksum

from abmresearch.errors import InputError

__all__ = ["MENTION_COLUMNS", "REGISTRY_COLUMNS", "check_mentions", "check_registry"]

MENTION_COLUMNS = ("mention_id", "name")
REGISTRY_COLUMNS = ("inn", "name")


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    return frame[column].astype(object).where(frame[column].notna(), "").astype(str).str.strip()


def _require(frame: pd.DataFrame, columns: tuple[str, ...], path: Path | str, what: str) -> None:
    for column in columns:
        if column not in frame.columns:
            have = ", ".join(map(str, frame.columns[:12]))
            raise InputError(path, f"{what}: нет столбца '{column}' (есть: {have})")


def check_mentions(
    mentions: pd.DataFrame, *, path: Path | str = "MENTIONS"
) -> tuple[pd.DataFrame, list[str]]:
    """The mentions as text columns ``mention_id, name, region, inn`` plus warnings.

    Args:
        mentions: columns ``mention_id``, ``name``, optional ``region``, ``inn``.
        path: the file, for messages.

    Returns:
        (tidy table in the same order, warnings in Russian).

    Raises:
        InputError: a required column is missing.
    """
    _require(mentions, MENTION_COLUMNS, path, "упоминания")
    tidy = pd.DataFrame(
        {column: _text(mentions, column) for column in ("mention_id", "name", "region", "inn")}
    ).reset_index(drop=True)
    warnings = []
    empty = int((tidy["name"] == "").sum())
    if empty:
        warnings.append(f"{path}: пустое название в {empty} строках — они останутся без ИНН")
    duplicated = int(tidy["mention_id"].duplicated().sum())
    if duplicated:
        warnings.append(f"{path}: mention_id повторяется в {duplicated} строках")
    return tidy, warnings


def check_registry(
    registry: pd.DataFrame, *, path: Path | str = "REGISTRY"
) -> tuple[pd.DataFrame, list[str]]:
    """One row per ИНН with its name variants, plus warnings.

    Rows with an empty ИНН or no name are left out (counted). Rows that repeat an ИНН are
    merged: all their names become variants of one company (counted).

    Args:
        registry: columns ``inn``, ``name``, optional ``short_name``, ``ogrn``, ``region``,
            ``okved``.
        path: the file, for messages.

    Returns:
        (table ``inn, name, names, region, legal_form?``, warnings); ``names`` is a tuple of the
        name variants, full name first.

    Raises:
        InputError: the ``inn`` or ``name`` column is missing, or no row is usable.
    """
    _require(registry, REGISTRY_COLUMNS, path, "реестр")
    tidy = pd.DataFrame(
        {
            "inn": _text(registry, "inn"),
            "name": _text(registry, "name"),
            "short_name": _text(registry, "short_name"),
            "region": _text(registry, "region"),
        }
    )
    warnings = []
    no_inn = tidy["inn"] == ""
    no_name = (tidy["name"] == "") & (tidy["short_name"] == "")
    if no_inn.any():
        warnings.append(f"{path}: пустой ИНН в {int(no_inn.sum())} строках — они пропущены")
    if (no_name & ~no_inn).any():
        count = int((no_name & ~no_inn).sum())
        warnings.append(f"{path}: пустое название в {count} строках — они пропущены")
    tidy = tidy[~no_inn & ~no_name]
    if tidy.empty:
        raise InputError(path, "в реестре нет ни одной строки с ИНН и названием")
    invalid = ~tidy["inn"].map(
        lambda value: value.isdigit() and len(value) in (10, 12) and inn_checksum.is_valid(value)
    ).astype(bool)
    if invalid.any():
        sample = tidy.loc[invalid, "inn"].iloc[0]
        warnings.append(
            f"{path}: ИНН с ошибкой (длина или контрольная сумма) в {int(invalid.sum())} строках, "
            f"например «{sample}» — сопоставление по названию для них возможно"
        )
    repeated = tidy["inn"].duplicated(keep=False)
    if repeated.any():
        warnings.append(
            f"{path}: ИНН повторяется: {int(tidy.loc[repeated, 'inn'].nunique())} ИНН в "
            f"{int(repeated.sum())} строках — их названия считаются вариантами одной компании"
        )
    variants = [
        tuple(dict.fromkeys(v for v in pair if v))
        for pair in zip(tidy["name"], tidy["short_name"], strict=True)
    ]
    tidy = tidy.assign(names=pd.Series(variants, index=tidy.index, dtype=object))
    if repeated.any():
        tidy = (
            tidy.groupby("inn", sort=False)
            .agg(
                name=("name", "first"),
                region=("region", "first"),
                names=("names", lambda values: tuple(dict.fromkeys(v for t in values for v in t))),
            )
            .reset_index()
        )
    return tidy[["inn", "name", "names", "region"]].reset_index(drop=True), warnings
