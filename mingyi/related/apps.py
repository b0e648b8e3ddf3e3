from django.apps import AppConfig


class RelatedConfig(AppConfig):
    name = "mingyi.related"
    verbose_name = "相关推荐与重复问题"
