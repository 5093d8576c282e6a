"""Person–position–organisation mentions in real-style sentences."""

from __future__ import annotations

import pandas as pd
import pytest

from abmresearch.extract import extract_contacts, find_identifiers, unknown_titles
from abmresearch.extract.contacts import candidate_pairs
from abmresearch.vocabulary import Vocabulary

pytestmark = pytest.mark.usefixtures("rules_only")


def _contacts(text: str, vocabulary: Vocabulary) -> pd.DataFrame:
    return extract_contacts(pd.DataFrame({"id": ["d"], "text": [text]}), vocabulary=vocabulary)


@pytest.mark.parametrize(
    ("text", "person", "norm", "org"),
    [
        (
            "Генеральный директор ООО «Ромашка» Иван Петров сообщил о росте продаж.",
            "Иван Петров",
            "генеральный директор",
            "ООО «Ромашка»",
        ),
        (
            "Иван Петров, главный инженер компании «СтройМонтаж», рассказал о проекте.",
            "Иван Петров",
            "главный инженер",
            "компании «СтройМонтаж»",
        ),
        (
            "«Мы планируем закупки», — сказал директор по закупкам «Магнита» Сергей Иванов.",
            "Сергей Иванов",
            "директор по закупкам",
            "«Магнита»",
        ),
        (
            "Анна Смирнова назначена заместителем генерального директора ПАО «Газпром» "
            "по строительству.",
            "Анна Смирнова",
            "заместитель генерального директора по строительству",
            "ПАО «Газпром»",
        ),
        (
            "Новым главой «Ростелекома» стал Михаил Осеевский.",
            "Михаил Осеевский",
            "глава",
            "«Ростелекома»",
        ),
    ],
)
def test_constructions(
    text: str, person: str, norm: str, org: str, vocabulary: Vocabulary
) -> None:
    found = _contacts(text, vocabulary)
    assert len(found) == 1
    row = found.iloc[0]
    assert (row["person"], row["position_norm"], row["org"]) == (person, norm, org)
    assert text[row["start"] : row["end"]] in text
    assert row["evidence"] in text


def test_nested_titles_agree_in_case(vocabulary: Vocabulary) -> None:
    text = "Об этом сообщил пресс-секретарь экс-президента США Билла Клинтона Джо Локхарт."
    found = _contacts(text, vocabulary).set_index("last_name")
    assert found.loc["Локхарт", "position_norm"].startswith("пресс-секретарь")
    assert found.loc["Клинтон", "position_norm"] == "президент"
    assert set(found["role"]) == {"другое"}


def test_oblique_name_and_identifiers(vocabulary: Vocabulary) -> None:
    text = (
        "Абдурахмановой Натальи Петровны, начальника отдела закупок АО «Мосстрой», не было. "
        "Её телефон +7 (495) 123-45-67, e-mail n.abd@mosstroy.ru, ИНН компании 7707083893."
    )
    row = _contacts(text, vocabulary).iloc[0]
    assert row["person"] == "Наталья Петровна Абдурахманова"
    assert (row["gender"], row["role"], row["org"]) == ("f", "ЛПР", "АО «Мосстрой»")
    assert (row["phone"], row["email"], row["inn"]) == (
        "+74951234567",
        "n.abd@mosstroy.ru",
        "7707083893",
    )


def test_surname_refers_back(vocabulary: Vocabulary) -> None:
    text = (
        "В совещании участвовал Олег Викторович Кузнецов. "
        "Позже главный инженер Кузнецова рассказал о планах."
    )
    found = _contacts(text, vocabulary)
    assert found["person"].tolist() == ["Олег Викторович Кузнецов"]


def test_identifiers_need_checksums() -> None:
    kinds = [item.kind for item in find_identifiers("ИНН 7707083893 и ИНН 1234567890")]
    assert kinds == ["inn"]


def test_empty_and_unknown(vocabulary: Vocabulary) -> None:
    assert _contacts("", vocabulary).empty
    found = _contacts("Об этом рассказал старший шифровальщик Иван Петров.", vocabulary)
    table = unknown_titles(found)
    assert list(table.columns) == ["position_norm", "count", "role", "examples"]


