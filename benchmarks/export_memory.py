"""Peak memory of a streamed contact export, in its own process (IMP-3).

Runs the contacts list's own export columns over every visible contact,
through core.exporters, and prints the peak resident set size.
"""

import argparse
import os
import time
from pathlib import Path


def peak_kb() -> int:
    """VmHWM: this process's own peak (ru_maxrss would include the parent's
    peak, which Linux carries across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--user", required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openprm.config.settings")
    import django

    django.setup()
    from openprm.contacts.models import Person
    from openprm.contacts.selectors import with_list_columns
    from openprm.contacts.views import EXPORT_COLUMNS
    from openprm.core import access
    from openprm.core.exporters.tabular import export_response
    from openprm.identity.models import User

    actor = User.objects.get(username=args.user)
    base_kb = peak_kb()
    queryset = with_list_columns(access.visible(Person, actor).filter(is_active=True), actor)
    queryset = queryset.order_by("last_name_search", "pk")[: args.rows]
    start = time.perf_counter()
    response = export_response(
        args.format, queryset.iterator(chunk_size=2000), EXPORT_COLUMNS, "contacts"
    )
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    seconds = time.perf_counter() - start
    print(
        f"rows={args.rows} bytes={size} seconds={seconds:.1f} base_kb={base_kb} peak_kb={peak_kb()}"
    )


if __name__ == "__main__":
    main()
