from django.contrib import admin

from mingyi.questions.models import Answer, Question


class AnswerInline(admin.StackedInline):
    model = Answer
    extra = 0
    autocomplete_fields = ["doctor"]
    readonly_fields = ["reviewed_by", "reviewed_at", "created_at"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "department", "status", "published_at", "source"]
    list_filter = ["status", "source"]
    search_fields = ["title", "source_id"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["department", "canonical"]
    list_select_related = ["department"]
    inlines = [AnswerInline]
    show_full_result_count = False


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["question", "doctor", "status", "published_at", "reviewed_at"]
    list_filter = ["status"]
    autocomplete_fields = ["question", "doctor"]
    list_select_related = ["question", "doctor"]
    readonly_fields = ["reviewed_by", "reviewed_at", "created_at"]
    show_full_result_count = False
