"""Load what the first search would otherwise wait for: dictionaries, the e5 model,
the suggester. Called once in each web worker after it starts."""

import logging

logger = logging.getLogger(__name__)


def search_warmup() -> None:
    from mingyi.search.analysis import query_terms
    from mingyi.search.engine import engine
    from mingyi.search.suggest import suggester
    from mingyi.search.vectors import embed_query

    try:
        query_terms("预热")
        embed_query("预热")
        engine()
        suggester()
    except Exception:  # a cold worker still serves; it just answers its first search slower
        logger.exception("search warm-up failed")
