"""The controlled vocabulary of positions (``config/positions.yaml``).

A vocabulary entry is what a CRM dropdown offers: a ``title`` with its ``role`` (ЛПР, ЛВР,
другое), ``level``, ``function`` and the ``aliases`` people write instead. Look-ups ignore case,
«ё»/«е» and runs of whitespace only where the caller asks (see :meth:`Vocabulary.find`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from abmresearch.config import DEFAULT_POSITIONS, load_yaml, validation_error
from abmresearch.errors import ConfigError

__all__ = ["LEVELS", "ROLES", "Position", "Vocabulary", "load_vocabulary", "title_key"]

ROLES = ("ЛПР", "ЛВР", "другое")
LEVELS = ("owner", "head", "deputy", "manager", "specialist", "worker", "unknown")

Role = Literal["ЛПР", "ЛВР", "другое"]
Level = Literal["owner", "head", "deputy", "manager", "specialist", "worker", "unknown"]


class Position(BaseModel):
    """One entry of the vocabulary."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    role: Role
    level: Level = "unknown"
    function: str = "other"
    aliases: tuple[str, ...] = Field(default_factory=tuple)

    @field_validator("title")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("пустое название должности")
        return value.strip()

    @property
    def is_decision_maker(self) -> bool:
        """Whether the role is ЛПР."""
        return self.role == "ЛПР"


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    positions: list[Position]


def title_key(text: str, *, loose: bool = False) -> str:
    """The look-up key of a title: trimmed and case-folded.

    Args:
        text: a title as typed.
        loose: also fold «ё» to «е», collapse inner whitespace and drop a trailing dot — for
            proposing fixes, never for judging validity.
    """
    key = text.strip().casefold()
    if loose:
        key = " ".join(key.replace("ё", "е").rstrip(".").split())
    return key


class Vocabulary:
    """Positions indexed by title and by alias.

    Args:
        positions: the entries, in file order.
        source: where they were read from.
    """

    def __init__(self, positions: tuple[Position, ...], source: Path | None = None) -> None:
        self.positions = positions
        self.source = source
        self._by_title: dict[str, Position] = {}
        self._by_alias: dict[str, Position] = {}
        self._loose: dict[str, Position | None] = {}
        for position in positions:
            key = title_key(position.title)
            if key in self._by_title:
                raise ConfigError(source or "positions", f"должность повторяется: {key}")
            self._by_title[key] = position
        for position in positions:
            for alias in position.aliases:
                key = title_key(alias)
                if key and key not in self._by_title:
                    self._by_alias.setdefault(key, position)
        for mapping in (self._by_title, self._by_alias):
            for key, position in mapping.items():
                loose_key = title_key(key, loose=True)
                previous = self._loose.get(loose_key, position)
                # A loose key shared by two titles is ambiguous: no proposal from it.
                self._loose[loose_key] = position if previous == position else None

    def __iter__(self) -> Iterator[Position]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)

    @property
    def title_keys(self) -> dict[str, Position]:
        """Case-folded title → entry (what a CRM cell is checked against)."""
        return dict(self._by_title)

    def by_title(self, text: str) -> Position | None:
        """The entry whose title is ``text`` (case-insensitive), else ``None``."""
        return self._by_title.get(title_key(text))

    def by_alias(self, text: str) -> Position | None:
        """The entry one of whose aliases is ``text`` (case-insensitive), else ``None``."""
        return self._by_alias.get(title_key(text))

    def find(self, text: str) -> Position | None:
        """Title, then alias, then the loose key (ё, spacing, trailing dot); unambiguous only."""
        found = self.by_title(text) or self.by_alias(text)
        if found is None:
            found = self._loose.get(title_key(text, loose=True))
        return found


def load_vocabulary(path: Path | str | None = None) -> Vocabulary:
    """Read a positions YAML file.

    Args:
        path: the file; ``None`` for the default ``config/positions.yaml``.

    Raises:
        ConfigError: the file is missing, not YAML, or an entry is malformed.
    """
    path = Path(path) if path is not None else DEFAULT_POSITIONS
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise ConfigError(path, "ожидается ключ 'positions:' со списком должностей")
    try:
        parsed = _File.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, exc) from None
    if not parsed.positions:
        raise ConfigError(path, "справочник пуст: нужна хотя бы одна должность", key="positions")
    return Vocabulary(tuple(parsed.positions), source=path)
