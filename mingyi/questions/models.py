from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from mingyi.departments.models import Department
from mingyi.doctors.models import Doctor


class QuestionStatus(models.TextChoices):
    MODERATION = "moderation", "待审核"
    OPEN = "open", "待回答"
    PUBLISHED = "published", "已发布"
    HIDDEN = "hidden", "已下线"


class AnswerStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    RETURNED = "returned", "已退回"
    PUBLISHED = "published", "已发布"


class QuestionQuerySet(models.QuerySet):
    def published(self) -> "QuestionQuerySet":
        return self.filter(status=Question.Status.PUBLISHED)


class Question(models.Model):
    Status = QuestionStatus

    title = models.CharField("标题", max_length=200)
    body = models.TextField("提问原文", blank=True)
    department = models.ForeignKey(
        Department, verbose_name="科室", on_delete=models.PROTECT, related_name="questions"
    )
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField("提问时间", default=timezone.now)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    canonical = models.ForeignKey(
        "self",
        verbose_name="规范问题",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        help_text="同一问题的其他问法指向这里。",
    )
    source = models.CharField("来源", max_length=32, default="mingyi")
    source_id = models.CharField("来源编号", max_length=128, blank=True)
    # Asked on this site: who asked (never shown), the private link to follow it, what
    # triage and the spam filter said. The asker's original words are never stored:
    # `body` is the redacted text.
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提问者",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    private_token = models.CharField("私密链接令牌", max_length=32, blank=True, db_index=True)
    triage_level = models.CharField("分诊级别", max_length=10, blank=True)
    moderation_reasons = models.CharField("审核原因", max_length=200, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = "问题"
        verbose_name_plural = "问题"
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="question_status_published"),
            models.Index(
                fields=["department", "status", "-published_at"], name="question_dept_published"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=QuestionStatus.values), name="question_status_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="question_title_not_empty"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="question_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(canonical=F("id")), name="question_not_its_own_canonical"
            ),
            # Imports are idempotent by (source, source_id).
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~Q(source_id=""),
                name="question_unique_source_id",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("questions:detail", kwargs={"pk": self.pk})


class Answer(models.Model):
    Status = AnswerStatus

    question = models.ForeignKey(
        Question, verbose_name="问题", on_delete=models.CASCADE, related_name="answers"
    )
    # Archives often carry answers without a known doctor; such answers are shown
    # without a doctor card, never under an unverified name.
    doctor = models.ForeignKey(
        Doctor,
        verbose_name="医生",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
    )
    body = models.TextField("回答")
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    review_comment = models.TextField("审核意见", blank=True)
    compliance_flags = models.JSONField("合规提示", default=list, blank=True)

    class Meta:
        verbose_name = "回答"
        verbose_name_plural = "回答"
        ordering = ["published_at", "id"]
        permissions = [("review_answer", "Can review and publish answers")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AnswerStatus.values), name="answer_status_valid"
            ),
            models.CheckConstraint(condition=~Q(body=""), name="answer_body_not_empty"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="answer_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True) | Q(reviewed_at__isnull=False),
                name="answer_reviewer_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question.title} — {self.doctor or '未署名'}"
