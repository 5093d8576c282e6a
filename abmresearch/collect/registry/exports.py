"""Company exports of SPARK, Kontur.Focus and Checko (xlsx/csv) → registry records.

Headers are matched case-insensitively after trimming; a year in a financial header
(«Выручка, 2023, тыс. руб.») picks the latest year, and «тыс.»/«млн» scale the value to
rubles. Statuses in words («Действующая», «В стадии ликвидации», …) map to the §7 codes;
regions in words map to two-digit codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from abmresearch.collect.registry.records import FIELDS, RegistryRecord
from abmresearch.errors import InputError
from abmresearch.io import read_table
from abmresearch.regions import region_code

__all__ = ["EXPORT_COLUMNS", "iter_export_records", "map_status"]

# Header as exported (casefolded) → registry field. Shared by the three services.
EXPORT_COLUMNS: dict[str, str] = {
    "инн": "inn",
    "код налогоплательщика": "inn",
    "огрн": "ogrn",
    "огрнип": "ogrn",
    "регистрационный номер": "ogrn",
    "кпп": "kpp",
    "полное наименование": "name",
    "полное наименование организации": "name",
    "наименование полное": "name",
    "наименование": "_name",  # the full name when no «Полное наименование», else short
    "краткое наименование": "short_name",
    "сокращенное наименование": "short_name",
    "сокращённое наименование": "short_name",
    "организационно-правовая форма": "legal_form",
    "опф": "legal_form",
    "код основного вида деятельности": "okved",
    "основной оквэд": "okved",
    "оквэд": "okved",
    "оквэд (код)": "okved",
    "код оквэд": "okved",
    "вид деятельности (оквэд)": "okved",
    "основной вид деятельности": "okved",
    "основной вид деятельности (оквэд)": "okved",
    "вид деятельности/отрасль": "okved",
    "дополнительные оквэд": "okved_extra",
    "коды дополнительных видов деятельности": "okved_extra",
    "регион": "region",
    "регион регистрации": "region",
    "код региона": "region",
    "адрес": "address",
    "юридический адрес": "address",
    "адрес (место нахождения)": "address",
    "адрес регистрации": "address",
    "дата регистрации": "registered",
    "дата образования": "registered",
    "статус": "status",
    "руководитель": "head_name",
    "руководитель - фио": "head_name",
    "фио руководителя": "head_name",
    "руководитель - инн": "head_inn",
    "инн руководителя": "head_inn",
    "руководитель - должность": "head_position",
    "должность руководителя": "head_position",
    "среднесписочная численность": "employees",
    "среднесписочная численность работников": "employees",
    "численность сотрудников": "employees",
    "выручка": "revenue",
    "выручка, руб.": "revenue",
    "категория мсп": "msp_category",
    "реестр мсп": "msp_category",
    "категория субъекта мсп": "msp_category",
}
EXPORT_COLUMNS |= {name: name for name in (*FIELDS, "inn")}
_FINANCE = re.compile(r"(?P<what>выручка|численност)", re.IGNORECASE)
_OKVED_CODE = re.compile(r"(?<![\d.])\d{2}(?:\.\d{1,2}){0,2}(?![\d.])")
_YEAR = re.compile(r"(20\d\d|19\d\d)")
_STATUS_WORDS = (
    ("банкрот", "bankrupt"),
    ("конкурсн", "bankrupt"),
    ("реорганиз", "reorganising"),
    ("в стадии ликвидации", "liquidating"),
    ("ликвидируется", "liquidating"),
    ("в процессе ликвидации", "liquidating"),
    ("исключени", "liquidating"),
    ("ликвидирова", "liquidated"),
    ("прекрати", "liquidated"),
    ("недействующ", "liquidated"),
    ("действующ", "active"),
    ("действует", "active"),
    ("активн", "active"),
)
_MSP_WORDS = (("микро", "micro"), ("мал", "small"), ("сред", "medium"))
_SERVICES = (
    ("spark", "spark"),
    ("спарк", "spark"),
    ("kontur", "kontur"),
    ("focus", "kontur"),
    ("фокус", "kontur"),
    ("checko", "checko"),
    ("чекко", "checko"),
)


def map_status(text: str) -> str | None:
    """«Действующая» → ``active``, «В стадии ликвидации» → ``liquidating``, …; else ``None``."""
    folded = text.casefold()
    for word, status in _STATUS_WORDS:
        if word in folded:
            return status
    return None


def _scale(header: str) -> float:
    folded = header.casefold()
    if "млрд" in folded:
        return 1e9
    if "млн" in folded:
        return 1e6
    if "тыс" in folded:
        return 1e3
    return 1.0


def _amount(value: str, scale: float) -> str | None:
    text = value.replace("\xa0", "").replace(" ", "").replace(",", ".")
    try:
        number = float(text) * scale
    except ValueError:
        return None
    return str(round(number)) if abs(number - round(number)) < 1e-6 else f"{number:.2f}"


def _date(value: str) -> str | None:
    text = value.strip()[:10]
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def _region_of_address(address: str) -> str | None:
    """The region named in an address («630032, Новосибирская обл., г. Новосибирск, …»)."""
    for part in address.split(",")[:4]:
        code = region_code(part) if not part.strip().isdigit() else None
        if code:
            return code
    return None


def _columns(frame: pd.DataFrame) -> dict[str, tuple[str, float]]:
    """Registry field → (column, scale), choosing the latest year of financial columns."""
    chosen: dict[str, tuple[str, float]] = {}
    years: dict[str, int] = {}
    for column in frame.columns:
        header = " ".join(str(column).split()).casefold()
        field = EXPORT_COLUMNS.get(header)
        if field is not None:
            chosen.setdefault(field, (str(column), 1.0))
            continue
        finance = _FINANCE.search(header)
        if finance:
            year_match = _YEAR.search(header)
            year = int(year_match.group(1)) if year_match else 0
            field = "revenue" if finance.group("what").startswith("выручка") else "employees"
            if field not in chosen or year > years.get(field, -1):
                years[field] = year
                chosen[field] = (str(column), _scale(header))
    plain = chosen.pop("_name", None)
    if plain is not None:
        chosen.setdefault("name" if "name" not in chosen else "short_name", plain)
    return chosen


def _service(path: Path) -> str:
    folded = path.name.casefold()
    return next((label for hint, label in _SERVICES if hint in folded), "export")


def iter_export_records(
    path: Path, *, columns: Mapping[str, str] | None = None
) -> Iterator[RegistryRecord]:
    """Read one export file of SPARK, Kontur.Focus, Checko or a CRM with an ИНН column.

    Args:
        path: a ``.xlsx`` or ``.csv`` file.
        columns: extra header → field map, applied before the built-in one.

    Yields:
        One record per row with a ИНН; the record date is the file's modification date.

    Raises:
        InputError: the file has no ИНН column.
    """
    frame = read_table(path)
    if columns:
        by_folded = {str(column).strip().casefold(): column for column in frame.columns}
        frame = frame.rename(
            columns={
                by_folded[header.strip().casefold()]: field
                for header, field in columns.items()
                if header.strip().casefold() in by_folded
            }
        )
    chosen = _columns(frame)
    if "inn" not in chosen:
        raise InputError(path, "нет столбца ИНН (ожидается «ИНН» или «inn»)")
    as_of = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date().isoformat()
    source = f"{_service(path)}:{path.name}"
    for row in frame.to_dict("records"):
        inn = "".join(ch for ch in str(row[chosen["inn"][0]]) if ch.isdigit())
        if len(inn) not in (10, 12):
            continue
        values: dict[str, str] = {}
        for field, (column, scale) in chosen.items():
            raw = " ".join(str(row[column]).split())
            if field == "inn" or not raw:
                continue
            value: str | None = raw
            if field == "status":
                value = map_status(raw)
            elif field == "region":
                value = region_code(raw)
            elif field == "registered":
                value = _date(raw)
            elif field in ("revenue", "employees"):
                value = _amount(raw, scale)
            elif field == "msp_category":
                folded = raw.casefold()
                value = next((code for word, code in _MSP_WORDS if word in folded), None)
            elif field == "okved_extra":
                value = ";".join(_OKVED_CODE.findall(raw))
            elif field == "okved":
                code = _OKVED_CODE.search(raw)  # «41.20 Строительство…» or «… (41.20)»
                value = code.group(0) if code else None
            if value:
                values[field] = value
        if "region" not in values and "address" in values:
            values["region"] = _region_of_address(values["address"]) or ""
            values = {key: value for key, value in values.items() if value}
        yield RegistryRecord(inn=inn, source=source, as_of=as_of, values=values)
