import subprocess
import sys

import pytest

from mingyi.ops.malloc import malloc_arenas_limit

# Eight live threads allocate past Python's small-object allocator (objects over 512 bytes go
# to malloc); then glibc prints one "Arena N:" block per arena on stderr.
PROGRAM = """
import ctypes, sys, threading
from mingyi.ops.malloc import malloc_arenas_limit
if sys.argv[1] == "limited":
    assert malloc_arenas_limit(2)
together = threading.Barrier(8)
def work():
    together.wait()  # all eight alive at once: none can take over a finished one's arena
    kept = [bytes(4096) for _ in range(200)]
    together.wait()
threads = [threading.Thread(target=work) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
ctypes.CDLL("libc.so.6").malloc_stats()
"""


def arenas_used(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, mode], capture_output=True, text=True, check=True
    )
    return done.stderr.count("Arena ")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc only")
def test_threads_share_two_arenas_once_limited() -> None:
    assert arenas_used("default") > 2  # glibc's own choice: an arena per thread
    assert arenas_used("limited") <= 2


def test_the_limit_reports_success_on_glibc() -> None:
    assert malloc_arenas_limit(2) is True
