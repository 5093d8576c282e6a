"""Word lists of Russian company names: ОКОПФ legal forms, business-type phrases, generic words.

Everything here is data. The patterns are stems (``обществ\\w*``) so they catch inflected forms
in running text («обществом с ограниченной ответственностью»). Legal forms are removed from the
name and kept apart; business-type phrases are collapsed into their usual abbreviation, so
«строительная компания» and «СК» become the same token.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from typing import Any

__all__ = [
    "COMPOUND_PARTS",
    "GENERIC_WORDS",
    "GEO_WORDS",
    "LEGAL_ABBREVIATIONS",
    "LEGAL_FORMS",
    "LEGAL_FORM_PATTERN",
    "LEGAL_FORM_PHRASES",
    "PHRASES",
    "PHRASE_ABBREVIATIONS",
    "PHRASE_PATTERN",
    "STOP_WORDS",
    "WORD_ABBREVIATIONS",
    "WordAlternation",
    "legal_form_of",
    "legal_form_of_phrase",
    "phrase_abbreviation",
]

# Full legal forms of ОКОПФ (ОК 028-2012), the most frequent first: stem pattern → abbreviation.
# Longer phrases come before the phrases they contain («публичное акционерное общество» before
# «акционерное общество»).
LEGAL_FORM_PHRASES: tuple[tuple[str, str], ...] = (
    (r"обществ\w* с ограниченн\w* ответственност\w*", "ооо"),
    (r"обществ\w* с дополнительн\w* ответственност\w*", "одо"),
    (r"непубличн\w* акционерн\w* обществ\w*", "ао"),
    (r"публичн\w* акционерн\w* обществ\w*", "пао"),
    (r"закрыт\w* акционерн\w* обществ\w*", "зао"),
    (r"открыт\w* акционерн\w* обществ\w*", "оао"),
    (r"акционерн\w* обществ\w*", "ао"),
    (r"индивидуальн\w* предпринимател\w*", "ип"),
    (r"федеральн\w* государственн\w* унитарн\w* предприяти\w*", "фгуп"),
    (r"государственн\w* унитарн\w* предприяти\w*", "гуп"),
    (r"муниципальн\w* унитарн\w* предприяти\w*", "муп"),
    (
        r"(?:федеральн\w* )?(?:государственн|муниципальн|областн|краев)\w*(?: (?:бюджетн|автономн"
        r"|казенн)\w*)?(?: (?:обще|дошкольн\w* )?образовательн\w*| профессиональн\w*"
        r" образовательн\w*| дополнительн\w* образовательн\w*)? учреждени\w*"
        r"(?: здравоохранени\w*| культур\w*| социальн\w* обслуживани\w*| дополнительн\w*"
        r" образовани\w*)?",
        "гбу",
    ),
    (r"федеральн\w* государственн\w* бюджетн\w* учреждени\w*", "фгбу"),
    (r"федеральн\w* государственн\w* автономн\w* учреждени\w*", "фгау"),
    (r"федеральн\w* казенн\w* учреждени\w*", "фку"),
    (r"государственн\w* бюджетн\w* учреждени\w*", "гбу"),
    (r"государственн\w* автономн\w* учреждени\w*", "гау"),
    (r"государственн\w* казенн\w* учреждени\w*", "гку"),
    (r"муниципальн\w* бюджетн\w* учреждени\w*", "мбу"),
    (r"муниципальн\w* автономн\w* учреждени\w*", "мау"),
    (r"муниципальн\w* казенн\w* учреждени\w*", "мку"),
    (r"автономн\w* некоммерческ\w* организаци\w*", "ано"),
    (r"некоммерческ\w* организаци\w*", "нко"),
    (r"некоммерческ\w* партнерств\w*", "нп"),
    (r"садоводческ\w* некоммерческ\w* товариществ\w* собственников недвижимост\w*", "снтсн"),
    (r"товариществ\w* собственников жиль\w*", "тсж"),
    (r"товариществ\w* собственников недвижимост\w*", "тсн"),
    (r"садоводческ\w* некоммерческ\w* товариществ\w*", "снт"),
    (r"сельскохозяйственн\w* производственн\w* кооператив\w*", "спк"),
    (r"жилищн\w* строительн\w* кооператив\w*", "жск"),
    (r"гаражн\w* строительн\w* кооператив\w*", "гск"),
    (r"сельскохозяйственн\w* кредитн\w* потребительск\w* кооператив\w*", "скпк"),
    (r"кредитн\w* сельскохозяйственн\w* потребительск\w* кооператив\w*", "кспк"),
    (r"сельскохозяйственн\w* перерабатывающ\w* потребительск\w* кооператив\w*", "сппк"),
    (r"сельскохозяйственн\w* снабженческ\w* потребительск\w* кооператив\w*", "сспк"),
    (r"сельскохозяйственн\w* потребительск\w* кооператив\w*", "спок"),
    (r"кредитн\w* потребительск\w* кооператив\w*", "кпк"),
    (r"потребительск\w* кооператив\w*", "потребкооператив"),
    (r"районн\w* потребительск\w* обществ\w*", "райпо"),
    (r"потребительск\w* обществ\w*", "по"),
    (r"производственн\w* кооператив\w*", "пк"),
    (r"крестьянск\w* (?:\(?фермерск\w*\)? )?хозяйств\w*", "кфх"),
    (r"общественн\w* организаци\w*", "оо"),
)

# Abbreviated legal forms (whole tokens), Cyrillic and the Latin ones seen in CRMs.
LEGAL_ABBREVIATIONS: dict[str, str] = {
    "ооо": "ооо",
    "llc": "ооо",
    "ltd": "ооо",
    "одо": "одо",
    "пао": "пао",
    "pjsc": "пао",
    "нао": "ао",
    "ао": "ао",
    "jsc": "ао",
    "зао": "зао",
    "cjsc": "зао",
    "оао": "оао",
    "ojsc": "оао",
    "ип": "ип",
    "фгуп": "фгуп",
    "гуп": "гуп",
    "муп": "муп",
    "фгбу": "фгбу",
    "фгау": "фгау",
    "фку": "фку",
    "гбу": "гбу",
    "гау": "гау",
    "гку": "гку",
    "мбу": "мбу",
    "мау": "мау",
    "мку": "мку",
    "ано": "ано",
    "нко": "нко",
    "тсж": "тсж",
    "тсн": "тсн",
    "снт": "снт",
    "спк": "спк",
    "кфх": "кфх",
    "мбоу": "мбоу",
    "маоу": "маоу",
    "гбоу": "гбоу",
    "мбдоу": "мбдоу",
    "мадоу": "мадоу",
    "снтсн": "снтсн",
    "скпк": "скпк",
    "кспк": "кспк",
    "сппк": "сппк",
    "сспк": "сспк",
    "спок": "спок",
    "кпк": "кпк",
    "райпо": "райпо",
    "жск": "жск",
    "гск": "гск",
}

# Business-type phrases → the abbreviation Russian companies use for them (stem patterns).
PHRASE_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"научно[- ]?производственн\w* предприяти\w*", "нпп"),
    (r"научно[- ]?производственн\w* объединени\w*", "нпо"),
    (r"научно[- ]?производственн\w* фирм\w*", "нпф"),
    (r"научно[- ]?производственн\w* компани\w*", "нпк"),
    (r"научно[- ]?производственн\w* центр\w*", "нпц"),
    (r"производственно[- ]?коммерческ\w* фирм\w*", "пкф"),
    (r"производственно[- ]?коммерческ\w* компани\w*", "пкк"),
    (r"производственно[- ]?строительн\w* компани\w*", "пск"),
    (r"проектно[- ]?строительн\w* компани\w*", "пск"),
    (r"ремонтно[- ]?строительн\w* компани\w*", "рск"),
    (r"ремонтно[- ]?строительн\w* управлени\w*", "рсу"),
    (r"строительно[- ]?монтажн\w* управлени\w*", "сму"),
    (r"строительно[- ]?монтажн\w* компани\w*", "смк"),
    (r"частн\w* охранн\w* организаци\w*", "чоо"),
    (r"частн\w* охранн\w* предприяти\w*", "чоп"),
    (r"управляющ\w* компани\w*", "ук"),
    (r"строительн\w* компани\w*", "ск"),
    (r"страхов\w* компани\w*", "ск"),
    (r"группа? компани\w*|групп[аеуыой]\w* компани\w*", "гк"),
    (r"торгов\w* дом\w*", "тд"),
    (r"торгов\w* компани\w*", "тк"),
    (r"транспортн\w* компани\w*", "тк"),
    (r"производственн\w* компани\w*", "пк"),
    (r"инвестиционн\w* компани\w*", "ик"),
    (r"агентств\w* недвижимост\w*", "ан"),
    (r"специализированн\w* застройщик\w*", "сз"),
    (r"средн\w* общеобразовательн\w* школ\w*", "сош"),
    (r"основн\w* общеобразовательн\w* школ\w*", "оош"),
    (r"спортивн\w* школ\w*", "сш"),
    (r"жилищно[- ]?коммунальн\w* хозяйств\w*", "жкх"),
    (r"железобетонн\w* издели\w*", "жби"),
    (r"детск\w* сад\w*", "дс"),
    (r"сельск\w* дом\w* культуры", "сдк"),
    (r"районн\w* двор\w* культуры", "рдк"),
    (r"дом\w* культуры", "дк"),
)

# Words that say what kind of company it is rather than which: they weigh little in a match.
GENERIC_WORDS: frozenset[str] = frozenset(
    {abbr for _, abbr in PHRASE_ABBREVIATIONS}
    | {
        "компания",
        "фирма",
        "группа",
        "групп",
        "group",
        "холдинг",
        "организация",
        "предприятие",
        "объединение",
        "корпорация",
        "концерн",
        "завод",
        "ооо",
        "ао",
    }
)

# Parts of compound company words («СПЕЦСТРОЙМОНТАЖ» = спец + строй + монтаж → «ССМ»).
COMPOUND_PARTS: frozenset[str] = frozenset(
    (  # noqa: SIM905
        "спец строй монтаж пром торг снаб тех техно энерго газ нефть нефте мет металл комплект "
        "сервис авто агро транс ресурс инвест проект сиб урал мос рос гор обл дор рем электро "
        "связь маш хим лес сель хоз мед фарм инж гео эко био жил ком соц север юг вост зап "
        "монт комп маркет трейд лайн групп снабж сбыт пласт бетон стек дерев мебель "
        "тепло водо вод свет кабель логистик торгов инвест капитал строит реммонтаж центр "
        "опт хлеб молоко мясо желез агрохим нефтегаз теле радио инфо софт систем автомат полиграф"
    ).split()
)

# Place words of the largest cities and regions (as lemmas): a city beside a name is an extra
# word («Ромашка Новосибирск»), so it counts for less than a distinctive word.
GEO_WORDS: frozenset[str] = frozenset(
    {
        "москва",
        "московский",
        "санкт",
        "петербург",
        "спб",
        "новосибирск",
        "новосибирский",
        "екатеринбург",
        "казань",
        "казанский",
        "нижний",
        "новгород",
        "челябинск",
        "челябинский",
        "самара",
        "самарский",
        "омск",
        "омский",
        "ростов",
        "дон",
        "уфа",
        "красноярск",
        "красноярский",
        "воронеж",
        "воронежский",
        "пермь",
        "пермский",
        "волгоград",
        "волгоградский",
        "краснодар",
        "краснодарский",
        "тюмень",
        "тюменский",
        "ярославль",
        "ярославский",
        "иркутск",
        "иркутский",
        "сибирь",
        "сибирский",
        "урал",
        "уральский",
        "россия",
        "российский",
        "рф",
        "регион",
        "область",
        "край",
        "город",
        "район",
        "районный",
        "сельсовет",
        "поселение",
        "округ",
        "городской",
    }
)

# Dropped outright: prepositions and conjunctions of running text, and the «г.» of «г. Москва».
STOP_WORDS: frozenset[str] = frozenset(
    {
        "у",
        "в",
        "во",
        "на",
        "с",
        "со",
        "от",
        "до",
        "для",
        "по",
        "при",
        "о",
        "об",
        "из",
        "к",
        "ко",
        "за",
        "над",
        "под",
        "и",
        "г",
        "гор",
        "the",
        "of",
        "and",
    }
)

# The words of a full form may be joined by a hyphen («жилищно-строительный кооператив»).
# Abbreviated words written out, so both spellings are one token («им.» = «имени»).
WORD_ABBREVIATIONS: dict[str, str] = {"им": "имени"}

_LEGAL_ALTERNATIVES = tuple(
    f"\\b{pattern.replace(' ', '[- ]')}\\b" for pattern, _ in LEGAL_FORM_PHRASES
)
_PHRASE_ALTERNATIVES = tuple(f"\\b(?:{pattern})\\b" for pattern, _ in PHRASE_ABBREVIATIONS)
LEGAL_FORM_PATTERN = re.compile(
    "|".join(f"(?P<lf{i}>{pattern})" for i, pattern in enumerate(_LEGAL_ALTERNATIVES))
)
PHRASE_PATTERN = re.compile(
    "|".join(f"(?P<ph{i}>{pattern})" for i, pattern in enumerate(_PHRASE_ALTERNATIVES))
)

# How many first letters of a match pick the alternatives worth trying at a word start.
_HEAD = 3
_WORD = re.compile(r"\w+")
_PLAIN_HEAD = re.compile(f"[0-9a-zа-я]{{{_HEAD}}}")


def _heads(items: Sequence[tuple[Any, Any]], size: int, sre: Any) -> set[str]:
    """Strings of at most ``size`` characters one of which begins every match of a parsed
    regular expression (``sre``: the stdlib's parser constants). A string shorter than
    ``size`` means «anything may follow»; ``""`` means the pattern may start anywhere."""
    if size == 0 or not items:
        return {""}
    op, value = items[0]
    rest = items[1:]
    if op is sre.AT:  # \b: zero width
        return _heads(rest, size, sre)
    if op is sre.LITERAL:
        return {chr(value) + head for head in _heads(rest, size - 1, sre)}
    if op is sre.SUBPATTERN:
        return _heads([*value[-1], *rest], size, sre)
    if op is sre.BRANCH:
        return set().union(*(_heads([*branch, *rest], size, sre) for branch in value[1]))
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in value):
        after = _heads(rest, size - 1, sre)
        return {chr(code) + head for _, code in value for head in after}
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and value[:2] == (0, 1):
        return _heads(rest, size, sre) | _heads([*value[2], *rest], size, sre)
    return {""}


def _pattern_heads(pattern: str) -> set[str]:
    try:
        parser = importlib.import_module("re._parser")
        constants = importlib.import_module("re._constants")
        return _heads(list(parser.parse(pattern)), _HEAD, constants)
    except (ImportError, AttributeError, TypeError, ValueError):
        return {""}  # tried at every word start: slower, the same result


class WordAlternation:
    """An alternation of ``\\b``-bounded patterns (``A|B|…``), applied only where it can match.

    ``re.sub`` over one big alternation tries every alternative at every position of the text
    (~40 µs a name for the business phrases). A match of these patterns starts at a word and
    with one of a few known strings (``обществ``, ``торгов``): the first letters of each word
    pick the alternatives worth trying there, each compiled on its own and tried in the
    alternation's order. The result is the alternation's, match for match.
    """

    __slots__ = ("_by_head", "_cache", "_short", "patterns", "word_heads")

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(re.compile(pattern) for pattern in patterns)
        self._by_head: dict[str, list[int]] = {}
        self._short: list[tuple[str, int]] = []
        for number, pattern in enumerate(patterns):
            for head in sorted(_pattern_heads(pattern)):
                if len(head) == _HEAD:
                    self._by_head.setdefault(head, []).append(number)
                else:
                    self._short.append((head, number))
        self._cache: dict[str, tuple[int, ...]] = {}
        # When every alternative starts with three plain letters, a match starts a word of
        # ``[0-9a-zа-я]+`` with them: ``could_match`` then checks the words of a name first.
        plain = not self._short and all(_PLAIN_HEAD.fullmatch(head) for head in self._by_head)
        self.word_heads = frozenset(self._by_head) if plain else None

    @property
    def heads(self) -> frozenset[str]:
        """The word beginnings an alternative may start with (``""``: any)."""
        return frozenset(self._by_head) | {head for head, _ in self._short}

    def could_match(self, words: Sequence[str]) -> bool:
        """False when the alternation cannot match a text whose ``[0-9a-zа-я]+`` words (the
        text split at every other character) are ``words``; True when it may."""
        heads = self.word_heads
        if heads is None:
            return True
        return any(word[:_HEAD] in heads for word in words)

    def _candidates(self, head: str) -> tuple[int, ...]:
        found = self._cache.get(head)
        if found is None:
            numbers = set(self._by_head.get(head, ()))
            numbers.update(number for short, number in self._short if head.startswith(short))
            found = self._cache[head] = tuple(sorted(numbers))
        return found

    def _match(self, text: str, start: int) -> tuple[int, re.Match[str]] | None:
        for number in self._candidates(text[start : start + _HEAD]):
            found = self.patterns[number].match(text, start)
            if found:
                return number, found
        return None

    def sub(self, replace: Callable[[int, str], str], text: str) -> str:
        """``re.sub`` of the alternation: ``replace(number of the alternative, matched text)``
        gives each match's replacement, left to right."""
        pieces: list[str] = []
        last = 0
        for word in _WORD.finditer(text):
            start = word.start()
            if start < last:
                continue
            found = self._match(text, start)
            if found is not None:
                number, match = found
                pieces += (text[last:start], replace(number, match.group()))
                last = match.end()
        if not pieces:
            return text
        pieces.append(text[last:])
        return "".join(pieces)

    def fullmatch(self, text: str) -> bool:
        """Whether one alternative matches the whole text (``re.fullmatch`` of the alternation)."""
        return any(
            self.patterns[number].fullmatch(text) for number in self._candidates(text[:_HEAD])
        )


LEGAL_FORMS = WordAlternation(_LEGAL_ALTERNATIVES)
PHRASES = WordAlternation(_PHRASE_ALTERNATIVES)


# Letters of a state or municipal institution's abbreviation, word by word (ОКОПФ 75000 and
# the usual short forms): «муниципальное автономное общеобразовательное учреждение» → «маоу»,
# «… дошкольное образовательное учреждение» → «мадоу», «… учреждение здравоохранения» → «гбуз».
_INSTITUTION_LETTERS: tuple[tuple[str, str], ...] = (
    ("федеральн", "ф"),
    ("государственн", "г"),
    ("муниципальн", "м"),
    ("областн", "о"),
    ("краев", "к"),
    ("бюджетн", "б"),
    ("автономн", "а"),
    ("казенн", "к"),
    ("общеобразовательн", "о"),
    ("дошкольн", "до"),
    ("профессиональн", "п"),
    ("дополнительн", "д"),
    ("образовательн", "о"),
    ("учреждени", "у"),
    ("здравоохранени", "з"),
    ("культур", "к"),
    ("социальн", "со"),
    ("образовани", "о"),
)
_INSTITUTION_GROUP = next(
    i for i, (pattern, _) in enumerate(LEGAL_FORM_PHRASES) if "учреждени" in pattern
)


def _institution_abbreviation(text: str) -> str:
    letters: list[str] = []
    for word in re.split(r"[- ]+", text):
        for stem, letter in _INSTITUTION_LETTERS:
            if word.startswith(stem):
                if not (stem == "образовательн" and letters and letters[-1] == "до"):
                    letters.append(letter)
                break
    return "".join(letters)


def legal_form_of(number: int, text: str) -> str:
    """The abbreviation of legal form ``number`` of :data:`LEGAL_FORM_PHRASES`, found as ``text``.

    A state or municipal institution gets its own abbreviation spelled from its words
    («муниципальное бюджетное учреждение культуры» → «мбук»), as its short name writes it.
    """
    if number == _INSTITUTION_GROUP:
        return _institution_abbreviation(text) or LEGAL_FORM_PHRASES[number][1]
    return LEGAL_FORM_PHRASES[number][1]


def legal_form_of_phrase(match: re.Match[str]) -> str:
    """The abbreviation of the legal form a :data:`LEGAL_FORM_PATTERN` match found."""
    group = match.lastgroup or ""
    return legal_form_of(int(group[2:]), match.group())


def phrase_abbreviation(match: re.Match[str]) -> str:
    """The abbreviation of the business-type phrase a :data:`PHRASE_PATTERN` match found."""
    group = match.lastgroup or ""
    return PHRASE_ABBREVIATIONS[int(group[2:])][1]
