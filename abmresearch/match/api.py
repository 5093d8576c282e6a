"""The matching step as DataFrame functions: mentions + registry → matches (+ review queue)."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from abmresearch.match.index import RegistryIndex, build_index
from abmresearch.match.inputs import check_mentions, check_registry
from abmresearch.match.link import DEFAULT_MARGIN, DEFAULT_THRESHOLD, link_mentions
from abmresearch.match.normalize import parse_name
from abmresearch.match.review import read_decisions, review_queue

__all__ = ["MATCH_COLUMNS", "MatchResult", "index_registry", "match_names", "match_tables"]

MATCH_COLUMNS = (
    "mention_id",
    "inn",
    "score",
    "matched_name",
    "method",
    "decision",
    "explanation",
)


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Matches, the review queue and the warnings about the inputs."""

    matches: pd.DataFrame
    review: pd.DataFrame
    warnings: list[str]


# The index depends on these sources and on the dictionary: a change makes a new cache file.
_INDEX_CODE = ("index.py", "normalize.py", "forms.py")
_INDEX_PACKAGES = ("pymorphy3", "pymorphy3-dicts-ru")


def _cache_file(tidy: pd.DataFrame, cache: Path | str) -> Path:
    """The cache file of a checked registry: keyed by its rows and by the indexing code."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _INDEX_CODE:
        digest.update((here / name).read_bytes())
    for package in _INDEX_PACKAGES:
        try:
            digest.update(importlib.metadata.version(package).encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(package.encode())
    rows = pd.DataFrame(
        {
            "inn": tidy["inn"],
            "names": tidy["names"].map("\x1f".join),
            "region": tidy["region"],
        }
    )
    digest.update(pd.util.hash_pandas_object(rows, index=False).to_numpy().tobytes())
    return Path(cache) / f"registry-{digest.hexdigest()[:24]}.index.pickle"


def _load_cached(file: Path) -> RegistryIndex | None:
    try:
        with file.open("rb") as handle:
            index = pickle.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError):
        return None  # a broken or outdated file is rebuilt
    return index if isinstance(index, RegistryIndex) else None


def _save_cached(index: RegistryIndex, file: Path) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    partial = file.with_name(f"{file.name}.{os.getpid()}.part")
    with partial.open("wb") as handle:
        pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, file)


def index_registry(
    registry: pd.DataFrame, *, path: str = "REGISTRY", cache: Path | str | None = None
) -> tuple[RegistryIndex, list[str]]:
    """Check a registry table and build its blocking index.

    Args:
        registry: columns ``inn``, ``name``, optional ``short_name``, ``region``, …
        path: the file, for messages.
        cache: a folder of built indexes (your own: the files are pickles). The index of the
            same registry rows, built by the same code, is read from there instead of being
            built again; a new one is saved there.

    Returns:
        (index, warnings).
    """
    tidy, warnings = check_registry(registry, path=path)
    file = _cache_file(tidy, cache) if cache is not None else None
    if file is not None:
        cached = _load_cached(file)
        if cached is not None:
            return cached, warnings
    index = build_index(
        tidy["inn"].tolist(), tidy["names"].tolist(), region=tidy["region"].tolist()
    )
    if file is not None:
        _save_cached(index, file)
    return index, warnings


def match_tables(
    mentions: pd.DataFrame,
    registry: pd.DataFrame | RegistryIndex,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    decisions: pd.DataFrame | None = None,
    paths: tuple[str, str, str] = ("MENTIONS", "REGISTRY", "DECISIONS"),
    scheduler: object = None,
    progress: Any = None,
    index_cache: Path | str | None = None,
) -> MatchResult:
    """Match mentions to the registry and collect the uncertain cases.

    Args:
        mentions: columns ``mention_id``, ``name``, optional ``region``, ``inn``.
        registry: the registry table, or an index built by :func:`index_registry`.
        threshold: lowest calibrated score (0–1) that links.
        margin: two companies closer than this are ambiguous (review, no link).
        decisions: the analyst's decisions (see :mod:`abmresearch.match.review`).
        paths: file names of mentions, registry and decisions, for messages.
        scheduler: ``tcp://host:port`` (or a ``distributed.Client``): run the mention batches
            on a Dask cluster.
        progress: ``callable(n_done)`` after each batch of mentions (local runs).
        index_cache: a folder where the registry's index is kept between runs
            (:func:`index_registry`).

    Returns:
        The :class:`MatchResult`; ``matches`` has one row per mention in the same order.
    """
    tidy, warnings = check_mentions(mentions, path=paths[0])
    if isinstance(registry, RegistryIndex):
        index = registry
    else:
        index, registry_warnings = index_registry(registry, path=paths[1], cache=index_cache)
        warnings = registry_warnings + warnings
    accepted, rejected = (
        read_decisions(decisions, path=paths[2]) if decisions is not None else ({}, {})
    )
    names = tidy["name"].tolist()
    options: dict[str, Any] = {
        "inns": tidy["inn"].tolist(),
        "regions": tidy["region"].tolist(),
        "threshold": threshold,
        "margin": margin,
        "accepted": accepted,
        "rejected": rejected,
    }
    if scheduler is not None:
        from abmresearch.match.distributed import link_on_cluster

        links = link_on_cluster(names, index, scheduler=scheduler, **options)
    else:
        links = link_mentions(names, index, progress=progress, batch=5_000, **options)
    matches = pd.DataFrame(
        {
            "mention_id": tidy["mention_id"],
            "inn": [link.inn for link in links],
            "score": [round(link.score, 4) for link in links],
            "matched_name": [link.matched_name for link in links],
            "method": [link.method for link in links],
            "decision": [link.decision for link in links],
            "explanation": [link.explanation for link in links],
        },
        columns=list(MATCH_COLUMNS),
    )
    rows: list[dict[str, object]] = []
    for mention_id, name, link in zip(tidy["mention_id"], names, links, strict=True):
        if not link.needs_review:
            continue
        key = parse_name(name).key
        for rank, candidate in enumerate(link.candidates, start=1):
            rows.append(
                {
                    "mention_id": mention_id,
                    "name": name,
                    "key": key,
                    "rank": rank,
                    "inn": index.inn[candidate.company],
                    "matched_name": index.name[candidate.company],
                    "score": round(candidate.score, 4),
                    "explanation": candidate.explanation,
                    "decision": "",
                }
            )
    return MatchResult(matches, review_queue(rows), warnings)


def match_names(
    mentions: pd.DataFrame,
    registry: pd.DataFrame,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    decisions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Link organisation mentions to registry companies by ИНН.

    Args:
        mentions: columns ``mention_id``, ``name``, optional ``region``, ``inn``.
        registry: columns ``inn``, ``name``, optional ``short_name``, ``ogrn``, ``region``,
            ``okved``.
        threshold: lowest calibrated score (0–1) that links.
        decisions: the analyst's reviewed decisions, reapplied.

    Returns:
        One row per mention in the same order: ``mention_id``, ``inn`` (``""`` when nothing
        reaches the threshold), ``score`` (0–1), ``matched_name``, ``method``, ``decision``,
        ``explanation``. Input warnings are in ``.attrs["warnings"]``, the review queue in
        ``.attrs["review"]``.
    """
    result = match_tables(mentions, registry, threshold=threshold, decisions=decisions)
    matches = result.matches
    matches.attrs["warnings"] = result.warnings
    matches.attrs["review"] = result.review
    return matches
