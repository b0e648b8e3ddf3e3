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
    # duplicate clusters: confirm, split and merge in the admin
    ("related", "view_duplicatecluster"),
    ("related", "change_duplicatecluster"),
    # 大家都在搜: pins, blocks, a refresh now
    *[
        ("trending", f"{verb}_{model}")
        for verb in ("view", "add", "change", "delete")
        for model in ("trendingpin", "trendingblock")
    ],
    ("trending", "view_trendingsnapshot"),
    ("trending", "change_trendingsnapshot"),
]


def roles_ensure(**kwargs) -> None:
    group, _ = Group.objects.get_or_create(name=EDITORS)
    for app_label, codename in EDITOR_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission:
            group.permissions.add(permission)


def editor_grant(*, user) -> None:
    """Editors work in the admin (clusters, trending picks), so they are staff; what
    they may do there is the group's permissions, not everything."""
    roles_ensure()
    user.groups.add(Group.objects.get(name=EDITORS))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


def editor_revoke(*, user) -> None:
    roles_ensure()
    user.groups.remove(Group.objects.get(name=EDITORS))
    if user.is_staff and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])


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
