"""A learned linear map on e5 query vectors (data/adapter.npy, written by
bench/train_adapter.py from train pairs only).

The stored question vectors stay the model's own; only the query is mapped, so the
adapted cosine costs one 384×384 product per query and needs no re-indexing. The
ranking uses the adapted cosine as one more piece of evidence beside the raw cosine.
Without the file there is no adapted evidence and the ranking uses the rest.
"""

from functools import cache
from pathlib import Path

import numpy as np

ADAPTER_FILE = Path(__file__).with_name("data") / "adapter.npy"


@cache
def adapter_matrix() -> np.ndarray | None:
    """W (384×384, float32), stored as W − I in float16 (small entries keep precision)."""
    try:
        delta = np.load(ADAPTER_FILE)
    except FileNotFoundError:
        return None
    matrix = delta.astype(np.float32) + np.eye(delta.shape[0], dtype=np.float32)
    matrix.setflags(write=False)
    return matrix


def adapt_query(vector: np.ndarray, matrix: np.ndarray | None = None) -> np.ndarray | None:
    """W·q, normalized; None when no adapter is installed."""
    matrix = adapter_matrix() if matrix is None else matrix
    if matrix is None:
        return None
    mapped = matrix @ np.asarray(vector, dtype=np.float32)
    norm = float(np.linalg.norm(mapped))
    return mapped / norm if norm else mapped
