"""The I/O of ``abm extract`` and ``abm titles``: read, validate, call, write atomically.

Bad input stops before anything is written: a line that is not a JSON object, lacks ``id`` or
``text``, or has a non-text ``text`` is an :class:`~abmresearch.errors.InputError` naming the
line. An empty ``text`` is skipped; a text over :data:`MAX_TEXT_CHARS` is cut there, and both
are reported on stderr with their line numbers.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from abmresearch.errors import InputError
from abmresearch.extract.contacts import MAX_TEXT_CHARS, extract_contacts, unknown_titles
from abmresearch.extract.positions import classify_titles
from abmresearch.io import decode_bytes, iter_jsonl, write_jsonl, write_table
from abmresearch.vocabulary import load_vocabulary

__all__ = ["read_articles", "read_titles", "run_extract", "run_titles"]


def read_articles(path: Path, *, say: Callable[[str], None] | None = None) -> pd.DataFrame:
    """Read and check the articles of ``abm extract``.

    Returns:
        Columns ``id``, ``text``, ``line`` (the JSONL line number).

    Raises:
        InputError: a malformed line (named by its number) or no lines at all.
    """
    rows: list[dict[str, Any]] = []
    for number, record in iter_jsonl(path):
        if "text" not in record:
            raise InputError(path, "нет поля 'text'", row=number)
        if "id" not in record or record["id"] in (None, ""):
            raise InputError(path, "нет поля 'id'", row=number)
        text = record["text"]
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise InputError(path, "поле 'text' должно быть строкой", row=number)
        if not text.strip():
            if say:
                say(f"abm: {path}, строка {number}: пустой текст — пропущен")
            continue
        if len(text) > MAX_TEXT_CHARS:
            if say:
                say(
                    f"abm: {path}, строка {number}: текст длиннее {MAX_TEXT_CHARS:,} символов "
                    "— обработано только начало".replace(",", " ")
                )
            text = text[:MAX_TEXT_CHARS]
        rows.append({"id": str(record["id"]), "text": text, "line": number})
    return pd.DataFrame(rows, columns=["id", "text", "line"])


def _clean(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def run_extract(
    input: Path,
    output: Path,
    *,
    positions: Path | None = None,
    unknown: Path | None = None,
    quiet: bool = False,
    say: Callable[[str], None] | None = None,
) -> tuple[int, int]:
    """``abm extract``: returns (mentions written, articles read)."""
    vocabulary = load_vocabulary(positions)
    articles = read_articles(input, say=say)
    frames = []
    show = not quiet and sys.stderr.isatty()
    from tqdm import tqdm

    for _, article in tqdm(
        articles.iterrows(), total=len(articles), disable=not show, file=sys.stderr, unit="ст."
    ):
        frames.append(extract_contacts(article.to_frame().T, vocabulary=vocabulary))
    contacts = (
        pd.concat(frames, ignore_index=True)
        if frames
        else extract_contacts(articles, vocabulary=vocabulary)
    )
    records = [
        {str(key): _clean(value) for key, value in row.items()}
        for row in contacts.to_dict(orient="records")
    ]
    count = write_jsonl(records, output)
    if unknown is not None:
        write_table(unknown_titles(contacts, examples=2), unknown)
    return count, len(articles)


def read_titles(path: Path) -> list[str]:
    """The non-blank lines of a titles file (UTF-8 or cp1251), trimmed."""
    if not path.exists():
        raise InputError(path, "файл не найден")
    if path.is_dir():
        raise InputError(path, "ожидается файл, а это папка")
    text = decode_bytes(path.read_bytes(), path)
    lines = [line.strip().strip("\ufeff") for line in text.splitlines()]
    titles = [line for line in lines if line]
    if not titles:
        raise InputError(path, "файл пуст: ожидается одна должность на строку")
    return titles


def run_titles(input: Path, output: Path, *, positions: Path | None = None) -> tuple[int, int]:
    """``abm titles``: returns (titles, titles with a vocabulary entry)."""
    vocabulary = load_vocabulary(positions)
    frame = classify_titles(read_titles(input), vocabulary=vocabulary)
    if output.suffix.lower() == ".txt":
        raise InputError(output, "выход: ожидается .csv, .xlsx, .parquet или .jsonl")
    write_table(frame, output)
    return len(frame), int((frame["canonical"] != "").sum())
