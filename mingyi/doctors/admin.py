from django.contrib import admin

from mingyi.doctors.models import Doctor, Hospital


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
    readonly_fields = ["verified_by", "verified_at", "created_at"]
