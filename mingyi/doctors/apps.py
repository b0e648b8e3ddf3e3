from django.apps import AppConfig


class DoctorsConfig(AppConfig):
    name = "mingyi.doctors"
    verbose_name = "医生与医院"
