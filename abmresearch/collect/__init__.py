"""Collection: a polite media crawler and registry readers that feed the segment.

Public entry points (the pipeline calls these):

- :func:`collect_articles` — media sources → the ``articles`` table (CONTRACTS §8);
- :func:`load_registry` — registry files → the ``companies`` table (CONTRACTS §7);
- :func:`serve_fixture_site` — the local fictional news site the demo collects from.
"""

from __future__ import annotations

from abmresearch.collect.fixture import FIXTURE_SITE, fixture_sources, serve_fixture_site
from abmresearch.collect.http import ClientSettings, FetchError
from abmresearch.collect.media import (
    ARTICLE_COLUMNS,
    DEFAULT_CACHE,
    CollectReport,
    collect_articles,
    collect_report,
    load_sources,
    parse_since,
)
from abmresearch.collect.registry import COMPANY_COLUMNS, load_registry, read_registry

__all__ = [
    "ARTICLE_COLUMNS",
    "COMPANY_COLUMNS",
    "DEFAULT_CACHE",
    "FIXTURE_SITE",
    "ClientSettings",
    "CollectReport",
    "FetchError",
    "collect_articles",
    "collect_report",
    "fixture_sources",
    "load_registry",
    "load_sources",
    "parse_since",
    "read_registry",
    "serve_fixture_site",
]
