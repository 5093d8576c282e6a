# ruff: noqa: E501
"""The short-name mechanisms of company matching, each with the case it must not merge.

Fictional companies (valid ИНН 99…, python-stdnum checksums) are added to the real ЕГРЮЛ/МСП
registry in ../shared/data, so token weights are those of a realistic registry. Every positive
case has a neighbour it must not be confused with.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from abmresearch.match import index_registry, match_tables, parse_name
from abmresearch.match.index import RegistryIndex, name_cores
from abmresearch.match.normalize import split_compound, word_initials

FICTIONAL = [
    ("9909000004", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ВОЛГАСТРОЙПРОЕКТ"', "63"),
    ("9909000011", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ЛОТОС-ТРЕЙД"', "63"),
    ("9909000029", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ЛОТОС ГРУПП"', "63"),
    ("9909000036", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СТРОИТЕЛЬНО-ТОРГОВАЯ КОМПАНИЯ "ЗАРЕЧЬЕ"', "63"),
    ("9909000043", 'МУНИЦИПАЛЬНОЕ КАЗЕННОЕ УЧРЕЖДЕНИЕ "ДОМ КУЛЬТУРЫ" ЛЕСНОГО СЕЛЬСОВЕТА БЕРЕЗОВСКОГО РАЙОНА НОВОСИБИРСКОЙ ОБЛАСТИ', "54"),
    ("9909000050", 'МУНИЦИПАЛЬНОЕ КАЗЕННОЕ УЧРЕЖДЕНИЕ "ДОМ КУЛЬТУРЫ" ПОЛЕВОГО СЕЛЬСОВЕТА БЕРЕЗОВСКОГО РАЙОНА НОВОСИБИРСКОЙ ОБЛАСТИ', "54"),
    ("9909000068", 'МУНИЦИПАЛЬНОЕ АВТОНОМНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ ГОРОДА ОМСКА "ОМСКИЙ ТЕХНИЧЕСКИЙ ЛИЦЕЙ ИМЕНИ И. И. ИВАНОВА"', "55"),
    ("9909000075", "ПЕТРОВСКОЕ РАЙОННОЕ ПОТРЕБИТЕЛЬСКОЕ ОБЩЕСТВО", "52"),
    ("9909000082", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ГЕОЛОГ. ИЗЫСКАНИЯ И ПРОЕКТИРОВАНИЕ"', "52"),
    ("9909000090", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ГЕОФИЗИК ИЗЫСКАНИЯ"', "52"),
    ("9909000100", "ЖИЛИЩНО-СТРОИТЕЛЬНЫЙ КООПЕРАТИВ №7", "52"),
    ("9909000117", "ЖИЛИЩНО-СТРОИТЕЛЬНЫЙ КООПЕРАТИВ №8", "52"),
    ("9909000124", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ЭЛЬБРУС-ТУР"', "52"),
    ("9909000131", 'ГОСУДАРСТВЕННОЕ БЮДЖЕТНОЕ УЧРЕЖДЕНИЕ "ЦЕНТР СОЦИАЛЬНОЙ ПОМОЩИ И РЕАБИЛИТАЦИИ "ЛАДА"', "63"),
    ("9909000149", 'ФОНД РАЗВИТИЯ ДЕТСКОГО ТВОРЧЕСТВА "ЗВОНКИЕ ГОЛОСА"', "63"),
    ("9909000156", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ПОЛЯРНАЯ ЗВЕЗДА"', "63"),
    ("9909000163", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "КВАНТИКС"', "63"),
    ("9909000170", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ВЕКСИ"', "63"),
]  # fmt: skip


@pytest.fixture(scope="module")
def registry(shared_data: Path) -> pd.DataFrame:
    tables = [
        pd.read_csv(shared_data / path, dtype=str, keep_default_na=False)
        for path in (
            "egrul-samples/egrul_companies.csv",
            "fns-opendata-samples/msp_legal_entities.csv",
        )
    ]
    columns = {"name_full": "name", "region_code": "region"}
    real = [table.rename(columns=columns)[["inn", *columns.values()]] for table in tables]
    fictional = pd.DataFrame(FICTIONAL, columns=["inn", "name", "region"])
    frame = pd.concat([*real, fictional], ignore_index=True)
    return frame.drop_duplicates("inn").reset_index(drop=True)


@pytest.fixture(scope="module")
def index(registry: pd.DataFrame) -> RegistryIndex:
    built, warnings = index_registry(registry)
    assert warnings == []
    return built


# (mechanism, mention, region, ИНН it must link to or "" for no link)
CASES = [
    ("acronym of a compound with a free head", 'ООО "ВСП"', "63", "9909000004"),
    ("… another acronym is not it", 'ООО "ВСТ"', "63", ""),
    ("cut-off last word", 'ООО "ЛОТОС-Т"', "63", "9909000011"),
    ("… a cut-off that begins no word", 'ООО "ЛОТОС-М"', "63", ""),
    ("abbreviation inside an acronym", 'ООО "СТК "ЗАРЕЧЬЕ"', "63", "9909000036"),
    ("place words of an institution", 'МКУ "ДК" ЛЕСНОГО СЕЛЬСОВЕТА', "54", "9909000043"),
    ("… the other village", 'МКУ "ДК" ПОЛЕВОГО СЕЛЬСОВЕТА', "54", "9909000050"),
    ("… a village the registry lacks", 'МКУ "ДК" ГОРНОГО СЕЛЬСОВЕТА', "54", ""),
    ("institution acronym, city and dedication left out", "МАОУ ОТЛ", "55", "9909000068"),
    ("райпо", "ПЕТРОВСКОЕ РАЙПО", "52", "9909000075"),
    ("name before a full stop", 'ООО "ГЕОЛОГ"', "52", "9909000082"),
    ("… not a name with another word", 'ООО "ГЕОЛОГ-СЕРВИС"', "52", ""),
    ("hyphenated full legal form, number", "ЖСК-7", "52", "9909000100"),
    ("… the other number", "ЖСК № 8", "52", "9909000117"),
    ("transliteration losing «ь»", "Elbrus-Tur", "52", "9909000124"),
    ("«и» of a dropped conjunction in an acronym", 'ГБУ "ЦСПИР "ЛАДА"', "63", "9909000131"),
    ("mention word explained by the full name", 'ФОНД "ЗВОНКИЕ ГОЛОСА"', "63", "9909000149"),
    ("unknown word in the instrumental", "компанией «Квантиксом»", "63", "9909000163"),
    ("… a nominative in «-и» is no stem", 'ООО "ВЕКСИМ"', "63", ""),
    ("one distinctive word differs", 'ООО "ПОЛЯРНАЯ ЗАРЯ"', "63", ""),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "mention", "region", "inn"), CASES, ids=[c[0] for c in CASES])
def test_short_name_mechanisms(
    kind: str, mention: str, region: str, inn: str, index: RegistryIndex
) -> None:
    mentions = pd.DataFrame({"mention_id": ["m"], "name": [mention], "region": [region]})
    row = match_tables(mentions, index).matches.iloc[0]
    assert row["inn"] == inn, f"{kind}: {row['explanation']}"


@pytest.mark.parametrize(
    ("word", "parts", "initials"),
    [
        ("ямалстройпроект", ("ямал", "строй", "проект"), ("я", "ясп")),
        ("яргорэлектротранс", ("яр", "гор", "электро", "транс"), ("я", "ягэт", "яргэт")),
        ("металлоконструкция", ("металл", "конструкция"), ("м", "мк")),
        ("энергосберегающий", ("энерго", "сберегающий"), ("э", "эс")),
        ("строительство", (), ("с",)),
        ("администрация", (), ("а",)),
        ("тк", (), ("т", "тк")),
    ],
)
def test_compound_words_and_their_initials(
    word: str, parts: tuple[str, ...], initials: tuple[str, ...]
) -> None:
    assert split_compound(word) == parts
    assert word_initials(word) == initials


@pytest.mark.parametrize(
    ("text", "legal_form", "tokens"),
    [
        (
            'МУНИЦИПАЛЬНОЕ АВТОНОМНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ "ЛИЦЕЙ № 9"',
            "маоу",
            ("лицей", "9"),
        ),
        ("МАОУ ЛИЦЕЙ № 9", "маоу", ("лицей", "9")),
        (
            'МУНИЦИПАЛЬНОЕ АВТОНОМНОЕ ДОШКОЛЬНОЕ ОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ "ДЕТСКИЙ САД № 5"',
            "мадоу",
            ("дс", "5"),
        ),
        ("МАДОУ Д/С № 5", "мадоу", ("дс", "5")),
        (
            "ГОСУДАРСТВЕННОЕ БЮДЖЕТНОЕ УЧРЕЖДЕНИЕ ЗДРАВООХРАНЕНИЯ «ОБЛАСТНАЯ БОЛЬНИЦА»",
            "гбуз",
            ("областной", "больница"),
        ),
        (
            "ГОСУДАРСТВЕННОЕ БЮДЖЕТНОЕ ПРОФЕССИОНАЛЬНОЕ ОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ «ТЕХНИКУМ»",
            "гбпоу",
            ("техникум",),
        ),
        ("МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ УЧРЕЖДЕНИЕ КУЛЬТУРЫ «ДОМ КУЛЬТУРЫ»", "мбук", ("дк",)),
        ("КРЕДИТНЫЙ СЕЛЬСКОХОЗЯЙСТВЕННЫЙ ПОТРЕБИТЕЛЬСКИЙ КООПЕРАТИВ «НИВА»", "кспк", ("нива",)),
        ('СНТСН "РАССВЕТ"', "снтсн", ("рассвет",)),
        ("ПЕТРОВСКОЕ РАЙОННОЕ ПОТРЕБИТЕЛЬСКОЕ ОБЩЕСТВО", "райпо", ("петровское",)),
        ('ООО "КФХ "ПРИУРАЛЬЕ"', "ооо", ("кфх", "приуралье")),
        ("МУП ЖИЛИЩНО-КОММУНАЛЬНОГО ХОЗЯЙСТВА", "муп", ("жкх",)),
        ('ООО "ЗАВОД ЖБИ ИМ. В.И. ЛЕНИНА"', "ооо", ("завод", "жби", "имя", "ленин")),
    ],
)
def test_legal_forms_and_phrases(text: str, legal_form: str, tokens: tuple[str, ...]) -> None:
    parts = parse_name(text)
    assert parts.legal_form == legal_form
    assert parts.tokens == tokens


@pytest.mark.parametrize(
    ("name", "cores"),
    [
        ('ЗАВОД МЕТАЛЛОКОНСТРУКЦИЙ "СМС-РЕСУРС"', ["СМС-РЕСУРС"]),
        ('ООО "РОМАШКА"', []),
        ('ООО "ТПК "ВС-ГРУПП"', ["ВС-ГРУПП"]),
        ('МАДОУ "ДЕТСКИЙ САД № 242 "ЁЛОЧКА"', ["ЁЛОЧКА", "ДЕТСКИЙ САД № 242"]),
        ('ООО "ЭКОНЕКСТ. ЭНЕРГОСБЕРЕГАЮЩИЕ ТЕХНОЛОГИИ"', ["ЭКОНЕКСТ"]),
        ('ГАРАЖНЫЙ КООПЕРАТИВ "ЛУЧ"/ГК "ЛУЧ"', ['ГАРАЖНЫЙ КООПЕРАТИВ "ЛУЧ"', 'ГК "ЛУЧ"', "ЛУЧ"]),
    ],
)
def test_name_cores(name: str, cores: list[str]) -> None:
    assert name_cores(name) == cores
