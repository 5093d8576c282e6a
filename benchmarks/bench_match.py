"""Accuracy and scale of company matching (`abm match`), with baselines in the same run.

Accuracy on the real data in ../shared/data (nothing copied into the repository):

* registry = every organisation of egrul-samples and fns-opendata-samples (ЕГРЮЛ, МСП,
  численность, доходы/расходы; ~7.3k ИНН, many same-name companies in other regions);
* ЕГРЮЛ: short name (mention, with region) → full name in the registry, gold ИНН (493 pairs);
* МСП: short name → full name, gold ИНН;
* variants made by code from the real ЕГРЮЛ/МСП short names (inflected in running text,
  abbreviated/expanded phrases, legal form after the name, quotes, case, ё, Latin lookalikes,
  Latin transliteration, typos, extra words) → per-variant-type recall;
* out-of-registry: short names of companies removed from the registry → must stay empty;
* NEREL: organisation surface forms grouped by Wikidata id, as alias clustering (mentions are
  the other forms, the registry is one form per id).

Methods side by side: ours (``abmresearch.match``), exact match after simple normalisation,
rapidfuzz ``token_sort_ratio`` over all candidates, and splink 5 (DuckDB backend) when it is
installed (``pip install -e '.[bench]'``).

Scale: a fictional registry (valid ИНН by python-stdnum checksums) and noisy mentions: index
build time, link time (wall and CPU, with the load average: the machine may be shared), peak
RSS, the speed-up over naive ``process.cdist`` measured on a sample in the same run, and the
warm start from ``index_registry``'s cache (the cold times are the target); optionally a
3.5-million-row registry loaded into DuckDB and indexed.

Usage::

    python benchmarks/bench_match.py [--skip-scale] [--skip-splink] [--skip-duckdb]
        [--registry-size 1000000] [--mentions 100000] [--calibrate]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import random
import re
import resource
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import psutil
from rapidfuzz import fuzz, process
from stdnum.ru import inn as inn_checksum

from abmresearch.match import index_registry, match_tables, parse_name
from abmresearch.match.api import _cache_file, _save_cached
from abmresearch.match.index import RegistryIndex, build_index
from abmresearch.match.inputs import check_registry
from abmresearch.match.link import DEFAULT_THRESHOLD, link_mentions

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
Predictor = Callable[[pd.DataFrame, pd.DataFrame], list[str]]


# ── real data ────────────────────────────────────────────────────────────────
def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def load_registry() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(registry, egrul, msp) from ../shared/data."""
    egrul = _csv(SHARED / "egrul-samples" / "egrul_companies.csv")
    msp = _csv(SHARED / "fns-opendata-samples" / "msp_legal_entities.csv")
    employees = _csv(SHARED / "fns-opendata-samples" / "employees.csv")
    revenue = _csv(SHARED / "fns-opendata-samples" / "revenue_expenses.csv")
    parts = [
        egrul[["inn", "name_full", "region_code"]].set_axis(["inn", "name", "region"], axis=1),
        msp[["inn", "name_full", "region_code"]].set_axis(["inn", "name", "region"], axis=1),
        employees[["inn", "name"]].assign(region=""),
        revenue[["inn", "name"]].assign(region=""),
    ]
    registry = pd.concat(parts, ignore_index=True).drop_duplicates("inn").reset_index(drop=True)
    return registry, egrul, msp


def short_pairs(table: pd.DataFrame) -> pd.DataFrame:
    """Mentions = short names (with region), gold = ИНН."""
    rows = table[table["name_short"] != ""]
    return pd.DataFrame(
        {
            "mention_id": [f"m{i}" for i in range(len(rows))],
            "name": rows["name_short"].to_numpy(),
            "region": rows["region_code"].to_numpy(),
            "gold": rows["inn"].to_numpy(),
        }
    )


# ── variants made by code from real names ────────────────────────────────────
_LOOK = str.maketrans("аеорсхуАЕОРСХКМТВН", "aeopcxyAEOPCXKMTBH")
_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_FULL = {"ООО": "Общество с ограниченной ответственностью", "АО": "Акционерное общество"}
_CITIES = ["Новосибирск", "г. Москва", "Ярославль", "(Екатеринбург)", "Пермь"]
_QUOTE = re.compile(r"[\"«»„“”]")


