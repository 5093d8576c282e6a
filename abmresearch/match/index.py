"""Blocking index of a registry: which registry names a mention is worth comparing with.

Every registry name (full and short) is an *entry*. An entry is filed under block keys: its
lemmatised tokens, the 4-letter prefix of each longer token (typos and inflection past the
fourth letter still meet), and the initials of its first words (so «АТК» meets «Агентство
технического консалтинга»). A mention looks up its own keys, rarest first, until a budget of
postings is spent, so it meets hundreds of entries, not the whole registry. Token weights are
IDF-like (rare words weigh more) and come from the same index.

The index is stored in flat arrays (numpy, one UTF-8 buffer per text column, hashed key
tables), not in a Python object per name: forked workers read it without copying its pages,
and building it is numbers sent back by the parse workers, merged with numpy.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol, TypeVar, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from abmresearch.match._fork import fork_workers, forked_pool, paused_gc
from abmresearch.match.forms import (
    GENERIC_WORDS,
    GEO_WORDS,
    LEGAL_ABBREVIATIONS,
    LEGAL_FORMS,
)
from abmresearch.match.normalize import NameParts, parse_name, parse_uncached, word_initials

__all__ = [
    "CORE_PENALTY",
    "PartsColumn",
    "RegistryIndex",
    "Rows",
    "TextColumn",
    "block_keys",
    "build_index",
    "name_cores",
]

_PREFIX = 4
_LONG = 8
_LONG_PREFIX = 6
_QUOTES = re.compile("[\"«»„“”‘’']")
_LETTERS = re.compile(r"[^\W\d_]")
_WORD_CHAR = re.compile(r"\w")
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


@lru_cache(maxsize=500_000)
def _initial_keys(word: str) -> tuple[str, str, str, tuple[str, ...], tuple[str, ...]]:
    """What one surface word gives the initials keys of a registry name (cached per word):
    its letter in the plain initials, in the spelled initials as the first word and as a
    later word, and its own compound initials as the first word and as a later word."""
    option = word_initials(word, check=False)
    spelled = option[1] if len(option) > 1 else option[0]
    lead = spelled if spelled != word else option[0]
    own = tuple(
        "#" + initials for initials in option[1:] if 3 <= len(initials) <= 6 and initials != word
    )
    first = tuple(
        "#" + initials for initials in option[2:] if 3 <= len(initials) <= 6 and initials != word
    )
    return option[0], lead, spelled, first, own


@lru_cache(maxsize=100_000)
def _prefix_keys(initials: str) -> tuple[str, ...]:
    """``#`` + the first 2…6 letters of some initials."""
    return tuple("#" + initials[:size] for size in range(2, min(len(initials), 6) + 1))


def _entry_keys(parts: NameParts) -> set[str]:
    """``block_keys(parts)`` of a registry name, from pieces cached per word.

    The keys are added in the order :func:`block_keys` adds them, so the set (and the order
    the build numbers the keys in) is the same.
    """
    tokens, surface = parts.tokens, parts.surface
    if not surface or "" in surface:
        return block_keys(parts)
    keys = list(tokens)
    for token in tokens:
        keys += _word_keys(token)
    if surface is not tokens:
        for token in surface:
            keys += _word_keys(token)
    pieces = [_initial_keys(token) for token in surface]
    plain = "".join([piece[0] for piece in pieces])
    spelled = pieces[0][1] + "".join([piece[2] for piece in pieces[1:]])
    keys += _prefix_keys(plain[:6])
    if spelled != plain:
        keys += _prefix_keys(spelled[:6])
    keys += pieces[0][3]
    for piece in pieces[1:]:
        keys += piece[4]
    return set(keys)


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
        inner = [segment.strip() for segment in segments[1:] if _WORD_CHAR.search(segment)]
        prefix = segments[0].strip().lower()
        quoted = " ".join(segments[1:]).strip()
        if not (prefix in LEGAL_ABBREVIATIONS or LEGAL_FORMS.fullmatch(prefix)):
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


def _stable_hash(texts: Sequence[str]) -> npt.NDArray[np.uint64]:
    """A 64-bit SipHash of every text, the same in every process (forked, spawned, on Dask)."""
    if not len(texts):
        return np.empty(0, dtype=np.uint64)
    array = np.empty(len(texts), dtype=object)
    array[:] = texts
    return np.asarray(pd.util.hash_array(array, categorize=False), dtype=np.uint64)


_INT32_MAX = 2**31 - 1


