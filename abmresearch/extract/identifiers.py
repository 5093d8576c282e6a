"""ИНН, ОГРН, phones and emails in text (checksum-valid ИНН/ОГРН only, via python-stdnum)."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Identifier", "find_identifiers"]

_INN = re.compile(r"(?<!\d)(\d{10}|\d{12})(?!\d)")
_OGRN = re.compile(r"(?<!\d)(\d{13}|\d{15})(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_PHONE = re.compile(r"(?:\+7|(?<!\d)8)[\s(‐-]*\d{3}[\s)‐-]*\d{3}[\s‐-]*\d{2}[\s‐-]*\d{2}(?!\d)")


@dataclass(frozen=True)
class Identifier:
    """An identifier found in text: ``kind`` is ``inn``, ``ogrn``, ``phone`` or ``email``."""

    kind: str
    value: str  # normalised: digits only for ИНН/ОГРН, E.164 for phones, as written for email
    start: int
    end: int


def _valid_inn(number: str) -> bool:
    from stdnum.ru import inn

    return bool(inn.is_valid(number))


def _valid_ogrn(number: str) -> bool:
    from stdnum.ru import ogrn

    return bool(ogrn.is_valid(number))


def _phone(raw: str) -> str | None:
    import phonenumbers

    try:
        number = phonenumbers.parse(raw, "RU")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.region_code_for_number(number) != "RU":
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def find_identifiers(text: str) -> list[Identifier]:
    """Every valid ИНН, ОГРН, Russian phone and email address in ``text``, in order.

    A 10/12-digit number counts as ИНН and a 13/15-digit one as ОГРН only when the checksum is
    right; phones must be valid numbers of Russia.
    """
    found: list[Identifier] = []
    for match in _INN.finditer(text):
        if _valid_inn(match.group(1)):
            found.append(Identifier("inn", match.group(1), match.start(), match.end()))
    for match in _OGRN.finditer(text):
        if _valid_ogrn(match.group(1)):
            found.append(Identifier("ogrn", match.group(1), match.start(), match.end()))
    for match in _EMAIL.finditer(text):
        value = match.group(0).rstrip(".")
        found.append(Identifier("email", value, match.start(), match.start() + len(value)))
    for match in _PHONE.finditer(text):
        phone = _phone(match.group(0))
        if phone is not None:
            found.append(Identifier("phone", phone, match.start(), match.end()))
    return sorted(found, key=lambda item: item.start)
