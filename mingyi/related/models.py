"""Related lists (derived data, recomputed by the worker) and duplicate clusters (an
editorial decision proposed by `mingyi dedupe`, kept in Question.canonical)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class RelatedMode(models.TextChoices):
    LEXICAL = "lexical", "仅词法"
    HYBRID = "hybrid", "词法+语义"


class RelatedList(models.Model):
    """The state of one question's related list: when it was computed, from what
    evidence, and whether a change in its neighbourhood asks for a new one."""

    Mode = RelatedMode

    question = models.OneToOneField(
        "questions.Question",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="related_list",
        verbose_name="问题",
    )
    mode = models.CharField("依据", max_length=8, choices=Mode.choices, default=Mode.LEXICAL)
    computed_at = models.DateTimeField("计算时间", null=True, blank=True)
    stale = models.BooleanField("待更新", default=True, db_index=True)
    # Set when the question itself changed (published, edited): once its new list is
    # computed, the lists of its new neighbours computed before this moment are refreshed.
    changed_at = models.DateTimeField("变更时间", null=True, blank=True)
    # Mean e5 cosine of the question to its 10 nearest neighbours (how crowded its
    # neighbourhood is); the related ranking discounts closeness to crowded questions.
    density = models.FloatField("邻域密度", null=True, blank=True)

    class Meta:
        verbose_name = "相关推荐列表"
        verbose_name_plural = "相关推荐列表"
        constraints = [
            models.CheckConstraint(
                condition=Q(mode__in=RelatedMode.values), name="related_list_mode_valid"
            )
        ]

    def __str__(self) -> str:
        return f"related of question {self.question_id}"


class RelatedItem(models.Model):
    """One entry of a question's related list, best first."""

    question = models.ForeignKey(
        "questions.Question", on_delete=models.CASCADE, related_name="related_items"
    )
    related = models.ForeignKey(
        "questions.Question", on_delete=models.CASCADE, related_name="related_to"
    )
    rank = models.PositiveSmallIntegerField("名次")
    score = models.FloatField("得分")

    class Meta:
        verbose_name = "相关推荐"
        verbose_name_plural = "相关推荐"
        ordering = ["question", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["question", "rank"], name="related_item_unique_rank"),
            models.CheckConstraint(
                condition=~Q(question=models.F("related")), name="related_item_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id} → {self.related_id} (#{self.rank})"


class ClusterStatus(models.TextChoices):
    PROPOSED = "proposed", "待确认"
    CONFIRMED = "confirmed", "已确认"


class DuplicateCluster(models.Model):
    """Questions that ask the same thing. The members are the canonical question and
    every question whose `canonical` points at it; this row adds the editorial state.
    `mingyi dedupe` proposes clusters and never changes a confirmed one. A confirmed
    cluster of one question records an editor's decision that it stands alone."""

    Status = ClusterStatus

    canonical = models.OneToOneField(
        "questions.Question",
        on_delete=models.CASCADE,
        related_name="duplicate_cluster",
        verbose_name="规范问题",
    )
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    score = models.FloatField("最低相似概率", default=0.0)
    size = models.PositiveIntegerField("问题数", default=1)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="确认人",
    )
    reviewed_at = models.DateTimeField("确认时间", null=True, blank=True)

    class Meta:
        verbose_name = "重复问题组"
        verbose_name_plural = "重复问题组"
        ordering = ["status", "-size", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ClusterStatus.values), name="duplicate_cluster_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="proposed") | Q(reviewed_at__isnull=False),
                name="duplicate_cluster_confirmed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.canonical} (+{self.size - 1})"
