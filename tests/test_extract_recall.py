"""More person–position pairs by rules: line breaks, titles inside natasha's PER spans,
a genitive name between a title and its holder, titles before an ORG or a name."""

from __future__ import annotations

import pandas as pd
import pytest

from abmresearch.extract import extract_contacts
from abmresearch.extract.contacts import candidate_pairs
from abmresearch.extract.ner import analyse
from abmresearch.vocabulary import Vocabulary

pytestmark = pytest.mark.usefixtures("rules_only")


def _pairs(text: str, vocabulary: Vocabulary) -> list[tuple[str, str]]:
    found = extract_contacts(pd.DataFrame({"id": ["d"], "text": [text]}), vocabulary=vocabulary)
    return [(row.person, row.position) for row in found.itertuples()]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Тед Круз объявил об участии в выборах\n\nВ понедельник сенатор выступил.",
            ["Тед Круз объявил об участии в выборах", "В понедельник сенатор выступил."],
        ),
        (
            "Умер музыкант Руслан Владыко\nРуслан Владыко\nОн был гитаристом группы.",
            ["Умер музыкант Руслан Владыко", "Руслан Владыко", "Он был гитаристом группы."],
        ),
        (
            "Директор завода Иван Петров ушёл. Его сменил Олег Сидоров.",
            ["Директор завода Иван Петров ушёл.", "Его сменил Олег Сидоров."],
        ),
    ],
)
def test_sentences_end_at_line_breaks(text: str, sentences: list[str]) -> None:
    found = analyse(text)
    assert [s.text for s in found] == sentences
    assert all(text[s.start : s.end] == s.text for s in found)


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        # natasha's PER span starts with the title
        (
            "Писатель-сатирик Лион Измайлов говорит о юморе.",
            [("Лион Измайлов", "Писатель-сатирик")],
        ),
        ("Вождь Карнс известен своей голодовкой.", [("Карнс", "Вождь")]),
        # a first name that is also a title stays in the name
        (
            "С Эмиром Кустурицей встретился режиссёр Никита Михалков.",
            [
                ("Никита Михалков", "режиссёр"),
            ],
        ),
        # a genitive name between the title and its holder
        (
            "В пятницу адвокат Савченко Марк Фейгин опубликовал записку.",
            [("Марк Фейгин", "адвокат")],
        ),
        (
            "О смерти советника Путина Михаила Лесина стало известно в ноябре.",
            [("Михаил Лесин", "советника")],
        ),
        # nested titles still go by case
        (
            "Пресс-секретарь экс-президента США Билла Клинтона Джо Локхарт заявил об этом.",
            [
                ("Джо Локхарт", "Пресс-секретарь экс-президента США"),
                ("Билл Клинтон", "экс-президента США"),
            ],
        ),
        # «игрок» before an organisation; a substantivised adjective before a name
        (
            "Игрок НФЛ Аарон Эрнандес приговорён судом.",
            [("Аарон Эрнандес", "Игрок НФЛ")],
        ),
        (
            "Ведущая Эрин Эндрюс потребовала компенсацию.",
            [("Эрин Эндрюс", "Ведущая")],
        ),
        ("Он сыграл ведущую роль в проекте Иванова.", []),
        # a plural title's list after «, как», names with a parenthesis between
        (
            "Среди гостей такие музыканты, как Валерий Гергиев (Россия) и Марис Янсонс.",
            [("Валерий Гергиев", "такие музыканты"), ("Марис Янсонс", "такие музыканты")],
        ),
        ("Руководители регионов выступили на форуме.", []),
        # professions of the wider lexicon
        (
            "Переводчица Анна Сергеева работала на переговорах.",
            [("Анна Сергеева", "Переводчица")],
        ),
        (
            "Сделку одобрил банкир Олег Тиньков.",
            [("Олег Тиньков", "банкир")],
        ),
        (
            "Правозащитница Людмила Алексеева выступила на форуме.",
            [("Людмила Алексеева", "Правозащитница")],
        ),
        (
            "Нотариус Ирина Котова заверила договор.",
            [("Ирина Котова", "Нотариус")],
        ),
        # a foreign name's vowel is no case ending («Дутерте» is no locative)
        (
            "Президент Филиппин Родриго Дутерте прибыл в Москву.",
            [("Родриго Дутерте", "Президент Филиппин")],
        ),
        (
            "Премьер-министр Дании Хелле Торнинг-Шмитт заявила об отставке.",
            [("Хелле Торнинг-Шмитт", "Премьер-министр Дании")],
        ),
        # «тогда / ныне / бывший» after the comma; «являлся»
        (
            "Это сказал Владимир Путин, тогда президент России.",
            [("Владимир Путин", "президент России")],
        ),
        (
            "Иван Петров, ныне генеральный директор «Ромашки», выступил на форуме.",
            [("Иван Петров", "генеральный директор «Ромашки»")],
        ),
        (
            "Нурсултан Назарбаев, бывший металлург, выступил.",
            [("Нурсултан Назарбаев", "металлург")],
        ),
        ("Михаил Юревич являлся депутатом Госдумы.", [("Михаил Юревич", "депутатом Госдумы")]),
        # an honorific, a dash or a colon between title and name; «как / в качестве / в роли»
        ("Умер актёр сэр Дональд Синден.", [("Дональд Синден", "актёр")]),
        (
            "Режиссёр спектакля — Дмитрий Бертман, художник — Иван Петров.",
            [("Дмитрий Бертман", "Режиссёр спектакля"), ("Иван Петров", "художник")],
        ),
        (
            "Бориса Дубровского характеризуют как эффективного менеджера.",
            [("Борис Дубровский", "эффективного менеджера")],
        ),
        ("Иван Петров выступил в качестве эксперта.", [("Иван Петров", "эксперта")]),
        ("Иван Петров, как и директор завода, выступил.", []),
        # where the holder comes from, between the title and the name
        (
            "Премию получили хирург из Конго Денис Муквеге и правозащитница из Ирака Надя Мурад.",
            [("Денис Муквеге", "хирург"), ("Надя Мурад", "правозащитница")],
        ),
        (
            "Менеджер из «Роснефти» Иван Петров выступил на форуме.",
            [("Иван Петров", "Менеджер")],
        ),
        # compounds whose last part is the title word
        (
            "Арт-директор галереи Мария Иванова открыла выставку.",
            [("Мария Иванова", "Арт-директор галереи")],
        ),
        (
            "Бизнес-тренер Олег Смирнов провёл семинар для продавцов.",
            [("Олег Смирнов", "Бизнес-тренер")],
        ),
        (
            "Популярный теле- и радиожурналист Геннадий Бачинский вёл эфир.",
            [("Геннадий Бачинский", "радиожурналист")],
        ),
        (
            "Приказ подписал замкомандующего округом Олег Смирнов.",
            [("Олег Смирнов", "замкомандующего округом")],
        ),
        # a title's own first part stays the head («лётчик-испытатель»)
        (
            "Лётчик-испытатель Иван Петров поднял самолёт в воздух.",
            [("Иван Петров", "Лётчик-испытатель")],
        ),
    ],
)
def test_more_pairs(text: str, pairs: list[tuple[str, str]], vocabulary: Vocabulary) -> None:
    assert sorted(_pairs(text, vocabulary)) == sorted(pairs)