def _ranges(
    starts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]
) -> npt.NDArray[np.signedinteger[Any]]:
    """``starts[0] … starts[0] + lengths[0] - 1, starts[1] …``: the positions of many slices.

    32-bit positions when they fit (tens of millions of them: a quarter of the time of 64-bit
    ones, which cost twice the memory to write and read).
    """
    total = int(lengths.sum())
    if not total:
        return np.empty(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    shift = starts - (ends - lengths)
    small = total <= _INT32_MAX and int(np.max(starts + lengths)) <= _INT32_MAX
    if small and int(np.min(shift)) >= -_INT32_MAX:
        positions = np.repeat(shift.astype(np.int32), lengths)
        positions += np.arange(total, dtype=np.int32)
        return positions
    return np.repeat(shift, lengths) + np.arange(total, dtype=np.int64)


def _take_rows(
    flat: npt.NDArray[Any], ends: npt.NDArray[np.int64], rows: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[Any], npt.NDArray[np.int64]]:
    """Rows of a CSR list (``flat`` cut at ``ends``) as a new CSR list."""
    lengths = np.diff(ends, prepend=0)[rows]
    starts = (ends[rows] - lengths).astype(np.int64)
    return flat[_ranges(starts, lengths)], np.cumsum(lengths, dtype=np.int64)


def _csr_rows(
    flat: npt.NDArray[np.int32], ends: npt.NDArray[np.int64], rows: npt.NDArray[np.int64]
) -> list[list[int]]:
    """Rows of a CSR list (``flat`` cut at ``ends``) as lists."""
    stops = ends[rows]
    starts = np.where(rows > 0, ends[np.maximum(rows - 1, 0)], 0)
    values = flat[_ranges(starts, stops - starts)].tolist()
    cuts = np.cumsum(stops - starts).tolist()
    out = []
    begin = 0
    for cut in cuts:
        out.append(values[begin:cut])
        begin = cut
    return out


_T_co = TypeVar("_T_co", covariant=True)


class Rows(Protocol[_T_co]):
    """What is read from a per-entry column: ``column[row]`` and ``len(column)``."""

    def __getitem__(self, row: int, /) -> _T_co: ...

    def __len__(self) -> int: ...


class TextColumn(Sequence[str]):
    """Many strings in one UTF-8 buffer, cut at ``ends``.

    No Python object per string: a forked worker reads it without copying its pages (reading
    a list of strings touches their reference counts), and millions of names cost their bytes.
    """

    __slots__ = ("blob", "ends")

    def __init__(self, blob: bytes, ends: npt.NDArray[np.int64]) -> None:
        self.blob = blob
        self.ends = ends

    @classmethod
    def of(cls, texts: Sequence[str]) -> TextColumn:
        """The column of some strings."""
        encoded = [text.encode() for text in texts]
        ends = np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)))
        return cls(b"".join(encoded), ends.astype(np.int64))

    def __len__(self) -> int:
        return int(self.ends.size)

    @overload
    def __getitem__(self, item: int) -> str: ...

    @overload
    def __getitem__(self, item: slice) -> list[str]: ...

    def __getitem__(self, item: int | slice) -> str | list[str]:
        if isinstance(item, slice):
            return self.take(np.arange(len(self))[item])
        size = self.ends.size
        row = item + size if item < 0 else item
        if not 0 <= row < size:
            raise IndexError(item)
        start = int(self.ends[row - 1]) if row else 0
        return self.blob[start : int(self.ends[row])].decode()

    def __iter__(self) -> Iterator[str]:
        blob, start = self.blob, 0
        for end in self.ends.tolist():
            yield blob[start:end].decode()
            start = end

    def take(self, rows: npt.NDArray[Any]) -> list[str]:
        """The strings of many rows at once."""
        rows = np.asarray(rows, dtype=np.int64)
        ends = self.ends[rows]
        starts = np.where(rows > 0, self.ends[np.maximum(rows - 1, 0)], 0)
        blob = self.blob
        return [blob[a:b].decode() for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]

    def __getstate__(self) -> tuple[bytes, npt.NDArray[np.int64]]:
        return self.blob, self.ends

    def __setstate__(self, state: tuple[bytes, npt.NDArray[np.int64]]) -> None:
        self.blob, self.ends = state


