"""The learned organisation attachment: gold triples, candidates, labels, the model path."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from abmresearch.extract import orgs
from abmresearch.extract.contacts import extract_contacts, org_candidates
from abmresearch.extract.orgs import OrgClassifier, org_training_set
from abmresearch.vocabulary import Vocabulary

SMIRNOVA = (
    "Руководитель пресс-службы Ольга Смирнова, работающая в «Роснефти» с 2010 года, "
    "опровергла слухи."
)
PETROV = "Заместитель министра финансов Иван Петров встретился с Сергеем Ивановым из «Роснефти»."


def _span(text: str, part: str) -> str:
    begin = text.index(part)
    return f"{begin} {begin + len(part)}"


def _write_brat(folder: Path, name: str, text: str, ann: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.ann").write_text(ann, encoding="utf-8")
    return folder / f"{name}.txt"


@pytest.mark.parametrize(
    ("workplace_from", "org_type", "expected"),
    [
        ("T1", "ORGANIZATION", 1),  # WORKPLACE from the person
        ("T2", "ORGANIZATION", 1),  # from the profession
        ("T1", "COUNTRY", 0),  # a workplace that is no organisation
    ],
)
def test_gold_triples(tmp_path: Path, workplace_from: str, org_type: str, expected: int) -> None:
    ann = (
        f"T1\tPERSON {_span(SMIRNOVA, 'Ольга Смирнова')}\tОльга Смирнова\n"
        f"T2\tPROFESSION {_span(SMIRNOVA, 'Руководитель пресс-службы')}\tРуководитель\n"
        f"T3\t{org_type} {_span(SMIRNOVA, 'Роснефти')}\tРоснефти\n"
        "R1\tWORKS_AS Arg1:T1 Arg2:T2\n"
        f"R2\tWORKPLACE Arg1:{workplace_from} Arg2:T3\n"
    )
    path = _write_brat(tmp_path, "001", SMIRNOVA, ann)
    assert len(orgs._gold_triples(path.with_suffix(".ann"))) == expected


@pytest.mark.parametrize(
    ("text", "title", "person", "org"),
    [
        (SMIRNOVA, "Руководитель пресс-службы", "Ольга Смирнова", "Роснефти"),
        (PETROV, "Заместитель министра финансов", "Иван Петров", "Роснефти"),
    ],
)
def test_candidates_of_an_orgless_pair(text: str, title: str, person: str, org: str) -> None:
    found = [
        c
        for c in org_candidates(text)
        if text[c.title[0] : c.title[1]] == title and text[c.person[0] : c.person[1]] == person
    ]
    assert [text[c.org[0] : c.org[1]] for c in found] == [org]
    assert found[0].features["o:after_person"] == 1.0


def test_candidates_skip_a_title_that_names_its_org() -> None:
    text = "Об этом сообщил руководитель пресс-службы Сбербанка Иван Петров."
    assert org_candidates(text) == []


def test_training_labels(tmp_path: Path) -> None:
    ann = (
        f"T1\tPERSON {_span(SMIRNOVA, 'Ольга Смирнова')}\tОльга Смирнова\n"
        f"T2\tPROFESSION {_span(SMIRNOVA, 'Руководитель пресс-службы')}\tРуководитель\n"
        f"T3\tORGANIZATION {_span(SMIRNOVA, 'Роснефти')}\tРоснефти\n"
        "R1\tWORKS_AS Arg1:T1 Arg2:T2\n"
        "R2\tWORKPLACE Arg1:T1 Arg2:T3\n"
    )
    features, labels = org_training_set(
        [
            _write_brat(tmp_path / "a", "001", SMIRNOVA, ann),
            _write_brat(tmp_path / "b", "002", PETROV, ""),
        ]
    )
    assert labels == [1, 0]
    assert len(features) == 2


def _toy_model() -> OrgClassifier:
    """Takes an organisation after the person unless another person stands between."""
    positive = {"o:bias": 1.0, "o:after_person": 1.0, "o:commas": 1.0}
    negative = {"o:bias": 1.0, "o:after_person": 1.0, "o:persons_between": 1.0}
    return OrgClassifier().fit([positive, negative] * 10, [1, 0] * 10)


@pytest.mark.parametrize(
    ("text", "person", "expected"),
    [
        (SMIRNOVA, "Ольга Смирнова", "Роснефти"),
        # «Сергеем Ивановым» stands between: «Роснефть» is his, not Петров's
        (PETROV, "Иван Петров", None),
    ],
)
def test_model_attaches_an_org(
    monkeypatch: pytest.MonkeyPatch,
    vocabulary: Vocabulary,
    text: str,
    person: str,
    expected: str | None,
) -> None:
    model = _toy_model()
    monkeypatch.setattr(orgs, "load_org_model", lambda: model)
    found = extract_contacts(pd.DataFrame({"id": ["1"], "text": [text]}), vocabulary=vocabulary)
    row = found[found["person"] == person].iloc[0]
    assert (row["org"] if isinstance(row["org"], str) else None) == expected


def test_rules_alone_leave_the_pair_orgless(rules_only: None, vocabulary: Vocabulary) -> None:
    found = extract_contacts(
        pd.DataFrame({"id": ["1"], "text": [SMIRNOVA]}), vocabulary=vocabulary
    )
    assert not isinstance(found.iloc[0]["org"], str)


def test_no_model_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ABM_CACHE", str(tmp_path))
    monkeypatch.delenv("ABM_NO_PAIR_MODEL", raising=False)
    monkeypatch.delenv("ABM_NO_ORG_MODEL", raising=False)
    assert orgs.load_org_model() is None


@pytest.mark.parametrize(
    "text",
    [
        "Адвокат Марк Фейгин сообщил в Twitter, что суд перенесён.",
        "Об этом в Facebook сообщил адвокат Марк Фейгин.",
        "Депутат Иван Петров написал в Telegram, что закон примут осенью.",
        "Как сообщил в Instagram певец Филипп Киркоров, концерт отменён.",
    ],
)
def test_a_channel_is_no_employer(vocabulary: Vocabulary, text: str) -> None:
    """A network a person speaks through is not the organisation of the title."""
    found = extract_contacts(pd.DataFrame({"id": ["1"], "text": [text]}), vocabulary=vocabulary)
    assert len(found) == 1
    assert not isinstance(found.iloc[0]["org"], str)


def test_a_channel_named_by_the_title_stays(vocabulary: Vocabulary) -> None:
    text = "Генеральный директор Twitter Линда Яккарино объявила о смене стратегии."
    found = extract_contacts(pd.DataFrame({"id": ["1"], "text": [text]}), vocabulary=vocabulary)
    assert list(found["org"]) == ["Twitter"]
