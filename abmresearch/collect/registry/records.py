"""The registry record every reader yields: one source's facts about one ИНН."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["COMPANY_COLUMNS", "FIELDS", "STATUSES", "RegistryRecord"]

# CONTRACTS §7, in this order.
COMPANY_COLUMNS = (
    "inn",
    "ogrn",
    "kpp",
    "name",
    "short_name",
    "legal_form",
    "okved",
    "okved_extra",
    "region",
    "address",
    "registered",
    "status",
    "head_name",
    "head_inn",
    "head_position",
    "employees",
    "revenue",
    "msp_category",
    "sources",
)
FIELDS = tuple(column for column in COMPANY_COLUMNS if column not in ("inn", "sources"))
STATUSES = ("active", "liquidating", "liquidated", "bankrupt", "reorganising")


@dataclass
class RegistryRecord:
    """What one document of one source says about one company.

    Attributes:
        inn: the ИНН (10 digits for a legal entity, 12 for an ИП).
        source: where it came from, e.g. ``egrul:VO_RUGFO_….xml``.
        as_of: ISO date the facts are valid at (extract date, ``ДатаСост``); newest wins.
        values: field → value, only the fields the source states (never empty strings).
    """

    inn: str
    source: str
    as_of: str
    values: dict[str, str] = field(default_factory=dict)
