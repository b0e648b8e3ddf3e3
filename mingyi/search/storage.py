"""Where a machine keeps its derived search data, and which generation is current.

DATA_DIR/search/state.json names the current generation and how far into the outbox
it has followed; each generation has its own lexical index folder and vector file, so
a rebuild writes a new generation beside the old and switches in one rename.
"""

import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class IndexState:
    generation: int
    cursor: int  # the last outbox id applied to this generation


def search_dir() -> Path:
    path = Path(settings.DATA_DIR) / "search"
    path.mkdir(parents=True, exist_ok=True)
    return path


def state_file() -> Path:
    return search_dir() / "state.json"


def state_read() -> IndexState | None:
    try:
        return IndexState(**json.loads(state_file().read_text()))
    except (FileNotFoundError, ValueError, TypeError):
        return None


def write_atomically(path: Path, data: bytes) -> None:
    """A reader of `path` sees the old content or the new, never half of either."""
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def state_write(state: IndexState) -> None:
    write_atomically(state_file(), json.dumps(asdict(state)).encode())


def lexical_path(generation: int) -> Path:
    return search_dir() / f"lexical-{generation}"


def vectors_path(generation: int) -> Path:
    return search_dir() / f"vectors-{generation}.usearch"


def generations_prune(keep: int) -> None:
    """Remove the folders of generations other than `keep` (open readers keep their files)."""
    for path in search_dir().glob("lexical-*"):
        if path.name != lexical_path(keep).name:
            shutil.rmtree(path, ignore_errors=True)
    for path in search_dir().glob("vectors-*.usearch*"):
        if not path.name.startswith(vectors_path(keep).name):
            path.unlink(missing_ok=True)
