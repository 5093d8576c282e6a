"""Normalise a Russian company name into comparable tokens.

``ООО «Ромашка»``, ``Общество с ограниченной ответственностью "РОМАШКА"``, ``«Ромашка», ООО``,
``у „Ромашки“`` and ``POMAШKA`` (Latin lookalikes) all become the key ``ромашка``. Steps:
Unicode NFKC, ё→е, lower case; an ИНН written in the name is taken out; ОКОПФ legal forms (full
or abbreviated, before or after the name) are removed and kept apart; business-type phrases
collapse into their abbreviation («торговый дом» → «тд»); quotes and punctuation become spaces;
Latin lookalike letters inside Cyrillic words become Cyrillic; Latin words are transliterated
into Cyrillic («Romashka» → «ромашка»); prepositions are dropped; every word is lemmatised with
pymorphy3 («Ромашки» → «ромашка»).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from abmresearch.match.forms import (
    COMPOUND_PARTS,
    LEGAL_ABBREVIATIONS,
    LEGAL_FORMS,
    PHRASE_ABBREVIATIONS,
    PHRASES,
    STOP_WORDS,
    WORD_ABBREVIATIONS,
    legal_form_of,
)

__all__ = [
    "NameParts",
    "has_nominative",
    "lemma",
    "normalize_name",
    "parse_name",
    "parse_uncached",
    "split_compound",
    "transliterate",
    "word_initials",
]

_INN_IN_TEXT = re.compile(r"(?<!\d)(\d{12}|\d{10})(?!\d)")
_INN_LABEL = re.compile(r"\bинн\b[\s:№]*")
# Letters abbreviated with a slash: «д/с» (детский сад), «с/х», «ж/д».
_SLASHED = re.compile(r"(?<![0-9a-zа-я])([а-я])/([а-я])(?![0-9a-zа-я])")
# Abbreviated forms of state and municipal institutions: МБОУ, МАДОУ, ГБУЗ, ГБУСО, МКУК, ФГБУ…
_INSTITUTION = re.compile(r"^(?:фг|г|м|о)(?:б|а|к)?(?:д?о|по|до)?у(?:з|к|со|дод?|сон)?$")
_NON_WORD = re.compile(r"[^0-9a-zа-я]+")
_CYRILLIC = re.compile(r"[а-я]")
_LATIN = re.compile(r"[a-z]")
# Latin letters that look like Cyrillic ones (after lower-casing: «H» → «h» looks like «Н»).
_LOOKALIKES = str.maketrans("aeopcxykmthb", "аеорсхукмтнв")
_LATIN_DIGRAPHS = (
    ("shch", "щ"),
    ("sch", "щ"),
    ("yo", "е"),
    ("yu", "ю"),
    ("ya", "я"),
    ("ye", "е"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("tz", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ph", "ф"),
    ("th", "т"),
    ("ck", "к"),
    ("oo", "у"),
    ("ee", "и"),
    ("ou", "у"),
    ("qu", "кв"),
    ("ks", "кс"),
    ("x", "кс"),
)
_LATIN_LETTERS = str.maketrans(
    dict(zip("abcdefghiklmnopqrstuvwz", "абкдефгхиклмнопкрстуввз", strict=True)) | {"j": "дж"}
)
_VOWELS = set("aeiouy")
_MORPH: list[Any] = []


@dataclass(frozen=True, slots=True)
class NameParts:
    """A company name taken apart.

    Attributes:
        tokens: lemmatised words of the name proper (legal form removed), in order.
        surface: the same words before lemmatisation (for explanations and acronyms).
        legal_form: the abbreviated legal form found («ооо», «ао», …) or ``""``.
        inn: a 10- or 12-digit number written in the name, or ``""``.
    """

    tokens: tuple[str, ...]
    surface: tuple[str, ...]
    legal_form: str
    inn: str

    @property
    def key(self) -> str:
        """The normalised name: lemmatised tokens joined by spaces."""
        return " ".join(self.tokens)

    def __reduce__(self) -> tuple[type[NameParts], tuple[object, ...]]:
        # Pickled as a constructor call: the state methods dataclasses gives a frozen class
        # with slots call fields() per object (3 µs a name each way; the link sends 100,000s
        # of names to and from its workers).
        return NameParts, (self.tokens, self.surface, self.legal_form, self.inn)


def _morph() -> Any:
    if not _MORPH:
        import pymorphy3

        _MORPH.append(pymorphy3.MorphAnalyzer())
    return _MORPH[0]


@lru_cache(maxsize=1_000_000)
def lemma(word: str) -> str:
    """The dictionary form of one lower-case Russian word (pymorphy3), ё folded into е.

    Short words, numbers and abbreviations (no vowel) are kept as they are.
    """
    if len(word) < 3 or not _CYRILLIC.search(word) or not re.search("[аеиоуыэюя]", word):
        return word
    morph = _morph()
    if not morph.word_is_known(word):
        # A brand word the dictionary does not know: pymorphy's guesses are slow and unstable
        # («логарит» → «логарита»). A vowel ending is stripped («Техпрома» → «техпром»), a
        # consonant ending kept; only «-ом», «-ов», «-ами»… (maybe a case, maybe the stem, as in
        # «Техпром») are left to pymorphy.
        if not _OBLIQUE.search(word):
            return word
        if not _CONSONANT_CASE.search(word):
            return _stem(word)
    parses = morph.parse(word)
    if not parses:
        return word
    best = parses[0]
    # Prefer a noun or adjective reading: «Ромашки» is a company, not a verb form.
    for parse in parses[:4]:
        if {"NOUN", "ADJF"} & {str(parse.tag.POS)}:
            best = parse
            break
    return str(best.normal_form).replace("ё", "е")


@lru_cache(maxsize=100_000)
def has_nominative(word: str) -> bool:
    """Whether a lower-case word can be a nominative in its own right («максима»: yes,
    «россии»: no); unknown words and words without a vowel count as nominatives."""
    if len(word) < 3 or not _CYRILLIC.search(word):
        return True
    morph = _morph()
    if not morph.word_is_known(word):
        return True
    return any("nomn" in parse.tag for parse in morph.parse(word))


_LEGAL_STEMS = (
    "обществ",
    "предпри",
    "учрежд",
    "организац",
    "партнерств",
    "товариществ",
    "кооператив",
    "хозяйств",
)
_PHRASE_STEMS = ("компани", "предприят", "объединен", "фирм", "центр", "управлен", "организац",
                 "дом", "недвижим", "застройщ", "школ", "двор", "хозяйств", "издели",
                 "сад")  # fmt: skip
_LEGAL_STEM_PATTERN = re.compile("|".join(_LEGAL_STEMS))
_PHRASE_STEM_PATTERN = re.compile("|".join(_PHRASE_STEMS))

# Endings of oblique cases (and of nominatives in a vowel).
_OBLIQUE = re.compile(r"(?:[аеиоуыэюя]|ом|ем|ов|ев|ам|ям|ах|ях)$")
_CONSONANT_CASE = re.compile(r"(?:ом|ем|ов|ев|ам|ям|ах|ях)$")
_VOWEL_ENDING = re.compile(r"(?:ой|ей|ою|ею|ью|ию|ия|ие|ии|[аеиоуыэюя])$")


def _stem(word: str) -> str:
    """Strip a vowel case ending from a word the dictionary does not know (stem ≥ 4 letters)."""
    found = _VOWEL_ENDING.search(word)
    if found and found.start() >= 4:
        return word[: found.start()]
    return word


@lru_cache(maxsize=200_000)
def transliterate(word: str) -> str:
    """Latin → Cyrillic by the usual Russian spelling of brand names («Romashka» → «ромашка»).

    Args:
        word: one lower-case Latin word.

    Returns:
        The Cyrillic spelling; a final silent «e» after a consonant is dropped («google» → «гугл»).
    """
    text = word
    if len(text) > 3 and text.endswith("e") and text[-2] not in _VOWELS:
        text = text[:-1]
    for latin, cyrillic in _LATIN_DIGRAPHS:
        text = text.replace(latin, cyrillic)
    text = re.sub(r"c(?=[eiy])", "с", text)
    text = re.sub(r"(?<![a-zа-я])y(?=[aeiou])", "й", text)
    text = re.sub(r"(?<=[aeiouаеиоу])y", "й", text)
    text = text.replace("y", "и")
    return text.translate(_LATIN_LETTERS)


def _fix_script(token: str) -> str:
    """Lookalikes inside a Cyrillic word become Cyrillic; a Latin word is transliterated."""
    has_latin = _LATIN.search(token) is not None
    if not has_latin:
        return token
    if _CYRILLIC.search(token):
        token = token.translate(_LOOKALIKES)
        if not _LATIN.search(token):
            return token
        return re.sub("[a-z]+", lambda m: transliterate(m.group()), token)
    if token in LEGAL_ABBREVIATIONS:
        return token
    # A legal form typed on a Latin layout («OOO», «AO») is still a legal form.
    looks = token.translate(_LOOKALIKES)
    if looks in LEGAL_ABBREVIATIONS and not _LATIN.search(looks):
        return looks
    return transliterate(token)


_PLAIN, _FORM, _STOP = 0, 1, 2


@lru_cache(maxsize=500_000)
def _word(raw: str) -> tuple[int, str, str]:
    """One raw word of a name: (kind, surface or legal form, lemma), cached per spelling.

    Registry names repeat their words thousands of times; classifying and lemmatising each
    spelling once takes most of the per-name cost out of indexing a large registry.
    """
    token = _fix_script(raw)
    if token in LEGAL_ABBREVIATIONS or _INSTITUTION.match(token):
        return _FORM, LEGAL_ABBREVIATIONS.get(token, token), ""
    if token in STOP_WORDS:
        return _STOP, token, ""
    token = WORD_ABBREVIATIONS.get(token, token)
    token = sys.intern(token)
    return _PLAIN, token, sys.intern(lemma(token))


def _clean(text: str) -> tuple[str, str]:
    """NFKC, lower case, ё→е; an ИНН taken out. Returns (text, inn)."""
    # «№» would become «no» under NFKC (then «но»): it is only a number sign.
    text = unicodedata.normalize("NFKC", text.replace("№", " ")).lower().replace("ё", "е")
    inn = ""
    found = _INN_IN_TEXT.search(text)
    if found:
        inn = found.group(1)
        text = text[: found.start()] + " " + text[found.end() :]
        text = _INN_LABEL.sub(" ", text)
    if "/" in text:
        text = _SLASHED.sub(r"\1\2", text)
    return text, inn


def _phrase(number: int, found: str) -> str:
    return _PHRASE_REPLACEMENTS[number]


_PHRASE_REPLACEMENTS = tuple(f" {abbreviation} " for _, abbreviation in PHRASE_ABBREVIATIONS)


def parse_name(text: str) -> NameParts:
    """Take a company name (or an organisation mention in running text) apart.

    Args:
        text: the name as written, e.g. ``Общество с ограниченной ответственностью "Ромашка"``.

    Returns:
        The :class:`NameParts`: lemmatised tokens, surface tokens, legal form and ИНН.
    """
    return _parse_cached(text if isinstance(text, str) else "")


def parse_uncached(text: str) -> NameParts:
    """:func:`parse_name` without its cache: for texts parsed once (a registry's names)."""
    return _parse(text if isinstance(text, str) else "")


@lru_cache(maxsize=200_000)
def _parse_cached(text: str) -> NameParts:
    return _parse(text)


def _parse(text: str) -> NameParts:
    cleaned, inn = _clean(text)
    forms: list[str] = []

    def _legal(number: int, found: str) -> str:
        forms.append(legal_form_of(number, found))
        return " "

    # Hyphenated spellings of the full forms are rare; a space-normalised copy is searched.
    cleaned = " ".join(cleaned.split())
    words = _NON_WORD.split(cleaned)
    # Legal forms and phrases are recognised at the words that can start one
    # (forms.WordAlternation); a substring check and the words' first letters skip that for
    # most names. Taking a legal form out only removes words: the words checked for phrases
    # are still the text's.
    changed = False
    if _LEGAL_STEM_PATTERN.search(cleaned) and LEGAL_FORMS.could_match(words):
        cleaned = LEGAL_FORMS.sub(_legal, cleaned)
        changed = True
    if _PHRASE_STEM_PATTERN.search(cleaned) and PHRASES.could_match(words):
        cleaned = PHRASES.sub(_phrase, cleaned)
        changed = True
    if changed:
        words = _NON_WORD.split(cleaned)
    surface: list[str] = []
    tokens_list: list[str] = []
    for raw in words:
        if not raw:
            continue
        kind, token, lemmatised = _word(raw)
        if kind == _FORM and forms and token != forms[0]:
            # A second, other legal form is a word of the name: «ООО "КФХ "ПРИУРАЛЬЕ"» is not
            # «ООО "ПРИУРАЛЬЕ"», «АО "ГСК"» is named «ГСК».
            kind, lemmatised = _PLAIN, token
        if kind == _FORM:
            forms.append(token)
        elif kind == _PLAIN:
            surface.append(token)
            tokens_list.append(lemmatised)
    if not surface and forms:
        # «ООО "СПК"»: the name itself looks like a legal form; keep all but the first form.
        surface = forms[1:] or forms[:1]
        tokens_list = [lemma(token) for token in surface]
    tokens = tuple(tokens_list)
    spelled = tuple(surface)
    # Registry names are mostly in the nominative: one tuple serves both (memory at scale).
    return NameParts(
        tokens, tokens if spelled == tokens else spelled, forms[0] if forms else "", inn
    )


def normalize_name(text: str) -> str:
    """The normalised key of a company name: lemmatised words of the name without legal form.

    Args:
        text: the name as written in a registry, CRM or news text.

    Returns:
        Lower-case Cyrillic words joined by single spaces, e.g. ``ромашка`` for
        ``ООО «Ромашка»``, ``у „Ромашки“``, ``"POMAШKA", ООО``; ``""`` when nothing is left.
    """
    return parse_name(text).key


_ABBREVIATIONS = frozenset(abbr for _, abbr in PHRASE_ABBREVIATIONS)
_HAS_VOWEL = re.compile("[аеиоуыэюя]")


def _free_tail(rest: str, *, linked: bool, check: bool) -> bool:
    """Whether ``rest`` can end a compound as a word of its own: a dictionary word of ≥ 4
    letters after a linking vowel («металл-о-конструкция», «энерго-сберегающий»), of ≥ 6
    letters without one («рем-тех-предприятие»); without ``check`` any such stem."""
    if len(rest) < (4 if linked else 6) or not _HAS_VOWEL.search(rest):
        return False
    return not check or bool(_morph().word_is_known(rest))


def _split_parts(word: str, *, tail: bool, check: bool = True) -> tuple[str, ...] | None:
    """Known parts (a linking «о»/«е» allowed between them) that make up ``word``; with
    ``tail``, the last part may be a dictionary word (:func:`_free_tail`)."""

    def _split(rest: str, depth: int) -> tuple[str, ...] | None:
        if not rest:
            return ()
        if depth > 5 or rest[:3] not in _PART_STARTS:
            return None
        for size in range(min(len(rest), 9), 2, -1):
            piece = rest[:size]
            if piece in COMPOUND_PARTS:
                linking = rest[size : size + 1] in ("о", "е")
                for skip in (0, 1) if linking else (0,):
                    found = _split(rest[size + skip :], depth + 1)
                    if found is not None:
                        return (piece, *found)
                if tail:
                    for skip in (1, 0) if linking else (0,):
                        after = rest[size + skip :]
                        linked = bool(skip) or piece[-1] in "ое"
                        if _free_tail(after, linked=linked, check=check):
                            return (piece, after)
        return None

    return _split(word, 0)


# The first three letters of every known part: most positions of a word start none.
_PART_STARTS = frozenset(part[:3] for part in COMPOUND_PARTS)


@lru_cache(maxsize=200_000)
def split_compound(word: str, *, check: bool = True) -> tuple[str, ...]:
    """Parts of a compound company word, or ``()`` when it is not made of known parts.

    ``спецстроймонтаж`` → ``("спец", "строй", "монтаж")``; a linking «о»/«е» is allowed. Two
    looser shapes are accepted too: a free head of 2–8 letters (a place or a brand) before at
    least two known parts (``ямалстройпроект`` → ``("ямал", "строй", "проект")``), and a free
    dictionary word after known parts (``металлоконструкция`` → ``("металл", "конструкция")``;
    ``check=False`` takes any stem there without asking the dictionary: blocking keys, where
    a pymorphy look-up per new word would slow indexing and a wrong key costs little).
    """
    if len(word) < 6:
        return ()
    # Unchecked tails come at no extra cost in the same search; checked ones only when nothing
    # else splits the word (the dictionary is slow).
    parts = _split_parts(word, tail=not check, check=False)
    if parts and len(parts) > 1:
        return parts
    for head in range(2, min(8, len(word) - 6) + 1):
        if word[head : head + 3] in _PART_STARTS:
            rest = _split_parts(word[head:], tail=False)
            if rest and len(rest) > 1:
                return (word[:head], *rest)
    if not check or word[:3] not in _PART_STARTS:
        return ()
    parts = _split_parts(word, tail=True)
    return parts if parts and len(parts) > 1 else ()


@lru_cache(maxsize=500_000)
def word_initials(word: str, *, check: bool = True) -> tuple[str, ...]:
    """How a word can appear in an acronym: its first letter, or the initials of its parts.

    An abbreviation stands for all its letters («тк» in «строительно-тк» → «стк»); a compound
    with a short free head may keep the head's first two letters («яргорэлектротранс» →
    «ягэт», «яргэт»). ``check`` as in :func:`split_compound`.
    """
    if not word:
        return ()
    if 2 <= len(word) <= 4 and (word in _ABBREVIATIONS or not _HAS_VOWEL.search(word)):
        return (word[0], word)
    parts = split_compound(word, check=check)
    if parts:
        initials = "".join(part[0] for part in parts)
        if len(parts[0]) <= 3 and parts[0] not in COMPOUND_PARTS:
            # A short free head is a syllable: «ЯР-ГОР-ЭЛЕКТРО-ТРАНС» → «ЯРГЭТ».
            return (word[0], initials, parts[0][:2] + initials[1:])
        return (word[0], initials)
    return (word[0],)
