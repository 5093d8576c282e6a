"""Job titles: any case form → nominative ``position_norm``, vocabulary entry, role, level.

A title is read by its string alone (../shared/ROLES.md). Reading goes in three steps:

1. *clean*: quoted names, legal forms, generic organisation nouns («компании», «холдинга»),
   proper names after the head, qualifiers («№3», «5 разряда») are set apart; abbreviations
   (гендиректор, зам., нач., ГИП, и.о.) are expanded, English titles translated and typos in
   unknown words corrected against the words titles are made of;
2. *nominative*: the head noun (or a substantivised participle such as «заведующая») and the
   adjectives before it go to the nominative singular, dependents keep their case
   («заместителю генерального директора по строительству» → «заместитель генерального
   директора по строительству»);
3. *classify*: the vocabulary entry when there is one, else the rules of ROLES.md; the
   organisation part set apart in step 1 still counts («президент России» is an official).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from abmresearch.extract import _lexicon as lx
from abmresearch.extract._morph import inflect, is_known, parses
from abmresearch.vocabulary import Position, Vocabulary

__all__ = ["TITLE_COLUMNS", "TitleReading", "classify_titles", "normalize_title", "read_title"]

TITLE_COLUMNS = ("title", "position_norm", "canonical", "role", "level", "function")

_TOKEN = re.compile(
    r"«[^»]*»?|„[^“”]*[“”]?|\"[^\"]*\"?|“[^”]*”?|\([^)]*\)?"
    r"|№\s*\d+"
    r"|[A-Za-zА-Яа-яЁё0-9]+(?:[-.'’][A-Za-zА-Яа-яЁё0-9]+)*\.?"
    r"|\S"
)
_QUOTE_OPEN = ("«", "„", '"', "“", "(")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_QUALIFIER_NOUNS = frozenset(["разряд", "категория", "класс", "ранг", "квалификация", "степень"])
_PHASE = frozenset(["бывший", "нынешний", "новый", "будущий", "действующий", "экс"])
_STOP_PUNCT = frozenset(",;:/|")


@dataclass(frozen=True)
class _Word:
    text: str  # lower case, as it will be written
    lemma: str
    pos: str  # pymorphy part of speech of the chosen parse, "" for unknown / non-words
    parse: Any = None
    cap: bool = False  # written with a capital (and the title is not all caps)
    expanded: bool = False  # came from an abbreviation


@dataclass
class _Parsed:
    words: list[_Word]
    removed: list[_Word] = field(default_factory=list)  # the organisation part
    geo: bool = False  # a country / region named in the removed part


@dataclass(frozen=True)
class TitleReading:
    """One title read: the CONTRACTS §2 fields plus the head lemma."""

    title: str
    position_norm: str
    canonical: str
    role: str
    level: str
    function: str
    head: str = ""
    known: bool = False  # a vocabulary entry matched

    def as_row(self) -> dict[str, str]:
        """The row of ``abm titles``."""
        return {column: getattr(self, column) for column in TITLE_COLUMNS}


def _plain(text: str) -> str:
    return text.lower().replace("ё", "е")


@lru_cache(maxsize=1)
def _typo_lexicon() -> dict[str, str]:
    """Every form of the words titles are built of (for correcting typos)."""
    base = set(lx.HEAD_WORDS) | set(lx.TITLE_ADJECTIVES) | set(lx.BUDGET_UNITS)
    base |= set(
        ["закупка", "снабжение", "строительство", "развитие", "продажа", "персонал", "проект"]
    )
    forms: dict[str, str] = {}
    for word in base:
        found = parses(word)
        if not found or not is_known(word):
            continue
        for form in found[0].lexeme:
            forms.setdefault(_plain(str(form.word)), str(form.word))
    return forms


def _fix_typo(word: str) -> str:
    """A close known form for an unknown Cyrillic word of ≥ 5 letters, else the word."""
    if len(word) < 5 or not _CYRILLIC.search(word) or "-" in word or is_known(word):
        return word
    if word.startswith("со") and is_known(word[2:]):
        return word  # «соруководитель», «соучредителем»: a co- title, not a typo of «руководитель»
    from rapidfuzz import fuzz, process

    lexicon = _typo_lexicon()
    best = process.extractOne(_plain(word), list(lexicon), scorer=fuzz.ratio, score_cutoff=84)
    if best is None or abs(len(best[0]) - len(word)) > 2:
        return word
    return lexicon[best[0]]


def _choose_parse(word: str) -> Any:
    found = parses(word)
    if not found:
        return None
    for parse in found:
        if parse.tag.POS == "NOUN" and _plain(str(parse.normal_form)) in lx.HEAD_LEMMAS:
            return parse
    for parse in found:
        if parse.tag.POS in ("ADJF", "PRTF") and _plain(str(parse.normal_form)) in (
            lx.HEAD_ADJECTIVES | lx.TITLE_ADJECTIVES
        ):
            return parse
    return found[0]


def _make_word(text: str, *, cap: bool, expanded: bool = False) -> _Word:
    low = text.lower()
    parse = _choose_parse(low) if _CYRILLIC.search(low) else None
    if parse is None:
        return _Word(low, _plain(low), "", None, cap, expanded)
    lemma = _plain(str(parse.normal_form))
    if parse.tag.POS in ("ADJF", "PRTF"):
        lemma = _plain(inflect(parse, frozenset({"nomn", "sing", "masc"})) or lemma)
    if low.startswith("экс-") and len(low) > 4:
        lemma = _plain(low[4:])
        inner = _choose_parse(low[4:])
        if inner is not None:
            lemma = _plain(str(inner.normal_form))
    return _Word(low, lemma, str(parse.tag.POS or ""), parse, cap, expanded)


def _english(text: str) -> str | None:
    low = " ".join(re.sub(r"[^a-z\- ]", " ", text.lower()).split())
    if not low:
        return None
    if low in lx.ENGLISH_TITLES:
        return lx.ENGLISH_TITLES[low]
    for prefix in ("senior ", "deputy ", "chief ", "head of "):
        if low.startswith(prefix) and low[len(prefix) :] in lx.ENGLISH_TITLES:
            inner = lx.ENGLISH_TITLES[low[len(prefix) :]]
            if prefix == "deputy ":
                return "заместитель " + _to_genitive(inner)
            if prefix == "senior ":
                return "старший " + inner
            return inner
    if low.startswith("head of "):
        return "руководитель направления " + low[8:]
    return None


def _to_genitive(phrase: str) -> str:
    """«генеральный директор» → «генерального директора» (head and its adjectives)."""
    out = []
    for word in phrase.split():
        parse = _choose_parse(word)
        gent = inflect(parse, frozenset({"gent"})) if parse is not None else None
        out.append(gent or word)
        if parse is not None and parse.tag.POS == "NOUN":
            out.extend(phrase.split()[len(out) :])
            break
    return " ".join(out)


def _inflected_abbreviation(word: str) -> str | None:
    """«гендиректора» → «генерального директора» (the phrase in the word's case)."""
    if "." in word or not _CYRILLIC.search(word):
        return None
    for parse in parses(word)[:2]:
        base = _plain(str(parse.normal_form))
        expansion = lx.ABBREVIATIONS.get(base)
        if expansion is None or " " not in expansion or parse.tag.POS != "NOUN":
            continue
        case = parse.tag.case
        if case == "nomn":
            return expansion
        out = []
        for part in expansion.split():
            part_parse = _choose_parse(part)
            form = inflect(part_parse, frozenset({case})) if part_parse is not None else None
            out.append(form or part)
        return " ".join(out)
    return None


def _fused_deputy(word: str) -> str | None:
    """«замсекретаря» → «заместитель секретаря», «замкомандующего» → «заместитель
    командующего»: «зам» fused with a title in the genitive (the listed ones, «замминистра»,
    are abbreviations)."""
    rest = word[3:]
    if not word.startswith("зам") or len(rest) < 4 or not _CYRILLIC.search(rest):
        return None
    for parse in parses(rest)[:2]:
        if parse.tag.case == "gent" and _plain(str(parse.normal_form)) in lx.HEAD_WORDS:
            return f"заместитель {rest}"
    return None


def _tokens(text: str) -> list[str]:
    tokens = []
    for token in _TOKEN.findall(text):
        low = token.lower()
        if "." in token.rstrip(".") and low not in lx.ABBREVIATIONS and not token[0].isdigit():
            # «гл.инженер», «ген.директора»: split after each abbreviation dot.
            parts = [part for part in re.split(r"(?<=\.)", token) if part]
            tokens.extend(parts)
        else:
            tokens.append(token)
    return tokens


def _words(text: str) -> list[_Word] | str:
    """Tokens → words with abbreviations expanded; a translated English title as a string."""
    if _LATIN.search(text) and not _CYRILLIC.search(text):
        translated = _english(text)
        if translated is not None:
            return translated
    all_caps = not any(char.islower() for char in text)
    words: list[_Word] = []
    tokens = _tokens(text)
    skip_next = False
    for index, token in enumerate(tokens):
        if skip_next:
            skip_next = False
            continue
        low = token.lower()
        if low in ("и.", "и") and index + 1 < len(tokens) and tokens[index + 1].lower() == "о.":
            low, skip_next = "и.о.", True
        if low in lx.ABBREVIATIONS and not (low == "ио" and index > 0):
            for part in lx.ABBREVIATIONS[low].split():
                words.append(_make_word(part, cap=False, expanded=True))
            continue
        inflected = _inflected_abbreviation(low) or _fused_deputy(low)
        if inflected is not None:
            words.extend(_make_word(part, cap=False) for part in inflected.split())
            continue
        if _LATIN.search(low) and not _CYRILLIC.search(low) and low in lx.ENGLISH_TITLES:
            for part in lx.ENGLISH_TITLES[low].split():
                words.append(_make_word(part, cap=False, expanded=True))
            continue
        cap = (not all_caps) and token[:1].isupper() and index > 0
        if token.startswith(_QUOTE_OPEN) or token.startswith("№"):
            words.append(_Word(low, low, "QUOTE" if not token.startswith("№") else "NUM"))
            continue
        if not re.search(r"\w", token):
            words.append(_Word(low, low, "PUNCT"))
            continue
        if token.isdigit() or re.fullmatch(r"\d+(-?[а-я]+)?", low):
            words.append(_Word(low, low, "NUM"))
            continue
        acronym = token.isupper() and len(token) > 1 and not all_caps
        fixed = _fix_typo(low) if not acronym else low
        word = _make_word(fixed, cap=cap or acronym)
        words.append(word)
    return words


def _is_org_start(words: list[_Word], index: int, head: int) -> bool:
    word = words[index]
    if word.pos == "QUOTE":
        return True
    if word.lemma in lx.LEGAL_FORMS and index > head:
        return True
    if word.lemma in lx.UNIT_ACRONYMS:
        return False
    if word.lemma == "группа" and index + 1 < len(words) and words[index + 1].lemma == "компания":
        return True
    if word.lemma in lx.ORG_NOUNS and word.lemma not in lx.BUDGET_UNITS:
        return True
    if word.cap and index > head:
        return True
    tag = getattr(word.parse, "tag", None)
    return bool(tag is not None and ("Geox" in tag or "Orgn" in tag) and index > head)


def _split_org(words: list[_Word], head: int) -> _Parsed:
    """Set apart the organisation part (after the head), resuming at «по …»."""
    kept: list[_Word] = []
    removed: list[_Word] = []
    in_org = False
    for index, word in enumerate(words):
        if index <= head:
            kept.append(word)
            continue
        if in_org and word.lemma == "по" and not word.cap:
            in_org = False
        if not in_org and _is_org_start(words, index, head):
            in_org = True
            # adjectives just before the organisation noun belong to it
            # («российского газового холдинга»)
            while kept and len(kept) > head + 1 and kept[-1].pos in ("ADJF", "PRTF"):
                removed.insert(len(removed) - 0, kept.pop())
        if in_org:
            removed.append(word)
        else:
            kept.append(word)
    geo = any(
        w.lemma in lx.STATE_CUES
        or (w.parse is not None and "Geox" in w.parse.tag and w.pos == "NOUN")
        for w in removed
    )
    return _Parsed(kept, removed, geo)


def _drop_qualifiers(words: list[_Word]) -> list[_Word]:
    out: list[_Word] = []
    for index, word in enumerate(words):
        if word.pos == "NUM":
            continue
        if word.lemma in _QUALIFIER_NOUNS and index > 0 and words[index - 1].pos == "NUM":
            continue
        if word.lemma in _PHASE and not out:
            continue
        if word.text.startswith("экс-") and not out and len(word.text) > 4:
            word = _make_word(word.text[4:], cap=word.cap)
        if word.pos == "PUNCT" and word.text in "-–—" and not out:
            continue
        out.append(word)
    while out and out[-1].pos == "PUNCT":
        out.pop()
    return out


def _find_head(words: list[_Word]) -> int:
    """Index of the head: the first noun, or a substantivised participle before a non-agreeing
    word («заведующая складом»)."""
    for index, word in enumerate(words):
        if word.pos == "NOUN":
            return index
        if word.pos in ("ADJF", "PRTF") and word.lemma in lx.HEAD_ADJECTIVES:
            nxt = words[index + 1] if index + 1 < len(words) else None
            if (
                nxt is None
                or nxt.pos != "NOUN"
                or nxt.lemma not in lx.HEAD_LEMMAS
                or not _agree(word, nxt)
            ):
                return index
        if word.pos == "" and word.lemma not in lx.TITLE_ADJECTIVES and word.text not in "-–":
            return index
    return 0


def _agree(adjective: _Word, noun: _Word) -> bool:
    cases_adj = {p.tag.case for p in parses(adjective.text) if p.tag.POS in ("ADJF", "PRTF")}
    cases_noun = {p.tag.case for p in parses(noun.text) if p.tag.POS == "NOUN"}
    return bool(cases_adj & cases_noun)


def _nominative(word: _Word, gender: str | None) -> str:
    if word.parse is None:
        return word.text
    tag = word.parse.tag
    if tag.case == "nomn" and tag.number in ("sing", None):
        return word.text
    wanted = {"nomn", "sing"}
    if word.pos in ("ADJF", "PRTF") and gender:
        wanted.add(gender)
    result = inflect(word.parse, frozenset(wanted))
    if result is None:
        result = inflect(word.parse, frozenset({"nomn"}))
    return result or word.text


def _head_gender(word: _Word) -> str | None:
    if word.parse is None:
        return None
    gender = word.parse.tag.gender
    return str(gender) if gender in ("masc", "femn", "neut") else None


def _acting_prefix(words: list[_Word]) -> tuple[str, list[_Word]]:
    """«исполняющего обязанности директора» → («исполняющий обязанности», [директора])."""
    start = 0
    temporary = False
    if words and words[0].lemma == "временно":
        temporary, start = True, 1
    if (
        len(words) > start + 1
        and words[start].lemma in ("исполнять", "исполняющий")
        and words[start + 1].lemma in ("обязанность", "обязанности")
    ):
        gender = _head_gender(words[start])
        acting = "исполняющая" if gender == "femn" else "исполняющий"
        prefix = ("временно " if temporary else "") + acting + " обязанности"
        return prefix, words[start + 2 :]
    return "", words


def _parse_title(text: str) -> tuple[str, str, list[_Word], _Parsed, str]:
    """Returns (position_norm, head lemma, kept words, parsed, acting prefix)."""
    raw = _words(text)
    if isinstance(raw, str):
        words = [_make_word(part, cap=False, expanded=True) for part in raw.split()]
    else:
        words = raw
    words = [w for w in words if not (w.pos == "QUOTE" and w.text.startswith("("))]
    acting, words = _acting_prefix(words)
    words = _drop_qualifiers(words)
    if not words:
        return acting, "", [], _Parsed([]), acting
    head = _find_head(words)
    parsed = _split_org(words, head)
    kept = parsed.words
    gender = _head_gender(kept[head]) if head < len(kept) else None
    out: list[str] = []
    for index, word in enumerate(kept):
        if word.pos in ("PUNCT",) and word.text in _STOP_PUNCT:
            break
        if index <= head and not acting:
            out.append(_nominative(word, gender))
        elif word.expanded and word.parse is not None and index > head:
            previous = kept[index - 1].lemma if index > 0 else ""
            case = "datv" if previous == "по" else "gent"
            out.append(inflect(word.parse, frozenset({case})) or word.text)
        else:
            out.append(word.text)
    norm = " ".join(([acting] if acting else []) + out)
    norm = re.sub(r"\s*-\s*", "-", norm) if re.search(r"\w\s-\s?\w|\w\s?-\s\w", norm) else norm
    norm = " ".join(norm.split()).strip(" -–—.,")
    head_lemma = kept[head].lemma if head < len(kept) else ""
    return norm, head_lemma, kept, parsed, acting


def normalize_title(title: str) -> str:
    """The nominative, lower-case title without its organisation and qualifiers.

    Args:
        title: a title in any case form, e.g. «заместителю генерального директора ОАО
            „Башкирэнерго“ по строительству».

    Returns:
        e.g. «заместитель генерального директора по строительству»; ``""`` for a blank line.
    """
    return _parse_title(title)[0]


# ── classification ───────────────────────────────────────────────────────────


def _lemmas(words: list[_Word]) -> list[str]:
    return [w.lemma for w in words if w.pos not in ("PUNCT", "QUOTE", "NUM")]


def _function(norm: str, lemmas: list[str]) -> str:
    words = " ".join([*lemmas, *norm.split()]).replace("-", " ").split()
    for cue, function in lx.FUNCTION_CUES:  # in order of priority: the function, then rank
        for word in words:
            if (word == cue) if len(cue) <= 3 else word.startswith(cue):
                return function
    return "other"


def _is_state(lemmas: list[str], head: str, parsed: _Parsed) -> bool:
    """A state or intergovernmental body, a country or region named in the title."""
    after = lemmas[lemmas.index(head) + 1 :] if head in lemmas else lemmas[1:]
    if "по" in after:
        after = after[: after.index("по")]  # «директор по развитию регионов» names a function
    return (
        parsed.geo
        or any(lemma in lx.STATE_CUES for lemma in [w.lemma for w in parsed.removed])
        or any(lemma in lx.STATE_CUES or lemma in lx.STATE_TITLES for lemma in after)
    )


_LEVEL_OVERRIDES = {
    **dict.fromkeys(
        [
            "прокурор",
            "судья",
            "следователь",
            "полицейский",
            "дипломат",
            "генерал",
            "адмирал",
            "военный",
            "полковник",
            "подполковник",
            "майор",
            "лейтенант",
            "офицер",
            "генерал-лейтенант",
            "генерал-майор",
            "генерал-полковник",
            "консул",
            "атташе",
        ],
        "specialist",
    ),
    **dict.fromkeys(["солдат", "военнослужащий", "спасатель"], "worker"),
    **dict.fromkeys(
        ["патриарх", "папа", "понтифик", "шериф", "генсек", "генпрокурор", "градоначальник"],
        "head",
    ),
    **dict.fromkeys(["студент", "миллиардер", "аспирант"], "unknown"),
}


def _rule_role(
    lemmas: list[str], parsed: _Parsed, norm: str, head_lemma: str = ""
) -> tuple[str, str]:
    """(role, level) by ROLES.md for a title the vocabulary does not know."""
    role, level = _rule_role_inner(lemmas, parsed, norm, head_lemma)
    head = head_lemma or (lemmas[0] if lemmas else "")
    if head in _LEVEL_OVERRIDES and not any(w.startswith(("зам", "вице")) for w in norm.split()):
        level = _LEVEL_OVERRIDES[head]
    if head == "генеральный" or (head in ("прокурор", "секретарь") and "генеральный" in lemmas):
        level = "head"
    return role, level


def _rule_role_inner(
    lemmas: list[str], parsed: _Parsed, norm: str, head_lemma: str
) -> tuple[str, str]:
    if not lemmas:
        return "другое", "unknown"
    words = norm.split()
    first = lemmas[0]
    head_index = (
        lemmas.index(head_lemma)
        if head_lemma in lemmas
        else next((i for i, lemma in enumerate(lemmas) if lemma in lx.HEAD_LEMMAS), 0)
    )
    head = lemmas[head_index]
    state = _is_state(lemmas, head, parsed)
    if any(lemma.startswith("ликвидац") for lemma in lemmas):
        return "другое", "head"
    after = lemmas[head_index + 1 :]
    nxt = after[0] if after else ""
    if any(lemma in lx.PRESS_WORDS or lemma.startswith("пресс-") for lemma in lemmas):
        level = "head" if head in lx.ORG_HEAD_WORDS | {"начальник"} else "specialist"
        return "другое", level
    if head in lx.BANKRUPTCY or (
        head == "управляющий" and any(w in lemmas for w in ("конкурсный", "арбитражный"))
    ):
        return "другое", "head"
    if lemmas[:2] in (["конкурсный", "управляющий"], ["арбитражный", "управляющий"]) or (
        first in ("внешний", "временный") and "управляющий" in lemmas
    ):
        return "другое", "head"
    deputy = (
        first in ("заместитель", "замдиректора", "замминистра")
        or head.startswith("вице-")
        or words[0].startswith("вице-")
        or (first == "первый" and len(lemmas) > 1 and lemmas[1] == "заместитель")
    )
    if head in lx.STATE_TITLES or head.startswith("вице-губернатор"):
        if head in ("министр", "губернатор", "мэр", "премьер", "премьер-министр", "канцлер"):
            return "другое", "deputy" if deputy else "head"
        if head in ("король", "королева", "император", "монарх", "шейх", "эмир", "султан"):
            return "другое", "head"
        if head in ("командующий", "командир", "главнокомандующий", "посол", "префект", "аким"):
            return "другое", "head"
        if head in ("генерал", "полковник", "подполковник", "майор", "лейтенант", "офицер"):
            return "другое", "specialist"
        return "другое", "deputy" if deputy else "unknown"
    if deputy:
        if state:
            return "другое", "deputy"
        if words[0].startswith("вице-") or head.startswith("вице-"):
            return "ЛПР", "deputy"
        start = lemmas.index("заместитель") + 1 if "заместитель" in lemmas else 1
        target = lemmas[start:]
        target_head = next((lemma for lemma in target if lemma in lx.HEAD_LEMMAS), "")
        if not target and first == "первый":
            return "ЛПР", "deputy"  # «первый заместитель»: of the organisation's head
        rest = target[target.index(target_head) + 1 :] if target_head in target else []
        unit = next(iter(rest), "")
        if target_head in ("министр", "губернатор", "мэр", "премьер-министр"):
            return "другое", "deputy"
        if target_head in lx.ORG_HEAD_WORDS and (
            unit in ("", "по", "правление", "совет")
            or unit not in lx.BUDGET_UNITS | lx.GROUP_UNITS
        ):
            if target_head in ("руководитель", "глава") and unit in lx.BUDGET_UNITS:
                return "ЛВР", "deputy"
            return "ЛПР", "deputy"
        return "ЛВР", "deputy"
    if state and head not in lx.OWNER_WORDS:
        return "другое", "head" if head in lx.ORG_HEAD_WORDS | {"начальник"} else "unknown"
    if head in lx.OWNER_WORDS:
        return "ЛПР", "owner"
    if head == "партнер":
        return ("ЛПР", "owner") if "управляющий" in lemmas else ("ЛВР", "unknown")
    if head == "член":
        return "ЛВР", "unknown"
    if head in ("топ-менеджер", "шеф", "босс"):
        return "ЛПР", "head"
    if head in ("главный", "главред") or first == "главный":
        chief_of = nxt if head == "главный" else head
        if head == "главред" or chief_of in ("редактор",):
            return "другое", "head"
        if first == "главный" and head in lx.TECH_CHIEF:
            return "ЛПР", "head"
        if first == "главный" and head == "врач":
            return "ЛПР", "head"
        if first == "главный" and head == "бухгалтер":
            return "ЛВР", "head"
        if first == "главный" and head == "тренер":
            return "другое", "head"
    if head in ("директор", "гендиректор", "президент", "председатель", "управляющий"):
        if any(lemma in ("художественный", "спортивный", "музыкальный") for lemma in lemmas):
            return "другое", "head"
        return "ЛПР", "head"
    if head in ("глава", "руководитель", "начальник", "заведующий"):
        if any(lemma in ("художественный", "спортивный", "музыкальный") for lemma in lemmas):
            return "другое", "head"
        if nxt in lx.GROUP_UNITS or nxt == "направление":
            return "ЛВР", "manager"
        return "ЛПР", "head"
    if head in lx.LINE_MANAGERS:
        return "ЛВР", "manager"
    if head == "менеджер" and "генеральный" in lemmas:
        return "ЛПР", "head"
    if head == "менеджер" or norm.endswith("менеджер") or "-менеджер" in norm:
        return "ЛВР", "manager"
    if head in lx.SPECIALISTS:
        return "ЛВР", "specialist"
    if head in ("советник", "помощник", "референт", "ассистент"):
        return "ЛВР", "specialist"
    if head == "секретарь":
        return "другое", "head" if first == "генеральный" else "specialist"
    if head in lx.MEDIA_ARTS:
        return "другое", "head" if first == "главный" else "specialist"
    if head in lx.OTHER_PROFESSIONS:
        if head in ("лидер", "вождь", "соратник", "кандидат"):
            return "другое", "unknown"
        return "другое", "specialist"
    if head in lx.WORKERS:
        return "другое", "worker"
    return "другое", "unknown"


def _vocabulary_entry(norm: str, acting: str, vocabulary: Vocabulary) -> Position | None:
    candidates = [norm]
    if acting:
        candidates.append(norm[len(acting) :].strip())
    for candidate in candidates:
        if not candidate:
            continue
        found = vocabulary.find(candidate)
        if found is None and "е" in candidate:
            found = vocabulary.find(candidate.replace("партнер", "партнёр"))
        if found is not None:
            return found
    return None


def read_title(title: str, *, vocabulary: Vocabulary) -> TitleReading:
    """Read one title: normal form, vocabulary entry, role, level and function.

    Args:
        title: the title as written.
        vocabulary: the positions vocabulary (its entries take precedence over the rules).

    Returns:
        The reading; ``canonical`` is ``""`` when no entry matches.
    """
    norm, head, kept, parsed, acting = _parse_title(title)
    lemmas = _lemmas(kept)
    if acting and lemmas:
        # acting heads take the role of the position they act in; the rest is genitive
        inner = " ".join(w.text for w in kept)
        inner_norm, head, inner_kept, inner_parsed, _ = _parse_title(inner)
        lemmas = _lemmas(inner_kept)
        parsed = _Parsed(inner_kept, parsed.removed + inner_parsed.removed, parsed.geo)
        role_norm = inner_norm
    else:
        role_norm = norm
    entry = _vocabulary_entry(norm, acting, vocabulary) or (
        vocabulary.find(role_norm) if role_norm else None
    )
    state = _is_state(lemmas, head, parsed)
    role: str
    level: str
    if entry is not None and not (state and entry.role != "другое"):
        role, level, function = entry.role, entry.level, entry.function
        canonical = entry.title
    else:
        if head not in lx.HEAD_LEMMAS and "-" in head:
            # «водитель-экспедитор», «бухгалтер-кассир», «hr-директор»: a known part decides
            parts = [part for part in head.split("-") if part in lx.HEAD_LEMMAS]
            if parts:
                known = "директор" if "директор" in parts else parts[0]
                lemmas = [known if lemma == head else lemma for lemma in lemmas]
                head = known
        role, level = _rule_role(lemmas, parsed, role_norm, head)
        function = _function(role_norm, lemmas)
        canonical = entry.title if entry is not None else ""
        if state and function == "management":
            function = "government"
    if acting and level not in ("head", "deputy"):
        level = "head" if role == "ЛПР" else level
    return TitleReading(
        title=title,
        position_norm=norm,
        canonical=canonical,
        role=role,
        level=level,
        function=function,
        head=head,
        known=entry is not None,
    )


def classify_titles(titles: Sequence[str], *, vocabulary: Vocabulary) -> pd.DataFrame:
    """Classify job titles (``abm titles``).

    Args:
        titles: one title per item, in any case form.
        vocabulary: the positions vocabulary.

    Returns:
        One row per title, in order: ``title``, ``position_norm``, ``canonical``, ``role``,
        ``level``, ``function``.
    """
    rows = [_cached_read(title, vocabulary).as_row() for title in titles]
    return pd.DataFrame(rows, columns=list(TITLE_COLUMNS))


_CACHE: dict[tuple[Vocabulary, str], TitleReading] = {}


def _cached_read(title: str, vocabulary: Vocabulary) -> TitleReading:
    key = (vocabulary, title)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) > 100_000:
            _CACHE.clear()
        found = read_title(title, vocabulary=vocabulary)
        _CACHE[key] = found
    return found