def test_pair_classifier_learns_and_scores() -> None:
    from abmresearch.extract.contacts import candidate_pairs
    from abmresearch.extract.pairing import PairClassifier

    # candidates are the titles the rules leave unpaired
    text = "Директор завода заявил журналистам, что Иван Петров приедет в среду."
    candidates = candidate_pairs(text)
    assert candidates
    feats = candidates[0].features
    person_span, title_span = candidates[0].person, candidates[0].title
    assert text[person_span[0] : person_span[1]] == "Иван Петров"
    assert text[title_span[0] : title_span[1]].startswith("Директор")
    assert candidates[0].surname == "петров"
    features = [{"adjacent": 1.0, "agree": 1.0}, {"adjacent": 0.0, "commas": 2.0}] * 10
    labels = [1, 0] * 10
    model = PairClassifier().fit(features, labels)
    high, low = model.predict_proba([features[0], features[1]])
    assert 0.0 <= low < 0.5 < high <= 1.0
    assert model.predict_proba([feats]) != []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Тел.: 8 (812) 309-12-34, звоните.", "phone", "+78123091234"),
        ("Пишите на info@стройка.рф до пятницы.", "email", "info@стройка.рф"),
        ("ОГРН 1027700132195 указан в реестре.", "ogrn", "1027700132195"),
        ("ИНН 500100732259 у предпринимателя.", "inn", "500100732259"),
    ],
)
def test_identifiers(text: str, kind: str, value: str) -> None:
    found = [(item.kind, item.value) for item in find_identifiers(text)]
    assert (kind, value) in found


def test_kazakh_phone_is_not_russian() -> None:
    assert find_identifiers("Тел. +7 701 123 45 67") == []


def test_plural_title_is_a_group(vocabulary: Vocabulary) -> None:
    found = _contacts(
        "Руководители соседних регионов, в том числе Иван Петров, приехали.", vocabulary
    )
    assert found.empty


def test_plural_title_with_a_list_of_names(vocabulary: Vocabulary) -> None:
    text = "Заместители начальника отдела закупок Олег Прохоренко и Алексей Малых подписали акт."
    found = _contacts(text, vocabulary)
    assert found["person"].tolist() == ["Олег Прохоренко", "Алексей Малых"]
    assert set(found["position_norm"]) == {"заместитель начальника отдела закупок"}


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("Ранее Сергей Круз, ставший сенатором в 2013 году, выступил.", "сенатор"),
        (
            "К этому времени Роберт Лоуренс был опытным лётчиком-испытателем.",
            "опытный лётчик-испытатель",
        ),
    ],
)
def test_participles_and_compound_titles(text: str, norm: str, vocabulary: Vocabulary) -> None:
    found = _contacts(text, vocabulary)
    assert found["position_norm"].tolist() == [norm]


@pytest.mark.parametrize(
    ("text", "person", "norm"),
    [
        (
            "На должность «генеральный директор» в ООО «Север» назначен Артём Сергеевич Орлов.",
            "Артём Сергеевич Орлов",
            "генеральный директор",
        ),
        (
            "Грамоту вручили Ивану Петровичу Громову, который занимает пост «нач. участка» "
            "в ООО «Запад».",
            "Иван Петрович Громов",
            "начальник участка",
        ),
        (
            "Гл. инженер ООО «Уралстрой» Евгений Юрьевич Волков рассказал о планах.",
            "Евгений Юрьевич Волков",
            "главный инженер",
        ),
        (
            "Юрий Иванович Зайцев возглавил АО «Гранит»: совет директоров утвердил "
            "Ю. И. Зайцева в должности «инженер пто».",
            "Юрий Иванович Зайцев",
            "инженер пто",
        ),
        (
            "Благодарность вручили Ирине Викторовне Белoусовa, которая занимает пост "
            "«технический директор» в ООО «Лофт».",
            "Ирина Викторовна Белоусова",
            "технический директор",
        ),
    ],
)
def test_quoted_titles_abbreviations_initials(
    text: str, person: str, norm: str, vocabulary: Vocabulary
) -> None:
    found = _contacts(text, vocabulary)
    assert (person, norm) in set(zip(found["person"], found["position_norm"], strict=True))


