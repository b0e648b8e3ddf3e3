"""`mingyi` and `python -m mingyi`: the product's one entry point.

Each subcommand is a Django management command (serve, worker, import, index, …), so
`mingyi import x.jsonl` and `django-admin import x.jsonl` are the same thing.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    from mingyi.ops.malloc import malloc_arenas_limit
    from mingyi.ops.threads import math_threads_limit

    malloc_arenas_limit()  # first, while this process has one thread (see the function)
    math_threads_limit()  # before numpy loads
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingyi.config.django.base")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    execute_from_command_line(["mingyi", *args[1:]])
