"""Masking of personal data (152-ФЗ) in reports meant to be shared."""

from __future__ import annotations

import re

__all__ = [
    "PERSONAL_FIELDS",
    "mask_email",
    "mask_name",
    "mask_phone",
    "mask_text",
    "mask_value",
]

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


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}")
_WORD = re.compile(r"\w+")


def mask_text(text: str, names: list[str]) -> str:
    """Hide a person in a sentence: every word of theirs in any case form, e-mails, phones.

    Args:
        text: the sentence (evidence) to share.
        names: the person's name parts in the nominative («Полянский», «Григорий», …); a word
            whose stem (all but the last two letters, at least three) matches is masked, so
            «Полянским» and «Григорием» are hidden too.
    """
    stems = {part.casefold()[: max(3, len(part) - 2)] for part in names if part and len(part) > 1}

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        folded = token.casefold()
        if token[:1].isupper() and any(folded.startswith(stem) for stem in stems):
            return mask_name(token)
        return token

    text = _EMAIL.sub(lambda m: mask_email(m.group(0)), text)
    text = _PHONE.sub(lambda m: mask_phone(m.group(0)), text)
    return _WORD.sub(word, text)
