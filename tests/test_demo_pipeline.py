"""The demo segment end to end: generator, papermill notebooks, store and the HTML report."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from stdnum.ru import inn as stdnum_inn
from stdnum.ru import ogrn as stdnum_ogrn

from abmresearch.demo import generate_demo, run_demo, write_demo

ABM = str(Path(sys.executable).with_name("abm"))
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("project")
    result = run_demo(root=root, quiet=True)
    return root, result.report


def test_generator_is_valid_and_deterministic() -> None:
    data = generate_demo(seed=3, companies=40)
    assert data.companies.equals(generate_demo(seed=3, companies=40).companies)
    assert all(stdnum_inn.is_valid(inn) for inn in data.registry["inn"])
    assert all(stdnum_ogrn.is_valid(ogrn) for ogrn in data.registry["ogrn"])
    # Defects are planted in the CRM copy, not in the registry.
    assert 0 < (~data.companies["inn"].map(stdnum_inn.is_valid)).sum() < 0.4 * len(data.companies)
    # Gender agreement: feminine patronymics go with feminine surnames (-ова/-ева/-ина/-ая).
    female = data.contacts[data.contacts["middle_name"].str.endswith(("вна", "чна"))]
    assert len(female) > 0
    endings = female["last_name"].str.lower().str.endswith(("а", "ая", "ук", "ко"))
    assert endings.mean() > 0.9
    assert {"id", "text", "person", "position"} <= set(data.news[0])
    assert len(data.news) >= 24


def test_news_names_people_in_oblique_cases() -> None:
    news = generate_demo().news
    datives = [item for item in news if "вручили" in item["text"]]
    assert datives
    item = datives[0]
    surname = item["person"].split()[-1]
    assert not re.search(rf"\b{surname}\b", item["text"])  # declined: Кузнецовой, Громову
    assert surname[:4] in item["text"]


def test_notebooks_run_under_papermill_and_report_is_self_contained(
    demo_run: tuple[Path, Path],
) -> None:
    root, report = demo_run
    html = report.read_text(encoding="utf-8")
    assert "Качество данных" in html and "DQI" in html
    assert "data:image/png;base64," in html
    # Self-contained: no external resources of any kind.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<script" not in html and "<link" not in html
    run_dir = next((root / "data" / "processed" / "demo").iterdir())
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "done"
    assert manifest["steps"]["quality"]["status"] == "done"
    assert manifest["tables"]["quality_problems"] > 0
    assert manifest["tables"]["companies"] == 60  # the registry, one row per ИНН
    assert manifest["counts"]["registry_conflicts"] == 0
    assert len(manifest["inputs"]) == 3  # companies, contacts, registry
    assert (run_dir / "notebooks" / "04-quality.ipynb").exists()
    with duckdb.connect(str(root / "data" / "abm.duckdb"), read_only=True) as db:
        rows = db.execute(
            "SELECT count(*) FROM quality_fields WHERE run_segment='demo'"
        ).fetchone()
    assert rows == (9,)


def test_report_masks_personal_data(demo_run: tuple[Path, Path]) -> None:
    root, report = demo_run
    html = report.read_text(encoding="utf-8")
    problems = json.loads(next((root / "data/processed/demo").glob("*/quality.json")).read_text())
    assert problems["dqi"] < 100
    assert "(персональные данные скрыты)" in html
    contacts = (root / "data/raw/demo/contacts.csv").read_text(encoding="utf-8")
    emails = re.findall(r"[\w.+-]+@[\w.-]+", contacts)
    assert emails and not any(email in html for email in emails)
    # People found in the news are shown, but not by name — neither in the table nor in the
    # evidence sentences, whatever case the article used.
    assert "ЛПР и ЛВР из СМИ" in html
    news_file = root / "data/raw/demo/news.jsonl"
    news = [json.loads(line) for line in news_file.read_text(encoding="utf-8").splitlines()]
    for item in news:
        surname = item["person"].split()[-1]
        assert not re.search(rf"\b{surname[:-2]}\w*", html), surname


def test_committed_notebooks_have_no_outputs() -> None:
    for path in NOTEBOOKS.glob("*.ipynb"):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        tags = [cell.get("metadata", {}).get("tags", []) for cell in notebook["cells"]]
        assert ["parameters"] in tags, path
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path


def test_run_with_a_missing_input_is_one_line(tmp_path: Path) -> None:
    config = write_demo(root=tmp_path)
    (tmp_path / "data/raw/demo/contacts.csv").unlink()
    env = {**os.environ, "ABM_DEMO_SITE": "http://127.0.0.1:9"}  # never reached
    result = subprocess.run(
        [ABM, "run", str(config)], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "contacts.csv" in result.stderr


def _chromium(profile: Path, *args: str) -> str:
    """Headless Debian Chromium with the closed-network flags; returns stdout."""
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}",
    ]  # fmt: skip
    done = subprocess.run(
        ["chromium", *flags, *args], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


@pytest.mark.skipif(shutil.which("chromium") is None, reason="make browser installs Chromium")
def test_report_renders_in_headless_chromium(demo_run: tuple[Path, Path], tmp_path: Path) -> None:
    _, report = demo_run
    shot = tmp_path / "report.png"
    _chromium(tmp_path / "p1", "--window-size=1280,2000", f"--screenshot={shot}", report.as_uri())
    assert shot.stat().st_size > 50_000  # a rendered page with the chart, not a blank one
    dom = _chromium(tmp_path / "p2", "--dump-dom", report.as_uri())
    assert "Качество данных" in dom and "<img" in dom
    assert "ЛПР и ЛВР из СМИ" in dom


def test_demo_news_yield_their_people_with_roles_and_inn(demo_run: tuple[Path, Path]) -> None:
    root, _ = demo_run
    run_dir = next((root / "data" / "processed" / "demo").iterdir())
    found = pd.read_parquet(run_dir / "media_contacts.parquet")
    news_file = root / "data/raw/demo/news.jsonl"
    gold = [json.loads(line) for line in news_file.read_text(encoding="utf-8").splitlines()]
    people = set(zip(found["person"], found["position_norm"], strict=True))
    hits = sum((item["person"], item["position"]) in people for item in gold)
    assert hits / len(gold) >= 0.8, hits
    deciders = found[found["role"] == "ЛПР"]
    assert len(deciders) >= 10
    # Organisations named in the news are linked to the registry's ИНН.
    assert (found["inn"].fillna("") != "").mean() >= 0.6
