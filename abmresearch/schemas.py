"""Pandera schemas of the canonical tables a run stores (DESIGN.md, «Canonical tables»).

A step validates what it is about to store, so a bug upstream stops the run with the table,
column and failing values named, instead of reaching the report or the CRM export.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from abmresearch.errors import AbmError

__all__ = ["SCHEMAS", "validate"]

_INN = r"^(\d{10}|\d{12})?$"


def _text(*, nullable: bool = True, **kwargs: object) -> pa.Column:
    return pa.Column(nullable=nullable, coerce=False, **kwargs)  # type: ignore[arg-type]


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "articles": pa.DataFrameSchema(
        {
            "id": _text(nullable=False, unique=True),
            "source": _text(),
            "url": _text(),
            "title": _text(),
            "published": _text(),
            "text": _text(nullable=False),
            "fetched_at": _text(),
        },
        strict=False,
    ),
    "media_contacts": pa.DataFrameSchema(
        {
            "doc_id": _text(nullable=False),
            "person": _text(nullable=False),
            "gender": _text(checks=pa.Check.isin(["m", "f"])),
            "position": _text(nullable=False),
            "position_norm": _text(),
            "role": _text(nullable=False, checks=pa.Check.isin(["ЛПР", "ЛВР", "другое"])),
            "org": _text(),
            "evidence": _text(nullable=False),
        },
        strict=False,
    ),
    "companies": pa.DataFrameSchema(
        {
            "inn": _text(
                nullable=False, unique=True, checks=pa.Check.str_matches(r"^\d{10}$|^\d{12}$")
            ),
            "name": _text(),
        },
        strict=False,
    ),
    "org_matches": pa.DataFrameSchema(
        {
            "mention_id": _text(nullable=False, unique=True),
            "inn": _text(checks=pa.Check.str_matches(_INN)),
            "score": pa.Column(float, checks=pa.Check.in_range(0, 1), coerce=True),
        },
        strict=False,
    ),
    "quality_problems": pa.DataFrameSchema(
        {
            "table": _text(nullable=False, checks=pa.Check.isin(["companies", "contacts"])),
            "id": _text(),
            "field": _text(nullable=False),
            "value": _text(),
            "reason": _text(nullable=False, checks=pa.Check.str_length(min_value=1)),
        },
        strict=True,
    ),
}


def validate(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Check ``frame`` against the schema of ``table`` (tables without one pass as they are).

    Raises:
        AbmError: one line naming the table, the column and a few failing values.
    """
    schema = SCHEMAS.get(table)
    if schema is None:
        return frame
    try:
        return schema.validate(frame, lazy=True)
    except (SchemaErrors, SchemaError) as exc:
        cases = getattr(exc, "failure_cases", None)
        if isinstance(cases, pd.DataFrame) and len(cases):
            first = cases.iloc[0]
            column, check = first.get("column"), first.get("check")
            detail = f"столбец '{column}': {check} — «{first.get('failure_case')}»"
            more = f" (и ещё {len(cases) - 1})" if len(cases) > 1 else ""
        else:
            detail, more = str(exc).splitlines()[0], ""
        raise AbmError(f"таблица '{table}' не прошла проверку схемы: {detail}{more}") from None
