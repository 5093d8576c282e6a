"""Self-contained HTML reports of a segment run (inline CSS and images, no external requests)."""

from __future__ import annotations

import datetime as dt

import jinja2

from abmresearch._version import __version__
from abmresearch.config import SegmentConfig
from abmresearch.report.sections import SECTIONS, Section
from abmresearch.store import Run

__all__ = ["Section", "build_report", "render_report"]

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("abmresearch.report", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)


def render_report(
    sections: list[Section], *, title: str, description: str, segment: str, run_id: str
) -> str:
    """The report page for ``sections``; every value is HTML-escaped."""
    return _ENV.get_template("index.html.j2").render(
        sections=sections,
        title=title,
        description=description,
        segment=segment,
        run_id=run_id,
        generated=dt.datetime.now().strftime("%d.%m.%Y %H:%M"),
        version=__version__,
    )


def build_report(config: SegmentConfig, run: Run) -> str:
    """Build every section the run has data for and render the page."""
    sections = [section for build in SECTIONS if (section := build(config, run)) is not None]
    return render_report(
        sections,
        title=config.display_title,
        description=config.description,
        segment=config.name,
        run_id=run.run_id,
    )
