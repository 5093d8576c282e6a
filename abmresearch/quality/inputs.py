"""Read a CRM export (companies and contacts) into the canonical columns of the quality step."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from abmresearch.columns import (
    COMPANY_COLUMNS,
    CONTACT_COLUMNS,
    apply_column_map,
    resolve_company_names,
)
from abmresearch.config import ColumnMaps
from abmresearch.errors import InputError
from abmresearch.io import read_table

__all__ = ["read_crm_export"]


def _require(frame: pd.DataFrame, columns: tuple[str, ...], path: Path) -> pd.DataFrame:
    for column in columns:
        if column not in frame.columns:
            have = ", ".join(map(str, frame.columns[:12]))
            raise InputError(path, f"нет столбца '{column}' (есть: {have})")
    return frame.assign(**{column: frame[column].map(_as_text) for column in columns})


def _as_text(value: object) -> str:
    """A cell as text: JSONL/Parquet nulls are empty, numbers keep their written form."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def read_crm_export(
    companies_path: Path | str,
    contacts_path: Path | str,
    *,
    columns: ColumnMaps | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read companies and contacts, mapping export headers and checking required columns.

    Args:
        companies_path: COMPANIES file (any supported format).
        contacts_path: CONTACTS file; its company may be given by ``company_id`` or by
            the company's name («Компания»).
        columns: the segment's own column maps.

    Returns:
        ``(companies, contacts)`` with canonical text columns.

    Raises:
        InputError: a file is missing, unreadable, or lacks a column.
    """
    columns = columns or ColumnMaps()
    companies_path, contacts_path = Path(companies_path), Path(contacts_path)
    companies = apply_column_map(read_table(companies_path), "companies", custom=columns.companies)
    companies = _require(companies, COMPANY_COLUMNS, companies_path)
    contacts = apply_column_map(read_table(contacts_path), "contacts", custom=columns.contacts)
    contacts = resolve_company_names(contacts, companies, path=contacts_path)
    contacts = _require(contacts, CONTACT_COLUMNS, contacts_path)
    return companies, contacts
