"""Streaming readers of the ФНС open-data XML formats (flat memory, lxml iterparse).

Formats, told apart by ``Файл/@ТипИнф``:

- ``ЕГРЮЛ_ОТКР_СВЕД`` — legal entities (``Документ/СвЮЛ``), windows-1251;
- ``ЕГРИП_ОТКР_СВЕД`` — individual entrepreneurs (``Документ/СвИП``);
- ``РЕЕСТРМСП`` — the register of small and medium businesses (category, ОКВЭД, region);
- ``ОТКРДАННЫЕ3`` — average headcount (``СведССЧР/@КолРаб``);
- ``ОТКРДАННЫЕ5`` — revenue and expenses (``СведДохРасх/@СумДоход``).

Each reader takes a binary stream and yields :class:`RegistryRecord`; every element is cleared
as soon as it is read, so memory stays flat on multi-gigabyte files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import IO, Any

from lxml import etree

from abmresearch.collect.registry.exports import map_status
from abmresearch.collect.registry.records import RegistryRecord

__all__ = ["KINDS", "detect_kind", "iter_fns_records"]

KINDS = {
    "ЕГРЮЛ_ОТКР_СВЕД": "egrul",
    "ЕГРИП_ОТКР_СВЕД": "egrip",
    "РЕЕСТРМСП": "msp",
    "ОТКРДАННЫЕ3": "employees",
    "ОТКРДАННЫЕ5": "revexp",
}
_TYPE = re.compile(
    rb"\xd2\xe8\xef\xc8\xed\xf4=\"([^\"]+)\"|"  # ТипИнф= in windows-1251
    rb"\xd0\xa2\xd0\xb8\xd0\xbf\xd0\x98\xd0\xbd\xd1\x84=\"([^\"]+)\""
)  # UTF-8
_MSP_CATEGORY = {"1": "micro", "2": "small", "3": "medium"}

_Element = Any  # lxml elements are untyped


def detect_kind(head: bytes) -> str | None:
    """The format of an ФНС XML file from its first bytes, or ``None`` when it is not one.

    Args:
        head: the first few kilobytes of the file.

    Returns:
        ``egrul``, ``egrip``, ``msp``, ``employees``, ``revexp`` or ``None``.
    """
    match = _TYPE.search(head)
    if not match:
        return None
    raw = match.group(1) or match.group(2)
    text = raw.decode("cp1251") if match.group(1) else raw.decode("utf-8")
    return KINDS.get(text.strip())


def _iso(date: str | None) -> str:
    """``'10.02.2019'`` or ``'2019-02-10'`` → ``'2019-02-10'``; anything else → ``''``."""
    if not date:
        return ""
    value = date.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    match = re.fullmatch(r"(\d{2})\.(\d{2})\.(\d{4})", value)
    return f"{match.group(3)}-{match.group(2)}-{match.group(1)}" if match else ""


def _clean(values: dict[str, str | None]) -> dict[str, str]:
    return {
        key: " ".join(value.split()) for key, value in values.items() if value and value.strip()
    }


def _number(value: str | None) -> str | None:
    """``'712000.00'`` → ``'712000'``; ``'12.5'`` stays; non-numbers → ``None``."""
    if value is None:
        return None
    text = value.strip().replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return str(int(number)) if number.is_integer() else text


def _fio(element: _Element | None) -> str | None:
    if element is None:
        return None
    parts = [element.get(key) for key in ("Фамилия", "Имя", "Отчество")]
    joined = " ".join(part.strip() for part in parts if part and part.strip())
    return joined or None


def _okved(parent: _Element) -> tuple[str | None, str | None]:
    main = parent.find("СвОКВЭД/СвОКВЭДОсн")
    extra = [node.get("КодОКВЭД", "") for node in parent.iterfind("СвОКВЭД/СвОКВЭДДоп")]
    return (
        main.get("КодОКВЭД") if main is not None else None,
        ";".join(code for code in extra if code) or None,
    )


def _address_rf(node: _Element) -> tuple[str | None, str]:
    """Region code and text of an ``АдресРФ`` (КЛАДР-style) element."""
    parts = [node.get("Индекс")]
    for tag, kind, name in (
        ("Регион", "ТипРегион", "НаимРегион"),
        ("Район", "ТипРайон", "НаимРайон"),
        ("Город", "ТипГород", "НаимГород"),
        ("НаселПункт", "ТипНаселПункт", "НаимНаселПункт"),
        ("Улица", "ТипУлица", "НаимУлица"),
    ):
        child = node.find(tag)
        if child is not None:
            name_value = child.get(name) or ""
            kind_value = child.get(kind) or ""
            parts.append(f"{kind_value} {name_value}".strip() if tag != "Регион" else name_value)
    parts.extend(node.get(key) for key in ("Дом", "Корпус", "Кварт"))
    return node.get("КодРегион"), ", ".join(
        part.strip() for part in parts if part and part.strip()
    )


def _address_fias(node: _Element) -> tuple[str | None, str]:
    """Region code and text of a ``СвАдрЮЛФИАС`` (ФИАС, 2022+) element."""
    parts: list[str | None] = [node.get("Индекс"), node.findtext("НаимРегион")]
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag in ("Регион", "НаимРегион") or tag.startswith("ГРН"):
            continue
        kind = child.get("Тип") or child.get("Вид") or ""
        label = child.get("Наим") or child.get("Номер") or (child.text or "")
        if label.strip():
            parts.append(f"{kind} {label}".strip())
    return node.findtext("Регион"), ", ".join(p.strip() for p in parts if p and p.strip())


def _egrul_status(unit: _Element) -> str:
    """The §7 status from ``СвПрекрЮЛ`` and the СЮЛСТ code of ``СвСтатус``.

    101 ликвидация and 105–111 предстоящее исключение → ``liquidating``; 113–119 банкротство
    → ``bankrupt``; 121–139 реорганизация → ``reorganising``; 112 (смена места нахождения) or
    no status → ``active``; codes ≥ 200 or ``СвПрекрЮЛ`` → ``liquidated``. Other codes are read
    from the status text, else left empty.
    """
    if unit.find("СвПрекрЮЛ") is not None:
        return "liquidated"
    node = unit.find("СвСтатус/СвСтатус")
    if node is None:
        return "active"
    raw = node.get("КодСтатусЮЛ", "")
    code = int(raw) if raw.strip().isdigit() else -1
    if code == 112:
        return "active"
    if code == 101 or 105 <= code <= 111:
        return "liquidating"
    if 113 <= code <= 119:
        return "bankrupt"
    if 121 <= code <= 139:
        return "reorganising"
    if code >= 200:
        return "liquidated"
    return map_status(node.get("НаимСтатусЮЛ", "")) or ""


def _registered(unit: _Element) -> str:
    """Registered before 1 July 2002: the original date is in ``СвРегСтарые``, not ДатаОГРН."""
    old = unit.find("СвОбрЮЛ/СвРегСтарые")
    first = _iso(old.get("ДатаРег")) if old is not None else ""
    return first or _iso(unit.get("ДатаОГРН"))


def _egrul(document: _Element, source: str) -> RegistryRecord | None:
    unit = document.find("СвЮЛ")
    if unit is None or not unit.get("ИНН"):
        return None
    region: str | None = None
    address = ""
    fias = unit.find("СвАдресЮЛ/СвАдрЮЛФИАС")
    rf = unit.find("СвАдресЮЛ/АдресРФ")
    if fias is not None:
        region, address = _address_fias(fias)
    if rf is not None and (region is None or not address):
        rf_region, rf_address = _address_rf(rf)
        region, address = region or rf_region, address or rf_address
    if region is None:
        region = unit.findtext("СвАдресЮЛ/СвМНЮЛ/Регион")
    main, extra = _okved(unit)
    head = unit.find("СведДолжнФЛ")
    values = {
        "ogrn": unit.get("ОГРН"),
        "kpp": unit.get("КПП"),
        "name": (unit.find("СвНаимЮЛ") if unit.find("СвНаимЮЛ") is not None else unit).get(
            "НаимЮЛПолн"
        ),
        "short_name": unit.find("СвНаимЮЛ/СвНаимЮЛСокр").get("НаимСокр")
        if unit.find("СвНаимЮЛ/СвНаимЮЛСокр") is not None
        else None,
        "legal_form": unit.get("ПолнНаимОПФ"),
        "okved": main,
        "okved_extra": extra,
        "region": region,
        "address": address,
        "registered": _registered(unit),
        "status": _egrul_status(unit),
        "head_name": _fio(head.find("СвФЛ")) if head is not None else None,
        "head_inn": head.find("СвФЛ").get("ИННФЛ")
        if head is not None and head.find("СвФЛ") is not None
        else None,
        "head_position": head.find("СвДолжн").get("НаимДолжн")
        if head is not None and head.find("СвДолжн") is not None
        else None,
    }
    return RegistryRecord(
        inn=unit.get("ИНН"), source=source, as_of=_iso(unit.get("ДатаВып")), values=_clean(values)
    )


def _egrip(document: _Element, source: str) -> RegistryRecord | None:
    unit = document.find("СвИП")
    if unit is None or not unit.get("ИННФЛ"):
        return None
    fio = _fio(unit.find("СвФЛ/ФИОРус"))
    address = unit.find("СвАдрМЖ/АдресРФ")
    region = address.get("КодРегион") if address is not None else None
    main, extra = _okved(unit)
    status = "liquidated" if unit.find("СвПрекращ") is not None else "active"
    values = {
        "ogrn": unit.get("ОГРНИП"),
        "name": f"{unit.get('НаимВидИП') or 'Индивидуальный предприниматель'} {fio}"
        if fio
        else None,
        "short_name": f"ИП {fio}" if fio else None,
        "legal_form": unit.get("НаимВидИП"),
        "okved": main,
        "okved_extra": extra,
        "region": region,
        "registered": _iso(unit.get("ДатаОГРНИП")),
        "status": status,
        "head_name": fio,
        "head_inn": unit.get("ИННФЛ"),
    }
    return RegistryRecord(
        inn=unit.get("ИННФЛ"),
        source=source,
        as_of=_iso(unit.get("ДатаВып")),
        values=_clean(values),
    )


def _msp(document: _Element, source: str) -> RegistryRecord | None:
    org = document.find("ОргВклМСП")
    person = document.find("ИПВклМСП")
    place = document.find("СведМН")
    main, extra = _okved(document)
    values: dict[str, str | None] = {
        "msp_category": _MSP_CATEGORY.get(document.get("КатСубМСП", "")),
        "okved": main,
        "okved_extra": extra,
        "region": place.get("КодРегион") if place is not None else None,
    }
    if org is not None:
        inn = org.get("ИННЮЛ")
        values |= {"name": org.get("НаимОрг"), "short_name": org.get("НаимОргСокр")}
    elif person is not None:
        inn = person.get("ИННФЛ")
        fio = _fio(person.find("ФИОИП"))
        values |= {
            "ogrn": person.get("ОГРНИП"),
            "name": f"Индивидуальный предприниматель {fio}" if fio else None,
            "short_name": f"ИП {fio}" if fio else None,
            "head_name": fio,
            "head_inn": inn,
        }
    else:
        return None
    if not inn:
        return None
    return RegistryRecord(
        inn=inn, source=source, as_of=_iso(document.get("ДатаСост")), values=_clean(values)
    )


def _payer_figure(
    document: _Element, source: str, *, element: str, attribute: str, field: str
) -> RegistryRecord | None:
    """A taxpayer's one published figure (headcount, income) from an ФНС open-data document."""
    payer = document.find("СведНП")
    figure = document.find(element)
    if payer is None or not payer.get("ИННЮЛ"):
        return None
    values = {
        "name": payer.get("НаимОрг"),
        field: _number(figure.get(attribute)) if figure is not None else None,
    }
    return RegistryRecord(
        inn=payer.get("ИННЮЛ"),
        source=source,
        as_of=_iso(document.get("ДатаСост")),
        values=_clean(values),
    )


