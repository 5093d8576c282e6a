"""Job titles → nominative normal form, vocabulary entry, role and level (ROLES.md)."""

from __future__ import annotations

import pytest

from abmresearch.extract import classify_titles, normalize_title, read_title
from abmresearch.vocabulary import Vocabulary, load_vocabulary


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


@pytest.mark.parametrize(
    ("title", "norm"),
    [
        (
            "заместителю генерального директора ОАО «Башкирэнерго» по строительству",
            "заместитель генерального директора по строительству",
        ),
        ("ГЕНЕРАЛЬНЫЙ ДИРЕКТОР", "генеральный директор"),
        ("ГЕНЕРАЛЬНЫИ ДИРЕКТОР", "генеральный директор"),
        ("гендиректора", "генеральный директор"),
        ("зам. начальника отдела", "заместитель начальника отдела"),
        ("нач. участка", "начальник участка"),
        ("и.о. генерального директора", "исполняющий обязанности генерального директора"),
        ("исполняющего обязанности директора", "исполняющий обязанности директора"),
        ("ГИП", "главный инженер проекта"),
        ("главбух", "главный бухгалтер"),
        ("CEO", "генеральный директор"),
        ("Head of Procurement", "директор по закупкам"),
        ("инженеров", "инженер"),
        ("заведующей лабораторией", "заведующая лабораторией"),
        ("дирктор по закупкам", "директор по закупкам"),
        ("электромонтажник 5 разряда", "электромонтажник"),
        ("начальник цеха №3", "начальник цеха"),
        ("директором по развитию компании «Ромашка»", "директор по развитию"),
        ("генеральной директором", "генеральный директор"),
        ('Генеральный директор ООО "Ромашка"', "генеральный директор"),
        ("председателя совета директоров ПАО «Газпром»", "председатель совета директоров"),
        ("начальником отдела закупок", "начальник отдела закупок"),
        ("главой компании", "глава"),
        ("", ""),
    ],
)
def test_normal_form(title: str, norm: str) -> None:
    assert normalize_title(title) == norm


@pytest.mark.parametrize(
    ("title", "role", "level"),
    [
        ("Генеральный директор", "ЛПР", "head"),
        ("ДИРЕКТОР", "ЛПР", "head"),
        ("президента России", "другое", "head"),
        ("президент компании", "ЛПР", "head"),
        ("заместитель генерального директора по строительству", "ЛПР", "deputy"),
        ("заместитель главного инженера", "ЛВР", "deputy"),
        ("заместитель начальника участка", "ЛВР", "deputy"),
        ("замдиректора по снабжению", "ЛПР", "deputy"),
        ("главный инженер проекта", "ЛПР", "head"),
        ("главный бухгалтер", "ЛВР", "head"),
        ("прораб", "ЛВР", "manager"),
        ("руководитель группы", "ЛВР", "manager"),
        ("инженер ПТО", "ЛВР", "specialist"),
        ("менеджером по закупкам", "ЛВР", "manager"),
        ("конкурсный управляющий", "другое", "head"),
        ("ЛИКВИДАТОР", "другое", "head"),
        ("министр финансов РФ", "другое", "head"),
        ("пресс-секретарь президента", "другое", "specialist"),
        ("электромонтажник 5 разряда", "другое", "worker"),
        ("сотрудник", "другое", "unknown"),
        ("управляющего партнёра", "ЛПР", "owner"),
        ("учредителем", "ЛПР", "owner"),
        ("и.о. генерального директора", "ЛПР", "head"),
        ("начальник отдела продаж", "ЛПР", "head"),
        ("глава российского газового холдинга", "ЛПР", "head"),
        ("председатель Государственной думы", "другое", "head"),
        ("Коммерческий директор по развитию регионов", "ЛПР", "head"),
        ("водитель-экспедитор", "другое", "worker"),
        ("бухгалтер-кассир", "ЛВР", "specialist"),
        ("HR-директор", "ЛПР", "head"),
        ("финансовый контролер", "ЛВР", "specialist"),
    ],
)
def test_role_and_level(title: str, role: str, level: str, vocabulary: Vocabulary) -> None:
    reading = read_title(title, vocabulary=vocabulary)
    assert (reading.role, reading.level) == (role, level)


def test_classify_titles_columns_and_order(vocabulary: Vocabulary) -> None:
    frame = classify_titles(["ГИП", "водитель", "CFO"], vocabulary=vocabulary)
    assert list(frame.columns) == [
        "title",
        "position_norm",
        "canonical",
        "role",
        "level",
        "function",
    ]
    assert frame["title"].tolist() == ["ГИП", "водитель", "CFO"]
    assert frame["canonical"].tolist()[0] == "Главный инженер проекта"
    assert frame["function"].tolist()[2] == "finance"


@pytest.mark.parametrize(
    ("title", "function"),
    [
        ("руководитель службы закупок", "procurement"),
        ("начальник отдела продаж", "sales"),
        ("главный энергетик завода", "engineering"),
        ("совладелец сети магазинов", "management"),
    ],
)
def test_function(title: str, function: str, vocabulary: Vocabulary) -> None:
    assert read_title(title, vocabulary=vocabulary).function == function
