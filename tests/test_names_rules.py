"""ФИО rules of this round, one table per mechanism (real Russian and foreign names)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from abmresearch.extract import parse_person
from abmresearch.extract._names import build_first_names, build_surnames
from abmresearch.extract.people import one_person

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "russian-names"


@pytest.mark.parametrize(
    ("text", "last", "first", "middle"),
    [
        # initials then a «-ович» word: a surname, not a patronymic
        ("И. И. Петкович", "Петкович", "И.", "И."),
        ("А. В. Дворковичу", "Дворкович", "А.", "В."),
    ],
)
def test_initials_before_an_ovich_surname(text: str, last: str, first: str, middle: str) -> None:
    name = parse_person(text)
    assert (name.last_name, name.first_name, name.middle_name) == (last, first, middle)


@pytest.mark.parametrize(
    ("text", "last", "first"),
    [
        # Georgian «-ия» declines for both genders; no nominative surname ends in «-ии/-ию»
        ("Лаврентия Берии", "Берия", "Лаврентий"),
        ("Любови Данелии", "Данелия", "Любовь"),
        ("Любовь Данелию", "Данелия", "Любовь"),
        ("Георгием Данелией", "Данелия", "Георгий"),
        # the first-name reading the names list knows («Игорь», not pymorphy's «Игор»)
        ("Игоре Синицыне", "Синицын", "Игорь"),
        ("Игоре Кикабидзе", "Кикабидзе", "Игорь"),
        # pymorphy's guessed fleeting vowel is no surname's («Карапетянец»)
        ("Ивана Карапетянца", "Карапетянц", "Иван"),
        ("Иване Карапетянце", "Карапетянц", "Иван"),
        # «-я/-ю/-ем» after a vowel: a surname on «-й»
        ("Хамида Карзая", "Карзай", "Хамид"),
        ("Виктора Цоя", "Цой", "Виктор"),
        ("Ильёй Цоем", "Цой", "Илья"),
    ],
)
def test_surname_types(text: str, last: str, first: str) -> None:
    name = parse_person(text)
    assert (name.last_name, name.first_name) == (last, first)


@pytest.mark.parametrize(
    ("text", "last", "gender"),
    [
        # an unknown surname's ending only the «-а/-я» declension has in the case
        ("Игоря Кимуру", "Кимура", "m"),
        ("Игорем Кимурой", "Кимура", "m"),
        ("Ольгу Кимуру", "Кимура", "f"),
        ("Янеза Янши", "Янша", "m"),
        ("Ольгой Ужаховой", "Ужахова", "f"),
    ],
)
def test_a_declension(text: str, last: str, gender: str | None) -> None:
    name = parse_person(text)
    assert (name.last_name, name.gender) == (last, gender)


@pytest.mark.parametrize(
    ("text", "last"),
    [
        # after an indeclinable man's first name only the surname shows the case
        ("Хулио Иглесиаса", "Иглесиас"),
        ("Бенни Хилла", "Хилл"),
        ("Джо Байдену", "Байден"),
        ("Арно Деплешена", "Деплешен"),
        ("Пабло Неруды", "Неруда"),
        ("Пабло Нерудой", "Неруда"),
        # …but an open-syllable «-а» surname or a Portuguese «-у» is a nominative
        ("Пабло Неруда", "Неруда"),
        ("Криштиану Роналду", "Роналду"),
        ("Мариано Рахой", "Рахой"),
        # a Japanese name of open syllables stays as written
        ("Сюдзи Накамура", "Накамура"),
        ("Мисао Кимура", "Кимура"),
        # (not with letters Japanese names in Russian do not have: «ш»)
        ("Отиса Раша", "Раш"),
    ],
)
def test_after_an_indeclinable_first_name(text: str, last: str) -> None:
    assert parse_person(text).last_name == last


@pytest.mark.parametrize(
    ("text", "last"),
    [
        # a lone surname no dictionary knows: an oblique ending a nominative seldom has
        ("Руснока", "Руснок"),
        ("Сноудена", "Сноуден"),
        ("Спектеру", "Спектер"),
        ("Рэппом", "Рэпп"),
        ("Пейджем", "Пейдж"),
        ("Бандеры", "Бандера"),
        ("Кимуры", "Кимура"),
        # a woman's «-ой» with the case unknown: adjectival unless «-овой/-иной»
        ("Навальной", "Навальная"),
        ("Ужаховой", "Ужахова"),
        ("С. Балмера", "Балмер"),
        # …not a word of open syllables, a stem ending in a cluster, «-ова», «-е», «-ки»
        ("Миура", "Миура"),
        ("Окава", "Окава"),
        ("Бубка", "Бубка"),
        ("Лидстрем", "Лидстрем"),
        ("Акасаки", "Акасаки"),
    ],
)
def test_lone_surname(text: str, last: str) -> None:
    assert parse_person(text).last_name == last


def _latin(path: Path) -> list[str]:
    import gzip

    data = path.read_bytes()
    text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")
    return [
        line
        for line in text.splitlines()
        if not line.startswith("#") and re.search(r"[A-Za-z]", line.split("\t")[0])
    ]


def test_packaged_lists_have_no_latin_lookalikes() -> None:
    from abmresearch.config import RESOURCES_DIR

    for name in ("first_names_ru.tsv", "surnames_ru.tsv.gz"):
        assert _latin(Path(RESOURCES_DIR) / name) == []


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data/russian-names is absent")
def test_build_drops_latin_lookalike_rows(tmp_path: Path) -> None:
    source = tmp_path / "first_names.csv"
    source.write_text(
        "text,gender,count\nCергей,m,16\nСергей,m,900\nHаталья,f,8\nАнна-Мария,f,7\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.tsv"
    assert build_first_names(source, target) == 2
    rows = [line.split("\t")[0] for line in target.read_text().splitlines() if line[:1] != "#"]
    assert rows == ["Анна-Мария", "Сергей"]
    assert build_surnames(SHARED / "surnames.csv.gz", tmp_path / "s.tsv.gz") > 4000
    assert _latin(tmp_path / "s.tsv.gz") == []


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        # a surname-first ФИО split by the NER tagger, or a surname cut off after it
        ("Соколова", "Ивана Петровича", True),
        ("Ольгу Юрьевну", "Лебедеву", True),
        ("Ткаченко", "Наталья Петровна", True),
        ("Долгих", "Сергей Ильич", True),
        ("Путин", "Владимир", True),
        ("Ивана", "Соколову", True),
        # two surnames, two first names, or a case the first name cannot take
        ("Иванов", "Петров", False),
        ("Медведев", "Путин", False),
        ("Ивану", "Петровичу", False),
        ("Иван", "Мария", False),
        ("Сидорову", "Иван Петрович", False),
        ("Соколова", "Иван Петрович Сидоров", False),
    ],
)
def test_one_person(left: str, right: str, joined: bool) -> None:
    assert one_person(left, right) is joined
