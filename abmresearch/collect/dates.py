"""Publication dates as Russian and international sites write them → ISO dates.

Handles ``23 ноября 2026``, ``23 ноя 2026``, ``23 ноября 2026 г., 14:05``, ``Ноябрь 23, 2026``,
``23.11.2026``, ``2026-11-23T14:05:00+03:00``, RFC 822 dates of RSS
(``Mon, 23 Nov 2026 14:05:00 +0300``) and ``сегодня``/``вчера`` relative to a given day.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

__all__ = ["parse_date"]

_MONTHS = {
    "январ": 1,
    "янв": 1,
    "феврал": 2,
    "фев": 2,
    "март": 3,
    "мар": 3,
    "апрел": 4,
    "апр": 4,
    "ма": 5,  # мая, май
    "июн": 6,
    "июл": 7,
    "август": 8,
    "авг": 8,
    "сентябр": 9,
    "сен": 9,
    "сент": 9,
    "октябр": 10,
    "окт": 10,
    "ноябр": 11,
    "ноя": 11,
    "декабр": 12,
    "дек": 12,
}
_WORD_DATE = re.compile(r"(?<!\d)(\d{1,2})\s+([а-яё]+)\.?,?\s+(\d{4})(?!\d)", re.IGNORECASE)
_MONTH_FIRST = re.compile(r"(?<![а-яё])([а-яё]+)\s+(\d{1,2}),?\s+(\d{4})(?!\d)", re.IGNORECASE)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DOTTED = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)")


def _month(word: str) -> int | None:
    folded = word.casefold().replace("ё", "е")
    for stem in sorted(_MONTHS, key=len, reverse=True):
        if folded.startswith(stem) and (stem != "ма" or folded in ("мая", "май")):
            return _MONTHS[stem]
    return None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str | None, *, today: date | None = None) -> date | None:
    """The first date found in ``text``, or ``None``.

    Args:
        text: a date as a site writes it, possibly inside other words.
        today: the day ``сегодня``/``вчера`` refer to (default: the current date).

    Returns:
        The date, or ``None`` when none is recognised.
    """
    if not text:
        return None
    value = " ".join(text.split())
    match = _ISO.search(value)
    if match:
        return _safe(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _WORD_DATE.search(value)
    if match:
        month = _month(match.group(2))
        if month:
            return _safe(int(match.group(3)), month, int(match.group(1)))
    match = _MONTH_FIRST.search(value)
    if match:
        month = _month(match.group(1))
        if month:
            return _safe(int(match.group(3)), month, int(match.group(2)))
    match = _DOTTED.search(value)
    if match:
        return _safe(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    try:
        parsed: datetime = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None  # type: ignore[assignment]
    if parsed is not None:
        return parsed.date()
    folded = value.casefold()
    base = today or date.today()
    if folded.startswith("сегодня"):
        return base
    if folded.startswith("вчера"):
        return base - timedelta(days=1)
    return None
