"""Pure parts of the crawler: dates, encodings, feeds, sitemaps, listings, configs, client."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import httpx
import pytest

from abmresearch.collect.cache import HttpCache
from abmresearch.collect.dates import parse_date
from abmresearch.collect.http import (
    USER_AGENT,
    ClientSettings,
    FetchError,
    PoliteClient,
    decode_html,
)
from abmresearch.collect.media import (
    extract_article,
    load_sources,
    parse_feed,
    parse_listing,
    parse_since,
    parse_sitemap,
)
from abmresearch.errors import ConfigError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23 ноября 2026", date(2026, 11, 23)),
        ("Опубликовано 23 ноября 2026 г., 14:05", date(2026, 11, 23)),
        ("1 мая 2025", date(2025, 5, 1)),
        ("5 март 2024", date(2024, 3, 5)),
        ("12 сент. 2023", date(2023, 9, 12)),
        ("3 янв 2026, 09:00", date(2026, 1, 3)),
        ("Ноябрь 23, 2026", date(2026, 11, 23)),
        ("31 ДЕКАБРЯ 2025", date(2025, 12, 31)),
        ("23.11.2026", date(2026, 11, 23)),
        ("23/11/2026 10:00", date(2026, 11, 23)),
        ("2026-11-23T10:15:00+03:00", date(2026, 11, 23)),
        ("Mon, 23 Nov 2026 10:15:00 +0300", date(2026, 11, 23)),
        ("сегодня, 10:15", date(2026, 11, 23)),
        ("вчера в 18:40", date(2026, 11, 22)),
        ("31 февраля 2026", None),
        ("без даты", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(text: str | None, expected: date | None) -> None:
    assert parse_date(text, today=date(2026, 11, 23)) == expected


SAMPLE = "Генеральный директор ООО «БетонСтрой» Иван Петрович Сидоров — о планах на год."


@pytest.mark.parametrize(
    ("encoding", "content_type", "declare"),
    [
        ("utf-8", "", False),
        ("cp1251", "", False),
        ("koi8_r", "", False),
        ("cp1251", "text/html; charset=windows-1251", False),
        ("koi8_r", "text/html", True),
    ],
)
def test_decode_html(encoding: str, content_type: str, declare: bool) -> None:
    text = SAMPLE * 3
    meta = f'<meta charset="{encoding.replace("_", "-")}">' if declare else ""
    body = f"<html><head>{meta}</head><body><p>{text}</p></body></html>"
    decoded = decode_html(body.encode(encoding, errors="xmlcharrefreplace"), content_type)
    assert "Иван Петрович Сидоров" in decoded


def test_parse_atom_and_rss() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>\xd0\x9f\xd0\xb5\xd1\x80\xd0\xb2\xd0\xb0\xd1\x8f</title>
<link rel="alternate" href="/news/1.html"/><published>2026-11-23T10:00:00Z</published></entry>
<entry><title>b</title><link href="https://other.example/2#top"/></entry>
</feed>"""
    entries = parse_feed(atom, "http://127.0.0.1:1/feed.xml", source="s")
    assert [e.url for e in entries] == [
        "http://127.0.0.1:1/news/1.html",
        "https://other.example/2",
    ]
    assert entries[0].title == "Первая" and entries[0].published == date(2026, 11, 23)
    rss = "<?xml version='1.0' encoding='windows-1251'?><rss><channel><item><title>Новость</title>"
    rss += "<link>http://127.0.0.1:1/a</link><pubDate>Fri, 20 Nov 2026 14:05:00 +0300</pubDate>"
    rss += "</item><item><title>без ссылки</title></item></channel></rss>"
    items = parse_feed(rss.encode("cp1251"), "http://127.0.0.1:1/", source="s")
    assert len(items) == 1 and items[0].title == "Новость"
    assert items[0].published == date(2026, 11, 20)
    assert parse_feed(b"not xml at all <<<", "http://127.0.0.1:1/", source="s") == []


def test_parse_sitemap_index_and_urlset() -> None:
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://127.0.0.1:1/s1.xml</loc></sitemap></sitemapindex>"""
    assert parse_sitemap(index, "http://127.0.0.1:1/", source="s") == (
        [],
        ["http://127.0.0.1:1/s1.xml"],
    )
    urlset = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://127.0.0.1:1/a.html</loc><lastmod>2026-11-02</lastmod></url>
