# ruff: noqa: E501
"""Linking mentions to a registry: real ЕГРЮЛ/МСП names and small hand-made registries."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from abmresearch.match import MATCH_COLUMNS, index_registry, match_names, match_tables
from abmresearch.match.index import RegistryIndex

# Fictional companies with valid ИНН (python-stdnum checksums).
INN = [
    "5401000014",
    "5401000021",
    "5401000039",
    "7701000040",
    "7701000058",
    "5401000060",
    "7601000079",
    "5401000085",
]


def _frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows).fillna("")


@pytest.fixture(scope="module")
def real_registry(shared_data: Path) -> pd.DataFrame:
    """Every organisation of ЕГРЮЛ and МСП samples: inn, name (full), short_name, region."""
    egrul = pd.read_csv(
        shared_data / "egrul-samples" / "egrul_companies.csv", dtype=str, keep_default_na=False
    )
    msp = pd.read_csv(
        shared_data / "fns-opendata-samples" / "msp_legal_entities.csv",
        dtype=str,
        keep_default_na=False,
    )
    columns = {"name_full": "name", "name_short": "short_name", "region_code": "region"}
    frames = [table.rename(columns=columns)[["inn", *columns.values()]] for table in (egrul, msp)]
    return pd.concat(frames, ignore_index=True).drop_duplicates("inn").reset_index(drop=True)


@pytest.fixture(scope="module")
def full_names_only(real_registry: pd.DataFrame) -> RegistryIndex:
    """The real registry with full names only (short names are what mentions look like)."""
    index, warnings = index_registry(real_registry.drop(columns=["short_name"]))
    assert warnings == []
    return index


def _inn_of(registry: pd.DataFrame, full_name: str) -> str:
    rows = registry[registry["name"] == full_name]
    assert len(rows) == 1, full_name
    return str(rows["inn"].iloc[0])


def test_real_short_names_link_to_full_names(
    real_registry: pd.DataFrame, full_names_only: RegistryIndex
) -> None:
    pairs = real_registry[real_registry["short_name"] != ""]
    mentions = pd.DataFrame(
        {
            "mention_id": range(len(pairs)),
            "name": pairs["short_name"].to_numpy(),
            "region": pairs["region"].to_numpy(),
        }
    )
    matches = match_tables(mentions, full_names_only).matches
    linked = matches["inn"] != ""
    right = matches["inn"].to_numpy() == pairs["inn"].to_numpy()
    precision = right.sum() / linked.sum()
    recall = right.sum() / len(pairs)
    # bench_match.py prints the exact numbers; these floors catch regressions.
    assert precision >= 0.98
    assert recall >= 0.88


VARIANTS = [
    ("inflected genitive", "у «Сибирьсвязьмаркета»", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СИБИРЬСВЯЗЬМАРКЕТ"'),
    ("inflected instrumental", "компанией «Горстройзаказчик»", 'АКЦИОНЕРНОЕ ОБЩЕСТВО СПЕЦИАЛИЗИРОВАННЫЙ ЗАСТРОЙЩИК "ГОРСТРОЙЗАКАЗЧИК"'),
    ("legal form after", "«Стр-Модель», ООО", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СТР-МОДЕЛЬ"'),
    ("no quotes, lower case", "ооо стр модель", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СТР-МОДЕЛЬ"'),
    ("Latin lookalikes", "OOO «CИБИPЬCBЯЗЬMAPKET»", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СИБИРЬСВЯЗЬМАРКЕТ"'),
    ("transliteration", "Sibirsvyazmarket LLC", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СИБИРЬСВЯЗЬМАРКЕТ"'),
    ("typo", "ООО «Сибирьсвязмаркет»", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СИБИРЬСВЯЗЬМАРКЕТ"'),
    ("extra words", "ГК Сибирьсвязьмаркет (Новосибирск)", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СИБИРЬСВЯЗЬМАРКЕТ"'),
    ("acronym of the whole name", 'ООО "ЦВТ"', 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ЦЕНТР ВИХРЕВЫХ ТЕХНОЛОГИЙ"'),
    ("acronym + word", 'ООО "АТК КОНЦЕПТ"', 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "АГЕНТСТВО ТЕХНИЧЕСКОГО КОНСАЛТИНГА КОНЦЕПТ"'),
    ("acronym of a compound", 'ООО ТК "МСК"', 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ ТОРГОВАЯ КОМПАНИЯ "МЕТАЛЛСТРОЙКОМПЛЕКТ"'),
    ("quoted core only", "СМС-Ресурс", 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ ЗАВОД МЕТАЛЛОКОНСТРУКЦИЙ "СМС-РЕСУРС"'),
    ("business phrase abbreviated", 'ООО "ЧОО "КЕНТАВР"', 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ЧАСТНАЯ ОХРАННАЯ ОРГАНИЗАЦИЯ "КЕНТАВР"'),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "mention", "full_name"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_variant_types_on_real_names(
    kind: str,
    mention: str,
    full_name: str,
    real_registry: pd.DataFrame,
    full_names_only: RegistryIndex,
) -> None:
    expected = _inn_of(real_registry, full_name)
    region = str(real_registry.loc[real_registry["inn"] == expected, "region"].iloc[0])
    mentions = pd.DataFrame({"mention_id": ["m1"], "name": [mention], "region": [region]})
    row = match_tables(mentions, full_names_only).matches.iloc[0]
    assert row["inn"] == expected, f"{kind}: {row['explanation']}"
    assert 0.0 < row["score"] <= 1.0
    assert row["method"] == "name"
    assert "совпали" in row["explanation"]


def test_unknown_company_stays_empty(full_names_only: RegistryIndex) -> None:
    mentions = pd.DataFrame(
        {
            "mention_id": ["a", "b", "c"],
            "name": ["ООО «Квазарбетонлогистик»", "у «Росгидрографии»", "Ф"],
        }
    )
    matches = match_tables(mentions, full_names_only).matches
    assert matches["inn"].tolist() == ["", "", ""]
    assert matches["matched_name"].tolist() == ["", "", ""]


@pytest.fixture
def small_registry() -> pd.DataFrame:
    return _frame(
        [
            {"inn": INN[0], "name": 'ООО "РОМАШКА-СЕВЕР"', "region": "54"},
            {"inn": INN[1], "name": 'ООО "РОМАШКА-ЮГ"', "region": "54"},
            {"inn": INN[2], "name": 'ООО "ПАРУС"', "region": "54"},
            {"inn": INN[3], "name": 'ООО "ПАРУС"', "region": "77"},
            {"inn": INN[4], "name": 'АО "ВЕКТОР"', "region": "77"},
            {"inn": INN[5], "name": 'ООО "ВЕКТОР"', "region": "77"},
            {"inn": INN[6], "name": 'ООО "СТРОИТЕЛЬНАЯ КОМПАНИЯ "ГРАНИТ"', "region": "76"},
        ]
    )


def _one(registry: pd.DataFrame, name: str, **extra: str) -> pd.Series:
    mentions = pd.DataFrame([{"mention_id": "m", "name": name, **extra}])
    return match_names(mentions, registry).iloc[0]


def test_one_distinctive_word_is_not_merged(small_registry: pd.DataFrame) -> None:
    assert _one(small_registry, "«Ромашка-Север»")["inn"] == INN[0]
    assert _one(small_registry, "ООО Ромашка Юг")["inn"] == INN[1]
    assert _one(small_registry, "ООО «Ромашка-Запад»")["inn"] == ""


def test_region_breaks_a_tie(small_registry: pd.DataFrame) -> None:
    row = _one(small_registry, "ООО Парус", region="77")
    assert row["inn"] == INN[3]
    assert "регион совпал" in row["explanation"]


def test_same_name_without_region_goes_to_review(small_registry: pd.DataFrame) -> None:
    mentions = pd.DataFrame([{"mention_id": "m", "name": "Парус"}])
    result = match_tables(mentions, small_registry)
    assert result.matches["inn"].iloc[0] == ""
    assert result.matches["decision"].iloc[0] == "review"
    assert set(result.review["inn"]) == {INN[2], INN[3]}
    assert (result.review["decision"] == "").all()


def test_legal_form_breaks_a_tie(small_registry: pd.DataFrame) -> None:
    assert _one(small_registry, "АО «Вектор»")["inn"] == INN[4]


def test_known_inn_wins(small_registry: pd.DataFrame) -> None:
    row = _one(small_registry, "совсем другое название", inn=INN[2])
    assert (row["inn"], row["method"], row["score"]) == (INN[2], "inn", 1.0)
    assert _one(small_registry, f"ООО Парус, ИНН {INN[3]}")["inn"] == INN[3]


def test_valid_inn_unknown_to_the_registry_is_not_overruled(small_registry: pd.DataFrame) -> None:
    row = _one(small_registry, "СК Гранит", inn="5401000102")
    assert (row["inn"], row["decision"]) == ("", "review")
    assert "не найден в реестре" in row["explanation"]


def test_inn_with_bad_checksum_is_ignored(small_registry: pd.DataFrame) -> None:
    row = _one(small_registry, "СК Гранит", inn="7601000070")
    assert row["inn"] == INN[6]
    assert "контрольной суммы" in row["explanation"]


def test_output_contract(small_registry: pd.DataFrame) -> None:
    mentions = pd.DataFrame(
        {"mention_id": ["3", "1", "2"], "name": ["Гранит", "", "ООО «Ромашка-Юг»"]}
    )
    result = match_names(mentions, small_registry)
    assert list(result.columns) == list(MATCH_COLUMNS)
    assert result["mention_id"].tolist() == ["3", "1", "2"]
    assert result["inn"].iloc[1] == ""
    assert result["score"].between(0, 1).all()
    assert "пустое название в 1 строках" in result.attrs["warnings"][0]


def test_decisions_are_reapplied(small_registry: pd.DataFrame) -> None:
    mentions = pd.DataFrame([{"mention_id": "m", "name": "Парус"}])
    review = match_tables(mentions, small_registry).review
    decisions = review.assign(decision=["да" if inn == INN[2] else "" for inn in review["inn"]])
    again = match_tables(mentions, small_registry, decisions=decisions).matches.iloc[0]
    assert (again["inn"], again["method"], again["decision"]) == (INN[2], "decision", "accepted")
    # The decision is keyed by the normalised name: another spelling gets it too.
    other = pd.DataFrame([{"mention_id": "n", "name": "ООО «ПАРУС»"}])
    assert match_tables(other, small_registry, decisions=decisions).matches["inn"][0] == INN[2]
    rejected = pd.DataFrame([{"name": "Гранит", "inn": "", "decision": "rejected"}])
    row = match_names(pd.DataFrame([{"mention_id": "g", "name": "Гранит"}]), small_registry,
                      decisions=rejected).iloc[0]  # fmt: skip
    assert (row["inn"], row["decision"]) == ("", "rejected")


def test_duplicate_inn_rows_are_variants_with_a_warning() -> None:
    registry = _frame(
        [
            {"inn": INN[0], "name": 'ООО "ТЕХПРОМ"'},
            {"inn": INN[0], "name": 'ООО "ТЕХПРОМ СИБИРЬ"'},
            {"inn": "", "name": 'ООО "БЕЗ ИНН"'},
        ]
    )
    result = match_tables(pd.DataFrame([{"mention_id": "m", "name": "Техпром"}]), registry)
    assert result.matches["inn"][0] == INN[0]
    assert any("1 ИНН в 2 строках" in w for w in result.warnings)
    assert any("пустой ИНН в 1 строках" in w for w in result.warnings)


def test_nerel_aliases_of_real_news(shared_data: Path) -> None:
    """NEREL organisation forms grouped by Wikidata id: inflected forms must find their group."""
    table = pd.read_csv(
        shared_data / "nerel" / "derived" / "trainval_org_wikidata_variants.tsv",
        sep="\t",
        dtype=str,
        keep_default_na=False,
    )
    registry, mentions = [], []
    for qid, forms in zip(table["wikidata_qid"], table["surface_forms"], strict=True):
        names = [form.strip() for form in forms.split(" | ") if form.strip()]
        registry.append({"inn": qid, "name": names[0]})
        mentions += [{"mention_id": f"{qid}-{i}", "name": n} for i, n in enumerate(names[1:])]
    index, _ = index_registry(pd.DataFrame(registry))
    frame = pd.DataFrame(mentions)
    matches = match_tables(frame, index).matches
    gold = frame["mention_id"].str.split("-").str[0]
    linked = matches["inn"] != ""
    precision = (matches["inn"][linked] == gold[linked]).mean()
    recall = (matches["inn"] == gold).mean()
    assert precision >= 0.65
    assert recall >= 0.3


def test_batches_on_a_dask_cluster(small_registry: pd.DataFrame) -> None:
    distributed = pytest.importorskip("distributed")
    mentions = pd.DataFrame(
        {"mention_id": ["1", "2", "3"], "name": ["Ромашка-Север", "Парус", "Гранит"]}
    )
    local = match_tables(mentions, small_registry).matches
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = match_tables(mentions, small_registry, scheduler=client).matches
    pd.testing.assert_frame_equal(local, remote)
