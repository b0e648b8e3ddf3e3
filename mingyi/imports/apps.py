from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "mingyi.imports"
    verbose_name = "导入"
