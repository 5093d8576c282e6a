"""A random sample of ``bench_extract``'s false positives on the dev sets, to label by hand.

The scorer counts a predicted pair as false when the gold lacks it, and the golds leave many
stated occupations unannotated. This script writes, for NEREL dev and the factRuEval devset, a
seeded random sample of the predicted person–title pairs the scorer rejects, each with the
text around it, as a CSV to label TRUE (the text states it) / FALSE / HYPOTHETICAL / UNSURE.
Precision counting the TRUE share is then ``P + (1 − P) × share``. The texts stay local (NEREL
has no licence): write the CSV outside the repository.

Usage: ``python benchmarks/sample_false_positives.py OUT.csv [--per-set 80] [--seed 20261202]``
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import defaultdict
from pathlib import Path

import bench_extract as bench

from abmresearch.vocabulary import load_vocabulary


def _context(text: str, spans: list[tuple[int, int]]) -> str:
    start = max(0, min(s for s, _ in spans) - 300)
    end = max(e for _, e in spans) + 150
    return text[start:end].replace("\n", " ")


def nerel_false_positives() -> list[tuple[str, str, str, str, str]]:
    docs = bench.nerel_docs(None, "dev")
    pred, _ = bench._run(docs, load_vocabulary())
    pairs, _ = bench.nerel_gold("dev")
    by_doc: dict[str, list[dict[str, object]]] = defaultdict(list)
    for pair in pairs:
        by_doc[str(pair["doc"])].append(pair)
    out = []
    for row in pred.to_dict(orient="records"):
        text = docs[row["doc_id"]]
        title = (int(row["position_start"]), int(row["position_end"]))
        person = (int(row["start"]), int(row["end"]))
        lemmas = bench._lemmas(text[title[0] : title[1]])
        surname = str(row.get("last_name") or "").lower().replace("ё", "е")
        hit = any(
            bench._overlap(title, item["position"])
            and lemmas & bench._lemmas(str(item["profession"]))
            and (bench._overlap(person, item["person"]) or surname == item["surname"])
            for item in by_doc[row["doc_id"]]
        )
        if not hit:
            context = _context(text, [title, person])
            out.append(("NEREL", row["doc_id"], row["person"], text[title[0] : title[1]], context))
    return out


def fre_false_positives() -> list[tuple[str, str, str, str, str]]:
    docs = bench.fre_docs(None)
    facts = bench.fre_facts()
    pred, _ = bench._run(docs, load_vocabulary())
    gold = [f for f in facts.to_dict(orient="records") if f["doc"] in docs and f["position"]]
    seen: set[tuple[str, str, str]] = set()
    out = []
    for row in pred.to_dict(orient="records"):
        key = (row["doc_id"], str(row.get("last_name") or "").lower(), str(row["position_norm"]))
        if key in seen:
            continue  # the scorer counts a person's title once per document
        seen.add(key)
        surname = bench._norm(str(row.get("last_name") or ""))
        person = (int(row["start"]), int(row["end"]))
        nouns = bench._title_nouns(str(row["position"])) | bench._title_nouns(
            str(row["position_norm"])
        )
        hit = any(
            f["doc"] == row["doc_id"]
            and (
                (surname and surname in f["surnames"])
                or any(bench._overlap(person, s) for s in f["mentions"])
            )
            and nouns & bench._title_nouns(f["position"])
            for f in gold
        )
        if not hit:
            text = docs[row["doc_id"]]
            title = (int(row["position_start"]), int(row["position_end"]))
            context = _context(text, [title, person])
            out.append(
                ("factRuEval", row["doc_id"], row["person"], text[title[0] : title[1]], context)
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-set", type=int, default=80)
    parser.add_argument("--seed", type=int, default=20261202)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    nerel, fre = nerel_false_positives(), fre_false_positives()
    sample = rng.sample(nerel, min(args.per_set, len(nerel))) + rng.sample(
        fre, min(args.per_set, len(fre))
    )
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "dataset", "doc", "person", "title_as_written", "context"])
        for index, row in enumerate(sample):
            writer.writerow([index, *row])
    print(f"NEREL false positives {len(nerel)}, factRuEval {len(fre)}: {len(sample)} → {args.out}")


if __name__ == "__main__":
    main()
