from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "mingyi.safety"
    verbose_name = "医疗安全"
