from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mingyi.audit"
    verbose_name = "审计日志"
