"""Accuracy, speed and memory of ``abm extract`` / ``abm titles`` on real data.

Data (read from ../shared/data, never copied): the NEREL v1.1 dev split (WORKS_AS and the
derived PERSON–PROFESSION–ORGANIZATION triples), the factRuEval-2016 devset (Occupation facts
and the normalised surnames of its Person objects), and the labelled titles of
``tests/assets/extract/titles_labelled.csv``.

Matching (lenient to inflection and nested spans, not trivial):

* NEREL pair: the predicted position's character span overlaps the gold PROFESSION span and
  they share a lemma, and the person's span overlaps the gold PERSON span *or* the predicted
  nominative surname equals the gold person's nominative surname (coreference); one-to-one.
* NEREL triple: a matched pair whose predicted org shares a content lemma (≥ 3 letters) with
  a gold ORGANIZATION of that (person, title): the orgs the gold attaches to the title, else
  those it attaches to the person. One gold triple per (person, title): the derived file's
  rows join every title of a person with every org of the person (16 rows for one person with
  four titles and four orgs), which one contact row can't match and most of which are false.
  The row «per org span» scores against those rows as they are (the scorer before 2026-12-02).
* factRuEval pair (document level): the same person — the predicted nominative surname is one
  the fact's person is known by (the fact's normalised «Фамилия Имя» or its chain's
  ``lastname``), or the predicted person's span overlaps a mention of that person — and the
  position shares a noun lemma with the fact's Position (adjectives alone, «первый»,
  «генеральный», don't make two titles the same); triple: also an org lemma shared with the
  fact's Where. Facts without a Position (or Where, for triples) are skipped. A prediction
  may hit several facts of its person (two Positions of one title); precision counts it once.
* Surname accuracy: every gold Person mention of factRuEval with a ``lastname`` whose surname
  span a predicted PER covers: predicted nominative surname == gold lastname (ё = е).

Baseline, same process: natasha PER + the nearest title head word in the sentence (the same
head-word list), surname as written, org = nearest ORG in the sentence; for titles, the
vocabulary alone (title/alias, else «другое»).

Usage: ``python benchmarks/bench_extract.py`` (add ``--limit N`` for a quick look). With
``--nerel-split train-holdout`` the NEREL rows score train documents 601–746 (sorted) against
their own WORKS_AS / triples instead of the dev split: the numbers to develop on, with a pair
model fitted on train documents 1–600 (``python -m abmresearch.extract.pairing
../shared/data/nerel --limit 600 --out DIR/extract_pairs.pkl`` and ``ABM_CACHE=DIR``).
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import re
import resource
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from abmresearch.extract import _lexicon as lx
from abmresearch.extract._morph import lemma, parses
from abmresearch.extract.contacts import extract_contacts, extract_people
from abmresearch.extract.ner import analyse
from abmresearch.extract.pairing import load_pair_model
from abmresearch.extract.people import parse_person
from abmresearch.extract.positions import read_title
from abmresearch.vocabulary import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared" / "data").resolve()
if not SHARED.exists():
    SHARED = Path("/work/shared/data")


def _lemmas(text: str) -> set[str]:
    return {
        lemma(word).replace("ё", "е")
        for word in re.findall(r"[А-Яа-яЁёA-Za-z-]+", text)
        if len(word) >= 3
    } - {"по", "для", "при", "под"}


def _title_nouns(text: str) -> set[str]:
    """The lemmas of a title's nouns: «первого секретаря» → {«секретарь»}. Document-level
    matching (factRuEval) must not count «первый» or «генеральный» alone as the same title."""
    return {
        lemma(word).replace("ё", "е")
        for word in re.findall(r"[А-Яа-яЁёA-Za-z-]+", text)
        if len(word) >= 3 and "ADJF" not in parses(word.lower())[0].tag
    } - {"по", "для", "при", "под"}


def _has_org(row: dict[str, Any]) -> bool:
    """A predicted organisation (a missing one is NaN in a pandas 3 str column, not None)."""
    org = row.get("org")
    return isinstance(org, str) and bool(org.strip())


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _surname(text: str) -> str:
    return (parse_person(text).last_name or "").lower().replace("ё", "е")


@dataclass
class Score:
    tp_pred: int = 0
    pred: int = 0
    tp_gold: int = 0
    gold: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp_pred / self.pred if self.pred else 0.0
        r = self.tp_gold / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


# ── baseline ────────────────────────────────────────────────────────────────


def baseline(text: str, doc_id: str) -> pd.DataFrame:
    """natasha PER + nearest title head word in the sentence."""
    rows = []
    for sentence in analyse(text):
        heads = []
        for token in sentence.tokens:
            if any(e.start <= token.start < e.end for e in sentence.entities if e.kind == "PER"):
                continue
            if lemma(token.text.lower()).replace("ё", "е") in lx.HEAD_WORDS:
                heads.append(token)
        orgs = [e for e in sentence.entities if e.kind == "ORG"]
        for person in (e for e in sentence.entities if e.kind == "PER"):
            if not heads:
                break
            head = min(
                heads, key=lambda t: min(abs(t.start - person.end), abs(person.start - t.end))
            )
            org = min(orgs, key=lambda o: abs(o.start - head.end), default=None)
            rows.append(
                {
                    "doc_id": doc_id,
                    "last_name": person.text.split()[-1],
                    "position": head.text,
                    "position_norm": head.text.lower(),
                    "org": org.text if org else None,
                    "start": person.start,
                    "end": person.end,
                    "position_start": head.start,
                    "position_end": head.end,
                }
            )
    return pd.DataFrame(rows)


# ── NEREL ───────────────────────────────────────────────────────────────────


def nerel_docs(limit: int | None, split: str = "dev") -> dict[str, str]:
    folder = SHARED / "nerel" / ("dev" if split == "dev" else "train")
    names = sorted(p.stem for p in folder.glob("*.txt"))
    if split == "train-holdout":
        from abmresearch.extract.pairing import HOLDOUT_FROM

        names = names[HOLDOUT_FROM:]
    names = names[:limit]
    return {name: (folder / f"{name}.txt").read_text(encoding="utf-8") for name in names}


def _span(value: str) -> tuple[int, int]:
    """«start end» (a discontinuous «s1 e1;s2 e2» → its first start and last end)."""
    numbers = re.findall(r"\d+", value)
    return int(numbers[0]), int(numbers[-1])


def nerel_gold(split: str = "dev") -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    derived = SHARED / "nerel" / "derived"
    prefix = "dev" if split == "dev" else "train"
    pairs = pd.read_csv(
        derived / f"{prefix}_works_as.tsv", sep="\t", dtype=str, keep_default_na=False
    )
    triples = pd.read_csv(
        derived / f"{prefix}_person_profession_org.tsv", sep="\t", dtype=str, keep_default_na=False
    )
    gold_pairs = [
        {
            "doc": r.doc,
            "person": _span(r.person_span),
            "surname": _surname(r.person),
            "position": _span(r.profession_span),
            "profession": r.profession,
        }
        for r in pairs.drop_duplicates(["doc", "person_span", "profession_span"]).itertuples()
    ]
    triples = triples.drop_duplicates(["doc", "person_span", "profession_span", "org_span"])
    gold_triples: list[dict[str, Any]] = []
    for (doc, person_span, profession_span), group in triples.groupby(
        ["doc", "person_span", "profession_span"], sort=False
    ):
        # The derived file joins every WORKS_AS of a person with every WORKPLACE of the person:
        # a person with four titles and four person-attached orgs gives 16 rows, most of them
        # false (a deputy prosecutor «at» Lockheed Martin). One triple per (person, title): its
        # title's own orgs if the gold attaches any to the title, else the person's orgs.
        own = group[group.workplace_attached_to == "profession"]
        first = group.iloc[0]
        gold_triples.append(
            {
                "doc": doc,
                "person": _span(person_span),
                "surname": _surname(first.person),
                "position": _span(profession_span),
                "profession": first.profession,
                "orgs": list((own if len(own) else group).org),
                "all_orgs": list(group.org),
            }
        )
    return gold_pairs, gold_triples


def _match_nerel(
    pred: pd.DataFrame, gold: list[dict[str, Any]], docs: dict[str, str], *, triples: bool
) -> Score:
    score = Score()
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in gold:
        if item["doc"] in docs:
            by_doc[item["doc"]].append(item)
    score.gold = sum(len(v) for v in by_doc.values())
    rows = pred.to_dict(orient="records") if not pred.empty else []
    if triples:
        rows = [r for r in rows if _has_org(r)]
    score.pred = len(rows)
    used_gold: set[int] = set()
    for row in rows:
        text = docs[row["doc_id"]]
        span = (int(row["position_start"]), int(row["position_end"]))
        lemmas = _lemmas(text[span[0] : span[1]])
        surname = str(row.get("last_name") or "").lower().replace("ё", "е")
        for item in by_doc.get(row["doc_id"], []):
            if id(item) in used_gold:
                continue
            if not _overlap(span, item["position"]) or not (lemmas & _lemmas(item["profession"])):
                continue
            same_person = _overlap((int(row["start"]), int(row["end"])), item["person"]) or (
                surname and surname == item["surname"]
            )
            if not same_person:
                continue
            if triples and not any(_lemmas(str(row["org"])) & _lemmas(o) for o in item["orgs"]):
                continue
            used_gold.add(id(item))
            score.tp_pred += 1
            break
    score.tp_gold = len(used_gold)
    return score


# ── factRuEval ──────────────────────────────────────────────────────────────


def fre_docs(limit: int | None) -> dict[str, str]:
    folder = SHARED / "factrueval2016" / "devset"
    names = sorted(p.stem for p in folder.glob("*.txt"))[:limit]
    return {name: (folder / f"{name}.txt").read_text(encoding="utf-8") for name in names}


@dataclass
class FreDoc:
    """One factRuEval document's annotation: span offsets, objects and coreference chains."""

    spans: dict[str, tuple[str, int, int]]  # span id → (type, start, end)
    objects: dict[str, tuple[str, list[str]]]  # object id → (type, span ids)
    chains: dict[str, tuple[list[str], dict[str, str]]]  # chain id → (object ids, keys)

    def mentions(self, chain: str) -> list[tuple[int, int]]:
        """Character spans of every mention of a coreference chain («obj292» or «292»)."""
        members, _ = self.chains.get(chain.removeprefix("obj"), ([], {}))
        return [
            self.spans[span][1:]
            for member in members
            for span in self.objects.get(member, ("", []))[1]
            if span in self.spans
        ]

    def lastname(self, chain: str) -> str:
        return self.chains.get(chain.removeprefix("obj"), ([], {}))[1].get("lastname", "")


