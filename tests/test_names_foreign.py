"""Foreign first names (``first_names_foreign.tsv``): gender, order and case of real public
figures' names as Russian media write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from abmresearch.config import RESOURCES_DIR
from abmresearch.extract import parse_person
from abmresearch.extract._names import (
    FOREIGN_COUNT,
    first_name_count,
    first_name_gender,
    foreign_first_names,
)

# written → (surname, first name, gender), nominative and oblique cases
NAMES = [
    # a man's name the Russian list lacks, next to one it has as a woman's («Илона»)
    ("Илон Маск", "Маск", "Илон", "m"),
    ("Илона Маска", "Маск", "Илон", "m"),
    ("Илону Маску", "Маск", "Илон", "m"),
    ("Илоном Маском", "Маск", "Илон", "m"),
    # … and the woman: a surname on a consonant does not decline, a Russian one is hers
    ("Илона Маск", "Маск", "Илона", "f"),
    ("Илона Петрова", "Петрова", "Илона", "f"),
    # pymorphy has «Эммануэль» as a woman's only
    ("Эммануэль Макрон", "Макрон", "Эммануэль", "m"),
    ("Эммануэля Макрона", "Макрон", "Эммануэль", "m"),
    ("Эммануэлю Макрону", "Макрон", "Эммануэль", "m"),
    ("Эммануэлем Макроном", "Макрон", "Эммануэль", "m"),
    ("Карлос Гон", "Гон", "Карлос", "m"),
    ("Карлоса Гона", "Гон", "Карлос", "m"),
    ("Карлосу Гону", "Гон", "Карлос", "m"),
    ("Карлосом Гоном", "Гон", "Карлос", "m"),
    # both words are first names: the first one is
    ("Карлос Симон", "Симон", "Карлос", "m"),
    ("Майкл Джордан", "Джордан", "Майкл", "m"),
    ("Майкла Джордана", "Джордан", "Майкл", "m"),
    ("Майклу Джордану", "Джордан", "Майкл", "m"),
    ("Майклом Джорданом", "Джордан", "Майкл", "m"),
    ("Риду Хоффману", "Хоффман", "Рид", "m"),
    ("Массимо Бузакка", "Бузакка", "Массимо", "m"),
    ("Сатья Наделла", "Наделла", "Сатья", "m"),
    ("Дженсен Хуанг", "Хуанг", "Дженсен", "m"),
    ("Дженсена Хуанга", "Хуанг", "Дженсен", "m"),
    ("Дженсену Хуангу", "Хуанг", "Дженсен", "m"),
    ("Джеффа Безоса", "Безос", "Джефф", "m"),
    ("Тимом Куком", "Кук", "Тим", "m"),
    ("Сундар Пичаи", "Пичаи", "Сундар", "m"),
    ("Франсуа Олланду", "Олланд", "Франсуа", "m"),
    ("Жака Ширака", "Ширак", "Жак", "m"),
    ("Маттео Ренци", "Ренци", "Маттео", "m"),
    ("Синдзо Абэ", "Абэ", "Синдзо", "m"),
    ("Сейджи Маехары", "Маехара", "Сейджи", "m"),
    ("Биньямина Нетаньяху", "Нетаньяху", "Биньямин", "m"),
    ("Кими Райкконена", "Райкконен", "Кими", "m"),
    ("Хиллари Клинтон", "Клинтон", "Хиллари", "f"),
    ("Ангелы Меркель", "Меркель", "Ангела", "f"),
    ("Ангелой Меркель", "Меркель", "Ангела", "f"),
    ("Кристин Лагард", "Лагард", "Кристин", "f"),
    ("Кондолиза Райс", "Райс", "Кондолиза", "f"),
    ("Кондолизы Райс", "Райс", "Кондолиза", "f"),
    ("Кондолизе Райс", "Райс", "Кондолиза", "f"),
    ("Кондолизой Райс", "Райс", "Кондолиза", "f"),
    # pymorphy reads «Камала» as Камал's genitive, but his surname would decline
    ("Камала Харрис", "Харрис", "Камала", "f"),
    ("Опры Уинфри", "Уинфри", "Опра", "f"),
    ("Шерил Сэндберг", "Сэндберг", "Шерил", "f"),
    ("Мэри Барры", "Барра", "Мэри", "f"),
    ("Джанет Йеллен", "Йеллен", "Джанет", "f"),
    ("Нэнси Пелоси", "Пелоси", "Нэнси", "f"),
]


@pytest.mark.parametrize(("written", "last", "first", "gender"), NAMES)
def test_foreign_names(written: str, last: str, first: str, gender: str) -> None:
    name = parse_person(written)
    assert (name.last_name, name.first_name, name.gender) == (last, first, gender)


@pytest.mark.parametrize(
    ("written", "last", "first"),
    [
        # a foreign first name second is the surname: the surname-first order is that of
        # Russian documents («Петров Иван»)
        ("Рэнд Пол", "Пол", "Рэнд"),
        ("Петров Иван", "Петров", "Иван"),
        ("Марин Ле Пен", "Ле Пен", "Марин"),
    ],
)
def test_order(written: str, last: str, first: str) -> None:
    name = parse_person(written)
    assert (name.last_name, name.first_name) == (last, first)


def test_marine_le_pen_stays_hers() -> None:
    # «Марин» is not in the foreign list (Марин Чилич is a man): pymorphy's readings decide
    assert parse_person("Марин Ле Пен").gender == "f"


@pytest.mark.parametrize(
    ("name", "gender"),
    [("Илон", "m"), ("Эммануэль", "m"), ("Карлос", "m"), ("Кристин", "f"), ("Хиллари", "f")],
)
def test_listed_gender(name: str, gender: str) -> None:
    assert first_name_gender(name) == gender


def test_russian_list_wins_and_counts_stay_first() -> None:
    # «Илона» keeps the Russian entry; a foreign name counts as a rare Russian one
    assert first_name_gender("Илона") == "f"
    assert first_name_count("Илона") > first_name_count("Илон") == FOREIGN_COUNT


def _rows(name: str) -> list[list[str]]:
    text = (Path(RESOURCES_DIR) / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and line[0] != "#"]


def test_resource_has_one_gender_per_name_and_no_russian_name() -> None:
    rows = _rows("first_names_foreign.tsv")
    assert 300 <= len(rows) <= 700
    keys = [row[0].lower().replace("ё", "е") for row in rows]
    assert len(keys) == len(set(keys)), "a name twice (of both genders?)"
    assert {row[1] for row in rows} == {"m", "f"}
    russian = {row[0].lower().replace("ё", "е") for row in _rows("first_names_ru.tsv")}
    assert not set(keys) & russian
    assert len(foreign_first_names()) == len(rows)


@pytest.mark.parametrize("name", ["Мишель", "Андреа", "Доминик", "Ким", "Кит", "Дин", "Саша"])
def test_resource_leaves_out_either_gender_and_common_words(name: str) -> None:
    assert name not in foreign_first_names()


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        # two given names before the surname are both the first name, not the last one alone
        ("Реджеп Тайип Эрдоган", "Реджеп Тайип", "Эрдоган"),
        ("Хосе Мануэль Баррозу", "Хосе Мануэль", "Баррозу"),
        # a word that is no first name is left out: a middle name no list knows, or a word
        # natasha took into the name
        ("Джон Фицджеральд Кеннеди", "Джон", "Кеннеди"),
        ("Минфина Антон Силуанов", "Антон", "Силуанов"),
        ("Сбербанка Герман Греф", "Герман", "Греф"),
    ],
)
def test_given_names_together(written: str, first: str, last: str) -> None:
    name = parse_person(written)
    assert (name.first_name, name.last_name) == (first, last)
