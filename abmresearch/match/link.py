"""Link mentions to registry companies: blocking, rapidfuzz scoring, rerank, decision.

For each mention: a valid ИНН that the registry knows wins outright; otherwise the blocking
index gives a few dozen entries, rapidfuzz scores their characters in one parallel
``process.cpdist`` call over all (mention, entry) pairs of a batch (``workers=-1``,
``score_cutoff``), the best of them are reranked by rarity-weighted token agreement
(:mod:`abmresearch.match.score`), and the calibrated score decides. Two companies close together
are *ambiguous*: region and legal form break the tie, and when they cannot, the mention stays
unlinked and goes to the review queue.

Mentions written the same way are linked once; many mentions are linked in forked worker
processes that share the index (its per-name data are flat arrays, see
:class:`~abmresearch.match.index.RegistryIndex`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import Pool
from typing import TypeVar

import numpy as np
from rapidfuzz import fuzz, process
from stdnum.ru import inn as inn_checksum

from abmresearch.match._fork import fork_workers, forked_pool, paused_gc
from abmresearch.match.index import PartsColumn, RegistryIndex, Rows, TextColumn
from abmresearch.match.normalize import NameParts, lemma, parse_name, parse_uncached
from abmresearch.match.score import Agreement, calibrated, combine, token_agreement

__all__ = ["Candidate", "Link", "link_mentions"]

DEFAULT_THRESHOLD = 0.5
DEFAULT_MARGIN = 0.03
_RERANK = 4
_BY_OVERLAP = 3
_REGION_BONUS = 0.05
_REGION_PENALTY = 0.03
_FORM_BONUS = 0.04
_CHAR_CUTOFF = 30.0
_CHAR_SPREAD = 40.0
_CORE_MISSING = 0.35
_GEO_WEIGHT = 0.8
# The candidates a link keeps (the decision reads two, the review queue three).
_SHOWN = 3
# An entry and the entries beside it that may be other names of its company.
_AROUND = np.asarray([0, -1, 1, 2], dtype=np.int64)
# «"ЭКОНЕКСТ. ЭНЕРГОСБЕРЕГАЮЩИЕ ТЕХНОЛОГИИ"»: a quoted name, a full stop, a description.
_DOTTED = re.compile(r"[\"«„“]\s*(\w[\w -]*\w{3})\.\s+\w{3}")
_COMMERCIAL = frozenset({"ооо", "ао", "пао", "зао", "оао", "нао"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One registry company considered for a mention."""

    company: int
    score: float
    similarity: float
    explanation: str

    def __reduce__(self) -> tuple[type[Candidate], tuple[object, ...]]:
        # A constructor call, not the frozen dataclass's state methods (see NameParts).
        return Candidate, (self.company, self.score, self.similarity, self.explanation)


@dataclass(slots=True)
class Link:
    """The outcome for one mention.

    Attributes:
        inn: the linked ИНН or ``""``.
        score: calibrated 0–1 score of the best candidate (1.0 for ИНН and decisions).
        matched_name: registry name of the linked company or ``""``.
        method: ``inn``, ``name``, ``decision``, ``none`` or ``empty``.
        decision: ``auto``, ``accepted``, ``rejected`` or ``review``.
        explanation: which tokens agreed, tie-breakers, notes (Russian).
        candidates: the best candidates (for the review queue).
    """

    inn: str = ""
    score: float = 0.0
    matched_name: str = ""
    method: str = "none"
    decision: str = "auto"
    explanation: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    needs_review: bool = False


def _valid_inn(value: str) -> bool:
    return value.isdigit() and len(value) in (10, 12) and bool(inn_checksum.is_valid(value))


def _explain(agreed: Sequence[str], missing: Sequence[str], extra: Sequence[str]) -> str:
    parts = [f"совпали: {', '.join(agreed)}" if agreed else "общих слов нет"]
    if missing:
        parts.append(f"нет в реестре: {', '.join(missing)}")
    if extra:
        parts.append(f"лишние в реестре: {', '.join(extra)}")
    return "; ".join(parts)


