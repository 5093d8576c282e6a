"""How well a mention's name agrees with one registry name: weighted tokens plus characters.

Tokens are paired one to one: equal lemmas first, then one word written as several («Ямал
Информ» ↔ «Ямалинформ»), then an acronym against the initials of several words («АТК» ↔
«Агентство технического консалтинга»), then a typo (rapidfuzz ratio ≥ 0.8). Every token weighs
by rarity (:meth:`RegistryIndex.weight`), so a difference in a distinctive word («Ромашка-Север»
vs «Ромашка-Юг») costs much and an extra «строительная» or a city costs little. The agreement is
a weighted Dice coefficient in 0–1; the explanation names the tokens that agreed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import mul, not_

from rapidfuzz.distance import Levenshtein

from abmresearch.match.normalize import NameParts, has_nominative, word_initials

__all__ = ["Agreement", "calibrated", "combine", "token_agreement"]

_TYPO_MIN = 0.8
_TYPO_MIN_LENGTH = 5
_LEMMA_ONLY_SIM = 0.95
_LEMMA_CLASH_SIM = 0.7
_EXTRA_FACTOR = 0.6
_similar = Levenshtein.normalized_similarity
_LOOSE = str.maketrans({"э": "е", "й": "и", "ь": None, "ъ": None})


@lru_cache(maxsize=200_000)
def _loose(word: str) -> str:
    return word.translate(_LOOSE)


_FINAL_VOWEL = frozenset("аяоеьй")
_CASE_ENDINGS = frozenset(
    "а я у ю е и ы ой ей ом ем ым им ою ею ью ами ями ах ях ам ям ого его ому ему ую юю".split()  # noqa: SIM905
)


def _oblique(mention: str, registry: str) -> bool:
    """Whether a mention word is the registry word in another case, for words the dictionary
    does not know: «Аяксом» / «АЯКС», «Бономией» / «БОНОМИЯ» (a stem of ≥ 4 letters and a case
    ending; «Максим» is not «МАКСИМА»: nothing follows the stem)."""
    stem = registry[:-1] if registry[-1:] in _FINAL_VOWEL else registry
    if len(stem) < 4 or not mention.startswith(stem):
        return False
    ending = mention[len(stem) :]
    return ending in _CASE_ENDINGS and mention != registry


# A word cut to its first one or two letters after a word that agrees.
_CUT_MAX = 2
_CUT_SIM = 0.8
# An acronym is weaker evidence the shorter it is, and stronger when it spells the whole name.
_ACRONYM_SIM = {2: 0.55, 3: 0.7, 4: 0.8}
_ACRONYM_WHOLE_SIM = {2: 0.7, 3: 0.85}
# Logistic calibration of the combined similarity (see benchmarks/bench_match.py --calibrate):
# fitted on variants of МСП names, checked on ЕГРЮЛ names.
CALIBRATION = (11.71, -9.71)


# Words that make the word beside them a place or a dedication, not the company's own name:
# «Черепановского района», «города Новосибирска», «имени А. С. Пушкина».
_PLACE_HEADS = frozenset(
    {"район", "область", "край", "округ", "сельсовет", "поселение", "республика", "поселок"}
)
_PLACE_AFTER = frozenset({"город", "село", "поселок"})
_DEDICATION = frozenset({"имя", "им"})
_PLACE_WEIGHT = 0.8
_INITIAL_WEIGHT = 1.0
_DEDICATION_WORDS = 3
# A registry word this light (generic, place, initial) does not stop an acronym spelling the
# whole name.
_MINOR = 1.0
_CONTEXT_WORDS = _PLACE_HEADS | _PLACE_AFTER | _DEDICATION


def _in_context(tokens: tuple[str, ...], weights: list[float]) -> list[float]:
    """Weights lowered for registry words that only say where a company is or whom it is
    named after: the word before «района»/«области», after «города», the words after
    «имени», and single letters (a person's initials). Used for the registry words a mention
    leaves out; a word the mention has keeps its weight (a single letter it writes, as in
    «ВИВА-Т», is what tells the name from another)."""
    out = list(weights)
    if _CONTEXT_WORDS.isdisjoint(tokens) and min(map(len, tokens), default=2) > 1:
        # No place, dedication or initial: nothing is lowered (most names).
        return out
    dedication = -1
    for k, token in enumerate(tokens):
        if token in _DEDICATION:
            dedication = k
        single = len(token) == 1
        low = (
            single
            or 0 <= dedication < k <= dedication + _DEDICATION_WORDS
            or (k + 1 < len(tokens) and tokens[k + 1] in _PLACE_HEADS)
            or (k > 0 and tokens[k - 1] in _PLACE_AFTER)
        )
        if low:
            cap = _INITIAL_WEIGHT if single else _PLACE_WEIGHT
            out[k] = min(out[k], cap)
        if token in _DEDICATION:
            out[k] = min(out[k], _PLACE_WEIGHT)
    return out


@dataclass(frozen=True, slots=True)
class Agreement:
    """Token agreement of a mention with a registry name.

    Attributes:
        score: weighted Dice coefficient, 0–1.
        agreed: descriptions of the token pairs that agreed («ромашка», «атк=агентство…»).
        missing: mention tokens with no partner.
        extra: registry tokens with no partner.
    """

    score: float
    agreed: tuple[str, ...]
    missing: tuple[str, ...]
    extra: tuple[str, ...]


def _runs_concat(
    token: str, tokens: tuple[str, ...], surface: tuple[str, ...], free: list[float]
) -> tuple[int, int] | None:
    """A run of free tokens whose concatenation (lemma or surface) is ``token``."""
    for start in range(len(tokens)):
        if free[start] or not (
            token.startswith(tokens[start]) or token.startswith(surface[start])
        ):
            # Both concatenations begin with this word: nothing from here can be ``token``.
            continue
        lemma_text = ""
        surface_text = ""
        for end in range(start, len(tokens)):
            if free[end]:
                break
            lemma_text += tokens[end]
            surface_text += surface[end]
            if end > start and token in (lemma_text, surface_text):
                return start, end + 1
            if len(surface_text) >= len(token) + 3:
                break
    return None


def _extend_acronym(
    token: str, surface: tuple[str, ...], free: list[float], end: int, position: int, used: int
) -> int | None:
    """Where a run of free words from ``end`` that spells ``token[position:]`` stops, or
    ``None`` (a module function, not a closure: no reference cycle per call)."""
    size = len(token)
    if end >= len(surface) or free[end]:
        return None
    if used and token[position] == "и" and position < size - 1:
        # «И» of a conjunction the name drops: «КЦСОИР» = «комплексный центр социального
        # обслуживания и реабилитации».
        found = _extend_acronym(token, surface, free, end, position + 1, used)
        if found is not None:
            return found
    for option in word_initials(surface[end]):
        if not token.startswith(option, position):
            continue
        reached = position + len(option)
        if reached == size and (used > 0 or len(option) > 1):
            return end + 1
        if reached < size:
            found = _extend_acronym(token, surface, free, end + 1, reached, used + 1)
            if found is not None:
                return found
    return None


def _runs_acronym(
    token: str, surface: tuple[str, ...], free: list[float]
) -> tuple[int, int] | None:
    """A run of free words whose initials spell ``token`` (2–6 letters).

    A compound word gives the initials of its parts («спецстроймонтаж» → «ссм»).
    """
    size = len(token)
    if not 2 <= size <= 6:
        return None
    first = token[0]
    # Every way a word can stand in an acronym begins with its first letter.
    starts = [k for k, word in enumerate(surface) if not free[k] and word.startswith(first)]
    if not starts:
        return None

    for start in starts:
        stop = _extend_acronym(token, surface, free, start, 0, 0)
        if stop is not None:
            return start, stop
    return None


def token_agreement(
    mention: NameParts, candidate: NameParts, weight: Callable[[str], float]
) -> Agreement:
    """Pair the tokens of two names and score their weighted agreement.

    Args:
        mention: the parsed mention.
        candidate: the parsed registry name.
        weight: token → weight (rarity).

    Returns:
        The :class:`Agreement`.
    """
    ta, tb = mention.tokens, candidate.tokens
    ua, ub = mention.surface, candidate.surface
    if not ta or not tb:
        return Agreement(0.0, (), ta, tb)
    if ta == tb and ua == ub:
        return Agreement(1.0, ta, (), ())
    wa = list(map(weight, ta))
    wb = list(map(weight, tb))
    sa = [0.0] * len(ta)
    sb = [0.0] * len(tb)
    agreed: list[str] = []
    partner: dict[int, int] = {}
    for i, token in enumerate(ta):
        if token not in tb:
            continue
        for j, other in enumerate(tb):
            if not sb[j] and token == other:
                # Same lemma, other spelling: an inflected mention, or two names pymorphy folds
                # together («Максима» → «максим»); the exact spelling is a little better.
                spelled, registered = ua[i], ub[j]
                if spelled == registered:
                    similarity = 1.0
                elif spelled == token and registered != other and has_nominative(registered):
                    # The mention writes the dictionary form, the registry another word with
                    # that lemma that is itself a nominative: «Максим» is not «Максима» (an
                    # inflected registry form, «России», still agrees).
                    similarity = _LEMMA_CLASH_SIM
                else:
                    similarity = _LEMMA_ONLY_SIM
                sa[i] = sb[j] = similarity
                partner[i] = j
                agreed.append(token)
                break
    if 0.0 not in sa:
        # Every mention word agrees exactly: the searches below pair mention words only.
        return _finish(ta, tb, wa, wb, sa, sb, agreed)
    if 0.0 in sb:
        _pair_loose(ta, tb, ua, ub, sa, sb, agreed, partner)
    for i, token in enumerate(ta):
        # A cut-off last part: «ВИВА-Т» for «ВИВА-ТРЭВЭЛ» (the word before it agrees, the
        # registry word after that begins with the mention's one or two letters).
        if sa[i] or len(token) > _CUT_MAX:
            continue
        j = partner.get(i - 1, -2) + 1
        if (
            token.isalpha()
            and 0 < j < len(tb)
            and not sb[j]
            and len(tb[j]) > len(token) + 2
            and ub[j].startswith(ua[i])
        ):
            sa[i] = sb[j] = _CUT_SIM
            agreed.append(f"{token}…={tb[j]}")
    for side_tokens, side_surface, side_s, other_tokens, other_surface, other_s, flip in (
        (ta, ua, sa, tb, ub, sb, False),
        (tb, ub, sb, ta, ua, sa, True),
    ):
        free_other = other_s.count(0.0)
        if not free_other or 0.0 not in side_s:
            continue
        for i, token in enumerate(side_tokens):
            if side_s[i]:
                continue
            run = (
                _runs_concat(token, other_tokens, other_surface, other_s)
                if free_other > 1 and len(token) >= 4
                else None
            )
            similarity = 1.0
            spelled = side_surface[i]
            if run is None and len(spelled) <= 6:
                run = _runs_acronym(spelled, other_surface, other_s)
                if run is not None:
                    # «Whole»: the acronym and its words are all that is left unpaired.
                    # Registry words that only name a place or a dedication may be left
                    # («МАОУ НГПЛ» = «… города Новосибирска "НГПЛ" имени А. С. Пушкина»).
                    covered = set(range(*run))
                    minor = (
                        _in_context(other_tokens, [weight(t) for t in other_tokens])
                        if not flip
                        else [_MINOR + 1.0] * len(other_tokens)
                    )
                    whole = all(
                        other_s[k] or k in covered or minor[k] <= _MINOR
                        for k in range(len(other_tokens))
                    ) and all(side_s[k] or k == i for k in range(len(side_tokens)))
                    size = len(spelled)
                    similarity = (
                        _ACRONYM_WHOLE_SIM.get(size, 0.9)
                        if whole
                        else _ACRONYM_SIM.get(size, 0.85)
                    )
            if run is None:
                continue
            side_s[i] = similarity
            for k in range(*run):
                other_s[k] = similarity
            words = " ".join(other_tokens[run[0] : run[1]])
            agreed.append(f"{words}={token}" if flip else f"{token}={words}")
    if 0.0 in sa and 0.0 in sb:
        _pair_typos(ta, tb, ua, ub, sa, sb, agreed)
    return _finish(ta, tb, wa, wb, sa, sb, agreed)


def _pair_loose(
    ta: tuple[str, ...],
    tb: tuple[str, ...],
    ua: tuple[str, ...],
    ub: tuple[str, ...],
    sa: list[float],
    sb: list[float],
    agreed: list[str],
    partner: dict[int, int],
) -> None:
    """Spellings that differ only where transliteration loses the difference: «э»/«е»,
    «й»/«и», a soft or hard sign («Morskaya Zhizn» = «МОРСКАЯ ЖИЗНЬ», «Eyfel» = «ЭЙФЕЛ»)."""
    # The free registry words in order, (position, loose lemma, loose spelling): a word
    # paired here leaves the list.
    loose_b = [(j, _loose(word), _loose(ub[j])) for j, word in enumerate(tb) if not sb[j]]
    for i, token in enumerate(ta):
        if sa[i]:
            continue
        spelled_a = _loose(ua[i])
        if len(spelled_a) < 3:
            continue
        lemma_a = _loose(token)
        head = spelled_a[:4]
        for position, (j, lemma_b, spelled_b) in enumerate(loose_b):
            if (
                lemma_b == lemma_a
                or spelled_b == spelled_a
                # An oblique form begins with the registry word's stem of ≥ 4 letters.
                or (spelled_b.startswith(head) and _oblique(spelled_a, spelled_b))
            ):
                sa[i] = sb[j] = _LEMMA_ONLY_SIM
                partner[i] = j
                del loose_b[position]
                agreed.append(f"{token}~{tb[j]}")
                break


def _pair_typos(
    ta: tuple[str, ...],
    tb: tuple[str, ...],
    ua: tuple[str, ...],
    ub: tuple[str, ...],
    sa: list[float],
    sb: list[float],
    agreed: list[str],
) -> None:
    """A typo: the free registry word most like a free mention word (ratio ≥ 0.8)."""
    typo_b = [j for j, other in enumerate(tb) if len(other) >= _TYPO_MIN_LENGTH]
    if not typo_b:
        return
    for i, token in enumerate(ta):
        if sa[i] or len(token) < _TYPO_MIN_LENGTH:
            continue
        best, best_j = 0.0, -1
        spelled = ua[i]
        for j in typo_b:
            if sb[j]:
                continue
            similarity = _similar(token, tb[j])
            if spelled != token or ub[j] != tb[j]:
                similarity = max(similarity, _similar(spelled, ub[j]))
            if similarity > best:
                best, best_j = similarity, j
        if best >= _TYPO_MIN:
            # One letter off in a short word is often another company: the similarity falls
            # steeply from 1.0 (same word) to 0.6 at the 0.8 cut-off.
            sa[i] = sb[best_j] = 0.7 + (best - _TYPO_MIN) * 1.5
            agreed.append(f"{token}≈{tb[best_j]}")


def _finish(
    ta: tuple[str, ...],
    tb: tuple[str, ...],
    wa: list[float],
    wb: list[float],
    sa: list[float],
    sb: list[float],
    agreed: list[str],
) -> Agreement:
    """The weighted Dice coefficient of the pairing, and the words left unpaired."""
    # Registry names are longer than mentions: their unpaired words cost less than the mention's.
    # An unpaired registry word that only names a place or a dedication costs little.
    # (Lists and maps, not generators, in the sums: the same additions in the same order.)
    if 0.0 in sb:
        if _CONTEXT_WORDS.isdisjoint(tb) and min(map(len, tb)) > 1:
            # No place, dedication or initial (what _in_context would find): most names.
            rest = [w if s else w * _EXTRA_FACTOR for w, s in zip(wb, sb, strict=False)]
        else:
            extra = _in_context(tb, wb)
            rest = [w if s else x * _EXTRA_FACTOR for w, x, s in zip(wb, extra, sb, strict=False)]
        total = sum(wa) + sum(rest)
        unpaired_b = tuple(compress(tb, map(not_, sb)))
    else:
        total = sum(wa) + sum(wb)
        unpaired_b = ()
    matched = sum(map(mul, wa, sa)) + sum(map(mul, wb, sb))
    return Agreement(
        matched / total if total else 0.0,
        tuple(agreed),
        tuple(compress(ta, map(not_, sa))) if 0.0 in sa else (),
        unpaired_b,
    )


def combine(tokens: float, chars: float) -> float:
    """The combined similarity: token agreement mostly, characters for the rest (both 0–1)."""
    return 0.8 * tokens + 0.2 * chars


def calibrated(similarity: float) -> float:
    """Map a combined similarity onto a 0–1 score that reads as the chance the link is right."""
    slope, intercept = CALIBRATION
    return 1.0 / (1.0 + math.exp(-(slope * similarity + intercept)))
