"""Segment config, table reading and the run store."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from abmresearch.config import load_segment
from abmresearch.errors import ConfigError, InputError
from abmresearch.io import read_table, write_table
from abmresearch.quality.dqi import round_half_up
from abmresearch.store import Store
from abmresearch.vocabulary import load_vocabulary


def _segment(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config" / "segments" / "x.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_segment_config_resolves_paths_against_project_root(tmp_path: Path) -> None:
    path = _segment(tmp_path, "name: x\ninputs:\n  companies: data/raw/x/c.csv\n")
    config = load_segment(path)
    assert config.root == tmp_path.resolve()
    assert config.inputs.companies is not None
    assert config.resolve(config.inputs.companies) == tmp_path.resolve() / "data/raw/x/c.csv"
    assert config.processed_dir == tmp_path.resolve() / "data" / "processed" / "x"
    assert config.quality.threshold == 95.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: x\nquality:\n  treshold: 90\n", "ключ 'quality.treshold': неизвестный ключ"),
        ("name: x\nkams:\n  - {name: A, capasity: 3}\n", "ключ 'kams[0].capasity'"),
        ("name: x\nquality: {threshold: 120}\n", "ключ 'quality.threshold'"),
        ("name: Не латиница\n", "ключ 'name'"),
        ("segments: [a]\n", "ключ 'name': обязательный ключ отсутствует"),
        ("name: x\n  bad: indent\n", "ошибка YAML"),
        ("- just a list\n", "ожидается словарь"),
    ],
)
def test_segment_config_errors_name_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_segment(_segment(tmp_path, text))
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_environment_variables_expand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ABM_TEST_SITE", "http://127.0.0.1:8123")
    text = "name: x\nsources:\n  - {name: a, type: rss, url: '${ABM_TEST_SITE}/rss.xml'}\n"
    config = load_segment(_segment(tmp_path, text))
    assert config.sources[0].url == "http://127.0.0.1:8123/rss.xml"
    monkeypatch.delenv("ABM_TEST_SITE")
    with pytest.raises(ConfigError, match=r"ключ 'sources\[0\].url': переменная окружения"):
        load_segment(_segment(tmp_path, text))


def test_demo_config_in_repo_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ABM_DEMO_SITE", "http://127.0.0.1:9")
    config = load_segment(Path(__file__).parents[1] / "config" / "segments" / "demo.yaml")
    assert config.name == "demo" and config.segments


def test_vocabulary_has_the_seed_roles() -> None:
    vocabulary = load_vocabulary()
    assert len(vocabulary) >= 60
    roles = {
        title: vocabulary.by_title(title).role
        for title in ["Директор", "Главный инженер", "Начальник участка", "Прораб", "Сметчик"]  # type: ignore[union-attr]
    }
    assert roles == {
        "Директор": "ЛПР",
        "Главный инженер": "ЛПР",
        "Начальник участка": "ЛПР",
        "Прораб": "ЛВР",
        "Сметчик": "ЛВР",
    }
    assert vocabulary.find("гл. инженер").title == "Главный инженер"  # type: ignore[union-attr]
    functions = {position.function for position in vocabulary}
    assert {"construction_site", "retail", "production", "it", "logistics"} <= functions


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet", ".jsonl"])
def test_round_trip_keeps_leading_zeros(tmp_path: Path, suffix: str) -> None:
    frame = pd.DataFrame({"inn": ["0274062111", "7707083893"], "name": ["«Дуб»", "Ромашка"]})
    path = write_table(frame, tmp_path / f"t{suffix}")
    back = read_table(path, required=["inn"])
    assert list(back["inn"].astype(str)) == ["0274062111", "7707083893"]


def test_cp1251_and_koi8_are_detected(tmp_path: Path) -> None:
    text = 'inn;name\n7707083893;Общество с ограниченной ответственностью "Ромашка"\n'
    for encoding in ("cp1251", "koi8_r"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        assert read_table(path)["name"][0].startswith("Общество"), encoding


def test_unknown_format_and_missing_column(tmp_path: Path) -> None:
    odd = tmp_path / "a.doc"
    odd.write_text("x")
    with pytest.raises(InputError, match="неизвестный формат"):
        read_table(odd)
    ok = tmp_path / "a.csv"
    ok.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match=r"a.csv: нет столбца 'inn' \(есть: a, b\)"):
        read_table(ok, required=["inn"])


def test_bad_jsonl_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": 1}\n\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"a.jsonl, строка 3: не JSON"):
        read_table(path)


@pytest.mark.parametrize(
    ("valid", "checked", "expected"),
    [
        (1, 8, 12.5),
        (19, 20, 95.0),
        (1899, 2000, 95.0),
        (18995, 20000, 95.0),
        (9499, 10000, 95.0),
        (94949, 100000, 94.9),
        (2, 3, 66.7),
        (0, 0, 0.0),
    ],
)
def test_round_half_up(valid: int, checked: int, expected: float) -> None:
    assert round_half_up(valid, checked) == expected


def test_store_runs_manifest_and_duckdb(tmp_path: Path) -> None:
    config = load_segment(_segment(tmp_path, "name: x\n"))
    store = Store.for_config(config)
    source = tmp_path / "input.csv"
    source.write_text("a\n1\n")
    run = store.start_run(config, inputs=[source])
    with run.step("quality"):
        run.write("quality_fields", pd.DataFrame({"field": ["inn"], "valid": [3]}))
    run.finish()
    manifest = json.loads((run.dir / "manifest.json").read_text())
    assert manifest["tables"] == {"quality_fields": 1}
    assert manifest["steps"]["quality"]["status"] == "done"
    assert manifest["inputs"][str(source)] and manifest["config_hash"]
    store.publish(run, ["quality_fields"])
    # A newer run with an extra column replaces the segment's rows.
    second = store.start_run(config)
    second.write(
        "quality_fields",
        pd.DataFrame({"field": ["inn", "email"], "valid": [1, 2], "extra": ["a", "b"]}),
    )
    second.finish()
    store.publish(second, ["quality_fields"])
    rows = store.query("SELECT field, valid, extra, run_id FROM quality_fields ORDER BY field")
    assert list(rows["field"]) == ["email", "inn"]
    assert set(rows["run_id"]) == {second.run_id}
    assert store.open_run("x").run_id == second.run_id


def test_failed_step_is_recorded_and_nothing_half_written(tmp_path: Path) -> None:
    config = load_segment(_segment(tmp_path, "name: x\n"))
    run = Store.for_config(config).start_run(config)
    run.write("t", pd.DataFrame({"a": [1]}))
    before = run.path("t").read_bytes()

    class Boom(Exception):
        pass

    class Exploding(pd.DataFrame):
        def to_parquet(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
            Path(str(args[0])).write_bytes(b"half")
            raise Boom

    with pytest.raises(Boom), run.step("broken"):
        run.write("t", Exploding({"a": [2]}))
    assert run.path("t").read_bytes() == before
    assert not list(run.dir.glob(".*.tmp"))
    manifest = json.loads((run.dir / "manifest.json").read_text())
    assert manifest["steps"]["broken"]["status"] == "failed"
