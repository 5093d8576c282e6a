"""Exceptions that speak to the analyst.

Every error about the user's data or configuration is an :class:`AbmError`. The CLI prints
``str(error)`` as one line on stderr and exits with code 2; nothing else is shown.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["AbmError", "ConfigError", "InputError"]


class AbmError(Exception):
    """Base class of errors the CLI turns into one line and exit code 2."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


class InputError(AbmError):
    """An input file is missing, unreadable, or lacks what the step needs.

    Args:
        path: the file the problem is in.
        message: what is wrong, in the analyst's words.
        row: 1-based line (CSV/JSONL) or sheet row (XLSX) when the problem is in one row.
    """

    def __init__(self, path: Path | str, message: str, *, row: int | None = None) -> None:
        self.path = Path(path)
        self.row = row
        where = f"{self.path}" if row is None else f"{self.path}, строка {row}"
        super().__init__(f"{where}: {message}")


class ConfigError(AbmError):
    """A YAML configuration is malformed or has a wrong or unknown key."""

    def __init__(self, path: Path | str, message: str, *, key: str | None = None) -> None:
        self.path = Path(path)
        self.key = key
        where = f"{self.path}" if key is None else f"{self.path}: ключ '{key}'"
        super().__init__(f"{where}: {message}")
