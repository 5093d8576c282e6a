"""A polite asynchronous HTTP client for the media crawler.

One shared :class:`httpx.AsyncClient` with:

- robots.txt obeyed per host (RFC 9309: 4xx → everything allowed, 5xx or unreachable →
  everything disallowed); ``Crawl-delay`` slows the host down further;
- a per-host rate limit (requests per second) and a global concurrency limit;
- retries with exponential backoff on timeouts, connection errors, 5xx and 429, honouring
  ``Retry-After`` (seconds or an HTTP date, capped);
- redirects followed hop by hop (each hop checked against robots.txt and the rate limit),
  loops and over-long chains failing cleanly;
- an identifying User-Agent;
- the on-disk :class:`~abmresearch.collect.cache.HttpCache` with conditional requests
  (``If-None-Match`` / ``If-Modified-Since``): a 304 serves the stored body;
- encoding detection: UTF-8 when the bytes are valid UTF-8, else the charset of
  ``Content-Type``, ``<meta charset>`` or the XML declaration, else the best of
  windows-1251 / koi8-r.
"""

from __future__ import annotations

import asyncio
import re
import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from abmresearch._version import __version__
from abmresearch.collect.cache import CachedResponse, HttpCache

__all__ = [
    "USER_AGENT",
    "ClientSettings",
    "FetchError",
    "Page",
    "PoliteClient",
    "decode_html",
]

USER_AGENT = f"abmresearch/{__version__} (+https://github.com/abmresearch; B2B media monitor)"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)["']""", re.I)
_ALIASES = {"win-1251": "cp1251", "windows1251": "cp1251", "x-cp1251": "cp1251"}


class FetchError(Exception):
    """A URL could not be fetched (after retries); the message says why, in Russian."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class ClientSettings:
    """How polite and how patient the client is.

    Attributes:
        rate_limit: default requests per second per host.
        concurrency: requests in flight at once, all hosts together.
        timeout: seconds per request (connect, read, write, pool).
        retries: extra attempts after the first on timeouts, 5xx and 429.
        backoff: first retry delay in seconds, doubled on each further retry.
        max_retry_after: cap of a server's ``Retry-After``, seconds.
        max_redirects: hops before a chain counts as a loop.
        user_agent: the ``User-Agent`` header.
    """

    rate_limit: float = 1.0
    concurrency: int = 8
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 60.0
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Page:
    """A fetched page, adapted from the HTTP response."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    text: str
    fetched_at: str
    from_cache: bool


@dataclass
class _Host:
    interval: float
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_at: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def _charset(name: str | None) -> str | None:
    if not name:
        return None
    value = name.strip().strip("\"'").lower()
    value = _ALIASES.get(value, value)
    try:
        "".encode(value)
    except LookupError:
        return None
    return value


def decode_html(body: bytes, content_type: str = "") -> str:
    """Decode a page: UTF-8 if valid, else the declared charset, ``<meta>``/XML declaration,
    then the best of windows-1251 / koi8-r.

    Args:
        body: the raw bytes.
        content_type: the ``Content-Type`` header, if any.

    Returns:
        The text; undecodable bytes are replaced rather than failing.
    """
    try:
        # Valid UTF-8 with Cyrillic is never accidental cp1251/koi8-r text, while servers
        # often declare windows-1251 for pages that were re-encoded long ago: UTF-8 first.
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _charset(content_type.partition("charset=")[2].split(";")[0] or None)
    head = body[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    candidates = [declared, _charset(match.group(1).decode("ascii")) if match else None]
    for encoding in candidates:
        if encoding and encoding.replace("-", "").replace("_", "") not in ("utf8", "utf8sig"):
            try:
                return body.decode(encoding)
            except UnicodeDecodeError:
                continue
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000], cp_isolation=["cp1251", "koi8_r"]).best()
    return body.decode(best.encoding if best else "cp1251", errors="replace")