class PartsColumn(Sequence[NameParts]):
    """Parsed names as word numbers (CSR lists over one vocabulary); a row is a
    :class:`NameParts` again when read. Same reason as :class:`TextColumn`: no Python object
    per name, so forked link workers share it."""

    __slots__ = (
        "form_codes",
        "forms",
        "inns",
        "same",
        "surface",
        "surface_ends",
        "token_ends",
        "tokens",
        "words",
    )  # fmt: skip

    def __init__(
        self,
        words: list[str],
        tokens: tuple[npt.NDArray[np.int32], npt.NDArray[np.int64]],
        surface: tuple[npt.NDArray[np.int32], npt.NDArray[np.int64]],
        same: npt.NDArray[np.bool_],
        forms: tuple[list[str], npt.NDArray[np.int16]],
        inns: dict[int, str],
    ) -> None:
        self.words = words
        self.tokens, self.token_ends = tokens
        self.surface, self.surface_ends = surface
        self.same = same
        self.forms, self.form_codes = forms
        self.inns = inns

    def __len__(self) -> int:
        return int(self.token_ends.size)

    @overload
    def __getitem__(self, item: int) -> NameParts: ...

    @overload
    def __getitem__(self, item: slice) -> list[NameParts]: ...

    def __getitem__(self, item: int | slice) -> NameParts | list[NameParts]:
        if isinstance(item, slice):
            return [self[row] for row in range(*item.indices(len(self)))]
        size = self.token_ends.size
        row = item + size if item < 0 else item
        if not 0 <= row < size:
            raise IndexError(item)
        words = self.words
        ends = self.token_ends
        start = int(ends[row - 1]) if row else 0
        tokens = tuple([words[word] for word in self.tokens[start : int(ends[row])].tolist()])
        surface = tokens
        if not self.same[row]:
            ends = self.surface_ends
            start = int(ends[row - 1]) if row else 0
            spelled = self.surface[start : int(ends[row])].tolist()
            surface = tuple([words[word] for word in spelled])
        form = self.forms[int(self.form_codes[row])]
        return NameParts(tokens, surface, form, self.inns.get(row, ""))

    def take(self, rows: list[int]) -> list[NameParts]:
        """The parsed names of many rows at once (one array read per column)."""
        if not rows:
            return []
        at = np.asarray(rows, dtype=np.int64)
        words = self.words
        tokens = _csr_rows(self.tokens, self.token_ends, at)
        same = self.same[at].tolist()
        other = [k for k, alike in enumerate(same) if not alike]
        spelled = iter(_csr_rows(self.surface, self.surface_ends, at[other]) if other else [])
        forms = self.forms
        codes = self.form_codes[at].tolist()
        inns = self.inns
        out = []
        for row, ids, alike, code in zip(rows, tokens, same, codes, strict=True):
            lemmas = tuple([words[word] for word in ids])
            surface = lemmas if alike else tuple([words[word] for word in next(spelled)])
            out.append(NameParts(lemmas, surface, forms[code], inns.get(row, "")))
        return out

    def __getstate__(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            setattr(self, name, value)


@dataclass(slots=True)
class RegistryIndex:
    """The registry, its parsed names and the inverted index of block keys.

    Everything per company or per entry is in flat arrays (numpy, :class:`TextColumn`,
    :class:`PartsColumn`), not in Python objects per name: forked link workers share the index
    copy-on-write without copying it, and a 3.5M-name registry fits in a few GB.

    Attributes:
        inn: ИНН per company.
        name: display name per company (the full name).
        region: region per company (``""`` when unknown).
        legal_form: abbreviated legal form per company.
        entry_company: company row of every entry (a name variant).
        entry_penalty: similarity taken off an entry that is only the quoted core of a name.
        entry_parts: parsed name of every entry.
        entry_key: normalised key of every entry (what rapidfuzz compares).
        key_hash: sorted 64-bit hashes of the block keys (:func:`_stable_hash`).
        key_number: block key id of each hash (-1: the key of no entry).
        key_df: number of entries under each block key id.
        ptr, postings: CSR lists of entries per block key id.
        token_df: number of companies whose names contain each token.
        exact_hash, exact_ptr, exact_entries: hash of a normalised key → its entries (CSR).
        exact_pure: no two different keys share a hash (checked when built): the first entry
            of a group stands for all of it.
    """

    inn: list[str]
    name: TextColumn
    region: list[str]
    legal_form: list[str]
    entry_company: npt.NDArray[np.int32]
    entry_penalty: npt.NDArray[np.float32]
    entry_parts: Rows[NameParts]
    entry_key: Rows[str]
    key_hash: npt.NDArray[np.uint64]
    key_number: npt.NDArray[np.int32]
    key_df: npt.NDArray[np.int64]
    ptr: npt.NDArray[np.int64]
    postings: npt.NDArray[np.int32]
    token_df: dict[str, int]
    exact_hash: npt.NDArray[np.uint64]
    exact_ptr: npt.NDArray[np.int64]
    exact_entries: npt.NDArray[np.int32]
    exact_pure: bool
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

    def _key_numbers(self, hashes: npt.NDArray[np.uint64]) -> npt.NDArray[np.int32]:
        """Block key id of each hash, -1 when the index has no such key."""
        if not self.key_hash.size:
            return np.full(hashes.size, -1, dtype=np.int32)
        where = np.minimum(np.searchsorted(self.key_hash, hashes), self.key_hash.size - 1)
        return np.where(self.key_hash[where] == hashes, self.key_number[where], -1)

    def _exact(
        self, key: str, hashed: int, limit: int | None, where: int | None = None
    ) -> list[int]:
        """Entries whose normalised key is ``key`` (at most ``limit``), in entry order.

        ``where``: the hash's position in ``exact_hash`` when already searched."""
        if where is None:
            where = int(np.searchsorted(self.exact_hash, np.uint64(hashed)))
        if where >= self.exact_hash.size or int(self.exact_hash[where]) != hashed:
            return []
        group = self.exact_entries[self.exact_ptr[where] : self.exact_ptr[where + 1]]
        # The hash is checked against the key itself (a collision would merge two keys).
        if self.exact_pure:
            if self.entry_key[int(group[0])] != key:
                return []
            first: list[int] = group[:limit].tolist()
            return first
        found: list[int] = []
        for entry in group.tolist():
            if self.entry_key[entry] == key:
                found.append(entry)
                if limit is not None and len(found) >= limit:
                    break
        return found

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
        return self.shortlists([parts], budget=budget, keep=keep)[0]

    def shortlists(
        self, many: Sequence[NameParts], *, budget: int = 400, keep: int = 32
    ) -> list[npt.NDArray[np.int32]]:
        """:meth:`candidates` of many mentions (their keys are hashed and looked up at once)."""
        probes = [list(block_keys(parts, probe=True)) for parts in many]
        numbers = self._key_numbers(_stable_hash([key for keys in probes for key in keys]))
        # The postings of every key at once: its frequency and where its list starts.
        known = np.maximum(numbers, 0)
        dfs = self.key_df[known].tolist() if self.key_df.size else [0] * numbers.size
        starts = self.ptr[known].tolist()
        hashes = _stable_hash([parts.key for parts in many])
        wheres = np.searchsorted(self.exact_hash, hashes).tolist()
        out = []
        start = 0
        ids = numbers.tolist()
        for parts, keys, hashed, where in zip(many, probes, hashes.tolist(), wheres, strict=True):
            stop = start + len(keys)
            found = [(dfs[k], start_at, keys[k - start])
                     for k, start_at in zip(range(start, stop), starts[start:stop], strict=True)
                     if ids[k] >= 0]  # fmt: skip
            start = stop
            out.append(self._shortlist(parts, found, hashed, where, budget=budget, keep=keep))
        return out

    def _shortlist(
        self,
        parts: NameParts,
        found: list[tuple[int, int, str]],
        hashed: int,
        where: int,
        *,
        budget: int,
        keep: int,
    ) -> npt.NDArray[np.int32]:
        """One mention's short list; ``found``: (frequency, start of the postings, key) of
        each of its keys the index has."""
        if not found:
            return np.asarray(self._exact(parts.key, hashed, None, where), dtype=np.int32)
        found.sort(key=_by_rarity)  # rarest first; ties by the key itself, not by its id
        slices: list[npt.NDArray[np.int32]] = []
        sizes: list[int] = []
        weights: list[float] = []
        spent = 0
        total = self.entry_company.size
        postings = self.postings
        for df, start, key in found:
            if slices and spent + df > budget:
                continue
            size = min(df, budget)
            slices.append(postings[start : start + size])
            sizes.append(size)
            # Whole words weigh as in the rerank (a city counts little); partial keys half.
            weights.append(
                self.weight(key)
                if key[0] not in "~<#"
                else 0.5 * math.log((total + 1) / (df + 0.5))
            )
            spent += size
        entries = np.concatenate(slices) if len(slices) > 1 else slices[0]
        scores = np.repeat(np.asarray(weights), sizes)
        # np.unique(entries, return_inverse=True) with fewer steps: sorted distinct entries,
        # and the position of each posting among them.
        ordered = np.sort(entries)
        first = np.empty(ordered.size, dtype=np.bool_)
        first[:1] = True
        np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
        unique = ordered[first]
        inverse = np.searchsorted(unique, entries)
        overlap = np.bincount(inverse, weights=scores)
        if unique.size > keep:
            best = np.argpartition(-overlap, keep)[:keep]
            unique, overlap = unique[best], overlap[best]
        unique = unique[np.argsort(-overlap, kind="stable")]
        exact = self._exact(parts.key, hashed, keep * 4, where)
        if exact:
            same = set(exact)
            rest = [entry for entry in unique.tolist() if entry not in same]
            return np.asarray(exact + rest, dtype=np.int32)
        return unique.astype(np.int32, copy=False)


def _by_rarity(item: tuple[int, int, str]) -> tuple[int, str]:
    """Sort key of a found block key: its document frequency, then the key's text.

    Key ids follow the order in which the build met the keys (a set's order, so the hash
    seed's); ordering ties by the text makes the shortlist the same in every process.
    """
    return item[0], item[2]


_PARALLEL_MIN = 100_000


@dataclass(frozen=True, slots=True)
class _Chunk:
    """Parsed texts as numbers: local word and block-key vocabularies, CSR lists per text."""

    words: list[str]
    tokens: npt.NDArray[np.int32]
    token_lens: npt.NDArray[np.int64]
    surface: npt.NDArray[np.int32]
    surface_lens: npt.NDArray[np.int64]
    same: npt.NDArray[np.bool_]
    form_codes: npt.NDArray[np.int32]
    forms: list[str]
    inns: dict[int, str]
    key_hash: npt.NDArray[np.uint64]
    key_blob: bytes
    key_lens: npt.NDArray[np.int64]
    block_hash: npt.NDArray[np.uint64]
    block_codes: npt.NDArray[np.int32]
    block_lens: npt.NDArray[np.int64]


def _parse_chunk(chunk: list[str], parser: Callable[[str], NameParts] | None = None) -> _Chunk:
    """Parse texts and make their block keys (in a forked worker for a large registry).

    The result is numbers and a few vocabularies: sending back tuples of words and keys and
    making Python objects of them in the parent cost more than the parsing.
    """
    parse = parser or parse_name
    spelled: list[str] = []  # tokens, then the surface words of names that differ
    token_lens: list[int] = []
    differ: list[str] = []
    surface_lens: list[int] = []
    same: list[bool] = []
    forms: list[str] = []
    inns: dict[int, str] = {}
    keys: list[str] = []
    found: list[str] = []
    found_lens: list[int] = []
    for text in chunk:
        parts = parse(text)
        spelled += parts.tokens
        token_lens.append(len(parts.tokens))
        if parts.surface == parts.tokens:
            same.append(True)
            surface_lens.append(0)
        else:
            differ += parts.surface
            surface_lens.append(len(parts.surface))
            same.append(False)
        if parts.inn:
            inns[len(forms)] = parts.inn
        forms.append(parts.legal_form)
        keys.append(parts.key)
        if parts.tokens:
            blocked = _entry_keys(parts)
            found += blocked
            found_lens.append(len(blocked))
        else:
            found_lens.append(0)
    # Word and key numbers in one vectorised pass each (a dict per word cost more).
    size = len(spelled)
    word_codes, words = _factorize(spelled + differ)
    block_codes, block = _factorize(found)
    encoded = [key.encode() for key in keys]
    form_codes, form_names = _factorize(forms)
    return _Chunk(
        words=words,
        tokens=word_codes[:size],
        token_lens=np.asarray(token_lens, dtype=np.int64),
        surface=word_codes[size:],
        surface_lens=np.asarray(surface_lens, dtype=np.int64),
        same=np.asarray(same, dtype=np.bool_),
        form_codes=form_codes,
        forms=form_names,
        inns=inns,
        key_hash=_stable_hash(keys),
        key_blob=b"".join(encoded),
        key_lens=np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)),
        block_hash=_stable_hash(block),
        block_codes=block_codes,
        block_lens=np.asarray(found_lens, dtype=np.int64),
    )


