"""The ``abm`` command line (contracts in ../shared/CONTRACTS.md).

Every command turns an :class:`~abmresearch.errors.AbmError` into one line on stderr and exit
code 2; usage errors are one line too. Nothing here computes: commands read inputs, call the
package's functions and write outputs atomically.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError

from abmresearch.errors import AbmError

__all__ = ["app", "main"]

app = typer.Typer(
    name="abm",
    help="ABM-списки для B2B: сбор, извлечение ЛПР, сопоставление, качество, отчёты.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Без индикатора прогресса.")]


def _say(message: str) -> None:
    """A line for the analyst on stderr (results go to files, not stdout noise)."""
    typer.echo(message, err=True)


def _sibling(output: Path, suffix: str) -> Path:
    """``out/report.json`` → ``out/report<suffix>``."""
    return output.with_name(output.stem + suffix)


# ── quality ──────────────────────────────────────────────────────────────────
@app.command(
    epilog=(
        "Пример: abm quality --companies crm/companies.csv --contacts crm/contacts.xlsx "
        '--segments "общестрой,интерьерные работы" --output out/dqi.json'
    )
)
def quality(
    companies: Annotated[
        Path, typer.Option(help="Компании: company_id, name, inn, segment, employees.")
    ],
    contacts: Annotated[
        Path, typer.Option(help="Контакты: contact_id, company_id, ФИО, position, email, phone.")
    ],
    output: Annotated[
        Path, typer.Option(help="REPORT.json; рядом REPORT.problems.csv и REPORT.fixes.csv.")
    ],
    positions: Annotated[Path | None, typer.Option(help="Справочник должностей (YAML).")] = None,
    segments: Annotated[
        str | None, typer.Option(help="Допустимые сегменты через запятую.")
    ] = None,
    config: Annotated[
        Path | None, typer.Option(help="YAML сегмента: сегменты, карта столбцов, порог.")
    ] = None,
    threshold: Annotated[
        float | None, typer.Option(help="Порог DQI, % (по умолчанию 95).")
    ] = None,
    strict: Annotated[bool, typer.Option(help="Код выхода 1, если DQI ниже порога.")] = False,
    quiet: Quiet = False,
) -> None:
    """Индекс качества данных (DQI) выгрузки CRM и готовность аккаунтов."""
    from abmresearch.config import DEFAULT_SEGMENTS, QualityConfig, load_segment
    from abmresearch.io import atomic_path
    from abmresearch.progress import progress_bar
    from abmresearch.quality import FIELDS, assess, read_crm_export
    from abmresearch.quality.fixes import propose_fixes
    from abmresearch.vocabulary import load_vocabulary

    if output.suffix.lower() != ".json":
        raise AbmError(f"{output}: отчёт пишется в JSON — укажите --output ….json")
    if output.is_dir():
        raise AbmError(f"{output}: это папка, а нужен файл отчёта")
    if threshold is not None and not 0 <= threshold <= 100:
        raise AbmError(f"--threshold {threshold:g}: порог DQI — от 0 до 100")
    segment_config = load_segment(config) if config else None
    rules = segment_config.quality if segment_config else QualityConfig()
    if segments is not None:
        allowed = [part.strip() for part in segments.split(",") if part.strip()]
        if not allowed:
            raise AbmError(f"--segments «{segments}»: не указано ни одного сегмента")
    else:
        allowed = segment_config.segments if segment_config else list(DEFAULT_SEGMENTS)
    vocabulary = load_vocabulary(
        positions or (segment_config.positions_path if segment_config else None)
    )
    companies_frame, contacts_frame = read_crm_export(
        companies, contacts, columns=segment_config.columns if segment_config else None
    )
    with progress_bar(sum(map(len, FIELDS.values())), "Проверка ячеек", quiet=quiet) as advance:
        result = assess(
            companies_frame,
            contacts_frame,
            vocabulary=vocabulary,
            segments=allowed,
            threshold=rules.threshold if threshold is None else threshold,
            min_contacts=rules.min_contacts,
            min_decision_makers=rules.min_decision_makers,
            progress=advance,
        )
    problems_path = _sibling(output, ".problems.csv").resolve()
    fixes_path = _sibling(output, ".fixes.csv").resolve()
    fixes = propose_fixes(companies_frame, contacts_frame, vocabulary=vocabulary, segments=allowed)
    report = result.to_report(problems_path) | {"fixes": str(fixes_path)}
    # All three files or none: each goes to a temporary file, renamed only when all are written.
    with contextlib.ExitStack() as stack:
        tmp_problems = stack.enter_context(atomic_path(problems_path))
        tmp_fixes = stack.enter_context(atomic_path(fixes_path))
        tmp_report = stack.enter_context(atomic_path(output))
        result.problems.to_csv(tmp_problems, index=False, encoding="utf-8")
        fixes.to_csv(tmp_fixes, index=False, encoding="utf-8")
        tmp_report.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    verdict = "принят" if result.passed else "НЕ принят"
    _say(
        f"DQI {result.dqi:.1f}% (порог {result.threshold:.1f}%): список {verdict}; "
        f"готовых аккаунтов {report['accounts']['complete']} из {report['accounts']['total']}; "
        f"проблем {len(result.problems)}, предложений исправлений {len(fixes)} → {output}"
    )
    if strict and not result.passed:
        raise typer.Exit(1)


# ── collect ──────────────────────────────────────────────────────────────────
@app.command(
    epilog=(
        "Пример: abm registry data/raw/egrul/ data/raw/msp.zip spark.xlsx "
        "--output data/processed/companies.parquet"
    )
)
def registry(
    paths: Annotated[
        list[Path],
        typer.Argument(help="XML ФНС (ЕГРЮЛ, ЕГРИП, МСП, ССЧР, доходы), папки, .zip, выгрузки."),
    ],
    output: Annotated[
        Path, typer.Option(help="OUT.parquet (или .csv/.xlsx): одна строка на ИНН.")
    ],
    quiet: Quiet = False,
) -> None:
    """Реестры ФНС и выгрузки СПАРК/Контур.Фокус/Checko → таблица компаний по ИНН."""
    from abmresearch.collect.registry import read_registry
    from abmresearch.io import write_table

    result = read_registry(paths, quiet=quiet)
    write_table(result.companies, output)
    provenance = _sibling(output, ".provenance" + (output.suffix or ".parquet"))
    write_table(result.provenance, provenance)
    _say(
        f"Компаний {len(result.companies)} из записей {result.records}; "
        f"конфликтов значений {result.conflicts} (побеждает более свежий источник) → {output}"
    )


@app.command(
    epilog=(
        "Пример: abm collect config/segments/demo.yaml --output data/raw/articles.jsonl "
        "--since 2026-01-01"
    )
)
def collect(
    sources: Annotated[
        Path, typer.Argument(help="SOURCES.yaml или YAML сегмента (ключ sources).")
    ],
    output: Annotated[Path, typer.Option(help="ARTICLES.jsonl: одна статья на строку.")],
    cache: Annotated[
        Path | None, typer.Option(help="Папка HTTP-кэша (по умолчанию ~/.cache/abmresearch/http).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Только статьи не старше даты YYYY-MM-DD.")
    ] = None,
    quiet: Quiet = False,
) -> None:
    """Статьи СМИ из RSS, sitemap и страниц-списков: вежливо, с кэшем и robots.txt."""
    from abmresearch.collect import DEFAULT_CACHE, collect_report, load_sources, parse_since
    from abmresearch.io import write_jsonl

    media_sources = load_sources(sources)
    report = collect_report(
        media_sources, cache_dir=cache or DEFAULT_CACHE, since=parse_since(since), quiet=quiet
    )
    written = write_jsonl(report.rows, output)
    _say(f"Статей {written} → {output}; {report.summary()}")
    for problem in report.errors[:5]:
        _say(f"  {problem}")
    if len(report.errors) > 5:
        _say(f"  … и ещё ошибок: {len(report.errors) - 5}")


# ── extract ──────────────────────────────────────────────────────────────────
@app.command(
    epilog=(
        "Пример: abm extract data/raw/news.jsonl --output out/contacts.jsonl "
        "--unknown out/new_titles.csv"
    )
)
def extract(
    input: Annotated[
        Path, typer.Argument(help="JSONL: {id, text} и необязательные url, date, title.")
    ],
    output: Annotated[
        Path, typer.Option(help="JSONL: одна строка на упоминание человек–должность.")
    ],
    positions: Annotated[Path | None, typer.Option(help="Справочник должностей (YAML).")] = None,
    unknown: Annotated[
        Path | None, typer.Option(help="CSV/XLSX: должности не из справочника, число и примеры.")
    ] = None,
    quiet: Quiet = False,
) -> None:
    """ЛПР и ЛВР из текстов: ФИО в именительном падеже, должность, роль, организация."""
    from abmresearch.extract.cli import run_extract

    found, articles = run_extract(
        input, output, positions=positions, unknown=unknown, quiet=quiet, say=_say
    )
    _say(f"Статей: {articles}; упоминаний человек–должность: {found} → {output}")


@app.command(
    epilog=(
        "Пример: abm titles titles.txt --output out/titles.csv --positions config/positions.yaml"
    )
)
def titles(
    input: Annotated[
        Path, typer.Argument(help="Текст: одна должность на строку, в любом падеже.")
    ],
    output: Annotated[
        Path,
        typer.Option(
            help="CSV/XLSX/Parquet: title, position_norm, canonical, role, level, function."
        ),
    ],
    positions: Annotated[Path | None, typer.Option(help="Справочник должностей (YAML).")] = None,
) -> None:
    """Должности → именительный падеж, запись справочника, роль ЛПР/ЛВР, уровень, функция."""
    from abmresearch.extract.cli import run_titles

    count, known = run_titles(input, output, positions=positions)
    _say(f"Должностей: {count}, из них в справочнике: {known} → {output}")


# ── match ────────────────────────────────────────────────────────────────────
@app.command(
    epilog=(
        "Пример: abm match out/mentions.csv --registry data/raw/egrul.parquet "
        "--output out/matches.csv --threshold 0.5 --decisions out/decisions.csv"
    )
)
def match(
    mentions: Annotated[
        Path, typer.Argument(help="Упоминания: mention_id, name, необязательно region, inn.")
    ],
    registry: Annotated[
        Path, typer.Option(help="Реестр: inn, name, необязательно short_name, ogrn, region.")
    ],
    output: Annotated[
        Path,
        typer.Option(help="OUT.csv: mention_id, inn, score, matched_name; рядом OUT.review.csv."),
    ],
    threshold: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Порог оценки 0–1 (по умолчанию откалиброванный)."),
    ] = None,
    decisions: Annotated[
        Path | None,
        typer.Option(help="Решения аналитика (размеченный OUT.review.csv): применяются заново."),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="tcp://HOST:PORT планировщика Dask: пакеты на кластере.")
    ] = None,
    index_cache: Annotated[
        Path | None,
        typer.Option(
            help="Папка для индекса реестра: тот же реестр в следующий раз не индексируется."
        ),
    ] = None,
    quiet: Quiet = False,
) -> None:
    """Сопоставить названия компаний с реестром по ИНН; спорные случаи — в очередь проверки."""
    from tqdm import tqdm

    from abmresearch.io import read_table, write_table
    from abmresearch.match import DEFAULT_THRESHOLD, match_tables

    mentions_frame = read_table(mentions, required=("mention_id", "name"))
    registry_frame = read_table(registry)
    decisions_frame = read_table(decisions) if decisions else None
    with tqdm(
        total=len(mentions_frame),
        desc="сопоставление",
        unit="упом.",
        disable=quiet or not sys.stderr.isatty(),
        file=sys.stderr,
    ) as bar:
        result = match_tables(
            mentions_frame,
            registry_frame,
            threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
            decisions=decisions_frame,
            paths=(str(mentions), str(registry), str(decisions)),
            scheduler=scheduler,
            progress=bar.update,
            index_cache=index_cache,
        )
    for warning in result.warnings:
        _say(f"abm: предупреждение: {warning}")
    review_path = _sibling(output, ".review.csv")
    write_table(result.matches, output)
    write_table(result.review, review_path)
    linked = int((result.matches["inn"] != "").sum())
    by_inn = int((result.matches["method"] == "inn").sum())
    queued = int(result.review["mention_id"].nunique()) if len(result.review) else 0
    if not quiet:
        _say(
            f"Сопоставлено {linked} из {len(result.matches)} (по ИНН {by_inn}); "
            f"на проверку {queued} → {review_path}; результат → {output}"
        )


# ── personal data ────────────────────────────────────────────────────────────
@app.command(epilog='Пример: abm forget --name "Иванов Иван Иванович" --email ivanov@romashka.ru')
def forget(
    name: Annotated[str | None, typer.Option(help="ФИО (части в любом порядке).")] = None,
    email: Annotated[str | None, typer.Option(help="E-mail человека.")] = None,
    phone: Annotated[str | None, typer.Option(help="Телефон человека (любая запись).")] = None,
) -> None:
    """Удалить человека из всех запусков, базы DuckDB и отчётов (152-ФЗ)."""
    from abmresearch.config import DATA_DIR
    from abmresearch.forget import PersonKey, forget_person

    result = forget_person(PersonKey(name=name, email=email, phone=phone), data_dir=DATA_DIR)
    _say(
        f"Удалено строк: {result.total} в запусках, {result.database_rows} в базе; "
        f"отчётов пересобрано: {len(result.reports)}"
    )
    for path in result.raw_files:
        _say(f"  человек остаётся во входном файле (удалите в источнике): {path}")


# ── segment runs ─────────────────────────────────────────────────────────────
@app.command(epilog="Пример: abm demo && xdg-open reports/demo/index.html")
def demo(
    quiet: Quiet = False,
    force: Annotated[bool, typer.Option(help="Пересоздать данные демо-сегмента.")] = False,
) -> None:
    """Вымышленный демо-сегмент от начала до конца, без сети → reports/demo/index.html."""
    from abmresearch.demo import run_demo

    result = run_demo(force=force, quiet=quiet)
    _say(f"Отчёт: {result.report}")


@app.command(epilog="Пример: abm run config/segments/obshchestroy.yaml")
def run(
    config: Annotated[Path, typer.Argument(help="config/segments/<segment>.yaml")],
    quiet: Quiet = False,
) -> None:
    """Один сегмент: его блокноты через papermill → data/processed/ и reports/<segment>/."""
    from abmresearch.pipeline import run_segment

    result = run_segment(config, quiet=quiet)
    _say(f"Запуск {result.run_id}: отчёт {result.report}")


def main() -> None:
    """Entry point of the ``abm`` console script."""
    try:
        code = app(standalone_mode=False)
    except AbmError as exc:
        _say(f"abm: ошибка: {exc}")
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        _say("abm: прервано")
        sys.exit(130)
    except NoArgsIsHelpError as exc:
        _say(exc.format_message())
        sys.exit(exc.exit_code)
    except ClickException as exc:
        # Typer's own click: usage errors ("Missing option '--contacts'") as one line.
        _say(f"abm: ошибка: {' '.join(exc.format_message().split())}")
        sys.exit(2)
    except Exception as exc:
        if os.environ.get("ABM_DEBUG"):
            raise
        _say(f"abm: внутренняя ошибка {type(exc).__name__}: {exc} (подробности: ABM_DEBUG=1)")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
