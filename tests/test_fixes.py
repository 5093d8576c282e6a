"""Proposed fixes: only unambiguous ones, and each proposal is itself valid."""

from __future__ import annotations

import pandas as pd
import pytest

from abmresearch.quality import fixes, rules
from abmresearch.quality.fixes import propose_fixes
from abmresearch.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary()


@pytest.mark.parametrize(
    ("value", "proposed"),
    [
        ("8 (495) 123-45-67", "+7 495 123-45-67"),
        ("89161234567", "+7 916 123-45-67"),
        ("8 495 123-45-67 доб. 12", "+7 495 123-45-67 доб. 12"),
        ("моб. 8 916 123 45 67 (Иван)", "+7 916 123-45-67"),
        ("+7 916 123-45-67", None),  # already in +7 notation
        ("8 495 123 45 67, 8 916 123 45 67", None),  # two numbers: which one?
        ("+7 701 123 4567", None),  # Kazakhstan: nothing to propose
    ],
)
def test_phone(value: str, proposed: str | None) -> None:
    fix = fixes.fix_phone(value)
    assert (fix[0] if fix else None) == proposed


@pytest.mark.parametrize(
    ("value", "proposed"),
    [
        ("7707 083893", "7707083893"),
        ("274062111", "0274062111"),
        ("7707083894", None),
        ("7707083893", None),
    ],
)
def test_inn(value: str, proposed: str | None) -> None:
    fix = fixes.fix_inn(value)
    assert (fix[0] if fix else None) == proposed


@pytest.mark.parametrize(
    ("value", "proposed"),
    [
        ("Иванoв", "Иванов"),
        ("ИВАНОВА", "Иванова"),
        ("петров-водкин", "Петров-Водкин"),
        ("Иванов", None),
        ("Smith", None),
    ],
)
def test_name(value: str, proposed: str | None) -> None:
    fix = fixes.fix_name(value)
    assert (fix[0] if fix else None) == proposed


@pytest.mark.parametrize(
    ("value", "proposed"),
    [
        ("mailto:ivan@mail.ru", "ivan@mail.ru"),
        ("<ivan@mail.ru>", "ivan@mail.ru"),
        ("ivan@mail.ru.", "ivan@mail.ru"),
        ("ivan@@mail.ru", None),
        ("ivan@mail.ru", None),
    ],
)
def test_email(value: str, proposed: str | None) -> None:
    fix = fixes.fix_email(value)
    assert (fix[0] if fix else None) == proposed


def test_table_of_proposals_is_valid_and_never_applied() -> None:
    companies = pd.DataFrame(
        {
            "company_id": ["1", "2"],
            "name": ["a", "b"],
            "inn": ["7707 083893", "7736050003"],
            "segment": ["ОБЩЕСТРОЙ", "общестрой"],
            "employees": ["18.0", "5"],
        }
    )
    contacts = pd.DataFrame(
        {
            "contact_id": ["1"],
            "company_id": ["1"],
            "last_name": ["Иванoв"],
            "first_name": ["Иван"],
            "middle_name": ["Иванович"],
            "position": ["ГИП"],
            "email": ["mailto:ivan@mail.ru"],
            "phone": ["8 916 123 45 67"],
        }
    )
    before = (companies.copy(), contacts.copy())
    table = propose_fixes(companies, contacts, vocabulary=VOCABULARY, segments=["общестрой"])
    assert companies.equals(before[0]) and contacts.equals(before[1])
    by_field = dict(zip(table["field"], table["proposed"], strict=True))
    assert by_field == {
        "inn": "7707083893",
        "segment": "общестрой",
        "employees": "18",
        "last_name": "Иванов",
        "position": "Главный инженер проекта",
        "email": "ivan@mail.ru",
        "phone": "+7 916 123-45-67",
    }
    assert rules.position_problem(by_field["position"], VOCABULARY) is None
