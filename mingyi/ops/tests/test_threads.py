import os
import subprocess
import sys

import pytest

from mingyi.ops.threads import MATH_THREAD_VARIABLES

# numpy's OpenBLAS starts its threads when it loads: count the process's threads after a
# product, with and without the limit.
PROGRAM = """
import os, sys
if sys.argv[1] == "limited":
    from mingyi.ops.threads import math_threads_limit
    math_threads_limit()
import numpy
numpy.ones((512, 512)) @ numpy.ones(512)
print(len(os.listdir("/proc/self/task")))
"""


def threads_after_numpy(mode: str, **environment: str) -> int:
    env = {k: v for k, v in os.environ.items() if k not in MATH_THREAD_VARIABLES}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, mode],
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


needs_cores = pytest.mark.skipif(
    (os.cpu_count() or 1) < 2 or not os.path.isdir("/proc/self/task"),
    reason="OpenBLAS starts one thread per core: with one core there is nothing to limit",
)


@needs_cores
def test_numpy_runs_on_one_thread_once_limited() -> None:
    assert threads_after_numpy("default") > 1  # OpenBLAS's own choice: a thread per core
    assert threads_after_numpy("limited") == 1


@needs_cores
def test_an_operator_choice_in_the_environment_wins() -> None:
    assert threads_after_numpy("limited", OPENBLAS_NUM_THREADS="2") == 2


@needs_cores
def test_a_wsgi_server_process_computes_on_one_thread() -> None:
    # What gunicorn's workers (and any other WSGI server) load: the application module.
    program = (
        "import os, numpy\n"
        "from mingyi.config import wsgi\n"
        "numpy.ones((512, 512)) @ numpy.ones(512)\n"
        "print(len(os.listdir('/proc/self/task')))\n"
    )
    program_after_app = program.replace("import os, numpy", "import os").replace(
        "from mingyi.config import wsgi\n", "from mingyi.config import wsgi\nimport numpy\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in MATH_THREAD_VARIABLES}
    counts = [
        int(
            subprocess.run(
                [sys.executable, "-c", text], env=env, capture_output=True, text=True, check=True
            ).stdout
        )
        for text in (program, program_after_app)
    ]
    assert counts[0] > 1  # numpy loaded before the application: too late to limit
    assert counts[1] == 1