<url><loc>http://127.0.0.1:1/b.html</loc></url></urlset>"""
    entries, children = parse_sitemap(urlset, "http://127.0.0.1:1/", source="s")
    assert children == [] and [e.published for e in entries] == [date(2026, 11, 2), None]


def test_parse_listing_selector() -> None:
    html = """<ul class="news"><li><a class="title" href="/a.html">А</a></li>
    <li><div class="card"><a href="b.html">Б</a></div></li></ul><a href="/menu">Меню</a>"""
    entries = parse_listing(
        html, "http://127.0.0.1:1/news/", selector="ul.news a.title", source="s"
    )
    assert [(e.url, e.title) for e in entries] == [("http://127.0.0.1:1/a.html", "А")]
    cards = parse_listing(html, "http://127.0.0.1:1/news/", selector=".card", source="s")
    assert [e.url for e in cards] == ["http://127.0.0.1:1/news/b.html"]


def test_extract_article_body_only() -> None:
    paragraphs = "".join(f"<p>{SAMPLE} Абзац номер {n}.</p>" for n in range(4))
    html = (
        "<html><head><title>Т</title><meta property='og:title' content='Заголовок'>"
        "<meta property='article:published_time' content='2026-11-23T10:00:00+03:00'></head>"
        "<body><nav><a href='/'>Главная</a> <a href='/news'>Новости</a></nav>"
        f"<article><h1>Заголовок</h1>{paragraphs}</article>"
        "<footer>© Издание. Все права защищены.</footer></body></html>"
    )
    title, published, text = extract_article(html, "http://127.0.0.1:1/a")
    assert title == "Заголовок" and published == date(2026, 11, 23)
    assert "Абзац номер 3" in text and "Все права защищены" not in text
    assert not text.startswith("Заголовок")


