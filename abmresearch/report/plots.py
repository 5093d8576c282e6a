"""Plots for the HTML report, rendered by matplotlib (Agg canvas) to inline PNG data URIs."""

from __future__ import annotations

import base64
import io

import pandas as pd
from matplotlib.figure import Figure

__all__ = ["FIELD_LABELS", "field_validity_chart", "to_data_uri"]

FIELD_LABELS = {
    "companies.inn": "ИНН",
    "companies.segment": "Сегмент",
    "companies.employees": "Численность",
    "contacts.last_name": "Фамилия",
    "contacts.first_name": "Имя",
    "contacts.middle_name": "Отчество",
    "contacts.position": "Должность",
    "contacts.email": "E-mail",
    "contacts.phone": "Телефон",
}


def to_data_uri(figure: Figure) -> str:
    """A figure as a ``data:image/png;base64,…`` URI (the report stays one file)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def field_validity_chart(fields: pd.DataFrame, *, threshold: float) -> str:
    """Horizontal bars: the share of valid cells per field, the threshold as a line.

    Args:
        fields: columns table, field, checked, valid.
        threshold: the DQI threshold, %.

    Returns:
        The chart as a PNG data URI.
    """
    data = fields.assign(
        label=(fields["table"] + "." + fields["field"]).map(FIELD_LABELS),
        share=100 * fields["valid"] / fields["checked"].clip(lower=1),
    ).iloc[::-1]
    # A bare Figure (no pyplot): no global state, safe in notebooks and worker processes.
    figure = Figure(figsize=(7.5, 0.42 * len(data) + 0.9))
    axis = figure.subplots()
    colors = ["#2e7d32" if share >= threshold else "#c62828" for share in data["share"]]
    axis.barh(data["label"], data["share"], color=colors, height=0.62)
    axis.axvline(threshold, color="#333", linestyle="--", linewidth=1)
    axis.text(threshold, len(data) - 0.35, f" порог {threshold:g}%", fontsize=8, va="bottom")
    for y, (share, valid, checked) in enumerate(
        zip(data["share"], data["valid"], data["checked"], strict=True)
    ):
        axis.text(
            min(share, 99) - 1,
            y,
            f"{share:.1f}%  ({valid}/{checked})",
            va="center",
            ha="right",
            color="white",
            fontsize=8,
        )
    axis.set_xlim(0, 100)
    axis.set_xlabel("доля верно заполненных ячеек, %")
    axis.spines[["top", "right"]].set_visible(False)
    return to_data_uri(figure)
