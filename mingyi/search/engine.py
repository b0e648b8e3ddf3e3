"""The read side of search in a web process: the current generation's lexical index and
vector file, opened once and re-opened when the follower commits or a rebuild switches."""

import threading
from dataclasses import dataclass

from mingyi.search.lexical import LexicalReader
from mingyi.search.storage import lexical_path, state_file, state_read, vectors_path
from mingyi.search.vectors import VectorReader


@dataclass
class Engine:
    generation: int
    lexical: LexicalReader
    vectors: VectorReader


_lock = threading.Lock()
_engine: Engine | None = None
_state_mtime: float = -1.0


def _state_changed() -> bool:
    global _state_mtime
    try:
        mtime = state_file().stat().st_mtime
    except FileNotFoundError:
        return _engine is not None
    if mtime != _state_mtime:
        _state_mtime = mtime
        return True
    return False


def engine() -> Engine | None:
    """The current engine, or None when this machine has no index yet. Three stat()
    calls per search keep it current: a commit is visible to the next search."""
    global _engine
    with _lock:
        if _state_changed():
            state = state_read()
            if state is None:
                _engine = None
            elif _engine is None or _engine.generation != state.generation:
                _engine = Engine(
                    generation=state.generation,
                    lexical=LexicalReader(lexical_path(state.generation)),
                    vectors=VectorReader(vectors_path(state.generation)),
                )
        if _engine is not None:
            _engine.lexical.refresh()
            _engine.vectors.refresh()
        return _engine


def engine_reset() -> None:
    """Forget the open engine (tests that switch data directories)."""
    global _engine, _state_mtime
    with _lock:
        _engine, _state_mtime = None, -1.0
