from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from mingyi.core.links import reverse_remembered


class Department(models.Model):
    """A department in a two-level tree: 内科 > 心血管内科."""

    name = models.CharField("名称", max_length=32, unique=True)
    slug = models.SlugField("网址名", max_length=64, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级科室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "科室"
        verbose_name_plural = "科室"
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="department_not_its_own_parent"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="department_name_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} > {self.name}" if self.parent_id else self.name

    def get_absolute_url(self) -> str:
        # Printed on every question page (its crumbs) and in every department list.
        return reverse_remembered("departments:detail", slug=self.slug)

    def clean(self) -> None:
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": "科室只有两级:上级科室必须是一级科室。"})


class DepartmentAlias(models.Model):
    """Another name for a department (消化科 → 消化内科), used when importing archives."""

    name = models.CharField("别名", max_length=32, unique=True)
    department = models.ForeignKey(
        Department, verbose_name="科室", on_delete=models.CASCADE, related_name="aliases"
    )

    class Meta:
        verbose_name = "科室别名"
        verbose_name_plural = "科室别名"

    def __str__(self) -> str:
        return f"{self.name} → {self.department.name}"
