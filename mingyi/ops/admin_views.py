from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mingyi.ops import selectors
from mingyi.ops.charts import bar_chart


def operator_page(request: HttpRequest) -> HttpResponse:
    """Staff only (wrapped in admin_view in the URLconf): the last 30 days at a glance."""
    context = {
        **admin.site.each_context(request),
        "title": "运行概况",
        "days": selectors.DAYS,
        "charts": [bar_chart(series) for series in selectors.operator_series()],
        "totals": selectors.operator_totals(),
        "zero_queries": selectors.zero_result_queries_top(),
    }
    return render(request, "ops/operator.html", context)
