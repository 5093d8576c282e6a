"""A learned person–title pair classifier for what the rules of :mod:`contacts` miss.

Candidates are every (title, person) pair of a sentence; features describe their order,
distance, what lies between (punctuation, verbs, other names and titles), case agreement and
nesting. :class:`PairClassifier` follows the scikit-learn API. :func:`train_pairs` fits it on
the NEREL *train* split (WORKS_AS) and stores it in the git-ignored cache
(``~/.cache/abmresearch/extract_pairs.pkl``, or ``$ABM_CACHE``); without that file the
toolkit pairs by rules alone. Training also fits the organisation classifier of
:mod:`abmresearch.extract.orgs` into ``extract_orgs.pkl`` beside it. Train with::

    python -m abmresearch.extract.pairing ../shared/data/nerel

To score on NEREL train documents the model has not seen (not the dev split), fit on the first
600 and run the benchmark on the rest::

    python -m abmresearch.extract.pairing --limit 600 --out /tmp/m/extract_pairs.pkl
    ABM_CACHE=/tmp/m python benchmarks/bench_extract.py --nerel-split train-holdout
"""

from __future__ import annotations

import os
import pickle
import re
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from abmresearch.extract import _lexicon as lx
from abmresearch.extract._linear import LinearClassifier, load_cached

if TYPE_CHECKING:
    from abmresearch.extract.contacts import _Person, _Title, _Tok

__all__ = [
    "PairClassifier",
    "cache_path",
    "context_features",
    "load_pair_model",
    "pair_features",
    "train_pairs",
]

_VERB = re.compile(
    r"(назнач|избра|утвер|стал|являет|работа|занима|возглав|руковод|служи|сменил|покинул|"
    r"уволен|ушел|ушла|сказал|заявил|отметил|сообщил|рассказал|подчеркнул|добавил|пояснил)"
)
_GAP_WORDS = 6


def cache_path() -> Path:
    """Where the trained model lives (``$ABM_CACHE`` or ``~/.cache/abmresearch``)."""
    root = os.environ.get("ABM_CACHE") or str(Path.home() / ".cache" / "abmresearch")
    return Path(root) / "extract_pairs.pkl"


def _category(lemma: str) -> str:
    if lemma in lx.STATE_TITLES:
        return "state"
    if lemma in lx.MEDIA_ARTS:
        return "media"
    if lemma in lx.OTHER_PROFESSIONS:
        return "other"
    if lemma in lx.OWNER_WORDS:
        return "owner"
    return "business"


def pair_features(
    toks: Sequence[_Tok],
    title: _Title,
    person: _Person,
    titles: Sequence[_Title],
    persons: Sequence[_Person],
) -> dict[str, Any]:
    """Features of one candidate pair (a dict for a DictVectorizer)."""
    after = person.first > title.last
    if after:
        gap = list(toks[title.last + 1 : person.first])
        distance = person.first - title.last - 1
    else:
        gap = list(toks[person.last + 1 : title.first]) if person.last < title.first else []
        distance = title.first - person.last - 1 if person.last < title.first else -1
    features: dict[str, Any] = {
        "after": float(after),
        "distance": min(distance, 30) / 30.0,
        "adjacent": float(distance == 0),
        "d1": float(distance == 1),
        "d_le3": float(0 <= distance <= 3),
        "commas": float(sum(t.low == "," for t in gap)),
        "dash": float(any(t.low in ("—", "–", "-") for t in gap)),
        "paren": float(any(t.low in ("(", ")") for t in gap)),
        "quote": float(any(t.low in ("«", "»", '"') for t in gap)),
        "verb": float(any(_VERB.search(t.low) for t in gap)),
        "kotory": float(any(t.low.startswith("котор") for t in gap)),
        "and": float(any(t.low == "и" for t in gap)),
        "persons_between": float(
            sum(1 for q in persons if q is not person and _between(q.first, title, person))
        ),
        "titles_between": float(
            sum(1 for t in titles if t is not title and _between(t.head, title, person))
        ),
        "agree": float(bool(title.case & person.cases)),
        "person_nomn": float("nomn" in person.cases),
        "title_nomn": float("nomn" in title.case),
        "title_gent": float("gent" in title.case and "nomn" not in title.case),
        "title_ablt": float("ablt" in title.case),
        "nested": float(
            any(o is not title and o.first <= title.first and title.last <= o.last for o in titles)
        ),
        "single_name": float(person.first == person.last),
        "plural": float(title.plural),
        "n_persons": float(min(len(persons), 5)),
        "n_titles": float(min(len(titles), 5)),
        "has_org": float(bool(title.orgs or title.quoted)),
        "cat=" + _category(toks[title.head].lemma): 1.0,
        "nearest_person": float(_nearest(title, person, persons)),
        "nearest_title": float(
            min(titles, key=lambda t: abs(_signed(t, person))) is title if titles else False
        ),
        "person_taken": float(
            any(t.person is not None and persons[t.person] is person for t in titles)
        ),
        "pcase=" + ",".join(sorted(person.cases)): 1.0,
        "tcase=" + ",".join(sorted(title.case)): 1.0,
    }
    for token in gap[:_GAP_WORDS] if len(gap) <= 12 else gap[:3]:
        features["gap=" + token.low] = 1.0
    if person.first > 0:
        features["before_person=" + toks[person.first - 1].low] = 1.0
    if title.last + 1 < len(toks):
        features["after_title=" + toks[title.last + 1].low] = 1.0
    return features


