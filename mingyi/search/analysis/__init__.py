"""Chinese text analysis for search: normalize, simplify, segment, canonicalize."""

from mingyi.search.analysis.pipeline import (
    PIPELINE,
    QUERY_PIPELINE,
    analyze,
    analyze_matching,
    query_terms,
    terms,
)

__all__ = ["PIPELINE", "QUERY_PIPELINE", "analyze", "analyze_matching", "query_terms", "terms"]
