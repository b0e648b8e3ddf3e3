from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mingyi.accounts.roles import EDITORS, roles_ensure
from mingyi.core.setup import database_prepare


class Command(BaseCommand):
    help = "Grant or revoke the editor role: mingyi role USERNAME --editor [--revoke]"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--editor", action="store_true", required=True)
        parser.add_argument("--revoke", action="store_true")

    def handle(self, *args, username: str, revoke: bool, **options) -> None:
        database_prepare()
        roles_ensure()
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户 {username}(先用 mingyi createsuperuser 或注册页面创建)")
        group = Group.objects.get(name=EDITORS)
        if revoke:
            user.groups.remove(group)
            self.stdout.write(f"{username} 不再是编辑")
        else:
            user.groups.add(group)
            self.stdout.write(self.style.SUCCESS(f"{username} 现在是编辑"))
