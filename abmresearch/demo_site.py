"""The demo's media: its news items as a small static website (RSS, sitemap, article pages).

``abm demo`` serves this folder on 127.0.0.1 and collects from it like from a real outlet:
article pages carry menus, footers and a «Читайте также» block that the body extraction must
drop, dates are written in Russian, and robots.txt closes a private section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any

__all__ = ["MONTHS_GENITIVE", "write_site"]

MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip

_PAGE = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>{title} — СтройВестник</title></head>
<body>
<header><a href="/">СтройВестник</a>
<nav><a href="/news/">Новости</a> <a href="/analytics/">Аналитика</a>
<a href="/events/">События</a> <a href="/private/">Кабинет</a></nav></header>
<main>
<article>
<h1>{title}</h1>
<p class="date"><time datetime="{iso}">{russian_date}</time></p>
<p>{text}</p>
<p>{extra}</p>
</article>
<aside><h3>Читайте также</h3><ul>
<li><a href="/news/1.html">Рынок алмазного инструмента растёт</a></li></ul></aside>
</main>
<footer><p>© 2026 СтройВестник. Все права защищены. Перепечатка только со ссылкой.</p></footer>
</body></html>
"""

_EXTRA = (
    "Компания работает на рынке более десяти лет и реализует проекты в нескольких регионах. "
    "По словам участников рынка, спрос на услуги подрядчиков в сегменте сохраняется."
)


def _russian_date(date: dt.date) -> str:
    return f"{date.day} {MONTHS_GENITIVE[date.month - 1]} {date.year}"


def write_site(news: Sequence[dict[str, Any]], folder: Path, *, base_url: str = "") -> Path:
    """Write the news as a static site into ``folder``.

    Args:
        news: demo news items (id, title, text, date).
        folder: where to write (created).
        base_url: absolute prefix for links in the feeds; ``""`` writes root-relative links,
            which the feeds resolve against the address they are served from.

    Returns:
        ``folder``.
    """
    (folder / "news").mkdir(parents=True, exist_ok=True)
    (folder / "private").mkdir(exist_ok=True)
    items, urls = [], []
    for index, item in enumerate(news, start=1):
        date = dt.date.fromisoformat(str(item["date"]))
        path = f"/news/{index}.html"
        page = _PAGE.format(
            title=escape(str(item["title"])),
            iso=date.isoformat(),
            russian_date=_russian_date(date),
            text=escape(str(item["text"])),
            extra=_EXTRA,
        )
        (folder / "news" / f"{index}.html").write_text(page, encoding="utf-8")
        published = dt.datetime(date.year, date.month, date.day, 9, 0, tzinfo=dt.UTC)
        items.append(
            f"<item><title>{escape(str(item['title']))}</title><link>{base_url}{path}</link>"
            f"<guid>{base_url}{path}</guid><pubDate>{format_datetime(published)}</pubDate>"
            "</item>"
        )
        urls.append(f"<url><loc>{base_url}{path}</loc><lastmod>{date}</lastmod></url>")
    (folder / "rss.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>СтройВестник</title><link>{base_url}/</link>{''.join(items)}</channel></rss>",
        encoding="utf-8",
    )
    (folder / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{''.join(urls)}</urlset>",
        encoding="utf-8",
    )
    (folder / "private" / "index.html").write_text("<p>закрыто</p>", encoding="utf-8")
    (folder / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    return folder
