# ruff: noqa: E501
"""Normalisation of company names: every way Russian texts write one company → one key.

The names are real ЕГРЮЛ / МСП organisation names (public registry data, no persons) written the
ways media, CRMs and registries write them.
"""

from __future__ import annotations

import pytest

from abmresearch.match import normalize_name, parse_name
from abmresearch.match.normalize import split_compound, transliterate

SAME_KEY = [
    # legal form: full, abbreviated, after the name, doubled, typed on a Latin layout
    ("legal form full", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СИБИРЬСВЯЗЬМАРКЕТ"', "ООО \"СИБИРЬСВЯЗЬМАРКЕТ\""),
    ("legal form after", "«Сибирьсвязьмаркет», ООО", 'ООО "СИБИРЬСВЯЗЬМАРКЕТ"'),
    ("no legal form", "Сибирьсвязьмаркет", 'ООО "СИБИРЬСВЯЗЬМАРКЕТ"'),
    ("doubled legal form", 'ООО "ООО "ЮЖНЫЙ КРАЙ"', 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ЮЖНЫЙ КРАЙ"'),
    ("Latin OOO", "OOO Ямал Форвард", 'ООО "ЯМАЛ ФОРВАРД"'),
    ("АО full", 'АКЦИОНЕРНОЕ ОБЩЕСТВО "ГОРСТРОЙЗАКАЗЧИК"', 'АО "ГОРСТРОЙЗАКАЗЧИК"'),
    ("ЗАО full", 'Закрытое акционерное общество "Богородская фабрика"', 'ЗАО "БОГОРОДСКАЯ ФАБРИКА"'),
    ("ПАО", 'ПАО "Ямал Форвард"', "Публичное акционерное общество «Ямал Форвард»"),
    ("специализированный застройщик", 'АО СЗ "ГОРСТРОЙЗАКАЗЧИК"', 'АО СПЕЦИАЛИЗИРОВАННЫЙ ЗАСТРОЙЩИК "ГОРСТРОЙЗАКАЗЧИК"'),
    # quotes and case
    ("quotes «»", "ООО «Дом будущего»", 'ООО "ДОМ БУДУЩЕГО"'),
    ("quotes „“", "ООО „Дом будущего“", 'ООО "ДОМ БУДУЩЕГО"'),
    ("quotes ''", "ООО 'Дом будущего'", 'ООО "ДОМ БУДУЩЕГО"'),
    ("lower case", "ооо дом будущего", 'ООО "ДОМ БУДУЩЕГО"'),
    # ё / е
    ("ё", 'ООО "ВТОРСЫРЬЁ"', "ООО «Вторсырье»"),
    # Latin lookalike letters inside Cyrillic words (Т, Е, Х, Р, О, М, А are Latin here)
    ("lookalikes", "ООО «TEXПPOМ»", 'ООО "ТЕХПРОМ"'),
    ("lookalikes mixed", "ЯMAЛ ФOPBAPД", 'ООО "ЯМАЛ ФОРВАРД"'),
    # Latin transliteration of a Cyrillic name
    ("transliteration", "Yamal Forvard LLC", 'ООО "ЯМАЛ ФОРВАРД"'),
    ("transliteration 2", "Tekhprom", 'ООО "ТЕХПРОМ"'),
    # inflection in running text (pymorphy3)
    ("genitive", "у „Техпрома“", 'ООО "ТЕХПРОМ"'),
    ("instrumental", "компанией «Техпром»", 'компания "ТЕХПРОМ"'),
    ("prepositional", "в «Доме будущего»", 'ООО "ДОМ БУДУЩЕГО"'),
    ("dative", "«Сибирьсвязьмаркету»", 'ООО "СИБИРЬСВЯЗЬМАРКЕТ"'),
    # business-type phrases ↔ abbreviations
    ("ЧОО", 'ООО "ЧОО "КЕНТАВР"', 'ООО "ЧАСТНАЯ ОХРАННАЯ ОРГАНИЗАЦИЯ "КЕНТАВР"'),
    ("ТК", 'ООО ТК "МСК"', 'ООО ТОРГОВАЯ КОМПАНИЯ "МСК"'),
    ("ТД", "ТД «Сибирьсвязьмаркет»", "Торговый дом Сибирьсвязьмаркет"),
    ("ГК", "ГК «Ямал Форвард»", "Группа компаний «Ямал Форвард»"),
    ("НПП", 'НПП "Техпром"', "научно-производственное предприятие «Техпром»"),
    ("ПКФ", 'ПКФ "Техпром"', "Производственно-коммерческая фирма Техпром"),
    ("СК", 'ООО "СК "Техпром"', "Строительная компания «Техпром»"),
    ("УК", 'ООО "УК "ГРИН ПАРК"', 'ООО "УПРАВЛЯЮЩАЯ КОМПАНИЯ "ГРИН ПАРК"'),
    # state and municipal institutions
    ("МБОУ", "МБОУ СОШ № 160", "МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ СОШ № 160"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "variant", "canonical"), SAME_KEY, ids=[c[0] for c in SAME_KEY])
def test_variants_share_the_key(kind: str, variant: str, canonical: str) -> None:
    assert normalize_name(variant) == normalize_name(canonical), kind
    assert normalize_name(variant)


DIFFERENT_KEY = [
    ("one distinctive word", 'ООО "СИБИРСКАЯ СТРОИТЕЛЬНАЯ КОМПАНИЯ"', 'ООО "УРАЛЬСКАЯ СТРОИТЕЛЬНАЯ КОМПАНИЯ"'),
    ("number", "МБОУ СОШ № 160", "МБОУ СОШ № 161"),
    ("Арго / Агро", 'ООО "АРГО"', 'ООО "АГРО"'),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "left", "right"), DIFFERENT_KEY, ids=[c[0] for c in DIFFERENT_KEY]
)
def test_different_companies_keep_different_keys(kind: str, left: str, right: str) -> None:
    assert normalize_name(left) != normalize_name(right), kind


@pytest.mark.parametrize(
    ("text", "legal_form", "inn", "key"),
    [
        ('ООО "СТР-МОДЕЛЬ" ИНН 5473017218', "ооо", "5473017218", "стр модель"),
        ("«Ромашка», АО", "ао", "", "ромашка"),
        ("Индивидуальный предприниматель Кириченко Татьяна Петровна", "ип", "", None),
        ('ООО "СПК"', "ооо", "", "спк"),
        ("", "", "", ""),
        ("«»", "", "", ""),
    ],
)
def test_parts(text: str, legal_form: str, inn: str, key: str | None) -> None:
    parts = parse_name(text)
    assert parts.legal_form == legal_form
    assert parts.inn == inn
    if key is not None:
        assert parts.key == key


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [("romashka", "ромашка"), ("yandex", "яндекс"), ("google", "гугл"), ("tekhprom", "техпром")],
)
def test_transliterate(latin: str, cyrillic: str) -> None:
    assert transliterate(latin) == cyrillic


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("спецстроймонтаж", ("спец", "строй", "монтаж")),
        ("металлстройкомплект", ("металл", "строй", "комплект")),
        ("ромашка", ()),
    ],
)
def test_split_compound(word: str, parts: tuple[str, ...]) -> None:
    assert split_compound(word) == parts