def _full_entry(index: RegistryIndex, entry: int) -> int:
    """The first entry of the entry's company: its full name (a company's entries are
    consecutive, the full name first)."""
    company = index.entry_company[entry]
    while entry > 0 and index.entry_company[entry - 1] == company:
        entry -= 1
    return entry


def _dotted_core(name: str) -> tuple[str, ...]:
    """The words of the name before a full stop that opens a description, or ``()``."""
    found = _DOTTED.search(name) if "." in name else None
    return parse_name(found.group(1)).tokens if found else ()


def _core_missing(
    parts: NameParts,
    core: NameParts,
    index: RegistryIndex,
    company: int,
    whole: NameParts,
    full: Agreement,
) -> float:
    """What a mention that matched only the quoted core of a name loses for the distinctive words
    of a company's full name it does not have: a commercial company's short name keeps the words
    outside the quotes (ООО ОЦ «Профессионал», ООО ЗМК «СМС-Ресурс»: acronyms agree on the full
    name), so «Профессионал» alone is not surely «Образовательный центр "Профессионал"».

    ``whole`` is the full name, ``full`` the mention's agreement with it: words it paired there
    (also through an acronym) are not missing."""
    if index.legal_form[company] not in _COMMERCIAL:
        # Institutions and non-profits are shortened to their quoted core by convention
        # («МАУ "РДК"» for «… КУПИНСКОГО РАЙОНА "РАЙОННЫЙ ДВОРЕЦ КУЛЬТУРЫ"»).
        return 0.0
    if _dotted_core(index.name[company]) == core.tokens:
        # «ЭКОНЕКСТ. ЭНЕРГОСБЕРЕГАЮЩИЕ ТЕХНОЛОГИИ»: the name ends at the full stop.
        return 0.0
    mention = set(parts.tokens)
    inner = set(core.tokens)
    unpaired = set(full.extra)
    total = sum(index.weight(token) for token in whole.tokens)
    lost = sum(
        index.weight(token)
        for token in whole.tokens
        if token in unpaired
        and token not in inner
        and token not in mention
        and index.weight(token) > _GEO_WEIGHT
    )
    return _CORE_MISSING * lost / total if total else 0.0


def _core_agreement(
    parts: NameParts, core: NameParts, agreement: Agreement, full: Agreement, index: RegistryIndex
) -> Agreement:
    """A mention against the quoted core of a name, its words that the full name explains
    left out: «Фонд "Люди рядом"» meets the core «ЛЮДИ РЯДОМ» of «ФОНД ПОДДЕРЖКИ … "ЛЮДИ
    РЯДОМ"» whole, «СТК "Молотов"» the core «МОЛОТОВ» of «СТРОИТЕЛЬНО-ТОРГОВАЯ КОМПАНИЯ
    "МОЛОТОВ"» (its acronym agrees with the words outside the quotes)."""
    explained = set(agreement.missing) - set(full.missing)
    if not explained:
        return agreement
    keep = [k for k, token in enumerate(parts.tokens) if token not in explained]
    if not keep:
        return agreement
    reduced = NameParts(
        tuple(parts.tokens[k] for k in keep),
        tuple(parts.surface[k] for k in keep),
        parts.legal_form,
        parts.inn,
    )
    return token_agreement(reduced, core, index.weight)


def _agreement(
    parts: NameParts,
    other: NameParts,
    index: RegistryIndex,
    cache: dict[tuple[str, ...], Agreement],
) -> Agreement:
    """Token agreement of the mention with one registry name, once per spelling."""
    agreement = cache.get(other.surface)
    if agreement is None:
        agreement = token_agreement(parts, other, index.weight)
        cache[other.surface] = agreement
    return agreement


