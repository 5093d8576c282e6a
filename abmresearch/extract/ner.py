"""natasha adapter: text → sentences with tokens and PER / ORG / LOC spans (own dataclasses).

natasha's segmenter and slovnet NER and morphology models ship inside their PyPI packages
(nothing is downloaded). Its spans are converted at once into :class:`Entity`, its tokens into
:class:`Token`; nothing outside this module touches natasha objects. The words around each
person's name are also morphologically tagged: the case a name has in its sentence («по словам
премьер-министра Молдавии Влада Филата»: genitive) is what tells «Влада» the man from «Влада»
the woman when the name's own endings cannot.

slovnet's model is numpy matrix products on batches of a few sentences: OpenBLAS spreading
such small products over threads spends most of its CPU time waiting on them, so tagging runs
with BLAS limited to one thread (three times less CPU time, the same spans).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from abmresearch.extract.people import one_person

__all__ = ["AGE", "Entity", "Sentence", "Token", "analyse"]


@dataclass(frozen=True)
class Token:
    """A token with character offsets into the text."""

    start: int
    end: int
    text: str
    # the case in context (pymorphy's «gent» …), tagged only around person names
    case: str | None = None


@dataclass(frozen=True)
class Entity:
    """A named entity: ``kind`` is ``PER``, ``ORG`` or ``LOC``."""

    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence with its tokens and the entities inside it."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]


@lru_cache(maxsize=1)
def _embedding() -> Any:
    from natasha import NewsEmbedding

    return NewsEmbedding()


@lru_cache(maxsize=1)
def _models() -> tuple[Any, Any]:
    from natasha import NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(_embedding())


@lru_cache(maxsize=1)
def _morph_model() -> Any:
    from natasha import NewsMorphTagger

    return NewsMorphTagger(_embedding())


_UD_CASES = {
    "Nom": "nomn",
    "Gen": "gent",
    "Dat": "datv",
    "Acc": "accs",
    "Ins": "ablt",
    "Loc": "loct",
}


def _cases(token_lists: list[list[str]]) -> list[list[str | None]]:
    """The contextual case of every token (pymorphy's names), by slovnet's morphology tagger."""
    if not token_lists:
        return []
    order = sorted(range(len(token_lists)), key=lambda i: len(token_lists[i]))
    with _blas().limit(limits=1, user_api="blas"):
        tagged = list(_morph_model().map([token_lists[i] for i in order]))
    out: list[list[str | None]] = [[] for _ in token_lists]
    for markup, index in zip(tagged, order, strict=True):
        out[index] = [_UD_CASES.get((t.feats or {}).get("Case", "")) for t in markup.tokens]
    return out


@lru_cache(maxsize=1)
def _blas() -> Any:
    """The process's BLAS thread pools (looked up once: the look-up walks loaded libraries)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


_ABBREVIATIONS = frozenset(
    [
        "гл",
        "зам",
        "нач",
        "ген",
        "вед",
        "ст",
        "зав",
        "пом",
        "дир",
        "рук",
        "пред",
        "исп",
        "тех",
        "фин",
        "ком",
    ]
)


@dataclass(frozen=True)
class _Span:
    start: int
    stop: int
    text: str


def _merge_abbreviations(sentences: Any) -> list[_Span]:
    """Undo razdel's splits after title abbreviations («Гл. инженер …», «пост «нач. участка»»)."""
    out: list[_Span] = []
    for sentence in sentences:
        if not sentence.text.strip():
            continue
        if out:
            previous = out[-1]
            words = previous.text.rstrip().rstrip(".").split()
            last = words[-1].lstrip('«"(').lower() if words else ""
            if previous.text.rstrip().endswith(".") and last in _ABBREVIATIONS:
                gap = " " * (sentence.start - previous.stop)
                out[-1] = _Span(previous.start, sentence.stop, previous.text + gap + sentence.text)
                continue
        out.append(_Span(sentence.start, sentence.stop, sentence.text))
    return out


_LINE_BREAK = re.compile(r"\s*\n\s*")


def _split_lines(spans: list[_Span]) -> list[_Span]:
    """Cut sentences at line breaks: a headline or a list line runs into the next line when it
    has no final stop («Тед Круз объявил …\n\nВ понедельник …»)."""
    out: list[_Span] = []
    for span in spans:
        if "\n" not in span.text:
            out.append(span)
            continue
        begin = 0
        for found in _LINE_BREAK.finditer(span.text):
            if found.start() > begin:
                out.append(
                    _Span(
                        span.start + begin,
                        span.start + found.start(),
                        span.text[begin : found.start()],
                    )
                )
            begin = found.end()
        if begin < len(span.text):
            out.append(_Span(span.start + begin, span.stop, span.text[begin:]))
    return out


# an age («45-летний»): the NER model sometimes tags one, and it names nothing (numbers stay:
# «36,6», «585», «7-Eleven» are companies); contacts also stops a title at one
AGE = re.compile(r"\d+-(?:лет|летн)\w*", re.IGNORECASE)


def analyse(
    text: str,
    *,
    keep: Callable[[str], bool] | None = None,
    within: Sequence[tuple[int, int]] | None = None,
) -> list[Sentence]:
    """Split a text into sentences and tag named entities.

    Args:
        text: an article.
        keep: only sentences for which it is true are tokenised and tagged (the NER model is
            the slowest step; sentences without a title word need none of it). ``None``: all.
        within: only the sentences that start in one of these character ranges
            ``[start, stop)``. ``None``: anywhere.

    Returns:
        The sentences kept, in order; offsets refer to ``text``.
    """
    from razdel import sentenize, tokenize

    _, tagger = _models()
    chosen = [
        s
        for s in _split_lines(_merge_abbreviations(sentenize(text)))
        if (keep is None or keep(s.text))
        and (within is None or any(low <= s.start < high for low, high in within))
    ]
    sentences = []
    # tag in order of length (less padding inside slovnet's batches), then restore the order
    order = sorted(range(len(chosen)), key=lambda i: len(chosen[i].text))
    tagged: list[Any] = []
    if chosen:
        with _blas().limit(limits=1, user_api="blas"):
            tagged = list(tagger.map([chosen[i].text for i in order]))
    markups: list[Any] = [None] * len(chosen)
    for position, index in enumerate(order):
        markups[index] = tagged[position]
    words: list[list[Any]] = []
    for sent, markup in zip(chosen, markups, strict=True):
        base = sent.start
        entities = tuple(
            Entity(
                base + span.start,
                base + span.stop,
                str(span.type),
                sent.text[span.start : span.stop],
            )
            for span in markup.spans
            if not AGE.fullmatch(sent.text[span.start : span.stop])
        )
        entities = _join_split_names(entities, text)
        words.append(list(tokenize(sent.text)))
        sentences.append(Sentence(base, sent.stop, str(sent.text), (), entities))
    windows = [
        (i, window)
        for i, sentence in enumerate(sentences)
        for window in _name_windows(sentence, words[i])
    ]
    tagged_cases = _cases([[t.text for t in words[i][a:b]] for i, (a, b) in windows])
    cases: dict[int, list[str | None]] = {}
    for (i, (a, _)), found in zip(windows, tagged_cases, strict=True):
        filled = cases.setdefault(i, [None] * len(words[i]))
        filled[a : a + len(found)] = found
    for i, sentence in enumerate(sentences):
        base = sentence.start
        own = cases.get(i)
        tokens = tuple(
            Token(base + t.start, base + t.stop, t.text, own[k] if own else None)
            for k, t in enumerate(words[i])
        )
        sentences[i] = replace(sentence, tokens=tokens)
    return sentences


_BEFORE_NAME = 6  # tokens of context the tagger reads before a name («по словам директора …»)
_AFTER_NAME = 3


def _name_windows(sentence: Sentence, words: list[Any]) -> list[tuple[int, int]]:
    """Token ranges around the sentence's PER spans (merged where they meet): the tagger reads
    a name's case from its neighbours, and tagging these costs less than whole sentences."""
    spans: list[tuple[int, int]] = []
    base = sentence.start
    for entity in sentence.entities:
        if entity.kind != "PER":
            continue
        inside = [
            k
            for k, t in enumerate(words)
            if entity.start <= base + t.start and base + t.stop <= entity.end
        ]
        if inside:
            low = max(0, inside[0] - _BEFORE_NAME)
            high = min(len(words), inside[-1] + 1 + _AFTER_NAME)
            if spans and low <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], high))
            else:
                spans.append((low, high))
    return spans


def _join_split_names(entities: tuple[Entity, ...], text: str) -> tuple[Entity, ...]:
    """Two PER spans with only a space between them that make one ФИО («Соколова | Ивана
    Петровича», «Ольгу Юрьевну | Лебедеву») become one span."""
    out: list[Entity] = []
    for entity in entities:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.kind == entity.kind == "PER"
            and text[previous.end : entity.start].isspace()
            and one_person(previous.text, entity.text)
        ):
            out[-1] = Entity(previous.start, entity.end, "PER", text[previous.start : entity.end])
            continue
        out.append(entity)
    return tuple(out)
