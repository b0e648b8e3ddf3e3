from django.db import models


class QueueSample(models.Model):
    """The search outbox backlog at one moment, taken by the worker every few minutes:
    the queue-depth-over-time chart of the operator page (the outbox itself only knows
    its current depth)."""

    taken_at = models.DateTimeField(db_index=True)
    backlog = models.PositiveIntegerField()

    class Meta:
        verbose_name = "队列积压采样"
        verbose_name_plural = "队列积压采样"
        ordering = ["-taken_at"]

    def __str__(self) -> str:
        return f"{self.taken_at:%Y-%m-%d %H:%M} {self.backlog}"