def test_analyse_within_ranges() -> None:
    text = "Первое предложение. Второе предложение. Третье предложение."
    second, third = text.index("Второе"), text.index("Третье")
    found = analyse(text, within=[(second, second + 1), (third, len(text))])
    assert [s.text for s in found] == ["Второе предложение.", "Третье предложение."]
    assert analyse(text, within=[]) == []


@pytest.mark.parametrize(
    ("text", "title", "person"),
    [
        # the headline has no title word (never tagged for the rules): the context tags it
        (
            "Тед Круз объявил об участии в выборах\n"
            "В понедельник сенатор выступил в университете Либерти.",
            "сенатор",
            "Тед Круз",
        ),
        # a sentence without a title word between the person and the title
        (
            "Директор завода уехал в отпуск. Иван Петров вернулся в Москву в марте. "
            "В апреле директор выступил на собрании.",
            "директор",
            "Иван Петров",
        ),
    ],
)
def test_context_reaches_untagged_sentences(text: str, title: str, person: str) -> None:
    found = [
        c
        for c in candidate_pairs(text)
        if text[c.title[0] : c.title[1]] == title and text[c.person[0] : c.person[1]] == person
    ]
    assert len(found) == 1
    assert "x:bias" in found[0].features  # a person of an earlier sentence
