"""The ordered steps of a segment run.

``abm run`` creates a run, executes each step's notebook with papermill (passing the segment
config path and the run id), then publishes the run's tables to DuckDB. A notebook is thin: a
parameters cell and calls to the ``*_step`` functions below, which read the segment's inputs,
call the package's pure functions and store what they return in the run.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from abmresearch.config import PACKAGE_DIR, SegmentConfig, load_segment
from abmresearch.errors import AbmError, InputError
from abmresearch.io import atomic_path
from abmresearch.quality import QualityResult, assess, read_crm_export
from abmresearch.quality.fixes import propose_fixes
from abmresearch.store import Run, Store
from abmresearch.vocabulary import load_vocabulary

__all__ = [
    "STEPS",
    "RunResult",
    "Step",
    "collect_step",
    "extract_step",
    "match_step",
    "notebooks_dir",
    "open_run",
    "quality_step",
    "report_step",
    "run_segment",
]


@dataclass(frozen=True)
class Step:
    """A step of a run: its name, its notebook and whether a segment has what it needs."""

    name: str
    notebook: str
    applies: Callable[[SegmentConfig], bool]


def _has_media(config: SegmentConfig) -> bool:
    return bool(config.sources) or config.inputs.articles is not None


STEPS: tuple[Step, ...] = (
    Step("collect", "01-collect.ipynb", lambda c: _has_media(c) or bool(c.inputs.registry)),
    Step("extract", "02-extract.ipynb", _has_media),
    Step(
        "match",
        "03-match.ipynb",
        lambda config: _has_media(config) and bool(config.inputs.registry),
    ),
    Step(
        "quality",
        "04-quality.ipynb",
        lambda config: config.inputs.companies is not None and config.inputs.contacts is not None,
    ),
    Step("report", "07-report.ipynb", lambda config: True),
)


@dataclass(frozen=True)
class RunResult:
    """What a finished run produced."""

    run_id: str
    run_dir: Path
    report: Path


def notebooks_dir(config: SegmentConfig) -> Path:
    """The project's ``notebooks/`` (the segment's project first, then the package checkout)."""
    for candidate in ((config.root or Path.cwd()) / "notebooks", PACKAGE_DIR.parent / "notebooks"):
        if candidate.is_dir():
            return candidate
    raise AbmError("папка notebooks/ не найдена рядом с config/")


def open_run(
    config_path: Path | str, run_id: str | None = None, *, create: bool = False
) -> tuple[SegmentConfig, Run]:
    """The config and run a notebook works in.

    Args:
        config_path: the segment YAML (papermill passes it).
        run_id: the run started by ``abm run`` (papermill passes it); ``None`` in JupyterLab.
        create: without ``run_id``, always start a new run (the first notebook does so);
            otherwise continue the newest unfinished run, or start one.
    """
    config = load_segment(config_path)
    store = Store.for_config(config)
    if run_id is not None:
        return config, store.open_run(config.name, run_id)
    open_runs = [run for run in store.runs(config.name) if run.manifest.get("status") == "running"]
    if create or not open_runs:
        return config, store.start_run(config, inputs=_input_files(config))
    return config, open_runs[-1]


def _input_files(config: SegmentConfig) -> list[Path]:
    inputs = config.inputs
    paths = [inputs.companies, inputs.contacts, inputs.articles, inputs.clients, *inputs.registry]
    resolved = [config.resolve(path) for path in paths if path is not None]
    for path in resolved:
        if not path.exists():
            raise InputError(path, f"входной файл сегмента '{config.name}' не найден")
    return resolved


def collect_step(config: SegmentConfig, run: Run, *, quiet: bool = True) -> pd.DataFrame:
    """The segment's registry companies and articles.

    Stores ``companies`` (CONTRACTS §7 columns, one row per ИНН, sources merged field by
    field, newest wins; the conflicts counted in the manifest) when ``inputs.registry`` is
    set, and ``articles`` (CONTRACTS §8 columns) from the media sources plus
    ``inputs.articles``. The HTTP cache lives in ``data/cache/http/`` of the project, so a
    re-run fetches only what changed.

    Returns:
        The articles (empty when the segment has no media).
    """
    from abmresearch.collect import ARTICLE_COLUMNS, collect_articles, load_registry

    if config.inputs.registry:
        companies = load_registry([config.resolve(path) for path in config.inputs.registry])
        run.write("companies", companies)
        run.count(
            registry_records=int(companies.attrs.get("records", len(companies))),
            registry_conflicts=int(companies.attrs.get("conflicts", 0)),
        )
    parts = []
    if config.sources:
        cache = (config.root or Path.cwd()) / "data" / "cache" / "http"
        parts.append(collect_articles(config.sources, cache_dir=cache, quiet=quiet))
    if config.inputs.articles is not None:
        parts.append(_read_articles(config.resolve(config.inputs.articles)))
    articles = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    articles = articles.reindex(columns=list(ARTICLE_COLUMNS)).drop_duplicates("id")
    run.write("articles", articles.astype({"published": "string"}))
    return articles


def _read_articles(path: Path) -> pd.DataFrame:
    """A JSONL of ``abm extract`` input (id, text, optional title, url, date) as articles."""
    from abmresearch.io import iter_jsonl

    rows = []
    for line, item in iter_jsonl(path):
        if not isinstance(item.get("id"), str | int) or not isinstance(item.get("text"), str):
            raise InputError(path, "нужны поля 'id' и 'text'", row=line)
        rows.append(
            {
                "id": str(item["id"]),
                "source": str(item.get("source") or path.name),
                "url": item.get("url"),
                "title": item.get("title"),
                "published": item.get("published") or item.get("date"),
                "text": item["text"],
                "fetched_at": None,
            }
        )
    return pd.DataFrame(rows)


def extract_step(config: SegmentConfig, run: Run) -> pd.DataFrame:
    """People with positions (ЛПР/ЛВР) and their organisations in the run's articles.

    Stores ``media_contacts`` (CONTRACTS §1 fields plus canonical title, level, function,
    identifiers, and the article's url, title and date) and ``unknown_titles``.
    """
    from abmresearch.extract import extract_contacts, unknown_titles

    vocabulary = load_vocabulary(config.positions_path)
    articles = run.read("articles")
    contacts = extract_contacts(articles, vocabulary=vocabulary)
    meta = articles[["id", "url", "title", "published"]].rename(
        columns={"id": "doc_id", "title": "article_title"}
    )
    contacts = contacts.merge(meta, on="doc_id", how="left")
    run.write("media_contacts", contacts)
    run.write("unknown_titles", unknown_titles(contacts, examples=2))
    return contacts


def match_step(config: SegmentConfig, run: Run) -> pd.DataFrame:
    """Link the organisations named in the media to the registry by ИНН.

    Reads ``companies`` (the registry, stored by :func:`collect_step`); stores
    ``org_matches`` (each organisation name with its ИНН, score and reasons) and fills the
    ``inn`` of ``media_contacts`` where the text itself gave none.
    """
    from abmresearch.match import match_names

    registry = run.read("companies")
    contacts = run.read("media_contacts")
    names = contacts["org"].dropna().astype(str).str.strip()
    mentions = (
        pd.DataFrame({"name": names[names != ""].unique()})
        .assign(mention_id=lambda frame: [f"org-{i + 1:05d}" for i in range(len(frame))])
        .loc[:, ["mention_id", "name"]]
    )
    matches = match_names(mentions, registry)
    linked = mentions.merge(matches, on="mention_id", how="left")
    by_name = dict(zip(linked["name"], linked["inn"].fillna(""), strict=True))
    org_inn = contacts["org"].map(by_name).fillna("")
    own_inn = contacts["inn"].fillna("").astype(str) if "inn" in contacts else org_inn
    contacts = contacts.assign(inn=own_inn.where(own_inn != "", org_inn))
    run.write("org_matches", linked)
    run.write("media_contacts", contacts)
    return linked


def quality_step(config: SegmentConfig, run: Run) -> QualityResult:
    """Assess the segment's CRM export and store the quality tables in the run.

    Stores ``companies_crm``, ``contacts_crm``, ``quality_fields``, ``quality_problems``,
    ``quality_accounts`` and ``quality_fixes``, and the ``quality`` JSON report.
    """
    if config.inputs.companies is None or config.inputs.contacts is None:
        raise AbmError(f"сегмент '{config.name}': нет inputs.companies / inputs.contacts")
    vocabulary = load_vocabulary(config.positions_path)
    companies, contacts = read_crm_export(
        config.resolve(config.inputs.companies),
        config.resolve(config.inputs.contacts),
        columns=config.columns,
    )
    result = assess(
        companies,
        contacts,
        vocabulary=vocabulary,
        segments=config.segments,
        threshold=config.quality.threshold,
        min_contacts=config.quality.min_contacts,
        min_decision_makers=config.quality.min_decision_makers,
    )
    fixes = propose_fixes(companies, contacts, vocabulary=vocabulary, segments=config.segments)
    run.write("companies_crm", companies)
    run.write("contacts_crm", contacts)
    run.write("quality_fields", result.fields)
    run.write("quality_problems", result.problems.astype(str))
    run.write("quality_accounts", result.accounts)
    run.write("quality_fixes", fixes.astype(str))
    run.write_json("quality", result.to_report(run.path("quality_problems")))
    return result


def report_step(config: SegmentConfig, run: Run) -> Path:
    """Render the segment's self-contained HTML report from the run's tables.

    Writes ``reports/<segment>/index.html`` (and a copy in the run folder) atomically.
    """
    from abmresearch.report import build_report

    html = build_report(config, run)
    target = config.report_dir / "index.html"
    with atomic_path(target) as tmp:
        tmp.write_text(html, encoding="utf-8")
    shutil.copyfile(target, run.dir / "report.html")
    return target


def _execute(notebook: Path, output: Path, config: SegmentConfig, run: Run, quiet: bool) -> None:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters={"config_path": str(config.path), "run_id": run.run_id},
            kernel_name="python3",
            cwd=str(config.root),
            progress_bar=not quiet and sys.stderr.isatty(),
            log_output=False,
            # The kernel's own start-up chatter (transport warnings) is not for the analyst.
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except PapermillExecutionError as exc:
        evalue = " ".join(str(exc.evalue).split())
        if exc.ename in {"InputError", "ConfigError", "AbmError"}:
            raise AbmError(evalue) from None
        raise AbmError(
            f"блокнот {notebook.name} остановился: {exc.ename}: {evalue} (см. {output})"
        ) from None


def run_segment(config_path: Path | str, *, quiet: bool = False) -> RunResult:
    """Run every step of a segment through its notebook, then publish the run.

    Args:
        config_path: ``config/segments/<segment>.yaml``.
        quiet: hide progress bars.

    Returns:
        The run id, its folder and the report path.

    Raises:
        AbmError: a config, input or step problem (one line for the analyst).
    """
    config = load_segment(config_path)
    store = Store.for_config(config)
    run = store.start_run(config, inputs=_input_files(config))
    folder = notebooks_dir(config)
    try:
        for step in STEPS:
            if not step.applies(config):
                continue
            with run.step(step.name):
                _execute(
                    folder / step.notebook,
                    run.dir / "notebooks" / step.notebook,
                    config,
                    run,
                    quiet,
                )
        run.finish("done")
        store.publish(run, [name for name in run.manifest.get("tables", {}) if run.has(name)])
    except BaseException:
        run.finish("failed")
        raise
    return RunResult(run_id=run.run_id, run_dir=run.dir, report=config.report_dir / "index.html")