_SUBJECT_START = re.compile(
    r"^(\d+|\d+[—–-]\d+|\d+-[а-я]+|\d+-летн[а-я]+|[,—–:()-]|в|с|по|до|и|а|но|же|уже|ныне|сейчас|"
    r"затем|позднее|позже|потом|тогда|также|год|году|годах|годы|г|гг|этот|эта|новый|бывший)$"
)
_PRONOUN = frozenset({"он", "она", "его", "ее", "её", "ему", "ей", "им", "ней", "нему", "него"})


def context_features(
    toks: Sequence[_Tok],
    title: _Title,
    titles: Sequence[_Title],
    *,
    sentence_persons: int,
    rank: int,
    back: int,
    share: float,
    main: bool,
    first: bool,
    gender_clash: bool,
    gender_agree: bool,
) -> dict[str, Any]:
    """Features of a title and a person named in an earlier sentence of the article.

    Args:
        sentence_persons: how many persons the title's own sentence names.
        rank: 0 for the person named last before the sentence, 1 for the one before, …
        back: how many analysed sentences back the person was named.
        share: the person's share of the article's person mentions.
        main: the article's most mentioned person; first: its first named person.
        gender_clash / gender_agree: the sentence's past verb or a feminine title against the
            person's gender.
    """
    prefix = toks[: title.first]
    lemma = toks[title.head].lemma
    features: dict[str, Any] = {
        "x:bias": 1.0,
        f"x:rank={min(rank, 3)}": 1.0,
        f"x:back={min(back, 4)}": 1.0,
        "x:share": share,
        "x:main": float(main),
        "x:first": float(first),
        "x:gender_clash": float(gender_clash),
        "x:gender_agree": float(gender_agree),
        f"x:persons={min(sentence_persons, 2)}": 1.0,
        "x:subject_start": float(all(_SUBJECT_START.match(t.low) for t in prefix)),
        "x:sentence_start": float(title.first == 0),
        "x:dash_before": float(any(t.low in ("—", "–") for t in prefix[-3:])),
        "x:pronoun": float(any(t.low in _PRONOUN for t in toks)),
        "x:verb": float(any(_VERB.search(t.low) for t in toks)),
        "x:title_nomn": float("nomn" in title.case),
        "x:title_ablt": float("ablt" in title.case),
        "x:title_gent": float("gent" in title.case and "nomn" not in title.case),
        "x:plural": float(title.plural),
        "x:has_org": float(bool(title.orgs or title.quoted)),
        "x:n_titles": float(min(len(titles), 5)),
        "x:cat=" + _category(lemma): 1.0,
        "x:head=" + lemma: 1.0,
        "x:nested": float(
            any(o is not title and o.first <= title.first and title.last <= o.last for o in titles)
        ),
    }
    return features


def _signed(title: _Title, person: _Person) -> int:
    return person.first - title.last if person.first > title.last else title.first - person.last


def _between(index: int, title: _Title, person: _Person) -> bool:
    low, high = (
        (title.last, person.first) if person.first > title.last else (person.last, title.first)
    )
    return low < index < high


def _nearest(title: _Title, person: _Person, persons: Sequence[_Person]) -> bool:
    def dist(p: _Person) -> int:
        return p.first - title.last if p.first > title.last else title.first - p.last

    return min(persons, key=lambda p: abs(dist(p))) is person


class PairClassifier(LinearClassifier):
    """Logistic regression over :func:`pair_features` (scikit-learn API).

    Args:
        c: inverse regularisation strength.
        threshold: probability from which a pair is accepted; 0.7 was the best pair F1 when
            fitting on NEREL train documents 1–600 and scoring train documents 601–746
            (never the dev split).
        context_threshold: the same for a person named in an earlier sentence (0.5, chosen
            the same way).
    """

    class_weight = "balanced"

    def __init__(
        self, c: float = 0.5, threshold: float = 0.7, context_threshold: float = 0.5
    ) -> None:
        self.c = c
        self.threshold = threshold
        self.context_threshold = context_threshold


