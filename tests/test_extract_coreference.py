"""Organisations named by a common noun, subject titles, full-name coreference, foreign names."""

from __future__ import annotations

import pandas as pd
import pytest

from abmresearch.extract import extract_contacts, extract_people, parse_person
from abmresearch.vocabulary import Vocabulary

pytestmark = pytest.mark.usefixtures("rules_only")


def _contacts(text: str, vocabulary: Vocabulary) -> pd.DataFrame:
    return extract_contacts(pd.DataFrame({"id": ["d"], "text": [text]}), vocabulary=vocabulary)


def _org_of(frame: pd.DataFrame, person: str) -> str | None:
    rows = frame[frame["person"] == person]
    assert not rows.empty, frame[["person", "position", "org"]].to_string()
    org = rows.iloc[0]["org"]
    return org if isinstance(org, str) else None


@pytest.mark.parametrize(
    ("text", "person", "org"),
    [
        (
            "Встречу провёл глава департамента транспорта Москвы Максим Ликсутов.",
            "Максим Ликсутов",
            "департамента транспорта Москвы",
        ),
        (
            "Председатель комитета по бюджету Андрей Макаров выступил против поправок.",
            "Андрей Макаров",
            "комитета по бюджету",
        ),
        (
            "Об этом заявил вице-президент палаты Владимир Падалко.",
            "Владимир Падалко",
            "палаты",
        ),
        (
            "Начальник управления закупок АО «Газпром нефть» Иван Петров рассказал о тендере.",
            "Иван Петров",
            "АО «Газпром нефть»",  # natasha leaves the closing quote out; it is put back
        ),
    ],
)
def test_org_named_by_a_common_noun(
    text: str, person: str, org: str, vocabulary: Vocabulary
) -> None:
    assert _org_of(_contacts(text, vocabulary), person) == org


@pytest.mark.parametrize(
    "text",
    [
        "Начальник отдела продаж Иван Петров сообщил о росте.",
        "Начальник цеха Олег Смирнов показал новую линию.",
    ],
)
def test_internal_unit_is_not_an_org(text: str, vocabulary: Vocabulary) -> None:
    frame = _contacts(text, vocabulary)
    assert len(frame) == 1
    assert not isinstance(frame.iloc[0]["org"], str)


@pytest.mark.parametrize(
    ("text", "person", "position"),
    [
        (
            "Вчера в Москве выступила Анна Нетребко. Оперная певица исполнила арии из «Тоски».",
            "Анна Нетребко",
            "Оперная певица",
        ),
        (
            "Завод посетил Алексей Миллер. Председатель правления осмотрел новые цеха.",
            "Алексей Миллер",
            "Председатель правления",
        ),
        (
            "Карьера Петра Иванова началась в Сургуте. В 2010—2014 годах — главный инженер "
            "ООО «Сибнефтестрой».",
            "Пётр Иванов",
            "главный инженер ООО «Сибнефтестрой»",
        ),
    ],
)
def test_subject_title_refers_to_the_person_before(
    text: str, person: str, position: str, vocabulary: Vocabulary
) -> None:
    frame = _contacts(text, vocabulary)
    pairs = set(zip(frame["person"].str.replace("ё", "е"), frame["position"], strict=True))
    assert (person.replace("ё", "е"), position) in pairs, pairs


@pytest.mark.parametrize(
    "text",
    [
        # the verb's gender disagrees with the person named before
        "На сцену вышла Анна Нетребко. Генеральный директор театра открыл вечер.",
        # the sentence names its own person
        "Пришёл Алексей Миллер. Председатель правления банка Андрей Костин выступил первым.",
    ],
)
def test_subject_title_not_paired_across(text: str, vocabulary: Vocabulary) -> None:
    frame = _contacts(text, vocabulary)
    assert not (
        (frame["person"] == "Анна Нетребко") & frame["position"].str.contains("директор")
    ).any()
    assert not (
        (frame["person"] == "Алексей Миллер") & frame["position"].str.contains("Председатель")
    ).any()


