"""Media articles from RSS/Atom feeds, sitemaps and listing pages (CONTRACTS §8).

The crawler discovers article links per source, fetches each new article once through the
:class:`~abmresearch.collect.http.PoliteClient`, extracts the body with trafilatura (title and
date with selectolax) and appends it to a journal in the cache folder. A crashed run resumes
from the journal; a second run revalidates the feeds (304 when nothing changed) and skips the
articles it already has. The output is every journaled article of the given sources, filtered
by date and keywords and de-duplicated by content hash.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import sys
import threading
from collections.abc import Coroutine, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx
import pandas as pd
from lxml import etree
from pydantic import TypeAdapter, ValidationError
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from abmresearch.collect.cache import HttpCache
from abmresearch.collect.dates import parse_date
from abmresearch.collect.http import ClientSettings, FetchError, Page, PoliteClient, decode_html
from abmresearch.config import MediaSource, load_yaml, validation_error
from abmresearch.errors import ConfigError

__all__ = [
    "ARTICLE_COLUMNS",
    "DEFAULT_CACHE",
    "CollectReport",
    "Entry",
    "collect_articles",
    "collect_report",
    "extract_article",
    "load_sources",
    "parse_feed",
    "parse_listing",
    "parse_since",
    "parse_sitemap",
]

ARTICLE_COLUMNS = ("id", "source", "url", "title", "published", "text", "fetched_at")
DEFAULT_CACHE = Path.home() / ".cache" / "abmresearch" / "http"
_JOURNAL = "articles.journal.jsonl"
_MAX_SITEMAPS = 50
_DATE_SELECTORS = (
    ("meta[property='article:published_time']", "content"),
    ("meta[itemprop='datePublished']", "content"),
    ("meta[name='pubdate']", "content"),
    ("meta[name='date']", "content"),
    ("time[datetime]", "datetime"),
)
_DATE_TEXT_SELECTORS = ("time", "[class*='date']", "[class*='time']", "[class*='published']")
_XML_DECLARED = re.compile(rb"^(\xef\xbb\xbf)?<\?xml[^>]*encoding=", re.IGNORECASE)
_BOILERPLATE = "script, style, noscript, nav, header, footer, aside, form, iframe, svg"

T = TypeVar("T")


@dataclass(frozen=True)
class Entry:
    """An article link found on a source, with what the source says about it."""

    url: str
    source: str
    title: str | None = None
    published: date | None = None


@dataclass
class CollectReport:
    """The articles and what it took to get them."""

    articles: pd.DataFrame
    rows: list[dict[str, Any]]
    discovered: int = 0
    fetched: int = 0
    resumed: int = 0
    not_modified: int = 0
    requests: int = 0
    disallowed: int = 0
    duplicates: int = 0
    empty: int = 0
    errors: list[str] = field(default_factory=list)
    request_log: list[tuple[float, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One Russian line for the analyst."""
        return (
            f"ссылок {self.discovered}, скачано статей {self.fetched}, уже было {self.resumed}, "
            f"без изменений (304) {self.not_modified}, запросов {self.requests}, "
            f"запрещено robots.txt {self.disallowed}, дублей {self.duplicates}, "
            f"ошибок {len(self.errors)}"
        )


# ── configuration ────────────────────────────────────────────────────────────
def load_sources(path: Path) -> list[MediaSource]:
    """Media sources from a SOURCES.yaml or a segment config (its ``sources:`` key).

    Raises:
        ConfigError: the file is not YAML, has no ``sources:`` list, or a source is invalid.
    """
    data = load_yaml(path)
    if not isinstance(data, dict) or "sources" not in data:
        raise ConfigError(path, "обязательный ключ отсутствует", key="sources")
    try:
        sources = TypeAdapter(list[MediaSource]).validate_python(data["sources"] or [])
    except ValidationError as exc:
        error = validation_error(path, exc)
        raise ConfigError(path, str(error).split(": ", 2)[-1], key=_sources_key(exc)) from None
    for index, source in enumerate(sources):
        if source.type == "listing" and not source.link_selector:
            raise ConfigError(
                path, "для type: listing нужен CSS-селектор ссылок", key=f"sources[{index}]"
            )
        if urlsplit(source.url).scheme not in ("http", "https"):
            raise ConfigError(path, "ожидается адрес http(s)://", key=f"sources[{index}].url")
    if not sources:
        raise ConfigError(path, "список источников пуст", key="sources")
    return sources


