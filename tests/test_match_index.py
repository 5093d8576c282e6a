"""The blocking index stored in flat arrays: columns read back what was put in, the forked
parse and link workers give the same index and the same links as a run in one process."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from stdnum.ru import inn as inn_checksum

from abmresearch.match import index as index_module
from abmresearch.match import index_registry, match_tables
from abmresearch.match.index import RegistryIndex, TextColumn, build_index
from abmresearch.match.link import Link, link_mentions
from abmresearch.match.normalize import parse_name

NAMES = [
    'ООО "РОМАШКА-СЕВЕР"',
    'Общество с ограниченной ответственностью "Ромашка-Юг"',
    'АО "ПАРУС"',
    'ООО "ПАРУС"',
    'ЗАВОД МЕТАЛЛОКОНСТРУКЦИЙ "СМС-РЕСУРС"',
    'ООО "СПЕЦСТРОЙМОНТАЖ"',
    'ООО "ТОРГОВЫЙ ДОМ "ТЕХПРОМ"',
    'ФОНД ПОДДЕРЖКИ ДЕТЕЙ "ЛЮДИ РЯДОМ"',
    "ООО «Агентство технического консалтинга»",
    'ООО "ЁЛКА" ИНН 5401000014',
    'МБОУ "СРЕДНЯЯ ОБЩЕОБРАЗОВАТЕЛЬНАЯ ШКОЛА № 7"',
    'ООО "ROMASHKA GROUP"',
    "",
    'ООО "ЯМАЛ ИНФОРМ"',
    'ООО "СТРОЙСЕРВИС"',
    'ООО "СТРОЙСЕРВИС"',
]
MENTIONS = [
    "у «Ромашки-Севера»",
    "ромашка юг",
    "Парус",
    "ООО «СМС-Ресурс»",
    "ССМ",
    "ТД «Техпром»",
    "«Люди рядом»",
    "АТК",
    "Ёлка",
    "СОШ № 7",
    "Romashka Group",
    "Ямалинформ",
    "ООО «Стройсервис»",
    "Совсем другая компания",
    "",
]


def _inn(number: int) -> str:
    stem = f"54{number:07d}"
    return stem + inn_checksum.calc_company_check_digit(stem)


def _index(**options: object) -> RegistryIndex:
    inns = [_inn(k + 1) for k in range(len(NAMES))]
    regions = ["54" if k % 2 else "77" for k in range(len(NAMES))]
    return build_index(inns, [(name,) for name in NAMES], region=regions, **options)


@pytest.mark.parametrize(
    "texts",
    [
        NAMES,
        ["", "", "ё"],
        ["ромашка", "Latin and кириллица «»", "№ 7 — ЗАО"],
        [],
    ],
)
def test_text_column_reads_back_its_strings(texts: list[str]) -> None:
    column = TextColumn.of(texts)
    assert len(column) == len(texts)
    assert list(column) == texts
    assert [column[k] for k in range(len(texts))] == texts
    assert column.take(np.arange(len(texts))[::-1]) == texts[::-1]
    assert column[1:] == texts[1:]
    if texts:
        assert column[-1] == texts[-1]
    with pytest.raises(IndexError):
        column[len(texts)]
    assert list(pickle.loads(pickle.dumps(column))) == texts


def test_entries_read_back_as_parsed_names() -> None:
    index = _index()
    # Every entry is a whole name or the quoted core of one; each reads back as parse_name.
    for entry in range(len(index.entry_company)):
        parts = index.entry_parts[entry]
        assert parts.key == index.entry_key[entry]
        if index.entry_penalty[entry] == 0:
            assert parts == parse_name(NAMES[int(index.entry_company[entry])])
            assert (parts.surface is parts.tokens) == (parts.surface == parts.tokens)
        else:
            assert parts.tokens
    cores = [index.entry_key[e] for e in range(len(index.entry_key)) if index.entry_penalty[e]]
    assert "смс ресурс" in cores
    assert parse_name("ЛЮДИ РЯДОМ").key in cores
    assert index.name[0] == NAMES[0]
    assert index.name[12] == ""  # a company without a name keeps its row
    assert index.legal_form[:4] == ["ооо", "ооо", "ао", "ооо"]
    assert index.entry_parts[index.entry_company.tolist().index(9)].inn == "5401000014"


def test_same_name_companies_share_the_exact_key() -> None:
    index = _index()
    found = index.candidates(parse_name("Стройсервис"))
    companies = {int(index.entry_company[entry]) for entry in found[:2]}
    assert companies == {14, 15}


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="forked workers need 2 CPUs")
def test_forked_parse_workers_build_the_same_index(monkeypatch: pytest.MonkeyPatch) -> None:
    here = _index(parse=lambda text: parse_name(text))
    monkeypatch.setattr(index_module, "_PARALLEL_MIN", 1)
    forked = _index()
    for name in RegistryIndex.__dataclass_fields__:
        ours, theirs = getattr(here, name), getattr(forked, name)
        if isinstance(ours, np.ndarray):
            np.testing.assert_array_equal(ours, theirs, err_msg=name)
        elif name in ("entry_parts", "entry_key", "name"):
            assert [ours[k] for k in range(len(ours))] == [theirs[k] for k in range(len(theirs))]
        elif name != "weights":
            assert ours == theirs, name


def _summary(links: list[Link]) -> list[tuple[object, ...]]:
    return [
        (link.inn, link.score, link.method, link.decision, link.explanation, link.needs_review)
        for link in links
    ]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="forked workers need 2 CPUs")
def test_forked_link_workers_give_the_same_links() -> None:
    index = _index()
    names = MENTIONS * 4
    regions = ["54", "", "77"] * (len(names) // 3) + [""] * (len(names) % 3)
    here = link_mentions(names, index, regions=regions, workers=1)
    forked = link_mentions(names, index, regions=regions, workers=2, batch=7)
    assert _summary(forked) == _summary(here)
    linked = {name: link.inn for name, link in zip(names, here, strict=True) if link.inn}
    assert linked["у «Ромашки-Севера»"] == _inn(1)
    assert linked["ООО «СМС-Ресурс»"] == _inn(5)
    assert "Совсем другая компания" not in linked


def test_index_survives_pickling() -> None:
    # A Dask cluster receives the index pickled.
    index = _index()
    again = pickle.loads(pickle.dumps(index))
    assert _summary(link_mentions(MENTIONS, again)) == _summary(link_mentions(MENTIONS, index))


def _keys(index: RegistryIndex) -> list[str]:
    return [index.entry_key[entry] for entry in range(len(index.entry_key))]


def test_index_cache_is_reused_and_keyed_by_the_rows(tmp_path: Path) -> None:
    registry = pd.DataFrame(
        {
            "inn": [_inn(k + 1) for k in range(4)],
            "name": NAMES[:4],
            "region": ["54", "54", "77", "77"],
        }
    )
    mentions = pd.DataFrame({"mention_id": ["1", "2", "3"], "name": MENTIONS[:3]})
    built, _ = index_registry(registry, cache=tmp_path)
    files = sorted(tmp_path.iterdir())
    assert len(files) == 1
    again, _ = index_registry(registry, cache=tmp_path)
    assert sorted(tmp_path.iterdir()) == files
    assert again is not built
    assert _keys(again) == _keys(built)
    pd.testing.assert_frame_equal(
        match_tables(mentions, registry, index_cache=tmp_path).matches,
        match_tables(mentions, registry).matches,
    )
    # Another row → another file; a broken file is built again.
    changed = registry.assign(name=registry["name"].where(registry.index != 3, 'ООО "ВЕКТОР"'))
    index_registry(changed, cache=tmp_path)
    assert len(list(tmp_path.iterdir())) == 2
    files[0].write_bytes(b"not a pickle")
    rebuilt, _ = index_registry(registry, cache=tmp_path)
    assert _keys(rebuilt) == _keys(built)


def test_exact_keys_are_checked_when_hashes_collide() -> None:
    # Two different keys filed under one hash (as a SipHash collision would): each finds only
    # its own entries, whatever the order of the group.
    index = _index()
    parus = [e for e in range(len(index.entry_key)) if index.entry_key[e] == "парус"]
    vector = index.exact_hash.size
    index.exact_hash = np.append(index.exact_hash, np.iinfo(np.uint64).max)
    group = np.asarray([0, *parus], dtype=np.int32)
    index.exact_entries = np.append(index.exact_entries, group).astype(np.int32)
    index.exact_ptr = np.append(index.exact_ptr, index.exact_ptr[-1] + group.size)
    index.exact_pure = False
    collided = int(np.iinfo(np.uint64).max)
    assert index.exact_hash.size == vector + 1
    assert index._exact("парус", collided, None) == parus
    assert index._exact(index.entry_key[0], collided, None) == [0]
    assert index._exact("вектор", collided, None) == []
    assert _index().exact_pure


def test_equally_rare_keys_are_read_in_the_order_of_their_text_not_their_id() -> None:
    # Key ids follow the order the build met the keys in (a set's order: the hash seed's);
    # the shortlist must not depend on it, so ties of frequency are broken by the key's text.
    found = [(3, 7, "ромашка"), (3, 2, "~ромаш"), (1, 9, "юг"), (3, 1, "<ашка")]
    expected = [(1, 9, "юг"), (3, 1, "<ашка"), (3, 2, "~ромаш"), (3, 7, "ромашка")]
    assert sorted(found, key=index_module._by_rarity) == expected
    renumbered = [(df, 100 - key_id, key) for df, key_id, key in found]
    assert [key for *_, key in sorted(renumbered, key=index_module._by_rarity)] == [
        key for *_, key in expected
    ]
