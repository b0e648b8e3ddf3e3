from django.contrib import admin
from django.urls import include, path

from mingyi.config.api import api
from mingyi.ops.admin_views import operator_page

urlpatterns = [
    path("admin/operator/", admin.site.admin_view(operator_page), name="ops-operator"),
    path("admin/", admin.site.urls),
    path("accounts/", include("mingyi.accounts.urls")),
    path("api/v1/", api.urls),
    path("", include("mingyi.core.urls")),
    path("", include("mingyi.seo.urls")),
    path("", include("mingyi.ops.urls")),
    path("", include("mingyi.questions.urls")),
    path("", include("mingyi.departments.urls")),
    path("", include("mingyi.doctors.urls")),
    path("", include("mingyi.search.urls")),
]

handler404 = "mingyi.core.views.page_not_found"
handler500 = "mingyi.core.views.server_error"
handler403 = "mingyi.core.views.permission_denied"
