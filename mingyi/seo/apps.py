from django.apps import AppConfig


class SeoConfig(AppConfig):
    name = "mingyi.seo"
    verbose_name = "搜索引擎与结构化数据"
