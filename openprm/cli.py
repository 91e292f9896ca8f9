"""The `openprm` command: Django's management commands under one name.

`openprm serve`, `openprm migrate`, `openprm demo --size small|large`,
`openprm demo --users` (the demo sign-ins again), `openprm createadmin`,
`openprm setup` — and any other management command.
"""

import os
import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import execute_from_command_line


def main() -> None:
    """A refused configuration (in production: a missing or weak secret key)
    ends the command with its one-line reason instead of a traceback."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openprm.config.settings")
    try:
        settings.SECRET_KEY  # noqa: B018  loads the settings module
    except ImproperlyConfigured as error:
        sys.exit(f"openprm: {error}")
    execute_from_command_line(["openprm", *sys.argv[1:]])


if __name__ == "__main__":
    main()
