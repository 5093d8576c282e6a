"""DQI at scale: 200,000 companies × 1,000,000 contacts, against a naive row-by-row check.

Prints a table: wall time, rows/s and peak RSS of ``abm quality``'s path (read CSV → assess →
problems), and the same cells checked by a naive loop (one library call per cell, no
de-duplication, no fast paths) on a sample in the same process, as a throughput ratio. Both
must agree on the sample's DQI. Data comes from the demo generator (fictional).

    .venv/bin/python benchmarks/bench_quality.py [--companies 200000] [--sample 50000]
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import resource
import tempfile
import time
from pathlib import Path

import email_validator
import pandas as pd
import phonenumbers
from stdnum.ru import inn as stdnum_inn

from abmresearch.demo import generate_companies, generate_contacts
from abmresearch.io import write_table
from abmresearch.quality import assess, read_crm_export
from abmresearch.quality.dqi import FIELDS, round_half_up
from abmresearch.vocabulary import Vocabulary, load_vocabulary

SEGMENTS = ["общестрой", "интерьерные работы", "алмазная резка"]
_NAME = re.compile(r"[А-Яа-яЁё\-' ’ʼ‐]+")


def naive_dqi(companies: pd.DataFrame, contacts: pd.DataFrame, vocabulary: Vocabulary) -> float:
    """The contract's rules, one cell at a time, straight from the libraries."""
    titles = {p.title.casefold() for p in vocabulary}
    segments = {s.casefold() for s in SEGMENTS}
    inns = [str(v).strip() for v in companies["inn"]]
    seen: dict[str, int] = {}
    for inn in inns:
        seen[inn] = seen.get(inn, 0) + 1
    valid = checked = 0

    def phone_ok(value: str) -> bool:
        try:
            number = phonenumbers.parse(value, "RU")
        except phonenumbers.NumberParseException:
            return False
        if len(list(phonenumbers.PhoneNumberMatcher(value, "RU"))) > 1:
            return False
        return phonenumbers.is_valid_number(number) and (
            phonenumbers.region_code_for_number(number) == "RU"
        )

    def email_ok(value: str) -> bool:
        try:
            email_validator.validate_email(value, check_deliverability=False)
        except email_validator.EmailNotValidError:
            return False
        return True

    def employees_ok(value: str) -> bool:
        return bool(re.fullmatch(r"[0-9]+(\.0+)?", value)) and int(value.split(".")[0]) >= 1

    for row in companies.itertuples(index=False):
        inn = str(row.inn).strip()
        ok_inn = (
            bool(re.fullmatch(r"[0-9]{10}|[0-9]{12}", inn))
            and stdnum_inn.is_valid(inn)
            and seen[inn] == 1
        )
        valid += ok_inn + (str(row.segment).strip().casefold() in segments)
        valid += employees_ok(str(row.employees).strip())
        checked += 3
    for row in contacts.itertuples(index=False):
        for part in (row.last_name, row.first_name, row.middle_name):
            valid += bool(_NAME.fullmatch(str(part).strip())) and any(
                c.isalpha() for c in str(part)
            )
        valid += str(row.position).strip().casefold() in titles
        valid += bool(str(row.email).strip()) and email_ok(str(row.email).strip())
        valid += bool(str(row.phone).strip()) and phone_ok(str(row.phone).strip())
        checked += 6
    return round_half_up(valid, checked)


def _child(companies_csv: str, contacts_csv: str, queue: multiprocessing.Queue) -> None:
    started = time.perf_counter()
    companies, contacts = read_crm_export(companies_csv, contacts_csv)
    read = time.perf_counter()
    result = assess(companies, contacts, vocabulary=load_vocabulary(), segments=SEGMENTS)
    done = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(
        {
            "read_s": read - started,
            "assess_s": done - read,
            "total_s": done - started,
            "peak_mb": peak_mb,
            "dqi": result.dqi,
            "problems": len(result.problems),
            "rows": len(companies) + len(contacts),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=200_000)
    parser.add_argument("--sample", type=int, default=20_000, help="companies in the naive run")
    args = parser.parse_args()

    t0 = time.perf_counter()
    companies = generate_companies(args.companies, seed=1)
    contacts = generate_contacts(companies, seed=2, per_company=(3, 7))
    generated = time.perf_counter() - t0
    companies = companies[["company_id", "name", "inn", "segment", "employees"]]
    contacts = contacts.drop(columns=["gender"])
    cells = len(companies) * len(FIELDS["companies"]) + len(contacts) * len(FIELDS["contacts"])
    print(
        f"generated {len(companies):,} companies, {len(contacts):,} contacts "
        f"({cells:,} cells) in {generated:.1f} s"
    )

    with tempfile.TemporaryDirectory() as tmp:
        companies_csv, contacts_csv = Path(tmp) / "companies.csv", Path(tmp) / "contacts.csv"
        write_table(companies, companies_csv)
        write_table(contacts, contacts_csv)
        context = multiprocessing.get_context("spawn")
        queue: multiprocessing.Queue = context.Queue()
        child = context.Process(target=_child, args=(str(companies_csv), str(contacts_csv), queue))
        child.start()
        full = queue.get()
        child.join()

    # Naive vs vectorised on the same sample, in this process.
    vocabulary = load_vocabulary()
    sample_ids = set(companies["company_id"].head(args.sample))
    sample_companies = companies[companies["company_id"].isin(sample_ids)]
    sample_contacts = contacts[contacts["company_id"].isin(sample_ids)]
    sample_rows = len(sample_companies) + len(sample_contacts)
    t0 = time.perf_counter()
    fast = assess(sample_companies, sample_contacts, vocabulary=vocabulary, segments=SEGMENTS)
    fast_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    slow_dqi = naive_dqi(sample_companies, sample_contacts, vocabulary)
    slow_s = time.perf_counter() - t0
    if slow_dqi != fast.dqi:
        raise SystemExit(f"naive DQI {slow_dqi} != vectorised {fast.dqi}: the rules disagree")

    print()
    print("| run | rows | cells | wall s | rows/s | peak RSS MB | DQI |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(
        f"| abm quality path, full (read {full['read_s']:.1f} s + assess "
        f"{full['assess_s']:.1f} s) | {full['rows']:,} | {cells:,} | {full['total_s']:.1f} | "
        f"{full['rows'] / full['total_s']:,.0f} | {full['peak_mb']:,.0f} | {full['dqi']} |"
    )
    sample_cells = 3 * len(sample_companies) + 6 * len(sample_contacts)
    print(
        f"| vectorised assess, sample | {sample_rows:,} | {sample_cells:,} | {fast_s:.2f} | "
        f"{sample_rows / fast_s:,.0f} | – | {fast.dqi} |"
    )
    print(
        f"| naive row-by-row, sample | {sample_rows:,} | {sample_cells:,} | {slow_s:.2f} | "
        f"{sample_rows / slow_s:,.0f} | – | {slow_dqi} |"
    )
    print()
    print(f"speed-up of vectorised over naive (same sample, same process): {slow_s / fast_s:.1f}×")
    print(
        f"target: full run under 60 s and 3 GB — "
        f"{'met' if full['total_s'] < 60 and full['peak_mb'] < 3072 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
