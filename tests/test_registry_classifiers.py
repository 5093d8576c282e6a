"""ОКВЭД2 and region classifiers shipped in abmresearch/resources."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from abmresearch import okved, regions


@pytest.mark.parametrize(
    ("code", "valid", "section", "division"),
    [
        ("41.20", True, "F", "41"),
        (" 43.99.1 ", True, "F", "43"),
        ("43,21", True, "F", "43"),
        ("47.7", True, "G", "47"),
        ("01", True, "A", "01"),
        ("46.69.9", True, "G", "46"),
        ("34.10", False, None, None),
        ("99.99", False, "U", "99"),
        ("F", False, None, None),
        ("4120", False, None, None),
        ("", False, None, None),
    ],
)
def test_okved(code: str, valid: bool, section: str | None, division: str | None) -> None:
    assert okved.is_valid(code) is valid
    assert okved.section(code) == section
    assert okved.division(code) == division


def test_okved_names_and_counts() -> None:
    assert okved.name("41.20") == "Строительство жилых и нежилых зданий"
    assert okved.name("F") == "СТРОИТЕЛЬСТВО"
    table = okved.load_okved()
    assert sum(len(code) == 1 for code in table) == 21
    assert sum(len(code) == 2 and code.isdigit() for code in table) == 88


def test_every_okved_of_the_real_samples_is_valid(shared_data: Path) -> None:
    frame = pd.read_csv(
        shared_data / "egrul-samples" / "egrul_companies.csv", dtype=str, keep_default_na=False
    )
    codes = set(frame["okved_main"]) | {
        code for extra in frame["okved_extra"] for code in extra.split(";") if code
    }
    codes.discard("")
    invalid = sorted(code for code in codes if not okved.is_valid(code))
    # Four codes of 2025 extracts are newer than the shipped table; they still roll up.
    assert len(codes) > 300 and invalid == ["41.20.9", "73.11.1", "73.11.9", "96.09.2"]
    assert [okved.known_ancestor(code) for code in invalid] == ["41.20", "73.11", "73.11", "96.09"]
    assert okved.section("41.20.9") == "F" and okved.division("96.09.2") == "96"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("54", "54"),
        ("7", "07"),
        ("Новосибирская область", "54"),
        ("НОВОСИБИРСКАЯ ОБЛ.", "54"),
        ("обл. Новосибирская", "54"),
        ("RU-NVS", "54"),
        ("г. Москва", "77"),
        ("Москва", "77"),
        ("Г.САНКТ-ПЕТЕРБУРГ", "78"),
        ("СПб", "78"),
        ("Респ. Татарстан", "16"),
        ("Республика Татарстан (Татарстан)", "16"),
        ("Ханты-Мансийский автономный округ - Югра", "86"),
        ("ХМАО", "86"),
        ("ЯМАЛО-НЕНЕЦКИЙ АВТОНОМНЫЙ ОКРУГ", "89"),
        ("Кемеровская область - Кузбасс", "42"),
        ("Республика Саха (Якутия)", "14"),
        ("Чувашская Республика - Чувашия", "21"),
        ("Северная Осетия", "15"),
        ("Ярославская", "76"),
        ("Г.БАЙКОНУР", "99"),
        ("Нарния", None),
        ("00", None),
        ("", None),
        (None, None),
    ],
)
def test_region_code(text: str | None, code: str | None) -> None:
    assert regions.region_code(text) == code


def test_region_names_of_the_real_msp_sample(shared_data: Path) -> None:
    frame = pd.read_csv(
        shared_data / "fns-opendata-samples" / "msp_legal_entities.csv",
        dtype=str,
        keep_default_na=False,
    )
    pairs = frame[["region_name", "region_code"]].drop_duplicates()
    for name, code in pairs.itertuples(index=False):
        assert regions.region_code(name) == code, name
    assert regions.region_name("54") == "Новосибирская область"
