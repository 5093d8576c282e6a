"""Russian number agreement in the report's sentences."""

from __future__ import annotations

import pytest

from abmresearch.report.sections import _plural


@pytest.mark.parametrize(
    ("count", "form"),
    [
        (1, "человек"),
        (3, "человека"),
        (5, "человек"),
        (11, "человек"),
        (12, "человек"),
        (21, "человек"),
        (22, "человека"),
        (33, "человека"),
        (111, "человек"),
        (104, "человека"),
    ],
)
def test_people(count: int, form: str) -> None:
    assert _plural(count, "человек", "человека", "человек") == form


@pytest.mark.parametrize(("count", "form"), [(1, "статьи"), (21, "статьи"), (35, "статей")])
def test_articles_after_iz(count: int, form: str) -> None:
    assert _plural(count, "статьи", "статей", "статей") == form
