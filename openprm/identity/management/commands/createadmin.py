"""Create an administrator: a user holding the Administrator role."""

import getpass
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from openprm.core.actor import SYSTEM
from openprm.core.errors import DomainError
from openprm.identity.catalog import ADMINISTRATOR
from openprm.identity.models import Role
from openprm.identity.services import user_create


class Command(BaseCommand):
    help = "Create a user with the Administrator role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        try:
            user = user_create(
                actor=SYSTEM,
                username=options["username"],
                password=password,
                email=options["email"],
                roles=Role.objects.filter(code=ADMINISTRATOR),
                system=True,
            )
        except DomainError as error:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.field_errors.items())
            raise CommandError(f"{error.message} {details}".strip()) from None
        self.stdout.write(self.style.SUCCESS(f"Administrator {user.username} created."))