def _retry_after(value: str | None, cap: float) -> float | None:
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return min(float(text), cap)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, min((when - datetime.now(UTC)).total_seconds(), cap))


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class PoliteClient:
    """The crawler's HTTP client; use as ``async with PoliteClient(...) as client``.

    Args:
        cache: the on-disk HTTP cache.
        settings: politeness and patience.
        transport: an httpx transport (tests); the default opens real connections.

    Attributes:
        requests: how many HTTP requests were sent (robots.txt included).
        log: ``(monotonic time, url)`` of every request sent, in order.
    """

    def __init__(
        self,
        cache: HttpCache,
        *,
        settings: ClientSettings | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.cache = cache
        self.settings = settings or ClientSettings()
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._hosts: dict[str, _Host] = {}
        self._rates: dict[str, float] = {}
        self._slots = asyncio.Semaphore(self.settings.concurrency)
        self.requests = 0
        self.not_modified = 0
        self.log: list[tuple[float, str]] = []

    async def __aenter__(self) -> PoliteClient:
        self._client = httpx.AsyncClient(
            headers={"User-Agent": self.settings.user_agent},
            timeout=httpx.Timeout(self.settings.timeout),
            follow_redirects=False,
            transport=self._transport,
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def set_rate(self, url: str, rate: float) -> None:
        """Requests per second for the host of ``url`` (the slowest setting wins)."""
        key = _host_key(url)
        self._rates[key] = min(rate, self._rates.get(key, rate))
        if key in self._hosts:
            self._hosts[key].interval = max(self._hosts[key].interval, 1.0 / self._rates[key])

    def _host(self, url: str) -> _Host:
        key = _host_key(url)
        host = self._hosts.get(key)
        if host is None:
            rate = self._rates.get(key, self.settings.rate_limit)
            host = self._hosts[key] = _Host(interval=1.0 / rate)
        return host

    async def _wait_turn(self, host: _Host) -> None:
        async with host.lock:
            # A retry pause (429, 5xx) may push next_at further while we sleep: re-check.
            while (delay := host.next_at - time.monotonic()) > 0:
                await asyncio.sleep(delay)
            host.next_at = time.monotonic() + host.interval

    async def _send(self, url: str, headers: dict[str, str]) -> httpx.Response:
        """One request, after the host's turn; retries timeouts, 5xx and 429."""
        assert self._client is not None, "PoliteClient is used outside 'async with'"
        host = self._host(url)
        attempt = 0
        while True:
            await self._wait_turn(host)
            async with self._slots:
                self.requests += 1
                self.log.append((time.monotonic(), url))
                try:
                    response = await self._client.get(url, headers=headers)
                except httpx.TimeoutException:
                    problem, wait = "нет ответа за отведённое время", None
                except httpx.TransportError as exc:
                    problem, wait = f"ошибка соединения ({type(exc).__name__})", None
                except (httpx.InvalidURL, httpx.HTTPError) as exc:
                    # A malformed link or a broken response (e.g. bad gzip): no use retrying.
                    reason = f"некорректный адрес или ответ ({type(exc).__name__})"
                    raise FetchError(url, reason) from None
                else:
                    if response.status_code != 429 and response.status_code < 500:
                        return response
                    problem = f"HTTP {response.status_code}"
                    wait = _retry_after(
                        response.headers.get("Retry-After"), self.settings.max_retry_after
                    )
            if attempt >= self.settings.retries:
                raise FetchError(url, f"{problem}, попыток {attempt + 1}")
            delay = wait if wait is not None else self.settings.backoff * 2**attempt
            host.next_at = max(host.next_at, time.monotonic() + delay)
            attempt += 1

    async def _robots(self, url: str) -> urllib.robotparser.RobotFileParser:
        host = self._host(url)
        async with host.robots_lock:
            if host.robots is not None:
                return host.robots
            parser = urllib.robotparser.RobotFileParser()
            robots_url = urljoin(_host_key(url) + "/", "/robots.txt")
            try:
                response = await self._send(robots_url, {})
            except FetchError:
                parser.disallow_all = True  # type: ignore[attr-defined]  # unreachable: RFC 9309
            else:
                if 200 <= response.status_code < 300:
                    parser.parse(decode_html(response.content).splitlines())
                elif 400 <= response.status_code < 500:
                    parser.allow_all = True  # type: ignore[attr-defined]
                else:
                    parser.disallow_all = True  # type: ignore[attr-defined]
            delay = parser.crawl_delay(self.settings.user_agent)
            if delay:
                host.interval = max(host.interval, float(delay))
            host.robots = parser
            return parser

    async def allowed(self, url: str) -> bool:
        """Whether robots.txt of the host lets this crawler fetch ``url``."""
        parser = await self._robots(url)
        return parser.can_fetch(self.settings.user_agent, url)

    async def fetch(self, url: str) -> Page:
        """GET ``url`` politely, through the cache.

        Args:
            url: an absolute http(s) URL.

        Returns:
            The page (from the cache when the server answered 304).

        Raises:
            FetchError: disallowed by robots.txt, a redirect loop, a 4xx, or retries used up.
        """
        try:
            parts = urlsplit(url)
            _ = parts.port
        except ValueError:
            raise FetchError(url, "некорректный адрес") from None
        if parts.scheme not in ("http", "https"):
            raise FetchError(url, "поддерживаются только адреса http(s)")
        cached = self.cache.get(url)
        current = url
        seen = {url}
        for _hop in range(self.settings.max_redirects + 1):
            if not await self.allowed(current):
                raise FetchError(current, "запрещено в robots.txt")
            headers: dict[str, str] = {}
            if cached is not None and current == url:
                meta = cached[0]
                if meta.etag:
                    headers["If-None-Match"] = meta.etag
                if meta.last_modified:
                    headers["If-Modified-Since"] = meta.last_modified
            response = await self._send(current, headers)
            if response.status_code == 304 and cached is not None:
                self.not_modified += 1
                meta, body = cached
                return Page(
                    url=url,
                    final_url=meta.final_url,
                    status=meta.status,
                    content_type=meta.content_type,
                    body=body,
                    text=decode_html(body, meta.content_type),
                    fetched_at=meta.fetched_at,
                    from_cache=True,
                )
            if response.is_redirect:
                target = response.headers.get("Location")
                if not target:
                    raise FetchError(current, f"HTTP {response.status_code} без Location")
                current = urljoin(current, target)
                if current in seen:
                    raise FetchError(url, "цикл переадресаций")
                seen.add(current)
                continue
            if response.status_code >= 400:
                raise FetchError(current, f"HTTP {response.status_code}")
            content_type = response.headers.get("Content-Type", "")
            body = response.content
            fetched_at = _now_iso()
            self.cache.put(
                CachedResponse(
                    url=url,
                    final_url=current,
                    status=response.status_code,
                    content_type=content_type,
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                    fetched_at=fetched_at,
                ),
                body,
            )
            return Page(
                url=url,
                final_url=current,
                status=response.status_code,
                content_type=content_type,
                body=body,
                text=decode_html(body, content_type),
                fetched_at=fetched_at,
                from_cache=False,
            )
        raise FetchError(url, f"больше {self.settings.max_redirects} переадресаций (цикл?)")
