"""Column maps of real CRM exports (Bitrix24, amoCRM) onto the canonical columns.

A segment config may give its own map (``columns:`` header → canonical); it is applied first,
then the built-in headers below, each only when the canonical column is not there yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from abmresearch.errors import InputError

__all__ = [
    "COMPANY_COLUMNS",
    "CONTACT_COLUMNS",
    "KNOWN_HEADERS",
    "apply_column_map",
    "resolve_company_names",
]

COMPANY_COLUMNS = ("company_id", "name", "inn", "segment", "employees")
CONTACT_COLUMNS = (
    "contact_id",
    "company_id",
    "last_name",
    "first_name",
    "middle_name",
    "position",
    "email",
    "phone",
)

# Export headers of Bitrix24 and amoCRM (and their common variants), case-insensitive.
KNOWN_HEADERS: dict[str, dict[str, str]] = {
    "companies": {
        "id": "company_id",
        "id компании": "company_id",
        "название компании": "name",
        "название": "name",
        "компания": "name",
        "наименование": "name",
        "инн": "inn",
        "инн компании": "inn",
        "сегмент": "segment",
        "количество сотрудников": "employees",
        "кол-во сотрудников": "employees",
        "численность": "employees",
        "численность сотрудников": "employees",
    },
    "contacts": {
        "id": "contact_id",
        "id контакта": "contact_id",
        "id компании": "company_id",
        "компания": "company_name",
        "название компании": "company_name",
        "фамилия": "last_name",
        "имя": "first_name",
        "отчество": "middle_name",
        "должность": "position",
        "должность (контакт)": "position",
        "рабочий e-mail": "email",
        "рабочий email": "email",
        "e-mail": "email",
        "email": "email",
        "эл. почта": "email",
        "рабочий телефон": "phone",
        "телефон": "phone",
        "мобильный телефон": "phone",
    },
}


def apply_column_map(
    frame: pd.DataFrame, table: str, *, custom: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Rename export headers to canonical columns.

    Args:
        frame: the table as read.
        table: ``companies`` or ``contacts``.
        custom: the segment's own map (header → canonical), applied first.

    Returns:
        The frame with renamed columns; headers already canonical are kept as they are.
    """
    rename: dict[str, str] = {}
    taken = set(frame.columns)
    by_folded = {str(column).strip().casefold(): column for column in frame.columns}
    for mapping in (custom or {}, KNOWN_HEADERS[table]):
        for header, canonical in mapping.items():
            column = by_folded.get(header.strip().casefold())
            if column is None or column in rename or canonical in taken:
                continue
            rename[column] = canonical
            taken.add(canonical)
    return frame.rename(columns=rename)


def resolve_company_names(
    contacts: pd.DataFrame, companies: pd.DataFrame, *, path: Path
) -> pd.DataFrame:
    """Give contacts a ``company_id`` from a ``company_name`` column (CRM exports name it).

    Names are compared trimmed and case-insensitively; a name shared by two companies is
    ambiguous and leaves the contact without a company.

    Raises:
        InputError: the contacts have neither ``company_id`` nor a company name column.
    """
    if "company_id" in contacts.columns:
        return contacts
    if "company_name" not in contacts.columns:
        raise InputError(path, "нет столбца 'company_id' (или «Компания» с названием)")
    keys = companies["name"].astype(str).str.strip().str.casefold()
    unique = ~keys.duplicated(keep=False)
    lookup = dict(zip(keys[unique], companies["company_id"][unique], strict=True))
    names = contacts["company_name"].astype(str).str.strip().str.casefold()
    return contacts.assign(company_id=names.map(lookup).fillna(""))
