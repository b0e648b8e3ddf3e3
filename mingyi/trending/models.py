"""大家都在搜: what editors decide (blocked and pinned terms) and what the periodic
refresh computed from the search log (one snapshot per scope, read by every page)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

GLOBAL_SCOPE = "global"


class TrendingBlock(models.Model):
    """A term that never trends, nor anything whose analysed form contains its words
    (blocking 代孕 also blocks 代孕 多少钱)."""

    term = models.CharField("词", max_length=64, unique=True)
    reason = models.CharField("原因", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="添加人",
    )
    created_at = models.DateTimeField("添加时间", default=timezone.now)

    class Meta:
        verbose_name = "屏蔽词"
        verbose_name_plural = "屏蔽词"
        ordering = ["term"]
        constraints = [models.CheckConstraint(condition=~Q(term=""), name="trending_block_term")]

    def __str__(self) -> str:
        return self.term


class TrendingPin(models.Model):
    """An editor's pick, shown before the computed terms (in a department, or everywhere
    when no department is given), between optional start and end times."""

    term = models.CharField("词", max_length=32)
    department = models.ForeignKey(
        "departments.Department",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="科室",
        help_text="留空则在所有页面显示。",
    )
    position = models.PositiveSmallIntegerField("顺序", default=0)
    starts_at = models.DateTimeField("开始时间", null=True, blank=True)
    ends_at = models.DateTimeField("结束时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="添加人",
    )
    created_at = models.DateTimeField("添加时间", default=timezone.now)

    class Meta:
        verbose_name = "置顶词"
        verbose_name_plural = "置顶词"
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(term=""), name="trending_pin_term"),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="trending_pin_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.term


class TrendingSnapshot(models.Model):
    """The computed terms of one scope ("global" or a top-level department's id), best
    first: [{"term", "normalized", "score", "sessions"}]."""

    scope = models.CharField("范围", max_length=32, unique=True)
    terms = models.JSONField("热门搜索", default=list)
    computed_at = models.DateTimeField("计算时间", default=timezone.now)

    class Meta:
        verbose_name = "热门搜索快照"
        verbose_name_plural = "热门搜索快照"

    def __str__(self) -> str:
        return f"{self.scope} @ {self.computed_at:%Y-%m-%d %H:%M}"