@lru_cache(maxsize=1)
def load_pair_model() -> PairClassifier | None:
    """The trained classifier from the cache, or ``None`` (then rules alone pair)."""
    if os.environ.get("ABM_NO_PAIR_MODEL"):
        return None
    path = cache_path()
    return load_cached(path, PairClassifier)


def _gold_pairs(ann: Path) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    spans: dict[str, tuple[int, int]] = {}
    pairs = []
    lines = ann.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.startswith("T"):
            parts = line.split("\t")
            fields = parts[1].split()
            if ";" in parts[1]:
                continue
            spans[parts[0]] = (int(fields[1]), int(fields[2]))
    for line in lines:
        if line.startswith("R") and "\tWORKS_AS " in line:
            fields = line.split("\t")[1].split()
            a, b = fields[1].split(":")[1], fields[2].split(":")[1]
            if a in spans and b in spans:
                pairs.append((spans[a], spans[b]))
    return pairs


def _surname(text: str) -> str:
    from abmresearch.extract.people import parse_person

    return (parse_person(text).last_name or "").lower().replace("ё", "е")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def training_set(documents: Sequence[Path]) -> tuple[list[dict[str, Any]], list[int]]:
    """Candidate features and 0/1 labels of NEREL documents (``.txt`` beside its ``.ann``).

    A candidate is positive when its title overlaps a gold PROFESSION of a WORKS_AS pair and
    its person overlaps that pair's PERSON or has the same nominative surname (another mention
    of the same person).
    """
    from abmresearch.extract.contacts import candidate_pairs

    features: list[dict[str, Any]] = []
    labels: list[int] = []
    for path in documents:
        text = path.read_text(encoding="utf-8")
        gold = [
            (person, title, _surname(text[person[0] : person[1]]))
            for person, title in _gold_pairs(path.with_suffix(".ann"))
        ]
        for candidate in candidate_pairs(text):
            positive = any(
                _overlaps(candidate.title, g_title)
                and (
                    _overlaps(candidate.person, g_person)
                    or (bool(surname) and candidate.surname == surname)
                )
                for g_person, g_title, surname in gold
            )
            features.append(candidate.features)
            labels.append(int(positive))
    return features, labels


def train_pairs(
    nerel: Path, *, limit: int | None = None, out: Path | None = None, orgs: bool = True
) -> Path:
    """Fit the classifier on NEREL ``train/`` and store it in the cache.

    Args:
        nerel: the NEREL folder (with ``train/*.txt`` and ``*.ann``).
        limit: use only the first N documents.
        out: where to write (default :func:`cache_path`).
        orgs: also fit the org classifier (:mod:`abmresearch.extract.orgs`) into
            ``extract_orgs.pkl`` beside it.

    Returns:
        The model file.
    """
    documents = sorted((nerel / "train").glob("*.txt"))[:limit]
    features, labels = training_set(documents)
    model = PairClassifier()
    model.fit(features, labels)
    target = out or cache_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump(model, handle)
    tmp.replace(target)
    if orgs:
        _train_org_model(documents, target)
    return target


def _train_org_model(documents: Sequence[Path], pairs: Path) -> Path:
    """Fit the org classifier on the pairs found with the pair model just written."""
    from abmresearch.extract.orgs import train_orgs

    saved = {name: os.environ.get(name) for name in ("ABM_CACHE", "ABM_NO_ORG_MODEL")}
    os.environ["ABM_CACHE"] = str(pairs.parent)  # extract with the new pair model, no org model
    os.environ["ABM_NO_ORG_MODEL"] = "1"
    load_pair_model.cache_clear()
    try:
        return train_orgs(documents, pairs.parent / "extract_orgs.pkl")
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        load_pair_model.cache_clear()


HOLDOUT_FROM = 600  # train documents 601–746 (sorted) score a model fitted on 1–600


def _main(argv: Sequence[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Обучить модель пар «персона — должность».")
    parser.add_argument("nerel", nargs="?", type=Path, default=Path("../shared/data/nerel"))
    parser.add_argument("--limit", type=int, default=None, help="только первые N документов")
    parser.add_argument("--out", type=Path, default=None, help="файл модели (иначе кэш)")
    args = parser.parse_args(list(argv))
    if not (args.nerel / "train").is_dir():
        print(f"ошибка: нет папки {args.nerel / 'train'}", file=sys.stderr)
        raise SystemExit(2)
    # import the module by its name so that the pickle refers to it, not to ``__main__``
    from abmresearch.extract.pairing import train_pairs as _train

    written = _train(args.nerel, limit=args.limit, out=args.out)
    print(f"pair model → {written}")


if __name__ == "__main__":  # pragma: no cover - a training entry point
    _main(sys.argv[1:])
