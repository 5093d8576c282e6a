# ruff: noqa: E501
"""Legal forms and business phrases recognised word by word (``forms.WordAlternation``).

The recogniser tries, at each word of a name, only the alternatives the word's first letters
can start; it must find exactly what the one big alternation regex finds. Names are real ЕГРЮЛ /
МСП organisation names (public registry data) written the ways registries, CRMs and news do.
"""

from __future__ import annotations

import pytest

from abmresearch.match import parse_name
from abmresearch.match.forms import (
    LEGAL_FORM_PATTERN,
    LEGAL_FORMS,
    PHRASE_ABBREVIATIONS,
    PHRASE_PATTERN,
    PHRASES,
    legal_form_of,
    legal_form_of_phrase,
    phrase_abbreviation,
)
from abmresearch.match.index import _entry_keys, block_keys

# (name as written, legal form found, tokens of the name)
FORMS = [
    ('ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СИБИРЬСВЯЗЬМАРКЕТ"', "ооо", ("сибирьсвязьмаркет",)),
    ('"СИБИРЬСВЯЗЬМАРКЕТ" ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ', "ооо", ("сибирьсвязьмаркет",)),
    ("Общество-с-ограниченной-ответственностью «Урал Полярный»", "ооо", ("урал", "полярный")),
    ('ООО "УРАЛ ПОЛЯРНЫЙ"', "ооо", ("урал", "полярный")),
    ("«Урал Полярный», ООО", "ооо", ("урал", "полярный")),
    ("обществом с ограниченной ответственностью «Урал Полярный»", "ооо", ("урал", "полярный")),
    ('АКЦИОНЕРНОЕ ОБЩЕСТВО "ГОРСТРОЙЗАКАЗЧИК"', "ао", ("горстройзаказчик",)),
    ('ЖИЛИЩНО-СТРОИТЕЛЬНЫЙ КООПЕРАТИВ "ЛАЗУРНЫЙ"', "жск", ("лазурный",)),
    ('ЖСК "ЛАЗУРНЫЙ"', "жск", ("лазурный",)),
    ('КРЕСТЬЯНСКОЕ (ФЕРМЕРСКОЕ) ХОЗЯЙСТВО "ПРИУРАЛЬЕ"', "кфх", ("приуралье",)),
    ('ООО "КФХ "ПРИУРАЛЬЕ"', "ооо", ("кфх", "приуралье")),
    ('МУНИЦИПАЛЬНОЕ АВТОНОМНОЕ ДОШКОЛЬНОЕ ОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ "ДЕТСКИЙ САД № 242"', "мадоу", ("дс", "242")),
    ('ГОСУДАРСТВЕННОЕ БЮДЖЕТНОЕ УЧРЕЖДЕНИЕ ЗДРАВООХРАНЕНИЯ "ГОРОДСКАЯ БОЛЬНИЦА № 1"', "гбуз", ("городской", "больница", "1")),
    # business phrases collapse into their abbreviation, as the short name writes it
    ('ООО ТОРГОВЫЙ ДОМ "СИБИРЬСВЯЗЬМАРКЕТ"', "ооо", ("тд", "сибирьсвязьмаркет")),
    ('ООО ТД "СИБИРЬСВЯЗЬМАРКЕТ"', "ооо", ("тд", "сибирьсвязьмаркет")),
    ('ООО "СТРОИТЕЛЬНАЯ КОМПАНИЯ "ГОРСТРОЙ"', "ооо", ("ск", "горстрой")),
    ('ООО СК "ГОРСТРОЙ"', "ооо", ("ск", "горстрой")),
    ('ООО "НАУЧНО-ПРОИЗВОДСТВЕННОЕ ПРЕДПРИЯТИЕ "ТЕХПРОМ"', "ооо", ("нпп", "техпром")),
    ('ООО "НАУЧНО ПРОИЗВОДСТВЕННОЕ ПРЕДПРИЯТИЕ ТЕХПРОМ"', "ооо", ("нпп", "техпром")),
    ("ГРУППА КОМПАНИЙ «ЯМАЛ ФОРВАРД»", "", ("гк", "ямал", "форвард")),
    ("группой компаний «Ямал Форвард»", "", ("гк", "ямал", "форвард")),
    ('АО "СПЕЦИАЛИЗИРОВАННЫЙ ЗАСТРОЙЩИК "ГОРСТРОЙЗАКАЗЧИК"', "ао", ("сз", "горстройзаказчик")),
    ("ПАО «ТОРГОВЫЙ ДОМ ДОМ КУЛЬТУРЫ»", "пао", ("тд", "дк")),
    # a phrase is two words apart, not hyphenated (a legal form may be): the words stay
    ("Торговый-дом «Ромашка»", "", ("торговый", "дом", "ромашка")),
]  # fmt: skip


@pytest.mark.parametrize(("name", "form", "tokens"), FORMS, ids=[row[0][:40] for row in FORMS])
def test_legal_forms_and_phrases_of_real_names(
    name: str, form: str, tokens: tuple[str, ...]
) -> None:
    parts = parse_name(name)
    assert (parts.legal_form, parts.tokens) == (form, tokens)


