"""The crawler against local fixture sites on 127.0.0.1 (no other network)."""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path

import pytest

from abmresearch.collect import (
    ARTICLE_COLUMNS,
    ClientSettings,
    collect_articles,
    collect_report,
    fixture_sources,
    serve_fixture_site,
)
from abmresearch.collect import media as media_module
from abmresearch.collect.fixture import FIXTURE_SITE, FixtureServer, Reply
from abmresearch.config import MediaSource

FAST = ClientSettings(rate_limit=50, timeout=0.4, retries=2, backoff=0.02, max_retry_after=2)


@pytest.fixture
def site() -> Iterator[FixtureServer]:
    with FixtureServer(FIXTURE_SITE) as server:
        yield server


def _article_paths(server: FixtureServer) -> list[str]:
    return [path for _, path in server.log if path.startswith("/articles/")]


def test_bundled_site_end_to_end(site: FixtureServer, tmp_path: Path) -> None:
    report = collect_report(
        fixture_sources(site.base_url), cache_dir=tmp_path, quiet=True, settings=FAST
    )
    frame = report.articles
    assert list(frame.columns) == list(ARTICLE_COLUMNS)
    by_slug = {row["url"].rsplit("/", 1)[-1]: row for row in report.rows}
    assert set(by_slug) == {
        "2025-01-10-old.html",
        "2026-11-15-interior.html",
        "2026-11-18-remont.html",
        "2026-11-20-almaztech.html",
        "2026-11-23-betonstroy.html",
    }
    # windows-1251 and koi8-r pages decoded; «20 ноября 2026 г., 14:05» parsed.
    almaz = by_slug["2026-11-20-almaztech.html"]
    assert almaz["title"] == "АО «АлмазТех» открывает сервисный центр в Ярославле"
    assert almaz["published"] == "2026-11-20"
    assert "Марии Сергеевны Кузнецовой" in almaz["text"]
    assert "Светлана Игоревна Орлова" in by_slug["2026-11-18-remont.html"]["text"]
    # Broken HTML (unclosed tags) still yields its paragraphs; date «15.11.2026».
    interior = by_slug["2026-11-15-interior.html"]
    assert "Екатерина Алексеевна Смирнова" in interior["text"]
    assert interior["published"] == "2026-11-15"
    # Body only: no menu, sidebar or footer.
    for row in report.rows:
        assert "Все права защищены" not in row["text"]
        assert "Рейтинг подрядчиков" not in row["text"]
        assert row["fetched_at"].endswith("+00:00")
        assert len(row["id"]) == 16
    # The reprint has the same body as the original: de-duplicated, the earlier one kept.
    assert report.duplicates == 1
    # robots.txt disallows /private/: it was linked from the listing and the sitemap.
    assert report.disallowed == 1
    assert site.hits("/private/draft.html") == 0
    assert not report.errors


def test_second_run_fetches_only_what_changed(site: FixtureServer, tmp_path: Path) -> None:
    sources = fixture_sources(site.base_url)
    first = collect_report(sources, cache_dir=tmp_path, quiet=True, settings=FAST)
    articles_before = _article_paths(site)
    second = collect_report(sources, cache_dir=tmp_path, quiet=True, settings=FAST)
    assert _article_paths(site) == articles_before  # no article fetched again
    assert second.fetched == 0 and second.resumed == first.fetched == 6
    assert second.not_modified == 4  # rss, sitemap index, child sitemap, listing: all 304
    assert second.rows == first.rows


