"""Load what the first search would otherwise wait for: dictionaries, the e5 model,
the suggestions. Called once in each web worker after it starts."""

import gc
import logging

logger = logging.getLogger(__name__)


def search_warmup() -> None:
    from mingyi.search.analysis import query_terms
    from mingyi.search.engine import engine
    from mingyi.search.suggest import suggester, suggestions_file
    from mingyi.search.vectors import embed_query

    try:
        query_terms("预热")
        embed_query("预热")
        engine()
        # Only the worker's file: building one here would import pypinyin into this
        # process for good. Without it the first suggestion request builds one.
        if suggestions_file().exists():
            suggester()
    except Exception:  # a cold worker still serves; it just answers its first search slower
        logger.exception("search warm-up failed")
    # What the worker has loaded now lives as long as it does: the collector's full
    # passes no longer walk it (one took 65 ms in a worker at 1M questions; 3 ms after).
    gc.freeze()