@dataclass(frozen=True, slots=True)
class _Picked:
    """The entries of one mention's short list that the rerank scores, in order: characters
    score (0–1), company and core penalty of each, and the full names the cores need."""

    chars: dict[int, float]
    company: dict[int, int]
    penalty: list[float]
    full: dict[int, int]

    def rows(self) -> Iterator[int]:
        """Every entry whose parsed name the rerank reads."""
        yield from self.chars
        yield from self.full.values()


_NOTHING = _Picked({}, {}, [], {})


def _pick(
    parts: NameParts, entries: list[int], chars: list[float], keys: list[str], index: RegistryIndex
) -> _Picked:
    """The entries of a short list worth the rerank.

    ``entries`` is the short list, ``chars`` the characters score (0–100) and ``keys`` the
    normalised key of each of its entries.
    """
    if not entries:
        return _NOTHING
    size = len(entries)
    order = sorted(range(size), key=chars.__getitem__, reverse=True)[:_RERANK]
    floor = chars[order[0]] - _CHAR_SPREAD
    # The best by characters, and the best by shared words unless their characters are far off
    # (an acronym agrees by words, not by characters).
    by_overlap = [p for p in range(min(_BY_OVERLAP, size)) if chars[p] >= floor or p == 0]
    chosen = list(dict.fromkeys([*by_overlap, *(p for p in order if chars[p] >= floor)]))
    # Every entry that spells a chosen name the same way is scored too (same-name companies in
    # other regions: the tie-breakers need them all).
    chosen_keys = {keys[p] for p in chosen}
    chosen += [p for p in range(size) if keys[p] in chosen_keys]
    positions = list(dict.fromkeys(chosen))
    picked = [entries[p] for p in positions]
    # The company of each picked entry and of the entries beside it (one array read).
    last = index.entry_company.size - 1
    around = np.asarray(picked, dtype=np.int64)[:, None] + _AROUND
    np.minimum(around, last, out=around)
    np.maximum(around, 0, out=around)
    companies = index.entry_company[around].tolist()
    pairs: dict[int, float] = {}
    company_of: dict[int, int] = {}
    for position, entry, (company, *beside) in zip(positions, picked, companies, strict=True):
        pairs[entry] = chars[position] / 100.0
        company_of[entry] = company
        # The other names of the same company (full, short, quoted core) are scored too.
        for sibling, other in zip((entry - 1, entry + 1, entry + 2), beside, strict=True):
            inside = 0 <= sibling <= last
            if inside and other == company and sibling not in pairs:
                pairs[sibling] = fuzz.ratio(parts.key, index.entry_key[sibling]) / 100.0
                company_of[sibling] = company
    penalties = index.entry_penalty[np.fromiter(pairs, dtype=np.int64, count=len(pairs))].tolist()
    full = {
        entry: _full_entry(index, entry)
        for entry, penalty in zip(pairs, penalties, strict=True)
        if penalty
    }
    return _Picked(pairs, company_of, penalties, full)


