"""Storage of a segment's runs: Parquet per run, a manifest, and the shared DuckDB database.

Layout::

    data/processed/<segment>/<run_id>/<table>.parquet
    data/processed/<segment>/<run_id>/manifest.json
    data/abm.duckdb       # latest published run of every segment, one table per canonical table

Every file is written to a temporary name and renamed, and DuckDB tables are replaced inside one
transaction, so a crash mid-run loses nothing that was stored before it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from abmresearch._version import __version__
from abmresearch.config import SegmentConfig, config_hash
from abmresearch.errors import AbmError, InputError
from abmresearch.io import atomic_path

__all__ = ["Run", "Store", "file_sha256"]

_MANIFEST = "manifest.json"
_LOCK_RETRIES = 60


def file_sha256(path: Path) -> str:
    """SHA-256 of a file (streamed), for run manifests."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _new_run_id() -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")  # sorts in start order
    return f"{stamp}-{secrets.token_hex(3)}"


@dataclass
class Run:
    """One run of a segment: its folder, its tables and its manifest."""

    segment: str
    run_id: str
    dir: Path
    manifest: dict[str, Any] = field(default_factory=dict)

    def path(self, table: str) -> Path:
        """The Parquet file of ``table`` in this run."""
        return self.dir / f"{table}.parquet"

    def write(self, table: str, frame: pd.DataFrame) -> Path:
        """Store a table of this run (atomically) and count its rows in the manifest.

        Canonical tables are checked against their schema first (:mod:`abmresearch.schemas`).
        """
        from abmresearch.schemas import validate

        frame = validate(table, frame)
        target = self.path(table)
        with atomic_path(target) as tmp:
            frame.to_parquet(tmp, index=False)
        rows = len(frame)
        self._update(lambda manifest: manifest.setdefault("tables", {}).update({table: rows}))
        return target

    def read(self, table: str) -> pd.DataFrame:
        """A table stored by this run."""
        target = self.path(table)
        if not target.exists():
            raise InputError(target, f"в запуске {self.run_id} нет таблицы '{table}'")
        return pd.read_parquet(target)

    def has(self, table: str) -> bool:
        """Whether this run stored ``table``."""
        return self.path(table).exists()

    def write_json(self, name: str, value: Any) -> Path:
        """Store a JSON document (e.g. a quality report) beside the tables."""
        target = self.dir / f"{name}.json"
        with atomic_path(target) as tmp:
            tmp.write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
        return target

    def read_json(self, name: str) -> Any:
        """A JSON document stored by :meth:`write_json`."""
        target = self.dir / f"{name}.json"
        if not target.exists():
            raise InputError(target, f"в запуске {self.run_id} нет документа '{name}'")
        return json.loads(target.read_text(encoding="utf-8"))

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time a pipeline step into the manifest; a failure is recorded, then re-raised."""
        started = time.perf_counter()
        entry: dict[str, Any] = {"started": _now(), "status": "running"}
        self._update(lambda manifest: manifest.setdefault("steps", {}).update({name: entry}))
        try:
            yield
        except BaseException as exc:
            entry.update(status="failed", error=str(exc)[:500])
            raise
        else:
            entry["status"] = "done"
        finally:
            entry["seconds"] = round(time.perf_counter() - started, 3)
            self._update(lambda manifest: manifest.setdefault("steps", {}).update({name: entry}))

    def record_inputs(self, paths: Iterable[Path]) -> None:
        """Hash input files into the manifest (inputs are immutable; the hash proves it)."""
        hashes = {str(path): file_sha256(path) for path in paths}
        self._update(lambda manifest: manifest.setdefault("inputs", {}).update(hashes))

    def count(self, **counts: int) -> None:
        """Record named counts in the manifest (e.g. registry conflicts)."""
        self._update(lambda manifest: manifest.setdefault("counts", {}).update(counts))

    def finish(self, status: str = "done") -> None:
        """Close the run in its manifest."""
        self._update(lambda manifest: manifest.update(status=status, finished=_now()))

    def _update(self, change: Callable[[dict[str, Any]], None]) -> None:
        """Read-modify-write of the manifest: a run's steps run in other processes
        (papermill kernels), one after another, and each adds to the same file."""
        target = self.dir / _MANIFEST
        if target.exists():
            self.manifest = json.loads(target.read_text(encoding="utf-8"))
        change(self.manifest)
        self.save()

    def save(self) -> None:
        """Write the manifest (atomically)."""
        target = self.dir / _MANIFEST
        with atomic_path(target) as tmp:
            tmp.write_text(
                json.dumps(self.manifest, ensure_ascii=False, indent=1), encoding="utf-8"
            )


class Store:
    """Runs under ``processed_dir`` and the DuckDB database at ``db_path``.

    Args:
        processed_dir: ``data/processed`` of the project.
        db_path: ``data/abm.duckdb`` of the project.
    """

    def __init__(self, processed_dir: Path, db_path: Path) -> None:
        self.processed_dir = Path(processed_dir)
        self.db_path = Path(db_path)

    @classmethod
    def for_config(cls, config: SegmentConfig) -> Store:
        """The store of the project a segment config belongs to."""
        data = config.processed_dir.parent.parent
        return cls(data / "processed", data / "abm.duckdb")

    def start_run(self, config: SegmentConfig, *, inputs: Iterable[Path] = ()) -> Run:
        """Create a new run folder with its manifest."""
        run_id = _new_run_id()
        run_dir = self.processed_dir / config.name / run_id
        run_dir.mkdir(parents=True, exist_ok=False)
        run = Run(
            segment=config.name,
            run_id=run_id,
            dir=run_dir,
            manifest={
                "segment": config.name,
                "run_id": run_id,
                "status": "running",
                "started": _now(),
                "package_version": __version__,
                "config_path": str(config.path) if config.path else None,
                "config_hash": config_hash(config),
                "inputs": {},
                "steps": {},
                "tables": {},
            },
        )
        run.save()
        run.record_inputs(inputs)
        return run

    def runs(self, segment: str) -> list[Run]:
        """All runs of a segment, oldest first."""
        folder = self.processed_dir / segment
        if not folder.exists():
            return []
        found = []
        for manifest in sorted(folder.glob(f"*/{_MANIFEST}")):
            found.append(
                Run(
                    segment=segment,
                    run_id=manifest.parent.name,
                    dir=manifest.parent,
                    manifest=json.loads(manifest.read_text(encoding="utf-8")),
                )
            )
        return found

    def open_run(self, segment: str, run_id: str | None = None) -> Run:
        """A run by id, or the newest finished run of the segment."""
        runs = self.runs(segment)
        if run_id is not None:
            for run in runs:
                if run.run_id == run_id:
                    return run
            raise AbmError(f"сегмент '{segment}': запуск '{run_id}' не найден")
        done = [run for run in runs if run.manifest.get("status") == "done"]
        if not done:
            raise AbmError(f"сегмент '{segment}': завершённых запусков нет, сначала abm run")
        return done[-1]

    @contextlib.contextmanager
    def connect(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A DuckDB connection, waiting while another process holds the write lock."""
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        for attempt in range(_LOCK_RETRIES):
            try:
                connection = duckdb.connect(str(self.db_path), read_only=read_only)
                break
            except duckdb.IOException:
                if attempt == _LOCK_RETRIES - 1:
                    raise
                time.sleep(0.5)
        try:
            yield connection
        finally:
            connection.close()

    def publish(self, run: Run, tables: Iterable[str]) -> None:
        """Make a run's tables the segment's current rows in DuckDB, in one transaction.

        Each DuckDB table holds every segment; rows carry ``run_segment`` and ``run_id``. A column
        that a newer run adds is added to the table; older rows get NULL.
        """
        with self.connect() as db:
            db.execute("BEGIN TRANSACTION")
            try:
                for table in tables:
                    self._replace_rows(db, run, table)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    @staticmethod
    def _replace_rows(db: duckdb.DuckDBPyConnection, run: Run, table: str) -> None:
        source = (
            f"SELECT *, ?::VARCHAR AS run_segment, ?::VARCHAR AS run_id "
            f"FROM read_parquet('{run.path(table).as_posix()}')"
        )
        params = [run.segment, run.run_id]
        exists = db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
        ).fetchone()
        if not exists or not exists[0]:
            db.execute(f'CREATE TABLE "{table}" AS {source}', params)
            return
        have = {row[0] for row in db.execute(f'DESCRIBE "{table}"').fetchall()}
        incoming = db.execute(f"DESCRIBE {source}", params).fetchall()
        for name, kind, *_ in incoming:
            if name not in have:
                db.execute(f'ALTER TABLE "{table}" ADD COLUMN "{name}" {kind}')
        db.execute(f'DELETE FROM "{table}" WHERE run_segment = ?', [run.segment])
        db.execute(f'INSERT INTO "{table}" BY NAME {source}', params)

    def query(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        """Run a read-only SQL query on the database and return a DataFrame."""
        with self.connect(read_only=True) as db:
            return db.execute(sql, params or []).df()
