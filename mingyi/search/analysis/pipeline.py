"""The analysis pipeline: one explicit, ordered list of stages, used alike for the
documents we index and the queries readers type."""

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

QUERY_PIPELINE = [
    NormalizeWidthAndCase(),
    TraditionalToSimplified(),
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


def terms(text: str) -> list[str]:
    """The terms of a document's `text`, in order, as the index stores them."""
    return [token.text for token in analyze(text)]


def query_terms(text: str) -> list[str]:
    """The terms of a query: the same analysis as documents, without subword expansion."""
    return [token.text for token in analyze(text, QUERY_PIPELINE)]
