"""Read and write tables in any of the formats analysts bring, with one-line errors.

Formats are chosen by extension: ``.csv`` (UTF-8 or cp1251, detected; ``,`` ``;`` or tab),
``.xlsx``, ``.parquet``, ``.jsonl``. Every value is read as text, so ИНН and IDs keep their
leading zeros. Writes are atomic: a temporary file in the same folder, then a rename.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from abmresearch.errors import InputError

__all__ = [
    "TABLE_SUFFIXES",
    "atomic_path",
    "decode_bytes",
    "iter_jsonl",
    "read_table",
    "write_jsonl",
    "write_table",
]

TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".parquet", ".jsonl")
_UMASK = os.umask(0)
os.umask(_UMASK)
_OPEN_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")
_UTF8_CYRILLIC = re.compile(rb"[\xd0\xd1][\x80-\xbf]")


def decode_bytes(raw: bytes, path: Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM), else the best single-byte Cyrillic guess.

    Args:
        raw: the file's bytes.
        path: the file, for the error message.

    Returns:
        The decoded text.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000], cp_isolation=["cp1251", "koi8_r", "cp866"]).best()
    encoding = best.encoding if best is not None else "cp1251"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"не удалось определить кодировку (байт {exc.start})") from None


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError(path, "файл не найден")
    if path.is_dir():
        raise InputError(path, "ожидается файл, а это папка")
    if path.stat().st_size == 0:
        raise InputError(path, "файл пуст")


def _sniff_delimiter(text: str, path: Path) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    head = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t|").delimiter
    except csv.Error:
        first = text.splitlines()[0] if text else ""
        return max(",;\t", key=first.count)


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _encoding_of(path: Path) -> str:
    """UTF-8 (BOM or not) when the whole file decodes as UTF-8, else the detected codepage.

    Raises:
        InputError: the file is binary, or it is UTF-8 with damaged bytes (a single-byte
            codepage would silently turn it into mojibake).
    """
    raw = path.read_bytes()
    if b"\x00" in raw[:65536] and raw[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError(path, "двоичный файл, а не текст CSV")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    else:
        return "utf-8-sig"
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    utf8_cyrillic = len(_UTF8_CYRILLIC.findall(raw, 0, 1_000_000))
    if utf8_cyrillic >= 3:
        raise InputError(
            path,
            f"файл в UTF-8, но байт {raw[bad_at]:#04x} повреждён (позиция {bad_at}); "
            "пересохраните файл в UTF-8",
            row=_line_of(raw, bad_at),
        )
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000], cp_isolation=["cp1251", "koi8_r", "cp866"]).best()
    encoding = best.encoding if best is not None else "cp1251"
    try:
        raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"не UTF-8 и не {encoding}: байт {raw[exc.start]:#04x} не читается",
            row=_line_of(raw, exc.start),
        ) from None
    return encoding


def _check_records(path: Path, *, encoding: str, delimiter: str) -> None:
    """Every record has as many fields as the header (line numbers as an editor shows them)."""
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter, strict=False)
        try:
            header = next(reader, [])
            started = reader.line_num + 1
            for record in reader:
                if record and len(record) != len(header):
                    if any("\n" in field for field in record):
                        message = "незакрытая кавычка: поле тянется через строки"
                    else:
                        message = f"ожидалось полей: {len(header)}, найдено: {len(record)}"
                    raise InputError(path, message, row=started)
                started = reader.line_num + 1
        except csv.Error as exc:
            raise InputError(path, f"не читается как CSV: {exc}", row=reader.line_num) from None


def _read_csv(path: Path) -> pd.DataFrame:
    encoding = _encoding_of(path)
    with path.open(encoding=encoding, errors="strict", newline="") as handle:
        head = handle.read(65536)
    if not head.strip():
        raise InputError(path, "файл пуст")
    delimiter = _sniff_delimiter(head, path)
    _check_records(path, encoding=encoding, delimiter=delimiter)
    try:
        return pd.read_csv(
            path,
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=True,
            encoding=encoding,
        )
    except pd.errors.ParserError as exc:
        message = str(exc)
        if match := _OPEN_QUOTE.search(message):
            raise InputError(
                path,
                "незакрытая кавычка: запись не кончается до конца файла",
                row=int(match.group(1)) + 1,
            ) from None
        raise InputError(path, f"не читается как CSV: {message}") from None
    except pd.errors.EmptyDataError:
        raise InputError(path, "файл пуст") from None


def _read_xlsx(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_excel(path, dtype=str, engine="openpyxl")
    except (ValueError, KeyError, OSError) as exc:
        raise InputError(path, f"не читается как XLSX: {exc}") from None
    except Exception as exc:  # openpyxl raises zipfile/xml errors for non-xlsx bytes
        raise InputError(path, f"не читается как XLSX: {type(exc).__name__}") from None
    return frame.fillna("")


def _read_parquet(path: Path) -> pd.DataFrame:
    try:
        # Nullable dtypes keep integers integers when a column has nulls (no «7707083893.0»).
        frame = pd.read_parquet(path, dtype_backend="numpy_nullable")
    except Exception as exc:  # pyarrow raises ArrowInvalid and friends
        raise InputError(path, f"не читается как Parquet: {exc}") from None
    return frame.astype(object).where(frame.notna(), "").astype(str)


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, object)`` of a JSONL file; blank lines are skipped.

    Raises:
        InputError: a line is not JSON or not a JSON object (the line number is named).
    """
    path = Path(path)
    _check_file(path)
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.strip()
            if not line:
                continue
            try:
                value = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise InputError(path, f"не JSON: {exc}", row=number) from None
            if not isinstance(value, dict):
                raise InputError(path, "ожидается JSON-объект {…}", row=number)
            yield number, value


