from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mingyi.core"
    verbose_name = "站点"
