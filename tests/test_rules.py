"""Cell validators of the DQI, table-driven (CONTRACTS §4)."""

from __future__ import annotations

import pandas as pd
import pytest

from abmresearch.quality import rules
from abmresearch.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary()


def _valid(check, values, *args):
    return list(check(pd.Series(values, dtype=object), *args).valid)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("7707083893", True),  # Сбербанк
        ("7736050003", True),  # Газпром
        ("500100732259", True),  # a personal ИНН (12 digits)
        (" 7707083893\u00a0", True),  # trimmed, incl. non-breaking space
        ("0274062111", True),  # leading zero kept (read as text)
        ("7707083894", False),  # wrong check digit
        ("500100732258", False),  # wrong 12-digit checksum
        ("7707 083893", False),  # inner space
        ("770708389", False),  # 9 digits
        ("77070838931", False),  # 11 digits
        ("77О7083893", False),  # Cyrillic О for zero
        ("７７０７０８３８９３", False),  # full-width digits are not ASCII digits
        ("", False),
        ("нет", False),
    ],
)
def test_inn(value: str, valid: bool) -> None:
    assert _valid(rules.check_inn, [value]) == [valid]


def test_inn_duplicates_invalidate_every_row() -> None:
    checked = rules.check_inn(pd.Series(["7707083893", " 7707083893", "7736050003", ""]))
    assert list(checked.valid) == [False, False, True, False]
    assert "повторяется у 2" in checked.reason[0]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("+7 (495) 123-45-67", True),
        ("8 495 123 45 67", True),
        ("84951234567", True),
        ("+74951234567", True),
        ("74951234567", True),
        ("4951234567", True),
        ("8(916)1234567", True),
        ("+7 916 123-45-67", True),
        ("8-800-555-35-35", True),  # toll-free
        ("+7 (383) 212-34-56", True),  # Новосибирск
        ("7.495.123.45.67", True),
        ("+7 495 123-45-67 доб. 123", True),  # extension allowed
        ("+7 495 123 45 67 ext 5", True),
        ("тел. +7 495 123-45-67", True),
        ("\u00a0+7 916 123 45 67 ", True),
        ("+7 701 123 4567", False),  # Kazakhstan
        ("8 727 123 45 67", False),  # Алматы via the Russian prefix: not Russia
        ("+375 29 123-45-67", False),  # Belarus
        ("+7 495 123-45-67, +7 495 123-45-68", False),  # two numbers
        ("123-45", False),
        ("+7 (000) 000-00-00", False),
        ("", False),
        ("нет телефона", False),
    ],
)
def test_phone(value: str, valid: bool) -> None:
    assert _valid(rules.check_phone, [value]) == [valid]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("ivan.petrov@mail.ru", True),
        ("Ivan.Petrov@Mail.RU", True),
        ("i_petrov+crm@stroy-montazh.com", True),
        ("иван@почта.рф", True),  # internationalised domain and local part
        ("info@стройка.рф", True),
        ("a@b.co", True),
        (" ivan@yandex.ru ", True),
        ("ivan@mail", False),  # no dot in domain
        ("ivan@@mail.ru", False),
        ("ivan..petrov@mail.ru", False),
        (".ivan@mail.ru", False),
        ("ivan@mail.ru, petr@mail.ru", False),  # two addresses
        ("ivan petrov@mail.ru", False),
        ("ivan@localhost", False),
        ("ivan@server.local", False),  # special-use domain
        ("mailto:ivan@mail.ru", False),
        ("", False),
    ],
)
def test_email(value: str, valid: bool) -> None:
    assert _valid(rules.check_email, [value]) == [valid]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("18", True),
        ("18.0", True),
        (" 250 ", True),
        ("1", True),
        ("0", False),
        ("-3", False),
        ("166.5", False),
        ("50-100", False),
        ("около 20", False),
        ("1 000", False),
        ("", False),
    ],
)
def test_employees(value: str, valid: bool) -> None:
    assert _valid(rules.check_employees, [value]) == [valid]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("Иванов", True),
        ("Салтыков-Щедрин", True),
        ("Фёдорова", True),
        ("д'Артаньян", True),
        ("ван дер Берг", True),
        ("ИВАНОВ", True),  # case is not checked
        ("Андреи\u0306", True),  # «й» typed as «и» + combining breve
        ("Petrov", False),
        ("Иванoв", False),  # Latin o inside
        ("Иванов2", False),
        ("Иванов.", False),
        ("-", False),
        ("", False),
    ],
)
def test_name_part(value: str, valid: bool) -> None:
    assert _valid(rules.check_name_part, [value], "last_name") == [valid]


def test_name_reason_names_the_latin_letters() -> None:
    assert rules.name_problem("Иванoв", "last_name") == "фамилия: латиница — «o»"


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("Главный инженер", True),
        ("главный инженер", True),
        ("  ПРОРАБ ", True),
        ("гл. инженер", False),  # an alias: not a dropdown title
        ("ГИП", False),
        ("Главный  инженер", False),  # inner whitespace is kept
        ("отвечает за закупки", False),
        ("", False),
    ],
)
def test_position(value: str, valid: bool) -> None:
    assert _valid(rules.check_position, [value], VOCABULARY) == [valid]


def test_position_reason_proposes_the_title() -> None:
    reason = rules.position_problem("гл. инженер", VOCABULARY)
    assert reason is not None and "«Главный инженер»" in reason


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("общестрой", True),
        ("Общестрой", True),
        (" АЛМАЗНАЯ РЕЗКА\u00a0", True),
        ("общестрой и ремонт", False),
        ("", False),
    ],
)
def test_segment(value: str, valid: bool) -> None:
    segments = ["общестрой", "интерьерные работы", "алмазная резка"]
    assert _valid(rules.check_segment, [value], segments) == [valid]


def test_trim_strips_zero_width_and_bom() -> None:
    assert rules.trim("\ufeff\u200b Иванов \u202f") == "Иванов"
    assert rules.trim(None) == ""
    assert rules.trim(float("nan")) == ""
