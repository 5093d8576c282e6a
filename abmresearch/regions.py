"""Russian regions: a name, abbreviation or code as written → the two-digit code.

The table ships in ``abmresearch/resources/regions.csv`` (codes of ИНН/ОГРН and ФНС files,
see its SOURCE.md). Accepted forms: ``54``, ``Новосибирская область``, ``НОВОСИБИРСКАЯ ОБЛ.``,
``обл. Новосибирская``, ``Новосибирская``, ``RU-NVS``, ``г. Москва``, ``Респ. Татарстан``,
``Ханты-Мансийский автономный округ - Югра``, ``ХМАО``.
"""

from __future__ import annotations

import csv
import re
from functools import cache

from abmresearch.config import RESOURCES_DIR

__all__ = ["load_regions", "region_code", "region_name"]

# Type words and their abbreviations; they are dropped before comparing names.
_TYPE_WORDS = {
    "область",
    "обл",
    "край",
    "республика",
    "респ",
    "р",
    "г",
    "город",
    "гфз",
    "автономный",
    "автономная",
    "ао",
    "округ",
    "аобл",
    "чувашия",
    "кузбасс",
    "югра",
    "алания",
    "якутия",
    "федерального",
    "значения",
}
_ALIASES = {
    "хмао": "86",
    "янао": "89",
    "нао": "83",
    "еао": "79",
    "спб": "78",
    "питер": "78",
    "мск": "77",
    "москва и московская": "50",
    "кбр": "07",
    "кчр": "09",
    "рсо": "15",
    "крым": "91",
    "якутия": "14",
    "чувашия": "21",
    "кузбасс": "42",
    "югра": "86",
    "байконур": "99",
}


def _key(text: str) -> str:
    words = re.split(r"[^0-9a-zа-я]+", text.casefold().replace("ё", "е"))
    kept = [word for word in words if word and word not in _TYPE_WORDS]
    return " ".join(dict.fromkeys(kept))  # «Татарстан (Татарстан)» → «татарстан»


@cache
def load_regions() -> dict[str, str]:
    """Region code → official name."""
    with (RESOURCES_DIR / "regions.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


@cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    with (RESOURCES_DIR / "regions.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["code"]
            for variant in (row["name"], row["short_name"]):
                index.setdefault(_key(variant), code)
            index.setdefault(row["iso_code"].casefold(), code)
    index.update({_key(alias): code for alias, code in _ALIASES.items()})
    return index


def region_code(text: str | None) -> str | None:
    """The two-digit region code of a name, abbreviation, ISO code or code.

    Args:
        text: a region as written, e.g. ``«Новосибирская обл.»`` or ``«RU-NVS»`` or ``«54»``.

    Returns:
        ``'54'``, or ``None`` when the region is not recognised.
    """
    if text is None:
        return None
    value = text.strip()
    if not value:
        return None
    if value.isdigit() and len(value) <= 2:
        code = value.zfill(2)
        return code if code in load_regions() else None
    index = _index()
    return index.get(value.casefold()) or index.get(_key(value))


def region_name(code: str) -> str | None:
    """The official name of a two-digit region code, or ``None``."""
    return load_regions().get(code.zfill(2))
