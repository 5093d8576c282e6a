"""The ``abm`` command line (contracts in ../shared/CONTRACTS.md).

Every command turns an :class:`~abmresearch.errors.AbmError` into one line on stderr and exit
code 2; usage errors are one line too. Nothing here computes: commands read inputs, call the
package's functions and write outputs atomically.
"""

from __future__ import annotations

import json
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
) -> None:
    """Индекс качества данных (DQI) выгрузки CRM и готовность аккаунтов."""
    from abmresearch.config import DEFAULT_SEGMENTS, QualityConfig, load_segment
    from abmresearch.io import atomic_path, write_table
    from abmresearch.quality import assess, read_crm_export
    from abmresearch.quality.fixes import propose_fixes
    from abmresearch.vocabulary import load_vocabulary

    segment_config = load_segment(config) if config else None
    rules = segment_config.quality if segment_config else QualityConfig()
    allowed = (
        [part.strip() for part in segments.split(",") if part.strip()]
        if segments
        else (segment_config.segments if segment_config else list(DEFAULT_SEGMENTS))
    )
    vocabulary = load_vocabulary(
        positions or (segment_config.positions_path if segment_config else None)
    )
    companies_frame, contacts_frame = read_crm_export(
        companies, contacts, columns=segment_config.columns if segment_config else None
    )
    result = assess(
        companies_frame,
        contacts_frame,
        vocabulary=vocabulary,
        segments=allowed,
        threshold=rules.threshold if threshold is None else threshold,
        min_contacts=rules.min_contacts,
        min_decision_makers=rules.min_decision_makers,
    )
    problems_path = _sibling(output, ".problems.csv").resolve()
    fixes_path = _sibling(output, ".fixes.csv").resolve()
    write_table(result.problems, problems_path)
    fixes = propose_fixes(companies_frame, contacts_frame, vocabulary=vocabulary, segments=allowed)
    write_table(fixes, fixes_path)
    report = result.to_report(problems_path) | {"fixes": str(fixes_path)}
    with atomic_path(output) as tmp:
        tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    verdict = "принят" if result.passed else "НЕ принят"
    _say(
        f"DQI {result.dqi:.1f}% (порог {result.threshold:.1f}%): список {verdict}; "
        f"готовых аккаунтов {report['accounts']['complete']} из {report['accounts']['total']}; "
        f"проблем {len(result.problems)}, предложений исправлений {len(fixes)} → {output}"
    )
    if strict and not result.passed:
        raise typer.Exit(1)


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


# ── segment runs ─────────────────────────────────────────────────────────────
@app.command(epilog="Пример: abm demo && xdg-open reports/demo/index.html")
def demo(
    quiet: Quiet = False,
    force: Annotated[bool, typer.Option(help="Пересоздать данные демо-сегмента.")] = False,
) -> None:
    """Вымышленный демо-сегмент от начала до конца, без сети → reports/demo/index.html."""
    from abmresearch.demo import write_demo
    from abmresearch.pipeline import run_segment

    config_path = write_demo(force=force)
    result = run_segment(config_path, quiet=quiet)
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
    sys.exit(code if isinstance(code, int) else 0)
