"""Doctor verification: a doctor applies with credentials, an editor verifies or rejects
with a reason; verification lapses after MINGYI_VERIFICATION_MONTHS and must be renewed."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mingyi.accounts.roles import can_verify_doctors
from mingyi.audit.services import audit_record
from mingyi.departments.models import Department
from mingyi.doctors.models import CredentialDocument, Doctor, DoctorCredential, Hospital

ERROR_NOT_VERIFIER = "只有编辑可以审核医生资质。"
ERROR_REJECT_NEEDS_REASON = "驳回时请写明理由。"
ERROR_NOT_PENDING = "这份资质不在待审核状态。"
ERROR_CERTIFICATE = "证书编号应为 6–40 位字母或数字。"


def _certificate(value: str) -> str:
    value = (value or "").strip()
    if not (6 <= len(value) <= 40 and value.isalnum()):
        raise ValidationError(ERROR_CERTIFICATE)
    return value


@transaction.atomic
def doctor_apply(
    *,
    user,
    name: str,
    title: str,
    department: Department,
    hospital_name: str,
    hospital_grade: str,
    practising_certificate_no: str,
    qualification_certificate_no: str,
    documents=(),
) -> DoctorCredential:
    """Create (or update) the user's doctor profile and submit credentials for review."""
    hospital, _ = Hospital.objects.get_or_create(
        name=hospital_name.strip(), defaults={"grade": hospital_grade}
    )
    doctor = getattr(user, "doctor", None)
    if doctor is None:
        doctor = Doctor.objects.create(
            user=user, name=name.strip(), title=title, department=department, hospital=hospital
        )
    credential = DoctorCredential.objects.create(
        doctor=doctor,
        practising_certificate_no=_certificate(practising_certificate_no),
        qualification_certificate_no=_certificate(qualification_certificate_no),
        hospital=hospital,
        department=department,
        title=title,
    )
    for upload in documents:
        CredentialDocument.objects.create(credential=credential, file=upload)
    audit_record(
        actor=user, action="credential.submit", target=credential, to_state=credential.status
    )
    return credential


@transaction.atomic
def credential_verify(*, user, credential: DoctorCredential) -> Doctor:
    if not can_verify_doctors(user):
        raise PermissionDenied(ERROR_NOT_VERIFIER)
    if credential.status != DoctorCredential.Status.PENDING:
        raise ValidationError(ERROR_NOT_PENDING)
    now = timezone.now()
    credential.status, credential.reviewed_by, credential.reviewed_at = "verified", user, now
    credential.save()
    doctor = credential.doctor
    before = doctor.verification_status
    doctor.title, doctor.department, doctor.hospital = (
        credential.title,
        credential.department,
        credential.hospital,
    )
    doctor.verification_status = Doctor.Verification.VERIFIED
    doctor.verified_at, doctor.verified_by = now, user
    doctor.verified_until = now + timedelta(days=30 * settings.MINGYI_VERIFICATION_MONTHS)
    doctor.save()
    audit_record(
        actor=user,
        action="doctor.verify",
        target=doctor,
        from_state=before,
        to_state=doctor.verification_status,
        detail={"credential": credential.pk, "until": doctor.verified_until.isoformat()},
    )
    return doctor


@transaction.atomic
def credential_reject(*, user, credential: DoctorCredential, reason: str) -> DoctorCredential:
    if not can_verify_doctors(user):
        raise PermissionDenied(ERROR_NOT_VERIFIER)
    if credential.status != DoctorCredential.Status.PENDING:
        raise ValidationError(ERROR_NOT_PENDING)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(ERROR_REJECT_NEEDS_REASON)
    credential.status, credential.reason = "rejected", reason
    credential.reviewed_by, credential.reviewed_at = user, timezone.now()
    credential.save()
    doctor = credential.doctor
    if not doctor.is_verified:
        before = doctor.verification_status
        doctor.verification_status = Doctor.Verification.REJECTED
        doctor.save(update_fields=["verification_status"])
        audit_record(
            actor=user,
            action="doctor.reject",
            target=doctor,
            from_state=before,
            to_state=doctor.verification_status,
            detail={"reason": reason},
        )
    audit_record(
        actor=user,
        action="credential.reject",
        target=credential,
        from_state="pending",
        to_state="rejected",
        detail={"reason": reason},
    )
    return credential