def _employees(document: _Element, source: str) -> RegistryRecord | None:
    return _payer_figure(
        document, source, element="СведССЧР", attribute="КолРаб", field="employees"
    )


def _revexp(document: _Element, source: str) -> RegistryRecord | None:
    return _payer_figure(
        document, source, element="СведДохРасх", attribute="СумДоход", field="revenue"
    )


_READERS: dict[str, Callable[[_Element, str], RegistryRecord | None]] = {
    "egrul": _egrul,
    "egrip": _egrip,
    "msp": _msp,
    "employees": _employees,
    "revexp": _revexp,
}


def iter_fns_records(stream: IO[bytes], kind: str, *, source: str) -> Iterator[RegistryRecord]:
    """Stream the records of one ФНС XML file.

    Args:
        stream: the file opened in binary mode (a plain file or a zip member).
        kind: the format from :func:`detect_kind`.
        source: the provenance label, e.g. ``egrul:VO_RUGFO_….xml``.

    Yields:
        One record per ``Документ`` that names an ИНН.

    Raises:
        lxml.etree.XMLSyntaxError: the XML is malformed (the caller names the file).
    """
    reader = _READERS[kind]
    for _event, document in etree.iterparse(
        stream, events=("end",), tag="Документ", huge_tree=True
    ):
        record = reader(document, source)
        document.clear()
        parent = document.getparent()
        if parent is not None:
            while document.getprevious() is not None:
                del parent[0]
        if record is not None:
            yield record
