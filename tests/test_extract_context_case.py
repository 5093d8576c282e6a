"""The case a name has in its sentence (slovnet's morphology tagger) decides what the name's
own endings cannot: «Ярвинена» after «по словам» is the genitive of «Ярвинен», not a
nominative «Ярвинена»."""

from __future__ import annotations

import pytest

from abmresearch.extract import parse_person
from abmresearch.extract.contacts import extract_people
from abmresearch.extract.ner import analyse

IN_CONTEXT = [
    # (sentence, nominative surname): oblique foreign surnames the context makes oblique
    ("По словам Кими Ярвинена, поставки начнутся весной.", "Ярвинен"),
    ("Гостей поблагодарили от имени Мики Хаккинена.", "Хаккинен"),
    ("Отчёт подготовлен по заказу Рене Мартена.", "Мартен"),
    ("В отсутствие Пекки Хейккинена совещание провёл его заместитель.", "Хейккинен"),
    ("Агентство сослалось на слова Йоши Хаяты.", "Хаята"),
    # and the same names in the nominative stay as written
    ("Об этом сообщил Кими Ярвинен.", "Ярвинен"),
    ("Проект представил Рене Мартен.", "Мартен"),
    ("Цех запустил Пекка Хейккинен.", "Хейккинен"),
    ("Решение принял Никита Ронин.", "Ронин"),
    ("Решение поддержали коллеги Никиты Ронина.", "Ронин"),
    ("Встреча прошла в кабинете Влада Сомова.", "Сомов"),
    ("Влада Сомова возглавила отдел продаж.", "Сомова"),  # her verb, whatever the tagger says
    ("Канцелярия президента Джейкоба Зумы распространила заявление.", "Зума"),
    ("Полёт Гагарина был пропагандой.", "Гагарин"),
    # a title right before the name gives it its case when the name's words disagree
    ("Приказ подписал заместитель генерал-полковника Аксеры Тонгпана.", "Тонгпан"),
    ("Совещание провёл помощник вице-адмирала Сутхепа Кердпола.", "Кердпол"),
    # a nominative the tagger may read is no nominative with a consonant + «ы»
    ("В Москву прибыла делегация министра обороны Японии Ёсими Китадзавы.", "Китадзава"),
    ("Встречу открыл министр обороны Японии Ёсими Китадзава.", "Китадзава"),
    # a lone woman's «-а» first name can't be a genitive: a man's surname («Лин», «Данн»)
    ("По мнению Лина, фильм окупится за месяц.", "Лин"),
    ("По словам Анны, поставки начнутся весной.", None),  # her first name: no surname
]


@pytest.mark.parametrize(("sentence", "surname"), IN_CONTEXT)
def test_surname_in_context(sentence: str, surname: str) -> None:
    people = extract_people(sentence)
    assert [name.last_name for name, _, _ in people] == [surname]


def test_words_around_a_name_carry_their_case() -> None:
    text = "По словам Кими Ярвинена, поставки начнутся весной этого года. Цены растут."
    first, second = analyse(text)
    cases = {token.text: token.case for token in first.tokens}
    assert cases["Ярвинена"] == "gent"
    assert cases["словам"] == "datv"
    assert cases["поставки"] == "nomn"
    # words further from the name, and sentences that name nobody, are not tagged
    assert cases["года"] is None
    assert all(token.case is None for token in second.tokens)


@pytest.mark.parametrize(
    ("written", "case", "surname", "gender"),
    [
        # the context's oblique case rules out a woman: her «-а» surname would be «-ы/-е/-у/-ой»
        ("Тимо Глока", "gent", "Глок", "m"),
        ("Тимо Глоку", "datv", "Глок", "m"),
        ("Кими Райкконеном", "ablt", "Райкконен", "m"),
        # no case known: as written («Ахти» is no name the lists know) …
        ("Ахти Райкконена", None, "Райкконена", None),
        # … but after a man's name that does not decline only the surname shows the case
        # («Гарри Трумэна»): «Кими» is in the foreign first-names list
        ("Кими Райкконена", None, "Райкконен", "m"),
        # an «-а» surname in the genitive is «-а», a man's or a woman's («Мисао» is either;
        # «Сюдзи» is a man's name of the foreign first-names list)
        ("Мисао Накамуры", "gent", "Накамура", None),
        ("Сюдзи Накамуры", "gent", "Накамура", "m"),
        ("Мишель Обамы", None, "Обама", "f"),
        # a first name of two readings: the case says which («Влада» is Влад's genitive)
        ("Влада Сомова", "gent", "Сомов", "m"),
        ("Влада Сомова", "nomn", "Сомова", "f"),
        ("Яна Фишера", "gent", "Фишер", "m"),
        ("Яна Фишера", "nomn", "Фишера", "f"),
    ],
)
def test_oblique_case_of_an_unknown_surname(
    written: str, case: str | None, surname: str, gender: str | None
) -> None:
    name = parse_person(written, case=case)
    assert (name.last_name, name.gender) == (surname, gender)


@pytest.mark.parametrize(
    ("written", "case", "first"),
    [
        # an indeclinable first name that is also another name's oblique form («Тони»: Тоня's
        # genitive) says little of the case: the nominative stays
        ("Тони Блэр", None, "Тони"),
        ("Тони Блэра", "gent", "Тони"),
        ("Вилле Ниеминен", "nomn", "Вилле"),
        ("Рене Мартен", None, "Рене"),
    ],
)
def test_indeclinable_first_name(written: str, case: str | None, first: str) -> None:
    assert parse_person(written, case=case).first_name == first
