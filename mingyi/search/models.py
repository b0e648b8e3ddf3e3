from django.db import models
from django.utils import timezone


class SearchOutbox(models.Model):
    """One change to a question that derived data must follow (search index, vectors).

    Written in the same transaction as the change, so a change is never committed
    without it; each machine's index writer follows these rows by id. No foreign key:
    the row of a deleted question must outlive it, to delete it from the index.
    """

    question_id = models.BigIntegerField("问题", db_index=True)
    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "索引变更"
        verbose_name_plural = "索引变更"

    def __str__(self) -> str:
        return f"#{self.pk} question {self.question_id}"


class QuestionVector(models.Model):
    """The semantic vector of a question, durable in the database; the nearest-neighbour
    index on each machine is derived from these rows."""

    question = models.OneToOneField(
        "questions.Question", primary_key=True, on_delete=models.CASCADE, related_name="vector"
    )
    model = models.CharField("模型", max_length=64)
    # float32 little-endian, normalized.
    vector = models.BinaryField("向量")
    text_hash = models.CharField("文本摘要", max_length=40)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "问题向量"
        verbose_name_plural = "问题向量"

    def __str__(self) -> str:
        return f"vector of question {self.question_id}"


class SearchLog(models.Model):
    """One search as trending needs it: no IP, no user id, only an anonymous session token."""

    query = models.CharField("查询", max_length=200)
    normalized = models.CharField("规范化查询", max_length=200, db_index=True)
    department_id = models.BigIntegerField("科室", null=True, blank=True)
    result_count = models.PositiveIntegerField("结果数")
    took_ms = models.FloatField("耗时(毫秒)")
    session = models.CharField("匿名会话", max_length=32, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "搜索记录"
        verbose_name_plural = "搜索记录"
        indexes = [models.Index(fields=["normalized", "created_at"], name="searchlog_term_time")]

    def __str__(self) -> str:
        return self.query
