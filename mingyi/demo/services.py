"""The demo content: example doctors (marked 示例 everywhere) and questions written by
this project, loaded into an empty database by `mingyi serve`."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from mingyi.departments.services import department_resolve
from mingyi.doctors.models import Doctor, Hospital
from mingyi.imports.services import import_file
from mingyi.questions.models import Answer, Question

DATA_DIR = Path(__file__).with_name("data")
DOCTORS_FILE = DATA_DIR / "doctors.json"
QUESTIONS_FILE = DATA_DIR / "questions.jsonl"
DEMO_SOURCE = "demo"
DEMO_EDITOR = "demo-editor"


def _demo_editor():
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_EDITOR, defaults={"first_name": "示例编辑", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def demo_load() -> int:
    """Load (or refresh) the demo content; returns the number of demo questions."""
    editor = _demo_editor()
    verified_at = timezone.now()
    for entry in json.loads(DOCTORS_FILE.read_text(encoding="utf-8")):
        hospital, _ = Hospital.objects.update_or_create(
            name=entry["hospital"], defaults={"grade": entry["hospital_grade"], "is_example": True}
        )
        Doctor.objects.update_or_create(
            name=entry["name"],
            hospital=hospital,
            defaults={
                "title": entry["title"],
                "department": department_resolve(name=entry["department"]).department,
                "bio": entry["bio"],
                "is_example": True,
                "verification_status": Doctor.Verification.VERIFIED,
                "verified_at": verified_at,
                "verified_by": editor,
            },
        )
    import_file(path=QUESTIONS_FILE, format="jsonl", source=DEMO_SOURCE, strict=True)
    # Demo answers read as reviewed by the example editor on their publication day.
    Answer.objects.filter(question__source=DEMO_SOURCE, reviewed_at__isnull=True).update(
        reviewed_by=editor, reviewed_at=F("published_at")
    )
    return Question.objects.filter(source=DEMO_SOURCE).count()


def demo_load_if_empty() -> int:
    """Load the demo when there are no questions at all; returns how many were loaded."""
    if Question.objects.exists():
        return 0
    return demo_load()
