"""``abm collect`` and ``abm registry`` through the console entry point."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from abmresearch.cli import main
from abmresearch.collect.fixture import FIXTURE_SITE, FixtureServer
from abmresearch.collect.registry import COMPANY_COLUMNS


def _abm(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["abm", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    return int(exit_info.value.code or 0)


def test_registry_command(
    shared_data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "companies.parquet"
    egrul = shared_data / "egrul-samples" / "xml"
    msp = shared_data / "fns-opendata-samples" / "msp" / "data-test-sme-1.zip"
    assert _abm(monkeypatch, "registry", str(egrul), str(msp), "--output", str(out)) == 0
    frame = pd.read_parquet(out)
    assert list(frame.columns) == list(COMPANY_COLUMNS)
    assert frame["inn"].is_unique and len(frame) == 500 + 2700  # ЕГРЮЛ+ЕГРИП, МСП 2019
    assert (tmp_path / "companies.provenance.parquet").exists()
    assert "конфликтов" in capsys.readouterr().err


def test_registry_command_bad_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "c.parquet"
    assert _abm(monkeypatch, "registry", str(tmp_path / "missing.zip"), "--output", str(out)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "не найдены" in err and "Traceback" not in err
    assert not out.exists()


def test_collect_command_with_segment_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "articles.jsonl"
    with FixtureServer(FIXTURE_SITE) as server:
        text = (FIXTURE_SITE / "sources.yaml").read_text(encoding="utf-8")
        segment = tmp_path / "segment.yaml"
        segment.write_text(
            "name: demo\n" + text.replace("{{BASE_URL}}", server.base_url), encoding="utf-8"
        )
        args = [
            "collect",
            str(segment),
            "--output",
            str(out),
            "--cache",
            str(tmp_path / "c"),
            "--since",
            "2026-01-01",
            "--quiet",
        ]
        assert _abm(monkeypatch, *args) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 4
    assert all(
        set(row) == {"id", "source", "url", "title", "published", "text", "fetched_at"}
        for row in rows
    )
    assert all(row["published"] >= "2026-01-01" for row in rows)
    assert "Статей 4" in capsys.readouterr().err


def test_collect_command_bad_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "sources.yaml"
    config.write_text("sources:\n  - name: x\n    type: rss\n", encoding="utf-8")
    out = tmp_path / "a.jsonl"
    assert _abm(monkeypatch, "collect", str(config), "--output", str(out)) == 2
    err = capsys.readouterr().err
    assert "sources[0].url" in err and "обязательный ключ" in err and err.count("\n") == 1
    assert _abm(monkeypatch, "collect", str(config), "--output", str(out), "--since", "вчера") == 2