@pytest.mark.parametrize(
    ("text", "mention", "last", "first"),
    [
        (
            "Карлос Тевес перешёл в новый клуб. Трансфер Карлоса Тевеса обошёлся дорого.",
            "Карлоса Тевеса",
            "Тевес",
            "Карлос",
        ),
        (
            "Ирина Яровая внесла законопроект. Поправки Ирины Яровой поддержали.",
            "Ирины Яровой",
            "Яровая",
            "Ирина",
        ),
        (
            "С Эмиром Кустурицей встретились студенты. Эмир Кустурица рассказал о фильме.",
            "Эмиром Кустурицей",
            "Кустурица",
            "Эмир",
        ),
    ],
)
def test_full_name_goes_back_to_its_nominative_mention(
    text: str, mention: str, last: str, first: str
) -> None:
    found = {text[start:end]: name for name, start, end in extract_people(text)}
    assert mention in found, found
    assert (found[mention].last_name, found[mention].first_name) == (last, first)


def test_a_woman_is_not_a_man_of_the_same_surname() -> None:
    text = "Александра Петрова возглавила фонд. Её брат Александр Петров остался в банке."
    found = {text[start:end]: name for name, start, end in extract_people(text)}
    assert (found["Александр Петров"].first_name, found["Александр Петров"].last_name) == (
        "Александр",
        "Петров",
    )


def test_son_is_not_his_father() -> None:
    text = "Компанию основал Джон Хантсмен-старший. Джона Хантсмена назначили послом."
    found = {text[start:end]: name for name, start, end in extract_people(text)}
    assert found["Джона Хантсмена"].last_name == "Хантсмен"


@pytest.mark.parametrize(
    ("text", "last", "first", "gender"),
    [
        ("Карлоса Тевеса", "Тевес", "Карлос", "m"),
        ("Хосепа Гвардиолы", "Гвардиола", "Хосеп", "m"),
        ("Мигеля Диас-Канеля", "Диас-Канель", "Мигель", "m"),
        ("Николя Саркози", "Саркози", "Николя", "m"),
        ("Кевину Спейси", "Спейси", "Кевин", "m"),
        ("Кевина Спейси", "Спейси", "Кевин", "m"),
        ("Карла Бруни", "Бруни", "Карла", None),
        ("Ивана Петрова", "Петров", "Иван", "m"),
        ("Игоря Сечина", "Сечин", "Игорь", "m"),
    ],
)
def test_foreign_names_in_the_genitive(
    text: str, last: str, first: str, gender: str | None
) -> None:
    name = parse_person(text)
    assert (name.last_name, name.first_name, name.gender) == (last, first, gender)


@pytest.mark.parametrize(
    ("text", "person", "norm", "org"),
    [
        (
            "Иван Петров (Сбербанк) — старший вице-президент банка.",
            "Иван Петров",
            "старший вице-президент",
            "Сбербанк",
        ),
        (
            "Ольга Белова (на фото) — директор по персоналу «Ленты».",
            "Ольга Белова",
            "директор по персоналу",
            "«Ленты»",
        ),
        (
            "Как рассказал директор компании Олег Смирнов, «Северсталь» увеличит выпуск.",
            "Олег Смирнов",
            "директор",
            "Северсталь",
        ),
    ],
)
def test_parenthesis_and_generic_noun_org(
    text: str, person: str, norm: str, org: str, vocabulary: Vocabulary
) -> None:
    frame = _contacts(text, vocabulary)
    rows = frame[frame["person"] == person]
    assert not rows.empty, frame[["person", "position", "org"]].to_string()
    assert rows.iloc[0]["position_norm"] == norm
    assert rows.iloc[0]["org"] == org


@pytest.mark.parametrize(
    ("text", "person", "position"),
    [
        (
            "Как сообщила Мария Орлова, в 2019 году она стала финансовым директором «Ленты».",
            "Мария Орлова",
            "финансовым директором «Ленты»",
        ),
        (
            "Документы подал Олег Кузнецов, он работает главным инженером завода.",
            "Олег Кузнецов",
            "главным инженером завода",
        ),
    ],
)
def test_pronoun_after_a_name_in_the_same_sentence(
    text: str, person: str, position: str, vocabulary: Vocabulary
) -> None:
    frame = _contacts(text, vocabulary)
    assert (person, position) in set(zip(frame["person"], frame["position"], strict=True))
