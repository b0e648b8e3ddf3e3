from django.contrib import admin, messages

from mingyi.trending.models import TrendingBlock, TrendingPin, TrendingSnapshot
from mingyi.trending.services import trending_cache_clear, trending_refresh


class ClearsTrendingCache:
    """An editor's change shows on the next page view (this process at once)."""

    def save_model(self, request, obj, form, change):
        if not change and not obj.created_by_id:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        trending_cache_clear()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        trending_cache_clear()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        trending_cache_clear()


@admin.register(TrendingBlock)
class TrendingBlockAdmin(ClearsTrendingCache, admin.ModelAdmin):
    list_display = ["term", "reason", "created_by", "created_at"]
    search_fields = ["term", "reason"]
    readonly_fields = ["created_by", "created_at"]


@admin.register(TrendingPin)
class TrendingPinAdmin(ClearsTrendingCache, admin.ModelAdmin):
    list_display = ["term", "department", "position", "starts_at", "ends_at"]
    list_editable = ["position"]
    list_filter = ["department"]
    search_fields = ["term"]
    autocomplete_fields = ["department"]
    readonly_fields = ["created_by", "created_at"]


@admin.register(TrendingSnapshot)
class TrendingSnapshotAdmin(admin.ModelAdmin):
    list_display = ["scope", "shown", "computed_at"]
    readonly_fields = ["scope", "terms", "computed_at"]
    actions = ["refresh"]

    @admin.display(description="热门搜索")
    def shown(self, obj: TrendingSnapshot) -> str:
        return "、".join(entry["term"] for entry in obj.terms[:10]) or "—"

    @admin.action(description="立即重新计算热门搜索")
    def refresh(self, request, queryset):
        scopes = trending_refresh()
        self.message_user(request, f"已重新计算 {len(scopes)} 个范围", messages.SUCCESS)

    def has_add_permission(self, request) -> bool:
        return False
