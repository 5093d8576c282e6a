"""Blocking index of a registry: which registry names a mention is worth comparing with.

Every registry name (full and short) is an *entry*. An entry is filed under block keys: its
lemmatised tokens, the 4-letter prefix of each longer token (typos and inflection past the
fourth letter still meet), and the initials of its first words (so «АТК» meets «Агентство
технического консалтинга»). A mention looks up its own keys, rarest first, until a budget of
postings is spent, so it meets hundreds of entries, not the whole registry. Token weights are
IDF-like (rare words weigh more) and come from the same index.
"""

from __future__ import annotations

import gc
import math
import multiprocessing as mp
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pandas as pd

from abmresearch.match.forms import (
    GENERIC_WORDS,
    GEO_WORDS,
    LEGAL_ABBREVIATIONS,
    LEGAL_FORM_PATTERN,
)
from abmresearch.match.normalize import NameParts, word_initials

__all__ = ["CORE_PENALTY", "RegistryIndex", "block_keys", "build_index", "name_cores"]

_PREFIX = 4
_LONG = 8
_LONG_PREFIX = 6
_QUOTES = re.compile("[\"«»„“”‘’']")
_LETTERS = re.compile(r"[^\W\d_]")
# «ЭКОНЕКСТ. ЭНЕРГОСБЕРЕГАЮЩИЕ ТЕХНОЛОГИИ»: a name of ≥ 3 letters, a full stop, a description.
_DOTTED = re.compile(r"^(\w[\w -]*\w{3})\.\s+\w{3}")
CORE_PENALTY = 0.04
# Generic and place words weigh the same whatever their rarity in this registry.
_GENERIC_WEIGHT = 0.5
_GEO_WEIGHT = 0.8


@lru_cache(maxsize=500_000)
def _word_keys(token: str) -> tuple[str, ...]:
    """The prefix and suffix keys of one word (cached: registry words repeat)."""
    size = len(token)
    if size < _PREFIX:
        return ()
    keys = ["~" + token[:_PREFIX]]
    if size > _PREFIX:
        keys.append("<" + token[-_PREFIX:])
    if size >= _LONG:
        # Long compound words share their 4-letter ends with thousands of others.
        keys += ["~" + token[:_LONG_PREFIX], "<" + token[-_LONG_PREFIX:]]
    return tuple(keys)


def block_keys(parts: NameParts, *, probe: bool = False) -> set[str]:
    """The block keys of one name.

    Args:
        parts: the parsed name.
        probe: the keys of a mention looking up the index (its short words may be acronyms).

    Returns:
        Tokens, ``~`` + 4-letter prefixes, ``<`` + 4-letter suffixes, ``#`` + initials.
    """
    keys = set(parts.tokens)
    surface = parts.surface
    for token in parts.tokens:
        if probe and (token in GEO_WORDS or token in GENERIC_WORDS):
            # A mention's city or «компания» finds its entries by the whole word; its prefix
            # and suffix keys would outweigh the name's own rare word in the blocking overlap.
            continue
        keys.update(_word_keys(token))
    if surface is not parts.tokens:
        for token, lemmatised in zip(surface, parts.tokens, strict=True):
            if not (probe and (lemmatised in GEO_WORDS or lemmatised in GENERIC_WORDS)):
                keys.update(_word_keys(token))
    if probe:
        keys.update("#" + token for token in parts.surface if 2 <= len(token) <= 6)
    else:
        # Without dictionary tails (a pymorphy look-up per new word would slow indexing).
        # Compound tails are not looked up in the dictionary here (indexing speed).
        options = [word_initials(token, check=False) for token in surface if token]
        starts = ["".join(option[0] for option in options)]
        # Compounds by the initials of their parts, abbreviations after the first word by all
        # their letters («строительно-ТК "Молотов"» → «стк…»).
        spelled = "".join(
            option[1] if len(option) > 1 and (k or option[1] != surface[0]) else option[0]
            for k, option in enumerate(options)
        )
        if spelled != starts[0]:
            starts.append(spelled)
        for initials in starts:
            for size in range(2, min(len(initials), 6) + 1):
                keys.add("#" + initials[:size])
        for k, option in enumerate(options):
            # A compound word on its own (the first one starts the initials above):
            # «… "МЕТАЛЛСТРОЙКОМПЛЕКТ"» → «мск»; a syllabic one: «ЯРГОРЭЛЕКТРОТРАНС» → «яргэт».
            for initials in option[1 if k else 2 :]:
                if 3 <= len(initials) <= 6 and initials != surface[k]:
                    keys.add("#" + initials)
    return keys


