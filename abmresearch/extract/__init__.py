"""Contacts from Russian text: people, positions (ЛПР/ЛВР), organisations, identifiers.

Public functions the pipeline calls: :func:`extract_contacts` (articles → person–position
mentions), :func:`classify_titles` (titles → normal form, vocabulary entry, role, level,
function) and :func:`unknown_titles` (titles of a run the vocabulary lacks).
"""

from __future__ import annotations

from abmresearch.extract.contacts import (
    CONTACT_COLUMNS,
    extract_contacts,
    extract_people,
    unknown_titles,
)
from abmresearch.extract.identifiers import Identifier, find_identifiers
from abmresearch.extract.people import PersonName, parse_person
from abmresearch.extract.positions import (
    TITLE_COLUMNS,
    TitleReading,
    classify_titles,
    normalize_title,
    read_title,
)

__all__ = [
    "CONTACT_COLUMNS",
    "TITLE_COLUMNS",
    "Identifier",
    "PersonName",
    "TitleReading",
    "classify_titles",
    "extract_contacts",
    "extract_people",
    "find_identifiers",
    "normalize_title",
    "parse_person",
    "read_title",
    "unknown_titles",
]