def _read_jsonl(path: Path) -> pd.DataFrame:
    rows = [row for _, row in iter_jsonl(path)]
    if not rows:
        raise InputError(path, "файл пуст")
    # Object dtype: an integer ИНН next to a null stays an int, not a float.
    return pd.DataFrame(rows, dtype=object)


def read_table(
    path: Path | str,
    *,
    required: Iterable[str] = (),
    rename: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Read a table as text columns, checking the columns a step needs.

    Args:
        path: a ``.csv``, ``.tsv``, ``.xlsx``, ``.parquet`` or ``.jsonl`` file.
        required: columns that must be present (after ``rename``).
        rename: header → canonical column (a column map of a real export).

    Returns:
        The table; every column as ``str``, empty cells as ``""`` (except JSONL, as parsed).

    Raises:
        InputError: the file is missing, empty, malformed, or lacks a required column.
    """
    path = Path(path)
    _check_file(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        frame = _read_csv(path)
    elif suffix == ".xlsx":
        frame = _read_xlsx(path)
    elif suffix == ".parquet":
        frame = _read_parquet(path)
    elif suffix == ".jsonl":
        frame = _read_jsonl(path)
    else:
        raise InputError(
            path, f"неизвестный формат '{suffix}': ожидается {', '.join(TABLE_SUFFIXES)}"
        )
    frame.columns = [str(column).strip().lstrip("\ufeff") for column in frame.columns]
    if rename:
        present = {key: value for key, value in rename.items() if key in frame.columns}
        frame = frame.rename(columns=present)
    missing = [column for column in required if column not in frame.columns]
    if missing:
        have = ", ".join(map(str, frame.columns[:12]))
        raise InputError(path, f"нет столбца '{missing[0]}' (есть: {have})")
    return frame


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it only if the block succeeds.

    Example:
        >>> with atomic_path("out.csv") as tmp:  # doctest: +SKIP
        ...     frame.to_csv(tmp)
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        tmp.chmod(0o666 & ~_UMASK)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_jsonl(rows: Iterable[Mapping[str, Any]], path: Path | str) -> int:
    """Write mappings as JSON lines (UTF-8, no ASCII escaping), atomically.

    Returns:
        How many lines were written.
    """
    count = 0
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


def write_table(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write a table in the format named by the extension, atomically.

    Args:
        frame: the table.
        path: ``.csv`` (UTF-8), ``.xlsx``, ``.parquet``,
            ``.jsonl`` or ``.json`` (records).

    Returns:
        The path written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    with atomic_path(path) as tmp:
        if suffix == ".csv":
            frame.to_csv(tmp, index=False, encoding="utf-8")
        elif suffix == ".xlsx":
            frame.to_excel(tmp, index=False, engine="openpyxl")
        elif suffix == ".parquet":
            frame.to_parquet(tmp, index=False)
        elif suffix == ".jsonl":
            frame.to_json(tmp, orient="records", lines=True, force_ascii=False)
        elif suffix == ".json":
            frame.to_json(tmp, orient="records", force_ascii=False, indent=1)
        else:
            raise InputError(path, f"неизвестный формат вывода '{suffix}'")
    return path
