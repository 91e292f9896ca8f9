"""The `openprm` command: Django's management commands under one name.

`openprm serve`, `openprm migrate`, `openprm demo --size small|large`,
`openprm createadmin`, `openprm setup` — and any other management command.
"""

import os
import sys

from django.core.management import execute_from_command_line


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openprm.config.settings")
    execute_from_command_line(["openprm", *sys.argv[1:]])


if __name__ == "__main__":
    main()
