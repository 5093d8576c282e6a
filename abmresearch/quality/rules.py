"""Cell validators of the Data Quality Index (CONTRACTS §4).

Each ``check_*`` takes a column of raw cells and returns a :class:`Checked` pair of arrays:
whether each cell is valid and, for invalid ones, the reason in Russian. Values are trimmed
(whitespace incl. non-breaking spaces) before checking, and every distinct value is judged once,
so a column of a million cells costs as much as its distinct values.

The libraries decide validity: python-stdnum (ИНН), email-validator (syntax, no DNS) and
phonenumbers (valid, region RU). Two vectorised fast paths stand in front of the last two for
the common notations and agree with the libraries exactly (tests compare them on generated
values); everything else goes to the library itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import lru_cache

import email_validator
import numpy as np
import pandas as pd
import phonenumbers
from stdnum.ru import inn as stdnum_inn

from abmresearch.vocabulary import Vocabulary, title_key

__all__ = [
    "Checked",
    "check_email",
    "check_employees",
    "check_inn",
    "check_name_part",
    "check_phone",
    "check_position",
    "check_segment",
    "email_problem",
    "employees_problem",
    "inn_problem",
    "name_problem",
    "phone_problem",
    "position_problem",
    "segment_problem",
    "trim",
    "trim_series",
]

# Whitespace that analysts' exports carry: str.isspace() chars plus zero-width ones and BOM.
_EDGE_CHARS = "".join(chr(c) for c in range(0x110000) if chr(c).isspace()) + "\u200b\ufeff"
_EDGE = re.compile(f"^[{re.escape(_EDGE_CHARS)}]+|[{re.escape(_EDGE_CHARS)}]+$")


def trim(value: object) -> str:
    """A cell as trimmed text; ``None``/NaN become ``""``."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip(_EDGE_CHARS)


