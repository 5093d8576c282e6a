"""ФИО → nominative parts and gender."""

from __future__ import annotations

import pytest

from abmresearch.extract import parse_person

CASES = {
    # case: (masculine, feminine) forms of «Иван Петрович Сидоров» / «Анна Сергеевна Волкова»
    "nomn": ("Иван Петрович Сидоров", "Анна Сергеевна Волкова"),
    "gent": ("Ивана Петровича Сидорова", "Анны Сергеевны Волковой"),
    "datv": ("Ивану Петровичу Сидорову", "Анне Сергеевне Волковой"),
    "accs": ("Ивана Петровича Сидорова", "Анну Сергеевну Волкову"),
    "ablt": ("Иваном Петровичем Сидоровым", "Анной Сергеевной Волковой"),
    "loct": ("Иване Петровиче Сидорове", "Анне Сергеевне Волковой"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_six_cases_both_genders(case: str) -> None:
    masc, femn = CASES[case]
    man = parse_person(masc)
    woman = parse_person(femn)
    assert (man.last_name, man.first_name, man.middle_name, man.gender) == (
        "Сидоров",
        "Иван",
        "Петрович",
        "m",
    )
    assert (woman.last_name, woman.first_name, woman.middle_name, woman.gender) == (
        "Волкова",
        "Анна",
        "Сергеевна",
        "f",
    )


@pytest.mark.parametrize(
    ("text", "last", "first", "middle", "gender"),
    [
        ("Абдурахмановой Натальи Петровны", "Абдурахманова", "Наталья", "Петровна", "f"),
        ("Петров И. С.", "Петров", "И.", "С.", "m"),
        ("И.С. Петров", "Петров", "И.", "С.", "m"),
        ("Натальи Шевчук", "Шевчук", "Наталья", None, "f"),
        ("Билла Клинтона", "Клинтон", "Билл", None, "m"),
        ("Джареда Кушнера", "Кушнер", "Джаред", None, "m"),
        ("Дмитрия Медведева", "Медведев", "Дмитрий", None, "m"),
        ("Эльвиры Набиуллиной", "Набиуллина", "Эльвира", None, "f"),
        ("Олега Дерипаски", "Дерипаска", "Олег", None, "m"),
        ("Сидоров Иван Петрович", "Сидоров", "Иван", "Петрович", "m"),
        ("Ильхам Гейдар оглы Алиев", "Алиев", "Ильхам", "Гейдар оглы", "m"),
        ("Владимиром Ильичом Ульяновым", "Ульянов", "Владимир", "Ильич", "m"),
    ],
)
def test_names(text: str, last: str, first: str, middle: str | None, gender: str) -> None:
    name = parse_person(text)
    assert (name.last_name, name.first_name, name.middle_name, name.gender) == (
        last,
        first,
        middle,
        gender,
    )


def test_case_hint_resolves_a_bare_surname() -> None:
    assert parse_person("Путина", case="gent").last_name == "Путин"
