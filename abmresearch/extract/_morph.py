"""One shared pymorphy3 analyzer with cached parses (the morphology boundary of ``extract``)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["inflect", "is_known", "lemma", "parses"]


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple[Any, ...]:
    """All pymorphy3 parses of a lower-cased word, best first."""
    return tuple(_analyzer().parse(word))


@lru_cache(maxsize=200_000)
def is_known(word: str) -> bool:
    """Whether the dictionary knows the word (not a guess from its suffix)."""
    return bool(_analyzer().word_is_known(word))


def lemma(word: str) -> str:
    """The normal form of the best parse (lower case; «ё» kept as the dictionary has it)."""
    found = parses(word.lower())
    return str(found[0].normal_form) if found else word.lower()


def inflect(parse: Any, grammemes: frozenset[str]) -> str | None:
    """The word of ``parse`` in the given grammemes, or ``None`` when pymorphy3 cannot."""
    try:
        result = parse.inflect(set(grammemes))
    except (ValueError, KeyError):
        return None
    return None if result is None else str(result.word)