def fre_doc(name: str) -> FreDoc:
    folder = SHARED / "factrueval2016" / "devset"
    spans: dict[str, tuple[str, int, int]] = {}
    for line in (folder / f"{name}.spans").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4:
            spans[parts[0]] = (parts[1], int(parts[2]), int(parts[2]) + int(parts[3]))
    objects: dict[str, tuple[str, list[str]]] = {}
    for line in (folder / f"{name}.objects").read_text(encoding="utf-8").splitlines():
        parts = line.split("#")[0].split()
        if len(parts) >= 3:
            objects[parts[0]] = (parts[1], parts[2:])
    chains: dict[str, tuple[list[str], dict[str, str]]] = {}
    block: list[str] = []
    for line in [*(folder / f"{name}.coref").read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            block.append(line)
            continue
        if block:
            head = block[0].split()
            values = {k: v.strip() for k, v in (b.split(" ", 1) for b in block[1:] if " " in b)}
            chains[head[0]] = (head[1:], values)
        block = []
    return FreDoc(spans, objects, chains)


def _norm(text: str) -> str:
    return text.lower().replace("ё", "е")


def fre_facts() -> pd.DataFrame:
    """The Occupation facts, each with the ways to recognise its person: the surnames it is
    known by (the fact's «Фамилия Имя» text and the chain's ``lastname``; the text is not
    always surname-first: «Николаевич Борис Ельцин», «Ле Пен Марин») and the character spans
    of every mention of the person in the document."""
    path = SHARED / "factrueval2016" / "derived" / "dev_occupation_facts.tsv"
    facts = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    docs: dict[str, FreDoc] = {}
    surnames: list[set[str]] = []
    mentions: list[list[tuple[int, int]]] = []
    for fact in facts.itertuples():
        doc = docs.setdefault(str(fact.doc), fre_doc(str(fact.doc)))
        chains = str(fact.who_ids).split(" | ")
        known = {_norm(str(fact.who).split(" | ")[0].split()[0])} if fact.who else set()
        known |= {_norm(doc.lastname(chain)) for chain in chains} - {""}
        surnames.append(known)
        mentions.append([span for chain in chains for span in doc.mentions(chain)])
    return facts.assign(surnames=surnames, mentions=mentions)


def _match_fre(pred: pd.DataFrame, facts: pd.DataFrame, docs: set[str], *, triples: bool) -> Score:
    score = Score()
    gold = [
        f
        for f in facts.to_dict(orient="records")
        if f["doc"] in docs and f["position"] and (f["where"] or not triples)
    ]
    score.gold = len(gold)
    rows = pred.to_dict(orient="records") if not pred.empty else []
    if triples:
        rows = [r for r in rows if _has_org(r)]
    seen: set[tuple[str, str, str, str]] = set()
    unique = []
    for row in rows:
        key = (
            row["doc_id"],
            str(row.get("last_name") or "").lower(),
            str(row.get("position_norm") or ""),
            str(row["org"]) if triples else "",
        )
        if key not in seen:
            seen.add(key)
            unique.append(row)
    score.pred = len(unique)
    used: set[int] = set()
    for row in unique:
        surname = _norm(str(row.get("last_name") or ""))
        person = (int(row["start"]), int(row["end"]))
        lemmas = _title_nouns(str(row.get("position") or "")) | _title_nouns(
            str(row.get("position_norm") or "")
        )
        hit = False
        for index, fact in enumerate(gold):
            if fact["doc"] != row["doc_id"]:
                continue
            same_person = (surname and surname in fact["surnames"]) or any(
                _overlap(person, span) for span in fact["mentions"]
            )
            if not same_person or not (lemmas & _title_nouns(fact["position"])):
                continue
            if triples and not (_lemmas(str(row["org"])) & _lemmas(fact["where"])):
                continue
            hit = True
            used.add(index)
        score.tp_pred += hit
    score.tp_gold = len(used)
    return score


def fre_surnames(docs: dict[str, str]) -> tuple[int, int, int]:
    """(mentions checked, ours correct, baseline-as-written correct)."""
    checked = ours_ok = base_ok = 0
    for name, text in docs.items():
        doc = fre_doc(name)
        people = extract_people(text)
        persons = [
            (member, values["lastname"])
            for members, values in doc.chains.values()
            if values.get("lastname")
            for member in members
            if doc.objects.get(member, ("", []))[0] == "Person"
        ]
        for member, lastname in persons:
            surname_spans = [
                doc.spans[s]
                for s in doc.objects[member][1]
                if s in doc.spans and doc.spans[s][0] == "surname"
            ]
            if not surname_spans:
                continue
            _, start, end = surname_spans[0]
            found = [p for p in people if p[1] <= start and end <= p[2]]
            if not found:
                continue
            checked += 1
            gold = _norm(lastname)
            ours = (found[0][0].last_name or "").lower().replace("ё", "е")
            ours_ok += ours == gold
            base_ok += text[start:end].lower().replace("ё", "е") == gold
    return checked, ours_ok, base_ok


# ── titles ──────────────────────────────────────────────────────────────────


def titles_accuracy(path: Path, vocabulary: Vocabulary) -> tuple[int, float, float, float]:
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("role")]
    ours = base = level = 0
    for row in rows:
        reading = read_title(row["title"], vocabulary=vocabulary)
        ours += reading.role == row["role"]
        level += reading.level == row["level"]
        entry = vocabulary.find(row["title"])
        base += (entry.role if entry else "другое") == row["role"]
    n = len(rows)
    return n, ours / n, base / n, level / n