def _rank(
    parts: NameParts,
    picked: _Picked,
    index: RegistryIndex,
    *,
    region: str,
    rejected: frozenset[str],
) -> list[Candidate]:
    """Rerank the picked entries of one mention; one candidate per company, best first. Only
    the best three candidates are returned: the decision and the review queue read no more."""
    scored: dict[int, tuple[float, int, Agreement]] = {}
    agreements: dict[tuple[str, ...], Agreement] = {}
    company_of = picked.company
    for (entry, char_score), penalty in zip(picked.chars.items(), picked.penalty, strict=True):
        company = company_of[entry]
        if rejected and index.inn[company] in rejected:
            continue
        other = index.entry_parts[entry]
        agreement = _agreement(parts, other, index, agreements)
        core_missing = 0.0
        if penalty:
            whole = index.entry_parts[picked.full[entry]]
            full = _agreement(parts, whole, index, agreements)
            if agreement.missing:
                agreement = _core_agreement(parts, other, agreement, full, index)
            core_missing = _core_missing(parts, other, index, company, whole, full)
        if agreement.agreed and "=" in "".join(agreement.agreed):
            # An acronym or a split word agrees by tokens, not by characters.
            char_score = max(char_score, agreement.score)
        similarity = combine(agreement.score, char_score) - penalty
        similarity -= core_missing
        if region and index.region[company]:
            similarity += _REGION_BONUS if index.region[company] == region else -_REGION_PENALTY
        if parts.legal_form and parts.legal_form == index.legal_form[company]:
            similarity += _FORM_BONUS
        if company not in scored or similarity > scored[company][0]:
            scored[company] = (similarity, entry, agreement)
    # Stable: companies of equal similarity stay in the order they were first scored.
    ranked = sorted(scored.items(), key=lambda item: -item[1][0])[:_SHOWN]
    candidates = []
    for company, (similarity, _, agreement) in ranked:
        # Explanations are written only for the candidates anyone will read.
        notes = _explain(agreement.agreed, agreement.missing, agreement.extra)
        if region and index.region[company]:
            same = index.region[company] == region
            notes += "; регион совпал" if same else f"; другой регион ({index.region[company]})"
        candidates.append(Candidate(company, calibrated(similarity), similarity, notes))
    return candidates


def _decide(
    candidates: list[Candidate], index: RegistryIndex, *, threshold: float, margin: float
) -> Link:
    if not candidates:
        return Link(explanation="кандидатов в реестре нет")
    top = candidates[0]
    link = Link(score=round(top.score, 4), candidates=candidates[:_SHOWN])
    runner = candidates[1] if len(candidates) > 1 else None
    close = runner is not None and top.similarity - runner.similarity < margin
    if top.score < threshold:
        link.explanation = f"ниже порога; лучший кандидат {index.name[top.company]}: "
        link.explanation += top.explanation
        link.needs_review = top.score >= threshold - 0.15
        return link
    if close and runner is not None and runner.score >= threshold:
        link.decision = "review"
        link.needs_review = True
        link.explanation = (
            f"неоднозначно: {index.name[top.company]} ({top.score:.2f}) и "
            f"{index.name[runner.company]} ({runner.score:.2f})"
        )
        return link
    link.inn = index.inn[top.company]
    link.matched_name = index.name[top.company]
    link.method = "name"
    link.explanation = top.explanation
    link.needs_review = top.score < threshold + 0.1
    return link


@dataclass(frozen=True, slots=True)
class _ChunkOptions:
    regions: Sequence[str] | None
    threshold: float
    margin: float
    rejected: dict[str, frozenset[str]]
    threads: int = -1


_T = TypeVar("_T")


class _Decoded(dict[int, _T]):
    """The rows of a column one batch reads, decoded once: a row already read is a dict lookup
    (in C), not a call that decodes it again."""

    __slots__ = ("column",)

    def __init__(self, column: Rows[_T], rows: Iterable[int], values: Iterable[_T]) -> None:
        super().__init__(zip(rows, values, strict=True))
        self.column = column

    def __missing__(self, row: int) -> _T:
        value = self.column[row]
        self[row] = value
        return value


def _read_parts(column: Rows[NameParts], rows: list[int]) -> list[NameParts]:
    """The parsed names of many rows at once (what ``column[row]`` reads for each)."""
    if isinstance(column, PartsColumn):
        return column.take(rows)
    return [column[row] for row in rows]


def _take(column: Rows[str], rows: list[int]) -> list[str]:
    if isinstance(column, TextColumn):
        return column.take(np.asarray(rows, dtype=np.int64))
    return [column[row] for row in rows]


def _link_chunk(
    chunk: list[tuple[int, NameParts]], index: RegistryIndex, options: _ChunkOptions
) -> list[Link]:
    """Block, score and decide one batch of mentions (one rapidfuzz call for all its pairs)."""
    with paused_gc():
        return _link_batch(chunk, index, options)


