from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "mingyi.demo"
    verbose_name = "演示内容"
