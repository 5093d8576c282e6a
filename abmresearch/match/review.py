"""The review queue of uncertain matches and the analyst's decisions that are reapplied.

The queue (``OUT.review.csv`` beside the output) has one row per candidate of an uncertain
mention, with an empty ``decision`` column. The analyst writes ``accepted`` (or «да») beside the
right candidate and ``rejected`` («нет») beside wrong ones, saves the file as a decisions file,
and passes it with ``--decisions``: decisions are keyed by the normalised name, so they apply to
every mention written that way, in this run and the next ones. A ``rejected`` row with an empty
ИНН means «this name is not in the registry».
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from abmresearch.errors import InputError
from abmresearch.match.normalize import normalize_name

__all__ = ["REVIEW_COLUMNS", "read_decisions", "review_queue"]

REVIEW_COLUMNS = (
    "mention_id",
    "name",
    "key",
    "rank",
    "inn",
    "matched_name",
    "score",
    "explanation",
    "decision",
)
_ACCEPT = {"accepted", "accept", "yes", "да", "+", "1", "принято", "верно"}
_REJECT = {"rejected", "reject", "no", "нет", "-", "0", "отклонено", "неверно"}


def review_queue(rows: list[dict[str, object]]) -> pd.DataFrame:
    """The review queue table from candidate rows (one per mention × candidate)."""
    return pd.DataFrame(rows, columns=list(REVIEW_COLUMNS))


def read_decisions(
    decisions: pd.DataFrame, *, path: Path | str = "DECISIONS"
) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """Accepted and rejected links from a decisions table.

    Args:
        decisions: columns ``decision`` and ``key`` or ``name``, plus ``inn``.
        path: the file, for messages.

    Returns:
        (key → accepted ИНН, key → rejected ИНН; ``""`` among them rejects every link).

    Raises:
        InputError: a column is missing, a decision word is unknown, or an accepted row has no
            ИНН.
    """
    if "decision" not in decisions.columns or not {"key", "name"} & set(decisions.columns):
        raise InputError(path, "в файле решений нужны столбцы 'decision' и 'key' (или 'name')")
    accepted: dict[str, str] = {}
    rejected: dict[str, set[str]] = {}
    for number, row in enumerate(decisions.to_dict("records"), start=2):
        word = str(row.get("decision") or "").strip().lower()
        if not word:
            continue
        key = str(row.get("key") or "").strip() or normalize_name(str(row.get("name") or ""))
        if not key:
            raise InputError(path, "решение без названия", row=number)
        inn = str(row.get("inn") or "").strip()
        if word in _ACCEPT:
            if not inn:
                raise InputError(path, "принятое решение без ИНН", row=number)
            accepted[key] = inn
        elif word in _REJECT:
            rejected.setdefault(key, set()).add(inn)
        else:
            raise InputError(
                path, f"неизвестное решение «{word}»: ожидается accepted или rejected", row=number
            )
    return accepted, {key: frozenset(values) for key, values in rejected.items()}
