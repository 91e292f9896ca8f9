"""Peak memory of the contact list's export, in its own process (IMP-3).

Asks for `/contacts/?saved_search=<every contact>&export=csv|xlsx` through
Django's request handler (middleware, the contact list page, its list spec
and selector, core.exporters), signed in as `--user`, so the figure is
the one of the button a user presses. The saved search has no criteria: it
lists every active contact the user may see. A CSV response is read as a
client would, and discarded. An Excel export of that size answers with a
background job (core.exporters.services); this process then runs the job
as the task worker would, and the figures are the job's.

Prints one line of `key=value` figures: rows exported; seconds to the last
byte and to the first rows (CSV: the first block holding a row; XLSX: the
job's file complete); the peak resident
set size before the export (`base_kb`, taken after a first CSV export
request closed at its first block, so the URLconf, views and middleware are
loaded as in a worker that has served requests) and at its end (`peak_kb`);
and the resident size when a quarter, half and three quarters of the time
had passed (`rss_kb=25%:..`), which shows whether memory grows with the rows.
"""

import argparse
import os
import threading
import time
from pathlib import Path

SAVED_SEARCH_NAME = "Every contact (export benchmark)"
SAMPLE_SECONDS = 0.2


def status_kb(field: str) -> int:
    """A field of /proc/self/status: VmHWM is this process's own peak
    (ru_maxrss would include the parent's, which Linux carries across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class RssSampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: list[tuple[float, int]] = []
        self.done = threading.Event()

    def run(self) -> None:
        start = time.perf_counter()
        while not self.done.wait(SAMPLE_SECONDS):
            self.samples.append((time.perf_counter() - start, status_kb("VmRSS")))

    def at(self, fraction: float) -> int:
        if not self.samples:
            return 0
        total = self.samples[-1][0]
        return next(kb for seconds, kb in self.samples if seconds >= fraction * total)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--user", required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openprm.config.settings")
    if args.format == "xlsx":
        os.environ["OPENPRM_EXPORT_INLINE_ROWS"] = "0"  # whatever the size: the job's figures
    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse

    from openprm.contacts import selectors
    from openprm.contacts.filters import ContactFilter
    from openprm.contacts.models import SavedSearch
    from openprm.contacts.services import saved_search_create
    from openprm.core.exporters.models import ExportJob
    from openprm.core.exporters.services import export_job_run
    from openprm.identity.actors import actor_for
    from openprm.identity.models import User

    actor = User.objects.get(username=args.user)
    search = SavedSearch.objects.filter(owner=actor, name=SAVED_SEARCH_NAME).first()
    if search is None:
        search = saved_search_create(actor=actor_for(actor), name=SAVED_SEARCH_NAME, criteria={})
    client = Client()
    client.force_login(actor)
    url = reverse("contacts:contact_list")
    warm_up = client.get(url, {"saved_search": search.pk, "export": "csv"})
    next(iter(warm_up.streaming_content))
    warm_up.close()
    base_kb = status_kb("VmHWM")
    sampler = RssSampler()
    sampler.start()
    start = time.perf_counter()
    response = client.get(url, {"saved_search": search.pk, "export": args.format})
    first_rows = 0.0
    size = lines = 0
    if args.format == "xlsx":
        job = export_job_run(ExportJob.objects.select_related("created_by").latest("pk"))
        if job.status != ExportJob.Status.DONE:
            raise SystemExit(f"the export failed: {job.error}")
        size = job.file.size
    for chunk in getattr(response, "streaming_content", ()):
        size += len(chunk)
        lines += chunk.count(b"\n")
        if not first_rows and lines > 1:
            first_rows = time.perf_counter() - start
    seconds = time.perf_counter() - start
    first_rows = first_rows or seconds
    response.close()
    peak_kb = status_kb("VmHWM")
    sampler.done.set()
    sampler.join()
    rows = selectors.contact_list(
        actor=actor_for(actor), filters=ContactFilter(), saved_search=search
    ).count()
    if args.format == "csv" and lines - 1 != rows:
        raise SystemExit(f"the CSV holds {lines - 1} rows, the list {rows}")
    rss = ",".join(f"{pct}%:{sampler.at(pct / 100)}" for pct in (25, 50, 75))
    print(
        f"rows={rows} bytes={size} seconds={seconds:.1f} first_rows_seconds={first_rows:.1f}"
        f" base_kb={base_kb} peak_kb={peak_kb} rss_kb={rss}"
    )


if __name__ == "__main__":
    main()
