from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "mingyi.ops"
    verbose_name = "运维"
