"""Contacts from articles: person – position – organisation mentions in one sentence.

Per sentence, natasha gives PER / ORG / LOC spans; a title is a head word of
:mod:`abmresearch.extract._lexicon` with the adjectives before it and its dependents after it
(genitive nouns, «по …», an organisation). A title is paired with a person by, in order:

1. *apposition before the name* — «генеральный директор ООО „Ромашка“ Иван Петров», «— сказал
   директор по закупкам Петров»; when titles are nested («пресс-секретарь экс-президента США
   Билла Клинтона Джо Локхарт») each name goes to the title whose head agrees with it in case;
2. *apposition after the name* — «Иван Петров, главный инженер компании», «Петров (директор)»,
   «Петров — глава …»;
3. *a verb of appointment or leadership* between them — «Петров назначен генеральным
   директором», «возглавил», «стал», «занимает пост»; «новым главой стал Петров».

A surname alone refers back to the full name with that surname earlier in the article
(coreference), so its row carries the full ФИО.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import pandas as pd

from abmresearch.extract import _lexicon as lx
from abmresearch.extract._morph import is_known, parses
from abmresearch.extract._names import (
    first_name_count,
    first_name_gender,
    foreign_first_name_gender,
)
from abmresearch.extract.identifiers import find_identifiers
from abmresearch.extract.ner import AGE as _AGE
from abmresearch.extract.ner import Entity, Sentence, Token, analyse
from abmresearch.extract.people import PersonName, cyrillic_lookalikes, ends_in_consonant_y
from abmresearch.extract.people import parse_person as _parse_person
from abmresearch.extract.positions import _cached_read
from abmresearch.vocabulary import Vocabulary

__all__ = [
    "CONTACT_COLUMNS",
    "MAX_TEXT_CHARS",
    "extract_contacts",
    "extract_people",
    "unknown_titles",
]

CONTACT_COLUMNS = (
    "doc_id",
    "person",
    "last_name",
    "first_name",
    "middle_name",
    "gender",
    "position",
    "position_norm",
    "role",
    "org",
    "evidence",
    "start",
    "end",
    "canonical",
    "level",
    "function",
    "position_start",
    "position_end",
    "inn",
    "ogrn",
    "email",
    "phone",
)
MAX_TEXT_CHARS = 1_000_000

_APPOINT = re.compile(
    r"(назнач|ставш|избра|избир|переизбра|утвер|стал|станет|становит|являет|является|являл|"
    r"был|была|"
    r"работа|занима|занял|заняла|возглав|руковод|трудит|служи|служил|оставал|остает|"
    r"остаёт|покинул|покинула|ушел|ушла|ушёл|уволен|освобожд|отправлен|сменил|сменила|"
    r"вступил|вступила|приступил|приступила|исполня)",
)
_LEAD_VERBS = re.compile(r"^(возглав|руковод)")
_CHAIN_POS = frozenset({"NOUN", "ADJF", "PRTF", "NUMR", "ADJS"})
_OPEN_QUOTES = frozenset('«„"“')
_CLOSE_QUOTES = frozenset('»“"”')
_NAME_GAP = frozenset({",", "—", "–", "-", "("})
# nouns that open an organisation inside a title («глава правительства», «игрок сборной»)
# bodies named by a common noun: «глава департамента культуры Москвы», «вице-президент
# палаты», «председатель комитета по бюджету» (not a company's own units: «начальник отдела
# продаж», «начальник цеха» name a department, not where the person works)
_BODY_HEADS = frozenset(
    {
        "департамент",
        "управление",
        "комитет",
        "палата",
        "комиссия",
        "фракция",
        "штаб",
        "секретариат",
        "инспекция",
        "редакция",
        "коллегия",
        "дирекция",
        "представительство",
        "филиал",
    }
)
_ORG_HEADS = (
    lx.ORG_NOUNS | lx.STATE_CUES | _BODY_HEADS | {"сборная", "подразделение", "полиция"}
) - {
    "россия",
    "рф",
    "страна",
    "государство",
    "область",
    "край",
    "район",
    "город",
    "регион",
}


@dataclass
class _Tok:
    token: Token
    low: str
    lemma: str
    pos: str
    cases: frozenset[str]
    entity: Entity | None = None
    sing: frozenset[str] = frozenset()  # cases of the singular parses


@dataclass
class _Title:
    first: int  # token indices, inclusive
    last: int
    head: int
    case: frozenset[str]
    orgs: list[Entity] = field(default_factory=list)
    quoted: tuple[int, int] | None = None  # chars of «…» (with its generic noun) in the chain
    plural: bool = False  # «заместители начальника отдела Олег Прохоренко и Алексей Малых»
    extra: list[int] = field(default_factory=list)  # more persons of a plural title
    person: int | None = None  # index into the sentence's persons


def _lemma_of(parse: Any) -> str:
    lemma = str(parse.normal_form).replace("ё", "е")
    if parse.tag.POS in ("ADJF", "PRTF"):
        form = parse.inflect({"nomn", "sing", "masc"})
        if form is not None:
            lemma = str(form.word).replace("ё", "е")
    return lemma


@lru_cache(maxsize=1)
def _head_forms() -> frozenset[str]:
    """Every word form of every title head (to skip morphology far from any title)."""
    forms: set[str] = set()
    for word in lx.HEAD_LEMMAS:
        forms.add(word)
        for parse in parses(word)[:2]:
            forms.update(str(form.word).replace("ё", "е") for form in parse.lexeme)
    return frozenset(forms)


def _maybe_head(low: str) -> bool:
    plain = low.replace("ё", "е")
    if plain in _head_forms():
        return True
    for prefix in ("экс-", "вице-"):
        if plain.startswith(prefix) and plain[len(prefix) :] in _head_forms():
            return True
    # «лётчиком-испытателем», «инженером-конструктором», «президент-республиканец»
    if "-" in plain and plain.split("-")[0] in _head_forms():
        return True
    return _compound_tail(plain) is not None


# Modifiers written before a title word, hyphenated or fused: «блог-менеджер», «арт-директор»,
# «YouTube-блогером», «радиожурналист», «замсекретаря» (a deputy's: «зам» + the genitive).
_FUSED_PREFIXES = ("радио", "теле", "фото", "видео", "кино", "медиа", "бизнес", "арт", "веб")
# the Russian words written before a hyphenated title (Latin ones — «PR-», «IT-», «YouTube-» —
# are taken as they come); «экс-» and «вице-» have their own rules
_MODIFIERS = frozenset(
    {"арт", "бизнес", "блог", "шоу", "веб", "медиа", "фото", "видео", "кино", "теле", "радио"}
    | {"спорт", "топ", "поп", "рок", "джаз", "фитнес", "бренд", "контент", "продакт", "проджект"}
    | {"аккаунт", "диджитал", "промо", "пиар", "интернет", "женщина", "женщины", "женщиной"}
)


def _compound_tail(plain: str) -> tuple[str, str] | None:
    """(modifier, title word form) of a compound whose last part is a title word's form, for
    the words the dictionary does not know as titles themselves."""
    if "-" in plain:
        modifier, _, tail = plain.rpartition("-")
        if len(tail) < 4 or not (modifier in _MODIFIERS or re.fullmatch(r"[a-z0-9&.]+", modifier)):
            return None  # not «компании-оператора», «робот-курьер»
        return (modifier, tail) if tail in _head_forms() else None
    for prefix in (*_FUSED_PREFIXES, "зам"):
        tail = plain[len(prefix) :]
        if plain.startswith(prefix) and len(tail) >= 4 and tail in _head_forms():
            return prefix, tail
    return None


_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "ADVB", "INFN", "VERB", "NPRO", "PRED"})


@lru_cache(maxsize=200_000)
def _word_info(low: str) -> tuple[str, str, frozenset[str], frozenset[str]]:
    """(lemma, part of speech, possible cases, cases as singular) of a lower-cased token."""
    found = parses(low) if re.search(r"[а-яё]", low) else ()
    if not found:
        return low.replace("ё", "е"), "", frozenset(), frozenset()
    head_parse = next(
        (p for p in found if p.tag.POS == "NOUN" and _lemma_of(p) in lx.HEAD_WORDS), None
    )
    if (
        head_parse is not None
        and found[0].tag.POS in _FUNCTION_POS
        and found[0].score > 3 * head_parse.score
    ):
        head_parse = None  # «после» is a preposition, not «посол»
    if head_parse is None and (compound := _compound_tail(low.replace("ё", "е"))) is not None:
        modifier, tail = compound
        lemma, pos, cases, sing = _word_info(tail)
        if modifier == "зам" and lemma in lx.HEAD_WORDS and "gent" in cases:
            # «замсекретаря», «замкомандующего»: «заместитель» + the genitive, undeclined
            return "заместитель", "NOUN", _ALL_CASES, _ALL_CASES
        if pos == "NOUN" and lemma in lx.HEAD_WORDS and modifier != "зам":
            return lemma, pos, cases, sing  # «блог-менеджером» is a «менеджер»
    chosen = head_parse or found[0]
    cases = frozenset(str(p.tag.case) for p in found if p.tag.case)
    sing = frozenset(
        str(p.tag.case)
        for p in found
        if p.tag.case and p.tag.number != "plur" and p.tag.POS == chosen.tag.POS
    )
    return _lemma_of(chosen), str(chosen.tag.POS or ""), cases, sing


def _annotate(sentence: Sentence) -> list[_Tok]:
    """Tokens with morphology only near possible titles (the rest is never looked at)."""
    lows = [token.text.lower() for token in sentence.tokens]
    heads = [
        i for i, low in enumerate(lows) if _maybe_head(low) or low + "." in _ABBREVIATED_HEADS
    ]
    near: set[int] = set()
    for i in heads:
        near.update(range(max(0, i - 5), min(len(lows), i + 14)))
    toks: list[_Tok] = []
    entities = sentence.entities
    for index, (token, low) in enumerate(zip(sentence.tokens, lows, strict=True)):
        entity = None
        for candidate in entities:
            if candidate.start <= token.start and token.end <= candidate.end:
                entity = candidate
                break
        if low + "." in _ABBREVIATED_HEADS and index + 1 < len(lows) and lows[index + 1] == ".":
            lemma_, pos = _ABBREVIATED_HEADS[low + "."], "NOUN"
            cases = sing = _ALL_CASES
        elif index in near:
            lemma_, pos, cases, sing = _word_info(low)
        else:
            lemma_, pos, cases, sing = low.replace("ё", "е"), "", frozenset(), frozenset()
        toks.append(_Tok(token, low, lemma_, pos, cases, entity, sing))
    return toks


def _title_word(word: str) -> bool:
    """Whether a word of a PER span is a lexicon title head noun («Вождь», «Митрополита»)."""
    low = word.lower()
    if not _maybe_head(low):
        return False
    if any("Name" in p.tag or "Surn" in p.tag for p in parses(low)):
        return False  # «Эмиром Кустурицей»: a first name or surname first
    lemma, pos, _, _ = _word_info(low)
    if "-" in lemma and lemma not in lx.HEAD_WORDS:
        lemma = _word_info(low.split("-")[0])[0]
    return pos == "NOUN" and lemma in lx.HEAD_WORDS and not first_name_count(lemma)


def _free_titles(sentence: Sentence) -> Sentence:
    """Take title words out of the start of natasha's PER spans («Писатель-сатирик Лион
    Измайлов», «Вождь Карнс»): the title rules never look inside a person."""
    changed = False
    entities: list[Entity] = []
    for entity in sentence.entities:
        if entity.kind != "PER":
            entities.append(entity)
            continue
        inside = [t for t in sentence.tokens if entity.start <= t.start and t.end <= entity.end]
        first = 0
        while first < len(inside) - 1 and _title_word(inside[first].text):
            first += 1
        if len(inside) == 1 and _title_word(inside[0].text):
            changed = True  # a title alone («Президент»), not a name
            continue
        if first == 0:
            entities.append(entity)
            continue
        changed = True
        start = inside[first].start
        text = sentence.text[start - sentence.start : entity.end - sentence.start]
        entities.append(Entity(start, entity.end, "PER", text))
    if not changed:
        return sentence
    return replace(sentence, entities=tuple(entities))


def _is_head(toks: list[_Tok], index: int) -> bool:
    tok = toks[index]
    if tok.entity is not None and tok.entity.kind == "PER":
        return False
    lemma = tok.lemma
    if lemma.startswith("экс-"):
        lemma = lemma[4:]
    if "-" in lemma and lemma not in lx.HEAD_WORDS and tok.pos == "NOUN":
        first_part = _word_info(tok.low.split("-")[0])
        if first_part[0] in lx.HEAD_WORDS and first_part[1] == "NOUN":
            lemma = first_part[0]
    if lemma in lx.HEAD_WORDS and tok.pos == "NOUN":
        if lemma in ("глава",) and index + 1 < len(toks) and toks[index + 1].pos == "NUMR":
            return False
        if lemma in ("член", "представитель", "лидер", "кандидат", "игрок", "соратник"):
            nxt = toks[index + 1] if index + 1 < len(toks) else None
            if nxt is None:
                return False
            # «член партии», «игрок НФЛ», «представитель «Газпрома»»
            return (nxt.pos in ("NOUN", "ADJF") and "gent" in nxt.cases) or (
                getattr(nxt.entity, "kind", "") == "ORG" or nxt.low in _OPEN_QUOTES
            )
        return True
    nxt = toks[index + 1] if index + 1 < len(toks) else None
    if lemma in ("управляющий", "заведующий", "исполняющий") and tok.pos in ("ADJF", "PRTF"):
        return nxt is None or nxt.lemma not in lx.HEAD_WORDS
    if lemma in lx.HEAD_WORDS and tok.pos in ("ADJF", "PRTF"):
        # a substantivised adjective right before a name: «ведущая Эрин Эндрюс»
        return nxt is not None and getattr(nxt.entity, "kind", "") == "PER"
    return False


# adjectives pymorphy reads as nouns first («старший» — a senior person)
_NOUN_LIKE_ADJECTIVES = frozenset(
    {"старший", "старшая", "старшего", "старшему", "старшим", "старшей", "старшую", "старшем"}
    | {"младший", "младшая", "младшего", "младшему", "младшим", "младшей", "младшую", "младшем"}
)


# when a post was or will be held: not part of the title («новым главой», «бывший глава»)
_TENSE_ADJECTIVES = frozenset({"бывший", "нынешний", "новый", "будущий"})
_WHEN_WORDS = frozenset(
    {"тогда", "тогдашний", "ныне", "сейчас", "теперь", "впоследствии", "позже"}
)


def _title_adjective_form(low: str) -> bool:
    """Whether a word read first as a noun is also a title adjective («главного»: «главное»
    or «главный»)."""
    return any(
        p.tag.POS in ("ADJF", "PRTF") and _lemma_of(p) in lx.TITLE_ADJECTIVES for p in parses(low)
    )


def _extend_left(toks: list[_Tok], head: int) -> int:
    first = head
    while first > 0:
        prev = toks[first - 1]
        if prev.entity is not None and prev.entity.kind == "PER":
            break
        if (prev.pos in ("ADJF", "PRTF") or prev.low in _NOUN_LIKE_ADJECTIVES) and (
            prev.lemma in lx.TITLE_ADJECTIVES or prev.cases & toks[head].cases
        ):
            first -= 1
            continue
        if prev.pos == "NOUN" and _title_adjective_form(prev.low):
            first -= 1  # «главного инженера»: not «главное» (the main thing) here
            continue
        if prev.low in ("и.о.", "врио", "экс", "вице", "и.о", "зам.", "экс-"):
            first -= 1
            continue
        if (
            prev.low == "."
            and first > 1
            and toks[first - 2].low + "." in lx.ABBREVIATIONS
            and getattr(toks[first - 2].entity, "kind", "") != "PER"
        ):
            first -= 2  # «гл. инженер», «зам. директора»
            continue
        break
    while first < head and toks[first].lemma in _TENSE_ADJECTIVES:
        first += 1
    return first


# heads that take their object in the instrumental: «командующий округом», «заведующий
# кафедрой», «управляющий делами»
_GOVERNS_INSTRUMENTAL = re.compile(r"(командующ|заведующ|управляющ)")


def _extend_right(toks: list[_Tok], head: int) -> tuple[int, list[Entity], tuple[int, int] | None]:
    last = head
    orgs: list[Entity] = []
    quoted: tuple[int, int] | None = None
    index = head + 1
    in_po = False
    steps = 0
    noun_start: int | None = None
    if toks[head].low + "." in _ABBREVIATED_HEADS and index < len(toks) and toks[index].low == ".":
        last = index  # «нач. участка»: the dot belongs to the head
        index += 1
    while index < len(toks) and steps < 12:
        tok = toks[index]
        steps += 1
        if _AGE.fullmatch(tok.low):
            break  # «директор компании 45-летний Иван Петров»: the holder's age
        if tok.entity is not None:
            if tok.entity.kind == "PER":
                break
            # an organisation or place: take it whole
            end = index
            while end + 1 < len(toks) and toks[end + 1].entity is tok.entity:
                end += 1
            if tok.entity.kind == "ORG":
                orgs.append(tok.entity)
            if end + 1 < len(toks) and toks[end + 1].low in _CLOSE_QUOTES:
                end += 1  # natasha leaves the closing quote out of «ООО «Ромашка»»
            last = index = end
            index += 1
            in_po = False
            continue
        if tok.low in _OPEN_QUOTES:
            close = next(
                (
                    j
                    for j in range(index + 1, min(len(toks), index + 12))
                    if toks[j].low in _CLOSE_QUOTES
                ),
                None,
            )
            if close is None:
                break
            begin = index
            if begin - 1 > head and (
                toks[begin - 1].lemma in lx.ORG_NOUNS or toks[begin - 1].lemma in lx.LEGAL_FORMS
            ):
                begin -= 1
            if quoted is None:
                quoted = (toks[begin].token.start, toks[close].token.end)
            last = index = close
            index += 1
            continue
        if tok.low == "по" and not in_po:
            in_po = True
            index += 1
            continue
        if tok.lemma in lx.LEGAL_FORMS or tok.low in lx.UNIT_ACRONYMS:
            last = index  # «ООО», «инженер пто»
            index += 1
            continue
        if (
            last == index - 1
            and tok.pos == "NOUN"
            and "ablt" in tok.cases
            and _GOVERNS_INSTRUMENTAL.search(toks[last].low)
        ):
            last = index  # «командующий округом», «замкомандующего войсками»
            index += 1
            continue
        if tok.pos in _CHAIN_POS and (
            "gent" in tok.cases or (in_po and ("datv" in tok.cases or "loct" in tok.cases))
        ):
            if in_po and "datv" not in tok.cases and "gent" not in tok.cases:
                break
            if noun_start is None and not in_po and tok.lemma in _ORG_HEADS:
                noun_start = index
                while noun_start - 1 > head and toks[noun_start - 1].pos in ("ADJF", "PRTF"):
                    noun_start -= 1
            last = index
            index += 1
            continue
        word = tok.token.text
        if (len(word) > 1 and re.fullmatch(r"[A-ZА-ЯЁ]+", word)) or re.fullmatch(
            r"[A-Z][A-Za-z&.-]*", word
        ):
            # acronyms (МВД, ООН) and Latin names (Microsoft) after a title
            if noun_start is None and index > head:
                noun_start = index
            last = index
            index += 1
            continue
        if re.fullmatch(r"\d+-?[а-я]{0,3}", tok.low) and index + 1 < len(toks):
            index += 1  # «командующего 58-й армии»
            continue
        break
    if quoted is None and not orgs and noun_start is not None and noun_start <= last:
        quoted = (toks[noun_start].token.start, toks[last].token.end)
    return last, orgs, quoted


def _titles(toks: list[_Tok]) -> list[_Title]:
    found: list[_Title] = []
    skip_to = -1
    for index in range(len(toks)):
        if not _is_head(toks, index):
            continue
        plural = not toks[index].sing and not (
            index > 1 and toks[index - 1].low == "из" and toks[index - 2].low.startswith("одн")
        )
        if index <= skip_to:
            continue  # inside a sought post's title («может стать заместителем министра»)
        first = _extend_left(toks, index)
        last, orgs, quoted = _extend_right(toks, index)
        if _named_in_quotes(toks, first, index):
            continue
        if _sought(toks, first, index):
            skip_to = last
            continue
        case = toks[index].sing or toks[index].cases
        found.append(_Title(first, last, index, case, orgs, quoted=quoted, plural=plural))
    return found


def _named_in_quotes(toks: list[_Tok], first: int, head: int) -> bool:
    """A title word quoted alone is the name of something: «собеседник „Коммерсанта“»,
    газета «Фермер». A quotation that opens with a title stays («"Президент высоко ценит …»),
    and so does a post quoted after its word («в должности «прораб»», «пост «мастер»»)."""
    return (
        head == first
        and 0 < first < len(toks) - 1
        and toks[first - 1].low in _OPEN_QUOTES
        and toks[first + 1].low in _CLOSE_QUOTES
        and (first < 2 or toks[first - 2].lemma not in _POST_WORDS)
    )


# What a post is sought or offered with, not held: «кандидат на пост мэра», «претендует на
# должность», «пообещав пост премьера».
_SEEKING = frozenset(
    {"кандидат", "кандидатка", "кандидатура", "претендент", "претендентка", "претендовать"}
    | {"баллотироваться", "выдвинуть", "выдвигать", "выдвигаться", "выдвижение", "метить"}
    | {"пообещать", "обещать", "обещание", "прочить", "предлагать", "предложить", "борьба"}
    | {"гонка"}
)
_POST = frozenset({"пост", "должность", "кресло", "позиция"})
_POST_WORDS = _POST | {"звание", "статус"}  # a post's word before a quoted title
# what makes «стать X» a possibility, not a fact: «если премьером станет …», «может стать»
_IF = frozenset({"если", "ежели", "может", "могут", "сможет", "смогут"})  # not «смог стать»
_IF_LEMMAS = frozenset({"шанс", "дорога", "возможность", "намереваться", "хотеть", "планировать"})


def _sought(toks: list[_Tok], first: int, head: int) -> bool:
    """Whether the title names a post sought, offered or only possible: a candidacy word
    before «на пост» / «пост» / «в» («кандидатов на пост руководителя Госстроя», «пообещав
    пост премьера», «кандидат в президенты»), or «стать» after «если» or a modal («если
    премьер-министром станет Медведев», «открывает ей дорогу стать премьер-министром»). A post
    someone is appointed to or has become stays («назначен на пост министра», «новым
    гендиректором станет …»)."""
    lemmas = [toks[i].lemma for i in range(max(0, first - 3), first)]
    if lemmas[-3:-2] and lemmas[-3] in _SEEKING and lemmas[-2] == "на" and lemmas[-1] in _POST:
        return True
    if lemmas[-2:-1] and lemmas[-2] in _SEEKING and lemmas[-1] in _POST | {"в"}:
        return True
    if "ablt" not in toks[head].cases:
        return False  # «может стать заместитель министра …»: the subject's post, held
    if lemmas[-1:] == ["стать"]:
        return first >= 2 and (toks[first - 2].low in _IF or lemmas[-2] in _IF_LEMMAS)
    return (
        first >= 1
        and toks[first - 1].low in _IF
        and any(t.lemma == "стать" for t in toks[first : first + 8])
    )


@dataclass
class _Person:
    entity: Entity
    first: int
    last: int
    name: PersonName
    cases: frozenset[str]


@lru_cache(maxsize=50_000)
def parse_person(text: str, *, case: str | None = None) -> PersonName:
    """:func:`abmresearch.extract.people.parse_person`, cached (names repeat in a run)."""
    return _parse_person(text, case=case)


def _persons(toks: list[_Tok], sentence: Sentence) -> list[_Person]:
    persons = []
    for entity in sentence.entities:
        if entity.kind != "PER":
            continue
        indices = [i for i, t in enumerate(toks) if t.entity is entity]
        if not indices:
            continue
        entity = _widen(toks, indices, entity, sentence)
        in_context = {toks[i].token.case for i in indices} - {None}
        # the case the tagger reads in the sentence («Влада Филата» after «по словам»)
        if in_context == {"gent", "accs"}:
            in_context = {"gent"}  # one form for a man («Влада Филата»)
        if len(in_context) > 1 and (agreed := _apposition_case(toks, indices[0])) is not None:
            in_context = {agreed}  # «генерал-лейтенанта Аксары Кердпола»: the title's case
        hint = in_context.pop() if len(in_context) == 1 else None
        if hint not in (None, "nomn") and _feminine_subject(toks, indices[0], indices[-1]):
            hint = "nomn"  # «Влада Сомова возглавила …», whatever the tagger read
        if hint == "nomn" and ends_in_consonant_y(toks[indices[-1]].low):
            hint = None  # «министра … Японии Сейджи Маехары»: «-ы» is no nominative's ending
        cases: frozenset[str] = frozenset()
        foreign = len(indices) > 1 and not _russian_first_name(toks[indices[0]].low)
        for i in indices:
            if foreign and _undeclined(toks[i].low):
                continue  # «Родриго Дутерте», «Бени Ганц»: no case shows in the word
            name_cases = frozenset(
                str(p.tag.case)
                for p in parses(toks[i].low)
                if ("Name" in p.tag or "Surn" in p.tag) and p.tag.number != "plur"
            )
            if name_cases:
                cases = name_cases if not cases else (cases & name_cases) or cases
        persons.append(
            _Person(entity, indices[0], indices[-1], parse_person(entity.text, case=hint), cases)
        )
    return persons


def _apposition_case(toks: list[_Tok], first: int) -> str | None:
    """The tagged case of a title head noun right before a name: an apposition takes it
    («генерал-лейтенанта Аксары Кердпола», «директору Ивану Петрову»)."""
    if first == 0:
        return None
    before = toks[first - 1]
    if before.pos != "NOUN" or before.lemma not in lx.HEAD_WORDS:
        return None
    return before.token.case


# A vowel a Russian noun's oblique ending may have but a foreign name may simply end in:
# «Дутерте» is no locative, «Хелле» no dative — pymorphy guesses them so. A Russian surname's
# oblique forms («Кудряшову», «Левицкому») are guessed right.
_FOREIGN_VOWEL = re.compile(r"[еиоуюэ]$")
_RUSSIAN_OBLIQUE = re.compile(r"(ов|ев|ёв|ин|ын)(у|е|ым)$|(ого|его|ому|ему|ую|юю|ой|ие|ии)$")


def _undeclined(low: str) -> bool:
    """A word no dictionary knows that ends in a vowel a foreign name keeps in every case:
    its guessed cases say nothing. Only asked of a foreign person's name (see
    :func:`_russian_first_name`): «Аркадию Ротенбергу», «Олегу Дерипаске» do decline."""
    return (
        bool(_FOREIGN_VOWEL.search(low)) and not is_known(low) and not _RUSSIAN_OBLIQUE.search(low)
    )


def _russian_first_name(low: str) -> bool:
    """Whether a word is a form of a first name of the russiannames list («Аркадию»,
    «Яна»), not of the foreign list or none."""
    return any(
        "Name" in p.tag
        and first_name_gender(str(p.normal_form))
        and foreign_first_name_gender(str(p.normal_form)) is None
        for p in parses(low)
    )


_CLAUSE_START = frozenset([",", "—", "–", "-", "(", "«", '"', ":", "и", "а", "но", "что"])


def _feminine_subject(toks: list[_Tok], first: int, last: int) -> bool:
    """Whether the name opens its clause and a woman's past-tense verb follows it at once
    («Влада Сомова возглавила»): it is the verb's subject, a woman's nominative, not the man's
    genitive the tagger may read («Влада» as Влад's). A man's verb says nothing («Полёт
    Гагарина был …»), nor a verb after a name that hangs on a noun («Канцелярия президента
    Джейкоба Зумы распространила …»)."""
    if first > 0 and toks[first - 1].low not in _CLAUSE_START:
        return False
    if last + 1 >= len(toks) or not toks[last + 1].low.endswith(("ла", "лась")):
        return False
    return any(
        p.tag.POS == "VERB" and p.tag.tense == "past" and p.tag.gender == "femn"
        for p in parses(toks[last + 1].low)[:1]
    )


def _widen(toks: list[_Tok], indices: list[int], entity: Entity, sentence: Sentence) -> Entity:
    """Take in a capitalised surname natasha left out («Абдурахмановой» Натальи Петровны)."""
    first, last = indices[0], indices[-1]
    for side in (first - 1, last + 1):
        if not 0 <= side < len(toks) or toks[side].entity is not None:
            continue
        word = toks[side].token.text
        if not word[:1].isupper() or not word.isalpha():
            continue
        if any("Surn" in p.tag for p in parses(word.lower())):
            if side < first:
                first = side
            else:
                last = side
    if (first, last) == (indices[0], indices[-1]):
        return entity
    start, end = toks[first].token.start, toks[last].token.end
    widened = Entity(
        start, end, "PER", sentence.text[start - sentence.start : end - sentence.start]
    )
    for index in range(first, last + 1):
        toks[index].entity = widened
    indices[:] = list(range(first, last + 1))
    return widened


def _pair(toks: list[_Tok], titles: list[_Title], persons: list[_Person]) -> None:
    """Set ``title.person`` for the titles a person is named with.

    A plural title names people only when a list of names follows it at once; otherwise it
    is a group («руководители регионов») and is left alone.
    """
    for title in titles:
        if not title.plural:
            continue
        names = []
        position = _list_start(toks, title.last + 1)
        while True:
            found = next((i for i, p in enumerate(persons) if p.first == position), None)
            if found is None:
                break
            names.append(found)
            position = _after_parenthesis_of(toks, persons[found].last + 1)
            if position < len(toks) and toks[position].low in (",", "и"):
                position += 1
        if names:
            title.person, title.extra = names[0], names[1:]
        else:
            title.person = -1  # a group: no one
    _pair_singular(toks, titles, persons)
    for title in titles:
        if title.person == -1:
            title.person = None


def _list_start(toks: list[_Tok], position: int) -> int:
    """Where the names of a plural title's list begin: at once, or after «, как» / «:» / a
    dash («такие музыканты, как Валерий Гергиев, Марис Янсонс»)."""
    words = [t.low for t in toks[position : position + 2]]
    if words == [",", "как"]:
        return position + 2
    if words[:1] in (["как"], [":"], ["—"], ["–"]):
        return position + 1
    return position


def _after_parenthesis_of(toks: list[_Tok], position: int) -> int:
    """Past a short parenthesis after a listed name («Валерий Гергиев (Россия), …»)."""
    if position < len(toks) and toks[position].low == "(":
        for close in range(position + 1, min(len(toks), position + 6)):
            if toks[close].low == ")":
                return close + 1
    return position


def _after_parenthesis(toks: list[_Tok], titles: list[_Title], nxt: int) -> int:
    """«Иван Петров (Сбербанк) — старший вице-президент»: the dash after the parenthesis."""
    if nxt >= len(toks) or toks[nxt].low != "(" or any(t.first == nxt + 1 for t in titles):
        return nxt
    for close in range(nxt + 1, min(len(toks) - 1, nxt + 10)):
        if toks[close].low == ")":
            return close + 1 if toks[close + 1].low in ("—", "–", "-", ",") else nxt
    return nxt


def _from_place(toks: list[_Tok], first: int) -> int | None:
    """The index of «из» when «из» + a place or an organisation stands right before a name."""
    k = first - 1
    if k > 0 and toks[k].low in _CLOSE_QUOTES:
        k -= 1
    entity = toks[k].entity if k >= 0 else None
    if entity is None or entity.kind not in ("LOC", "ORG"):
        return None
    while k > 0 and toks[k - 1].entity is entity:
        k -= 1
    if k > 0 and toks[k - 1].low in _OPEN_QUOTES:
        k -= 1
    return k - 1 if k > 1 and toks[k - 1].low == "из" else None


_HONORIFICS = frozenset(
    {"сэр", "господин", "госпожа", "мистер", "миссис", "мисс", "фрау", "герр", "месье", "мадам"}
    | {"синьор", "синьора", "сеньор", "сеньора", "пан", "пани", "шейх", "эмир", "принц"}
)


def _pair_singular(toks: list[_Tok], titles: list[_Title], persons: list[_Person]) -> None:
    # 1. title right before the name (nested titles: case agreement decides)
    for p_index, person in enumerate(persons):

        def ending_at(index: int) -> list[_Title]:
            return [t for t in titles if t.last == index and t.person is None]

        before = ending_at(person.first - 1)
        if person.first > 1:
            # «Локхарт» after a title that ends with another person's name (nested)
            prev = [q for q in persons if q.last == person.first - 1]
            if prev:
                before += ending_at(prev[0].first - 1)
        if (origin := _from_place(toks, person.first)) is not None:
            # «хирург из Конго Денис Муквеге», «менеджер из «Роснефти» Иван Петров»
            before += ending_at(origin - 1)
        if person.first > 1 and toks[person.first - 1].low in _HONORIFICS:
            # «актёр сэр Дональд Синден», «директор господин Петров»
            before += ending_at(person.first - 2)
        if (
            person.first > 1
            and toks[person.first - 1].low in ("—", "–", ":")
            and (not person.cases or "nomn" in person.cases)
        ):
            # «Генеральный директор — Иван Петров», «Режиссёр: Дмитрий Бертман»
            before += [t for t in ending_at(person.first - 2) if "nomn" in t.case]
        if person.first > 1 and _AGE.fullmatch(toks[person.first - 1].low):
            # «вице-губернатор Приморского края, 35-летний Александр Шемелев»
            gap = 2 if person.first > 2 and toks[person.first - 2].low == "," else 1
            before += ending_at(person.first - 1 - gap)
        follower = next((q for q in persons if q.first == person.last + 1), None)
        if follower is not None and (not person.cases or "gent" in person.cases):
            # «адвокат Савченко Марк Фейгин», «советника Путина Михаила Лесина»: a name right
            # before another is the title's dependent when the second agrees with the title
            before = [
                t
                for t in before
                if t.last != person.first - 1 or (follower.cases and not t.case & follower.cases)
            ]
        if not before:
            continue
        agreeing = [t for t in before if t.case & person.cases] if person.cases else before
        if not agreeing and len(before) == 1 and not before[0].case:
            agreeing = before
        if not agreeing:
            continue
        best = min(agreeing, key=lambda t: t.first)  # the outermost agreeing title
        best.person = p_index
        # consecutive appositions: «командующего армией генерал-лейтенанта Хрулева»
        current = best
        while True:
            chained = [
                t
                for t in titles
                if t.last == current.first - 1
                and t.person is None
                and (not person.cases or t.case & person.cases)
            ]
            if not chained:
                break
            current = min(chained, key=lambda t: t.first)
            current.person = p_index
    nested = {
        id(t)
        for t in titles
        if any(
            o is not t and o.first <= t.first and t.last <= o.last and o.head < t.head
            for o in titles
        )
    }
    # 2. name, then «,» / «—» / «(» and a title
    for p_index, person in enumerate(persons):
        nxt = _after_parenthesis(toks, titles, person.last + 1)
        if nxt >= len(toks) or toks[nxt].low not in _NAME_GAP:
            continue
        skip = nxt + 1
        while (
            skip < len(toks)
            and skip - nxt <= 3
            and (_APPOINT.search(toks[skip].low) or toks[skip].low in ("пост", "должность"))
            and toks[skip].low.endswith(("ший", "шая", "нный", "нная", "щий", "щая", "пост"))
        ):
            skip += 1  # «Круз, ставший сенатором», «Петров, занимающий пост директора»
        while (
            skip < len(toks)
            and skip - nxt <= 2
            and (toks[skip].low in _WHEN_WORDS or toks[skip].lemma in _TENSE_ADJECTIVES)
            and not any(t.first == skip for t in titles)
        ):
            skip += 1  # «Путина, тогда президента России», «Назарбаев, бывший металлург»
        if skip == nxt + 1 and toks[nxt].low != ",":
            # «Аленичев — советский и российский футболист»
            while (
                skip < len(toks)
                and skip - nxt <= 4
                and (toks[skip].pos in ("ADJF", "PRTF") or toks[skip].low in ("и", ","))
            ):
                if any(t.first == skip for t in titles):
                    break
                skip += 1
        after = [
            t
            for t in titles
            if t.first in (nxt + 1, skip) and t.person is None and id(t) not in nested
        ]
        if not after:
            continue
        title = min(after, key=lambda t: t.first)
        if (
            toks[nxt].low == ","
            and title.first == nxt + 1
            and title.case
            and person.cases
            and not (title.case & person.cases)
        ):
            continue
        title.person = p_index
    # 3. «на должность «генеральный директор» … назначен Петров», «занимает пост «прораб»»
    for title in titles:
        if title.person is not None or id(title) in nested or title.first < 2:
            continue
        if toks[title.first - 1].low not in _OPEN_QUOTES:
            continue
        if not toks[title.first - 2].low.startswith(("должност", "пост", "позици")):
            continue
        nearest = min(
            range(len(persons)),
            key=lambda i: abs(_token_distance(title, persons[i])),
            default=None,
        )
        if nearest is not None and _token_distance(title, persons[nearest]) <= 12:
            title.person = nearest
    # 4. verbs of appointment / leadership inside a clause
    for title in titles:
        if title.person is not None or id(title) in nested:
            continue
        candidate = _by_verb(toks, title, persons)
        if candidate is not None:
            title.person = candidate
    # 4. lists: «автор-исполнитель, художник, писатель и киноактёр»; «актриса, общественный
    # деятель и журналист Ксения Собчак»
    for title in sorted(titles, key=lambda t: -t.first):
        if title.person is None or id(title) in nested or title.first < 2:
            continue
        if toks[title.first - 1].low not in (",", "и"):
            continue
        for other in titles:
            if other.last == title.first - 2 and other.person is None and id(other) not in nested:
                other.person = title.person
    for title in sorted(titles, key=lambda t: t.first):
        if title.person is not None or id(title) in nested or title.first < 2:
            continue
        if toks[title.first - 1].low not in (",", "и"):
            continue
        previous = [
            t
            for t in titles
            if t.last == title.first - 2 and t.person is not None and id(t) not in nested
        ]
        if previous:
            title.person = previous[0].person


_PRONOUNS = {"он": "m", "она": "f"}
_PRONOUN_REACH = 400  # characters back to the antecedent


def _pair_pronoun(
    toks: list[_Tok],
    titles: list[_Title],
    persons: list[_Person],
    previous: _Person | None,
    sentence: Sentence,
    text: str,
) -> None:
    """«Он стал финансовым директором в 2006 году»: the person named just before.

    A verb of appointment must lie between the pronoun and the title and the antecedent's
    gender agree; a person named earlier in the same sentence (before a comma) comes first.
    """
    for index, tok in enumerate(toks):
        gender = _PRONOUNS.get(tok.low)
        if gender is None:
            continue
        before = [p for p in persons if 0 <= p.last < index]
        verb_next = index + 1 < len(toks) and bool(_APPOINT.search(toks[index + 1].low))
        chosen = None
        for title in titles:
            if title.person is not None or title.plural:
                continue
            if title.first > index:  # «он стал финансовым директором»
                gap = toks[index + 1 : title.first]
                if len(gap) <= 6 and _clause(gap) and any(_APPOINT.search(t.low) for t in gap):
                    chosen = title
                break
            if 0 <= index - title.last - 1 <= 1 and verb_next:  # «директором он стал»
                chosen = title
        if chosen is None:
            return
        if before:
            # «Документы подал Олег Кузнецов, он работает инженером»: the name just before
            antecedent = max(before, key=lambda p: p.last)
            if antecedent.name.gender in (None, gender) and any(
                t.low == "," for t in toks[antecedent.last + 1 : index]
            ):
                chosen.person = persons.index(antecedent)
            return
        if previous is None or sentence.start - previous.entity.end > _PRONOUN_REACH:
            previous = _last_person_before(text, sentence.start)
        if previous is None or previous.name.gender not in (None, gender):
            return
        persons.append(_Person(previous.entity, -1, -1, previous.name, previous.cases))
        chosen.person = len(persons) - 1
        return


# what may stand before a subject title at the start of a clause: «В 1998—1999 годах —»,
# «33-летний», «Новый», «Бывший»
_SUBJECT_PREFIX = re.compile(
    r"^(\d+|\d+[—–-]\d+|\d+-[а-я]+|\d+-летн[а-я]+|[,—–:()-]|в|с|по|до|и|а|но|же|уже|ныне|сейчас|затем|"
    r"позднее|позже|потом|тогда|также|год|году|годах|годы|г|гг)$"
)
_PAST_GENDER = {"masc": "m", "femn": "f"}


def _verb_gender(toks: list[_Tok], start: int) -> str | None:
    """Gender of the first past-tense verb of the clause after ``start`` («скончался» → m)."""
    for tok in toks[start:]:
        if tok.low in (".", ";", "?", "!", ","):
            return None
        for parse in parses(tok.low)[:1]:
            if parse.tag.POS == "VERB":
                return _PAST_GENDER.get(str(parse.tag.gender))
    return None


def _clause_has_verb(toks: list[_Tok], start: int) -> bool:
    for tok in toks[start : start + 8]:
        if tok.low in (".", ";", "?", "!"):
            return False
        if any(p.tag.POS == "VERB" for p in parses(tok.low)[:1]):
            return True
    return False


def _pair_subject_title(
    toks: list[_Tok],
    titles: list[_Title],
    persons: list[_Person],
    previous: _Person | None,
    sentence: Sentence,
    text: str,
) -> None:
    """«Певец скончался днём», «В 1998—1999 годах — первый заместитель директора ОРТ»: a title
    standing as the subject of a sentence that names nobody is the person named just before.

    Only a singular title in the nominative at the start of the sentence (after dates, an age
    or a dash), followed by a verb or standing after a dash; the antecedent's gender must agree
    with the verb and with a feminine title («певица»).
    """
    if persons or not titles:
        return
    title = titles[0]
    if title.person is not None or title.plural or "nomn" not in title.case:
        return
    prefix = toks[: title.first]
    if not all(_SUBJECT_PREFIX.match(t.low) for t in prefix):
        return
    after_dash = any(t.low in ("—", "–") for t in prefix)
    if not after_dash and not _clause_has_verb(toks, title.last + 1):
        return
    if (
        previous is None
        or len(_SENTENCE_END.findall(text, previous.entity.end, sentence.start)) > 1
    ):
        # a sentence between was not tagged (no title word): look for the name there
        previous = _last_person_before(text, sentence.start)
    if previous is None or previous.name.last_name is None:
        return
    gender = _verb_gender(toks, title.last + 1)
    head = parses(toks[title.head].low)
    if head and head[0].tag.gender == "femn" and head[0].tag.POS == "NOUN":
        gender = gender or "f"
    if gender is not None and previous.name.gender not in (None, gender):
        return
    persons.append(_Person(previous.entity, -1, -1, previous.name, previous.cases))
    title.person = len(persons) - 1


def _last_person_before(text: str, position: int) -> _Person | None:
    """The last PER named in the stretch before ``position`` (tagged on demand)."""
    start = max(0, position - _PRONOUN_REACH)
    found = None
    for sentence in analyse(text[start:position]):
        for entity in sentence.entities:
            if entity.kind == "PER":
                found = entity
    if found is None:
        return None
    entity = Entity(start + found.start, start + found.end, "PER", found.text)
    return _Person(entity, -1, -1, parse_person(found.text), frozenset())


@dataclass
class _Context:
    """The persons of an article, for a title whose sentence names nobody it could go to.

    ``named`` holds, per analysed sentence, its persons with their surname keys (coreference
    resolved); ``counts`` the mentions per surname over those sentences. The sentences without
    a title word were not tagged: :meth:`before` tags those before a sentence on first need.
    """

    named: list[list[tuple[_Person, str]]]
    counts: Counter[str]
    first_key: str | None
    text: str = ""
    starts: list[int] = field(default_factory=list)  # of the analysed sentences
    coref: _Coreference | None = None
    extra: list[tuple[int, list[tuple[_Person, str]]]] = field(default_factory=list)
    tagged_to: int = 0  # the untagged sentences starting before this offset are in ``extra``

    def before(self, number: int) -> list[list[tuple[_Person, str]]]:
        """The persons of the sentences before analysed sentence ``number``, in order: the
        analysed ones and, tagged on first need, the untagged ones of the headline and of the
        stretch just before each sentence that names nobody (the only ones asking)."""
        if not self.starts:
            return self.named[:number]
        stop = self.starts[number]
        if stop > self.tagged_to and self.coref is not None:
            asking = [
                self.starts[i] for i, row in enumerate(self.named) if not row and i >= number
            ]
            ranges = [(max(self.tagged_to, start - _CONTEXT_CHARS), start) for start in asking]
            if self.tagged_to == 0:
                ranges.append((0, 1))  # the headline
            coref = self.coref
            for sentence in analyse(
                self.text, keep=lambda t: not _has_title_word(t), within=ranges
            ):
                sentence = _free_titles(sentence)
                row = _keyed(_persons(_annotate(sentence), sentence), coref)
                self.extra.append((sentence.start, row))
                self.counts.update(key for _, key in row if key)
            self.tagged_to = max(stop, *asking) if asking else stop
        rows = [(start, row) for start, row in self.extra if start < stop]
        rows += [(self.starts[i], self.named[i]) for i in range(number)]
        return [row for _, row in sorted(rows, key=lambda item: item[0])]


_CONTEXT_CHARS = 400  # how far back untagged sentences are tagged for the context
_CONTEXT_PERSONS = 3  # the most recent distinct persons before a sentence


def _context_candidates(context: _Context, number: int) -> list[tuple[_Person, str, int, int]]:
    """(person, surname key, recency rank, sentences back) before sentence ``number``."""
    found: list[tuple[_Person, str, int, int]] = []
    seen: set[str] = set()
    earlier = context.before(number)
    number = len(earlier)
    for back in range(number - 1, -1, -1):
        for person, key in reversed(earlier[back]):
            if not key or key in seen:
                continue
            seen.add(key)
            found.append((person, key, len(found), number - back))
            if len(found) >= _CONTEXT_PERSONS:
                break
        if len(found) >= _CONTEXT_PERSONS:
            break
    main = context.counts.most_common(1)
    if main and main[0][0] not in seen:
        for back in range(number - 1, -1, -1):
            hit = next(((p, k) for p, k in earlier[back] if k == main[0][0]), None)
            if hit is not None:
                found.append((hit[0], hit[1], _CONTEXT_PERSONS, number - back))
                break
    return found


def _sentence_gender(toks: list[_Tok]) -> str | None:
    """Gender of the sentence's first past-tense verb («скончался» → m), if any."""
    for tok in toks:
        if not tok.low.endswith(("л", "ла", "лся", "лась")):
            continue
        for parse in parses(tok.low)[:1]:
            if parse.tag.POS == "VERB":
                return _PAST_GENDER.get(str(parse.tag.gender))
    return None


def _pair_by_model(
    toks: list[_Tok],
    titles: list[_Title],
    persons: list[_Person],
    context: Callable[[], _Context] | None = None,
    number: int = 0,
    collect: list[Candidate] | None = None,
) -> None:
    """Pair the titles the rules left alone with the learned classifier, when trained.

    Candidates are the sentence's persons or, when it names nobody, the article's persons
    named in the sentences before (for «В 1980 году — актёр театра», «мэр был доставлен в
    больницу»). With ``collect``
    the candidates are gathered (to train on) and nothing is paired.
    """
    from abmresearch.extract.pairing import context_features, load_pair_model, pair_features

    model = None if collect is not None else load_pair_model()
    if collect is None and model is None:
        return
    open_titles = [t for t in titles if t.person is None]
    if not open_titles:
        return
    named = [(i, p) for i, p in enumerate(persons) if p.first >= 0]
    outer_person = {
        id(t): {o.person for o in titles if o is not t and o.first <= t.first and t.last <= o.last}
        for t in open_titles
    }
    # surnames only label training candidates; a run needs the article's context only for a
    # sentence that names nobody
    own = (
        {id(p): key for p, key in context().named[number]}
        if context is not None and collect is not None
        else {}
    )
    candidates: list[tuple[_Title, _Person, int | None, dict[str, Any], str]] = [
        (
            title,
            person,
            index,
            pair_features(toks, title, person, titles, persons),
            own.get(id(person), ""),
        )
        for title in open_titles
        for index, person in named
        if _token_distance(title, person) <= _MAX_PAIR_DISTANCE
        and index not in outer_person[id(title)]
        and not _dependent_name(title, person)
        and not _kin_title(toks, title)
    ]
    if context is not None and not named and (number > 0 or toks[0].token.start > 0):
        article = context()
        earlier = _context_candidates(article, number)
        if earlier:
            gender = _sentence_gender(toks)
            total = max(sum(article.counts.values()), 1)
            for title in open_titles:
                head = parses(toks[title.head].low)
                femn = bool(head) and head[0].tag.POS == "NOUN" and head[0].tag.gender == "femn"
                for person, key, rank, back in earlier:
                    feats = context_features(
                        toks,
                        title,
                        titles,
                        sentence_persons=len(named),
                        rank=rank,
                        back=back,
                        share=article.counts[key] / total,
                        main=bool(article.counts) and article.counts.most_common(1)[0][0] == key,
                        first=article.first_key == key,
                        gender_clash=(
                            person.name.gender is not None
                            and (
                                (gender is not None and gender != person.name.gender)
                                or (femn and person.name.gender == "m")
                            )
                        ),
                        gender_agree=(
                            person.name.gender is not None and gender == person.name.gender
                        ),
                    )
                    candidates.append((title, person, None, feats, key))
    if collect is not None:
        for title, person, _, feats, key in candidates:
            span = (toks[title.first].token.start, toks[title.last].token.end)
            collect.append(Candidate(feats, (person.entity.start, person.entity.end), span, key))
        return
    if not candidates or model is None:
        return
    probs = model.predict_proba([feats for _, _, _, feats, _ in candidates])
    best: dict[int, tuple[float, _Person, int | None]] = {}
    for (title, person, index, _, _), prob in zip(candidates, probs, strict=True):
        threshold = model.threshold if index is not None else model.context_threshold
        if prob >= threshold and prob > best.get(id(title), (0.0, person, None))[0]:
            best[id(title)] = (prob, person, index)
    for title in open_titles:
        if id(title) not in best:
            continue
        _, person, index = best[id(title)]
        if index is None:
            persons.append(_Person(person.entity, -1, -1, person.name, person.cases))
            index = len(persons) - 1
        title.person = index


_MAX_PAIR_DISTANCE = 20


# relatives and friends: a title in the genitive after one is the relative's («жена
# композитора», «дочь режиссёра», «сын губернатора»), not the person's the sentence names
_KIN = frozenset(
    {"жена", "муж", "супруга", "супруг", "вдова", "вдовец", "сын", "дочь", "отец", "мать"}
    | {"брат", "сестра", "внук", "внучка", "дед", "дедушка", "бабушка", "племянник", "племянница"}
    | {"зять", "невестка", "тесть", "тёща", "теща", "родственник", "родственница", "семья"}
    | {"друг", "подруга", "возлюбленная"}
)


def _kin_title(toks: list[_Tok], title: _Title) -> bool:
    """A title in the genitive right after a word of kinship («вдова музыканта Наина …»)."""
    if title.first == 0 or "gent" not in toks[title.head].cases:
        return False
    return _lemma_in(toks[title.first - 1], _KIN)


def _lemma_in(tok: _Tok, words: frozenset[str]) -> bool:
    """Whether the token's lemma, or its best parse's normal form (far from a title the token
    has no lemma of its own), is one of the words."""
    return tok.lemma in words or any(str(p.normal_form) in words for p in parses(tok.low)[:1])


def _dependent_name(title: _Title, person: _Person) -> bool:
    """A name in the genitive right after a nominative title is whose the title is, not who
    holds it: «Пресс-секретарь Дмитрия Пескова сообщила», «Представитель Ивана Петрова
    отказался»). The genitive must show in a known first name: the cases guessed for foreign
    names say little («глава японского МИДа Сэйдзи Маэхара»)."""
    if person.first != title.last + 1 or title.case != {"nomn"}:
        return False
    if "gent" not in person.cases or "nomn" in person.cases:
        return False
    word = person.entity.text.split()[0].lower()
    return first_name_gender(word) is None and any(
        "Name" in p.tag and p.tag.case == "gent" and first_name_gender(str(p.normal_form))
        for p in parses(word)
    )


def _token_distance(title: _Title, person: _Person) -> int:
    if person.first > title.last:
        return person.first - title.last - 1
    if person.last < title.first:
        return title.first - person.last - 1
    return 99  # overlapping: never a pair


@dataclass
class Candidate:
    """A (title, person) candidate pair to train the pair classifier on."""

    features: dict[str, Any]
    person: tuple[int, int]  # characters of the person's mention
    title: tuple[int, int]  # characters of the title
    surname: str  # the person's nominative surname (coreference resolved), lower case


def candidate_pairs(text: str) -> list[Candidate]:
    """Every candidate pair the classifier would score in a text (to train on)."""
    from abmresearch.vocabulary import Vocabulary as _Vocabulary

    collect: list[Candidate] = []
    _article_rows("", text, _Vocabulary(()), collect=collect)
    return collect


# what joins a name to its post: «назначил Петрова на должность директора», «утвердил Петрова в
# должности», «освободил Петрова от должности», «Петров на посту директора»
_POST_PHRASES = frozenset(
    {("на", "должность"), ("на", "пост"), ("в", "должности"), ("на", "должности")}
    | {("на", "посту"), ("от", "должности"), ("с", "должности"), ("с", "поста")}
    | {("от", "занимаемой", "должности"), ("с", "занимаемой", "должности")}
)
_ELECT = re.compile(r"^(назнач|избра|переизбра|утверд|утвержд|выбра)")


def _as_role(gap: list[_Tok]) -> bool:
    """A name, a few words of its clause, then «как» / «в качестве» / «в роли» and the title:
    «Дубровского характеризуют как эффективного менеджера», «выступал в роли пилота»."""
    lows = [t.low for t in gap]
    if not 1 <= len(lows) <= 5 or any(low in _CLAUSE_BREAK for low in lows):
        return False
    marker = 2 if lows[-2:] in (["в", "качестве"], ["в", "роли"]) else 1
    if any(t.entity is not None or _noun(t.low) for t in gap[:-marker]):
        return False  # «оценивает компанию как лидера», «нанял Сидорову в качестве …»: an object
    if marker == 2:
        return True
    return lows[-1] == "как" and (len(lows) < 2 or lows[-2] != "так")


_CLAUSE_BREAK = frozenset({",", "—", "–", ".", ";", ":", "(", ")", "и", "а", "но", "что"})


def _noun(low: str) -> bool:
    found = parses(low)
    return bool(found) and found[0].tag.POS in ("NOUN", "NPRO") and low not in ("себя",)


def _elected_object(toks: list[_Tok], person: _Person) -> bool:
    """A verb of appointment or election just before the name, in its clause: «избрали Ивана
    Петрова председателем», «назначил Петрова генеральным директором» (a verb: not
    «Назначенный в прошлом году Петров …», nor «Избиратели считают Петрова …»)."""
    before = toks[max(0, person.first - 4) : person.first]
    for tok in reversed(before):
        if tok.low in (",", "—", "–", ".", ";", ":"):
            return False
        if _ELECT.search(tok.low):
            return any(p.tag.POS in ("VERB", "INFN") for p in parses(tok.low)[:1])
    return False


# nominated, proposed or considered for a post, not appointed: «выдвинула Ивана Петрова на пост
# мэра», «рассмотрит кандидатуру Ивана Петрова на пост …», «предложили Петрова на должность …»
_NOMINATE = frozenset(
    {"выдвинуть", "выдвигать", "предложить", "предлагать", "рекомендовать", "рассмотреть"}
    | {"рассматривать", "кандидатура", "кандидат", "претендент", "обсуждать", "обсудить"}
)


def _nominated(toks: list[_Tok], person: _Person) -> bool:
    for tok in reversed(toks[max(0, person.first - 4) : person.first]):
        if tok.low in _CLAUSE_BREAK:
            return False
        if _lemma_in(tok, _NOMINATE):
            return True
    return False


def _by_verb(toks: list[_Tok], title: _Title, persons: list[_Person]) -> int | None:
    # «Петров назначен (на должность) генеральным директором»
    for p_index, person in enumerate(persons):
        if person.last < title.first:
            gap = toks[person.last + 1 : title.first]
            while gap and gap[-1].lemma in _TENSE_ADJECTIVES:
                gap = gap[:-1]  # «избрала Инфантино на пост нового президента»
            if tuple(t.low for t in gap) in _POST_PHRASES and not _nominated(toks, person):
                return p_index  # «назначил Ивана Петрова на должность генерального директора»
            if not gap and "ablt" in title.case and _elected_object(toks, person):
                return p_index  # «избрали Ивана Петрова председателем совета директоров»
            if _as_role(gap):
                return p_index  # «Петрова знают как эффективного менеджера»
            if 0 < len(gap) <= 6 and _clause(gap) and any(_APPOINT.search(t.low) for t in gap):
                if any(q.first > person.last and q.last < title.first for q in persons):
                    continue
                return p_index
        elif person.first > title.last:
            gap = toks[title.last + 1 : person.first]
            if (
                0 < len(gap) <= 4
                and _clause(gap)
                and any(_APPOINT.search(t.low) for t in gap)
                and ("nomn" in person.cases or not person.cases)
            ):
                return p_index
    return None


def _clause(gap: list[_Tok]) -> bool:
    return not any(t.low in (".", ";", "!", "?", ":", "«", "»", '"') for t in gap) and (
        sum(t.low == "," for t in gap) <= 2
    )


def _surname_key(name: PersonName) -> str:
    return (name.last_name or "").lower().replace("ё", "е")


def _surname_forms(word: str) -> tuple[str, ...]:
    """The nominatives a written surname can stand for, the written form first, then in
    pymorphy's order of likelihood (an ordered tuple: the first form an article knows wins, so
    the choice between two namesakes never depends on the hash seed)."""
    forms = {word.lower().replace("ё", "е"): None}
    for p in parses(word.lower()):
        if "Surn" in p.tag or p.tag.POS == "NOUN":
            forms[str(p.normal_form).replace("ё", "е")] = None
            femn = p.inflect({"nomn", "sing", "femn"})
            if femn is not None:
                forms[str(femn.word).replace("ё", "е")] = None
    return tuple(forms)


def _plain(word: str) -> str:
    return word.lower().replace("ё", "е")


def _as_written(name: PersonName, written: str) -> bool:
    """Whether the mention was written as its nominative (first name and surname unchanged)."""
    words = {_plain(w) for w in re.findall(r"[\w-]+", written)}
    parts = [_plain(name.last_name or ""), _plain(name.first_name or "")]
    return all(part in words and _looks_nominative(part) for part in parts)


_OBLIQUE_ENDING = re.compile(r"(у|ю|ом|ем|ой|ою|ого|его|ому|ему|ым|им)$")


def _looks_nominative(word: str) -> bool:
    """«Эмиром», «Пейджу» left as written are not nominatives; «Тевес», «Яровая» are."""
    last = word.split("-")[-1]
    if is_known(last):
        return any(p.tag.case == "nomn" for p in parses(last)[:2])
    return not _OBLIQUE_ENDING.search(last)


def _full_key(name: PersonName) -> tuple[str, str]:
    """First three letters of the first name and of the surname: the same across cases."""
    return _plain(name.first_name or "")[:3], _plain(name.last_name or "")[:3]


def _same_stem(nominative: str, other: str) -> bool:
    """«Тевес» / «Тевеса», «Яровая» / «Ярова»: the oblique form is the stem plus an ending."""
    a, b = _plain(nominative), _plain(other)
    if abs(len(a) - len(b)) > 2 or ("-" in a) != ("-" in b):
        return False  # «Хантсмен» is not «Хантсмен-старший»
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(3, min(len(a), len(b)) - 2)


class _Coreference:
    """Full names seen in an article, looked up by a surname alone.

    Names come from the tagged sentences; a surname not among them is looked for in the whole
    text as «Имя [Отчество] Фамилия» (sentences without a title word are not tagged).
    """

    def __init__(self, text: str = "") -> None:
        self._by_surname: dict[str, PersonName] = {}
        self._nominative: dict[tuple[str, str], PersonName] = {}
        self._text = text

    def add(self, name: PersonName, written: str = "") -> None:
        if name.first_name and name.first_name.endswith("."):
            return  # initials refer back; they are not a full name
        if name.last_name and name.first_name and _as_written(name, written):
            # written in the nominative: the form the article's other mentions go back to
            self._nominative.setdefault(_full_key(name), name)
        if name.last_name and (name.first_name or name.middle_name):
            self._by_surname.setdefault(_surname_key(name), name)
            masc = [str(p.normal_form) for p in parses(_surname_key(name)) if "Surn" in p.tag]
            for form in masc:
                self._by_surname.setdefault(form.replace("ё", "е"), name)

    def resolve(self, name: PersonName, text: str) -> PersonName:
        if name.last_name and name.first_name and name.first_name.endswith("."):
            # «Ю. И. Зайцева» → «Юрий Иванович Зайцев» when the initials agree
            for form in _surname_forms(name.last_name):
                found = self._by_surname.get(form)
                if found is not None and (found.first_name or "").startswith(name.first_name[0]):
                    return found
            return name
        if name.first_name and name.last_name:
            # «Карлоса Тевеса» when the article also writes «Карлос Тевес» (not a mention
            # written in the nominative itself, nor a woman's name for a man's)
            found = self._nominative.get(_full_key(name))
            if (
                found is not None
                and (found.gender == name.gender or None in (found.gender, name.gender))
                and not _as_written(name, text)
                and _same_stem(found.last_name or "", name.last_name)
            ):
                return found
            return name
        if not name.last_name or " " in text.strip():
            return name
        for form in _surname_forms(text.strip()):
            found = self._by_surname.get(form)
            if found is not None and None in (found.gender, name.gender):
                return self._nominative_of(found)
            if found is not None and found.gender == name.gender:
                return self._nominative_of(found)
        return self._search(name, text.strip())

    def _nominative_of(self, name: PersonName) -> PersonName:
        """The article's nominative mention of a full name, if any («Ларри Пейджу» → «Пейдж»)."""
        found = self._nominative.get(_full_key(name))
        if (
            found is not None
            and (found.gender == name.gender or None in (found.gender, name.gender))
            and _same_stem(found.last_name or "", name.last_name or "")
        ):
            return found
        return name

    def _search(self, name: PersonName, surname: str) -> PersonName:
        if len(surname) < 3 or not self._text:
            return name
        stem = re.escape(surname[:-1] if surname[-1].lower() in "аеиоуыяюй" else surname)
        pattern = re.compile(
            r"(?<![\w-])([А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+(?:вич|вна|чна|ична)[а-яё]{0,3})?)\s+("
            + stem
            + r"[а-яё]{0,4})(?![\w-])"
        )
        forms = {*_surname_forms(surname), _surname_key(name)}
        for match in pattern.finditer(self._text):
            candidate = parse_person(match.group(0))
            if not candidate.first_name or _surname_key(candidate) not in forms:
                continue
            if first_name_gender(candidate.first_name) is None:
                continue
            self._by_surname[_surname_key(name)] = candidate
            return candidate
        return name


_ORG_WINDOW = 40  # characters
# the news agency a sentence cites is not where its people work
# news agencies, at the start of a word («РИА Новости», «Коммерсанта»; not «Мемориал»)
_NEWS_AGENCY = re.compile(
    r"(?<!\w)(?:ТАСС|Интерфакс|INTERFAX|РИА|Reuters|Рейтер|Associated Press|AFP|Франс Пресс|BBC|"
    r"Би-би-си|CNN|Bloomberg|Блумберг|Коммерсант|Ведомост|РБК|Известия|Lenta|Лента)",
    re.IGNORECASE,
)
# the channels people speak through, seldom who they work for when the title does not name
# them («адвокат … написал в Twitter»): the whole name only («Интернет Решения» is a company)
_CHANNEL = re.compile(
    r"[«\"„]?(?:Twitter|Твиттер\w*|Instagram|Инстаграм\w*|Facebook|Фейсбук\w*|Telegram|"
    r"Телеграм\w*|YouTube|Ютуб\w*|ВКонтакте|Одноклассник\w*|TikTok|ТикТок\w*|WhatsApp|"
    r"Интернет\w*|X)[»\"“]?",
    re.IGNORECASE,
)


# A company's own bodies, named without the company: they appoint people, they don't employ
# them («Совет директоров утвердил Петрова в должности финансового директора»).
_BODY = re.compile(
    r"(совет\w* директоров|наблюдательн\w+ совет\w*|правлени\w+|(общ\w+ )?собрани\w+ "
    r"акционеров|акционер\w*|совет\w* акционеров)",
    re.IGNORECASE,
)


def _no_employer(name: str) -> bool:
    """A news agency or channel (the source, not the employer), or a bare company body."""
    name = name.strip()
    return bool(_NEWS_AGENCY.search(name) or _CHANNEL.fullmatch(name) or _BODY.fullmatch(name))


def _balanced(name: str) -> str:
    """«АО «Газпром нефть» (natasha leaves the closing quote out of a nested name)."""
    missing = name.count("«") - name.count("»")
    return name + "»" * missing if missing > 0 else name


def _org_for(
    title: _Title,
    sentence: Sentence,
    person: _Person,
    text: str,
    title_start: int,
    title_end: int,
) -> str | None:
    if title.orgs:
        return _balanced(title.orgs[-1].text)
    if title.quoted is not None:
        quoted = text[title.quoted[0] : title.quoted[1]]
        if quoted.islower() and " " not in quoted:
            # «вице-президент банка»: a bare generic noun — the bank the sentence names
            named = _nearest_org(sentence, [(title_start, title_end)], window=len(sentence.text))
            return named or quoted
        return quoted
    # «Иван Петров (ООО «Ромашка»)», «Петров из компании «Ромашка»»
    for entity in sentence.entities:
        if entity.kind == "ORG" and 0 <= entity.start - person.entity.end <= 3:
            return entity.text
    # else the nearest organisation of the sentence, if close to the title or the name —
    # unless the title itself says where («министр финансов России»)
    if title.last > title.head:
        return None
    spans = [(title_start, title_end), (person.entity.start, person.entity.end)]
    return _nearest_org(sentence, spans, window=_ORG_WINDOW)


def _nearest_org(sentence: Sentence, spans: list[tuple[int, int]], *, window: int) -> str | None:
    """The sentence's ORG closest to any of the spans (news agencies aside), within a window."""
    best: tuple[int, str] | None = None
    for entity in sentence.entities:
        if entity.kind != "ORG" or _no_employer(entity.text):
            continue
        gap = min(max(entity.start - end, start - entity.end) for start, end in spans)
        if 0 <= gap <= window and (best is None or gap < best[0]):
            best = (gap, _balanced(entity.text))
    return best[1] if best else None


@dataclass
class OrgCandidate:
    """A candidate organisation of an orgless pair (to train the org classifier on)."""

    features: dict[str, Any]
    person: tuple[int, int]  # characters of the person's mention
    title: tuple[int, int]  # characters of the title
    org: tuple[int, int]  # characters of the organisation
    surname: str  # the surname parsed from the person's mention, lower case


def _org_model() -> bool:
    from abmresearch.extract.orgs import load_org_model

    return load_org_model() is not None


def _org_by_model(
    toks: list[_Tok],
    title: _Title,
    person: _Person,
    titles: list[_Title],
    persons: list[_Person],
    sentence: Sentence,
    collect: list[OrgCandidate] | None,
) -> str | None:
    """The sentence's ORG the learned classifier attaches to a pair the rules left orgless."""
    from abmresearch.extract.orgs import load_org_model, org_features

    spans: list[tuple[Entity, tuple[int, int]]] = []
    for entity in sentence.entities:
        if entity.kind != "ORG" or _no_employer(entity.text):
            continue
        indices = [i for i, t in enumerate(toks) if t.entity is entity]
        if indices:
            spans.append((entity, (indices[0], indices[-1])))
    if not spans:
        return None
    rows = [
        org_features(
            toks,
            title,
            person,
            entity,
            span,
            titles=titles,
            persons=persons,
            orgs=spans,
            word_info=_word_info,
        )
        for entity, span in spans
    ]
    if collect is not None:
        t_chars = (toks[title.first].token.start, toks[title.last].token.end)
        p_chars = (person.entity.start, person.entity.end)
        surname = (person.name.last_name or "").lower().replace("ё", "е")
        for (entity, _), row in zip(spans, rows, strict=True):
            collect.append(
                OrgCandidate(row, p_chars, t_chars, (entity.start, entity.end), surname)
            )
        return None
    model = load_org_model()
    if model is None:
        return None
    scores = model.predict_proba(rows)
    best = max(range(len(rows)), key=scores.__getitem__)
    return _balanced(spans[best][0].text) if scores[best] >= model.threshold else None


def org_candidates(text: str) -> list[OrgCandidate]:
    """Every candidate organisation the org classifier would score in a text (to train on)."""
    from abmresearch.vocabulary import Vocabulary as _Vocabulary

    collect: list[OrgCandidate] = []
    _article_rows("", text, _Vocabulary(()), org_collect=collect)
    return collect


def _case_hint(cases: frozenset[str]) -> str | None:
    for case in ("gent", "datv", "ablt", "loct", "nomn", "accs"):
        if cases == frozenset({case}):
            return case
    return None


_WORD = re.compile(r"[А-Яа-яЁё-]+")


def _has_title_word(sentence: str) -> bool:
    return any(
        _maybe_head(word.lower()) or word.lower() + "." in _ABBREVIATED_HEADS
        for word in _WORD.findall(sentence)
    )


# «нач.», «зам.», «рук.»: abbreviations of a head noun
_ABBREVIATED_HEADS = {
    short: full
    for short, full in lx.ABBREVIATIONS.items()
    if short.endswith(".") and " " not in full and full in lx.HEAD_WORDS
}
_ALL_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct"})


def _model() -> bool:
    from abmresearch.extract.pairing import load_pair_model

    return load_pair_model() is not None


def _keyed(persons: list[_Person], coref: _Coreference) -> list[tuple[_Person, str]]:
    """Each person with the nominative surname key its mention refers to (coreference)."""
    return [(p, _surname_key(coref.resolve(p.name, p.entity.text))) for p in persons]


def _article_context(
    annotated: list[tuple[Sentence, list[_Tok], list[_Person]]], coref: _Coreference, text: str
) -> _Context:
    named = [_keyed(persons, coref) for _, _, persons in annotated]
    counts = Counter(key for row in named for _, key in row if key)
    first = next((key for row in named for _, key in row if key), None)
    starts = [sentence.start for sentence, _, _ in annotated]
    return _Context(named, counts, first, text, starts, coref)


def _article_rows(
    doc_id: str,
    text: str,
    vocabulary: Vocabulary,
    *,
    everyone: bool = False,
    collect: list[Candidate] | None = None,
    org_collect: list[OrgCandidate] | None = None,
) -> tuple[list[dict[str, Any]], list[tuple[PersonName, Entity]]]:
    text = cyrillic_lookalikes(text)  # same length: offsets stay valid
    sentences = analyse(text, keep=None if everyone else _has_title_word)
    sentences = [_free_titles(sentence) for sentence in sentences]
    coref = _Coreference(text)
    rows: list[dict[str, Any]] = []
    people: list[tuple[PersonName, Entity]] = []
    # first pass: full names of the article
    annotated: list[tuple[Sentence, list[_Tok], list[_Person]]] = []
    for sentence in sentences:
        toks = _annotate(sentence)
        persons = _persons(toks, sentence)
        for person in persons:
            coref.add(person.name, person.entity.text)
        annotated.append((sentence, toks, persons))
    pairing = collect is not None or (not everyone and _model())
    built: list[_Context] = []

    def context() -> _Context:  # built on first use: most articles never need it
        if not built:
            built.append(_article_context(annotated, coref, text))
        return built[0]

    identifiers = find_identifiers(text) if re.search(r"\d{10}|@|\+7|8[\s(]", text) else []
    previous: _Person | None = None  # the last person named before this sentence
    for number, (sentence, toks, persons) in enumerate(annotated):
        titles = _titles(toks)
        _pair(toks, titles, persons)
        _pair_pronoun(toks, titles, persons, previous, sentence, text)
        _pair_subject_title(toks, titles, persons, previous, sentence, text)
        for person in persons:
            people.append((coref.resolve(person.name, person.entity.text), person.entity))
        _pair_by_model(toks, titles, persons, context if pairing else None, number, collect)
        if collect is not None:
            continue
        named = [p for p in persons if p.first >= 0]
        if named:
            previous = max(named, key=lambda p: p.entity.start)
        pairs = [
            (paired, index)
            for paired in titles
            if paired.person is not None
            for index in [paired.person, *paired.extra]
        ]
        for title, p_index in pairs:
            person = persons[p_index]
            hint = (
                _case_hint(person.cases & title.case) if person.name.first_name is None else None
            )
            name = parse_person(person.entity.text, case=hint) if hint else person.name
            name = coref.resolve(name, person.entity.text)
            start, end = toks[title.first].token.start, toks[title.last].token.end
            surface = text[start:end]
            reading = _cached_read(surface, vocabulary)
            nearby = _nearby(identifiers, sentences, number, text)
            org = _org_for(title, sentence, person, text, start, end)
            if org is None and (org_collect is not None or _org_model()):
                org = _org_by_model(toks, title, person, titles, persons, sentence, org_collect)
            rows.append(
                {
                    "doc_id": doc_id,
                    "person": name.full or person.entity.text,
                    "last_name": name.last_name,
                    "first_name": name.first_name,
                    "middle_name": name.middle_name,
                    "gender": name.gender,
                    "position": surface,
                    "position_norm": reading.position_norm,
                    "role": reading.role,
                    "org": org,
                    "evidence": sentence.text,
                    "start": person.entity.start,
                    "end": person.entity.end,
                    "canonical": reading.canonical or None,
                    "level": reading.level,
                    "function": reading.function,
                    "position_start": start,
                    "position_end": end,
                }
                | nearby
            )
    return rows, people


_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


def _nearby(
    identifiers: list[Any], sentences: list[Sentence], number: int, text: str
) -> dict[str, Any]:
    out: dict[str, Any] = {"inn": None, "ogrn": None, "email": None, "phone": None}
    if not identifiers:
        return out
    # this sentence and what follows it up to the end of the next sentence
    start = sentences[number].start
    end = sentences[number].end
    for _ in range(2):
        found = _SENTENCE_END.search(text, end + 1)
        end = found.end() if found else len(text)
    for item in identifiers:
        if start <= item.start < end and out[item.kind] is None:
            out[item.kind] = item.value
    return out


def _articles(articles: pd.DataFrame) -> Iterable[tuple[str, str]]:
    ids = articles["id"] if "id" in articles.columns else pd.Series([""] * len(articles))
    texts = articles["text"] if "text" in articles.columns else pd.Series([""] * len(articles))
    for doc_id, text in zip(ids.tolist(), texts.tolist(), strict=True):
        yield str(doc_id), "" if text is None or text != text else str(text)


def extract_contacts(articles: pd.DataFrame, *, vocabulary: Vocabulary) -> pd.DataFrame:
    """Every person–position mention in the articles.

    Args:
        articles: columns ``id``, ``text`` (optional ``url``, ``date``, ``title`` are ignored
            here; join them back on ``doc_id``).
        vocabulary: the positions vocabulary (roles, canonical titles).

    Returns:
        One row per mention with the CONTRACTS §1 fields plus ``canonical``, ``level``,
        ``function``, ``position_start``/``position_end`` and ``inn``/``ogrn``/``email``/
        ``phone`` found in the sentence or the next one.
    """
    rows: list[dict[str, Any]] = []
    for doc_id, text in _articles(articles):
        if not text.strip():
            continue
        rows.extend(_article_rows(doc_id, text[:MAX_TEXT_CHARS], vocabulary)[0])
    return pd.DataFrame(rows, columns=list(CONTACT_COLUMNS))


def extract_people(text: str) -> list[tuple[PersonName, int, int]]:
    """Every PER mention of a text with its nominative name (coreference resolved).

    Returns:
        ``(name, start, end)`` per mention, in order.
    """
    from abmresearch.vocabulary import Vocabulary as _Vocabulary

    _, people = _article_rows("", text, _Vocabulary(()), everyone=True)
    return [(name, entity.start, entity.end) for name, entity in people]


def unknown_titles(contacts: pd.DataFrame, *, examples: int = 1) -> pd.DataFrame:
    """Titles seen in a run that the vocabulary does not know, to grow it.

    Args:
        contacts: the result of :func:`extract_contacts`.
        examples: how many example sentences to keep per title.

    Returns:
        Columns ``position_norm``, ``count``, ``role``, ``examples`` (sentences joined by
        `` | ``), most frequent first.
    """
    columns = ["position_norm", "count", "role", "examples"]
    if contacts.empty:
        return pd.DataFrame(columns=columns)
    unknown = contacts[contacts["canonical"].isna() | (contacts["canonical"] == "")]
    counts = Counter(unknown["position_norm"])
    rows = []
    for norm, count in counts.most_common():
        group = unknown[unknown["position_norm"] == norm]
        sentences = list(dict.fromkeys(group["evidence"]))[:examples]
        rows.append(
            {
                "position_norm": norm,
                "count": count,
                "role": group["role"].iloc[0],
                "examples": " | ".join(sentences),
            }
        )
    return pd.DataFrame(rows, columns=columns)