def _core(short: str) -> tuple[str, str]:
    """(legal form, quoted core) of an ЕГРЮЛ short name like ``ООО "ВЕКТОР"``."""
    match = re.match(r"^(ООО|АО|ПАО|ЗАО|ОАО)\s+(.+)$", short.strip())
    if not match:
        return "", ""
    core = _QUOTE.sub("", match.group(2)).strip()
    return match.group(1), core


def _inflect(core: str, case: str) -> str | None:
    import pymorphy3

    if "morph" not in _inflect.__dict__:
        _inflect.__dict__["morph"] = pymorphy3.MorphAnalyzer()
    morph = _inflect.__dict__["morph"]
    words = core.split()
    out = []
    changed = False
    for word in words:
        parse = morph.parse(word.lower())[0]
        if {"NOUN", "ADJF"} & {str(parse.tag.POS)} and "nomn" in parse.tag:
            form = parse.inflect({case})
            if form is not None:
                out.append(form.word.capitalize())
                changed = True
                continue
        out.append(word.capitalize())
    return " ".join(out) if changed else None


def _lookalike(text: str, rng: random.Random, share: float) -> str:
    return "".join(ch.translate(_LOOK) if rng.random() < share else ch for ch in text)


def _typo(core: str, rng: random.Random) -> str | None:
    words = core.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) < 6:
        return None
    pos = rng.randrange(2, len(word) - 1)
    words[longest] = word[:pos] + word[pos + 1 :]
    return " ".join(words)


def make_variants(pairs: pd.DataFrame, seed: int = 7) -> pd.DataFrame:
    """Variant mentions of real short names, one row per (name, variant type)."""
    rng = random.Random(seed)
    rows = []
    for name, region, gold in pairs[["name", "region", "gold"]].itertuples(index=False):
        form, core = _core(name)
        if not core or len(core) < 3:
            continue
        title = " ".join(word.capitalize() for word in core.split())
        candidates: dict[str, str | None] = {
            "legal form full": f'{_FULL.get(form, form)} "{title}"',
            "legal form after": f"«{title}», {form}",
            "no legal form, no quotes": title,
            "quotes «» / „“": f"{form} „{title}“" if rng.random() < 0.5 else f"{form} «{title}»",
            "lower case": f"{form.lower()} {core.lower()}",
            "ё for е": f"{form} «{title.replace('е', 'ё', 1)}»" if "е" in title else None,
            "Latin lookalikes": f"{form} «{_lookalike(core, rng, 0.5)}»",
            "Latin transliteration": " ".join(
                "".join(_TO_LATIN.get(ch, ch) for ch in word.lower()).capitalize()
                for word in core.split()
            ),
            "inflected (у «…»)": (f"у «{v}»" if (v := _inflect(core, "gent")) else None),
            "inflected (компанией …)": (
                f"компанией «{v}»" if (v := _inflect(core, "ablt")) else None
            ),
            "typo": (f"{form} «{v}»" if (v := _typo(core, rng)) else None),
            "extra words (city, ГК)": (
                f"ГК «{title}» {rng.choice(_CITIES)}"
                if rng.random() < 0.5
                else f"{title} {rng.choice(_CITIES)}"
            ),
        }
        for kind, text in candidates.items():
            if text and text != name:
                rows.append({"name": text, "region": region, "gold": gold, "kind": kind})
    frame = pd.DataFrame(rows)
    return frame.assign(mention_id=[f"v{i}" for i in range(len(frame))])


