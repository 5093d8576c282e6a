"""natasha adapter: text → sentences with tokens and PER / ORG / LOC spans (own dataclasses).

natasha's segmenter and slovnet NER model ship inside their PyPI packages (nothing is
downloaded). Its spans are converted at once into :class:`Entity`, its tokens into
:class:`Token`; nothing outside this module touches natasha objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Entity", "Sentence", "Token", "analyse"]


@dataclass(frozen=True)
class Token:
    """A token with character offsets into the text."""

    start: int
    end: int
    text: str


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
def _models() -> tuple[Any, Any]:
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def analyse(text: str) -> list[Sentence]:
    """Split a text into sentences and tag named entities.

    Args:
        text: an article.

    Returns:
        The sentences in order; offsets refer to ``text``.
    """
    from natasha import Doc

    segmenter, tagger = _models()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    entities = [Entity(s.start, s.stop, str(s.type), str(s.text)) for s in doc.spans]
    sentences = []
    for sent in doc.sents:
        tokens = tuple(Token(t.start, t.stop, t.text) for t in sent.tokens)
        inside = tuple(e for e in entities if e.start >= sent.start and e.end <= sent.stop)
        sentences.append(Sentence(sent.start, sent.stop, str(sent.text), tokens, inside))
    return sentences
