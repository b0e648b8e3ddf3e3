from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mingyi.doctors.models import Doctor
from mingyi.doctors.services import (
    ERROR_REJECT_NEEDS_REASON,
    credential_reject,
    credential_verify,
    doctor_apply,
)
from tests import factories

pytestmark = pytest.mark.django_db


def apply(user=None):
    return doctor_apply(
        user=user or factories.user(),
        name="赵医生",
        title="主治医师",
        department=factories.department("皮肤科"),
        hospital_name="某市人民医院",
        hospital_grade="三甲",
        practising_certificate_no="110101199001011234",
        qualification_certificate_no="ZG20150001",
    )


def test_editor_verifies_and_verification_expires_after_the_period(settings):
    settings.MINGYI_VERIFICATION_MONTHS = 24
    credential = apply()
    doctor = credential_verify(user=factories.editor(), credential=credential)
    assert doctor.is_verified
    assert doctor.verified_until - timezone.now() > timedelta(days=700)
    Doctor.objects.filter(pk=doctor.pk).update(verified_until=timezone.now() - timedelta(seconds=1))
    doctor.refresh_from_db()
    assert not doctor.is_verified and doctor not in Doctor.objects.verified()


def test_rejection_needs_a_reason():
    credential = apply()
    with pytest.raises(ValidationError, match=ERROR_REJECT_NEEDS_REASON):
        credential_reject(user=factories.editor(), credential=credential, reason=" ")
    credential_reject(user=factories.editor(), credential=credential, reason="证书照片不清晰")
    credential.doctor.refresh_from_db()
    assert credential.doctor.verification_status == Doctor.Verification.REJECTED


def test_only_editors_verify():
    with pytest.raises(PermissionDenied):
        credential_verify(user=factories.user(), credential=apply())


def test_certificate_numbers_never_appear_publicly(client):
    credential = apply()
    doctor = credential_verify(user=factories.editor(), credential=credential)
    factories.question(answered_by=doctor)
    for url in (doctor.get_absolute_url(), f"/api/v1/doctors/{doctor.pk}"):
        shown = client.get(url).content.decode()
        assert "赵医生" in shown
        assert "110101199001011234" not in shown and "ZG20150001" not in shown
