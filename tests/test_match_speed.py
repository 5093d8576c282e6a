"""The faster internals of matching give exactly what the plain versions give: the array helpers
of the index build against their numpy definitions, token agreement's fast paths against the
pairings they shortcut, and the parsed names and candidates that travel between processes."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from abmresearch.match.index import _distinct, _postings, _ranges, build_index
from abmresearch.match.link import Candidate, link_mentions
from abmresearch.match.normalize import parse_name
from abmresearch.match.score import token_agreement


def _plain_ranges(starts: list[int], lengths: list[int]) -> list[int]:
    return [position for start, size in zip(starts, lengths, strict=True)
            for position in range(start, start + size)]  # fmt: skip


@pytest.mark.parametrize(
    ("starts", "lengths"),
    [
        ([0, 5, 2], [3, 0, 4]),
        ([10], [1]),
        ([7, 7, 0], [2, 2, 7]),
        ([], []),
        ([0, 3], [0, 0]),
        ([2**31 + 5, 3], [2, 1]),  # beyond 32 bits: 64-bit positions
    ],
)
def test_ranges_are_the_positions_of_the_slices(starts: list[int], lengths: list[int]) -> None:
    got = _ranges(np.asarray(starts, dtype=np.int64), np.asarray(lengths, dtype=np.int64))
    assert got.tolist() == _plain_ranges(starts, lengths)


@pytest.mark.parametrize(
    "values",
    [[5, 1, 5, 3, 1], [], [7], [2**40, 3, 2**40, 0], list(range(10, 0, -1)) * 3],
)
def test_distinct_is_np_unique(values: list[int]) -> None:
    array = np.asarray(values, dtype=np.int64)
    assert _distinct(array).tolist() == np.unique(array).tolist()


@pytest.mark.parametrize(
    ("numbered", "lengths"),
    [
        # entry 0 files keys 2, 0; entry 1 keys 0, 1, 2; entry 2 none; entry 3 key 2
        ([2, 0, 0, 1, 2, 2], [2, 3, 0, 1]),
        ([0], [1]),
        ([3, 1, 2, 0], [4]),
        ([1, 0, 1, 0, 1, 0], [2, 2, 2]),
    ],
)
def test_postings_are_the_stable_sort_by_key(numbered: list[int], lengths: list[int]) -> None:
    keys = np.asarray(numbered, dtype=np.int64)
    sizes = np.asarray(lengths, dtype=np.int64)
    owners = np.repeat(np.arange(sizes.size), sizes)
    expected = owners[np.argsort(keys, kind="stable")]
    assert _postings(keys, sizes).tolist() == expected.tolist()


@pytest.mark.parametrize(
    "text",
    [
        'ООО "РОМАШКА-СЕВЕР"',
        "у «Ромашки-Севера»",
        'ООО "ЁЛКА" ИНН 5401000014',
        "Агентство технического консалтинга",
        "",
    ],
)
def test_parsed_names_survive_pickling(text: str) -> None:
    parts = parse_name(text)
    back = pickle.loads(pickle.dumps(parts, protocol=5))
    assert back == parts
    # A name whose words are in the nominative keeps one tuple for both (memory at scale).
    assert (back.tokens is back.surface) == (parts.tokens is parts.surface)


def test_candidates_survive_pickling() -> None:
    candidates = [
        Candidate(3, 0.93, 1.05, "совпали: ромашка, север; регион совпал"),
        Candidate(0, 0.0005, 0.2, "общих слов нет"),
    ]
    assert pickle.loads(pickle.dumps(candidates, protocol=5)) == candidates


WEIGHTS = {"ромашка": 3.0, "север": 2.5, "тд": 0.5, "техпром": 4.0, "город": 0.8, "52": 2.0}


def _weight(token: str) -> float:
    return WEIGHTS.get(token, 1.5)


@pytest.mark.parametrize(
    ("mention", "registry", "score", "missing", "extra"),
    [
        # every mention word agrees: the early return still prices the registry's extra word
        ("Ромашка", 'ООО "РОМАШКА-СЕВЕР"', 3.0 * 2 / (3.0 + 3.0 + 2.5 * 0.6), (), ("север",)),
        # a typo, both words spelled as their lemmas (one Levenshtein)
        ("Техпрон", 'ООО "ТЕХПРОМ"', None, (), ()),
        # nothing in common
        ("Парус", 'ООО "ТЕХПРОМ"', 0.0, ("парус",), ("техпром",)),
    ],
)
def test_token_agreement_shortcuts(
    mention: str,
    registry: str,
    score: float | None,
    missing: tuple[str, ...],
    extra: tuple[str, ...],
) -> None:
    got = token_agreement(parse_name(mention), parse_name(registry), _weight)
    if score is not None:
        assert got.score == pytest.approx(score)
    else:
        assert 0.6 <= got.score < 1.0 and got.agreed
    assert got.missing == missing
    assert got.extra == extra


def test_links_in_workers_equal_links_here() -> None:
    """Parsed names and candidates pickled to and from the link workers link the same."""
    names = [f'ООО "РОМАШКА-{k}"' for k in range(300)] + ['ООО "ТД "ТЕХПРОМ"', 'АО "ПАРУС"']
    index = build_index([f"{k:010d}" for k in range(len(names))], [(name,) for name in names])
    mentions = [f"у «Ромашки-{k}»" for k in range(0, 300, 7)] + ["ТД Техпром", "Парус"] * 30
    here = link_mentions(mentions, index, workers=1)
    forked = link_mentions(mentions, index, workers=2, batch=10)
    assert [(link.inn, link.score, link.candidates) for link in forked] == [
        (link.inn, link.score, link.candidates) for link in here
    ]
    assert any(link.inn for link in here)
