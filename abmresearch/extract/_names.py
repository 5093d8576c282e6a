"""The packaged first-names list (``abmresearch/resources/first_names_ru.tsv``).

Derived from the BSD-3 ``russiannames`` dictionaries (PyPI russiannames 2.0.0, © Ivan Begtin;
licence in ``first_names_ru.LICENSE.txt``): first names with gender m/f seen ≥ 5 times and
how often (the count decides between readings: «Юлию» is «Юлия» far more often than «Юлий»).
:func:`build_first_names` regenerates it from ``../shared/data/russian-names/first_names.csv``;
run time only reads the packaged copy.

russiannames has almost no foreign first names («Илон» is missing, so «Илон Маск» read as
«Илона»; «Карлос», «Эммануэль», «Сатья» too), so ``first_names_foreign.tsv`` fills the gaps:
a list compiled by this project of the names as Russian media transliterate them, with
gender. It is a fallback — a name in the russiannames list keeps that entry — and every name
counts :data:`FOREIGN_COUNT`, so a frequent Russian reading of an oblique form still wins
(«Илона» is Илона's nominative before Илон's genitive unless the rest of the name says
otherwise). Names used for both genders («Мишель», «Андреа») are not in it.
"""

from __future__ import annotations

import csv
import gzip
import re
from functools import lru_cache
from pathlib import Path

from abmresearch.config import RESOURCES_DIR

__all__ = [
    "build_first_names",
    "build_surnames",
    "first_name_count",
    "first_name_gender",
    "foreign_first_name_gender",
    "foreign_first_names",
    "surname_count",
]

_FILE = "first_names_ru.tsv"
_FOREIGN_FILE = "first_names_foreign.tsv"
FOREIGN_COUNT = 5  # the russiannames threshold: a foreign name counts as a rare Russian one
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
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    for line in lines:
        if not line or line.startswith("#"):
            continue
        name, gender, count = [*line.split("\t"), "0"][:3]
        names.setdefault(name.lower().replace("ё", "е"), (gender, int(count or 0)))
    for name, gender in foreign_first_names().items():
        names.setdefault(name.lower().replace("ё", "е"), (gender, FOREIGN_COUNT))
    return names


@lru_cache(maxsize=1)
def foreign_first_names() -> dict[str, str]:
    """The packaged foreign first names (``first_names_foreign.tsv``) and their gender."""
    path = Path(RESOURCES_DIR) / _FOREIGN_FILE
    if not path.exists():
        return {}
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines())
    return {row[0]: row[1] for row in rows if len(row) >= 2 and not row[0].startswith("#")}


def first_name_gender(name: str) -> str | None:
    """``"m"``/``"f"`` for a first name in the nominative, ``None`` when not in the list."""
    found = _first_names().get(name.lower().replace("ё", "е"))
    return found[0] if found else None


def foreign_first_name_gender(name: str) -> str | None:
    """``"m"``/``"f"`` for a name of the foreign list (nominative), else ``None`` (the list
    holds no name of the russiannames one: a test checks it)."""
    return _foreign_keys().get(name.lower().replace("ё", "е"))


@lru_cache(maxsize=1)
def _foreign_keys() -> dict[str, str]:
    return {n.lower().replace("ё", "е"): g for n, g in foreign_first_names().items()}


def first_name_count(name: str) -> int:
    """How often russiannames saw the first name (nominative), 0 when not in the list;
    :data:`FOREIGN_COUNT` for a name only the foreign list has."""
    found = _first_names().get(name.lower().replace("ё", "е"))
    return found[1] if found else 0


def _cyrillic(text: str) -> bool:
    """Cyrillic letters only (with «-», «'» and spaces): russiannames has a few rows typed
    with Latin lookalikes («Cергей» with a Latin C, «Hаталья», «Адеpиха»), which are dropped."""
    return bool(re.fullmatch(r"[А-Яа-яЁё]+(?:[ '-][А-Яа-яЁё]+)*", text))


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
            if _cyrillic(text) and row["gender"] in ("m", "f") and count >= min_count:
                seen.setdefault(text, (row["gender"], count))
    lines = [f"{name}\t{gender}\t{count}\n" for name, (gender, count) in sorted(seen.items())]
    target.write_text(_HEADER + "".join(lines), encoding="utf-8")
    return len(lines)


_SURNAMES_FILE = "surnames_ru.tsv.gz"  # 1.3 MB of text, 0.27 MB packed
_SURNAMES_HEADER = (
    "# surnames in the nominative with gender (m/f/u = either) and count, frequency >= 10:\n"
    "# derived from PyPI russiannames 2.0.0 (BSD-3-Clause, (c) Ivan Begtin; see\n"
    "# first_names_ru.LICENSE.txt) by abmresearch/extract/_names.py\n"
)


@lru_cache(maxsize=1)
def _surnames() -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    path = Path(RESOURCES_DIR) / _SURNAMES_FILE
    if not path.exists():
        return found
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, gender, count = line.split("\t")
        found.setdefault(name.lower().replace("ё", "е"), {})[gender] = int(count)
    return found


def surname_count(nominative: str, gender: str | None = None) -> int:
    """How often russiannames saw the surname in this nominative form for the gender
    (``"m"``, ``"f"``; ``None``: either); 0 when not in the list."""
    entry = _surnames().get(nominative.lower().replace("ё", "е"), {})
    if gender is None:
        return max(entry.values(), default=0)
    return max(entry.get(gender, 0), entry.get("u", 0))


def _feminine_of(masculine: str) -> str | None:
    """«Яровой» → «Яровая», «Достоевский» → «Достоевская» (russiannames leaves them blank)."""
    for old, new in (("ский", "ская"), ("цкий", "цкая"), ("ой", "ая"), ("ый", "ая"), ("ий", "яя")):
        if masculine.endswith(old):
            return masculine[: -len(old)] + new
    return None


def build_surnames(source: Path, target: Path, *, min_count: int = 10) -> int:
    """Regenerate the packaged surnames from russiannames' ``surnames.csv.gz``.

    Returns:
        How many (surname, gender) rows were written.
    """
    seen: dict[tuple[str, str], int] = {}
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text, count = row["text"].strip(), int(float(row["count"] or 0))
            if count < min_count or not text[:1].isupper() or not text[1:].islower():
                continue
            if not _cyrillic(text):
                continue
            gender = row["gender"] if row["gender"] in ("m", "f") else "u"
            seen[(text, gender)] = max(seen.get((text, gender), 0), count)
            feminine = row["f_form"].strip() or (_feminine_of(text) if gender == "m" else None)
            if feminine:
                seen[(feminine, "f")] = max(seen.get((feminine, "f"), 0), count)
    lines = [f"{name}\t{gender}\t{count}\n" for (name, gender), count in sorted(seen.items())]
    text = _SURNAMES_HEADER + "".join(lines)
    # mtime=0: the same rows give the same bytes (the packaged file is checked against a rebuild).
    target.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    return len(lines)
