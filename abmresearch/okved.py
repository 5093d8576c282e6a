"""ОКВЭД2 codes: validate, roll up to section and division, look up names.

The classifier ships in ``abmresearch/resources/okved2.csv`` (see its SOURCE.md).
Codes look like ``41``, ``41.2``, ``41.20``, ``43.99.1``, ``43.99.11``; the section is a
Latin letter ``A``…``U``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from abmresearch.config import RESOURCES_DIR

__all__ = [
    "OkvedCode",
    "division",
    "is_valid",
    "known_ancestor",
    "load_okved",
    "name",
    "normalize",
    "section",
]

_SHAPE = re.compile(r"^\d{2}(\.\d{1,2}(\.\d{1,2})?)?$")


@dataclass(frozen=True)
class OkvedCode:
    """One row of the classifier."""

    code: str
    section: str
    name: str


@cache
def load_okved() -> dict[str, OkvedCode]:
    """The classifier as ``code → OkvedCode``; sections are keyed by their letter."""
    table: dict[str, OkvedCode] = {}
    with (RESOURCES_DIR / "okved2.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["code"].strip() or row["group"].strip()
            table[code] = OkvedCode(code=code, section=row["group"].strip(), name=row["name"])
    return table


def normalize(code: str) -> str:
    """Trim a code as written (``' 41.20 '``, ``'41,20'``) to the classifier's form."""
    return code.strip().replace(",", ".").rstrip(".")


def is_valid(code: str) -> bool:
    """Whether ``code`` is a code of the ОКВЭД2 classifier (not a section letter)."""
    value = normalize(code)
    return bool(_SHAPE.match(value)) and value in load_okved()


def known_ancestor(code: str) -> str | None:
    """The code itself if the classifier has it, else its nearest listed parent.

    Codes added by amendments newer than the shipped table (e.g. ``41.20.9`` in 2025 ЕГРЮЛ
    extracts) still roll up: ``'41.20.9'`` → ``'41.20'``. ``None`` for a malformed code or an
    unknown division.
    """
    value = normalize(code)
    if not _SHAPE.match(value):
        return None
    table = load_okved()
    while value not in table:
        if "." not in value:
            return None
        value = value[:-1].rstrip(".") if len(value.rsplit(".", 1)[1]) == 2 else value[:-2]
    return value


def division(code: str) -> str | None:
    """The two-digit division (``'43.99.1'`` → ``'43'``), or ``None`` for an unknown code."""
    ancestor = known_ancestor(code)
    return ancestor[:2] if ancestor else None


def section(code: str) -> str | None:
    """The section letter (``'41.20'`` → ``'F'``), or ``None`` for an unknown code."""
    ancestor = known_ancestor(code)
    return load_okved()[ancestor].section if ancestor else None


def name(code: str) -> str | None:
    """The classifier's name of a code or section letter, or ``None``."""
    entry = load_okved().get(normalize(code))
    return entry.name if entry else None
