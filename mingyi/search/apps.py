from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "mingyi.search"
    verbose_name = "搜索"
