"""Load demo data: every app's `demo.seed(context)` in app order; or, with
`--users`, list the demo sign-ins again."""

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from openprm.demo.context import DEMO_PASSWORD, SIZES, DemoContext
from openprm.identity.models import User


def demo_modules() -> Iterator[ModuleType]:
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.demo"
        if app_config.name.startswith("openprm.") and find_spec(module_name):
            yield import_module(module_name)


class Command(BaseCommand):
    help = (
        "Load demo data (small for a quick look, large for benchmarks); "
        "--users lists the demo sign-ins again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument(
            "--if-empty", action="store_true", help="Only when there are no users yet."
        )
        parser.add_argument(
            "--users",
            action="store_true",
            help="List the demo sign-ins of this database and load nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["users"]:
            self.list_sign_ins()
            return
        if options["if_empty"] and User.objects.exists():
            self.stdout.write("Demo data not loaded: the database already has users.")
            self.list_sign_ins()
            return
        context = DemoContext(size=options["size"])
        with transaction.atomic():
            for module in demo_modules():
                module.seed(context)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded ({options['size']})."))
        self.write_sign_ins(context.sign_ins)

    def list_sign_ins(self) -> None:
        """The demo sign-ins whose users exist and are active here; the
        seeders name them (`sign_ins()`), so the list needs no loading."""
        declared = [
            sign_in
            for module in demo_modules()
            if hasattr(module, "sign_ins")
            for sign_in in module.sign_ins()
        ]
        active = set(
            User.objects.filter(
                username__in=[username for username, _ in declared], is_active=True
            ).values_list("username", flat=True)
        )
        found = [(name, description) for name, description in declared if name in active]
        if not found:
            self.stdout.write("No demo sign-ins in this database: load them with `openprm demo`.")
            return
        self.write_sign_ins(found)

    def write_sign_ins(self, sign_ins: list[tuple[str, str]]) -> None:
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for username, description in sign_ins:
            self.stdout.write(f"  {username:<16} {description}")
        self.stdout.write("List them again with: openprm demo --users")
