"""`abm match` end to end: the contract of CONTRACTS.md §3, bad input, review and decisions."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from abmresearch.cli import main

CONTRACT = ["mention_id", "inn", "score", "matched_name"]


def _abm(monkeypatch: pytest.MonkeyPatch, *args: str | Path) -> int:
    monkeypatch.setattr(sys, "argv", ["abm", *map(str, args)])
    with pytest.raises(SystemExit) as exit_info:
        main()
    return int(exit_info.value.code or 0)


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


@pytest.fixture
def files(tmp_path: Path, assets: Path) -> dict[str, Path]:
    mentions = _write(
        tmp_path / "mentions.csv",
        "mention_id,name,region,inn\n"
        "10,у «Ромашки-Севера»,54,\n"
        "11,Совсем неизвестная контора,,\n"
        "12,Парус,,\n"
        "13,что угодно,,7701000040\n"
        "14,TEXПPOM,,\n",
    )
    return {"mentions": mentions, "registry": assets / "match" / "registry_cp1251.csv"}


def test_contract_end_to_end(
    monkeypatch: pytest.MonkeyPatch, files: dict[str, Path], tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out" / "matches.csv"
    code = _abm(
        monkeypatch, "match", files["mentions"], "--registry", files["registry"], "--output", out
    )
    assert code == 0, capsys.readouterr().err
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table.columns[:4]) == CONTRACT
    assert table["mention_id"].tolist() == ["10", "11", "12", "13", "14"]
    assert table["inn"].tolist() == ["5401000014", "", "", "7701000040", "5401000085"]
    assert table["score"].astype(float).between(0, 1).all()
    assert table["matched_name"][0] == 'ООО "РОМАШКА-СЕВЕР"'
    assert table["matched_name"][1] == ""
    review = pd.read_csv(out.with_name("matches.review.csv"), dtype=str, keep_default_na=False)
    assert set(review.loc[review["mention_id"] == "12", "inn"]) == {"5401000039", "7701000040"}
    err = capsys.readouterr().err
    assert "Сопоставлено 3 из 5" in err


def test_decisions_file_round_trip(
    monkeypatch: pytest.MonkeyPatch, files: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "matches.csv"
    args = ["match", files["mentions"], "--registry", files["registry"], "--output", out]
    assert _abm(monkeypatch, *args, "--quiet") == 0
    review = pd.read_csv(out.with_name("matches.review.csv"), dtype=str, keep_default_na=False)
    review["decision"] = ["accepted" if inn == "5401000039" else "" for inn in review["inn"]]
    decisions = tmp_path / "decisions.csv"
    review.to_csv(decisions, index=False)
    assert _abm(monkeypatch, *args, "--decisions", decisions, "--quiet") == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("mention_id")
    assert table.loc["12", "inn"] == "5401000039"
    assert table.loc["12", "method"] == "decision"


def test_parquet_output_and_threshold(
    monkeypatch: pytest.MonkeyPatch, files: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "matches.parquet"
    args = ["match", files["mentions"], "--registry", files["registry"], "--output", out]
    assert _abm(monkeypatch, *args, "--threshold", "1.0", "-q") == 0
    table = pd.read_parquet(out)
    # Only the ИНН given in the mention reaches a threshold of 1.0.
    assert table["inn"].tolist() == ["", "", "", "7701000040", ""]


def test_index_cache_is_reused_and_gives_the_same_links(
    monkeypatch: pytest.MonkeyPatch, files: dict[str, Path], tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    for out in (first, second):
        args = ["match", files["mentions"], "--registry", files["registry"], "--output", out]
        assert _abm(monkeypatch, *args, "--index-cache", cache, "-q") == 0
    saved = list(cache.glob("registry-*.index.pickle"))
    assert len(saved) == 1
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    # A broken cache file is rebuilt, not an error.
    saved[0].write_bytes(b"not a pickle")
    args = ["match", files["mentions"], "--registry", files["registry"], "--output", second]
    assert _abm(monkeypatch, *args, "--index-cache", cache, "-q") == 0
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("mentions", "registry", "message"),
    [
        ("id,name\n1,Ромашка\n", "inn,name\n5401000014,Ромашка\n", "нет столбца 'mention_id'"),
        ("mention_id,title\n1,Ромашка\n", "inn,name\n5401000014,Ромашка\n", "нет столбца 'name'"),
        ("mention_id,name\n1,Ромашка\n", "ogrn,name\n1,Ромашка\n", "нет столбца 'inn'"),
        ("mention_id,name\n1,Ромашка\n", "inn,name\n,Ромашка\n", "нет ни одной строки"),
        (
            "mention_id,name\n1,Ромашка\n",
            "inn,name\n5401000014,Ромашка\n5401000021,Лютик,лишнее\n",
            "строка 3",
        ),
    ],
    ids=["no mention_id", "no name", "registry without inn", "no usable row", "malformed row"],
)
def test_bad_input_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys,
    mentions: str,
    registry: str,
    message: str,
) -> None:
    out = tmp_path / "out.csv"
    code = _abm(
        monkeypatch,
        "match",
        _write(tmp_path / "m.csv", mentions),
        "--registry",
        _write(tmp_path / "r.csv", registry),
        "--output",
        out,
    )
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert message in err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err
    assert not out.exists()


def test_warnings_with_counts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> None:
    mentions = _write(tmp_path / "m.csv", "mention_id,name\n1,Ромашка\n2,\n3,  \n")
    registry = _write(
        tmp_path / "r.csv",
        "inn,name\n5401000014,ООО Ромашка\n5401000014,Ромашка плюс\n1234567890,ООО Лютик\n",
    )
    out = tmp_path / "out.csv"
    assert _abm(monkeypatch, "match", mentions, "--registry", registry, "--output", out) == 0
    err = capsys.readouterr().err
    assert "пустое название в 2 строках" in err
    assert "1 ИНН в 2 строках" in err
    assert "контрольная сумма) в 1 строках" in err
    assert pd.read_csv(out, dtype=str, keep_default_na=False)["inn"].tolist() == [
        "5401000014",
        "",
        "",
    ]


def test_threshold_out_of_range(monkeypatch: pytest.MonkeyPatch, files: dict[str, Path], capsys):
    code = _abm(
        monkeypatch,
        "match",
        files["mentions"],
        "--registry",
        files["registry"],
        "--output",
        "x.csv",
        "--threshold",
        "1.5",
    )
    assert code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_help_has_an_example(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    assert _abm(monkeypatch, "match", "--help") == 0
    out = capsys.readouterr().out
    assert "Пример: abm match" in out
    assert "--decisions" in out
