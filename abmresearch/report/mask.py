"""Masking of personal data (152-ФЗ) in reports meant to be shared."""

from __future__ import annotations

import re

__all__ = ["PERSONAL_FIELDS", "mask_email", "mask_name", "mask_phone", "mask_value"]

PERSONAL_FIELDS = frozenset({"last_name", "first_name", "middle_name", "email", "phone"})


def mask_email(value: str) -> str:
    """``ivan.petrov@mail.ru`` → ``iv***@mail.ru``; the domain stays (it names the company)."""
    local, at, domain = value.partition("@")
    if not at:
        return mask_name(value)
    return f"{local[:2]}***@{domain}"


def mask_phone(value: str) -> str:
    """Every digit but the last two is hidden: ``+7 916 123-45-67`` → ``+* *** ***-**-67``."""
    digits = [index for index, char in enumerate(value) if char.isdigit()]
    keep = set(digits[-2:])
    return "".join(
        "*" if char.isdigit() and index not in keep else char for index, char in enumerate(value)
    )


def mask_name(value: str) -> str:
    """``Петров`` → ``П*****``: the first letter of each word stays."""
    return re.sub(r"(?<=\w)\w", "*", value)


def mask_value(field: str, value: str) -> str:
    """Mask ``value`` if ``field`` holds personal data, else return it as is."""
    if field == "email":
        return mask_email(value)
    if field == "phone":
        return mask_phone(value)
    if field in PERSONAL_FIELDS:
        return mask_name(value)
    return value