def _sources_key(exc: ValidationError) -> str:
    loc = exc.errors()[0]["loc"]
    key = "sources"
    for item in loc:
        key += f"[{item}]" if isinstance(item, int) else f".{item}"
    return key


def parse_since(text: str | None) -> date | None:
    """``'2026-01-31'`` → a date; ``None`` stays ``None``.

    Raises:
        ConfigError: not a YYYY-MM-DD date.
    """
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError("--since", f"ожидается дата YYYY-MM-DD, получено «{text}»") from None


# ── discovery ────────────────────────────────────────────────────────────────
def _xml_root(body: bytes, content_type: str = "") -> Any:
    if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz
        import gzip

        try:
            body = gzip.decompress(body)
        except (OSError, EOFError):
            return None
    body = body.strip()
    if not _XML_DECLARED.match(body[:200]):
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            # No encoding declaration and not UTF-8: a windows-1251/koi8-r feed whose charset
            # is only in the Content-Type header (or nowhere).
            body = decode_html(body, content_type).encode("utf-8")
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        return etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError:
        return None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(node: Any, *names: str) -> str | None:
    for child in node:
        if _local(child.tag) in names and (child.text or "").strip():
            return str(child.text).strip()
    return None


def _clean_url(url: str, base: str) -> str | None:
    try:
        absolute = urldefrag(urljoin(base, url.strip()))[0]
        parts = urlsplit(absolute)
        _ = parts.port  # raises ValueError for a port out of range
    except ValueError:  # «http://[::1/x», «http://host:99999/»: a broken link, skipped
        return None
    return absolute if parts.scheme in ("http", "https") and parts.netloc else None


def parse_feed(body: bytes, base_url: str, *, source: str, content_type: str = "") -> list[Entry]:
    """Article links of an RSS 2.0 / RSS 1.0 / Atom feed.

    Args:
        body: the feed's bytes (encoding from its XML declaration, else detected).
        base_url: the feed's URL, for relative links.
        source: the source name.
        content_type: the ``Content-Type`` header, for feeds without an XML declaration.

    Returns:
        Entries in feed order, with title and publication date when the feed gives them.
    """
    root = _xml_root(body, content_type)
    if root is None:
        return []
    entries: list[Entry] = []
    for node in root.iter():
        kind = _local(node.tag)
        if kind not in ("item", "entry"):
            continue
        link = _child_text(node, "link", "guid") if kind == "item" else None
        if kind == "entry":
            for child in node:
                if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
                    link = child.get("href")
                    break
        url = _clean_url(link, base_url) if link else None
        if url is None:
            continue
        published = parse_date(_child_text(node, "pubdate", "published", "date", "updated"))
        entries.append(
            Entry(url=url, source=source, title=_child_text(node, "title"), published=published)
        )
    return entries


def parse_sitemap(body: bytes, base_url: str, *, source: str) -> tuple[list[Entry], list[str]]:
    """Article links of a sitemap and the child sitemaps of a sitemap index.

    Returns:
        ``(entries with lastmod as the date, child sitemap URLs)``.
    """
    root = _xml_root(body)
    if root is None:
        return [], []
    entries: list[Entry] = []
    children: list[str] = []
    for node in root:
        kind = _local(node.tag)
        loc = _child_text(node, "loc")
        url = _clean_url(loc, base_url) if loc else None
        if url is None:
            continue
        if kind == "sitemap":
            children.append(url)
        elif kind == "url":
            lastmod = parse_date(_child_text(node, "lastmod"))
            entries.append(Entry(url=url, source=source, published=lastmod))
    return entries, children


