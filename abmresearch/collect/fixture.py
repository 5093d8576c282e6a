"""A local fixture site for the demo, the tests and the benchmark (127.0.0.1 only).

:func:`serve_fixture_site` serves a folder over HTTP on ``127.0.0.1`` and a free port, in a
background thread. Text files (``.html``, ``.xml``, ``.txt``, ``.yaml``) have ``{{BASE_URL}}``
replaced by the server's address, so feeds and sitemaps can hold absolute links. Responses
carry ``ETag`` and ``Last-Modified`` and answer conditional requests with 304. Extra routes
(a callable per path) let tests add a 429, 500s, a slow page or a redirect loop.

The bundled site (:data:`FIXTURE_SITE`) is a fictional construction-news outlet with an RSS
feed, a sitemap, a listing page and articles in UTF-8 and windows-1251;
:func:`fixture_sources` gives the sources the demo collects from it.
"""

from __future__ import annotations

import contextlib
import hashlib
import mimetypes
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from abmresearch.config import MediaSource

__all__ = [
    "FIXTURE_SITE",
    "FixtureServer",
    "Reply",
    "Route",
    "fixture_sources",
    "serve_fixture_site",
]

FIXTURE_SITE = Path(__file__).resolve().parent / "site"
PLACEHOLDER = b"{{BASE_URL}}"
_TEXT_SUFFIXES = {".html", ".htm", ".xml", ".txt", ".yaml", ".rss"}


@dataclass
class Reply:
    """What a route answers."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Route = Callable[[str, Mapping[str, str]], Reply]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up (timeouts in tests) are not errors worth printing."""


class FixtureServer:
    """A threaded HTTP server over a folder; use as a context manager.

    Args:
        directory: the folder to serve.
        routes: path → callable ``(path, headers) → Reply`` answered before files.

    Attributes:
        base_url: ``http://127.0.0.1:<port>`` once started.
        log: ``(monotonic time, path)`` of every request, in arrival order.
    """

    def __init__(
        self, directory: Path, *, routes: Mapping[str, Route] | None = None, port: int = 0
    ) -> None:
        self.directory = Path(directory).resolve()
        self.port = port
        self.routes = dict(routes or {})
        self.log: list[tuple[float, str]] = []
        self.base_url = ""
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def hits(self, path: str) -> int:
        """How many requests asked for ``path`` (query string ignored)."""
        with self._lock:
            return sum(1 for _, seen in self.log if urlsplit(seen).path == path)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fixture = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

            def _send(self, reply: Reply) -> None:
                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(reply.body)

            def do_GET(self) -> None:
                with fixture._lock:
                    fixture.log.append((time.monotonic(), self.path))
                path = urlsplit(self.path).path
                route = fixture.routes.get(path)
                headers = {key.lower(): value for key, value in self.headers.items()}
                reply = route(path, headers) if route else fixture._file(path, headers)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._send(reply)

            do_HEAD = do_GET

        return Handler

    def _file(self, path: str, headers: Mapping[str, str]) -> Reply:
        relative = path.lstrip("/") or "index.html"
        target = (self.directory / relative).resolve()
        if target.is_dir():
            target = target / "index.html"
        if self.directory not in target.parents or not target.is_file():
            return Reply(404, b"not found", {"Content-Type": "text/plain"})
        body = target.read_bytes()
        if target.suffix.lower() in _TEXT_SUFFIXES:
            body = body.replace(PLACEHOLDER, self.base_url.encode("ascii"))
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        modified = formatdate(target.stat().st_mtime, usegmt=True)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix.lower() == ".xml":
            kind = "application/xml"
        common = {"ETag": etag, "Last-Modified": modified}
        if headers.get("if-none-match") == etag or (
            "if-none-match" not in headers and headers.get("if-modified-since") == modified
        ):
            return Reply(304, b"", common)
        return Reply(200, body, common | {"Content-Type": kind})

    def __enter__(self) -> FixtureServer:
        self._server = _Server(("127.0.0.1", self.port), self._handler())
        host, port = self._server.server_address[:2]
        self.base_url = f"http://{host!s}:{port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)


@contextlib.contextmanager
def serve_fixture_site(directory: Path = FIXTURE_SITE, *, port: int = 0) -> Iterator[str]:
    """Serve a folder on ``127.0.0.1`` (free port) while the ``with`` block runs.

    Args:
        directory: the site folder (default: the bundled fictional news site).
        port: a fixed port, for article URLs (and so ids) stable across runs; 0 = any free.

    Yields:
        The base URL, e.g. ``http://127.0.0.1:40123``.
    """
    with FixtureServer(directory, port=port) as server:
        yield server.base_url


def fixture_sources(base_url: str, *, rate_limit: float = 20.0) -> list[MediaSource]:
    """The bundled site's sources: its RSS feed, sitemap and listing page.

    Args:
        base_url: what :func:`serve_fixture_site` yielded.
        rate_limit: requests per second (the site is local; the default keeps demos fast).
    """
    return [
        MediaSource(
            name="stroyvestnik-rss", type="rss", url=f"{base_url}/rss.xml", rate_limit=rate_limit
        ),
        MediaSource(
            name="stroyvestnik-sitemap",
            type="sitemap",
            url=f"{base_url}/sitemap.xml",
            rate_limit=rate_limit,
        ),
        MediaSource(
            name="stroyvestnik-news",
            type="listing",
            url=f"{base_url}/news/",
            link_selector="ul.news a.title",
            rate_limit=rate_limit,
        ),
    ]
