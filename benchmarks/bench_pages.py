"""Issue 19's page benchmark: every list family and every detail page family,
fetched over HTTP from the production server with a signed-in session, for
each role that may open it, cold (the first request after a restart of the
server) and warm, next to the best hand-written SQL for the same rows
rendered by a minimal template under the same server (benchmarks.bare_pages).

    python -m benchmarks.bench_pages --contacts 20000 --work-dir /tmp/pages20k
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_pages_20k \\
        python -m benchmarks.bench_pages --contacts 20000

SQLite lives in --work-dir (generated once, reused while the size matches);
with DATABASE_URL the named database is created when missing and reused
(--fresh drops it first; never `postgres` or `test`). The people and their
reach: benchmarks.pages_data. Sessions are created for each user as the
sign-in form would (django.contrib.auth's session keys), so the measured
request carries only its cookie.

Cold: the app server is restarted before each page (--cold-rounds times)
and each role's first request for it is a cold sample: the first role
listed meets freshly booted workers, the others a worker that has not yet
rendered that page for them. Warm: --repeat requests per page and role
after unmeasured ones that reach every worker (pages_http.Server.warm),
the application's and the baseline's interleaved so a busy machine's
drift hits both. The
baseline's plan (walk the list in order, or start from the accounts a user
reaches) is the faster of the two for each page and role. Then the API's
ratio on server CPU alone (benchmarks.bench_api's apps; /proc of the server
processes, the load generator excluded) for each internal role.
Targets: warm p95 <= 50 ms and <= 5x the baseline's p95; cold <= 250 ms.
Figures are reported, never asserted.
"""

import argparse
import os
import random
import signal
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from benchmarks import pages_http as web

WARM_TARGET, COLD_TARGET, RATIO_TARGET = 50.0, 250.0, 5.0
SEARCHES = ("my_contacts", "my_favorites", "my_team_territory", "my_business")
DETAIL_SAMPLES = 10


@dataclass
class Page:
    name: str
    path: str
    link: str = ""
    params: dict[str, str] = field(default_factory=dict)
    ids: dict[str, list[int]] = field(default_factory=dict)

    def url(self, role: str, number: int) -> str:
        path = self.path
        if "{}" in path:
            ids = self.ids.get(role) or [0]
            path = path.format(ids[number % len(ids)])
        return path + ("?" + urlencode(self.params) if self.params else "")


def pages(people: Any, term: str) -> list[Page]:
    """Every measured page: lists (with their row link) and details (with the
    records each role may open)."""
    listed = [
        Page("accounts", "/customers/accounts/", "/customers/accounts/{}/"),
        *(
            Page(f"contacts: {code}", "/contacts/", "/contacts/{}/", {"saved_search": str(pk)})
            for code, pk in _saved_searches().items()
        ),
        Page(f"contacts: name '{term}'", "/contacts/", "/contacts/{}/", {"q": term}),
        Page("partners", "/partners/", "/partners/{}/"),
        Page("territories", "/territories/", "/territories/{}/"),
        Page("users", "/account/users/", "/account/users/{}/"),
        Page("imports", "/imports/", "/imports/{}/"),
        Page("portal contacts", "/portal/contacts/", "/portal/contacts/{}/"),
        Page("portal users", "/portal/users/", "/portal/contacts/{}/"),
        Page("portal registrations", "/portal/registrations/", "/portal/registrations/{}/"),
        Page("portal leads", "/portal/leads/"),
        Page("portal opportunities", "/portal/opportunities/"),
    ]
    details = [
        Page("account", "/customers/accounts/{}/"),
        Page("contact", "/contacts/{}/"),
        Page("partner", "/partners/{}/"),
        Page("territory", "/territories/{}/"),
        Page("user", "/account/users/{}/"),
        Page("import", "/imports/{}/"),
        Page("portal contact", "/portal/contacts/{}/"),
    ]
    for page in details:
        for role, user in people.users.items():
            page.ids[role] = _sample(page.name, user)
    return listed + details


def _saved_searches() -> dict[str, int]:
    """CON-7's predefined searches, which the list asks for by id."""
    from openprm.contacts.models import SavedSearch

    found = dict(SavedSearch.objects.filter(code__in=SEARCHES).values_list("code", "pk"))
    return {code: found[code] for code in SEARCHES}