def nerel_task() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(registry: one surface form per Wikidata id, mentions: the other forms)."""
    table = pd.read_csv(
        SHARED / "nerel" / "derived" / "trainval_org_wikidata_variants.tsv",
        sep="\t",
        dtype=str,
        keep_default_na=False,
    )
    registry, mentions = [], []
    for qid, forms in zip(table["wikidata_qid"], table["surface_forms"], strict=True):
        names = [f.strip() for f in forms.split(" | ") if f.strip()]
        registry.append({"inn": qid, "name": names[0], "region": ""})
        for other in names[1:]:
            mentions.append({"name": other, "region": "", "gold": qid})
    frame = pd.DataFrame(mentions)
    return pd.DataFrame(registry), frame.assign(mention_id=[f"n{i}" for i in range(len(frame))])


# ── methods ──────────────────────────────────────────────────────────────────
_SIMPLE_FORMS = re.compile(
    r"\b(?:общество с ограниченной ответственностью|акционерное общество|ооо|ао|пао|зао|оао)\b"
)


def simple_normalize(text: str) -> str:
    """Baseline normalisation: lower case, legal forms ООО/АО…, quotes and punctuation out."""
    text = _SIMPLE_FORMS.sub(" ", text.lower().replace("ё", "е"))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def predict_ours(mentions: pd.DataFrame, registry: pd.DataFrame, **options: float) -> list[str]:
    result = match_tables(mentions[["mention_id", "name", "region"]], registry, **options)
    return result.matches["inn"].tolist()


def predict_exact(mentions: pd.DataFrame, registry: pd.DataFrame) -> list[str]:
    keys: dict[str, set[str]] = {}
    for inn, name in zip(registry["inn"], registry["name"], strict=True):
        keys.setdefault(simple_normalize(name), set()).add(inn)
    out = []
    for name in mentions["name"]:
        found = keys.get(simple_normalize(name), set())
        out.append(next(iter(found)) if len(found) == 1 else "")
    return out


def predict_token_sort(
    mentions: pd.DataFrame, registry: pd.DataFrame, *, cutoff: float = 90.0
) -> list[str]:
    choices = [simple_normalize(name) for name in registry["name"]]
    queries = [simple_normalize(name) for name in mentions["name"]]
    out = []
    inns = registry["inn"].tolist()
    for start in range(0, len(queries), 2000):
        scores = process.cdist(
            queries[start : start + 2000],
            choices,
            scorer=fuzz.token_sort_ratio,
            workers=-1,
            score_cutoff=cutoff,
            dtype=np.uint8,
        )
        best = scores.argmax(axis=1)
        for row, column in enumerate(best):
            out.append(inns[column] if scores[row, column] >= cutoff else "")
    return out


def predict_splink(mentions: pd.DataFrame, registry: pd.DataFrame) -> list[str]:
    """splink 5, DuckDB backend: link_only on the simply-normalised name, EM-trained."""
    import logging

    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)
    left = pd.DataFrame(
        {
            "unique_id": [f"r{i}" for i in range(len(registry))],
            "name": [simple_normalize(n) for n in registry["name"]],
            "first3": [simple_normalize(n)[:3] for n in registry["name"]],
            "region": registry["region"].replace("", None),
        }
    )
    right = pd.DataFrame(
        {
            "unique_id": [f"q{i}" for i in range(len(mentions))],
            "name": [simple_normalize(n) for n in mentions["name"]],
            "first3": [simple_normalize(n)[:3] for n in mentions["name"]],
            "region": mentions["region"].replace("", None),
        }
    )
    db_api = DuckDBAPI()
    settings = SettingsCreator(
        link_type="link_only",
        # Each mention has about one true partner among the registry rows.
        probability_two_random_records_match=1 / len(registry),
        comparisons=[
            cl.JaroWinklerAtThresholds("name", [0.95, 0.88, 0.8]),
            cl.ExactMatch("region"),
        ],
        blocking_rules_to_generate_predictions=[block_on("first3"), block_on("name")],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(
        [db_api.register(left), db_api.register(right)], settings, log_level=logging.ERROR
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e5)
    # EM blocked on region estimates the name levels (blocked on the name it could not).
    has_region = left["region"].notna().any() and right["region"].notna().any()
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("region") if has_region else block_on("first3")
    )
    pairs = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    pairs = pairs.assign(
        q=np.where(
            pairs["unique_id_l"].str.startswith("q"), pairs["unique_id_l"], pairs["unique_id_r"]
        ),
        r=np.where(
            pairs["unique_id_l"].str.startswith("r"), pairs["unique_id_l"], pairs["unique_id_r"]
        ),
    ).sort_values("match_probability", ascending=False)
    best = pairs.drop_duplicates("q").set_index("q")["r"]
    inns = registry["inn"].tolist()
    return [
        inns[int(best[f"q{i}"][1:])] if f"q{i}" in best.index else "" for i in range(len(mentions))
    ]


def prf(gold: list[str], predicted: list[str]) -> tuple[float, float, float]:
    """Precision, recall, F1 of links (gold ``""`` = not in the registry)."""
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if p and p == g)
    linked = sum(1 for p in predicted if p)
    positives = sum(1 for g in gold if g)
    precision = tp / linked if linked else 1.0
    recall = tp / positives if positives else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


_MISS_KINDS = (
    "same name as another company",
    "institution / non-profit",
    "acronym or abbreviation",
    "other",
)
_COMMERCIAL = {"ооо", "ао", "пао", "зао", "оао", "нао", ""}


def miss_kinds(pairs: pd.DataFrame, registry: pd.DataFrame) -> list[str]:
    """A rough kind of each short name, to count the misses by (not used in scoring): another
    registry company with the same normalised name; an institution or non-profit; a short
    name with a word the full name does not have that is an acronym (≤ 6 letters, written in
    capitals); anything else."""
    keys: dict[str, int] = {}
    full = dict(zip(registry["inn"], registry["name"], strict=True))
    for name in registry["name"]:
        key = parse_name(name).key
        keys[key] = keys.get(key, 0) + 1
    kinds = []
    for name, gold in zip(pairs["name"], pairs["gold"], strict=True):
        mention, target = parse_name(name), parse_name(full.get(gold, ""))
        words = set(target.tokens)
        if keys.get(target.key, 0) > 1 or keys.get(mention.key, 0) > int(
            mention.key == target.key
        ):
            kinds.append(_MISS_KINDS[0])
        elif target.legal_form not in _COMMERCIAL:
            kinds.append(_MISS_KINDS[1])
        elif any(
            token not in words and len(token) <= 6
            for token, spelled in zip(mention.tokens, mention.surface, strict=True)
            if spelled.upper() in name
        ):
            kinds.append(_MISS_KINDS[2])
        else:
            kinds.append(_MISS_KINDS[3])
    return kinds


# ── scale ────────────────────────────────────────────────────────────────────
_ROOTS = (  # noqa: SIM905
    "строй тех пром торг газ нефть энерго мет авто агро инвест сервис монтаж маркет трейд "
    "логистик снаб комплект проект систем альянс транс ресурс капитал лайн стиль дом мастер "
    "сибирь урал волга нева север юг восток запад элит гранд профи оптима вектор альфа бета "
    "гамма дельта омега лидер форвард прогресс стандарт союз регион сфера спектр кристалл "
    "гарант партнер эко био мед фарм хим пласт бетон камень лес дерево сталь металл кабель "
    "электро свет вода тепло климат инжиниринг консалт аудит финанс кредит медиа софт дата "
    "телеком связь порт терминал карго экспресс мост путь дор автодор тракт ферма молоко хлеб"
).split()
_WORDS = (  # noqa: SIM905
    "Ромашка Парус Вектор Орион Сатурн Меркурий Гермес Атлант Титан Феникс Пегас Аврора Заря "
    "Рассвет Восход Радуга Берёза Кедр Сосна Дубрава Рубин Изумруд Янтарь Гранит Мрамор Агат "
    "Сапфир Топаз Нептун Юпитер Марс Венера Полюс Горизонт Меридиан Эталон Импульс Контур Ритм "
    "Плюс Групп Инвест Сервис Трейд Центр Лайн Профи Эксперт Мастер Стиль Комфорт Уют Надежда "
    "Вера Успех Удача Старт Финиш Пик Вершина Олимп Эверест Алтай Байкал Енисей Обь Иртыш Кама"
).split()
_DESCRIPTORS = ["", "", "", "", "", "Торговый дом ", "Строительная компания ", "ГК ", "ПКФ ",
                "НПП ", "Управляющая компания "]  # fmt: skip


def fictional_registry(size: int, seed: int = 11) -> pd.DataFrame:
    """A fictional registry with valid 10-digit ИНН (python-stdnum checksums).

    Names are compounds of 2–3 business roots («Стройтехснаб»), often with a word or a number
    beside them, so most are unique and some repeat (as «Стройсервис» does in ЕГРЮЛ).
    """
    rng = np.random.default_rng(seed)
    roots = np.asarray(_ROOTS)
    words = np.asarray(_WORDS)
    picks = rng.integers(0, roots.size, (size, 3))
    word = rng.integers(0, words.size, size)
    shape = rng.random(size)
    number = rng.integers(1, 99, size)
    descriptor = rng.integers(0, len(_DESCRIPTORS), size)
    names = []
    for i in range(size):
        two = roots[picks[i, 0]] + roots[picks[i, 1]]
        if shape[i] < 0.3:
            core = two + roots[picks[i, 2]]
        elif shape[i] < 0.7:
            core = f"{two} {words[word[i]]}"
        elif shape[i] < 0.85:
            core = f"{words[word[i]]}-{two} {number[i]}"
        else:
            core = two
        form = "АО" if shape[i] > 0.97 else "ООО"
        names.append(f'{form} {_DESCRIPTORS[descriptor[i]]}"{core.upper()}"')
    # Distinct ИНН: (region, 7-digit body) drawn without replacement.
    numbers = rng.choice(89 * 10_000_000, size, replace=False)
    regions = numbers // 10_000_000 + 1
    bodies = numbers % 10_000_000
    inns = []
    for region, body in zip(regions, bodies, strict=True):
        stem = f"{region:02d}{body:07d}"
        inns.append(stem + inn_checksum.calc_company_check_digit(stem))
    return pd.DataFrame({"inn": inns, "name": names, "region": [f"{r:02d}" for r in regions]})


def noisy_mentions(registry: pd.DataFrame, count: int, seed: int = 5) -> pd.DataFrame:
    """Noisy mentions of registry names (lookalikes, case, typos, inflection-free), 10% absent."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        row = rng.randrange(len(registry))
        name = registry["name"].iat[row]
        form, core = _core(name)
        core = core or name
        kind = rng.random()
        if kind < 0.2:
            text = core.lower()
        elif kind < 0.4:
            text = f"«{core.title()}», {form}"
        elif kind < 0.55:
            text = _lookalike(core, rng, 0.3)
        elif kind < 0.7:
            text = _typo(core, rng) or core
        else:
            text = name
        gold = registry["inn"].iat[row]
        if i % 10 == 0:
            text = f"ООО «{rng.choice(_WORDS)}{rng.choice(_ROOTS)}{rng.choice(_ROOTS)} {i}»"
            gold = ""
        region = registry["region"].iat[row] if rng.random() < 0.5 else ""
        rows.append({"mention_id": f"s{i}", "name": text, "region": region, "gold": gold})
    return pd.DataFrame(rows)


