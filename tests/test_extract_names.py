"""ФИО normalisation rules: one table per rule, real Russian names in all six cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from abmresearch.extract import parse_person
from abmresearch.extract._names import (
    build_first_names,
    build_surnames,
    first_name_count,
    first_name_gender,
    surname_count,
)

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "russian-names"

# «Сергей Скрипаль» / «Ирина Яровая» / «Дональд Трамп» / «Ангела Меркель» / «Деян Станкович»:
# a soft-sign surname pymorphy does not know, an adjectival feminine surname, a foreign
# man's surname, a feminine surname that does not decline, a surname on «-ович».
SIX_CASES = [
    ("Сергей Скрипаль", "Сергея Скрипаля", "Сергею Скрипалю", "Сергея Скрипаля",
     "Сергеем Скрипалем", "Сергее Скрипале", ("Скрипаль", "Сергей", "m")),
    ("Ирина Яровая", "Ирины Яровой", "Ирине Яровой", "Ирину Яровую", "Ириной Яровой",
     "Ирине Яровой", ("Яровая", "Ирина", "f")),
    ("Дональд Трамп", "Дональда Трампа", "Дональду Трампу", "Дональда Трампа",
     "Дональдом Трампом", "Дональде Трампе", ("Трамп", "Дональд", "m")),
    ("Ангела Меркель", "Ангелы Меркель", "Ангеле Меркель", "Ангелу Меркель",
     "Ангелой Меркель", "Ангеле Меркель", ("Меркель", "Ангела", "f")),
    ("Деян Станкович", "Деяна Станковича", "Деяну Станковичу", "Деяна Станковича",
     "Деяном Станковичем", "Деяне Станковиче", ("Станкович", "Деян", "m")),
    ("Юлия Савичева", "Юлии Савичевой", "Юлии Савичевой", "Юлию Савичеву",
     "Юлией Савичевой", "Юлии Савичевой", ("Савичева", "Юлия", "f")),
]  # fmt: skip


@pytest.mark.parametrize("row", SIX_CASES, ids=[row[0] for row in SIX_CASES])
@pytest.mark.parametrize("case", range(6), ids=["nomn", "gent", "datv", "accs", "ablt", "loct"])
def test_six_cases(row: tuple[object, ...], case: int) -> None:
    name = parse_person(str(row[case]))
    assert (name.last_name, name.first_name, name.gender) == row[6]


@pytest.mark.parametrize(
    ("text", "last", "first", "gender"),
    [
        # a man's name has one form for the genitive and the accusative: their votes together
        # outweigh a guessed nominative of an unknown surname
        ("Джастина Бибера", "Бибер", "Джастин", "m"),
        ("Леонарда Пелтиера", "Пелтиер", "Леонард", "m"),
        # a tie goes to a case voted for itself, not to the genitive lent the accusative's vote
        ("Бену Аскрену", "Аскрен", "Бен", "m"),
        # a first name's reading of the other gender gives no case («Али» is not «Аля»)
        ("Али Хаменеи", "Хаменеи", "Али", "m"),
        # a man's surname on a consonant has no oblique ending: as written
        ("Бени Ганц", "Ганц", None, "m"),
        ("Бараком Обамой", "Обама", "Барак", "m"),
        ("Владимире Маяковском", "Маяковский", "Владимир", "m"),
        # the first name's reading: far more frequent («Юлию» → Юлия), else the one the
        # surname agrees with («Яна Фишера»: «Фишера» is only a man's)
        ("Юлию Савичеву", "Савичева", "Юлия", "f"),
        ("Яна Фишера", "Фишер", "Ян", "m"),
        ("Анастасия Ракова", "Ракова", "Анастасия", "f"),
        ("Карла Бруни", "Бруни", "Карла", None),
        # an unknown first name on a hard consonant is in the nominative
        ("Дзироэмон Кимура", "Кимура", "Дзироэмон", "m"),
        ("Сэмюэлем Адамсом", "Адамс", "Сэмюэль", "m"),
        # an indeclinable man's first name leaves the case to the surname
        ("Гарри Трумэна", "Трумэн", "Гарри", "m"),
        # a man's surname on «-а» in the genitive
        ("Джейкоба Зумы", "Зума", "Джейкоб", "m"),
        # neither word known, both with the same oblique ending
        ("Джареду Кушнеру", "Кушнер", "Джаред", "m"),
        ("Джаредом Кушнером", "Кушнер", "Джаред", "m"),
        ("Мигелю Диас-Канелю", "Диас-Канель", "Мигель", "m"),
        # …but a guessed «-ова» surname is as likely a woman's nominative
        ("Хадижа Ужахова", "Ужахова", "Хадижа", None),
        # a surname reading of the other gender gives no case: the first name's decides
        ("Ксении Собчак", "Собчак", "Ксения", "f"),
        ("Анастасии Заворотнюк", "Заворотнюк", "Анастасия", "f"),
        # the dictionary's gender of a known first name over the names list's
        ("Чулпан Хаматовой", "Хаматова", "Чулпан", "f"),
        # a woman's surname on «-ы» is a genitive of «-а»
        ("Ирины Хакамады", "Хакамада", "Ирина", "f"),
        # the case every known word can take: «Обамы» is only a genitive, «Мишель» a woman's
        # indeclinable name then
        ("Мишель Обамы", "Обама", "Мишель", "f"),
        ("Мишель Обаме", "Обама", "Мишель", "f"),
        ("Ирине Хакамаде", "Хакамада", "Ирина", "f"),
        # the surnames list decides between readings of an oblique surname
        ("Ольгой Беловой", "Белова", "Ольга", "f"),
        ("Анны Толстой", "Толстая", "Анна", "f"),
        ("Скрипаля", "Скрипаль", None, None),
    ],
)
def test_rules(text: str, last: str, first: str | None, gender: str | None) -> None:
    name = parse_person(text)
    assert (name.last_name, gender) == (last, name.gender)
    if first is not None:
        assert name.first_name == first


@pytest.mark.parametrize(
    ("text", "last", "first", "middle"),
    [
        # initials and a lone surname: a man in the genitive, like a bare surname
        ("А.Кудрина", "Кудрин", "А.", None),
        ("С. Собянина", "Собянин", "С.", None),
        ("М.В. Ломоносова", "Ломоносов", "М.", "В."),
        ("Петрова И. С.", "Петров", "И.", "С."),
        ("И. С. Петровой", "Петрова", "И.", "С."),
        ("Ю.Чайкой", "Чайка", "Ю.", None),
        # a hyphenated initial is one first name («Жан-Поль»)
        ("Ж.-П. Сартра", "Сартр", "Ж.-П.", None),
    ],
)
def test_initials(text: str, last: str, first: str, middle: str | None) -> None:
    name = parse_person(text)
    assert (name.last_name, name.first_name, name.middle_name) == (last, first, middle)


@pytest.mark.parametrize(
    ("text", "last", "first", "middle", "gender"),
    [
        ("Голиковой Татьяны Алексеевны", "Голикова", "Татьяна", "Алексеевна", "f"),
        ("Грефа Германа Оскаровича", "Греф", "Герман", "Оскарович", "m"),
        ("Владимира Ильича Ленина", "Ленин", "Владимир", "Ильич", "m"),
        ("Олега Юрьевича Петрова", "Петров", "Олег", "Юрьевич", "m"),
        ("Эльмиры Наджаф кызы Гусейновой", "Гусейнова", "Эльмира", "Наджаф кызы", "f"),
        ("Мамедова Фарида Гусейн оглы", "Мамедов", "Фарид", "Гусейн оглы", "m"),
        # a woman's patronymic in an oblique case gives her gender («Ильиничны» is no «Ильич»)
        ("Голубкиной Марии Ильиничны", "Голубкина", "Мария", "Ильинична", "f"),
        ("Марии Ильиничне Долгих", "Долгих", "Мария", "Ильинична", "f"),
        ("Гульнару Ильиничну Ковальчук", "Ковальчук", "Гульнара", "Ильинична", "f"),
        # of two «-ич» words after a first name one is the patronymic, the other the surname
        ("Иван Ильич Петкович", "Петкович", "Иван", "Ильич", "m"),
        ("Милоша Петровича Божовича", "Божович", "Милош", "Петрович", "m"),
        ("Марию Ильиничну Петкович", "Петкович", "Мария", "Ильинична", "f"),
    ],
)
def test_patronymics(text: str, last: str, first: str, middle: str, gender: str) -> None:
    name = parse_person(text)
    assert (name.last_name, name.first_name, name.middle_name, name.gender) == (
        last,
        first,
        middle,
        gender,
    )


@pytest.mark.parametrize(
    ("name", "gender", "at_least"),
    [("Юлия", "f", 10_000), ("Юлий", "m", 100), ("Александр", "m", 100_000)],
)
def test_first_names_carry_counts(name: str, gender: str, at_least: int) -> None:
    assert first_name_gender(name) == gender
    assert first_name_count(name) >= at_least


@pytest.mark.parametrize(
    ("surname", "gender", "known"),
    [
        ("Петров", "m", True),
        ("Петрова", "f", True),
        ("Петров", "f", False),
        ("Яровая", "f", True),  # the adjectival feminine russiannames leaves blank
        ("Мельник", "f", True),  # either gender
        ("Беловая", "f", False),
    ],
)
def test_packaged_surnames(surname: str, gender: str, known: bool) -> None:
    assert (surname_count(surname, gender) > 0) == known


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data/russian-names is absent")
def test_packaged_lists_rebuild_from_russiannames(tmp_path: Path) -> None:
    from abmresearch.config import RESOURCES_DIR

    for build, source, name in (
        (build_first_names, "first_names.csv", "first_names_ru.tsv"),
        (build_surnames, "surnames.csv.gz", "surnames_ru.tsv.gz"),
    ):
        target = tmp_path / name
        assert build(SHARED / source, target) > 4000
        packaged = Path(RESOURCES_DIR) / name
        assert target.read_bytes() == packaged.read_bytes()
