from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "mingyi.accounts"
    verbose_name = "账号与角色"

    def ready(self) -> None:
        from mingyi.accounts.roles import roles_ensure

        # Permissions exist only after migrate; the editor group is set up right after.
        post_migrate.connect(roles_ensure, sender=self)