# Texts where the word-by-word recogniser and the one alternation regex must agree: the names
# above lower-cased, running text, inflected forms, several forms in one text, near misses.
TEXTS = [name.lower() for name, _, _ in FORMS] + [
    "сотрудник общества с ограниченной ответственностью «ромашка» и акционерного общества «вектор»",
    "публичное акционерное общество «газпром нефть» и закрытое акционерное общество",
    "садоводческое некоммерческое товарищество собственников недвижимости «берёзка»",
    "сельскохозяйственный производственный кооператив (колхоз) «заря»",
    "кредитный потребительский кооператив граждан «доверие»",
    "районное потребительское общество",
    "федеральное государственное бюджетное образовательное учреждение высшего образования",
    "краевое государственное казенное учреждение социального обслуживания",
    "обществ с ограниченн ответственност",  # bare stems still match
    "общество с ответственностью",  # a word missing: no legal form
    "общество_с ограниченной ответственностью",  # «_» is a letter of the word
    "научнопроизводственное объединение «импульс» и научно производственная фирма",
    "средняя общеобразовательная школа № 5 и спортивная школа олимпийского резерва",
    "сельский дом культуры, районный дворец культуры, дом культуры «юность»",
    "группа компаний, группы компаний, групп компаний, группа-компаний",
    "ремонтно-строительное управление № 2 и строительно-монтажная компания",
    "жилищно-коммунальное хозяйство и завод железобетонных изделий",
    "детский сад «солнышко» и детские сады",
    "торговый дом торговая компания транспортная компания",
    "стройтехснаб торгпромдом домкультуры",
]


@pytest.mark.parametrize("text", TEXTS)
def test_word_by_word_recognition_equals_the_alternation_regex(text: str) -> None:
    def legal(match: object) -> str:
        return f"<{legal_form_of_phrase(match)}>"  # type: ignore[arg-type]

    def phrase(match: object) -> str:
        return f"<{phrase_abbreviation(match)}>"  # type: ignore[arg-type]

    assert LEGAL_FORMS.sub(
        lambda number, found: f"<{legal_form_of(number, found)}>", text
    ) == LEGAL_FORM_PATTERN.sub(legal, text)
    assert PHRASES.sub(
        lambda number, found: f"<{PHRASE_ABBREVIATIONS[number][1]}>", text
    ) == PHRASE_PATTERN.sub(phrase, text)
    assert LEGAL_FORMS.fullmatch(text) == bool(LEGAL_FORM_PATTERN.fullmatch(text))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("общество с ограниченной ответственностью", True),
        ("жилищно-строительный кооператив", True),
        ("муниципальное бюджетное учреждение культуры", True),
        ("ооо", False),  # an abbreviation is looked up as a word, not here
        ("общество с ограниченной ответственностью ромашка", False),
        ("", False),
    ],
)
def test_fullmatch_of_a_legal_form(text: str, found: bool) -> None:
    assert LEGAL_FORMS.fullmatch(text) is found
    assert bool(LEGAL_FORM_PATTERN.fullmatch(text)) is found


def test_every_alternative_starts_with_three_known_letters() -> None:
    # Otherwise the recogniser would try that alternative at every word (slow, still right).
    for alternation in (LEGAL_FORMS, PHRASES):
        assert alternation.word_heads is not None
        assert all(len(head) == 3 for head in alternation.heads)
    assert {"общ", "акц", "муп"} & LEGAL_FORMS.heads == {"общ", "акц"}
    assert {"тор", "стр", "дет", "гру"} <= PHRASES.heads
    # A name whose words start no alternative has nothing to recognise; «стройтехснаб» starts
    # like «строительная компания», so its alternatives are tried (and fail).
    assert not PHRASES.could_match(["ооо", "ромашка", "вектор"])
    assert PHRASES.could_match(["ооо", "стройтехснаб"])
    assert PHRASES.sub(lambda number, found: "<>", "ооо стройтехснаб") == "ооо стройтехснаб"
    assert PHRASES.could_match(["ооо", "торговый", "дом", "ромашка"])


@pytest.mark.parametrize(
    "name",
    [name for name, _, _ in FORMS]
    + [
        'ООО "ЯР-ГОР-ЭЛЕКТРО-ТРАНС"',
        'ТК "МЕТАЛЛСТРОЙКОМПЛЕКТ"',
        'ООО "СТРОИТЕЛЬНО-ТК "МОЛОТОВ"',
        "Yamal Forvard LLC",
        "у „Техпрома“",
        'ООО "СПК"',
    ],
)
def test_registry_keys_from_cached_pieces_equal_block_keys(name: str) -> None:
    # Same keys, added in the same order (the build numbers keys in the set's order).
    parts = parse_name(name)
    assert list(_entry_keys(parts)) == list(block_keys(parts))
