"""A learned organisation attachment for the pairs whose title names no organisation.

The rules of :mod:`contacts` take a pair's organisation from its title («гендиректор ОАО
«Башкирэнерго»»), a quoted name or a nearby ORG. NEREL often attaches the organisation to the
*person* instead («Руководитель пресс-службы Ольга Смирнова, работающая в «Роснефти», …»).
When the rules find nothing, every ORG span of the sentence is a candidate;
:func:`org_features` describes it against the title and the person (distance, order,
punctuation, a preposition or genitive link, other people or titles between, organisation
nouns) and :class:`OrgClassifier` — a logistic regression like
:class:`abmresearch.extract.pairing.PairClassifier` — attaches the best one above a threshold.

It is trained with the pair model (``python -m abmresearch.extract.pairing ../shared/data/nerel``)
into ``extract_orgs.pkl`` beside ``extract_pairs.pkl`` in the cache; without that file the
rules alone attach organisations.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from abmresearch.extract import _lexicon as lx
from abmresearch.extract._linear import LinearClassifier, load_cached

if TYPE_CHECKING:
    from abmresearch.extract.contacts import _Person, _Title, _Tok
    from abmresearch.extract.ner import Entity

__all__ = ["OrgClassifier", "load_org_model", "org_cache_path", "org_features"]

_PREPOSITIONS = frozenset({"в", "во", "из", "от", "на", "при", "для", "у", "с", "со", "к", "по"})
_PUNCT = frozenset({",", "—", "–", "-", "(", ")", "«", "»", '"', ":", ";"})

WordInfo = Callable[[str], tuple[str, str, frozenset[str], frozenset[str]]]


def org_cache_path() -> Path:
    """Where the trained org model lives (beside the pair model)."""
    root = os.environ.get("ABM_CACHE") or str(Path.home() / ".cache" / "abmresearch")
    return Path(root) / "extract_orgs.pkl"


def _span_gap(first: int, last: int, other_first: int, other_last: int) -> int:
    """Tokens between two inclusive token ranges (−1 when they overlap)."""
    if last < other_first:
        return other_first - last - 1
    if other_last < first:
        return first - other_last - 1
    return -1


def _between(toks: Sequence[_Tok], a: tuple[int, int], b: tuple[int, int]) -> list[_Tok]:
    low, high = (a[1], b[0]) if a[1] < b[0] else (b[1], a[0])
    return list(toks[low + 1 : high]) if low < high else []


def org_features(
    toks: Sequence[_Tok],
    title: _Title,
    person: _Person,
    org: Entity,
    span: tuple[int, int],
    *,
    titles: Sequence[_Title],
    persons: Sequence[_Person],
    orgs: Sequence[tuple[Entity, tuple[int, int]]],
    word_info: WordInfo,
) -> dict[str, Any]:
    """Features of one candidate organisation (token range ``span``) of a (title, person) pair."""
    t_range, p_range = (title.first, title.last), (person.first, person.last)
    t_gap = _span_gap(*span, *t_range)
    p_gap = _span_gap(*span, *p_range)
    near = t_range if 0 <= t_gap <= p_gap or p_gap < 0 else p_range
    gap = _between(toks, span, near)
    pair_low, pair_high = min(title.first, person.first), max(title.last, person.last)
    inside = pair_low < span[0] and span[1] < pair_high
    lemma, _, cases, _ = word_info(toks[span[0]].low)
    before = toks[span[0] - 1].low if span[0] > 0 else ""
    prev_lemma, prev_pos, _, _ = (
        word_info(before) if before else ("", "", frozenset(), frozenset())
    )

    def distance(other: tuple[int, int]) -> int:
        return min(
            abs(_span_gap(other[0], other[1], title.first, title.last)),
            abs(_span_gap(other[0], other[1], person.first, person.last)),
        )

    nearest = min(orgs, key=lambda o: distance(o[1]))[0]
    features: dict[str, Any] = {
        "o:bias": 1.0,
        "o:t_gap": min(max(t_gap, 0), 30) / 30.0,
        "o:p_gap": min(max(p_gap, 0), 30) / 30.0,
        f"o:t_gap={min(max(t_gap, -1), 6)}": 1.0,
        f"o:p_gap={min(max(p_gap, -1), 6)}": 1.0,
        "o:after_title": float(span[0] > title.last),
        "o:after_person": float(span[0] > person.last),
        "o:inside_pair": float(inside),
        "o:nearest": float(nearest is org),
        "o:n_orgs": float(min(len(orgs), 5)),
        "o:commas": float(min(sum(t.low == "," for t in gap), 3)),
        "o:dash": float(any(t.low in ("—", "–") for t in gap)),
        "o:paren": float(any(t.low in ("(", ")") for t in gap)),
        "o:quote_gap": float(any(t.low in ("«", "»", '"') for t in gap)),
        "o:persons_between": float(
            any(q is not person and _between_index(q.first, span, p_range) for q in persons)
        ),
        "o:titles_between": float(
            any(t is not title and _between_index(t.head, span, t_range) for t in titles)
        ),
        "o:gent": float("gent" in cases),
        "o:nomn_only": float(cases == frozenset({"nomn"})),
        "o:org_noun": float(lemma in lx.ORG_NOUNS or lemma in lx.STATE_CUES),
        "o:upper": float(org.text.isupper()),
        "o:quoted": float("«" in org.text or '"' in org.text),
        "o:words": float(min(len(org.text.split()), 5)),
        "o:prep=" + (before if before in _PREPOSITIONS else "none"): 1.0,
        "o:prev_pos=" + (prev_pos or "none"): 1.0,
        "o:title_complement": float(title.last > title.head),
        "o:title_gent": float("gent" in title.case and "nomn" not in title.case),
        "o:head=" + toks[title.head].lemma: 1.0,
        "o:sentence_persons": float(min(len(persons), 3)),
    }
    if prev_lemma and before not in _PUNCT:
        features["o:prev=" + prev_lemma] = 1.0
    if len(gap) <= 3:  # the words of a short link: «из», «при», «(», «, возглавляющий»
        for token in gap:
            features["o:gap=" + token.low] = 1.0
    return features


def _between_index(index: int, a: tuple[int, int], b: tuple[int, int]) -> bool:
    low, high = (a[1], b[0]) if a[1] < b[0] else (b[1], a[0])
    return low < index < high


class OrgClassifier(LinearClassifier):
    """Logistic regression over :func:`org_features` (scikit-learn API).

    Args:
        c: inverse regularisation strength.
        threshold: probability from which the best candidate is attached; 0.4 was the best
            triple F1 (0.445 → 0.451; C 0.1–2 alike) fitting on NEREL
            train documents 1–600 and scoring 601–746 (never the dev split).
    """

    def __init__(self, c: float = 0.5, threshold: float = 0.4) -> None:
        self.c = c
        self.threshold = threshold


def load_org_model() -> OrgClassifier | None:
    """The trained org classifier from the cache, or ``None`` (then rules alone attach).

    ``ABM_NO_PAIR_MODEL`` (rules only) or ``ABM_NO_ORG_MODEL`` switch it off.
    """
    if os.environ.get("ABM_NO_PAIR_MODEL") or os.environ.get("ABM_NO_ORG_MODEL"):
        return None
    return _cached_org_model(str(org_cache_path()))


@lru_cache(maxsize=2)
def _cached_org_model(location: str) -> OrgClassifier | None:
    path = Path(location)
    return load_cached(path, OrgClassifier)


def _gold_triples(ann: Path) -> list[tuple[tuple[int, int], tuple[int, int], tuple[int, int]]]:
    """(person, profession, organisation) character spans of a NEREL document."""
    spans: dict[str, tuple[int, int]] = {}
    kinds: dict[str, str] = {}
    works_as: list[tuple[str, str]] = []
    workplace: dict[str, list[str]] = {}
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2 and ";" not in parts[1]:
            fields = parts[1].split()
            spans[parts[0]] = (int(fields[1]), int(fields[2]))
            kinds[parts[0]] = fields[0]
        elif line.startswith("R") and len(parts) >= 2:
            fields = parts[1].split()
            if len(fields) < 3:
                continue
            a, b = fields[1].split(":")[1], fields[2].split(":")[1]
            if fields[0] == "WORKS_AS":
                works_as.append((a, b))
            elif fields[0] == "WORKPLACE":
                workplace.setdefault(a, []).append(b)
    out = []
    for person, profession in works_as:
        for org in workplace.get(profession, []) + workplace.get(person, []):
            if all(x in spans for x in (person, profession, org)) and kinds[org] == "ORGANIZATION":
                out.append((spans[person], spans[profession], spans[org]))
    return out


def org_training_set(documents: Sequence[Path]) -> tuple[list[dict[str, Any]], list[int]]:
    """Candidate features and labels of NEREL documents for the pairs the rules leave orgless.

    A candidate is positive when its pair matches a gold triple's person (span or nominative
    surname) and profession (span) and the candidate overlaps that triple's organisation.
    """
    from abmresearch.extract.contacts import org_candidates
    from abmresearch.extract.pairing import _overlaps, _surname

    features: list[dict[str, Any]] = []
    labels: list[int] = []
    for path in documents:
        text = path.read_text(encoding="utf-8")
        gold = [
            (person, title, org, _surname(text[person[0] : person[1]]))
            for person, title, org in _gold_triples(path.with_suffix(".ann"))
        ]
        for candidate in org_candidates(text):
            positive = any(
                _overlaps(candidate.title, g_title)
                and _overlaps(candidate.org, g_org)
                and (
                    _overlaps(candidate.person, g_person)
                    or (bool(surname) and candidate.surname == surname)
                )
                for g_person, g_title, g_org, surname in gold
            )
            features.append(candidate.features)
            labels.append(int(positive))
    return features, labels


def train_orgs(documents: Sequence[Path], out: Path) -> Path:
    """Fit :class:`OrgClassifier` on NEREL documents and write it to ``out``."""
    features, labels = org_training_set(documents)
    model = OrgClassifier().fit(features, labels)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump(model, handle)
    tmp.replace(out)
    return out
