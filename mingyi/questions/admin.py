from django.contrib import admin

from mingyi.questions.models import Answer, Question
from mingyi.search.services import search_outbox_record


class FollowedBySearch:
    """Admin edits reach the search index like every other change: an outbox row in the
    same transaction (the admin wraps each change in one)."""

    @staticmethod
    def question_ids(objects) -> list[int]:
        return [getattr(obj, "question_id", None) or obj.pk for obj in objects]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        search_outbox_record(question_ids=self.question_ids([obj]))

    def delete_model(self, request, obj):
        search_outbox_record(question_ids=self.question_ids([obj]))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        search_outbox_record(question_ids=self.question_ids(queryset))
        super().delete_queryset(request, queryset)


class AnswerInline(admin.StackedInline):
    model = Answer
    extra = 0
    autocomplete_fields = ["doctor"]
    readonly_fields = ["reviewed_by", "reviewed_at", "created_at"]


@admin.register(Question)
class QuestionAdmin(FollowedBySearch, admin.ModelAdmin):
    list_display = ["title", "department", "status", "published_at", "source"]
    list_filter = ["status", "source"]
    search_fields = ["title", "source_id"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["department", "canonical"]
    list_select_related = ["department"]
    inlines = [AnswerInline]
    show_full_result_count = False


@admin.register(Answer)
class AnswerAdmin(FollowedBySearch, admin.ModelAdmin):
    list_display = ["question", "doctor", "status", "published_at", "reviewed_at"]
    list_filter = ["status"]
    autocomplete_fields = ["question", "doctor"]
    list_select_related = ["question", "doctor"]
    readonly_fields = ["reviewed_by", "reviewed_at", "created_at"]
    show_full_result_count = False