def _link_batch(
    chunk: list[tuple[int, NameParts]], index: RegistryIndex, options: _ChunkOptions
) -> list[Link]:
    shortlists = index.shortlists([parts for _, parts in chunk])
    sizes = np.asarray([entries.size for entries in shortlists])
    flat = np.concatenate(shortlists) if shortlists else np.empty(0, dtype=np.int32)
    queries = np.repeat(np.asarray([parts.key for _, parts in chunk], dtype=object), sizes)
    rows = flat.tolist()
    choices = _take(index.entry_key, rows)
    # The rerank reads the keys and parsed names of these entries again, often several times.
    batch = dataclasses.replace(
        index,
        entry_key=_Decoded(index.entry_key, rows, choices),
        entry_parts=_Decoded(index.entry_parts, (), ()),
    )
    chars = (
        process.cpdist(
            queries.tolist(),
            choices,
            scorer=fuzz.ratio,
            workers=options.threads,
            score_cutoff=_CHAR_CUTOFF,
            dtype=np.float32,
        )
        if flat.size
        else np.empty(0, dtype=np.float32)
    )
    offsets = np.concatenate([[0], np.cumsum(sizes)]).tolist()
    scores = chars.tolist()
    picks = [
        _pick(parts, rows[begin:end], scores[begin:end], choices[begin:end], batch)
        for (_, parts), begin, end in zip(chunk, offsets, offsets[1:], strict=False)
    ]
    # The parsed names the rerank reads, decoded together.
    wanted = list(dict.fromkeys(row for picked in picks for row in picked.rows()))
    batch.entry_parts = _Decoded(index.entry_parts, wanted, _read_parts(index.entry_parts, wanted))
    decided = []
    for (row, parts), picked in zip(chunk, picks, strict=True):
        region = options.regions[row].strip() if options.regions is not None else ""
        candidates = _rank(
            parts,
            picked,
            batch,
            region=region,
            rejected=options.rejected.get(parts.key, frozenset()),
        )
        decided.append(
            _decide(candidates, batch, threshold=options.threshold, margin=options.margin)
        )
    return decided