# ── run ─────────────────────────────────────────────────────────────────────


def _clear_caches() -> None:
    """Cold caches for each timed run (morphology, names, titles), models stay loaded."""
    from abmresearch.extract import _morph, contacts, positions

    for cached in (
        _morph.parses,
        _morph.is_known,
        contacts._word_info,
        contacts.parse_person,
        positions._typo_lexicon,
    ):
        cached.cache_clear()
    positions._CACHE.clear()


def _run(docs: dict[str, str], vocabulary: Vocabulary) -> tuple[pd.DataFrame, float]:
    _clear_caches()
    frames = []
    started = time.process_time()
    for name, text in docs.items():
        frames.append(
            extract_contacts(pd.DataFrame({"id": [name], "text": [text]}), vocabulary=vocabulary)
        )
    elapsed = time.process_time() - started
    return pd.concat(frames, ignore_index=True), elapsed


def _run_baseline(docs: dict[str, str]) -> tuple[pd.DataFrame, float]:
    _clear_caches()
    started = time.process_time()
    frames = [baseline(text, name) for name, text in docs.items()]
    elapsed = time.process_time() - started
    return pd.concat([f for f in frames if not f.empty], ignore_index=True), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--nerel-split", choices=("dev", "train-holdout"), default="dev")
    parser.add_argument(
        "--titles",
        type=Path,
        default=ROOT / "tests" / "assets" / "extract" / "titles_labelled.csv",
    )
    args = parser.parse_args()
    vocabulary = load_vocabulary()
    analyse("Прогрев моделей.")  # load natasha once, outside the timings
    read_title("директор", vocabulary=vocabulary)

    table: list[tuple[str, ...]] = []

    def fmt(value: float | str) -> str:
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    def add(metric: str, *values: float | str, note: str = "") -> None:
        table.append((metric, *(fmt(v) for v in values), note))

    def both(docs: dict[str, str]) -> tuple[pd.DataFrame, float, pd.DataFrame, float]:
        """(rules + model, seconds, rules only, seconds)."""
        with_model = _run(docs, vocabulary)
        os.environ["ABM_NO_PAIR_MODEL"] = "1"
        load_pair_model.cache_clear()
        rules = _run(docs, vocabulary)
        del os.environ["ABM_NO_PAIR_MODEL"]
        load_pair_model.cache_clear()
        return (*with_model, *rules)

    model = load_pair_model()
    nerel = nerel_docs(args.limit, args.nerel_split)
    gold_pairs, gold_triples = nerel_gold(args.nerel_split)
    nerel_label = "NEREL dev" if args.nerel_split == "dev" else "NEREL train 601–746"
    ours_n, ours_t, rules_n, rules_t = both(nerel)
    base_n, base_t = _run_baseline(nerel)
    for label, gold, triples in (("pairs", gold_pairs, False), ("triples", gold_triples, True)):
        scores = [
            _match_nerel(frame, gold, nerel, triples=triples).prf()
            for frame in (ours_n, rules_n, base_n)
        ]
        for i, what in enumerate(("P", "R", "F1")):
            add(f"{nerel_label} {label} {what}", *(score[i] for score in scores))
    per_span = [{**item, "orgs": [org]} for item in gold_triples for org in item["all_orgs"]]
    add(
        f"{nerel_label} triples F1, per org span",
        *(
            _match_nerel(frame, per_span, nerel, triples=True).prf()[2]
            for frame in (ours_n, rules_n, base_n)
        ),
        note=f"{sum(item['doc'] in nerel for item in per_span)} rows of the derived file, "
        "as in the scorer before 2026-12-02",
    )

    fre = fre_docs(args.limit)
    facts = fre_facts()
    ours_f, ours_ft, rules_f, rules_ft = both(fre)
    base_f, base_ft = _run_baseline(fre)
    for label, triples in (("pairs", False), ("triples", True)):
        scores = [
            _match_fre(frame, facts, set(fre), triples=triples).prf()
            for frame in (ours_f, rules_f, base_f)
        ]
        for i, what in enumerate(("P", "R", "F1")):
            add(f"factRuEval dev {label} {what}", *(score[i] for score in scores))

    checked, ours_ok, base_ok = fre_surnames(fre)
    add(
        "nominative surname accuracy (factRuEval)",
        ours_ok / max(checked, 1),
        ours_ok / max(checked, 1),
        base_ok / max(checked, 1),
        note=f"{checked} gold Person mentions; baseline = surname as written",
    )
    if args.titles.exists():
        n, ours_role, base_role, level = titles_accuracy(args.titles, vocabulary)
        add(
            "title role accuracy",
            ours_role,
            ours_role,
            base_role,
            note=f"{n} labelled titles; baseline = vocabulary look-up only",
        )
        add("title level accuracy", level, level, "", note=f"{n} labelled titles")

    articles = len(nerel) + len(fre)
    speeds = [articles / (ours_t + ours_ft), articles / (rules_t + rules_ft)]
    base_speed = articles / (base_t + base_ft)
    add(
        "throughput, articles/s (1 core, CPU time)",
        *(f"{speed:.1f}" for speed in speeds),
        f"{base_speed:.1f}",
        note=f"{articles} articles; ratio to baseline "
        + " / ".join(f"{speed / base_speed:.2f}" for speed in speeds),
    )
    gc.collect()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    add("peak memory, MB (whole process)", f"{peak:.0f}", "", "", note="all runs, one process")

    trained = "yes" if model is not None else "no (train: python -m abmresearch.extract.pairing)"
    print(f"pair model in cache: {trained}")
    print("| metric | rules + model | rules only | baseline | note |")
    print("|---|---|---|---|---|")
    for row in table:
        print("| " + " | ".join(row) + " |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
