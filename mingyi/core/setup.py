"""What every command does first: bring a fresh or old database up to date."""

from django.core.management import call_command


def database_prepare() -> None:
    """Apply pending migrations quietly; every command works on an empty database."""
    call_command("migrate", interactive=False, verbosity=0)
