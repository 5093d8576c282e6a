"""The CLI contracts of ``abm extract`` and ``abm titles`` (CONTRACTS §1–2), incl. bad input."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FIELDS = {
    "doc_id",
    "person",
    "last_name",
    "first_name",
    "middle_name",
    "gender",
    "position",
    "position_norm",
    "role",
    "org",
    "evidence",
    "start",
    "end",
}


def _abm(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from abmresearch.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "ABM_NO_PAIR_MODEL": "1"},
    )


def test_extract_contract(assets: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    done = _abm("extract", str(assets / "extract" / "articles.jsonl"), "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert "строка 3: пустой текст" in done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2
    assert all(set(row) >= FIELDS for row in rows)
    first = rows[0]
    assert (first["doc_id"], first["person"], first["role"]) == ("a1", "Иван Петров", "ЛПР")
    assert first["middle_name"] is None
    text = json.loads((assets / "extract" / "articles.jsonl").read_text().splitlines()[0])["text"]
    assert text[first["start"] : first["end"]] == "Иван Петров"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "1", "text": "Текст."}\nне json\n', "строка 2: не JSON"),
        ('{"id": "1", "body": "Текст."}\n', "строка 1: нет поля 'text'"),
        ('{"text": "Текст."}\n', "строка 1: нет поля 'id'"),
        ('{"id": "1", "text": 5}\n', "строка 1: поле 'text' должно быть строкой"),
        ("[1, 2]\n", "строка 1: ожидается JSON-объект"),
    ],
)
def test_extract_bad_input(tmp_path: Path, content: str, message: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("old", encoding="utf-8")
    done = _abm("extract", str(source), "--output", str(out))
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert out.read_text(encoding="utf-8") == "old"  # nothing half-overwritten


def test_extract_huge_text_is_cut_and_reported(tmp_path: Path) -> None:
    from abmresearch.extract.cli import read_articles
    from abmresearch.extract.contacts import MAX_TEXT_CHARS

    source = tmp_path / "in.jsonl"
    text = "Слово. " * (MAX_TEXT_CHARS // 7 + 10)
    source.write_text(json.dumps({"id": "big", "text": text}) + "\n", encoding="utf-8")
    said: list[str] = []
    articles = read_articles(source, say=said.append)
    assert len(articles.loc[0, "text"]) == MAX_TEXT_CHARS
    assert "строка 1" in said[0]


def test_titles_contract(tmp_path: Path) -> None:
    source = tmp_path / "titles.txt"
    source.write_bytes(
        "заместителя генерального директора по строительству\n\nГИП\nшифровальщик\n".encode(
            "cp1251"
        )
    )
    out = tmp_path / "titles.csv"
    done = _abm("titles", str(source), "--output", str(out))
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["title"] for row in rows] == [
        "заместителя генерального директора по строительству",
        "ГИП",
        "шифровальщик",
    ]
    assert rows[0]["position_norm"] == "заместитель генерального директора по строительству"
    assert rows[0]["role"] == "ЛПР"
    assert rows[2]["canonical"] == "" and rows[2]["role"] == "другое"


def test_titles_missing_file(tmp_path: Path) -> None:
    done = _abm("titles", str(tmp_path / "nope.txt"), "--output", str(tmp_path / "o.csv"))
    assert done.returncode == 2
    assert "файл не найден" in done.stderr


def test_help_has_examples() -> None:
    for command in ("extract", "titles"):
        done = _abm(command, "--help")
        assert done.returncode == 0
        assert "Пример:" in done.stdout
