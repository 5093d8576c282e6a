"""An on-disk HTTP cache: response bodies with their validators (ETag, Last-Modified).

One entry per URL under ``<cache>/http/<sha256[:2]>/<sha256>.{json,body}``. The body is
written first and the metadata last (each atomically), so a crash never leaves an entry
whose metadata points at a missing or half-written body.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["CachedResponse", "HttpCache"]


@dataclass(frozen=True)
class CachedResponse:
    """A stored response and the validators to revalidate it."""

    url: str
    final_url: str
    status: int
    content_type: str
    etag: str | None
    last_modified: str | None
    fetched_at: str


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


class HttpCache:
    """Response bodies and validators on disk, keyed by URL.

    Args:
        directory: the cache folder (created when missing).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory) / "http"
        self.directory.mkdir(parents=True, exist_ok=True)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.directory / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def get(self, url: str) -> tuple[CachedResponse, bytes] | None:
        """The stored response of ``url`` and its body, or ``None``."""
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        try:
            return CachedResponse(**meta), body
        except TypeError:
            return None

    def put(self, entry: CachedResponse, body: bytes) -> None:
        """Store a response (body first, then metadata)."""
        meta_path, body_path = self._paths(entry.url)
        _write_atomic(body_path, body)
        _write_atomic(meta_path, json.dumps(asdict(entry), ensure_ascii=False).encode("utf-8"))
