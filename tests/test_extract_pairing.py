"""The learned pair model: candidates (same sentence and earlier sentences), labels, pairing."""

from __future__ import annotations

import pickle
from pathlib import Path

import pandas as pd
import pytest

from abmresearch.extract import pairing
from abmresearch.extract._linear import load_cached
from abmresearch.extract.contacts import candidate_pairs, extract_contacts
from abmresearch.extract.pairing import PairClassifier, training_set
from abmresearch.vocabulary import Vocabulary

BIOGRAPHY = (
    "Актёр Иван Петров родился в Москве в 1950 году. "
    "С 1990 года — директор завода «Маяк». "
    "В 2001 году Петров получил орден."
)


@pytest.mark.parametrize(
    ("text", "title", "person", "surname", "earlier"),
    [
        # the sentence names nobody: the person of the sentence before is a candidate
        (BIOGRAPHY, "директор завода «Маяк»", "Иван Петров", "петров", True),
        # the sentence names its person: an ordinary same-sentence candidate
        (
            "Директор завода заявил журналистам, что Иван Петров приедет в среду.",
            "Директор завода",
            "Иван Петров",
            "петров",
            False,
        ),
        (
            "Министр финансов Антон Силуанов выступил в Думе. По словам министра, налоги снизят.",
            "министра",
            "Антон Силуанов",
            "силуанов",
            True,
        ),
    ],
)
def test_candidates(text: str, title: str, person: str, surname: str, earlier: bool) -> None:
    found = [
        c
        for c in candidate_pairs(text)
        if text[c.title[0] : c.title[1]] == title and text[c.person[0] : c.person[1]] == person
    ]
    assert len(found) == 1
    assert found[0].surname == surname
    assert ("x:bias" in found[0].features) is earlier


def _write_brat(folder: Path, name: str, text: str, ann: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.ann").write_text(ann, encoding="utf-8")
    return folder / f"{name}.txt"


def _span(text: str, part: str, start: int = 0) -> str:
    begin = text.index(part, start)
    return f"{begin} {begin + len(part)}"


def test_training_labels_count_another_mention_of_the_same_person(tmp_path: Path) -> None:
    # the gold pair links the title to the *third* sentence's «Петров»; the candidate of the
    # title is the first sentence's «Иван Петров»: the same surname, so a positive
    text = BIOGRAPHY
    third = text.index("Петров получил")
    ann = (
        f"T1\tPERSON {_span(text, 'Иван Петров')}\tИван Петров\n"
        f"T2\tPROFESSION {_span(text, 'директор завода')}\tдиректор завода\n"
        f"T3\tPERSON {third} {third + 6}\tПетров\n"
        "R1\tWORKS_AS Arg1:T3 Arg2:T2\n"
    )
    path = _write_brat(tmp_path / "train", "001", text, ann)
    features, labels = training_set([path])
    assert len(features) == len(labels) >= 1
    positives = [f for f, label in zip(features, labels, strict=True) if label]
    assert len(positives) == 1 and "x:bias" in positives[0]


def _toy_model() -> PairClassifier:
    """A model that trusts the last person named before a sentence that names nobody."""
    positive = {"x:bias": 1.0, "x:rank=0": 1.0, "x:subject_start": 1.0, "x:persons=0": 1.0}
    negative = {"x:bias": 1.0, "x:rank=1": 1.0, "x:persons=1": 1.0}
    same = {"adjacent": 1.0, "agree": 1.0}
    far = {"commas": 2.0, "verb": 1.0}
    features = [positive, negative, same, far] * 10
    return PairClassifier().fit(features, [1, 0, 1, 0] * 10)


@pytest.mark.parametrize(
    ("text", "person", "position", "expected"),
    [
        (BIOGRAPHY, "Иван Петров", "директор завода «Маяк»", True),
        # a title of a sentence with nobody before it stays unpaired
        ("С 1990 года — директор завода «Маяк».", None, "директор завода «Маяк»", False),
    ],
)
def test_model_pairs_a_title_with_the_person_named_before(
    monkeypatch: pytest.MonkeyPatch,
    vocabulary: Vocabulary,
    text: str,
    person: str | None,
    position: str,
    expected: bool,
) -> None:
    model = _toy_model()
    monkeypatch.setattr(pairing, "load_pair_model", lambda: model)
    found = extract_contacts(pd.DataFrame({"id": ["1"], "text": [text]}), vocabulary=vocabulary)
    rows = found[found["position"] == position]
    assert (not rows.empty) is expected
    if expected:
        assert rows.iloc[0]["person"] == person
        # the person's own mention, in the sentence before
        start, end = int(rows.iloc[0]["start"]), int(rows.iloc[0]["end"])
        assert text[start:end] == person


def test_rules_alone_leave_the_biography_title(rules_only: None, vocabulary: Vocabulary) -> None:
    found = extract_contacts(
        pd.DataFrame({"id": ["1"], "text": [BIOGRAPHY]}), vocabulary=vocabulary
    )
    assert set(found["position"]) == {"Актёр"}


def test_training_cli_needs_the_train_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        pairing._main([str(tmp_path)])
    assert stopped.value.code == 2
    assert "train" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\x80\x04not a pickle", "не читается"),
        (pickle.dumps({"weights": {}}), "содержит не PairClassifier"),
    ],
)
def test_a_broken_model_file_warns_and_leaves_the_rules(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "extract_pairs.pkl"
    path.write_bytes(content)
    with pytest.warns(UserWarning, match=problem) as caught:
        assert load_cached(path, PairClassifier) is None
    assert str(path) in str(caught[0].message)
    assert load_cached(tmp_path / "missing.pkl", PairClassifier) is None