def link_mentions(
    names: Sequence[str],
    index: RegistryIndex,
    *,
    inns: Sequence[str] | None = None,
    regions: Sequence[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    accepted: dict[str, str] | None = None,
    rejected: dict[str, frozenset[str]] | None = None,
    batch: int = 20_000,
    progress: Callable[[int], object] | None = None,
    workers: int | None = None,
) -> list[Link]:
    """Link every mention name to at most one registry company.

    Args:
        names: mention names as written.
        index: the registry index.
        inns: ИНН given with each mention (``""`` when none).
        regions: region of each mention (``""`` when unknown).
        threshold: lowest calibrated score that links.
        margin: two companies closer than this are ambiguous.
        accepted: normalised key → ИНН the analyst accepted.
        rejected: normalised key → ИНН the analyst rejected (``""`` in the set: reject all).
        batch: mentions per rapidfuzz call.
        progress: called with the number of mentions done after each batch (a progress bar).
        workers: forked worker processes for the batches (``None``: up to 4 by the CPU count
            when there are at least 10,000 distinct names; ``1``: here; they parse the names
            too).

    Returns:
        One :class:`Link` per mention, in order.
    """
    accepted = accepted or {}
    rejected = rejected or {}
    texts = list(dict.fromkeys(names))
    count = _link_workers(len(texts)) if workers is None else max(workers, 1)
    options = _ChunkOptions(regions, threshold, margin, rejected, threads=1 if count > 1 else -1)
    # The cyclic GC is paused in this process too: the parsed names, links and candidates made
    # here (and unpickled from the workers) are hundreds of thousands of objects and no cycles,
    # and the collections they set off walked them again and again (3.2 s of the parent's
    # 5.6 s CPU for 100,000 mentions).
    with paused_gc(), _pool(index, options, count) as pool:
        # Each distinct text is parsed once, by the workers when there are any.
        parsed = dict(zip(texts, _parse_all(texts, pool, count), strict=True))
        return _link_parsed(
            names, parsed, index, inns, regions, accepted, rejected, options, batch, progress, pool
        )


def _link_parsed(
    names: Sequence[str],
    parsed: dict[str, NameParts],
    index: RegistryIndex,
    inns: Sequence[str] | None,
    regions: Sequence[str] | None,
    accepted: dict[str, str],
    rejected: dict[str, frozenset[str]],
    options: _ChunkOptions,
    batch: int,
    progress: Callable[[int], object] | None,
    pool: Pool | None,
) -> list[Link]:
    """:func:`link_mentions` once the names are parsed."""
    inn_rows: dict[str, int] = {}

    def _inn_row() -> dict[str, int]:
        # Made on first use: most mentions give no ИНН (a million-row dict costs 0.3 s).
        if not inn_rows:
            inn_rows.update((value, row) for row, value in enumerate(index.inn))
        return inn_rows

    links: list[Link | None] = [None] * len(names)
    pending: list[tuple[int, NameParts]] = []
    for row, name in enumerate(names):
        parts = parsed[name]
        given = (inns[row] if inns is not None else "") or parts.inn
        given = given.strip()
        note = ""
        if given:
            if _valid_inn(given) and given in _inn_row():
                company = _inn_row()[given]
                links[row] = Link(
                    inn=given,
                    score=1.0,
                    matched_name=index.name[company],
                    method="inn",
                    explanation="ИНН указан в упоминании",
                )
                continue
            note = (
                "ИНН упоминания не найден в реестре"
                if _valid_inn(given)
                else "ИНН упоминания с ошибкой контрольной суммы"
            )
        if not parts.tokens:
            links[row] = Link(method="empty", explanation="пустое название")
            continue
        if parts.key in accepted and accepted[parts.key] in _inn_row():
            company = _inn_row()[accepted[parts.key]]
            links[row] = Link(
                inn=index.inn[company],
                score=1.0,
                matched_name=index.name[company],
                method="decision",
                decision="accepted",
                explanation="решение аналитика",
            )
            continue
        if "" in rejected.get(parts.key, frozenset()):
            links[row] = Link(
                method="decision", decision="rejected", explanation="отклонено аналитиком"
            )
            continue
        pending.append((row, parts))
        if note:
            links[row] = Link(
                method="inn_unknown" if _valid_inn(given) else "none", explanation=note
            )
    # A mention written the same way (same parsed name, same region) is linked once.
    slots: dict[tuple[NameParts, str], int] = {}
    unique: list[tuple[int, NameParts]] = []
    slot_of: list[int] = []
    for row, parts in pending:
        region = regions[row].strip() if regions is not None else ""
        slot = slots.setdefault((parts, region), len(unique))
        if slot == len(unique):
            unique.append((row, parts))
        slot_of.append(slot)
    del slots
    if pool is not None:
        # Small batches keep the workers evenly busy (the results do not depend on the batch).
        batch = min(batch, max(500, -(-len(unique) // (_processes(pool) * 8))))
    chunks = [unique[start : start + batch] for start in range(0, len(unique), batch)]
    copies = np.bincount(np.asarray(slot_of, dtype=np.int64), minlength=len(unique))
    decided: list[Link] = []
    for done in _run_chunks(chunks, index, options, pool):
        start = len(decided)
        decided.extend(done)
        if progress is not None:
            progress(int(copies[start : len(decided)].sum()))
    for (row, _), slot in zip(pending, slot_of, strict=True):
        link = decided[slot]
        if copies[slot] > 1:
            # Each row gets its own copy (its own notes are added below).
            link = dataclasses.replace(link, candidates=list(link.candidates))
        earlier = links[row]
        if earlier is not None and earlier.explanation:
            link.explanation = f"{earlier.explanation}; {link.explanation}"
            if earlier.method == "inn_unknown" and link.inn:
                # The mention names another, valid ИНН: a name match must not overrule it.
                link.inn, link.matched_name, link.method = "", "", "none"
                link.decision, link.needs_review = "review", True
        links[row] = link
    return [link if link is not None else Link() for link in links]


_PARALLEL_MIN = 10_000
_PARSE_BATCH = 2_000
_FORKED: list[tuple[RegistryIndex, _ChunkOptions]] = []


def _link_workers(pending: int) -> int:
    """Forked workers worth starting for this many mentions (1: link here)."""
    return fork_workers(pending, _PARALLEL_MIN)


@contextlib.contextmanager
def _pool(index: RegistryIndex, options: _ChunkOptions, workers: int) -> Iterator[Pool | None]:
    """Forked worker processes that inherit the index (``None``: work here).

    The workers inherit the index: its per-name data are flat arrays and byte buffers, so
    reading them does not touch reference counts and the pages stay shared (with the names as
    Python objects, each worker copied ~0.9 GB of a 1M-name index).
    """
    if workers <= 1:
        yield None
        return
    _FORKED.append((index, options))
    # The dictionary is loaded here, before the fork: the workers that parse share it (~130 MB
    # each otherwise).
    lemma("компания")
    try:
        with forked_pool(workers) as pool:
            yield pool
    finally:
        _FORKED.clear()


def _processes(pool: Pool) -> int:
    return int(getattr(pool, "_processes", 1))


def _parse_many(texts: list[str]) -> list[NameParts]:
    with paused_gc():
        return [parse_name(text) for text in texts]


def _parse_uncached(texts: list[str]) -> list[NameParts]:
    """:func:`_parse_many` in a worker: the texts are distinct and the parent keeps the parsed
    names, so the worker's parse cache would only hold a second copy of them (~30 MB per
    worker for 50,000 names)."""
    with paused_gc():
        return [parse_uncached(text) for text in texts]


def _parse_all(texts: list[str], pool: Pool | None, workers: int) -> list[NameParts]:
    """The parsed names of distinct texts, in order: here, or in the workers."""
    if pool is None or len(texts) < 2 * _PARSE_BATCH:
        return _parse_many(texts)
    size = max(1, _PARSE_BATCH // 4, min(_PARSE_BATCH, -(-len(texts) // (workers * 8))))
    chunks = [texts[start : start + size] for start in range(0, len(texts), size)]
    # Each parsed name comes back with its own copies of its words: one copy of each word is
    # kept (as the parse caches do when the names are parsed here).
    words: dict[str, str] = {}
    out = []
    for done in pool.imap(_parse_uncached, chunks):
        for parts in done:
            tokens = tuple([words.setdefault(word, word) for word in parts.tokens])
            surface = (
                tokens
                if parts.surface == parts.tokens
                else tuple([words.setdefault(word, word) for word in parts.surface])
            )
            form = words.setdefault(parts.legal_form, parts.legal_form)
            out.append(NameParts(tokens, surface, form, parts.inn))
    return out


def _link_forked(chunk: list[tuple[int, NameParts]]) -> list[Link]:
    index, options = _FORKED[0]
    return _link_chunk(chunk, index, options)


def _run_chunks(
    chunks: list[list[tuple[int, NameParts]]],
    index: RegistryIndex,
    options: _ChunkOptions,
    pool: Pool | None,
) -> Iterator[list[Link]]:
    """The decided links of every chunk, in order: here, or in the forked workers."""
    if pool is None or len(chunks) < 2:
        for chunk in chunks:
            yield _link_chunk(chunk, index, options)
        return
    yield from pool.imap(_link_forked, chunks)
