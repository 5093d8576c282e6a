"""Chinese and Korean names: surname first, given names of Chinese (Palladius) or Korean
syllables, the given name declined like a man's on a consonant («Си Цзиньпина»)."""

from __future__ import annotations

import pytest

from abmresearch.extract import parse_person
from abmresearch.extract.contacts import extract_people

# (as written, case from context, surname, given name, gender, full)
NAMES = [
    ("Си Цзиньпин", None, "Си", "Цзиньпин", None, "Си Цзиньпин"),
    ("Си Цзиньпина", "gent", "Си", "Цзиньпин", "m", "Си Цзиньпин"),
    ("Си Цзиньпину", "datv", "Си", "Цзиньпин", "m", "Си Цзиньпин"),
    ("Ли Кэцяном", None, "Ли", "Кэцян", "m", "Ли Кэцян"),  # «-ом» ends no Chinese syllable
    ("Жэнь Чжэнфэй", None, "Жэнь", "Чжэнфэй", None, "Жэнь Чжэнфэй"),
    ("Жэнь Чжэнфэя", "gent", "Жэнь", "Чжэнфэй", "m", "Жэнь Чжэнфэй"),
    ("Ма Юня", "gent", "Ма", "Юнь", "m", "Ма Юнь"),
    ("Ху Цзиньтао", None, "Ху", "Цзиньтао", None, "Ху Цзиньтао"),
    ("Ян Гуанцзюнь", None, "Ян", "Гуанцзюнь", None, "Ян Гуанцзюнь"),
    ("Хань Чжэн", None, "Хань", "Чжэн", None, "Хань Чжэн"),
    ("Ким Чен Ын", None, "Ким", "Чен Ын", None, "Ким Чен Ын"),
    ("Ким Чен Ына", "gent", "Ким", "Чен Ын", "m", "Ким Чен Ын"),
    ("Мун Чжэ Ин", None, "Мун", "Чжэ Ин", None, "Мун Чжэ Ин"),
    ("Юн Сок Ёль", None, "Юн", "Сок Ёль", None, "Юн Сок Ёль"),
    ("Ли Со Ён", None, "Ли", "Со Ён", None, "Ли Со Ён"),
    # a Korean surname on a consonant declines with the given name
    ("Кима Чен Ира", None, "Ким", "Чен Ир", "m", "Ким Чен Ир"),
    ("Кимом Чен Ыном", None, "Ким", "Чен Ын", "m", "Ким Чен Ын"),
    ("Киму Чен Ыну", None, "Ким", "Чен Ын", "m", "Ким Чен Ын"),
    ("Пака Чон Хи", None, "Пак", "Чон Хи", "m", "Пак Чон Хи"),
    # without the context's case an «-а» stays: «Ли На» is a nominative
    ("Ли На", None, "Ли", "На", None, "Ли На"),
    # a first name that is also a Chinese surname, then a surname of no Chinese syllables
    ("Ян Фишер", None, "Фишер", "Ян", "m", "Ян Фишер"),
    ("Ли Миллер", None, "Миллер", "Ли", None, "Ли Миллер"),
    ("Ким Кардашьян", None, "Кардашьян", "Ким", None, "Ким Кардашьян"),
]


@pytest.mark.parametrize(("written", "case", "last", "first", "gender", "full"), NAMES)
def test_east_asian_name(
    written: str, case: str | None, last: str, first: str, gender: str | None, full: str
) -> None:
    name = parse_person(written, case=case)
    assert (name.last_name, name.first_name, name.full) == (last, first, full)
    if gender is not None:
        assert name.gender == gender


IN_SENTENCES = [
    ("Председатель КНР Си Цзиньпин прибыл в Москву.", "Си Цзиньпин"),
    ("Стороны обсудили итоги визита Си Цзиньпина в Москву.", "Си Цзиньпин"),
    ("Премьер-министр встретился с Ли Кэцяном в Пекине.", "Ли Кэцян"),
    ("По словам Жэнь Чжэнфэя, компания справится с санкциями.", "Жэнь Чжэнфэй"),
    ("Лидер КНДР Ким Чен Ын провёл испытания.", "Ким Чен Ын"),
    ("Переговоры с Кимом Чен Ыном прошли во Вьетнаме.", "Ким Чен Ын"),
    ("Совет директоров поддержал кандидатуру Яна Фишера.", "Ян Фишер"),
]


@pytest.mark.parametrize(("sentence", "full"), IN_SENTENCES)
def test_east_asian_name_in_sentence(sentence: str, full: str) -> None:
    assert [name.full for name, _, _ in extract_people(sentence)] == [full]
