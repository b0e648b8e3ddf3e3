from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from mingyi.departments.models import Department


class HospitalGrade(models.TextChoices):
    GRADE_3A = "三甲", "三级甲等"
    GRADE_3B = "三乙", "三级乙等"
    GRADE_3C = "三丙", "三级丙等"
    GRADE_2A = "二甲", "二级甲等"
    GRADE_2B = "二乙", "二级乙等"
    GRADE_2C = "二丙", "二级丙等"
    GRADE_1A = "一甲", "一级甲等"
    GRADE_1B = "一乙", "一级乙等"
    GRADE_1C = "一丙", "一级丙等"
    UNRATED = "未定级", "未定级"


class DoctorTitle(models.TextChoices):
    CHIEF = "主任医师"
    ASSOCIATE_CHIEF = "副主任医师"
    ATTENDING = "主治医师"
    RESIDENT = "住院医师"


class DoctorVerification(models.TextChoices):
    PENDING = "pending", "待认证"
    VERIFIED = "verified", "已认证"
    REJECTED = "rejected", "未通过"
    EXPIRED = "expired", "已过期"


class Hospital(models.Model):
    Grade = HospitalGrade

    name = models.CharField("名称", max_length=100, unique=True)
    grade = models.CharField("等级", max_length=8, choices=Grade.choices, default=Grade.UNRATED)
    city = models.CharField("城市", max_length=32, blank=True)
    is_example = models.BooleanField("示例", default=False)

    class Meta:
        verbose_name = "医院"
        verbose_name_plural = "医院"
        constraints = [
            models.CheckConstraint(
                condition=Q(grade__in=HospitalGrade.values), name="hospital_grade_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DoctorQuerySet(models.QuerySet):
    def verified(self) -> "DoctorQuerySet":
        return self.filter(verification_status=Doctor.Verification.VERIFIED)


class Doctor(models.Model):
    Title = DoctorTitle
    Verification = DoctorVerification

    name = models.CharField("姓名", max_length=32)
    title = models.CharField("职称", max_length=8, choices=Title.choices)
    department = models.ForeignKey(
        Department, verbose_name="科室", on_delete=models.PROTECT, related_name="doctors"
    )
    hospital = models.ForeignKey(
        Hospital, verbose_name="医院", on_delete=models.PROTECT, related_name="doctors"
    )
    bio = models.TextField("简介", blank=True)
    is_example = models.BooleanField("示例医生", default=False)
    verification_status = models.CharField(
        "认证状态", max_length=10, choices=Verification.choices, default=Verification.PENDING
    )
    verified_at = models.DateTimeField("认证时间", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="认证人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = DoctorQuerySet.as_manager()

    class Meta:
        verbose_name = "医生"
        verbose_name_plural = "医生"
        constraints = [
            models.CheckConstraint(
                condition=Q(title__in=DoctorTitle.values), name="doctor_title_valid"
            ),
            models.CheckConstraint(
                condition=Q(verification_status__in=DoctorVerification.values),
                name="doctor_verification_status_valid",
            ),
            # A verified doctor always carries the date of the verification.
            models.CheckConstraint(
                condition=~Q(verification_status="verified") | Q(verified_at__isnull=False),
                name="doctor_verified_has_date",
            ),
            models.UniqueConstraint(fields=["name", "hospital"], name="doctor_unique_per_hospital"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("doctors:detail", kwargs={"pk": self.pk})

    @property
    def is_verified(self) -> bool:
        return self.verification_status == self.Verification.VERIFIED
