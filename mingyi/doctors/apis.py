from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Path, Router, Schema
from pydantic import Field

from mingyi.core.errors import ErrorOut
from mingyi.doctors.models import Doctor
from mingyi.doctors.selectors import doctor_public_get

router = Router(tags=["doctors"])


class HospitalOut(Schema):
    name: str
    grade: str


class DoctorCardOut(Schema):
    """What every page shows of a verified doctor. Credential numbers are never public."""

    id: int
    name: str
    title: str
    department: str
    hospital: HospitalOut
    verified: bool
    verified_at: datetime | None
    is_example: bool
    url: str


class DoctorOut(DoctorCardOut):
    bio: str
    answer_count: int


def doctor_card(doctor: Doctor) -> dict:
    return {
        "id": doctor.pk,
        "name": doctor.name,
        "title": doctor.title,
        "department": doctor.department.name,
        "hospital": {"name": doctor.hospital.name, "grade": doctor.hospital.grade},
        "verified": doctor.is_verified,
        "verified_at": doctor.verified_at,
        "is_example": doctor.is_example,
        "url": doctor.get_absolute_url(),
    }


class DoctorPath(Schema):
    id: int = Field(..., ge=1, le=2**63 - 1)


@router.get(
    "/{id}",
    response={200: DoctorOut, frozenset({404, 422}): ErrorOut},
    summary="A verified doctor's public profile",
)
def doctors_get(request: HttpRequest, path: Path[DoctorPath]):
    doctor = doctor_public_get(pk=path.id)
    if doctor is None:
        raise Http404("医生不存在或未通过认证")
    return {**doctor_card(doctor), "bio": doctor.bio, "answer_count": doctor.answer_count}