def _sample(kind: str, user: Any) -> list[int]:
    """Records of `kind` the user may open, a few spread over what it sees."""
    from openprm.contacts.models import Person
    from openprm.core import access
    from openprm.customers.models import Account
    from openprm.identity.actors import actor_for
    from openprm.identity.models import User
    from openprm.imports.models import ImportJob
    from openprm.partners.models import PartnerContact, PartnerProfile
    from openprm.territories.models import Territory

    actor = actor_for(user)
    models = {
        "account": Account,
        "contact": Person,
        "partner": PartnerProfile,
        "territory": Territory,
        "user": User,
        "import": ImportJob,
        "portal contact": PartnerContact,
    }
    try:
        rows = access.visible(models[kind], actor)
        if kind == "partner":
            rows = rows.filter(managed_partner=True)
        ids = list(rows.order_by("pk").values_list("pk", flat=True)[:5000])
    except Exception:  # a model the role may not read at all: its page refuses it too
        return []
    return random.Random(19).sample(ids, min(DETAIL_SAMPLES, len(ids)))


@dataclass
class Row:
    page: str
    role: str
    cold: list[float] = field(default_factory=list)
    warm: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    cpu: float = 0.0
    bare_cpu: float = 0.0
    note: str = ""


def _bare_url(page: Page, role: str, number: int, user_id: int, plan: str) -> str:
    url = page.url(role, number)
    return url + ("&" if "?" in url else "?") + urlencode({"u": user_id, "plan": plan})


def _check(page: Page, app_body: str, bare_body: str) -> str:
    """Whether both pages show the same rows (lists: the ids they link to)."""
    if not page.link:
        return ""
    ours, theirs = web.linked_ids(app_body, page.link), web.linked_ids(bare_body, page.link)
    if ours == theirs:
        return ""
    return f"rows differ: app {ours[:4]}… ({len(ours)}), baseline {theirs[:4]}… ({len(theirs)})"


def measure(args: Any, people: Any, cookies: dict[str, str]) -> list[Row]:
    app = web.Server(web.APPS["app"], args.workers, args.threads).start()
    bare = web.Server(web.APPS["bare"], args.workers, args.threads).start()
    results = []
    try:
        for page in [p for p in pages(people, args.term) if args.only in p.name]:
            rows = {role: Row(page.name, role) for role in people.users}
            for number in range(args.cold_rounds):
                app.restart()
                for role, row in rows.items():
                    status, ms, _body = web.fetch(app.port, page.url(role, number), cookies[role])
                    if status == 200:
                        row.cold.append(ms)
            for role, user in people.users.items():
                if _warm(page, rows[role], user.pk, cookies[role], app, bare, args):
                    results.append(rows[role])
                    print(_line(rows[role], args), flush=True)
    finally:
        app.stop()
        bare.stop()
    return results


def _warm(page: Page, row: Row, user_id: int, cookie: str, app: Any, bare: Any, args: Any) -> bool:
    """The warm figures of one page and role, False when the role may not
    open the page (the access matrix proves those refusals)."""
    role = row.role
    status, _ms, body = web.fetch(app.port, page.url(role, 0), cookie)
    if status != 200:
        return False
    plan = _best_plan(page, role, user_id, bare.port, cookie)
    got, _ms, bare_body = web.fetch(bare.port, _bare_url(page, role, 0, user_id, plan), cookie)
    row.note = _check(page, body, bare_body) if got == 200 else f"baseline {got}"
    app.warm([page.url(role, number) for number in range(3)], cookie)
    bare.warm([_bare_url(page, role, number, user_id, plan) for number in range(3)], cookie)
    used = app.cpu_seconds(), bare.cpu_seconds()
    for number in range(args.repeat):
        row.warm.append(web.fetch(app.port, page.url(role, number), cookie)[1])
        row.bare.append(
            web.fetch(bare.port, _bare_url(page, role, number, user_id, plan), cookie)[1]
        )
    row.cpu = 1000 * (app.cpu_seconds() - used[0]) / args.repeat
    row.bare_cpu = 1000 * (bare.cpu_seconds() - used[1]) / args.repeat
    return True


