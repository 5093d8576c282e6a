"""The packaged first-names list (``abmresearch/resources/first_names_ru.tsv``).

Derived from the BSD-3 ``russiannames`` dictionaries (PyPI russiannames 2.0.0, © Ivan Begtin;
licence in ``first_names_ru.LICENSE.txt``): first names with gender m/f seen ≥ 5 times.
:func:`build_first_names` regenerates it from ``../shared/data/russian-names/first_names.csv``;
run time only reads the packaged copy.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from abmresearch.config import RESOURCES_DIR

__all__ = ["build_first_names", "first_name_gender"]

_FILE = "first_names_ru.tsv"
_HEADER = (
    "# first names with gender (m/f), frequency >= 5: derived from PyPI russiannames 2.0.0\n"
    "# (BSD-3-Clause, (c) Ivan Begtin; see first_names_ru.LICENSE.txt) by "
    "abmresearch/extract/_names.py\n"
)


def _resource() -> Path:
    return Path(RESOURCES_DIR) / _FILE


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    names: dict[str, str] = {}
    path = _resource()
    if not path.exists():
        return names
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, gender = line.partition("\t")
        names.setdefault(name.lower().replace("ё", "е"), gender)
    return names


def first_name_gender(name: str) -> str | None:
    """``"m"``/``"f"`` for a first name in the nominative, ``None`` when not in the list."""
    return _first_names().get(name.lower().replace("ё", "е"))


def build_first_names(source: Path, target: Path, *, min_count: int = 5) -> int:
    """Regenerate the packaged list from russiannames' ``first_names.csv``.

    Returns:
        How many names were written.
    """
    seen: dict[str, str] = {}
    with source.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = row["text"].strip()
            if text and row["gender"] in ("m", "f") and float(row["count"] or 0) >= min_count:
                seen.setdefault(text, row["gender"])
    lines = [f"{name}\t{gender}\n" for name, gender in sorted(seen.items())]
    target.write_text(_HEADER + "".join(lines), encoding="utf-8")
    return len(lines)
