"""Merge registry records into one row per ИНН, field by field, newest wins."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from abmresearch.collect.registry.records import COMPANY_COLUMNS, FIELDS, RegistryRecord

__all__ = ["MergeResult", "merge_records"]


@dataclass
class MergeResult:
    """The merged companies and how they came about.

    Attributes:
        companies: one row per ИНН, CONTRACTS §7 columns, missing values empty.
        provenance: one row per ИНН × field: ``inn, field, value, source, as_of``.
        conflicts: how many times two sources gave different values for the same field.
        records: how many records were read.
    """

    companies: pd.DataFrame
    provenance: pd.DataFrame
    conflicts: int
    records: int


def merge_records(records: Iterable[RegistryRecord]) -> MergeResult:
    """Merge records of any sources.

    For each ИНН and field the value of the record with the latest ``as_of`` wins (on a tie,
    the later record). A different non-empty value for a field already known counts as a
    conflict (case is ignored). ``sources`` lists every source that contributed, ``;``-separated.

    Args:
        records: records in any order.

    Returns:
        The merged table, its provenance and the conflict count.
    """
    state: dict[str, dict[str, tuple[str, str, str]]] = {}
    contributors: dict[str, dict[str, None]] = {}
    conflicts = 0
    count = 0
    for record in records:
        count += 1
        fields = state.setdefault(record.inn, {})
        contributors.setdefault(record.inn, {})[record.source] = None
        for name, value in record.values.items():
            known = fields.get(name)
            if known is None:
                fields[name] = (value, record.source, record.as_of)
                continue
            if known[0].casefold() != value.casefold():
                conflicts += 1
                if record.as_of >= known[2]:
                    fields[name] = (value, record.source, record.as_of)
            elif record.as_of > known[2]:
                fields[name] = (value, record.source, record.as_of)
    rows = [
        {"inn": inn}
        | {name: fields[name][0] if name in fields else "" for name in FIELDS}
        | {"sources": ";".join(contributors[inn])}
        for inn, fields in state.items()
    ]
    companies = pd.DataFrame(rows, columns=list(COMPANY_COLUMNS), dtype="string").fillna("")
    provenance = pd.DataFrame(
        [
            {"inn": inn, "field": name, "value": value, "source": source, "as_of": as_of}
            for inn, fields in state.items()
            for name, (value, source, as_of) in fields.items()
        ],
        columns=["inn", "field", "value", "source", "as_of"],
        dtype="string",
    )
    return MergeResult(
        companies=companies.sort_values("inn", ignore_index=True),
        provenance=provenance,
        conflicts=conflicts,
        records=count,
    )
