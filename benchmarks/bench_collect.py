"""Benchmark of ``abmresearch.collect``: ЕГРЮЛ parsing and the polite crawler.

1. ЕГРЮЛ XML: the real sample (../shared/data/egrul-samples) is replicated into a temporary
   file of at least ``--size-mb`` MB (windows-1251, the real document structure) and parsed by
   the streaming reader; records/s, MB/s and the peak RSS of the process are printed. In the
   same run a naive full-DOM parse (``lxml.etree.parse`` + walk) of a smaller file built the
   same way is the baseline (memory per MB of XML and throughput, as ratios). Every
   measurement runs in a fresh process so peak RSS belongs to it alone.
2. Crawler: ``--hosts`` local fixture servers on 127.0.0.1, each with ``--pages`` articles and
   an RSS feed, crawled at ``--rate`` requests/s per host; pages/s versus the politeness
   ceiling (hosts × rate), the re-run from cache, and a naive sequential fetch + extraction
   (no politeness, no cache) as the baseline.

Usage: ``python benchmarks/bench_collect.py [--size-mb 500] [--rate 10] [--pages 40]``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SAMPLE = (
    SHARED
    / "egrul-samples"
    / "xml"
    / ("VO_RUGFO_0000_9965_20251127_acae9dbd-dcca-40f0-82df-49738bd20c7a.xml")
)


def build_xml(target: Path, size_mb: float) -> tuple[int, int]:
    """Replicate the sample's documents until the file has ``size_mb`` MB.

    Returns:
        ``(bytes written, documents written)``.
    """
    raw = SAMPLE.read_bytes()
    start = raw.index("<Документ".encode("cp1251"))
    end = raw.rindex("</Файл>".encode("cp1251"))
    head, body, tail = raw[:start], raw[start:end], raw[end:]
    per_copy = body.count("<Документ ".encode("cp1251"))
    copies = max(1, int(size_mb * 1024 * 1024 / len(body)) + 1)
    with target.open("wb") as handle:
        handle.write(head)
        for _ in range(copies):
            handle.write(body)
        handle.write(tail)
    return target.stat().st_size, copies * per_copy


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _stream(path: str) -> dict[str, float]:
    from abmresearch.collect.registry.fns import iter_fns_records

    started = time.perf_counter()
    with open(path, "rb") as handle:
        count = sum(1 for _ in iter_fns_records(handle, "egrul", source="bench"))
    return {"records": count, "seconds": time.perf_counter() - started, "rss": _peak_rss_mb()}


def _load_registry(path: str) -> dict[str, float]:
    from abmresearch.collect import load_registry

    started = time.perf_counter()
    frame = load_registry([Path(path)])
    return {
        "records": frame.attrs["records"],
        "seconds": time.perf_counter() - started,
        "rss": _peak_rss_mb(),
    }


def _naive_dom(path: str) -> dict[str, float]:
    from lxml import etree

    import abmresearch.collect  # noqa: F401  (same imports as the other runs)

    started = time.perf_counter()
    tree = etree.parse(path)
    count = 0
    for unit in tree.getroot().iter("СвЮЛ"):
        values = (unit.get("ИНН"), unit.get("ОГРН"), unit.findtext("СвНаимЮЛ"))
        count += values[0] is not None
    return {"records": count, "seconds": time.perf_counter() - started, "rss": _peak_rss_mb()}


def _baseline_rss(path: str) -> dict[str, float]:
    import abmresearch.collect  # noqa: F401  (the import cost is part of every process)

    return {"records": 0, "seconds": 0.0, "rss": _peak_rss_mb()}


def _worker(function: Callable[[str], dict[str, float]], path: str, queue: Any) -> None:
    queue.put(function(path))


def in_fresh_process(function: Callable[[str], dict[str, float]], path: str) -> dict[str, float]:
    """Run ``function(path)`` in a new interpreter and return its measurements."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_worker, args=(function, path, queue))
    process.start()
    result: dict[str, float] = queue.get()
    process.join()
    return result


def bench_egrul(size_mb: float, naive_mb: float) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-egrul-") as tmp:
        big = Path(tmp) / "egrul-big.xml"
        small = Path(tmp) / "egrul-small.xml"
        big_bytes, big_docs = build_xml(big, size_mb)
        small_bytes, small_docs = build_xml(small, naive_mb)
        idle = in_fresh_process(_baseline_rss, str(small))["rss"]
        runs = [
            ("streaming iterparse (fns)", big, big_bytes, in_fresh_process(_stream, str(big))),
            (
                "load_registry (+ merge)",
                big,
                big_bytes,
                in_fresh_process(_load_registry, str(big)),
            ),
            (
                "streaming iterparse (fns)",
                small,
                small_bytes,
                in_fresh_process(_stream, str(small)),
            ),
            (
                "naive full DOM (baseline)",
                small,
                small_bytes,
                in_fresh_process(_naive_dom, str(small)),
            ),
        ]
    print(f"\nЕГРЮЛ XML built from {SAMPLE.name} (real sample replicated), windows-1251")
    print(
        f"  big file {big_bytes / 2**20:.0f} MB, {big_docs} documents; "
        f"small file {small_bytes / 2**20:.0f} MB, {small_docs} documents; "
        f"interpreter + imports alone: {idle:.0f} MB RSS\n"
    )
    header = f"| {'reader':<27} | {'file MB':>7} | {'records':>8} | {'s':>6} | {'records/s':>9} "
    header += f"| {'MB/s':>6} | {'peak RSS MB':>11} | {'RSS − idle per file MB':>22} |"
    print(header)
    print("|" + "|".join("-" * (len(part)) for part in header.split("|")[1:-1]) + "|")
    for name, _path, size, result in runs:
        megabytes = size / 2**20
        print(
            f"| {name:<27} | {megabytes:>7.0f} | {int(result['records']):>8} "
            f"| {result['seconds']:>6.1f} | {result['records'] / result['seconds']:>9.0f} "
            f"| {megabytes / result['seconds']:>6.1f} | {result['rss']:>11.0f} "
            f"| {(result['rss'] - idle) / megabytes:>22.3f} |"
        )
    stream_small, naive = runs[2][3], runs[3][3]
    print(
        f"\nOn the same {small_bytes / 2**20:.0f} MB file: streaming is "
        f"{naive['seconds'] / stream_small['seconds']:.2f}× the naive DOM speed and uses "
        f"{(stream_small['rss'] - idle) / max(naive['rss'] - idle, 1):.3f}× its extra memory; "
        f"the {big_bytes / 2**20:.0f} MB file peaks at {runs[0][3]['rss']:.0f} MB RSS "
        f"(required < 500 MB: {'OK' if runs[0][3]['rss'] < 500 else 'FAILED'})."
    )


