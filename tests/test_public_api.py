"""The public API: a sorted ``__all__`` whose every name resolves."""

from __future__ import annotations

import abmresearch


def test_all_is_sorted_and_resolves() -> None:
    names = abmresearch.__all__
    assert names == sorted(names)
    for name in names:
        assert getattr(abmresearch, name) is not None, name
