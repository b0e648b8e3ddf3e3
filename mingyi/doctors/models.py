from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

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
        """Verified and not lapsed: the only doctors shown as answerers or allowed to answer."""
        current = Q(verified_until__isnull=True) | Q(verified_until__gt=timezone.now())
        return self.filter(current, verification_status=Doctor.Verification.VERIFIED)


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
    # Verification lapses: after this moment the doctor must renew to answer again.
    verified_until = models.DateTimeField("认证有效期至", null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="doctor",
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
        """Verified and not lapsed (see DoctorQuerySet.verified)."""
        lapsed = self.verified_until is not None and self.verified_until <= timezone.now()
        return self.verification_status == self.Verification.VERIFIED and not lapsed


class CredentialStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    VERIFIED = "verified", "已认证"
    REJECTED = "rejected", "已驳回"


def credential_upload_path(instance: "CredentialDocument", filename: str) -> str:
    return f"credentials/{instance.credential.doctor_id}/{filename}"


class DoctorCredential(models.Model):
    """What a doctor submits to be verified. Certificate numbers are for editors only and
    never appear on a public page or in the public API."""

    Status = CredentialStatus

    doctor = models.ForeignKey(
        Doctor, verbose_name="医生", on_delete=models.CASCADE, related_name="credentials"
    )
    practising_certificate_no = models.CharField("执业证书编号", max_length=40)
    qualification_certificate_no = models.CharField("资格证书编号", max_length=40)
    hospital = models.ForeignKey(Hospital, verbose_name="执业医院", on_delete=models.PROTECT)
    department = models.ForeignKey(Department, verbose_name="科室", on_delete=models.PROTECT)
    title = models.CharField("职称", max_length=8, choices=DoctorTitle.choices)
    status = models.CharField(
        "状态", max_length=10, choices=CredentialStatus.choices, default=CredentialStatus.PENDING
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reason = models.TextField("驳回理由", blank=True)

    class Meta:
        verbose_name = "医生资质"
        verbose_name_plural = "医生资质"
        ordering = ["-submitted_at"]
        permissions = [("verify_doctor", "Can verify doctors' credentials")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CredentialStatus.values), name="credential_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""),
                name="credential_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.doctor.name} 资质({self.get_status_display()})"


class CredentialDocument(models.Model):
    credential = models.ForeignKey(
        DoctorCredential, verbose_name="资质", on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField("文件", upload_to=credential_upload_path)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "资质文件"
        verbose_name_plural = "资质文件"

    def __str__(self) -> str:
        return self.file.name