def _private_bytes(pid: int) -> float:
    """Memory only this process holds (USS: private clean + dirty pages), 0 when it is gone."""
    with contextlib.suppress(OSError):
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        return float(
            sum(
                int(line.split()[1]) * 1024
                for line in text.splitlines()
                if line.startswith(("Private_Clean:", "Private_Dirty:"))
            )
        )
    return 0.0


class PeakRSS:
    """Peak memory of this process and its forked workers, sampled in a thread (MB).

    The process's RSS plus each child's USS (memory only that child holds: the index pages it
    shares copy-on-write with the parent are counted once, in the parent).
    """

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        proc = psutil.Process()
        children = 0.0
        tick = 0
        while not self._stop.is_set():
            if tick % 10 == 0:
                # Reading a big child's page map is slow and stalls it: once a second.
                children = sum(_private_bytes(child.pid) for child in proc.children())
            tick += 1
            self.peak = max(self.peak, (proc.memory_info().rss + children) / 2**20)
            time.sleep(0.1)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the forked workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def bench_scale(size: int, count: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    t0 = time.perf_counter()
    registry = fictional_registry(size)
    mentions = noisy_mentions(registry, count)
    rows.append(("generate registry + mentions", f"{time.perf_counter() - t0:.1f} s"))
    gc.collect()
    loads = [_load()]
    with PeakRSS() as rss:
        t0, c0 = time.perf_counter(), _cpu_seconds()
        index = build_index(
            registry["inn"].tolist(),
            [(name,) for name in registry["name"]],
            region=registry["region"].tolist(),
        )
        build, build_cpu = time.perf_counter() - t0, _cpu_seconds() - c0
        loads.append(_load())
        t0, c0 = time.perf_counter(), _cpu_seconds()
        links = link_mentions(
            mentions["name"].tolist(), index, regions=mentions["region"].tolist()
        )
        linking, link_cpu = time.perf_counter() - t0, _cpu_seconds() - c0
        loads.append(_load())
    predicted = [link.inn for link in links]
    p, r, f = prf(mentions["gold"].tolist(), predicted)
    rows.append((f"index {size:,} names", f"{build:.1f} s (CPU {build_cpu:.1f} s)"))
    rows.append((f"link {count:,} mentions", f"{linking:.1f} s (CPU {link_cpu:.1f} s)"))
    rows.append(
        ("total index + link", f"{build + linking:.1f} s (CPU {build_cpu + link_cpu:.1f} s)")
    )
    rows.append(("load average (1 min) before / after index / after link", " / ".join(loads)))
    rows.append(("peak memory (RSS + workers' own USS)", f"{rss.peak:,.0f} MB"))
    rows.append(("P / R / F1 on the noisy mentions", f"{p:.3f} / {r:.3f} / {f:.3f}"))
    sample = mentions.sample(200, random_state=1)
    choices = [index.entry_key[entry] for entry in range(len(index.entry_key))]
    queries = [parse_name(name).key for name in sample["name"]]
    t0 = time.perf_counter()
    process.cdist(queries, choices, scorer=fuzz.ratio, workers=-1, score_cutoff=80, dtype=np.uint8)
    naive = (time.perf_counter() - t0) / len(sample) * count
    rows.append(
        (
            f"naive cdist, {len(sample)} × {len(choices):,}, extrapolated to {count:,}",
            f"{naive:.0f} s",
        )
    )
    rows.append(("speed-up of blocking over naive cdist (link step)", f"{naive / linking:.0f}×"))
    rows += _warm_start(registry, index)
    return rows


def _warm_start(registry: pd.DataFrame, index: RegistryIndex) -> list[tuple[str, str]]:
    """A second run against the same registry: the index read from ``index_registry``'s cache.

    The cold index above is saved under the key ``index_registry`` computes (building it a
    second time would cost the whole build again), then the public call reads it back.
    """
    import tempfile

    frame = registry[["inn", "name", "region"]]
    with tempfile.TemporaryDirectory() as folder:
        tidy, _ = check_registry(frame)
        t0 = time.perf_counter()
        _save_cached(index, _cache_file(tidy, folder))
        saved = time.perf_counter() - t0
        t0 = time.perf_counter()
        warm, _ = index_registry(frame, cache=folder)
        loaded = time.perf_counter() - t0
    if warm.entry_company.size != index.entry_company.size:
        raise RuntimeError("the cached index differs from the one built")
    return [
        ("save the index to the cache (one pickle)", f"{saved:.1f} s"),
        ("warm start: check the registry + read the cached index", f"{loaded:.1f} s"),
    ]


def bench_duckdb(size: int) -> list[tuple[str, str]]:
    """Load a registry of ``size`` rows into DuckDB and build the index from it."""
    import tempfile

    import duckdb

    rows = []
    registry = fictional_registry(size, seed=3)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "registry.duckdb"
        t0 = time.perf_counter()
        with duckdb.connect(str(path)) as con:
            con.register("frame", registry)
            con.execute("CREATE TABLE companies AS SELECT * FROM frame")
            con.execute("CREATE UNIQUE INDEX companies_inn ON companies (inn)")
        load = time.perf_counter() - t0
        del registry
        gc.collect()
        with PeakRSS() as rss:
            t0 = time.perf_counter()
            with duckdb.connect(str(path), read_only=True) as con:
                table = con.execute("SELECT inn, name, region FROM companies").df()
            index = build_index(
                table["inn"].tolist(),
                [(n,) for n in table["name"]],
                region=table["region"].tolist(),
            )
            build = time.perf_counter() - t0
        rows.append((f"DuckDB load of {size:,} rows (+ unique ИНН index)", f"{load:.1f} s"))
        rows.append((f"read back + blocking index of {index.size:,} companies", f"{build:.1f} s"))
        rows.append(("DuckDB load + index total", f"{load + build:.1f} s"))
        rows.append(("peak RSS while indexing", f"{rss.peak:,.0f} MB"))
    return rows


def calibrate() -> None:
    """Fit the logistic calibration of the combined similarity on МСП names (not ЕГРЮЛ).

    Half of the МСП companies stay in the registry (their short names and variants are true
    links), the other half are removed (their names must not link). The label is «the best
    candidate is the right company»; the fitted slope and intercept go to
    ``abmresearch/match/score.py:CALIBRATION``.
    """
    from sklearn.linear_model import LogisticRegression

    registry, _, msp = load_registry()
    pairs = short_pairs(msp)
    removed = set(pairs["gold"].iloc[::2])
    reduced = registry[~registry["inn"].isin(removed)].reset_index(drop=True)
    mentions = pd.concat([pairs.assign(kind="short"), make_variants(pairs, seed=99)])
    gold = [g if g not in removed else "" for g in mentions["gold"]]
    index = build_index(
        reduced["inn"].tolist(), [(n,) for n in reduced["name"]], region=reduced["region"].tolist()
    )
    links = link_mentions(
        mentions["name"].tolist(), index, regions=mentions["region"].tolist(), threshold=2.0
    )
    x, y = [], []
    skipped = 0
    for name, link, answer in zip(mentions["name"], links, gold, strict=True):
        if not link.candidates:
            continue
        top = link.candidates[0]
        if (
            not answer
            and index.name[top.company]
            and (parse_name(name).key == parse_name(index.name[top.company]).key)
        ):
            # A removed company whose namesake stays: no similarity can tell them apart (the
            # region and the review queue do), so it says nothing about the calibration.
            skipped += 1
            continue
        x.append([top.similarity])
        y.append(int(index.inn[top.company] == answer))
    model = LogisticRegression(C=100.0).fit(np.asarray(x), np.asarray(y))
    probability = model.predict_proba(np.asarray(x))[:, 1]
    positives = sum(1 for g in gold if g)
    for cut in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
        chosen = probability >= cut
        tp = int(np.sum(chosen & (np.asarray(y) == 1)))
        precision = tp / max(int(chosen.sum()), 1)
        recall = tp / positives
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        print(f"threshold {cut:.1f}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    slope, intercept = float(model.coef_[0][0]), float(model.intercept_[0])
    middle = -intercept / slope
    print(f"{len(y)} mentions with a candidate, {sum(y)} right; {skipped} namesakes left out")
    print(f"CALIBRATION = ({slope:.2f}, {intercept:.2f}); 0.5 at similarity {middle:.3f}")


# ── report ───────────────────────────────────────────────────────────────────
def _table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-splink", action="store_true")
    parser.add_argument("--skip-duckdb", action="store_true")
    parser.add_argument("--registry-size", type=int, default=1_000_000)
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--duckdb-size", type=int, default=3_500_000)
    parser.add_argument("--calibrate", action="store_true", help="fit CALIBRATION and stop")
    args = parser.parse_args()
    if args.calibrate:
        calibrate()
        return
    if not SHARED.exists():
        sys.exit(f"{SHARED} is missing")
    print(f"# bench_match — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPU, "
          f"threshold {DEFAULT_THRESHOLD}\n")  # fmt: skip
    registry, egrul, msp = load_registry()
    egrul_pairs = short_pairs(egrul)
    msp_pairs = short_pairs(msp)
    # Out of registry: 60 МСП companies are removed from the registry; their names must stay empty.
    held_out = msp_pairs.sample(60, random_state=3)
    reduced = registry[~registry["inn"].isin(set(held_out["gold"]))].reset_index(drop=True)
    absent = held_out.assign(gold="", mention_id=[f"x{i}" for i in range(len(held_out))])
    variants = make_variants(pd.concat([egrul_pairs, msp_pairs], ignore_index=True))
    nerel_registry, nerel_mentions = nerel_task()
    methods: dict[str, Predictor] = {
        "ours": predict_ours,
        "exact (simple norm.)": predict_exact,
        "token_sort_ratio ≥ 90": predict_token_sort,
    }
    if not args.skip_splink:
        try:
            import splink  # noqa: F401

            methods["splink 5 (DuckDB)"] = predict_splink
        except ImportError:
            print("splink is not installed (pip install -e '.[bench]'): its column is left out\n")
    tasks = {
        "ЕГРЮЛ short → full": (egrul_pairs, reduced),
        "МСП short → full": (msp_pairs[~msp_pairs["gold"].isin(set(held_out["gold"]))], reduced),
        "variants of real names": (variants, reduced),
        "out of registry (must stay empty)": (absent, reduced),
        "NEREL aliases (Wikidata)": (nerel_mentions, nerel_registry),
    }
    results: dict[tuple[str, str], list[str]] = {}
    timing: dict[tuple[str, str], float] = {}
    for task, (mentions, reg) in tasks.items():
        for method, predict in methods.items():
            t0 = time.perf_counter()
            try:
                results[task, method] = predict(mentions, reg)
            except Exception as exc:  # a baseline library failing is reported, not fatal
                print(f"{method} failed on {task}: {type(exc).__name__}: {exc}")
                results[task, method] = [""] * len(mentions)
            timing[task, method] = time.perf_counter() - t0
    headers = ["task (mentions)"] + [f"{m} P / R / F1" for m in methods]
    rows = []
    for task, (mentions, _) in tasks.items():
        gold = mentions["gold"].tolist()
        row = [f"{task} ({len(mentions)})"]
        for method in methods:
            predicted = results[task, method]
            if task.startswith("out of registry"):
                wrong = sum(1 for p in predicted if p)
                row.append(f"wrongly linked {wrong} of {len(predicted)}")
            else:
                p, r, f = prf(gold, predicted)
                row.append(f"{p:.3f} / {r:.3f} / **{f:.3f}**")
        rows.append(row)
    print("## Accuracy (real data)\n")
    print(_table(headers, rows))
    print("\n## ЕГРЮЛ short → full: misses by kind\n")
    kinds_of = miss_kinds(tasks["ЕГРЮЛ short → full"][0], reduced)
    rows = []
    for kind in _MISS_KINDS:
        row = [kind]
        for method in methods:
            predicted = results["ЕГРЮЛ short → full", method]
            row.append(
                str(
                    sum(
                        1
                        for p, g, k in zip(predicted, egrul_pairs["gold"], kinds_of, strict=True)
                        if p != g and k == kind
                    )
                )
            )
        rows.append(row)
    print(_table(["kind of mention (misses)", *methods], rows))
    print("\n## Recall per variant type (variants made by code from real ЕГРЮЛ/МСП names)\n")
    mentions = tasks["variants of real names"][0]
    kinds = mentions["kind"].tolist()
    rows = []
    for kind in dict.fromkeys(kinds):
        mask = [k == kind for k in kinds]
        gold = [g for g, m in zip(mentions["gold"], mask, strict=True) if m]
        row = [f"{kind} ({len(gold)})"]
        for method in methods:
            predicted = [
                p
                for p, m in zip(results["variants of real names", method], mask, strict=True)
                if m
            ]
            row.append(
                f"{sum(p == g for p, g in zip(predicted, gold, strict=True)) / len(gold):.3f}"
            )
        rows.append(row)
    print(_table(["variant type (n)", *methods], rows))
    print("\n## Time of each method on the accuracy tasks (s)\n")
    rows = [[task] + [f"{timing[task, method]:.2f}" for method in methods] for task in tasks]
    print(_table(["task", *methods], rows))
    if not args.skip_scale:
        print(
            f"\n## Scale: fictional registry {args.registry_size:,} × {args.mentions:,} mentions\n"
        )
        print(
            _table(
                ["what", "value"],
                [list(r) for r in bench_scale(args.registry_size, args.mentions)],
            )
        )
    if not args.skip_duckdb and not args.skip_scale:
        gc.collect()
        print(f"\n## DuckDB: {args.duckdb_size:,}-row registry\n")
        print(_table(["what", "value"], [list(r) for r in bench_duckdb(args.duckdb_size)]))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"\nmax RSS of the benchmark process: {usage.ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