def _make_site(directory: Path, pages: int, host: int) -> None:
    from abmresearch.collect.fixture import FIXTURE_SITE

    article = (FIXTURE_SITE / "articles" / "2026-11-23-betonstroy.html").read_text("utf-8")
    directory.mkdir(parents=True)
    (directory / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    items = []
    for number in range(pages):
        text = (
            article.replace("120 тысяч", f"{number + 100} тысяч")
            .replace("три жилых", f"{number + 3} жилых")
            .replace("Новосибирская компания", f"Компания с площадки {host}")
        )
        (directory / f"a{number}.html").write_text(text, encoding="utf-8")
        items.append(f"<item><link>{{{{BASE_URL}}}}/a{number}.html</link></item>")
    (directory / "rss.xml").write_text(f"<rss><channel>{''.join(items)}</channel></rss>")


def bench_crawler(hosts: int, pages: int, rate: float) -> None:
    import contextlib

    import httpx

    from abmresearch.collect import ClientSettings, collect_report
    from abmresearch.collect.fixture import FixtureServer
    from abmresearch.collect.media import extract_article
    from abmresearch.config import MediaSource

    with (
        tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        servers = []
        for host in range(hosts):
            site = Path(tmp) / f"site{host}"
            _make_site(site, pages, host)
            servers.append(stack.enter_context(FixtureServer(site)))
        sources = [
            MediaSource(name=f"host{n}", type="rss", url=f"{s.base_url}/rss.xml", rate_limit=rate)
            for n, s in enumerate(servers)
        ]
        settings = ClientSettings(rate_limit=rate, concurrency=8, timeout=10, retries=1)
        started = time.perf_counter()
        first = collect_report(
            sources, cache_dir=Path(tmp) / "cache", quiet=True, settings=settings
        )
        polite = time.perf_counter() - started
        started = time.perf_counter()
        second = collect_report(
            sources, cache_dir=Path(tmp) / "cache", quiet=True, settings=settings
        )
        rerun = time.perf_counter() - started
        started = time.perf_counter()
        with httpx.Client() as client:
            count = 0
            for server in servers:
                for number in range(pages):
                    page = client.get(f"{server.base_url}/a{number}.html")
                    extract_article(page.text, str(page.url))
                    count += 1
        naive = time.perf_counter() - started
    total = hosts * pages
    ceiling = hosts * rate
    print(
        f"\nCrawler: {hosts} local hosts × {pages} articles, politeness {rate:g} req/s per host "
        f"(ceiling {ceiling:g} req/s), concurrency 8\n"
    )
    header = f"| {'run':<40} | {'articles':>8} | {'requests':>8} | {'s':>6} | {'pages/s':>7} |"
    print(header)
    print("|" + "|".join("-" * len(part) for part in header.split("|")[1:-1]) + "|")
    print(
        f"| {'polite crawl (robots, rate limit, cache)':<40} | {first.fetched:>8} "
        f"| {first.requests:>8} | {polite:>6.2f} | {first.fetched / polite:>7.1f} |"
    )
    print(
        f"| {'re-run, same cache (304s, journal)':<40} | {len(second.rows):>8} "
        f"| {second.requests:>8} | {rerun:>6.2f} | {len(second.rows) / rerun:>7.1f} |"
    )
    print(
        f"| {'naive sequential GET + extract':<40} | {count:>8} "
        f"| {count:>8} | {naive:>6.2f} | {count / naive:>7.1f} |"
    )
    print(
        f"\nPolite crawl reaches {first.requests / polite / ceiling:.2f}× the politeness ceiling "
        f"({first.requests / polite:.1f} of {ceiling:g} req/s incl. robots.txt and feeds) and "
        f"{(total / polite) / (count / naive):.2f}× the naive unthrottled speed; the re-run "
        f"is {polite / rerun:.1f}× faster and sends {second.requests} requests "
        f"({second.not_modified} answered 304)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=500.0)
    parser.add_argument("--naive-mb", type=float, default=50.0)
    parser.add_argument("--hosts", type=int, default=3)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--rate", type=float, default=10.0)
    args = parser.parse_args()
    if not SAMPLE.exists():
        sys.exit(f"нет образца ЕГРЮЛ: {SAMPLE}")
    bench_egrul(args.size_mb, args.naive_mb)
    bench_crawler(args.hosts, args.pages, args.rate)


if __name__ == "__main__":
    main()
