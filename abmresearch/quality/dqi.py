"""The Data Quality Index of a CRM export and account readiness (CONTRACTS §4).

``dqi`` is the share of valid cells among all checked cells, × 100, rounded half-up to one
decimal. A list below the threshold (95 by default) is not accepted. An account is complete
with at least ``min_contacts`` contact rows and ``min_decision_makers`` contacts whose position
is a vocabulary title with role ЛПР.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from abmresearch.quality.rules import (
    Checked,
    check_email,
    check_employees,
    check_inn,
    check_name_part,
    check_phone,
    check_position,
    check_segment,
    factorize_trimmed,
    trim,
    trim_series,
)
from abmresearch.vocabulary import Vocabulary

__all__ = ["FIELDS", "PROBLEM_COLUMNS", "QualityResult", "assess", "round_half_up"]

FIELDS: dict[str, tuple[str, ...]] = {
    "companies": ("inn", "segment", "employees"),
    "contacts": ("last_name", "first_name", "middle_name", "position", "email", "phone"),
}
_ID = {"companies": "company_id", "contacts": "contact_id"}
PROBLEM_COLUMNS = ("table", "id", "field", "value", "reason")


def round_half_up(numerator: int, denominator: int, *, digits: int = 1) -> float:
    """``numerator / denominator × 100`` rounded half-up, exactly (integer arithmetic)."""
    if denominator == 0:
        return 0.0
    scale = 10**digits
    scaled = (2 * numerator * 100 * scale + denominator) // (2 * denominator)
    return float(scaled / scale)


@dataclass(frozen=True)
class QualityResult:
    """What :func:`assess` found.

    Attributes:
        fields: one row per ``table.field``: ``checked``, ``valid``, ``share`` (0–100).
        problems: one row per invalid cell: table, id, field, value, reason.
        accounts: one row per company: contacts, decision makers, complete, what is missing.
        dqi: the index, one decimal.
        threshold: the acceptance threshold.
    """

    fields: pd.DataFrame
    problems: pd.DataFrame
    accounts: pd.DataFrame
    dqi: float
    threshold: float

    @property
    def passed(self) -> bool:
        """Whether the list is accepted (``dqi ≥ threshold``)."""
        return self.dqi >= self.threshold

    def to_report(self, problems_path: Path | str) -> dict[str, Any]:
        """The REPORT.json document of the contract."""
        return {
            "dqi": self.dqi,
            "threshold": self.threshold,
            "passed": self.passed,
            "fields": {
                f"{table}.{field}": {"checked": int(checked), "valid": int(valid)}
                for table, field, checked, valid in self.fields[
                    ["table", "field", "checked", "valid"]
                ].itertuples(index=False)
            },
            "accounts": {
                "total": len(self.accounts),
                "complete": int(self.accounts["complete"].sum()),
            },
            "problems": str(problems_path),
        }


def _check_field(
    frame: pd.DataFrame, field: str, *, vocabulary: Vocabulary, segments: Collection[str]
) -> Checked:
    column = frame[field]
    if field == "inn":
        return check_inn(column)
    if field == "segment":
        return check_segment(column, segments)
    if field == "employees":
        return check_employees(column)
    if field in ("last_name", "first_name", "middle_name"):
        return check_name_part(column, field)
    if field == "position":
        return check_position(column, vocabulary)
    if field == "email":
        return check_email(column)
    if field == "phone":
        return check_phone(column)
    raise KeyError(field)


def _accounts(
    companies: pd.DataFrame,
    contacts: pd.DataFrame,
    decision_maker: np.ndarray,
    *,
    min_contacts: int,
    min_decision_makers: int,
) -> pd.DataFrame:
    linked = pd.DataFrame(
        {"company_id": trim_series(contacts["company_id"]), "decision_maker": decision_maker}
    )
    per_company = (
        linked[linked["company_id"] != ""]  # a contact without a company belongs to no account
        .groupby("company_id", sort=False)["decision_maker"]
        .agg(contacts="size", decision_makers="sum")
    )
    accounts = (
        companies.assign(company_id=trim_series(companies["company_id"]))
        .loc[:, [c for c in ("company_id", "name", "inn", "segment") if c in companies.columns]]
        .merge(per_company, left_on="company_id", right_index=True, how="left")
        .fillna({"contacts": 0, "decision_makers": 0})
        .astype({"contacts": int, "decision_makers": int})
    )
    short_contacts = accounts["contacts"] < min_contacts
    short_deciders = accounts["decision_makers"] < min_decision_makers
    missing = np.where(
        short_contacts, "контактов " + accounts["contacts"].astype(str) + f" из {min_contacts}", ""
    )
    missing = np.where(
        short_deciders, np.where(missing == "", "нет ЛПР", missing + "; нет ЛПР"), missing
    )
    return accounts.assign(complete=~(short_contacts | short_deciders), missing=missing)


def assess(
    companies: pd.DataFrame,
    contacts: pd.DataFrame,
    *,
    vocabulary: Vocabulary,
    segments: Collection[str],
    threshold: float = 95.0,
    min_contacts: int = 3,
    min_decision_makers: int = 1,
    progress: Callable[[str], None] | None = None,
) -> QualityResult:
    """Check every cell of every field, then score the list and its accounts.

    Args:
        companies: columns company_id, name, inn, segment, employees (text).
        contacts: columns contact_id, company_id, last_name, first_name, middle_name,
            position, email, phone (text).
        vocabulary: the positions vocabulary (titles are valid positions).
        segments: the configured segment values.
        threshold: DQI below which the list is not accepted.
        min_contacts: contacts an account needs to be complete.
        min_decision_makers: ЛПР an account needs to be complete.
        progress: called with ``table.field`` after each field is checked.

    Returns:
        The per-field counts, the problems, the accounts and the index.
    """
    tables = {"companies": companies, "contacts": contacts}
    field_rows: list[dict[str, Any]] = []
    problem_parts: list[pd.DataFrame] = []
    position_valid = np.zeros(len(contacts), dtype=bool)
    for table, names in FIELDS.items():
        frame = tables[table]
        ids = frame[_ID[table]].to_numpy(dtype=object)
        for field in names:
            checked = _check_field(frame, field, vocabulary=vocabulary, segments=segments)
            valid = checked.n_valid
            field_rows.append(
                {"table": table, "field": field, "checked": len(frame), "valid": valid}
            )
            if field == "position":
                position_valid = checked.valid
            if progress is not None:
                progress(f"{table}.{field}")
            bad = ~checked.valid
            if bad.any():
                problem_parts.append(
                    pd.DataFrame(
                        {
                            "table": table,
                            "id": [trim(value) for value in ids[bad]],
                            "field": field,
                            "value": frame[field].to_numpy(dtype=object)[bad],
                            "reason": checked.reason[bad],
                        }
                    )
                )
    fields = pd.DataFrame(field_rows).assign(
        share=lambda f: np.where(f["checked"] > 0, 100 * f["valid"] / f["checked"].clip(1), 0.0)
    )
    problems = (
        pd.concat(problem_parts, ignore_index=True)
        if problem_parts
        else pd.DataFrame(columns=list(PROBLEM_COLUMNS))
    )
    codes, titles = factorize_trimmed(contacts["position"])
    is_lpr = np.array([getattr(vocabulary.by_title(t), "role", "") == "ЛПР" for t in titles])
    decision_maker = position_valid & (is_lpr[codes] if len(codes) else np.zeros(0, dtype=bool))
    accounts = _accounts(
        companies,
        contacts,
        decision_maker,
        min_contacts=min_contacts,
        min_decision_makers=min_decision_makers,
    )
    dqi = round_half_up(int(fields["valid"].sum()), int(fields["checked"].sum()))
    return QualityResult(
        fields=fields, problems=problems, accounts=accounts, dqi=dqi, threshold=threshold
    )
