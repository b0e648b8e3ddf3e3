"""The roles of PRODUCT.md: asker (anyone, even anonymous), doctor (an account linked to
a verified Doctor), editor (the 编辑 group), admin (superuser). Checked in services and
the API, not only in templates."""

from django.contrib.auth.models import AnonymousUser, Group, Permission

EDITORS = "编辑"
EDITOR_PERMISSIONS = [
    ("questions", "review_answer"),
    ("doctors", "verify_doctor"),
    ("questions", "change_question"),
    ("questions", "view_question"),
    ("questions", "view_answer"),
    ("doctors", "view_doctor"),
    ("doctors", "view_doctorcredential"),
    ("audit", "view_auditevent"),
]


def roles_ensure(**kwargs) -> None:
    group, _ = Group.objects.get_or_create(name=EDITORS)
    for app_label, codename in EDITOR_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission:
            group.permissions.add(permission)


def is_editor(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("questions.review_answer"))


def can_verify_doctors(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("doctors.verify_doctor"))


def answering_doctor(user):
    """The user's Doctor if it may answer now (verified, not lapsed), else None."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return None
    doctor = getattr(user, "doctor", None)
    return doctor if doctor is not None and doctor.is_verified else None
