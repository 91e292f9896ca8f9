"""Load demo data: every app's `demo.seed(context)` in app order."""

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from openprm.demo.context import DEMO_PASSWORD, SIZES, DemoContext
from openprm.identity.models import User


class Command(BaseCommand):
    help = "Load demo data (small for a quick look, large for benchmarks)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument(
            "--if-empty", action="store_true", help="Only when there are no users yet."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and User.objects.exists():
            self.stdout.write("Demo data not loaded: the database already has users.")
            return
        context = DemoContext(size=options["size"])
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if app_config.name.startswith("openprm.") and find_spec(module_name):
                    import_module(module_name).seed(context)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded ({options['size']})."))
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for username, description in context.sign_ins:
            self.stdout.write(f"  {username:<16} {description}")