def parse_listing(html: str, base_url: str, *, selector: str, source: str) -> list[Entry]:
    """Article links of a listing page, chosen by a CSS selector (``a`` or its container)."""
    tree = HTMLParser(html)
    entries: list[Entry] = []
    for node in tree.css(selector):
        anchor = node if node.tag == "a" else node.css_first("a[href]")
        href = anchor.attributes.get("href") if anchor is not None else None
        url = _clean_url(href, base_url) if href else None
        if url is not None:
            title = anchor.text(strip=True) if anchor is not None else None
            entries.append(Entry(url=url, source=source, title=title or None))
    return entries


# ── extraction ───────────────────────────────────────────────────────────────
def _title(tree: HTMLParser) -> str | None:
    for selector, attribute in (("meta[property='og:title']", "content"), ("h1", None)):
        node = tree.css_first(selector)
        if node is None:
            continue
        value = node.attributes.get(attribute) if attribute else node.text(strip=True)
        if value and value.strip():
            return " ".join(value.split())
    node = tree.css_first("title")
    return " ".join(node.text().split()) or None if node is not None else None


def _published(tree: HTMLParser) -> date | None:
    for selector, attribute in _DATE_SELECTORS:
        node = tree.css_first(selector)
        found = parse_date(node.attributes.get(attribute)) if node is not None else None
        if found:
            return found
    for selector in _DATE_TEXT_SELECTORS:
        for node in tree.css(selector)[:5]:
            found = parse_date(node.text(strip=True)[:80])
            if found:
                return found
    return None


def _fallback_text(tree: HTMLParser) -> str:
    for node in tree.css(_BOILERPLATE):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    if root is None:
        return ""
    paragraphs = [p.text(separator=" ", strip=True) for p in root.css("p")]
    if not any(paragraphs):
        paragraphs = [root.text(separator=" ", strip=True)]
    return "\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def extract_article(html: str, url: str) -> tuple[str | None, date | None, str]:
    """Title, publication date and body text of an article page.

    The body comes from trafilatura (menus, footers and comments removed); when it finds
    nothing (very short or broken pages) the paragraphs of ``<article>``/``<main>`` are used.

    Args:
        html: the decoded page.
        url: its URL.

    Returns:
        ``(title or None, date or None, text)``; the text may be empty.
    """
    import trafilatura

    tree = HTMLParser(html)
    title = _title(tree)
    published = _published(tree)
    text = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not text or not text.strip():
        text = _fallback_text(HTMLParser(html))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]  # the headline is the title, not the body
    return title, published, "\n".join(lines)


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