def _factorize(values: list[str]) -> tuple[npt.NDArray[np.int32], list[str]]:
    """(code of each value, distinct values in order of first appearance)."""
    if not values:
        return np.empty(0, dtype=np.int32), []
    array = np.empty(len(values), dtype=object)
    array[:] = values
    codes, uniques = pd.factorize(array, sort=False)
    return codes.astype(np.int32), list(uniques)


@dataclass(frozen=True, slots=True)
class _Items:
    """The name variants of a range of companies: one item per (company, text, penalty),
    the texts numbered within the range (each distinct text of the range parsed once)."""

    company: npt.NDArray[np.int32]
    text: npt.NDArray[np.int64]
    penalty: npt.NDArray[np.float32]
    display_blob: bytes
    display_lens: npt.NDArray[np.int64]


def _company_items(names: Sequence[Iterable[str]], first: int) -> tuple[_Items, list[str]]:
    """Items of companies ``first, first + 1, …``: each name variant, then the quoted cores
    of each (:func:`name_cores`); and the distinct texts."""
    text_ids: dict[str, int] = {}
    item_company: list[int] = []
    item_text: list[int] = []
    item_penalty: list[float] = []
    display: list[bytes] = []
    for company, variants in enumerate(names, start=first):
        texts = [text for text in variants if text]
        cores = [core for text in texts for core in name_cores(text)]
        for cost, group in ((0.0, texts), (CORE_PENALTY, cores)):
            for variant in group:
                item_company.append(company)
                item_text.append(text_ids.setdefault(variant, len(text_ids)))
                item_penalty.append(cost)
        display.append(texts[0].encode() if texts else b"")
    items = _Items(
        company=np.asarray(item_company, dtype=np.int32),
        text=np.asarray(item_text, dtype=np.int64),
        penalty=np.asarray(item_penalty, dtype=np.float32),
        display_blob=b"".join(display),
        display_lens=np.fromiter(map(len, display), dtype=np.int64, count=len(display)),
    )
    return items, list(text_ids)


