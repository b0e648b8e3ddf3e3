from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "mingyi.ops"
    verbose_name = "运维"

    def ready(self) -> None:
        from django.contrib import admin

        # The admin's home page links to the operator page (/admin/operator/).
        admin.site.index_template = "ops/admin_index.html"