def factorize_trimmed(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values of a column after :func:`trim`.

    Raw cells are factorised first (in C), so each distinct raw value is trimmed once.

    Returns:
        ``(codes, uniques)``: ``uniques[codes]`` is the trimmed column (object array of str).
    """
    raw_codes, raw_uniques = pd.factorize(
        pd.Series(values.to_numpy(dtype=object), dtype=object), use_na_sentinel=False
    )
    trimmed = pd.Series([trim(value) for value in raw_uniques], dtype=object)
    codes, uniques = pd.factorize(trimmed, use_na_sentinel=False)
    return codes[raw_codes], np.asarray(uniques, dtype=object)


def trim_series(values: pd.Series) -> pd.Series:
    """:func:`trim` over a column, as an object column of ``str``."""
    codes, uniques = factorize_trimmed(values)
    return pd.Series(uniques[codes] if len(codes) else [], index=values.index, dtype=object)


@dataclass(frozen=True)
class Checked:
    """Validity of a column's cells; ``reason`` is ``""`` where valid."""

    valid: np.ndarray
    reason: np.ndarray

    @property
    def n_valid(self) -> int:
        """How many cells are valid."""
        return int(self.valid.sum())


def _by_unique(
    values: pd.Series, judge: Callable[[str], str | None], *, fast: Callable | None = None
) -> Checked:
    """Judge each distinct trimmed value once; ``fast`` marks values known valid in bulk."""
    codes, unique_values = factorize_trimmed(values)
    reasons = np.full(len(unique_values), "", dtype=object)
    todo = np.ones(len(unique_values), dtype=bool)
    if fast is not None and len(unique_values):
        todo &= ~fast(unique_values)
    for index in np.flatnonzero(todo):
        reasons[index] = judge(unique_values[index]) or ""
    cell_reasons = reasons[codes] if len(codes) else np.array([], dtype=object)
    return Checked(valid=cell_reasons == "", reason=cell_reasons)


# ── ИНН ──────────────────────────────────────────────────────────────────────
_DIGITS = re.compile(r"[0-9]+")


def inn_problem(value: str) -> str | None:
    """Why a trimmed ИНН cell is invalid (format and checksum), or ``None``."""
    if not value:
        return "ИНН: пусто"
    if not _DIGITS.fullmatch(value):
        return "ИНН: допустимы только цифры (без пробелов и других знаков)"
    if len(value) not in (10, 12):
        return f"ИНН: должно быть 10 или 12 цифр — а не {len(value)}"
    if not stdnum_inn.is_valid(value):
        return "ИНН: неверная контрольная сумма"
    return None


def check_inn(values: pd.Series) -> Checked:
    """ИНН cells: 10 or 12 digits, a correct checksum, and no duplicate among the rows."""
    checked = _by_unique(values, inn_problem)
    codes, _ = factorize_trimmed(values)
    counts = np.bincount(codes)[codes] if len(codes) else np.zeros(0, dtype=int)
    clash = (counts > 1) & checked.valid  # an empty or malformed ИНН is invalid already
    if clash.any():
        reason = checked.reason.copy()
        reason[clash] = [f"ИНН: повторяется у {n} компаний" for n in counts[clash]]
        return Checked(valid=checked.valid & ~clash, reason=reason)
    return checked


# ── segment ──────────────────────────────────────────────────────────────────
def segment_problem(value: str, segments: Collection[str]) -> str | None:
    """Why a trimmed segment cell is not one of ``segments`` (case-insensitive), or ``None``."""
    if not value:
        return "сегмент: пусто"
    allowed = {segment.strip().casefold() for segment in segments}
    if value.casefold() not in allowed:
        return f"сегмент: нет среди сегментов — «{value}» (есть: {', '.join(sorted(segments))})"
    return None


def check_segment(values: pd.Series, segments: Collection[str]) -> Checked:
    """Segment cells: one of the configured segments, case-insensitive."""
    frozen = tuple(segments)
    return _by_unique(values, lambda value: segment_problem(value, frozen))


# ── employees ────────────────────────────────────────────────────────────────
_WHOLE = re.compile(r"[0-9]+(?:\.0+)?")


def employees_problem(value: str) -> str | None:
    """Why a trimmed headcount cell is not a whole number ≥ 1 («18», «18.0»), or ``None``."""
    if not value:
        return "численность: пусто"
    if not _WHOLE.fullmatch(value):
        return f"численность: не целое число — «{value}»"
    if int(value.split(".")[0]) < 1:
        return "численность: должна быть не меньше 1"
    return None


def check_employees(values: pd.Series) -> Checked:
    """Headcount cells: a whole number ≥ 1."""
    return _by_unique(values, employees_problem)


# ── names ────────────────────────────────────────────────────────────────────
_NAME_PUNCT = frozenset("-' ’ʼ‐")
_FIELD_RU = {"last_name": "фамилия", "first_name": "имя", "middle_name": "отчество"}


def _is_cyrillic_letter(char: str) -> bool:
    return unicodedata.category(char).startswith("L") and "CYRILLIC" in unicodedata.name(char, "")


def name_problem(value: str, field: str = "last_name") -> str | None:
    """Why a trimmed name part is invalid (only Cyrillic letters, hyphen, space, apostrophe)."""
    label = _FIELD_RU.get(field, field)
    if not value:
        return f"{label}: пусто"
    value = unicodedata.normalize("NFC", value)  # «и» + combining breve is «й»
    bad = list(  # in order of appearance
        dict.fromkeys(c for c in value if c not in _NAME_PUNCT and not _is_cyrillic_letter(c))
    )
    if bad:
        shown = "".join(bad[:5])
        latin = any("LATIN" in unicodedata.name(char, "") for char in bad)
        kind = "латиница" if latin else "недопустимые знаки"
        return f"{label}: {kind} — «{shown}»"
    if not any(_is_cyrillic_letter(char) for char in value):
        return f"{label}: нет букв"
    return None


_PLAIN_NAME = re.compile(r"[А-Яа-яЁё][А-Яа-яЁё\-' ’ʼ‐]*")


def _fast_names(values: np.ndarray) -> np.ndarray:
    # Plain Russian letters (А-я, Ё, ё) with name punctuation are certainly valid.
    return np.fromiter(
        (bool(_PLAIN_NAME.fullmatch(v)) for v in values), dtype=bool, count=len(values)
    )


def check_name_part(values: pd.Series, field: str = "last_name") -> Checked:
    """Surname, first name or patronymic cells."""
    return _by_unique(values, lambda value: name_problem(value, field), fast=_fast_names)


# ── position ─────────────────────────────────────────────────────────────────
def position_problem(value: str, vocabulary: Vocabulary) -> str | None:
    """Why a trimmed position cell is not a vocabulary title (case-insensitive), or ``None``."""
    if not value:
        return "должность: пусто"
    if vocabulary.by_title(value) is not None:
        return None
    proposal = vocabulary.find(value)
    if proposal is None:
        return f"должность: нет в справочнике — «{value}»"
    if title_key(value, loose=True) == title_key(proposal.title, loose=True):
        kind = "написание отличается от справочника (пробелы, ё, точка)"
    else:
        kind = "синоним вместо названия из справочника"
    return f"должность: {kind} — «{value}» → «{proposal.title}»"


def check_position(values: pd.Series, vocabulary: Vocabulary) -> Checked:
    """Position cells: a title of the vocabulary, case-insensitive (an alias is not valid)."""
    titles = set(vocabulary.title_keys)

    def fast(unique: np.ndarray) -> np.ndarray:
        return np.fromiter((title_key(v) in titles for v in unique), dtype=bool, count=len(unique))

    return _by_unique(values, lambda value: position_problem(value, vocabulary), fast=fast)


# ── email ────────────────────────────────────────────────────────────────────
# Plain ASCII addresses that email-validator certainly accepts: no leading/trailing/double
# dots, labels without edge or double hyphens (IDNA reserves «xx--»), an alphabetic TLD that
# is not a special-use name.
_SPECIAL_TLDS = frozenset(email_validator.SPECIAL_USE_DOMAIN_NAMES)
_FAST_EMAIL = re.compile(
    r"(?=[^@]{1,64}@)[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*"
    r"@(?=.{4,253}$)(?!.*--)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,63})"
)
# Lower-case Cyrillic addresses and domains («иван@почта.рф», «info@стройка.рф»): short
# labels of one script each, so IDNA accepts them and their punycode stays within limits.
_CYR = "а-яё"
_FAST_EMAIL_CYRILLIC = re.compile(
    rf"(?=[^@]{{1,40}}@)(?:[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*|[{_CYR}0-9_]+(?:\.[{_CYR}0-9_]+)*)"
    rf"@(?!.*--)(?:(?:[{_CYR}0-9](?:[{_CYR}0-9-]{{0,13}}[{_CYR}0-9])?|"
    r"[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?)\.){1,3}"
    rf"(рф|рус|москва|онлайн|сайт|орг|дети|ru|su|com|org|net)"
)


def _fast_emails(values: np.ndarray) -> np.ndarray:
    out = np.zeros(len(values), dtype=bool)
    for index, value in enumerate(values):
        match = _FAST_EMAIL.fullmatch(value) or _FAST_EMAIL_CYRILLIC.fullmatch(value)
        if match is not None and match.group(1).lower() not in _SPECIAL_TLDS:
            out[index] = True
    return out


@lru_cache(maxsize=65536)
def email_problem(value: str) -> str | None:
    """Why a trimmed e-mail cell is not one valid address (email-validator, no DNS)."""
    if not value:
        return "e-mail: пусто"
    try:
        email_validator.validate_email(value, check_deliverability=False)
    except email_validator.EmailNotValidError as exc:
        return f"e-mail: неверный адрес — {exc}"
    return None


def check_email(values: pd.Series) -> Checked:
    """E-mail cells: one syntactically valid address; internationalised domains are valid."""
    return _by_unique(values, email_problem, fast=_fast_emails)


# ── phone ────────────────────────────────────────────────────────────────────
_RU_METADATA = phonenumbers.PhoneMetadata.metadata_for_region("RU")
assert _RU_METADATA is not None
_RU = _RU_METADATA


def _national_10_digit_pattern() -> re.Pattern[str]:
    """RU number types (phonenumbers metadata) that hold 10-digit national numbers."""
    general = _RU.general_desc
    if general is None:  # pragma: no cover - phonenumbers always ships RU metadata
        raise RuntimeError("phonenumbers has no RU metadata")
    kinds = (
        "premium_rate",
        "toll_free",
        "shared_cost",
        "voip",
        "personal_number",
        "pager",
        "uan",
        "voicemail",
        "fixed_line",
        "mobile",
    )
    alternatives = []
    for kind in kinds:
        desc = getattr(_RU, kind)
        if desc is None or not desc.national_number_pattern:
            continue
        lengths = desc.possible_length or general.possible_length
        if 10 in lengths:
            alternatives.append(f"(?:{desc.national_number_pattern})")
    return re.compile(f"(?=(?:{general.national_number_pattern})$)(?:{'|'.join(alternatives)})")


_RU_NATIONAL = _national_10_digit_pattern()
_NON_DIGIT = re.compile(r"[^0-9]")
# «+7 (495) 123-45-67», «8 916 123 45 67», «4951234567», «7-495-123.45.67»: no letters, no
# extension, one number; its 10 national digits decide.
_FAST_PHONE = re.compile(
    r"(?:\+\s*7|7|8)?[\s().-]*((?:[0-9][\s().-]*){10})(?:(?:доб|ext)\.?\s?[0-9]{1,6})?"
)


def _fast_phones(values: np.ndarray) -> np.ndarray:
    out = np.zeros(len(values), dtype=bool)
    for index, value in enumerate(values):
        match = _FAST_PHONE.fullmatch(value)
        if match is None:
            continue
        digits = _NON_DIGIT.sub("", match.group(1))
        out[index] = _RU_NATIONAL.fullmatch(digits) is not None
    return out


def _several_numbers(value: str) -> bool:
    matches = phonenumbers.PhoneNumberMatcher(value, "RU", leniency=phonenumbers.Leniency.POSSIBLE)
    return sum(1 for _ in matches) > 1


@lru_cache(maxsize=65536)
def phone_problem(value: str) -> str | None:
    """Why a trimmed phone cell is not one valid number of Russia (phonenumbers), or ``None``."""
    if not value:
        return "телефон: пусто"
    digits = sum(char.isdigit() for char in value)
    try:
        number = phonenumbers.parse(value, "RU")
    except phonenumbers.NumberParseException:
        if digits > 11 and _several_numbers(value):
            return "телефон: в ячейке несколько номеров"
        return f"телефон: не номер телефона — «{value}»"
    used = len(str(number.country_code)) + len(str(number.national_number))
    used += len(number.extension or "")
    # More digits than the parsed number holds (+1 for a national «8»): a second number?
    if digits > used + 1 and _several_numbers(value):
        return "телефон: в ячейке несколько номеров"
    if not phonenumbers.is_valid_number(number):
        return "телефон: неверный номер"
    region = phonenumbers.region_code_for_number(number)
    if region != "RU":
        return f"телефон: номер не России — регион {region}"
    return None


def check_phone(values: pd.Series) -> Checked:
    """Phone cells: one valid Russian number in any notation, an extension allowed."""
    return _by_unique(values, phone_problem, fast=_fast_phones)