def test_changed_feed_is_refetched(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    article = (FIXTURE_SITE / "articles" / "2026-11-23-betonstroy.html").read_bytes()
    (site_dir / "a1.html").write_bytes(article)
    (site_dir / "a2.html").write_bytes(article.replace("Сидоров".encode(), "Петров".encode()))
    item = "<item><title>{n}</title><link>{{{{BASE_URL}}}}/{n}.html</link></item>"
    feed = '<?xml version="1.0"?><rss><channel>{}</channel></rss>'
    (site_dir / "rss.xml").write_text(feed.format(item.format(n="a1")))
    source = [MediaSource(name="t", type="rss", url="", rate_limit=50)]
    with FixtureServer(site_dir) as server:
        source = [source[0].model_copy(update={"url": f"{server.base_url}/rss.xml"})]
        first = collect_report(source, cache_dir=tmp_path / "cache", quiet=True, settings=FAST)
        (site_dir / "rss.xml").write_text(feed.format(item.format(n="a1") + item.format(n="a2")))
        second = collect_report(source, cache_dir=tmp_path / "cache", quiet=True, settings=FAST)
    assert len(first.rows) == 1 and second.fetched == 1 and len(second.rows) == 2
    assert server.hits("/a1.html") == 1 and server.hits("/a2.html") == 1
    assert second.not_modified == 0  # the feed changed: its ETag no longer matches


def test_since_and_keywords(site: FixtureServer, tmp_path: Path) -> None:
    sources = [
        source.model_copy(update={"keywords": ["алмаз"]})
        for source in fixture_sources(site.base_url)
    ]
    frame = collect_articles(sources, cache_dir=tmp_path, since=date(2026, 1, 1), quiet=True)
    slugs = sorted(url.rsplit("/", 1)[-1] for url in frame["url"])
    # «алмазной резки» (betonstroy) and «алмазного бурения» (almaztech); 2025 article dropped.
    assert slugs == ["2026-11-20-almaztech.html", "2026-11-23-betonstroy.html"]
    # The old article is skipped by its sitemap date, but the listing links it undated: one
    # request (for its date), not two.
    assert site.hits("/articles/2025-01-10-old.html") == 1


class _Flaky:
    """429 with Retry-After on the first request, then the article."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.calls = 0
        self.lock = threading.Lock()

    def __call__(self, path: str, headers: Mapping[str, str]) -> Reply:
        with self.lock:
            self.calls += 1
            first = self.calls == 1
        if first:
            return Reply(429, b"slow down", {"Retry-After": "1"})
        return Reply(200, self.body, {"Content-Type": "text/html; charset=utf-8"})


class _FailTwice:
    def __init__(self, body: bytes) -> None:
        self.body = body
        self.calls = 0

    def __call__(self, path: str, headers: Mapping[str, str]) -> Reply:
        self.calls += 1
        if self.calls <= 2:
            return Reply(503, b"busy")
        return Reply(200, self.body, {"Content-Type": "text/html"})


@pytest.fixture
def hard_site(tmp_path: Path) -> Iterator[FixtureServer]:
    site_dir = tmp_path / "hard"
    (site_dir / "private").mkdir(parents=True)
    (site_dir / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    article = (FIXTURE_SITE / "articles" / "2026-11-23-betonstroy.html").read_bytes()
    cp1251 = (FIXTURE_SITE / "articles" / "2026-11-20-almaztech.html").read_bytes()
    (site_dir / "cp1251.html").write_bytes(cp1251)
    (site_dir / "private" / "secret.html").write_bytes(article)
    broken = "<html><body><article><h1>Сломанная страница<p>Директор ООО «Ромашка» Пётр "
    broken += "Ильич Чайкин сообщил о начале работ.<p>Второй абзац без закрытия <div><b>"
    (site_dir / "broken.html").write_text(broken, encoding="utf-8")
    links = [
        "cp1251.html",
        "broken.html",
        "flaky.html",
        "retry.html",
        "error.html",
        "slow.html",
        "loop-a.html",
        "moved.html",
        "report.pdf",
        "private/secret.html",
    ]
    items = "".join(
        f"<item><title>{name}</title><link>{{{{BASE_URL}}}}/{name}</link></item>" for name in links
    )
    (site_dir / "rss.xml").write_text(
        f'<?xml version="1.0"?><rss><channel>{items}</channel></rss>'
    )
    routes = {
        "/flaky.html": _Flaky(article.replace("Сидоров".encode(), "Флакин".encode())),
        "/retry.html": _FailTwice(article.replace("Сидоров".encode(), "Ретраев".encode())),
        "/error.html": lambda path, headers: Reply(500, b"oops"),
        "/slow.html": lambda path, headers: Reply(200, article, delay=1.5),
        "/loop-a.html": lambda path, headers: Reply(302, b"", {"Location": "/loop-b.html"}),
        "/loop-b.html": lambda path, headers: Reply(302, b"", {"Location": "/loop-a.html"}),
        "/moved.html": lambda path, headers: Reply(301, b"", {"Location": "/cp1251.html?from=m"}),
        "/report.pdf": lambda path, headers: Reply(
            200, b"%PDF-1.4", {"Content-Type": "application/pdf"}
        ),
    }
    with FixtureServer(site_dir, routes=routes) as server:
        yield server


def test_hard_cases(hard_site: FixtureServer, tmp_path: Path) -> None:
    sources = [
        MediaSource(name="hard", type="rss", url=f"{hard_site.base_url}/rss.xml", rate_limit=50)
    ]
    report = collect_report(sources, cache_dir=tmp_path, quiet=True, settings=FAST)
    texts = {row["url"].rsplit("/", 1)[-1]: row["text"] for row in report.rows}
    # 429 honoured: the retry waited for Retry-After (1 s), then succeeded.
    flaky = [when for when, path in hard_site.log if path == "/flaky.html"]
    assert len(flaky) == 2 and flaky[1] - flaky[0] >= 0.95
    assert "Флакин" in texts["flaky.html"]
    # 503 twice, then 200: retried with backoff.
    assert hard_site.hits("/retry.html") == 3 and "Ретраев" in texts["retry.html"]
    # Always 500: 1 + retries attempts, then a clean error.
    assert hard_site.hits("/error.html") == 1 + FAST.retries
    # Slow endpoint: timed out (and retried), reported, the run went on.
    assert hard_site.hits("/slow.html") == 1 + FAST.retries
    # Redirect loop fails cleanly; a plain redirect is followed.
    assert hard_site.hits("/loop-a.html") == 1 and hard_site.hits("/loop-b.html") == 1
    assert hard_site.hits("/moved.html") == 1 and hard_site.hits("/cp1251.html") == 2
    errors = "\n".join(report.errors)
    assert "error.html: HTTP 500, попыток 3" in errors
    assert "slow.html: нет ответа за отведённое время" in errors
    assert "цикл переадресаций" in errors
    assert "report.pdf: не HTML-страница (application/pdf)" in errors
    assert len(report.errors) == 4
    # Broken HTML: paragraphs recovered; cp1251 decoded.
    assert "Пётр Ильич Чайкин" in texts["broken.html"]
    assert "Марии Сергеевны Кузнецовой" in texts["cp1251.html"]
    # robots.txt: nothing disallowed was requested.
    assert not [path for _, path in hard_site.log if path.startswith("/private/")]
    assert report.disallowed == 1
    # The moved page has the cp1251 page's body: de-duplicated, kept once.
    assert sum("Кузнецовой" in text for text in texts.values()) == 1
    assert report.duplicates == 1


def test_rate_limit_held(tmp_path: Path) -> None:
    site_dir = tmp_path / "many"
    site_dir.mkdir()
    article = (FIXTURE_SITE / "articles" / "2026-11-23-betonstroy.html").read_bytes()
    for number in range(10):
        (site_dir / f"a{number}.html").write_bytes(article.replace(b"120", str(number).encode()))
    items = "".join(
        f"<item><link>{{{{BASE_URL}}}}/a{number}.html</link></item>" for number in range(10)
    )
    (site_dir / "rss.xml").write_text(f"<rss><channel>{items}</channel></rss>")
    with FixtureServer(site_dir) as server:
        sources = [
            MediaSource(name="r", type="rss", url=f"{server.base_url}/rss.xml", rate_limit=20)
        ]
        settings = ClientSettings(rate_limit=1000, concurrency=8, timeout=2, retries=0)
        report = collect_report(
            sources, cache_dir=tmp_path / "cache", quiet=True, settings=settings
        )
    # The client dispatches requests to one host at least 1/20 s apart …
    sent = [when for when, _ in report.request_log]
    assert len(sent) == 12  # robots.txt, the feed, 10 articles
    assert min(later - earlier for earlier, later in itertools.pairwise(sent)) >= 0.05
    # … and the server sees that rate on average (arrivals jitter on a loaded machine).
    times = [when for when, _ in server.log]
    assert len(times) == 12
    assert (times[-1] - times[0]) / (len(times) - 1) >= 0.045
    assert len(report.rows) == 10


def test_crash_mid_run_resumes_without_duplicates(
    site: FixtureServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = fixture_sources(site.base_url)
    real = media_module.extract_article
    calls = {"n": 0}

    def crashing(html: str, url: str) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("simulated crash")
        return real(html, url)

    monkeypatch.setattr(media_module, "extract_article", crashing)
    settings = ClientSettings(rate_limit=50, concurrency=1, timeout=2, retries=0)
    with pytest.raises(RuntimeError, match="simulated crash"):
        collect_report(sources, cache_dir=tmp_path, quiet=True, settings=settings)
    journal = tmp_path / "articles.journal.jsonl"
    done = [json.loads(line)["url"] for line in journal.read_text(encoding="utf-8").splitlines()]
    assert len(done) == 2
    monkeypatch.setattr(media_module, "extract_article", real)
    before = {url: site.hits(url.removeprefix(site.base_url)) for url in done}
    report = collect_report(sources, cache_dir=tmp_path, quiet=True, settings=settings)
    assert report.resumed == 2 and report.fetched == 4
    for url, hits in before.items():
        assert site.hits(url.removeprefix(site.base_url)) == hits  # not fetched again
    urls = [row["url"] for row in report.rows]
    assert len(urls) == len(set(urls)) == 5


def test_serve_fixture_site_only_on_loopback() -> None:
    with serve_fixture_site() as base_url:
        assert base_url.startswith("http://127.0.0.1:")


def test_runs_inside_a_running_event_loop(site: FixtureServer, tmp_path: Path) -> None:
    """Notebooks (papermill/ipykernel) call the sync API from inside an event loop."""
    import asyncio

    async def notebook_cell() -> int:
        frame = collect_articles(fixture_sources(site.base_url), cache_dir=tmp_path, quiet=True)
        return len(frame)

    assert asyncio.run(notebook_cell()) == 5


def test_shared_cache_with_other_source_names(site: FixtureServer, tmp_path: Path) -> None:
    collect_articles(fixture_sources(site.base_url), cache_dir=tmp_path, quiet=True)
    renamed = [
        source.model_copy(update={"name": f"other-{source.name}"})
        for source in fixture_sources(site.base_url)
    ]
    frame = collect_articles(renamed, cache_dir=tmp_path, quiet=True)
    assert len(frame) == 5 and frame["source"].str.startswith("other-").all()
    assert len(_article_paths(site)) == 6  # nothing fetched twice


def test_source_without_links_is_reported(site: FixtureServer, tmp_path: Path) -> None:
    wrong = [
        MediaSource(
            name="oops",
            type="listing",
            url=f"{site.base_url}/news/",
            link_selector="div.nothing a",
            rate_limit=50,
        )
    ]
    report = collect_report(wrong, cache_dir=tmp_path, quiet=True, settings=FAST)
    assert report.rows == [] and len(report.errors) == 1
    assert "ссылок на статьи не найдено" in report.errors[0]
    assert "div.nothing a" in report.errors[0]