def test_pronoun_refers_to_the_person_named_before(vocabulary: Vocabulary) -> None:
    text = (
        "В компании Genentech Дэвид Эберсман проработал 15 лет. "
        "Ее финансовым директором он стал в 2006 году. "
        "Анна Иванова пришла в банк в 2010 году. Через год она была назначена главным бухгалтером."
    )
    found = _contacts(text, vocabulary)
    assert list(zip(found["person"], found["position_norm"], strict=True)) == [
        ("Дэвид Эберсман", "финансовый директор"),
        ("Анна Иванова", "главный бухгалтер"),
    ]
    assert [text[s:e] for s, e in zip(found["start"], found["end"], strict=True)] == [
        "Дэвид Эберсман",
        "Анна Иванова",
    ]


def test_pronoun_of_the_other_gender_is_not_paired(vocabulary: Vocabulary) -> None:
    text = "Анна Иванова пришла в банк в 2010 году. Через год он был назначен главным бухгалтером."
    assert _contacts(text, vocabulary).empty


@pytest.mark.parametrize(
    ("text", "held"),
    [
        # a post sought, offered or only possible is no post held
        ("Среди кандидатов на пост генерального директора называют Ивана Петрова.", []),
        ("Совет директоров пообещал пост генерального директора Ивану Петрову.", []),
        ("Аналитики считают, что главным инженером может стать Иван Петров.", []),
        ("Сделка сорвётся, если генеральным директором станет Иван Петров.", []),
        ("Кандидат в депутаты Иван Петров выступил перед избирателями.", []),
        # appointed, or become: held («станет» without a condition, as NEREL has it)
        ("Иван Петров назначен на пост генерального директора.", ["генеральный директор"]),
        ("Новым генеральным директором станет Иван Петров.", ["генеральный директор"]),
        # the subject's own post beside a possible one stays
        (
            "Преемником директора может стать главный инженер завода Иван Петров.",
            ["главный инженер"],
        ),
    ],
)
def test_sought_posts_are_not_held(text: str, held: list[str], vocabulary: Vocabulary) -> None:
    found = _contacts(text, vocabulary)
    assert list(found["position_norm"]) == held


def test_a_title_word_quoted_alone_is_a_name(vocabulary: Vocabulary) -> None:
    text = "Иван Петров, как рассказал собеседник «Коммерсанта», покинет компанию."
    assert _contacts(text, vocabulary).empty
    # a post quoted after its word is a post
    text = "Совет директоров утвердил Ивана Петрова в должности «прораб»."
    assert list(_contacts(text, vocabulary)["position_norm"]) == ["прораб"]


@pytest.mark.parametrize(
    ("text", "title", "person", "offered"),
    [
        # a genitive name after a nominative title is whose the title is
        (
            "Пресс-секретарь Дмитрия Пескова сообщила о встрече.",
            "Пресс-секретарь",
            "Дмитрия",
            False,
        ),
        (
            "Представитель Ивана Петрова отказался от комментариев.",
            "Представитель",
            "Ивана",
            False,
        ),
        # a title in the genitive after a word of kinship is the relative's
        ("Вдова музыканта Наина Петрова выступила.", "музыканта", "Наина", False),
        ("Дочь режиссёра Ольга Шукшина выступила.", "режиссёра", "Ольга", False),
        # a foreign name's guessed cases decide nothing
        ("Глава МИДа Сэйдзи Маэхара прибыл в Москву.", "Глава МИДа", "Сэйдзи", True),
    ],
)
def test_a_genitive_name_is_no_candidate_holder(
    text: str, title: str, person: str, offered: bool
) -> None:
    found = [
        (text[c.title[0] : c.title[1]], text[c.person[0] : c.person[1]])
        for c in candidate_pairs(text)
    ]
    assert any(t == title and p.startswith(person) for t, p in found) is offered, found