def _best_plan(page: Page, role: str, user_id: int, port: int, cookie: str) -> str:
    """The faster baseline plan for this page and role (median of five):
    even a user who sees everything has few rows in a search of its own."""
    timings = {}
    for candidate in ("ids", "walk"):
        samples = [
            web.fetch(port, _bare_url(page, role, n, user_id, candidate), cookie)[1]
            for n in range(6)
        ]
        timings[candidate] = statistics.median(samples[1:])
    return min(timings, key=timings.__getitem__)


def _line(row: Row, args: Any) -> str:
    p = web.percentile
    cold = max(row.cold) if row.cold else 0.0
    warm95, bare95 = p(row.warm, 95), p(row.bare, 95)
    ratio = warm95 / bare95 if bare95 else float("inf")
    met = warm95 <= WARM_TARGET and ratio <= RATIO_TARGET and cold <= COLD_TARGET
    cells = [
        row.page,
        row.role,
        f"{args.contacts:,}",
        args.vendor,
        _three(row.cold, ".0f") if row.cold else "—",
        _three(row.warm, ".1f"),
        f"{bare95:.1f}",
        f"{ratio:.1f}x",
        f"{row.cpu:.1f} / {row.bare_cpu:.1f}",
        ("yes" if met else "NO") + (f" ({row.note})" if row.note else ""),
    ]
    return "| " + " | ".join(cells) + " |"


def _three(samples: list[float], spec: str) -> str:
    return " / ".join(format(web.percentile(samples, pct), spec) for pct in (50, 95, 99))


HEADER = (
    "| page | role | contacts | database | cold p50 / p95 / p99 ms | warm p50 / p95 / p99 ms "
    "| baseline warm p95 ms | ratio (p95) | server CPU ms / request, app / baseline | met? |\n"
    "|---|---|---|---|---|---|---|---|---|---|"
)


def _prepare(args: Any) -> None:
    """Settings read the environment once, at django.setup()."""
    work = Path(args.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    os.environ["OPENPRM_VAR_DIR"] = str(work)
    os.environ.setdefault("OPENPRM_ENV", "local")
    os.environ["DJANGO_SETTINGS_MODULE"] = "openprm.config.settings"
    url = os.environ.get("DATABASE_URL", "")
    if url:
        from benchmarks.pages_setup import ensure_postgres

        ensure_postgres(url, fresh=args.fresh)
    elif args.fresh:
        for name in ("openprm.sqlite3", "openprm.sqlite3-wal", "openprm.sqlite3-shm"):
            (work / name).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=20_000)
    parser.add_argument("--work-dir", default="/tmp/openprm-pages", help="SQLite data, static")
    parser.add_argument("--fresh", action="store_true", help="generate the data again")
    parser.add_argument("--repeat", type=int, default=30, help="warm requests per page, role")
    parser.add_argument("--cold-rounds", type=int, default=1, help="restarts per page")
    parser.add_argument("--term", default="mar", help="the name search's term")
    parser.add_argument("--only", default="", help="only the pages whose name holds this")
    parser.add_argument("--workers", type=int, default=2, help="as `openprm serve` defaults")
    parser.add_argument("--threads", type=int, default=4, help="as `openprm serve` defaults")
    parser.add_argument("--api-seconds", type=float, default=4.0, help="0 skips the API")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # the servers stop with us
    os.environ.setdefault("GUNICORN_CMD_ARGS", "--log-level warning")
    _prepare(args)
    from benchmarks import pages_setup

    people, cookies = pages_setup.ready(args)
    args.vendor = pages_setup.vendor()
    load = pages_setup.LoadWatch()
    print(HEADER, flush=True)
    rows = measure(args, people, cookies)
    print()
    print(HEADER)
    for row in rows:
        print(_line(row, args))
    missed = sum(1 for row in rows if "NO" in _line(row, args))
    print(f"\n{len(rows)} page and role rows, {missed} missing a target; {load.report()}")
    if args.api_seconds:
        pages_setup.api_ratios(args, people)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
