"""Remove a person from everything the toolkit stored (152-ФЗ: the right to be forgotten).

:func:`forget_person` deletes the person's rows from every run's Parquet tables and from the
DuckDB database, together with rows that point at those contacts (quality problems and fixes),
and re-renders the latest report of each affected segment. ``data/raw`` is immutable: input
tables there that still name the person are listed, so the analyst can delete them at the
source (the CRM export).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from abmresearch.config import load_segment
from abmresearch.errors import AbmError, InputError
from abmresearch.io import TABLE_SUFFIXES, atomic_path, read_table
from abmresearch.store import Store

__all__ = ["Forgotten", "PersonKey", "forget_person"]

_NAME_COLUMNS = ("last_name", "first_name", "middle_name")


def _fold(text: object) -> str:
    return " ".join(str(text).casefold().replace("ё", "е").split()) if text is not None else ""


def _digits(text: object) -> str:
    digits = re.sub(r"\D", "", str(text))
    return digits[-10:] if len(digits) >= 10 else ""


@dataclass(frozen=True)
class PersonKey:
    """Who to forget: a full name (any order of its parts), an e-mail and/or a phone."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None

    def __post_init__(self) -> None:
        if not (self.name or self.email or self.phone):
            raise AbmError("укажите --name, --email или --phone человека")
        if self.phone and not _digits(self.phone):
            raise AbmError(f"телефон «{self.phone}»: нужно не меньше 10 цифр")

    @property
    def name_parts(self) -> frozenset[str]:
        """The case-folded words of the name."""
        return frozenset(_fold(self.name).split()) if self.name else frozenset()

    def rows(self, frame: pd.DataFrame) -> pd.Series:
        """Which rows of ``frame`` are this person (by any column it has)."""
        hit = pd.Series(False, index=frame.index)
        if self.email and "email" in frame:
            hit |= frame["email"].map(_fold) == _fold(self.email)
        if self.phone and "phone" in frame:
            hit |= frame["phone"].map(_digits) == _digits(self.phone)
        parts = self.name_parts
        if parts and all(column in frame for column in _NAME_COLUMNS[:2]):
            columns = [column for column in _NAME_COLUMNS if column in frame]
            names = zip(*(frame[column].map(_fold) for column in columns), strict=True)
            hit |= pd.Series(
                [len(have := {w for w in row if w}) >= 2 and have <= parts for row in names],
                index=frame.index,
            )
        if parts and "person" in frame:
            hit |= frame["person"].map(lambda p: frozenset(_fold(p).split()) == parts)
        return hit


@dataclass
class Forgotten:
    """What :func:`forget_person` removed."""

    rows: dict[str, int] = field(default_factory=dict)  # "<run>/<table>" → rows deleted
    database_rows: int = 0
    reports: list[Path] = field(default_factory=list)
    raw_files: list[Path] = field(default_factory=list)  # still naming the person

    @property
    def total(self) -> int:
        """Rows deleted from Parquet files."""
        return sum(self.rows.values())


def _forget_in_run(run_dir: Path, key: PersonKey, result: Forgotten) -> bool:
    contact_ids: set[str] = set()
    tables = sorted(run_dir.glob("*.parquet"))
    frames = {path.stem: pd.read_parquet(path) for path in tables}
    for frame in frames.values():
        if "contact_id" in frame:
            contact_ids |= set(frame.loc[key.rows(frame), "contact_id"].astype(str))
    changed = False
    for path in tables:
        frame = frames[path.stem]
        hit = key.rows(frame)
        if {"table", "id"} <= set(frame.columns):
            hit |= (frame["table"] == "contacts") & frame["id"].astype(str).isin(contact_ids)
        if hit.any():
            with atomic_path(path) as tmp:
                frame.loc[~hit].to_parquet(tmp, index=False)
            result.rows[f"{run_dir.name}/{path.stem}"] = int(hit.sum())
            changed = True
    return changed


def _raw_tables_naming(raw_dir: Path, key: PersonKey) -> list[Path]:
    """Raw input tables in which the person still appears (they are not edited here)."""
    found = []
    for path in sorted(raw_dir.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in TABLE_SUFFIXES:
            continue
        try:
            frame = read_table(path)
        except InputError:
            continue
        if key.rows(frame).any():
            found.append(path)
    return found


def _rerender_latest(store: Store, segment: str, result: Forgotten) -> None:
    from abmresearch.pipeline import report_step

    runs = [run for run in store.runs(segment) if run.manifest.get("status") == "done"]
    if not runs or not runs[-1].manifest.get("config_path"):
        return
    config_path = Path(runs[-1].manifest["config_path"])
    if config_path.exists():
        result.reports.append(report_step(load_segment(config_path), runs[-1]))


def forget_person(key: PersonKey, *, data_dir: Path) -> Forgotten:
    """Delete a person from every stored run and the database; re-render affected reports.

    Args:
        key: the person.
        data_dir: the project's ``data/``.

    Returns:
        What was removed, and the raw inputs that still name the person.
    """
    result = Forgotten()
    store = Store(data_dir / "processed", data_dir / "abm.duckdb")
    segments: set[str] = set()
    for manifest in sorted(store.processed_dir.glob("*/*/manifest.json")):
        run_dir = manifest.parent
        if _forget_in_run(run_dir, key, result):
            segments.add(run_dir.parent.name)
            (run_dir / "report.html").unlink(missing_ok=True)  # stale copy
    if store.db_path.exists():
        result.database_rows = _forget_in_database(store, key)
    for segment in sorted(segments):
        _rerender_latest(store, segment, result)
    result.raw_files = _raw_tables_naming(data_dir / "raw", key)
    return result


def _forget_in_database(store: Store, key: PersonKey) -> int:
    removed = 0
    with store.connect() as db:
        tables = [row[0] for row in db.execute("SHOW TABLES").fetchall()]
        db.execute("BEGIN TRANSACTION")
        try:
            for table in tables:
                frame = db.execute(f'SELECT * FROM "{table}"').df()
                hit = key.rows(frame)
                if hit.any():
                    db.register("kept_rows", frame.loc[~hit])
                    db.execute(f'DELETE FROM "{table}"')
                    db.execute(f'INSERT INTO "{table}" SELECT * FROM kept_rows')
                    db.unregister("kept_rows")
                    removed += int(hit.sum())
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return removed
