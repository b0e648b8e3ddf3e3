"""The analysis pipeline: one explicit, ordered list of stages, used alike for the
documents we index and the queries readers type."""

from collections.abc import Iterable
from functools import cache

from mingyi.search.analysis import dictionary
from mingyi.search.analysis.stages import (
    ColloquialToCanonical,
    DropPunctuation,
    DropStopWords,
    ExpandSubwords,
    NormalizeWidthAndCase,
    Segment,
    TraditionalToSimplified,
)
from mingyi.search.analysis.tokens import Analysis, Token

# The text stages come first: what they leave is the text every token is cut from.
TEXT_STAGES = [NormalizeWidthAndCase(), TraditionalToSimplified()]
QUERY_PIPELINE = [
    *TEXT_STAGES,
    Segment(),
    DropPunctuation(),
    ColloquialToCanonical(),
    DropStopWords(),
]
# Documents also index the words inside longer words (人工流产 → 人工, 流产), so a query
# for 流产 finds 人工流产; queries are not expanded, so 玻尿酸 does not ask for 尿酸.
PIPELINE = [*QUERY_PIPELINE, ExpandSubwords()]

MAX_ANALYZED_CHARS = 20_000


def analyze(text: str, stages: list | None = None) -> list[Token]:
    analysis = Analysis.of((text or "")[:MAX_ANALYZED_CHARS])
    for stage in PIPELINE if stages is None else stages:
        analysis = stage.apply(analysis)
    return analysis.tokens or []


@cache
def _variants_by_fragment() -> dict[str, frozenset[str]]:
    """Every substring of a canonical word → the colloquial variants one of whose
    canonical words contains it (月 → 大姨妈, 月经 → 大姨妈 …): a few thousand keys."""
    index: dict[str, set[str]] = {}
    for variant, words in dictionary.synonyms().items():
        for word in words:
            for start in range(len(word)):
                for end in range(start + 1, len(word) + 1):
                    index.setdefault(word[start:end], set()).add(variant)
    return {fragment: frozenset(variants) for fragment, variants in index.items()}


def surface_forms(wanted: frozenset[str]) -> frozenset[str]:
    """Strings of which a normalized text must contain one for its analysis to yield a
    term in `wanted`: each term itself (a word, or a sub-word of a longer one) and every
    colloquial variant whose canonical words contain a term (大姨妈 for 月经)."""
    index = _variants_by_fragment()
    return frozenset(wanted).union(*(index.get(term, ()) for term in wanted))


def analyze_matching(text: str, wanted: Iterable[str]) -> list[Token]:
    """The document analysis of `text`, or [] when it cannot yield any term of `wanted`:
    after the text stages a substring test rules out most texts (a highlighted search
    result's answer often has none of the query's words), before segmentation, which is
    most of the cost."""
    forms = surface_forms(frozenset(wanted))
    analysis = Analysis.of((text or "")[:MAX_ANALYZED_CHARS])
    for stage in TEXT_STAGES:
        analysis = stage.apply(analysis)
    if not any(form in analysis.text for form in forms):
        return []
    for stage in PIPELINE[len(TEXT_STAGES) :]:
        analysis = stage.apply(analysis)
    return analysis.tokens or []


def terms(text: str) -> list[str]:
    """The terms of a document's `text`, in order, as the index stores them."""
    return [token.text for token in analyze(text)]


def query_terms(text: str) -> list[str]:
    """The terms of a query: the same analysis as documents, without subword expansion."""
    return [token.text for token in analyze(text, QUERY_PIPELINE)]
