from django.contrib import admin

from mingyi.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is never edited, not even by an admin."""

    list_display = [
        "created_at",
        "actor_label",
        "action",
        "target_type",
        "target_id",
        "from_state",
        "to_state",
    ]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_label", "action"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
