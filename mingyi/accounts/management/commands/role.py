from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mingyi.accounts.roles import editor_grant, editor_revoke
from mingyi.core.setup import database_prepare


class Command(BaseCommand):
    help = "Grant or revoke the editor role: mingyi role USERNAME --editor [--revoke]"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--editor", action="store_true", required=True)
        parser.add_argument("--revoke", action="store_true")

    def handle(self, *args, username: str, revoke: bool, **options) -> None:
        database_prepare()
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户 {username}(先用 mingyi createsuperuser 或注册页面创建)")
        if revoke:
            editor_revoke(user=user)
            self.stdout.write(f"{username} 不再是编辑")
        else:
            editor_grant(user=user)
            self.stdout.write(self.style.SUCCESS(f"{username} 现在是编辑(可进入管理后台)"))