def _content_hash(text: str) -> str:
    normal = " ".join(text.casefold().replace("ё", "е").split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _article_id(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


# ── journal (resumable runs) ─────────────────────────────────────────────────
class _Journal:
    """Append-only JSONL of fetched articles; a torn last line (crash) is ignored."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rows: dict[str, dict[str, Any]] = {}
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    try:
                        row = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(row, dict) and "url" in row:
                        self.rows[row["url"]] = row
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = path.open("a", encoding="utf-8")

    def add(self, row: dict[str, Any]) -> None:
        self.rows[row["url"]] = row
        self._handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()


# ── the crawl ────────────────────────────────────────────────────────────────
def _in_range(day: date | None, since: date | None, until: date | None) -> bool:
    if day is None:
        return True
    return (since is None or day >= since) and (until is None or day <= until)


def _source_range(source: MediaSource, since: date | None) -> tuple[date | None, date | None]:
    own_since = parse_date(source.since) if source.since else None
    until = parse_date(source.until) if source.until else None
    starts = [day for day in (since, own_since) if day is not None]
    return (max(starts) if starts else None), until


class _Progress:
    def __init__(self, quiet: bool) -> None:
        from tqdm import tqdm

        self.bar = tqdm(
            total=0,
            unit="стр",
            desc="Сбор статей",
            file=sys.stderr,
            disable=quiet or not sys.stderr.isatty(),
            leave=False,
        )

    def grow(self, count: int) -> None:
        self.bar.total = (self.bar.total or 0) + count
        self.bar.refresh()

    def step(self) -> None:
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


async def _discover(
    client: PoliteClient, source: MediaSource, report: CollectReport
) -> list[Entry]:
    entries = await _discover_links(client, source, report)
    if not entries and not any(error.startswith(f"{source.name}: ") for error in report.errors):
        report.errors.append(
            f"{source.name}: {source.url}: ссылок на статьи не найдено "
            f"(проверьте type: {source.type}"
            + (f" и link_selector «{source.link_selector}»)" if source.link_selector else ")")
        )
    return entries


async def _discover_links(
    client: PoliteClient, source: MediaSource, report: CollectReport
) -> list[Entry]:
    try:
        page = await client.fetch(source.url)
    except FetchError as exc:
        report.errors.append(f"{source.name}: {exc}")
        return []
    if source.type == "rss":
        return parse_feed(
            page.body, page.final_url, source=source.name, content_type=page.content_type
        )
    if source.type == "listing":
        return parse_listing(
            page.text, page.final_url, selector=source.link_selector or "a", source=source.name
        )
    entries, children = parse_sitemap(page.body, page.final_url, source=source.name)
    queue, seen = list(children), {source.url}
    while queue and len(seen) <= _MAX_SITEMAPS:
        child = queue.pop(0)
        if child in seen:
            continue
        seen.add(child)
        try:
            child_page = await client.fetch(child)
        except FetchError as exc:
            report.errors.append(f"{source.name}: {exc}")
            continue
        more, grandchildren = parse_sitemap(
            child_page.body, child_page.final_url, source=source.name
        )
        entries.extend(more)
        queue.extend(grandchildren)
    return entries


async def _fetch_article(
    client: PoliteClient,
    entry: Entry,
    journal: _Journal,
    report: CollectReport,
    progress: _Progress,
) -> None:
    try:
        if not await client.allowed(entry.url):
            report.disallowed += 1
            return
        page: Page = await client.fetch(entry.url)
        kind = page.content_type.split(";")[0].strip().lower()
        if kind and not ("html" in kind or "xml" in kind or kind.startswith("text/")):
            report.errors.append(f"{entry.source}: {entry.url}: не HTML-страница ({kind})")
            return
        title, published, text = await asyncio.to_thread(
            extract_article, page.text, page.final_url
        )
    except FetchError as exc:
        report.errors.append(f"{entry.source}: {exc}")
        return
    finally:
        progress.step()
    day = published or entry.published
    journal.add(
        {
            "id": _article_id(entry.url),
            "source": entry.source,
            "url": entry.url,
            "title": title or entry.title,
            "published": day.isoformat() if day else None,
            "text": text,
            "fetched_at": page.fetched_at,
            "content_hash": _content_hash(text) if text else None,
        }
    )
    report.fetched += 1


def _select(
    rows: Iterable[dict[str, Any]],
    sources: Sequence[MediaSource],
    since: date | None,
    report: CollectReport,
    *,
    discovered: dict[str, Entry],
) -> list[dict[str, Any]]:
    """Journal rows of these sources: in date range, with a keyword, one per content hash.

    A row found by this run belongs to the source that found it (the journal may be shared
    by segments naming the same site differently); older rows keep their source.
    """
    by_name = {source.name: source for source in sources}
    kept: list[dict[str, Any]] = []
    for stored in rows:
        entry = discovered.get(stored["url"])
        row = stored | {"source": entry.source} if entry is not None else stored
        source = by_name.get(row["source"])
        if source is None:
            continue
        if not row.get("text"):
            report.empty += 1
            continue
        low, high = _source_range(source, since)
        day = date.fromisoformat(row["published"]) if row.get("published") else None
        if not _in_range(day, low, high):
            continue
        if source.keywords:
            haystack = _fold(f"{row.get('title') or ''}\n{row['text']}")
            if not any(_fold(word) in haystack for word in source.keywords):
                continue
        kept.append(row)
    kept.sort(key=lambda row: (row.get("published") or "9999", row["url"]))
    unique: list[dict[str, Any]] = []
    hashes: set[str] = set()
    for row in kept:
        digest = row.get("content_hash") or _content_hash(row["text"])
        if digest in hashes:
            report.duplicates += 1
            continue
        hashes.add(digest)
        unique.append({column: row.get(column) for column in ARTICLE_COLUMNS})
    return unique


async def crawl(
    sources: Sequence[MediaSource],
    *,
    cache_dir: Path,
    since: date | None = None,
    quiet: bool = False,
    settings: ClientSettings | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> CollectReport:
    """Collect the articles of ``sources`` (the async core of :func:`collect_report`)."""
    report = CollectReport(articles=pd.DataFrame(columns=list(ARTICLE_COLUMNS)), rows=[])
    journal = _Journal(Path(cache_dir) / _JOURNAL)
    progress = _Progress(quiet)
    todo: dict[str, Entry] = {}
    client = PoliteClient(HttpCache(Path(cache_dir)), settings=settings, transport=transport)
    try:
        async with client:
            for source in sources:
                client.set_rate(source.url, source.rate_limit)
            found = await asyncio.gather(*(_discover(client, s, report) for s in sources))
            by_name = {source.name: source for source in sources}
            for entries in found:
                for entry in entries:
                    low, high = _source_range(by_name[entry.source], since)
                    if entry.url in todo or not _in_range(entry.published, low, high):
                        continue
                    client.set_rate(entry.url, by_name[entry.source].rate_limit)
                    todo[entry.url] = entry
            report.discovered = len(todo)
            fresh = [entry for url, entry in todo.items() if url not in journal.rows]
            report.resumed = len(todo) - len(fresh)
            progress.grow(len(fresh))
            await asyncio.gather(
                *(_fetch_article(client, e, journal, report, progress) for e in fresh)
            )
    finally:
        progress.close()
        journal.close()
    report.requests = client.requests
    report.not_modified = client.not_modified
    report.request_log = list(client.log)
    report.rows = _select(journal.rows.values(), sources, since, report, discovered=todo)
    report.articles = pd.DataFrame(report.rows, columns=list(ARTICLE_COLUMNS), dtype=object)
    return report


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion, also from inside a running loop (Jupyter)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="abm-collect")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


def collect_report(
    sources: Sequence[MediaSource],
    *,
    cache_dir: Path,
    since: date | None = None,
    quiet: bool = False,
    settings: ClientSettings | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> CollectReport:
    """Collect articles and report what it took (requests, cache hits, errors)."""
    return _run(
        crawl(
            sources,
            cache_dir=cache_dir,
            since=since,
            quiet=quiet,
            settings=settings,
            transport=transport,
        )
    )


def collect_articles(
    sources: Sequence[MediaSource],
    *,
    cache_dir: Path,
    since: date | None = None,
    quiet: bool = False,
    settings: ClientSettings | None = None,
) -> pd.DataFrame:
    """The ``articles`` table of media sources (CONTRACTS §8).

    Args:
        sources: the segment's media sources.
        cache_dir: HTTP cache and journal folder; reuse it so a re-run fetches only what
            changed and a crashed run resumes.
        since: keep articles published on or after this day (undated articles are kept).
        quiet: hide the progress bar.
        settings: politeness and timeouts (default: 1 request/s per host unless a source
            says otherwise).

    Returns:
        Columns ``id, source, url, title, published, text, fetched_at`` (``published`` ISO
        or ``None``), one row per distinct article; directly usable by ``abm extract``.
    """
    report = collect_report(
        sources, cache_dir=cache_dir, since=since, quiet=quiet, settings=settings
    )
    return report.articles
