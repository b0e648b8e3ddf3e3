from django.apps import AppConfig


class TrendingConfig(AppConfig):
    name = "mingyi.trending"
    verbose_name = "大家都在搜"
