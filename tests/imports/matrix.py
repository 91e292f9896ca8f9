"""The imports' rows of the access matrices that no declaration gives
(tests/access/cases.py): the upload form, the mapping, value mapping, rejects and warnings pages and
the API's writes (IMP-1, IMP-2); and what the list of imports shows (IMP-3)."""

from django.urls import reverse

from openprm.core.testing.matrix import html_rows, json_items
from tests.access.cases import EVERYONE, INTERNAL, OWNER, Case, of
from tests.access.lists import Expect, Listed, ListsOf, exports
from tests.access.world import World
from tests.imports.world import FILE

JOB = of("own", "import_job")

PAGES = {
    "imports:job_new": [Case("get")],
    **{
        f"imports:{name}": [Case("get", JOB, allowed=OWNER, sees=OWNER)]
        for name in ("job_mapping", "job_values", "job_rejects", "job_warnings")
    },
}

A = "/api/v1"
OPERATIONS = {
    f"GET {A}/import-kinds": [Case("get", allowed=EVERYONE)],
    # An upload is a multipart form: a JSON body is refused before anything
    # is read, for everyone (the imports tests upload real files).
    f"POST {A}/imports": [Case("post", allowed=EVERYONE, ok=422, body={})],
    **{
        f"POST {A}/imports/{{job_id}}{suffix}": [
            Case("post", JOB, allowed=OWNER, sees=OWNER, body=body)
        ]
        for suffix, body in (("/start", {}), ("/cancel", None))
    },
    # Only a finished dry run can be imported for real: the world's job is not one.
    f"POST {A}/imports/{{job_id}}/import": [
        Case("post", JOB, allowed=OWNER, sees=OWNER, ok=409, body=None)
    ],
}


def jobs(world: World) -> list[Listed]:
    """IMP-1: an import is its uploader's alone; the page is internal."""
    page = reverse("imports:job_list")

    def own(found: str, where: frozenset[str]) -> Expect:
        return lambda w, actor: ({found} if actor in OWNER else set()) if actor in where else None

    job = str(world.ids["own"]["import_job"][0])
    return [
        Listed("/api/v1/imports", json_items(), own(job, EVERYONE)),
        Listed(page, html_rows(r"/imports/(\d+)/"), own(job, INTERNAL)),
        *exports(page, "File", own(FILE, INTERNAL)),
    ]


LISTS: dict[str, ListsOf] = {"imports.jobs": jobs}
