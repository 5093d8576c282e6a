"""`abm quality` as the contract says: report, problems, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ABM = str(Path(sys.executable).with_name("abm"))


def abm(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ABM, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120
    )


@pytest.fixture()
def export(tmp_path: Path, assets: Path) -> tuple[Path, Path]:
    companies = tmp_path / "companies.csv"
    contacts = tmp_path / "contacts.csv"
    companies.write_bytes((assets / "quality" / "companies.csv").read_bytes())
    contacts.write_bytes((assets / "quality" / "contacts.csv").read_bytes())
    return companies, contacts


def test_report_follows_the_contract(export: tuple[Path, Path], tmp_path: Path) -> None:
    companies, contacts = export
    out = tmp_path / "out" / "report.json"
    result = abm("quality", "--companies", companies, "--contacts", contacts, "--output", out)
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) >= {"dqi", "threshold", "passed", "fields", "accounts", "problems"}
    assert set(report["fields"]) == {
        "companies.inn",
        "companies.segment",
        "companies.employees",
        "contacts.last_name",
        "contacts.first_name",
        "contacts.middle_name",
        "contacts.position",
        "contacts.email",
        "contacts.phone",
    }
    fields = report["fields"]
    assert fields["companies.inn"] == {"checked": 4, "valid": 3}
    assert fields["companies.segment"] == {"checked": 4, "valid": 3}
    assert fields["companies.employees"] == {"checked": 4, "valid": 2}
    assert fields["contacts.last_name"] == {"checked": 6, "valid": 5}
    assert fields["contacts.middle_name"] == {"checked": 6, "valid": 5}
    assert fields["contacts.position"] == {"checked": 6, "valid": 5}
    assert fields["contacts.email"] == {"checked": 6, "valid": 5}
    assert fields["contacts.phone"] == {"checked": 6, "valid": 4}
    valid = sum(f["valid"] for f in fields.values())
    checked = sum(f["checked"] for f in fields.values())
    assert report["dqi"] == round(100 * valid / checked, 1) == 79.2
    assert report["threshold"] == 95.0 and report["passed"] is False
    # Company 1: 3 contacts with a director → complete; company 2: 2 contacts → not.
    assert report["accounts"] == {"total": 4, "complete": 1}
    problems = pd.read_csv(report["problems"], dtype=str, keep_default_na=False)
    assert list(problems.columns) == ["table", "id", "field", "value", "reason"]
    assert len(problems) == checked - valid
    row = problems[(problems["field"] == "inn")].iloc[0]
    assert (row["id"], row["reason"]) == ("3", "ИНН: неверная контрольная сумма")
    fixes = pd.read_csv(report["fixes"], dtype=str, keep_default_na=False)
    proposed = dict(zip(fixes["value"], fixes["proposed"], strict=True))
    assert proposed["гл. инженер"] == "Главный инженер"
    assert proposed["8 916 123 45 67"] == "+7 916 123-45-67"
    assert proposed["Интерьерные работы "] == "интерьерные работы"


def test_cp1251_semicolon_export_with_russian_headers(
    tmp_path: Path, export: tuple[Path, Path]
) -> None:
    companies, _ = export
    contacts = tmp_path / "bitrix.csv"
    contacts.write_bytes(
        (
            "ID;ID компании;Фамилия;Имя;Отчество;Должность;Рабочий e-mail;Рабочий телефон\n"
            "1;1;Иванов;Иван;Иванович;Директор;ivan@romashka.ru;+7 495 123-45-67\n"
        ).encode("cp1251")
    )
    out = tmp_path / "r.json"
    result = abm("quality", "--companies", companies, "--contacts", contacts, "--output", out)
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["fields"]["contacts.last_name"] == {"checked": 1, "valid": 1}


def test_xlsx_and_config_column_map(tmp_path: Path, export: tuple[Path, Path]) -> None:
    companies, contacts = export
    frame = pd.read_csv(contacts, dtype=str, keep_default_na=False).rename(
        columns={"last_name": "Фам.", "email": "Почта для рассылок"}
    )
    xlsx = tmp_path / "contacts.xlsx"
    frame.to_excel(xlsx, index=False)
    config = tmp_path / "seg.yaml"
    config.write_text(
        "name: test\nsegments: [общестрой, интерьерные работы, алмазная резка, ремонт]\n"
        "columns:\n  contacts: {'Фам.': last_name, 'Почта для рассылок': email}\n"
        "quality: {threshold: 80}\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.json"
    result = abm(
        "quality",
        "--companies",
        companies,
        "--contacts",
        xlsx,
        "--config",
        config,
        "--output",
        out,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["threshold"] == 80.0
    assert report["fields"]["companies.segment"]["valid"] == 4


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("missing_file", "nope.csv: файл не найден"),
        ("missing_column", "нет столбца 'phone'"),
        ("empty_file", "файл пуст"),
        ("malformed_row", "строка 3"),
        ("unknown_config_key", "ключ 'quality.treshold': неизвестный ключ"),
        ("bad_yaml", "ошибка YAML"),
        ("missing_option", "Missing option '--contacts'"),
        ("damaged_utf8", "строка 2: файл в UTF-8, но байт 0xff повреждён"),
        ("binary", "двоичный файл"),
        ("short_row", "строка 3: ожидалось полей: 5, найдено: 3"),
        ("open_quote", "строка 3: незакрытая кавычка"),
        ("output_not_json", "укажите --output ….json"),
        ("no_segments", "не указано ни одного сегмента"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    case: str, expected: str, tmp_path: Path, export: tuple[Path, Path]
) -> None:
    companies, contacts = export
    out = tmp_path / "r.json"
    args: list[str | Path] = ["quality", "--companies", companies, "--contacts", contacts]
    if case == "missing_file":
        args[2] = tmp_path / "nope.csv"
    elif case == "missing_column":
        bad = tmp_path / "bad.csv"
        bad.write_text("contact_id,company_id,last_name,first_name,middle_name,position,email\n")
        args[4] = bad
    elif case == "empty_file":
        empty = tmp_path / "empty.csv"
        empty.write_bytes(b"")
        args[4] = empty
    elif case == "malformed_row":
        broken = tmp_path / "broken.csv"
        broken.write_text("company_id,name,inn,segment,employees\n1,a,b,c,d\n2,a,b,c,d,e,f\n")
        args[2] = broken
    elif case == "unknown_config_key":
        config = tmp_path / "seg.yaml"
        config.write_text("name: x\nquality:\n  treshold: 90\n", encoding="utf-8")
        args += ["--config", config]
    elif case == "bad_yaml":
        config = tmp_path / "seg.yaml"
        config.write_text("name: x\nquality: [\n", encoding="utf-8")
        args += ["--config", config]
    elif case == "missing_option":
        args = ["quality", "--companies", companies]
    elif case == "damaged_utf8":
        damaged = tmp_path / "damaged.csv"
        damaged.write_bytes(
            "company_id,name,inn,segment,employees\n1,Ромашка,7707083893,общестрой,1".encode()
            + b"\xff\n"
        )
        args[2] = damaged
    elif case == "binary":
        binary = tmp_path / "archive.csv"
        binary.write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4)
        args[2] = binary
    elif case == "short_row":
        short = tmp_path / "short.csv"
        short.write_text("company_id,name,inn,segment,employees\n1,a,b,c,d\n2,a,b\n")
        args[2] = short
    elif case == "open_quote":
        quoted = tmp_path / "quoted.csv"
        quoted.write_text('company_id,name,inn,segment,employees\n1,a,b,c,d\n2,"Иванов,b,c,d\n')
        args[2] = quoted
    elif case == "output_not_json":
        out = tmp_path / "r.csv"
    elif case == "no_segments":
        args += ["--segments", ",,"]
    result = abm(*args, "--output", out)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_failed_run_keeps_the_previous_report(tmp_path: Path, export: tuple[Path, Path]) -> None:
    companies, contacts = export
    out = tmp_path / "r.json"
    assert (
        abm(
            "quality", "--companies", companies, "--contacts", contacts, "--output", out
        ).returncode
        == 0
    )
    before = out.read_bytes()
    contacts.write_text("contact_id\n1\n", encoding="utf-8")
    assert (
        abm(
            "quality", "--companies", companies, "--contacts", contacts, "--output", out
        ).returncode
        == 2
    )
    assert out.read_bytes() == before


def test_jsonl_and_parquet_inputs(tmp_path: Path, export: tuple[Path, Path]) -> None:
    companies, contacts = export
    frame = pd.read_csv(companies, dtype=str, keep_default_na=False)
    jsonl = tmp_path / "companies.jsonl"
    records = frame.to_dict(orient="records")
    records[0]["employees"] = 18  # a number, as JSON exports write it
    records[1]["segment"] = None  # a null is an empty cell
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    parquet = tmp_path / "contacts.parquet"
    pd.read_csv(contacts, dtype=str, keep_default_na=False).to_parquet(parquet)
    out = tmp_path / "r.json"
    result = abm("quality", "--companies", jsonl, "--contacts", parquet, "--output", out)
    assert result.returncode == 0, result.stderr
    fields = json.loads(out.read_text(encoding="utf-8"))["fields"]
    assert fields["companies.employees"]["valid"] == 2
    assert fields["companies.segment"]["valid"] == 2  # the null is invalid, not «None»
    assert fields["contacts.phone"] == {"checked": 6, "valid": 4}


def test_output_that_is_a_folder_leaves_earlier_files(
    tmp_path: Path, export: tuple[Path, Path]
) -> None:
    companies, contacts = export
    folder = tmp_path / "r.json"
    folder.mkdir()
    problems = tmp_path / "r.problems.csv"
    problems.write_text("earlier")
    result = abm("quality", "--companies", companies, "--contacts", contacts, "--output", folder)
    assert result.returncode == 2 and "папка" in result.stderr
    assert problems.read_text() == "earlier"


def test_numbers_and_nulls_in_jsonl_keep_their_written_form(tmp_path: Path) -> None:
    companies = tmp_path / "c.jsonl"
    companies.write_text(
        '{"company_id": 1, "name": "А", "inn": 7707083893, "segment": "общестрой", '
        '"employees": 18}\n'
        '{"company_id": 2, "name": "Б", "inn": null, "segment": "общестрой", "employees": 5}\n'
        '{"company_id": "", "name": "В", "inn": "7736050003", "segment": "общестрой", '
        '"employees": 5}\n',
        encoding="utf-8",
    )
    contacts = tmp_path / "k.csv"
    rows = [
        f"{i},{cid},Иванов,Иван,Иванович,Директор,a{i}@b.ru,+7 495 123-45-6{i}"
        for i, cid in [(1, "1"), (2, "1"), (3, "1"), (4, ""), (5, ""), (6, "")]
    ]
    contacts.write_text(
        "contact_id,company_id,last_name,first_name,middle_name,position,email,phone\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.json"
    result = abm("quality", "--companies", companies, "--contacts", contacts, "--output", out)
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["fields"]["companies.inn"] == {"checked": 3, "valid": 2}
    # Company 1 has its three contacts; the row without an ID gets none of the unlinked ones.
    assert report["accounts"] == {"total": 3, "complete": 1}


def test_help_has_an_example() -> None:
    result = abm("quality", "--help")
    assert result.returncode == 0
    assert "Пример: abm quality" in result.stdout
