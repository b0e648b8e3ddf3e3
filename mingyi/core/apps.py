from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mingyi.core"
    verbose_name = "站点"

    def ready(self) -> None:
        from mingyi.core import lookups  # noqa: F401  registers field__any
