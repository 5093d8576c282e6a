"""Proposed corrections of a CRM export, where they are unambiguous.

Nothing is applied: :func:`propose_fixes` returns a table (``table, id, field, value,
proposed, reason``) for the analyst to review and load back into the CRM. A proposal is made
only when exactly one correction is possible and the corrected value is valid.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import lru_cache

import numpy as np
import pandas as pd
import phonenumbers

from abmresearch.quality.rules import (
    email_problem,
    employees_problem,
    inn_problem,
    name_problem,
    phone_problem,
    trim,
)
from abmresearch.vocabulary import Vocabulary

__all__ = [
    "FIX_COLUMNS",
    "fix_email",
    "fix_employees",
    "fix_inn",
    "fix_name",
    "fix_phone",
    "propose_fixes",
]

FIX_COLUMNS = ("table", "id", "field", "value", "proposed", "reason")
Fix = tuple[str, str] | None  # (proposed value, reason)

# Latin letters that look like Cyrillic ones, as typed into Russian names.
_LOOKALIKES = str.maketrans("AaBCcEeHKMOoPpTXxyu", "АаВСсЕеНКМОоРрТХхуи")


def fix_inn(value: str) -> Fix:
    """Separators inside an ИНН, or a leading zero lost by Excel."""
    digits = re.sub(r"[\s.\-–]", "", value)
    if not digits.isascii() or not digits.isdigit():
        return None
    candidates = [digits]
    if len(digits) in (9, 11):
        candidates.append("0" + digits)
    for candidate in candidates:
        if candidate != value and inn_problem(candidate) is None:
            if candidate.startswith("0") and not digits.startswith("0"):
                return candidate, "восстановлен ведущий ноль (потерян при открытии в Excel)"
            return candidate, "убраны пробелы и разделители"
    return None


def fix_employees(value: str) -> Fix:
    """«18.0» → «18», «1 200» → «1200»."""
    compact = re.sub(r"[\s\u00a0]", "", value)
    if employees_problem(compact) is not None:
        return None
    whole = str(int(compact.split(".")[0]))
    return (whole, "целое число без дробной части и пробелов") if whole != value else None


def _name_case(value: str) -> str:
    return re.sub(r"[^\s\-'’]+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(), value)


def fix_name(value: str) -> Fix:
    """Latin lookalike letters → Cyrillic; ИВАНОВ / иванов → Иванов; spacing."""
    fixed = " ".join(value.translate(_LOOKALIKES).split())
    if fixed.isupper() or fixed.islower():
        fixed = _name_case(fixed)
    if fixed == value or name_problem(fixed) is not None:
        return None
    if value.translate(_LOOKALIKES) != value:
        return fixed, "латинские буквы заменены кириллическими"
    return fixed, "с заглавной буквы, без лишних пробелов"


def fix_email(value: str) -> Fix:
    """«mailto:», spaces, a trailing dot or angle brackets around a valid address."""
    fixed = re.sub(r"^mailto:", "", value.strip("<>.,; "), flags=re.IGNORECASE).replace(" ", "")
    if fixed == value or not fixed or email_problem(fixed) is not None:
        return None
    return fixed, "убраны лишние знаки вокруг адреса"


@lru_cache(maxsize=65536)
def fix_phone(value: str) -> Fix:
    """A valid number in +7 notation; one Russian number found in a cell with text around it."""
    if phone_problem(value) is None:
        number = phonenumbers.parse(value, "RU")
    else:
        found = list(phonenumbers.PhoneNumberMatcher(value, "RU"))
        if len(found) != 1:
            return None
        number = found[0].number
        if not phonenumbers.is_valid_number(number):
            return None
        if phonenumbers.region_code_for_number(number) != "RU":
            return None
    fixed = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if number.extension:
        fixed = fixed.replace(" ext. ", " доб. ")
    return (fixed, "номер в формате +7") if fixed != value else None


def _fix_segment(segments: Collection[str]) -> Callable[[str], Fix]:
    canon = {" ".join(s.split()).casefold().replace("ё", "е"): s for s in segments}

    def fix(value: str) -> Fix:
        found = canon.get(" ".join(value.split()).casefold().replace("ё", "е"))
        return (found, "сегмент как в справочнике") if found and found != value else None

    return fix


def _fix_position(vocabulary: Vocabulary) -> Callable[[str], Fix]:
    def fix(value: str) -> Fix:
        found = vocabulary.find(value)
        if found is None or found.title == value:
            return None
        exact = vocabulary.by_title(value) is not None
        return found.title, ("название как в справочнике" if exact else "синоним → должность")

    return fix


def _column_fixes(
    table: str, frame: pd.DataFrame, id_column: str, field: str, fix: Callable[[str], Fix]
) -> pd.DataFrame:
    raw = frame[field].to_numpy(dtype=object)
    codes, uniques = pd.factorize(pd.Series(raw, dtype=object), sort=False)
    proposals = [fix(trim(value)) if trim(value) else None for value in uniques]
    hit = np.array([p is not None for p in proposals], dtype=bool)
    if not hit.any():
        return pd.DataFrame(columns=list(FIX_COLUMNS))
    rows = np.flatnonzero(hit[codes])
    chosen = [proposals[code] for code in codes[rows]]
    return pd.DataFrame(
        {
            "table": table,
            "id": [trim(v) for v in frame[id_column].to_numpy(dtype=object)[rows]],
            "field": field,
            "value": raw[rows],
            "proposed": [c[0] for c in chosen if c],
            "reason": [c[1] for c in chosen if c],
        }
    )


def propose_fixes(
    companies: pd.DataFrame,
    contacts: pd.DataFrame,
    *,
    vocabulary: Vocabulary,
    segments: Collection[str],
) -> pd.DataFrame:
    """Unambiguous corrections of cells, never applied.

    Args:
        companies: the companies table (canonical columns).
        contacts: the contacts table (canonical columns).
        vocabulary: positions vocabulary (an alias → its title).
        segments: configured segments (case and spacing → the configured spelling).

    Returns:
        One row per cell with a proposal: table, id, field, value, proposed, reason.
    """
    plan: list[tuple[str, pd.DataFrame, str, str, Callable[[str], Fix]]] = [
        ("companies", companies, "company_id", "inn", fix_inn),
        ("companies", companies, "company_id", "segment", _fix_segment(segments)),
        ("companies", companies, "company_id", "employees", fix_employees),
        ("contacts", contacts, "contact_id", "last_name", fix_name),
        ("contacts", contacts, "contact_id", "first_name", fix_name),
        ("contacts", contacts, "contact_id", "middle_name", fix_name),
        ("contacts", contacts, "contact_id", "position", _fix_position(vocabulary)),
        ("contacts", contacts, "contact_id", "email", fix_email),
        ("contacts", contacts, "contact_id", "phone", fix_phone),
    ]
    parts = [_column_fixes(*step) for step in plan]
    parts = [part for part in parts if len(part)]
    if not parts:
        return pd.DataFrame(columns=list(FIX_COLUMNS))
    return pd.concat(parts, ignore_index=True)
