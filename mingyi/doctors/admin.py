from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from mingyi.doctors.models import CredentialDocument, Doctor, DoctorCredential, Hospital
from mingyi.doctors.services import credential_verify


@admin.register(Hospital)
class HospitalAdmin(admin.ModelAdmin):
    list_display = ["name", "grade", "city", "is_example"]
    list_filter = ["grade", "is_example"]
    search_fields = ["name", "city"]


@admin.register(Doctor)
class DoctorAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "title",
        "department",
        "hospital",
        "verification_status",
        "verified_at",
        "is_example",
    ]
    list_filter = ["verification_status", "title", "is_example"]
    search_fields = ["name", "hospital__name"]
    autocomplete_fields = ["department", "hospital"]
    # Verification changes only through the credential review (services, audit log).
    readonly_fields = [
        "verification_status",
        "verified_by",
        "verified_at",
        "verified_until",
        "created_at",
    ]


class CredentialDocumentInline(admin.TabularInline):
    model = CredentialDocument
    extra = 0
    readonly_fields = ["file", "uploaded_at"]


@admin.register(DoctorCredential)
class DoctorCredentialAdmin(admin.ModelAdmin):
    list_display = ["doctor", "title", "department", "hospital", "status", "submitted_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "reviewed_by", "reviewed_at", "reason", "submitted_at"]
    inlines = [CredentialDocumentInline]
    actions = ["verify"]

    @admin.action(description="通过所选资质的认证")
    def verify(self, request, queryset):
        for credential in queryset:
            try:
                credential_verify(user=request.user, credential=credential)
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, f"{credential}: {exc}", messages.ERROR)
