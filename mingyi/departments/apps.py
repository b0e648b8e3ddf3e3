from django.apps import AppConfig


class DepartmentsConfig(AppConfig):
    name = "mingyi.departments"
    verbose_name = "科室"
