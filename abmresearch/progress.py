"""Progress bars on stderr: shown to a person at a terminal, hidden with ``--quiet`` or in CI."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

__all__ = ["Advance", "progress_bar", "show_progress"]

Advance = Callable[[str], None]


def show_progress(*, quiet: bool = False) -> bool:
    """Whether to draw a bar: not ``--quiet`` and stderr is a terminal."""
    return not quiet and sys.stderr.isatty()


@contextlib.contextmanager
def progress_bar(total: int, description: str, *, quiet: bool = False) -> Iterator[Advance]:
    """A bar of ``total`` steps; the yielded callable advances it and names the next step.

    Example:
        >>> with progress_bar(3, "Проверка", quiet=True) as advance:
        ...     advance("ИНН")
    """
    if not show_progress(quiet=quiet):
        yield lambda label: None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[step]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total, step="")
        yield lambda label: bar.update(task, advance=1, step=label)
