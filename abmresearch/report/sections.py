"""Sections of the segment report, each built from the run's tables.

A section builder takes the config and the run and returns a :class:`Section` (or ``None``
when the step that feeds it did not run). Later steps add their builders to ``SECTIONS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from abmresearch.config import SegmentConfig
from abmresearch.report.mask import mask_text, mask_value
from abmresearch.report.plots import FIELD_LABELS, field_validity_chart
from abmresearch.store import Run

__all__ = ["SECTIONS", "Section", "match_section", "media_section", "quality_section"]


@dataclass(frozen=True)
class Section:
    """One block of the report: a title, headline figures, images and tables."""

    key: str
    title: str
    lead: str = ""
    figures: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    images: list[tuple[str, str]] = field(default_factory=list)  # (alt, data URI)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)  # (caption, table)
    verdict: str | None = None  # "ok" or "bad" colours the headline


def _problems_table(problems: pd.DataFrame, *, mask: bool, top: int) -> pd.DataFrame:
    shown = problems.head(top).copy()
    if mask:
        shown["value"] = [
            mask_value(str(f), str(v)) for f, v in zip(shown["field"], shown["value"], strict=True)
        ]
    shown["field"] = (shown["table"] + "." + shown["field"]).map(FIELD_LABELS)
    return shown.rename(
        columns={
            "table": "таблица",
            "id": "ID",
            "field": "поле",
            "value": "значение",
            "reason": "причина",
        }
    ).drop(columns=["таблица"])


def quality_section(config: SegmentConfig, run: Run) -> Section | None:
    """DQI, per-field chart, accounts that are not ready, the top problems and fixes."""
    if not run.has("quality_fields"):
        return None
    report: dict[str, Any] = run.read_json("quality")
    fields = run.read("quality_fields")
    problems = run.read("quality_problems")
    accounts = run.read("quality_accounts")
    fixes = run.read("quality_fixes")
    not_ready = accounts[~accounts["complete"]]
    reasons = (
        problems.assign(kind=problems["reason"].str.split(" — ").str[0])
        .groupby("kind")
        .size()
        .sort_values(ascending=False)
        .rename("ячеек")
        .reset_index()
        .rename(columns={"kind": "проблема"})
    )
    top = config.report.top_problems
    passed = bool(report["passed"])
    lead = f"DQI {report['dqi']:.1f}% при пороге {report['threshold']:g}%: список " + (
        "принят." if passed else "не принят — исправьте проблемы ниже и проверьте снова."
    )
    ready = report["accounts"]
    tables: list[tuple[str, pd.DataFrame]] = [
        ("Проблемы по видам", reasons.head(15)),
        (
            f"Аккаунты, не готовые к работе ({len(not_ready)}): нужно "
            f"≥ {config.quality.min_contacts} контактов "
            f"и ≥ {config.quality.min_decision_makers} ЛПР",
            not_ready.rename(
                columns={
                    "company_id": "ID",
                    "name": "компания",
                    "inn": "ИНН",
                    "segment": "сегмент",
                    "contacts": "контактов",
                    "decision_makers": "ЛПР",
                    "missing": "чего не хватает",
                }
            )
            .drop(columns=["complete"])
            .head(top),
        ),
        (
            f"Первые {min(top, len(problems))} из {len(problems)} проблем"
            + (" (персональные данные скрыты)" if config.report.mask_personal else ""),
            _problems_table(problems, mask=config.report.mask_personal, top=top),
        ),
    ]
    if len(fixes):
        by_reason = fixes.groupby("reason").size().rename("ячеек").reset_index()
        tables.append(
            (
                "Предлагаемые исправления (не применены)",
                by_reason.rename(columns={"reason": "что"}),
            )
        )
    return Section(
        key="quality",
        title="Качество данных",
        lead=lead,
        verdict="ok" if passed else "bad",
        figures=[
            ("DQI", f"{report['dqi']:.1f}%"),
            ("порог", f"{report['threshold']:g}%"),
            ("готовые аккаунты", f"{ready['complete']} из {ready['total']}"),
            ("проблем", str(len(problems))),
            ("исправлений предложено", str(len(fixes))),
        ],
        images=[
            (
                "Доля верно заполненных ячеек по полям",
                field_validity_chart(fields, threshold=float(report["threshold"])),
            )
        ],
        tables=tables,
    )


_ROLE_ORDER = {"ЛПР": 0, "ЛВР": 1, "другое": 2}


def media_section(config: SegmentConfig, run: Run) -> Section | None:
    """Decision makers and influencers found in the media, per company, with evidence."""
    if not run.has("media_contacts"):
        return None
    contacts = run.read("media_contacts")
    articles = run.read("articles") if run.has("articles") else pd.DataFrame()
    people = contacts.drop_duplicates(["person", "org"])
    deciders = people[people["role"] == "ЛПР"]
    influencers = people[people["role"] == "ЛВР"]
    with_inn = people["inn"].fillna("").astype(str).ne("") if "inn" in people else None
    mask = config.report.mask_personal
    parts = [
        [str(v) for v in (row.last_name, row.first_name, row.middle_name) if isinstance(v, str)]
        for row in people.itertuples()
    ]
    shown = people.assign(
        person=[mask_value("last_name", str(name)) if mask else name for name in people["person"]],
        evidence=[
            mask_text(str(text), names) if mask else text
            for text, names in zip(people["evidence"], parts, strict=True)
        ],
        org=people["org"].fillna("—"),
        inn=people["inn"].fillna("") if "inn" in people else "",
        source=people["url"].fillna("") if "url" in people else "",
    ).sort_values(
        ["role", "org"], key=lambda c: c.map(_ROLE_ORDER).fillna(9) if c.name == "role" else c
    )
    table = shown[["person", "position_norm", "role", "org", "inn", "evidence", "source"]].rename(
        columns={
            "person": "ФИО",
            "position_norm": "должность",
            "role": "роль",
            "org": "организация",
            "inn": "ИНН",
            "evidence": "предложение",
            "source": "источник",
        }
    )
    figures = [
        ("статей", str(len(articles))),
        ("людей с должностью", str(len(people))),
        ("ЛПР", str(len(deciders))),
        ("ЛВР", str(len(influencers))),
    ]
    if with_inn is not None:
        figures.append(("с ИНН компании", f"{int(with_inn.sum())} из {len(people)}"))
    tables: list[tuple[str, pd.DataFrame]] = [
        (
            "Люди и должности из СМИ" + (" (ФИО скрыты)" if config.report.mask_personal else ""),
            table.head(200),
        )
    ]
    if run.has("unknown_titles"):
        unknown = run.read("unknown_titles")
        if len(unknown):
            tables.append(
                (
                    "Должности, которых нет в справочнике (кандидаты в positions.yaml)",
                    unknown.drop(columns=["examples"], errors="ignore").head(30),
                )
            )
    return Section(
        key="media",
        title="ЛПР и ЛВР из СМИ",
        lead=(
            f"Из {len(articles)} {_plural(len(articles), 'статьи', 'статей', 'статей')} "
            f"{'извлечён' if _one(len(people)) else 'извлечено'} {len(people)} "
            f"{_plural(len(people), 'человек', 'человека', 'человек')} с должностью: "
            f"{len(deciders)} ЛПР и {len(influencers)} ЛВР."
        ),
        figures=figures,
        tables=tables,
    )


def _one(count: int) -> bool:
    return count % 10 == 1 and count % 100 != 11


def _plural(count: int, one: str, few: str, many: str) -> str:
    """The Russian form after a number: 1 человек, 3 человека, 5 человек (21 статьи, 35 статей
    after «из»)."""
    if _one(count):
        return one
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return few
    return many


def match_section(config: SegmentConfig, run: Run) -> Section | None:
    """Organisations from the media linked to the registry by ИНН, with the reasons."""
    if not run.has("org_matches"):
        return None
    matches = run.read("org_matches")
    linked = matches["inn"].fillna("").astype(str).ne("")
    table = matches.assign(score=matches["score"].astype(float).round(2))[
        ["name", "inn", "score", "matched_name", "decision", "explanation"]
    ].rename(
        columns={
            "name": "упоминание",
            "inn": "ИНН",
            "score": "оценка",
            "matched_name": "в реестре",
            "decision": "решение",
            "explanation": "почему",
        }
    )
    review = int((matches["decision"] == "review").sum()) if "decision" in matches else 0
    return Section(
        key="match",
        title="Сопоставление с реестром",
        lead=(
            f"Сопоставлено {int(linked.sum())} из {len(matches)} организаций, "
            f"на проверку аналитику: {review}."
        ),
        figures=[
            ("организаций", str(len(matches))),
            ("с ИНН", str(int(linked.sum()))),
            ("на проверку", str(review)),
        ],
        tables=[("Организации из статей и компании реестра", table.head(200))],
    )


SECTIONS: tuple[Callable[[SegmentConfig, Run], Section | None], ...] = (
    quality_section,
    media_section,
    match_section,
)
