import pytest
from django.db import IntegrityError

from mingyi.doctors.models import Doctor, Hospital
from tests import factories

pytestmark = pytest.mark.django_db


def test_database_refuses_a_verified_doctor_without_a_verification_date():
    doctor = factories.doctor(verified=False)
    with pytest.raises(IntegrityError):
        Doctor.objects.filter(pk=doctor.pk).update(verification_status="verified")


def test_database_refuses_a_title_outside_the_enumeration():
    doctor = factories.doctor()
    with pytest.raises(IntegrityError):
        Doctor.objects.filter(pk=doctor.pk).update(title="神医")


def test_database_refuses_an_unknown_hospital_grade():
    with pytest.raises(IntegrityError):
        Hospital.objects.create(name="某医院", grade="五星")
