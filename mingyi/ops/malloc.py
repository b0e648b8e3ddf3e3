"""The C allocator of long-lived, threaded processes (web workers)."""

import ctypes
import logging

logger = logging.getLogger(__name__)

M_ARENA_MAX = -8  # glibc <malloc.h>


def malloc_arenas_limit(arenas: int = 2) -> bool:
    """Cap glibc's malloc arenas. glibc gives threads that meet at the allocator arenas of
    their own (up to eight per core), and memory freed into one arena is not reused by
    the others: a gunicorn worker's four threads then keep four partly empty heaps. Two
    arenas cost no measurable throughput and about 20 MB of resident memory less per
    web worker (bench/soak.py). Call it first thing, while the process has one thread:
    glibc fixes its arena limit once eight arenas exist, and arenas made before stay.
    A preforking server's workers inherit it from the master (`mingyi` calls it at
    start, deploy/gunicorn.conf.py in on_starting). False where the C library is not
    glibc; nothing changes there."""
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    done = mallopt(M_ARENA_MAX, arenas) == 1
    if not done:
        logger.warning("could not limit malloc arenas to %d", arenas)
    return done
