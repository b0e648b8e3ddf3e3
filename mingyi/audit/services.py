from django.db import models

from mingyi.audit.models import AuditEvent

SYSTEM = "系统"


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model,
    from_state: str = "",
    to_state: str = "",
    detail: dict | None = None,
) -> AuditEvent:
    """Record a state change; call inside the transaction of the change."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=actor.get_username() if authenticated else SYSTEM,
        action=action,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        from_state=from_state,
        to_state=to_state,
        detail=detail or {},
    )
