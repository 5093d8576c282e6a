"""Company matching: link organisation mentions to the registry by ИНН.

``normalize`` takes names apart (legal forms, quotes, ё, lookalikes, abbreviations, inflection),
``index`` blocks, ``score`` weighs token agreement, ``link`` decides, ``review`` keeps the queue
and the analyst's decisions, ``api`` is the DataFrame step the pipeline calls.
"""

from abmresearch.match.api import (
    MATCH_COLUMNS,
    MatchResult,
    index_registry,
    match_names,
    match_tables,
)
from abmresearch.match.link import DEFAULT_THRESHOLD
from abmresearch.match.normalize import normalize_name, parse_name

__all__ = [
    "DEFAULT_THRESHOLD",
    "MATCH_COLUMNS",
    "MatchResult",
    "index_registry",
    "match_names",
    "match_tables",
    "normalize_name",
    "parse_name",
]
