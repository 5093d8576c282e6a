"""`abm forget`: a person disappears from runs, the database and reports; raw files are named."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from abmresearch.errors import AbmError
from abmresearch.forget import PersonKey, forget_person
from abmresearch.pipeline import run_segment

ABM = str(Path(sys.executable).with_name("abm"))


@pytest.fixture()
def project(tmp_path: Path, assets: Path) -> Path:
    raw = tmp_path / "data" / "raw" / "t"
    raw.mkdir(parents=True)
    for name in ("companies.csv", "contacts.csv"):
        (raw / name).write_bytes((assets / "quality" / name).read_bytes())
    config = tmp_path / "config" / "segments" / "t.yaml"
    config.parent.mkdir(parents=True)
    config.write_text(
        "name: t\ninputs:\n  companies: data/raw/t/companies.csv\n"
        "  contacts: data/raw/t/contacts.csv\nreport: {mask_personal: false}\n",
        encoding="utf-8",
    )
    run_segment(config, quiet=True)
    return tmp_path


def _tables(project: Path) -> dict[str, pd.DataFrame]:
    run = next((project / "data/processed/t").iterdir())
    return {path.stem: pd.read_parquet(path) for path in run.glob("*.parquet")}


def test_forget_by_email_removes_contact_and_its_problems(project: Path) -> None:
    before = _tables(project)
    assert "Petrov" in (project / "reports/t/index.html").read_text(encoding="utf-8")
    result = forget_person(PersonKey(email="OLEG@@bereza.ru"), data_dir=project / "data")
    after = _tables(project)
    assert len(after["contacts_crm"]) == len(before["contacts_crm"]) - 1
    assert "5" not in set(after["contacts_crm"]["contact_id"])
    problems = after["quality_problems"]
    assert not ((problems["table"] == "contacts") & (problems["id"] == "5")).any()
    assert result.database_rows > 0
    with duckdb.connect(str(project / "data/abm.duckdb"), read_only=True) as db:
        left = db.execute("SELECT count(*) FROM contacts_crm WHERE contact_id = '5'").fetchone()
    assert left == (0,)
    assert "Petrov" not in (project / "reports/t/index.html").read_text(encoding="utf-8")
    assert result.raw_files == [project / "data/raw/t/contacts.csv"]


def test_forget_by_name_and_phone(project: Path) -> None:
    result = forget_person(PersonKey(name="Иван Иванович Иванов"), data_dir=project / "data")
    assert result.rows and "1" not in set(_tables(project)["contacts_crm"]["contact_id"])
    result = forget_person(PersonKey(phone="+7 916 123-45-67"), data_dir=project / "data")
    assert "2" not in set(_tables(project)["contacts_crm"]["contact_id"])
    # Nobody by that name: nothing changes.
    result = forget_person(PersonKey(name="Нет Такого Человека"), data_dir=project / "data")
    assert result.total == 0 and result.database_rows == 0


def test_forget_needs_a_key() -> None:
    with pytest.raises(AbmError, match="укажите"):
        PersonKey()
    result = subprocess.run([ABM, "forget"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "укажите" in result.stderr