def test_load_sources_from_segment_and_errors(tmp_path: Path) -> None:
    segment = tmp_path / "seg.yaml"
    segment.write_text(
        "name: demo\nsources:\n  - name: a\n    type: rss\n    url: http://127.0.0.1:1/rss\n"
        "    keywords: [бетон]\n",
        encoding="utf-8",
    )
    sources = load_sources(segment)
    assert sources[0].keywords == ["бетон"] and sources[0].rate_limit == 1.0
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "sources:\n  - name: a\n    type: listing\n    url: http://x/\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"sources\[0\].*CSS"):
        load_sources(bad)
    typo = tmp_path / "typo.yaml"
    typo.write_text(
        "sources:\n  - name: a\n    type: atom\n    url: http://x/\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"sources\[0\]\.type"):
        load_sources(typo)
    with pytest.raises(ConfigError, match="sources"):
        load_sources(tmp_path / "missing.yaml")
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        parse_since("23.11.2026")


def _client(handler: httpx.MockTransport, tmp_path: Path, **settings: float) -> PoliteClient:
    options = ClientSettings(rate_limit=1000, retries=1, backoff=0.01, **settings)  # type: ignore[arg-type]
    return PoliteClient(HttpCache(tmp_path), settings=options, transport=handler)


def test_robots_5xx_disallows_all_and_user_agent(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/robots.txt":
            return httpx.Response(503)
        return httpx.Response(200, text="page")

    async def run() -> None:
        async with _client(httpx.MockTransport(handler), tmp_path) as client:
            with pytest.raises(FetchError, match=r"robots\.txt"):
                await client.fetch("http://127.0.0.1:9/page")

    asyncio.run(run())
    assert [r.url.path for r in seen] == ["/robots.txt", "/robots.txt"]  # retried, then denied
    assert seen[0].headers["User-Agent"] == USER_AGENT


def test_robots_404_allows_and_crawl_delay(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, text="<p>страница</p>", headers={"ETag": '"v1"'})

    async def run() -> str:
        async with _client(httpx.MockTransport(handler), tmp_path) as client:
            page = await client.fetch("http://127.0.0.1:9/page")
            return page.text

    assert "страница" in asyncio.run(run())


def test_conditional_request_uses_validators(tmp_path: Path) -> None:
    conditional: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nAllow: /\n")
        if request.headers.get("If-None-Match") == '"v1"':
            conditional.append(dict(request.headers))
            return httpx.Response(304)
        return httpx.Response(
            200,
            content="<p>Привет</p>".encode("cp1251"),
            headers={
                "ETag": '"v1"',
                "Last-Modified": "Mon, 23 Nov 2026 10:00:00 GMT",
                "Content-Type": "text/html; charset=windows-1251",
            },
        )

    async def run() -> tuple[bool, bool, str]:
        async with _client(httpx.MockTransport(handler), tmp_path) as client:
            first = await client.fetch("http://127.0.0.1:9/p")
            second = await client.fetch("http://127.0.0.1:9/p")
            return first.from_cache, second.from_cache, second.text

    assert asyncio.run(run()) == (False, True, "<p>Привет</p>")
    assert conditional[0]["if-modified-since"] == "Mon, 23 Nov 2026 10:00:00 GMT"


def test_gzipped_sitemap_and_mislabelled_utf8() -> None:
    import gzip

    urlset = b"<urlset><url><loc>http://127.0.0.1:1/a.html</loc></url></urlset>"
    entries, _ = parse_sitemap(gzip.compress(urlset), "http://127.0.0.1:1/", source="s")
    assert [e.url for e in entries] == ["http://127.0.0.1:1/a.html"]
    body = f"<html><head><meta charset='windows-1251'></head><p>{SAMPLE}</p></html>".encode()
    assert SAMPLE in decode_html(body, "text/html; charset=windows-1251")


def test_extract_real_russian_news_page(shared_data: Path) -> None:
    """trafilatura's only Russian evaluation page and its gold snippets (Apache-2.0)."""
    import json

    folder = shared_data / "ru-news-samples" / "html"
    gold = next(iter(json.loads((folder / "football.ua.podolski.gold.json").read_text()).values()))
    raw = (folder / "football.ua.podolski.html").read_bytes()
    title, published, text = extract_article(decode_html(raw), "https://football.ua/x.html")
    assert title == gold["title"]
    assert published == date.fromisoformat(gold["date"])
    for snippet in gold["with"]:
        assert snippet in text
    for snippet in gold["without"] + gold["comments"]:
        assert snippet not in text


def test_retry_after_forms() -> None:
    from datetime import UTC, datetime, timedelta
    from email.utils import format_datetime

    from abmresearch.collect.http import _retry_after

    assert _retry_after("3", 60) == 3.0
    assert _retry_after("600", 60) == 60.0  # capped
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    delay = _retry_after(soon, 60)
    assert delay is not None and 25 <= delay <= 30
    assert _retry_after("garbage", 60) is None and _retry_after(None, 60) is None


def test_feed_without_declaration_in_cp1251() -> None:
    rss = "<rss><channel><item><title>Алмазная резка</title><link>http://127.0.0.1:1/a</link>"
    rss += "</item></channel></rss>"
    body = rss.encode("cp1251")
    entries = parse_feed(
        body,
        "http://127.0.0.1:1/",
        source="s",
        content_type="application/rss+xml; charset=windows-1251",
    )
    assert [e.title for e in entries] == ["Алмазная резка"]
    assert parse_feed(body, "http://127.0.0.1:1/", source="s")[0].title == "Алмазная резка"


def test_malformed_link_and_broken_encoding_fail_cleanly(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, content=b"not gzip", headers={"Content-Encoding": "gzip"})

    async def run() -> list[str]:
        problems = []
        async with _client(httpx.MockTransport(handler), tmp_path) as client:
            for url in ("http://127.0.0.1:9/page", "http://127.0.0.1:99999/x", "http://[::1/x"):
                try:
                    await client.fetch(url)
                except FetchError as exc:
                    problems.append(exc.reason)
        return problems

    problems = asyncio.run(run())
    assert len(problems) == 3 and all("некорректный" in p for p in problems)
    feed = b"<rss><item><link>http://[::1/x</link></item><item><link>http://h:99999/</link>"
    feed += b"</item><item><link>/ok</link></item></rss>"
    entries = parse_feed(feed, "http://127.0.0.1:9/", source="s")
    assert [e.url for e in entries] == ["http://127.0.0.1:9/ok"]