def _index_companies(
    names: Sequence[Iterable[str]], first: int, parser: Callable[[str], NameParts] | None
) -> tuple[_Items, _Chunk]:
    """Items, parsed texts and block keys of a range of companies.

    The garbage collector is off meanwhile: parsing makes millions of small objects and no
    reference cycles, and each collection would walk the growing per-word caches again.
    """
    with paused_gc():
        items, texts = _company_items(names, first)
        return items, _parse_chunk(texts, parser)


_BUILDING: list[Sequence[Iterable[str]]] = []


def _index_forked(span: tuple[int, int]) -> tuple[_Items, _Chunk]:
    first, stop = span
    # Registry texts are parsed once each: no parse cache.
    return _index_companies(_BUILDING[0][first:stop], first, parse_uncached)


def _index_chunks(
    names: Sequence[Iterable[str]], parser: Callable[[str], NameParts]
) -> list[tuple[_Items, _Chunk]]:
    """Every company's items and parsed texts; a large registry with the default parser is
    done by forked worker processes, each over a range of companies."""
    workers = fork_workers(len(names), _PARALLEL_MIN)
    if parser is not parse_name or workers < 2:
        return [_index_companies(names, 0, parser)]
    size = -(-len(names) // (workers * 4))
    spans = [(start, min(start + size, len(names))) for start in range(0, len(names), size)]
    # The workers read the names they index from the inherited list.
    _BUILDING.append(names)
    try:
        with forked_pool(workers) as pool:
            return list(pool.imap(_index_forked, spans))
    finally:
        _BUILDING.clear()


@dataclass(frozen=True, slots=True)
class _Parsed:
    """Every distinct text parsed, as CSR lists over global vocabularies (one row per text)."""

    words: list[str]
    tokens: npt.NDArray[np.int32]
    token_ends: npt.NDArray[np.int64]
    surface: npt.NDArray[np.int32]
    surface_ends: npt.NDArray[np.int64]
    same: npt.NDArray[np.bool_]
    forms: list[str]
    form_codes: npt.NDArray[np.int16]
    inns: dict[int, str]
    key_hash: npt.NDArray[np.uint64]
    key_bytes: npt.NDArray[np.uint8]
    key_ends: npt.NDArray[np.int64]
    block_hash: npt.NDArray[np.uint64]
    block_codes: npt.NDArray[np.int32]
    block_ends: npt.NDArray[np.int64]


def _merge(chunks: list[_Chunk]) -> _Parsed:
    """One vocabulary of words and one of block keys (sorted by hash) for all chunks."""
    # Global word ids by first appearance over the chunks in order (one factorize of all the
    # chunks' words, not a dict look-up per word).
    codes_of_words, vocabulary = _factorize([word for chunk in chunks for word in chunk.words])
    form_ids: dict[str, int] = {"": 0}
    tokens, surface, forms = [], [], []
    inns: dict[int, str] = {}
    row = 0
    taken = 0
    for chunk in chunks:
        remap = codes_of_words[taken : taken + len(chunk.words)]
        taken += len(chunk.words)
        tokens.append(remap[chunk.tokens] if chunk.tokens.size else chunk.tokens)
        surface.append(remap[chunk.surface] if chunk.surface.size else chunk.surface)
        # A chunk's forms in their order of first appearance: the global ids come out in the
        # order the texts first use them.
        local = np.asarray(
            [form_ids.setdefault(form, len(form_ids)) for form in chunk.forms], dtype=np.int16
        )
        forms.append(local[chunk.form_codes] if chunk.form_codes.size else chunk.form_codes)
        inns.update((row + k, inn) for k, inn in chunk.inns.items())
        row += chunk.same.size
    hashes = np.concatenate([chunk.block_hash for chunk in chunks])
    block_hash, inverse = np.unique(hashes, return_inverse=True)
    offsets = np.cumsum([0] + [chunk.block_hash.size for chunk in chunks])
    codes = np.concatenate(
        [
            chunk.block_codes.astype(np.int64) + offset
            for chunk, offset in zip(chunks, offsets[:-1].tolist(), strict=True)
        ]
    )

    def _ends(name: str) -> npt.NDArray[np.int64]:
        return np.cumsum(
            np.concatenate([getattr(chunk, name) for chunk in chunks]), dtype=np.int64
        )

    return _Parsed(
        words=[sys.intern(word) for word in vocabulary],
        tokens=np.concatenate(tokens).astype(np.int32),
        token_ends=_ends("token_lens"),
        surface=np.concatenate(surface).astype(np.int32),
        surface_ends=_ends("surface_lens"),
        same=np.concatenate([chunk.same for chunk in chunks]),
        forms=list(form_ids),
        form_codes=np.concatenate(forms).astype(np.int16),
        inns=inns,
        key_hash=np.concatenate([chunk.key_hash for chunk in chunks]),
        key_bytes=np.frombuffer(b"".join(chunk.key_blob for chunk in chunks), dtype=np.uint8),
        key_ends=_ends("key_lens"),
        block_hash=block_hash.astype(np.uint64),
        block_codes=inverse.reshape(-1)[codes].astype(np.int32),
        block_ends=_ends("block_lens"),
    )


def _same_rows(
    flat: npt.NDArray[np.uint8],
    ends: npt.NDArray[np.int64],
    rows: npt.NDArray[Any],
    others: npt.NDArray[Any],
    *,
    block: int = 200_000,
) -> bool:
    """Whether row ``rows[k]`` of a CSR byte list equals row ``others[k]`` for every k."""
    differ = np.flatnonzero(rows != others)
    lengths = np.diff(ends, prepend=0)
    for start in range(0, differ.size, block):
        pick = differ[start : start + block]
        left, right = rows[pick], others[pick]
        size = lengths[left]
        if not np.array_equal(size, lengths[right]):
            return False
        here = flat[_ranges(ends[left] - size, size)]
        there = flat[_ranges(ends[right] - size, size)]
        if not np.array_equal(here, there):
            return False
    return True


def _distinct(values: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """``np.unique(values)`` by a sort and a comparison of neighbours (numpy 2's ``np.unique``
    of a few million integers took 2 s here, the sort 0.1 s)."""
    ordered = np.sort(values)
    if not ordered.size:
        return ordered
    first = np.empty(ordered.size, dtype=np.bool_)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def _postings(numbered: npt.NDArray[Any], lengths: npt.NDArray[np.int64]) -> npt.NDArray[np.int32]:
    """The entries under each block key, keys in id order, entries in entry order.

    ``numbered`` holds the key id of each (entry, key) pair, the pairs of entry 0 first, then
    of entry 1 (``lengths`` per entry). One sort of ``key id << 32 | entry`` gives what a stable
    argsort of the key ids gives (pairs with the same key id are ordered by entry either way),
    3–4× faster: numpy sorts integers with SIMD, a stable argsort with timsort.
    """
    owners = np.repeat(np.arange(lengths.size, dtype=np.uint64), lengths)
    pairs = (np.asarray(numbered, dtype=np.uint64) << np.uint64(32)) | owners
    pairs.sort()
    return (pairs & np.uint64(0xFFFFFFFF)).astype(np.int32)


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
    parser: Callable[[str], NameParts] = parse if callable(parse) else parse_name
    rows = names if isinstance(names, list) else list(names)
    # Each distinct text of a range of companies is parsed once; a large registry is done by
    # forked workers, each over a range of companies.
    done = _index_chunks(rows, parser)
    del rows
    parsed = _merge([chunk for _, chunk in done])
    offsets = np.cumsum([0] + [chunk.same.size for _, chunk in done])[:-1].tolist()
    companies = np.concatenate([items.company for items, _ in done])
    text = np.concatenate(
        [items.text + offset for (items, _), offset in zip(done, offsets, strict=True)]
    )
    penalty = np.concatenate([items.penalty for items, _ in done])
    display = TextColumn(
        b"".join(items.display_blob for items, _ in done),
        np.cumsum(np.concatenate([items.display_lens for items, _ in done]), dtype=np.int64),
    )
    del done
    # The legal form of a company: the first one its own names (not their cores) give.
    formed = np.flatnonzero((penalty == 0) & (parsed.form_codes[text] != 0))
    firsts, first_items = np.unique(companies[formed], return_index=True)
    company_form = np.zeros(len(display), dtype=np.int16)
    company_form[firsts] = parsed.form_codes[text[formed[first_items]]]
    # An entry per item with tokens, unless its company already has an entry with that key.
    lengths = np.diff(parsed.token_ends, prepend=0)
    useful = np.flatnonzero(lengths[text] > 0)
    repeated = pd.DataFrame(
        {"company": companies[useful], "key": parsed.key_hash[text[useful]]}
    ).duplicated()
    kept = useful[~repeated.to_numpy()]
    entry_text = text[kept]
    entry_company = companies[kept]
    tokens, token_ends = _take_rows(parsed.tokens, parsed.token_ends, entry_text)
    surface, surface_ends = _take_rows(parsed.surface, parsed.surface_ends, entry_text)
    inns: dict[int, str] = {}
    if parsed.inns:
        with_inn = np.flatnonzero(np.isin(entry_text, np.fromiter(parsed.inns, dtype=np.int64)))
        inns = {int(row): parsed.inns[int(entry_text[row])] for row in with_inn}
    key_bytes, key_ends = _take_rows(parsed.key_bytes, parsed.key_ends, entry_text)
    # Companies per token: distinct (company, word) pairs of the entries.
    words = len(parsed.words)
    owners = np.repeat(entry_company.astype(np.int64), np.diff(token_ends, prepend=0))
    pairs = _distinct(owners * max(words, 1) + tokens)
    counts = np.bincount(pairs % max(words, 1), minlength=words)
    token_df = {parsed.words[w]: int(counts[w]) for w in np.flatnonzero(counts).tolist()}
    # Normalised key → entries, by hash.
    entry_hash = parsed.key_hash[entry_text]
    by_hash = np.argsort(entry_hash, kind="stable")
    exact_hash, exact_starts = np.unique(entry_hash[by_hash], return_index=True)
    sizes = np.diff(np.append(exact_starts, entry_hash.size))
    firsts = np.repeat(by_hash[exact_starts], sizes).astype(np.int64)
    pure = _same_rows(key_bytes, key_ends, by_hash.astype(np.int64), firsts)
    # Block key ids by first appearance over the entries (ties in rarity are read in this order).
    codes, code_ends = _take_rows(parsed.block_codes, parsed.block_ends, entry_text)
    numbered, first_seen = pd.factorize(codes, sort=False)
    key_number = np.full(parsed.block_hash.size, -1, dtype=np.int32)
    key_number[first_seen] = np.arange(first_seen.size, dtype=np.int32)
    key_df = np.bincount(numbered, minlength=first_seen.size).astype(np.int64)
    ptr = np.zeros(first_seen.size + 1, dtype=np.int64)
    np.cumsum(key_df, out=ptr[1:])
    postings = _postings(numbered, np.diff(code_ends, prepend=0))
    return RegistryIndex(
        inn=list(inn),
        name=display,
        region=list(region) if region is not None else [""] * len(display),
        legal_form=[parsed.forms[code] for code in company_form.tolist()],
        entry_company=entry_company.astype(np.int32),
        entry_penalty=penalty[kept].astype(np.float32),
        entry_parts=PartsColumn(
            parsed.words,
            (tokens.astype(np.int32), token_ends),
            (surface.astype(np.int32), surface_ends),
            parsed.same[entry_text],
            (parsed.forms, parsed.form_codes[entry_text]),
            inns,
        ),
        entry_key=TextColumn(key_bytes.tobytes(), key_ends),
        key_hash=parsed.block_hash,
        key_number=key_number,
        key_df=key_df,
        ptr=ptr,
        postings=postings.astype(np.int32),
        token_df=token_df,
        exact_hash=exact_hash.astype(np.uint64),
        exact_ptr=np.append(exact_starts, entry_hash.size).astype(np.int64),
        exact_entries=by_hash.astype(np.int32),
        exact_pure=pure,
    )
