"""The packaged first-names list (``abmresearch/resources/first_names_ru.tsv``).

Derived from the BSD-3 ``russiannames`` dictionaries (PyPI russiannames 2.0.0, © Ivan Begtin;
licence in ``first_names_ru.LICENSE.txt``): first names with gender m/f seen ≥ 5 times and
how often (the count decides between readings: «Юлию» is «Юлия» far more often than «Юлий»).
:func:`build_first_names` regenerates it from ``../shared/data/russian-names/first_names.csv``;
run time only reads the packaged copy.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from abmresearch.config import RESOURCES_DIR

__all__ = ["build_first_names", "first_name_count", "first_name_gender"]

_FILE = "first_names_ru.tsv"
_HEADER = (
    "# first names with gender (m/f) and count, frequency >= 5: derived from PyPI russiannames\n"
    "# 2.0.0"
    " (BSD-3-Clause, (c) Ivan Begtin; see first_names_ru.LICENSE.txt) by "
    "abmresearch/extract/_names.py\n"
)


def _resource() -> Path:
    return Path(RESOURCES_DIR) / _FILE


@lru_cache(maxsize=1)
def _first_names() -> dict[str, tuple[str, int]]:
    names: dict[str, tuple[str, int]] = {}
    path = _resource()
    if not path.exists():
        return names
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, gender, count = [*line.split("\t"), "0"][:3]
        names.setdefault(name.lower().replace("ё", "е"), (gender, int(count or 0)))
    return names


def first_name_gender(name: str) -> str | None:
    """``"m"``/``"f"`` for a first name in the nominative, ``None`` when not in the list."""
    found = _first_names().get(name.lower().replace("ё", "е"))
    return found[0] if found else None


def first_name_count(name: str) -> int:
    """How often russiannames saw the first name (nominative), 0 when not in the list."""
    found = _first_names().get(name.lower().replace("ё", "е"))
    return found[1] if found else 0


def build_first_names(source: Path, target: Path, *, min_count: int = 5) -> int:
    """Regenerate the packaged list from russiannames' ``first_names.csv``.

    Returns:
        How many names were written.
    """
    seen: dict[str, tuple[str, int]] = {}
    with source.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = row["text"].strip()
            count = int(float(row["count"] or 0))
            if text and row["gender"] in ("m", "f") and count >= min_count:
                seen.setdefault(text, (row["gender"], count))
    lines = [f"{name}\t{gender}\t{count}\n" for name, (gender, count) in sorted(seen.items())]
    target.write_text(_HEADER + "".join(lines), encoding="utf-8")
    return len(lines)
