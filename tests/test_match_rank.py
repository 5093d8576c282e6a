"""Token pairing and the rerank of a short list: every pairing mechanism on hand-made fictional
names, the three candidates a link keeps, short lists read in batches, names parsed by the
forked link workers."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest
from rapidfuzz import fuzz
from stdnum.ru import inn as inn_checksum

from abmresearch.match import index_registry
from abmresearch.match import link as link_module
from abmresearch.match.index import RegistryIndex
from abmresearch.match.link import Link, link_mentions
from abmresearch.match.normalize import parse_name
from abmresearch.match.score import token_agreement


def _weight(token: str) -> float:
    # Longer words are rarer in a registry: enough to tell a name word from an abbreviation.
    return 3.0 if len(token) > 3 else 1.5


# (mention, registry name, pairs that agreed, mention words left, registry words left)
PAIRINGS = [
    # one word written as two, both ways
    ("Ямалинформ", 'ООО "ЯМАЛ ИНФОРМ"', ("ямалинформ=ямал информ",), (), ()),
    ("ООО Ямал Информ", 'ООО "ЯМАЛИНФОРМ"', ("ямал информ=ямалинформ",), (), ()),
    # acronyms: initials of words, of a compound's parts, the «И» of a dropped conjunction
    (
        "АТК",
        "ООО «Агентство технического консалтинга»",
        ("атк=агентство технический консалтинг",),
        (),
        (),
    ),
    ("ССМ", 'ООО "СПЕЦСТРОЙМОНТАЖ"', ("ссм=спецстроймонтаж",), (), ()),
    (
        "КЦСОИР",
        "Комплексный центр социального обслуживания и реабилитации",
        ("кцсоир=комплексный центр социальный обслуживание реабилитация",),
        (),
        (),
    ),
    # an acronym after a word that already agreed (the run starts at the second word)
    ("Центр ПБ", 'Центр "Пожарная безопасность"', ("центр", "пб=пожарный безопасность"), (), ()),
    # transliteration loses э/е, й/и
    ("Eyfel Tauer", 'ООО "ЭЙФЕЛ ТАУЭР"', ("ейфел~эйфел", "тауер~тауэр"), (), ()),
    # an unknown word in an oblique case
    ("компанией «Аяксом»", 'ООО "АЯКС"', ("аяксом~аякс",), ("компания",), ()),
    # a cut-off last part, and one that is another letter
    ("ВИВА-Т", 'ООО "ВИВА-ТРЭВЭЛ"', ("вива", "т…=трэвэл"), (), ()),
    ("ВИВА-М", 'ООО "ВИВА-ТРЭВЭЛ"', ("вива",), ("м",), ("трэвэл",)),
    # a typo
    ("Стройтехснап", 'ООО "СТРОЙТЕХСНАБ"', ("стройтехснап≈стройтехснаб",), (), ()),
    # place and dedication words the mention leaves out
    (
        "МАОУ НГПЛ",
        'МАОУ города Новосибирска "НГПЛ" имени А. С. Пушкина',
        ("нгпл",),
        (),
        ("город", "новосибирск", "имя", "а", "пушкин"),
    ),
    # no word in common
    ("Парус", 'ООО "ВЕКТОР"', (), ("парус",), ("вектор",)),
]


@pytest.mark.parametrize(
    ("mention", "registry", "agreed", "missing", "extra"), PAIRINGS, ids=[p[0] for p in PAIRINGS]
)
def test_token_pairing(
    mention: str,
    registry: str,
    agreed: tuple[str, ...],
    missing: tuple[str, ...],
    extra: tuple[str, ...],
) -> None:
    found = token_agreement(parse_name(mention), parse_name(registry), _weight)
    assert (found.agreed, found.missing, found.extra) == (agreed, missing, extra)
    assert 0.0 <= found.score <= 1.0
    assert (found.score == 0.0) == (not agreed)


# (mention, a registry name whose extra words only say where, one whose extra words are its own)
PLACES = [
    ("Дом культуры", "Дом культуры Черепановского района", "Дом культуры Черепановского завода"),
    ("Школа искусств", "Школа искусств города Бердска", "Школа искусств и ремёсел Бердска"),
    (
        "Детская библиотека",
        "Детская библиотека имени А. С. Пушкина",
        "Детская библиотека Алые Паруса",
    ),
]


@pytest.mark.parametrize(("mention", "placed", "named"), PLACES, ids=[p[0] for p in PLACES])
def test_place_words_cost_less_than_name_words(mention: str, placed: str, named: str) -> None:
    parts = parse_name(mention)
    where = token_agreement(parts, parse_name(placed), _weight)
    whose = token_agreement(parts, parse_name(named), _weight)
    assert where.extra and whose.extra
    assert where.score > whose.score


def _inn(number: int) -> str:
    stem = f"54{number:07d}"
    return stem + inn_checksum.calc_company_check_digit(stem)


@pytest.fixture(scope="module")
def registry() -> pd.DataFrame:
    names = [
        "ООО «Агентство технического консалтинга»",  # 0: АТК by its words
        'ООО "ЭЙФЕЛ ТАУЭР"',  # 1 and 2: as near by characters to «Eyfel Tauer»
        'ООО "ЕЙФЕЛЬ ТАУН"',
        'ООО "СТРОЙСЕРВИС"',  # 3–6: one name in four regions
        'ООО "СТРОЙСЕРВИС"',
        'ООО "СТРОЙСЕРВИС"',
        'ООО "СТРОЙСЕРВИС"',
        'ООО "ТОРГОВЫЙ ДОМ "ТЕХПРОМ"',
        'ООО "ТЕХПРОМСЕРВИС"',
    ]
    regions = ["54", "54", "54", "54", "77", "76", "66", "54", "54"]
    return pd.DataFrame(
        {"inn": [_inn(k + 1) for k in range(len(names))], "name": names, "region": regions}
    )


@pytest.fixture(scope="module")
def index(registry: pd.DataFrame) -> RegistryIndex:
    built, warnings = index_registry(registry)
    assert warnings == []
    return built


def test_words_decide_where_characters_do_not(
    registry: pd.DataFrame, index: RegistryIndex
) -> None:
    # Both names are as near to «Eyfel Tauer» by characters; only one agrees word by word.
    parts = parse_name("Eyfel Tauer")
    keys = [index.entry_key[int(entry)] for entry in index.candidates(parts)]
    assert fuzz.ratio(parts.key, "эйфел тауэр") == fuzz.ratio(parts.key, "ейфель таун")
    assert {"эйфел тауэр", "ейфель таун"} <= set(keys)
    link = link_mentions(["Eyfel Tauer"], index, workers=1)[0]
    assert link.inn == registry["inn"][1]
    assert [c.company for c in link.candidates] == [1, 2]
    assert link.candidates[0].similarity - link.candidates[1].similarity > 0.3


def test_an_acronym_far_off_by_characters_still_links(
    registry: pd.DataFrame, index: RegistryIndex
) -> None:
    # «атк» against «агентство технический консалтинг» is below the characters cut-off.
    assert fuzz.ratio("атк", "агентство технический консалтинг") < 30
    link = link_mentions(["ООО АТК"], index, workers=1)[0]
    assert link.inn == registry["inn"][0]
    assert link.explanation == "совпали: атк=агентство технический консалтинг"


def test_a_link_keeps_the_three_best(registry: pd.DataFrame, index: RegistryIndex) -> None:
    # Four companies of the same name: the mention is ambiguous, three of them are shown.
    link = link_mentions(["Стройсервис"], index, workers=1)[0]
    assert link.decision == "review" and link.inn == ""
    assert len(link.candidates) == 3
    similarities = [candidate.similarity for candidate in link.candidates]
    assert similarities == sorted(similarities, reverse=True)
    assert {candidate.company for candidate in link.candidates} <= {3, 4, 5, 6}
    # The region decides among them.
    placed = link_mentions(["Стройсервис"], index, regions=["76"], workers=1)[0]
    assert placed.inn == registry["inn"][5]
    assert placed.candidates[0].explanation.endswith("регион совпал")
    assert "другой регион" in placed.candidates[1].explanation


MENTIONS = [
    "АТК",
    "Eyfel Tauer",
    "Стройсервис",
    "ТД «Техпром»",
    "Техпромсервис",
    "Техпром",
    "компанией «Техпромом»",
    "Совсем другая компания",
]


def test_batched_short_lists_are_the_short_lists_of_each(index: RegistryIndex) -> None:
    many = [parse_name(name) for name in MENTIONS]
    batched = index.shortlists(many)
    for parts, entries in zip(many, batched, strict=True):
        alone = index.candidates(parts)
        np.testing.assert_array_equal(entries, alone)
        assert len(set(entries.tolist())) == entries.size
        exact = [e for e in entries.tolist() if index.entry_key[e] == parts.key]
        assert entries.tolist()[: len(exact)] == exact


def _full(links: list[Link]) -> list[tuple[object, ...]]:
    return [
        (
            link.inn,
            link.score,
            link.method,
            link.decision,
            link.explanation,
            link.needs_review,
            [(c.company, c.score, c.similarity, c.explanation) for c in link.candidates],
        )
        for link in links
    ]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="forked workers need 2 CPUs")
def test_forked_workers_parse_and_link_as_here(
    index: RegistryIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [f"{name} {k}" if k % 3 else name for k in range(6) for name in MENTIONS]
    regions = ["54", "", "77"] * (len(names) // 3)
    here = link_mentions(names, index, regions=regions, workers=1)
    # Small parse batches: the workers parse the names too.
    monkeypatch.setattr(link_module, "_PARSE_BATCH", 2)
    forked = link_mentions(names, index, regions=regions, workers=2, batch=5)
    assert _full(forked) == _full(here)
    assert here[0].inn == _inn(1)
    assert here[1].inn == _inn(2)
