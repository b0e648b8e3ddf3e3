"""Periodic shares of the worker loop without a scheduler: a task is due when the newest
row it writes is older than its period, so any worker of any machine may run it —
whoever finds it due first."""

import time
from collections.abc import Callable
from datetime import timedelta

from django.db.models import Max, Model
from django.utils import timezone


class Periodic:
    def __init__(
        self,
        *,
        model: type[Model],
        field: str,
        every: timedelta,
        action: Callable[[], object],
        look_every: float = 30.0,
    ) -> None:
        self.model, self.field, self.every, self.action = model, field, every, action
        self.look_every = look_every  # seconds between looks at the newest row's age
        self.next_look = 0.0

    def tick(self) -> bool:
        """Run the action if it is due; True if it ran."""
        if time.monotonic() < self.next_look:
            return False
        self.next_look = time.monotonic() + self.look_every
        last = self.model.objects.aggregate(last=Max(self.field))["last"]
        if last is not None and timezone.now() - last < self.every:
            return False
        self.action()
        return True
