"""Registry files → the ``companies`` table (CONTRACTS §7).

Accepts ФНС open-data XML (ЕГРЮЛ, ЕГРИП, реестр МСП, среднесписочная численность, доходы и
расходы) as files, folders or ``.zip`` archives, and SPARK / Kontur.Focus / Checko exports
(``.xlsx``/``.csv``). Records stream through flat memory and merge per ИНН
(:func:`~abmresearch.collect.registry.merge.merge_records`).
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import pandas as pd
from lxml import etree

from abmresearch.collect.registry.exports import iter_export_records
from abmresearch.collect.registry.fns import detect_kind, iter_fns_records
from abmresearch.collect.registry.merge import MergeResult, merge_records
from abmresearch.collect.registry.records import COMPANY_COLUMNS, RegistryRecord
from abmresearch.errors import InputError

__all__ = [
    "COMPANY_COLUMNS",
    "MergeResult",
    "RegistryRecord",
    "iter_registry_records",
    "load_registry",
    "read_registry",
]

_EXPORT_SUFFIXES = (".csv", ".xlsx", ".tsv")


def _xml_records(opener: object, name: str, path: Path) -> Iterator[RegistryRecord]:
    open_stream = opener  # a zero-argument callable returning a binary stream
    with open_stream() as stream:  # type: ignore[operator]
        head = stream.read(4096)
    kind = detect_kind(head)
    if kind is None:
        raise InputError(path, f"{name}: не файл открытых данных ФНС (нет известного ТипИнф)")
    try:
        with open_stream() as stream:  # type: ignore[operator]
            yield from iter_fns_records(stream, kind, source=f"{kind}:{name}")
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"{name}: XML повреждён ({exc.msg}, строка {exc.lineno})") from None


def _zip_records(path: Path) -> Iterator[RegistryRecord]:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError(path, "не ZIP-архив или архив повреждён") from None
    with archive:
        members = sorted(n for n in archive.namelist() if n.lower().endswith(".xml"))
        if not members:
            raise InputError(path, "в архиве нет XML-файлов")
        for member in members:
            yield from _xml_records(
                lambda member=member: archive.open(member), Path(member).name, path
            )


def _file_records(
    path: Path, columns: Mapping[str, str] | None = None
) -> Iterator[RegistryRecord]:
    suffix = path.suffix.lower()
    if suffix == ".xml":
        yield from _xml_records(lambda: path.open("rb"), path.name, path)
    elif suffix == ".zip":
        yield from _zip_records(path)
    elif suffix in _EXPORT_SUFFIXES:
        yield from iter_export_records(path, columns=columns)
    else:
        raise InputError(path, "неизвестный формат (ожидается .xml, .zip, .xlsx или .csv)")


def iter_registry_records(
    paths: Sequence[Path], *, columns: Mapping[str, str] | None = None
) -> Iterator[RegistryRecord]:
    """Stream the records of registry files, folders (recursively) and archives.

    Args:
        paths: files or folders. Inside folders (recursively) only ФНС ``.xml`` and ``.zip``
            are read; export tables (``.xlsx``, ``.csv``) are read when named as files, so
            stray tables beside the XML never override the register.

    Yields:
        Records in file order.

    Raises:
        InputError: a path is missing, or a file is not a registry file.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(path, "файл или папка не найдены")
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".xml", ".zip")
            )
            for file in files:
                yield from _file_records(file, columns)
        else:
            yield from _file_records(path, columns)


def read_registry(
    paths: Sequence[Path], *, quiet: bool = True, columns: Mapping[str, str] | None = None
) -> MergeResult:
    """Read and merge registry sources: companies, provenance and conflict count.

    Args:
        paths: as for :func:`iter_registry_records`.
        quiet: ``False`` shows a record counter on stderr (only when it is a terminal).
        columns: header → registry field for exports with unusual headers (CRM exports),
            applied before the built-in SPARK / Kontur.Focus / Checko map.
    """
    records: Iterable[RegistryRecord] = iter_registry_records(paths, columns=columns)
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        records = tqdm(records, desc="Реестры", unit=" зап.", file=sys.stderr, leave=False)
    return merge_records(records)


def load_registry(
    paths: Sequence[Path], *, columns: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The ``companies`` table from registry files (CONTRACTS §7 columns).

    Args:
        paths: ФНС XML files, folders, ``.zip`` archives, SPARK/Kontur.Focus/Checko exports.
        columns: header → registry field for exports with unusual headers.

    Returns:
        One row per ИНН, every column text, missing values empty; ``attrs["conflicts"]``
        holds the number of conflicting field values seen while merging.
    """
    result = read_registry(paths, columns=columns)
    companies = result.companies
    companies.attrs["conflicts"] = result.conflicts
    companies.attrs["records"] = result.records
    return companies