def name_cores(text: str) -> list[str]:
    """The shorter names a registry name contains, as extra variants.

    ``ЗАВОД МЕТАЛЛОКОНСТРУКЦИЙ "СМС-РЕСУРС"`` → ``["СМС-РЕСУРС"]``; ``ФОНД ПОДДЕРЖКИ … "ЛЮДИ
    РЯДОМ"`` → ``["ЛЮДИ РЯДОМ"]``: news and CRMs often write only the quoted part. Also: the
    outer part of a nested quoted name (``"ДЕТСКИЙ САД № 242 "ЁЛОЧКА"`` → ``ДЕТСКИЙ САД №
    242``), the name before a full stop that opens a description (``"ЭКОНЕКСТ. ЭНЕРГОСБЕРЕГАЮЩИЕ
    ТЕХНОЛОГИИ"`` → ``ЭКОНЕКСТ``), and each side of a name written twice with a slash
    (``… "БОРОДИНСКИЙ"/ГК ТСН "БОРОДИНСКИЙ"``).
    """
    cores: list[str] = []
    whole = text
    if "/" in text:
        sides = [side.strip() for side in text.split("/")]
        if len(sides) == 2 and all(len(_LETTERS.findall(side)) >= 5 for side in sides):
            cores += sides
            text = sides[0]
    segments = _QUOTES.split(text)
    if len(segments) >= 3:
        inner = [segment.strip() for segment in segments[1:] if re.search(r"\w", segment)]
        prefix = segments[0].strip().lower()
        quoted = " ".join(segments[1:]).strip()
        if not (prefix in LEGAL_ABBREVIATIONS or LEGAL_FORM_PATTERN.fullmatch(prefix)):
            # «ООО "X"» has no core beyond its name; «ЗАВОД … "X"» has.
            cores.append(quoted)
        if len(inner) > 1:
            # The innermost name: «ТПК "ВС-ГРУПП"» → «ВС-ГРУПП».
            cores.append(inner[-1])
            if len(inner[0].split()) > 1:
                cores.append(inner[0])
        dotted = _DOTTED.match(quoted)
        if dotted:
            cores.append(dotted.group(1))
    return list(dict.fromkeys(core for core in cores if core and core != whole))


