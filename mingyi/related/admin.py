"""Editors' view of duplicate clusters: confirm, choose the canonical question, split
questions off, merge clusters. Every change goes through mingyi.related.clusters."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from mingyi.questions.models import Question
from mingyi.related.clusters import (
    cluster_canonical_set,
    cluster_confirm,
    cluster_for_question,
    cluster_merge,
    cluster_split,
)
from mingyi.related.duplicates import cluster_member_ids
from mingyi.related.models import DuplicateCluster

ERROR_UNKNOWN_IDS = "找不到这些问题编号:{ids}"


class ClusterForm(forms.ModelForm):
    canonical_choice = forms.ModelChoiceField(
        Question.objects.none(),
        label="规范问题",
        required=True,
        help_text="其他问题的 rel=canonical 指向它。",
    )
    split_off = forms.ModelMultipleChoiceField(
        Question.objects.none(),
        label="拆出",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="勾选的问题离开这个组,各自独立(编辑决定,查重不会再把它们并回)。",
    )
    merge_ids = forms.CharField(
        label="并入问题编号",
        required=False,
        help_text="以逗号分隔的问题编号:这些问题(连同它们所在的组)并入这个组。",
    )

    class Meta:
        model = DuplicateCluster
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        members = Question.objects.filter(
            pk__in=cluster_member_ids(canonical_id=self.instance.canonical_id)
        )
        self.fields["canonical_choice"].queryset = members
        self.fields["canonical_choice"].initial = self.instance.canonical_id
        self.fields["split_off"].queryset = members

    def clean_merge_ids(self) -> list[Question]:
        raw = self.cleaned_data.get("merge_ids", "")
        ids = [int(part) for part in raw.replace("，", ",").split(",") if part.strip().isdigit()]
        found = Question.objects.in_bulk(ids)
        missing = [pk for pk in ids if pk not in found]
        if missing:
            raise ValidationError(ERROR_UNKNOWN_IDS.format(ids=", ".join(map(str, missing))))
        return list(found.values())


@admin.register(DuplicateCluster)
class DuplicateClusterAdmin(admin.ModelAdmin):
    form = ClusterForm
    list_display = ["canonical", "size", "status", "score", "created_at", "reviewed_at"]
    list_filter = ["status"]
    search_fields = ["canonical__title"]
    list_select_related = ["canonical"]
    readonly_fields = [
        "members",
        "status",
        "score",
        "size",
        "created_at",
        "reviewed_by",
        "reviewed_at",
    ]
    fields = [
        "members",
        "canonical_choice",
        "split_off",
        "merge_ids",
        "status",
        "score",
        "size",
        "created_at",
        "reviewed_by",
        "reviewed_at",
    ]
    actions = ["confirm", "merge"]
    show_full_result_count = False

    def get_queryset(self, request):
        # Clusters of one are editors' "stands alone" decisions: kept, not listed.
        return super().get_queryset(request).filter(size__gt=1)

    @admin.display(description="问题")
    def members(self, obj: DuplicateCluster) -> str:
        ids = cluster_member_ids(canonical_id=obj.canonical_id)
        rows = Question.objects.in_bulk(ids)
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                '<li><a href="{}">#{} {}</a>{}</li>',
                (
                    (
                        reverse("admin:questions_question_change", args=[pk]),
                        pk,
                        rows[pk].title,
                        " (规范)" if pk == obj.canonical_id else "",
                    )
                    for pk in ids
                    if pk in rows
                ),
            ),
        )

    def has_add_permission(self, request) -> bool:
        return False  # clusters come from `mingyi dedupe` and from merges

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            if data["split_off"]:
                cluster_split(
                    cluster=obj, question_ids=[q.pk for q in data["split_off"]], user=request.user
                )
                obj.refresh_from_db()
            if data["merge_ids"]:
                others = [cluster_for_question(question=q) for q in data["merge_ids"]]
                obj = cluster_merge(clusters=[obj, *others], user=request.user)
            canonical = data["canonical_choice"]
            if (
                canonical
                and canonical.pk != obj.canonical_id
                and canonical.pk in cluster_member_ids(canonical_id=obj.canonical_id)
            ):
                cluster_canonical_set(cluster=obj, question=canonical, user=request.user)
            else:
                cluster_confirm(cluster=obj, user=request.user)
        except ValidationError as exc:
            self.message_user(request, "; ".join(exc.messages), messages.ERROR)

    def save_related(self, request, form, formsets, change) -> None:
        return None

    @admin.action(description="确认所选重复问题组")
    def confirm(self, request, queryset):
        for cluster in queryset:
            cluster_confirm(cluster=cluster, user=request.user)
        self.message_user(request, f"已确认 {queryset.count()} 个组", messages.SUCCESS)

    @admin.action(description="合并所选重复问题组")
    def merge(self, request, queryset):
        try:
            merged = cluster_merge(clusters=list(queryset), user=request.user)
        except ValidationError as exc:
            self.message_user(request, "; ".join(exc.messages), messages.ERROR)
            return
        self.message_user(request, f"已合并为:{merged.canonical}", messages.SUCCESS)