@pytest.mark.parametrize(
    ("text", "person", "norm", "org"),
    [
        # the appointment and election patterns of press releases, by rules alone
        (
            "Совет директоров назначил Ивана Петрова на должность генерального директора "
            "ООО «Ромашка».",
            "Иван Петров",
            "генеральный директор",
            "ООО «Ромашка»",
        ),
        (
            "Совет директоров утвердил Анну Смирнову в должности финансового директора.",
            "Анна Смирнова",
            "финансовый директор",
            None,  # a company's body, not the employer
        ),
        (
            "Акционеры избрали Ивана Петрова председателем совета директоров.",
            "Иван Петров",
            "председатель совета директоров",
            None,
        ),
        (
            "Губернатор освободил Ивана Петрова от должности главного инженера.",
            "Иван Петров",
            "главный инженер",
            None,
        ),
        (
            "Иван Петров на посту главного бухгалтера проработал пять лет.",
            "Иван Петров",
            "главный бухгалтер",
            None,
        ),
        (
            "Акционеры избрали Ивана Петрова на пост нового генерального директора.",
            "Иван Петров",
            "генеральный директор",
            None,
        ),
        (
            "Совет директоров назначил уроженца Омска Ивана Петрова новым техническим директором.",
            "Иван Петров",
            "технический директор",
            None,
        ),
        # the holder's age between the title and the name is neither title nor organisation
        (
            "В отставку ушёл директор завода, 50-летний Иван Петров.",
            "Иван Петров",
            "директор",
            "завода",
        ),
        (
            "Генеральный директор компании 45-летний Иван Петров выступил на форуме.",
            "Иван Петров",
            "генеральный директор",
            "компании",
        ),
    ],
)
def test_appointments_by_rules(
    text: str, person: str, norm: str, org: str | None, vocabulary: Vocabulary
) -> None:
    found = _contacts(text, vocabulary)
    assert list(zip(found["person"], found["position_norm"], strict=True)) == [(person, norm)]
    value = found.iloc[0]["org"]
    assert (value if isinstance(value, str) else None) == org


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        # a review's cases: who the pattern is about, and what is no pattern at all
        (
            "Иван Петров нанял Марию Сидорову в качестве финансового директора.",
            [("Мария Сидорова", "финансовый директор")],
        ),
        ("Иван Петров оценивает компанию как лидера рынка.", []),
        ("Иван Петров выбрал Сбербанк в качестве консультанта сделки.", []),
        ("Партия выдвинула Ивана Петрова на пост мэра.", []),
        ("Акционеры предложили Ивана Петрова на должность председателя совета директоров.", []),
        ("Избиратели считают Ивана Петрова лучшим мэром города.", []),
        ("Назначенный в прошлом году Иван Петров директором не стал.", []),
        ("Пресс-секретарь Зеленского сообщил о переговорах.", []),
        ("Адвокат Рачинского обжаловал решение.", []),
        ("Робот-курьер Яндекса доставил посылку Ивану Петрову.", []),
        ("Директор 45-летний Иван Петров покинул компанию.", [("Иван Петров", "директор")]),
    ],
)
def test_patterns_stay_with_their_person(
    text: str, pairs: list[tuple[str, str]], vocabulary: Vocabulary
) -> None:
    found = _contacts(text, vocabulary)
    assert list(zip(found["person"], found["position_norm"], strict=True)) == pairs


@pytest.mark.parametrize(
    ("text", "org"),
    [
        # a company whose name starts like a channel, or holds an agency's letters, or a number
        (
            "Как сообщил директор Иван Петров, компания «Интернет Решения» увеличила выручку.",
            "Интернет Решения",
        ),
        ("Генеральный директор аптечной сети 36,6 Иван Петров ушёл в отставку.", "36,6"),
    ],
)
def test_organisations_that_look_like_something_else(
    text: str, org: str, vocabulary: Vocabulary
) -> None:
    assert list(_contacts(text, vocabulary)["org"]) == [org]