@dataclass(slots=True)
class RegistryIndex:
    """The registry, its parsed names and the inverted index of block keys.

    Attributes:
        inn: ИНН per company.
        name: display name per company (the full name).
        region: region per company (``""`` when unknown).
        legal_form: abbreviated legal form per company.
        entry_company: company row of every entry (a name variant).
        entry_penalty: similarity taken off an entry that is only the quoted core of a name.
        entry_parts: parsed name of every entry.
        entry_key: normalised key of every entry (what rapidfuzz compares).
        key_ids: block key → id.
        key_df: number of entries under each block key.
        ptr, postings: CSR lists of entries per block key id.
        token_df: number of companies whose names contain each token.
        exact: normalised key → entries with exactly that key.
    """

    inn: list[str]
    name: list[str]
    region: list[str]
    legal_form: list[str]
    entry_company: npt.NDArray[np.int32]
    entry_penalty: npt.NDArray[np.float32]
    entry_parts: list[NameParts]
    entry_key: list[str]
    key_ids: dict[str, int]
    key_df: npt.NDArray[np.int64]
    ptr: npt.NDArray[np.int64]
    postings: npt.NDArray[np.int32]
    token_df: dict[str, int]
    exact: dict[str, list[int]]
    weights: dict[str, float] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Number of companies."""
        return len(self.inn)

    def weight(self, token: str) -> float:
        """IDF-like weight of a token: rare distinctive words weigh more than generic ones."""
        cached = self.weights.get(token)
        if cached is not None:
            return cached
        df = self.token_df.get(token, 0)
        value = math.log((self.size + 1) / (df + 0.5))
        value = max(value, 0.5)
        if token in GENERIC_WORDS:
            value = _GENERIC_WEIGHT
        elif token in GEO_WORDS:
            value = _GEO_WEIGHT
        elif token.isdigit():
            value = max(value, 2.0)
        self.weights[token] = value
        return value

    def candidates(
        self, parts: NameParts, *, budget: int = 400, keep: int = 32
    ) -> npt.NDArray[np.int32]:
        """Entries worth comparing with a mention, best blocking overlap first.

        Args:
            parts: the parsed mention.
            budget: postings to read at most (rarest keys first; the rarest is always read).
            keep: entries to return at most (plus every entry with the same normalised key).

        Returns:
            Entry numbers: same normalised key first, then by blocking overlap.
        """
        found: list[tuple[int, int, str]] = []
        for key in block_keys(parts, probe=True):
            key_id = self.key_ids.get(key)
            if key_id is not None:
                found.append((int(self.key_df[key_id]), key_id, key))
        exact = self.exact.get(parts.key, [])
        if not found:
            return np.asarray(exact, dtype=np.int32)
        found.sort()
        slices: list[npt.NDArray[np.int32]] = []
        weights: list[float] = []
        spent = 0
        total = self.entry_company.size
        for df, key_id, key in found:
            if slices and spent + df > budget:
                continue
            start = int(self.ptr[key_id])
            chunk = self.postings[start : start + min(df, budget)]
            slices.append(chunk)
            # Whole words weigh as in the rerank (a city counts little); partial keys half.
            weights.append(
                self.weight(key)
                if key[0] not in "~<#"
                else 0.5 * math.log((total + 1) / (df + 0.5))
            )
            spent += chunk.size
        entries = np.concatenate(slices)
        scores = np.repeat(np.asarray(weights), [chunk.size for chunk in slices])
        unique, inverse = np.unique(entries, return_inverse=True)
        overlap = np.bincount(inverse, weights=scores)
        if unique.size > keep:
            best = np.argpartition(-overlap, keep)[:keep]
            unique, overlap = unique[best], overlap[best]
        unique = unique[np.argsort(-overlap, kind="stable")]
        if exact:
            same = np.asarray(exact[: keep * 4], dtype=np.int32)
            unique = np.concatenate([same, unique[~np.isin(unique, same)]])
        return unique.astype(np.int32, copy=False)


_PARALLEL_MIN = 100_000


_Parsed = tuple[NameParts, str, tuple[str, ...]]


def _parse_chunk(
    chunk: list[str],
) -> list[tuple[tuple[str, ...], tuple[str, ...] | None, str, str]]:
    from abmresearch.match.normalize import parse_name

    out = []
    for text in chunk:
        parts = parse_name(text)
        surface = None if parts.surface is parts.tokens else parts.surface
        out.append((parts.tokens, surface, parts.legal_form, parts.inn))
    return out


def _parse_texts(texts: list[str], parser: Callable[[str], NameParts]) -> list[NameParts]:
    """Parse every text; many texts with the default parser go to forked worker processes.

    The workers send back plain tuples of words (cheaper to pickle than the dataclass; block
    keys are made here, pickling them back cost more than making them).
    """
    from abmresearch.match.normalize import parse_name

    workers = min(os.cpu_count() or 1, 4)
    if (
        parser is not parse_name
        or len(texts) < _PARALLEL_MIN
        or workers < 2
        or mp.current_process().daemon  # a daemonic process may not have children
        or "fork" not in mp.get_all_start_methods()
    ):
        return [parser(text) for text in texts]
    size = -(-len(texts) // (workers * 4))
    chunks = [texts[start : start + size] for start in range(0, len(texts), size)]
    parsed = []
    # Frozen objects are left alone by the workers' garbage collector, so the pages of the
    # parent's heap stay shared instead of being copied into every worker.
    gc.freeze()
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            # Unpickled words are new strings: interned again, one copy per word (memory).
            intern = sys.intern
            for rows in pool.imap(_parse_chunk, chunks):
                for tokens, surface, form, inn in rows:
                    words = tuple(map(intern, tokens))
                    spelled = words if surface is None else tuple(map(intern, surface))
                    parsed.append(NameParts(words, spelled, form, inn))
    finally:
        gc.unfreeze()
    return parsed


def _parse_all(texts: list[str], parser: Callable[[str], NameParts]) -> list[_Parsed]:
    """Parse every text; with its normalised key and block keys."""
    out: list[_Parsed] = []
    for parts in _parse_texts(texts, parser):
        out.append((parts, parts.key, tuple(block_keys(parts)) if parts.tokens else ()))
    return out


def build_index(
    inn: Sequence[str],
    names: Sequence[Iterable[str]],
    *,
    region: Sequence[str] | None = None,
    parse: object = None,
) -> RegistryIndex:
    """Parse every registry name and build the blocking index.

    Args:
        inn: ИНН per company.
        names: the name variants per company (full name first, then short names).
        region: region per company.
        parse: a ``str -> NameParts`` parser (defaults to :func:`parse_name`).

    Returns:
        The :class:`RegistryIndex`.
    """
    from abmresearch.match.normalize import parse_name

    parser: Callable[[str], NameParts] = parse if callable(parse) else parse_name
    company_texts: list[list[tuple[str, float]]] = []
    for variants in names:
        texts = [(text, 0.0) for text in variants if text]
        texts += [(core, CORE_PENALTY) for text, _ in list(texts) for core in name_cores(text)]
        company_texts.append(texts)
    unique = list(dict.fromkeys(text for texts in company_texts for text, _ in texts))
    # Each distinct text is parsed once; a large registry is parsed by forked workers.
    parsed = dict(zip(unique, _parse_all(unique, parser), strict=True))
    entry_company: list[int] = []
    entry_penalty: list[float] = []
    entry_parts: list[NameParts] = []
    entry_key: list[str] = []
    display: list[str] = []
    legal_forms: list[str] = []
    token_df: dict[str, int] = {}
    pair_key: list[str] = []
    pair_count: list[int] = []
    exact: dict[str, list[int]] = {}
    for company, texts in enumerate(company_texts):
        seen_keys: set[str] = set()
        company_tokens: set[str] = set()
        first = ""
        form = ""
        for text, penalty in texts:
            parts, key, keys = parsed[text]
            if not penalty:
                first = first or text
                form = form or parts.legal_form
            if not parts.tokens or key in seen_keys:
                continue
            seen_keys.add(key)
            entry = len(entry_parts)
            entry_parts.append(parts)
            entry_key.append(key)
            entry_company.append(company)
            entry_penalty.append(penalty)
            exact.setdefault(key, []).append(entry)
            company_tokens.update(parts.tokens)
            pair_key.extend(keys)
            pair_count.append(len(keys))
        for token in company_tokens:
            token_df[token] = token_df.get(token, 0) + 1
        display.append(first)
        legal_forms.append(form)
    # Key ids in one vectorised pass (a dict lookup per (entry, key) pair was a third of the
    # build time at 1M names).
    codes, uniques = pd.factorize(pd.Series(pair_key, dtype=object), sort=False)
    del pair_key
    key_ids = {key: number for number, key in enumerate(uniques.tolist())}
    key_codes = codes.astype(np.int64, copy=False)
    entries = np.repeat(np.arange(len(pair_count), dtype=np.int32), pair_count)
    order = np.argsort(key_codes, kind="stable")
    key_df = np.bincount(key_codes, minlength=len(key_ids)).astype(np.int64)
    ptr = np.zeros(len(key_ids) + 1, dtype=np.int64)
    np.cumsum(key_df, out=ptr[1:])
    return RegistryIndex(
        inn=list(inn),
        name=display,
        region=list(region) if region is not None else [""] * len(display),
        legal_form=legal_forms,
        entry_company=np.asarray(entry_company, dtype=np.int32),
        entry_penalty=np.asarray(entry_penalty, dtype=np.float32),
        entry_parts=entry_parts,
        entry_key=entry_key,
        key_ids=key_ids,
        key_df=key_df,
        ptr=ptr,
        postings=entries[order],
        token_df=token_df,
        exact=exact,
    )
