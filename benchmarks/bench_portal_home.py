"""The partner portal's home for a partner with many deals (PRG-8): its
administrator asks for `/` through the whole Django stack (session, actor,
every portal block — alerts, leads by status, opportunities by stage,
protection ending soon, organization, people, next steps — and the
templates), against hand-written SQL for the same dashboard data, same
database, same run.

    python -m benchmarks.bench_portal_home                       # 5,000 opportunities
    python -m benchmarks.bench_portal_home --opportunities 50000 --work-dir /tmp/portal50k

SQLite runs with the application's own settings in `--work-dir` (a new
temporary directory by default); the data is generated once and reused (the
`bench-portal-partner` user marks it). With DATABASE_URL the PostgreSQL
database must be empty or hold this benchmark's data. Issue target: p95 <=
50 ms for a partner with 50,000 opportunities. Figures are reported, never
asserted.

The data: the measured partner (made through the services, with a
partnership in a two-tier program) owns `--opportunities` opportunities in
every stage, a fifth as many leads and a tenth as many registrations (a
third of them approved, some ending within 30 days); another partner holds
as many of each, so every query must pick the partner's own rows; twenty
alerts aimed at all, at the program, at a tier and at partners, some ended.

The raw SQL reads what the dashboard blocks show — the alerts aimed at the
partner and not dismissed, its leads by status and opportunities by stage
(the leads it sees: its own, referred by it, offered to it; the
opportunities it sells), its registrations ending soon — plus the user and
its privileges; no session, no template.

Each page is reported with its wall-clock, CPU and time-in-SQL per request
(the last in a pass of its own); on a machine shared with other work the
CPU and SQL columns are the ones to compare.
"""

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from benchmarks.bench_home import (
    _insert,
    measure_blocks,
    percentile,
    report_blocks,
    setup_django,
    timed,
)

PASSWORD_USER = "bench-portal-partner"
ALERTS = 20


def generate(opportunities: int) -> None:
    """The measured partner and a second one, their deals and the alerts."""
    from django.db import connection
    from django.utils import timezone

    from openprm.alerts.services import alert_create
    from openprm.customers.models import Account
    from openprm.customers.services import account_create
    from openprm.deals.models import DealRegistration, Lead, Opportunity
    from openprm.identity.actors import actor_for
    from openprm.identity.models import Role, User
    from openprm.partners.models import PartnerContact
    from openprm.partners.services import (
        partner_contact_promote_to_resource,
        partner_contact_promote_to_user,
        partner_create,
    )
    from openprm.programs.services import partnership_create, program_create, tier_create

    rng = random.Random(8)
    today = timezone.localdate()
    cam_user = User.objects.create(username="bench-portal-cam", first_name="Cam")
    cam_user.roles.set(Role.objects.filter(code="channel_account_manager"))
    cam = actor_for(cam_user)
    program = program_create(actor=cam, data={"code": "BENCH", "name": "Bench Program"})
    entry = tier_create(actor=cam, program=program, data={"name": "Registered"})
    gold = tier_create(actor=cam, program=program, data={"name": "Gold"})
    partners = []
    for n, name in enumerate(("Bench Portal Partners", "Bench Other Partners")):
        partner = partner_create(
            actor=cam,
            data={"name": name, "country": "US"},
            primary_contact={"first_name": "Petra", "last_name": f"Portal {n}"},
            confirm_duplicates=True,
        )
        partnership_create(actor=cam, partner_id=partner.pk, program_id=program.pk)
        partners.append(partner)
    primary = PartnerContact.objects.get(partner=partners[0], is_primary=True)
    primary = partner_contact_promote_to_resource(
        actor=cam,
        contact=primary,
        role_id=Role.objects.get(code="partner_administrator").pk,
        expected_version=primary.version,
    )
    partner_contact_promote_to_user(
        actor=cam,
        contact=primary,
        username=PASSWORD_USER,
        email="partner@bench.example",
        expected_version=primary.version,
        base_url="http://localhost/",
        invite=False,
    )
    customer = account_create(actor=cam, data={"name": "Bench Customer", "country": "US"})
    stages = [s for s, _label in Opportunity.Stage.choices]
    statuses = [s for s, _label in Lead.Status.choices]
    for partner in partners:
        _insert(
            Opportunity,
            [
                {
                    "name": f"Deal {n}",
                    "account_id": customer.pk,
                    "stage": (stage := rng.choice(stages)),
                    "is_open": stage not in ("won", "lost"),
                    "amount": rng.randrange(1_000, 90_000),
                    "close_date": today + dt.timedelta(days=rng.randrange(-200, 200)),
                    "owner_id": cam_user.pk,
                    "partner_id": partner.pk,
                }
                for n in range(opportunities)
            ],
        )
        _insert(
            Lead,
            [
                {
                    "name": f"Lead {n}",
                    "account_id": customer.pk,
                    "status": rng.choice(statuses),
                    "owner_id": cam_user.pk,
                    "partner_id": partner.pk,
                }
                for n in range(opportunities // 5)
            ],
        )
        _insert(
            DealRegistration,
            [
                {
                    "title": f"Registration {n}",
                    "state": "approved" if n % 3 == 0 else "won",
                    "partner_id": partner.pk,
                    "owner_id": cam_user.pk,
                    "channel_manager_id": cam_user.pk,
                    "customer_name": f"Customer {n}",
                    "close_date": today + dt.timedelta(days=60),
                    "protection_starts": today - dt.timedelta(days=60),
                    "protection_ends": today + dt.timedelta(days=rng.randrange(1, 120)),
                }
                for n in range(opportunities // 10)
            ],
        )
    Account.objects.filter(pk=customer.pk).update(owner=cam_user)
    targets: list[tuple[str, dict[str, list[int]]]] = [
        ("all", {}),
        ("programs", {"programs": [program.pk]}),
        ("tiers", {"tiers": [entry.pk]}),
        ("tiers", {"tiers": [gold.pk]}),
        ("partners", {"partners": [partners[1].pk]}),
    ]
    for n in range(ALERTS):
        target, audience = targets[n % len(targets)]
        ended = n % 4 == 3
        alert_create(
            actor=cam,
            data={
                "title": f"Bench alert {n}",
                "priority": ("info", "important", "urgent")[n % 3],
                "starts_on": today - dt.timedelta(days=40 if ended else 3),
                "ends_on": today - dt.timedelta(days=5) if ended else today + dt.timedelta(days=9),
                "target": target,
            },
            **audience,
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _tables() -> dict[str, str]:
    from openprm.alerts.models import Alert, AlertDismissal
    from openprm.deals.models import (
        DealRegistration,
        Lead,
        LeadOffer,
        Opportunity,
    )
    from openprm.identity.models import Privilege, Role, User
    from openprm.partners.models import PartnerContact
    from openprm.programs.models import Partnership

    return {
        "user": User._meta.db_table,
        "user_roles": User.roles.through._meta.db_table,
        "role_privileges": Role.privileges.through._meta.db_table,
        "privilege": Privilege._meta.db_table,
        "member": PartnerContact._meta.db_table,
        "alert": Alert._meta.db_table,
        "alert_programs": Alert.programs.through._meta.db_table,
        "alert_tiers": Alert.tiers.through._meta.db_table,
        "alert_partners": Alert.partners.through._meta.db_table,
        "dismissal": AlertDismissal._meta.db_table,
        "partnership": Partnership._meta.db_table,
        "lead": Lead._meta.db_table,
        "offer": LeadOffer._meta.db_table,
        "opportunity": Opportunity._meta.db_table,
        "registration": DealRegistration._meta.db_table,
    }


DASHBOARD = [
    "SELECT id, username, first_name, last_name, is_active, user_type FROM {user} "
    "WHERE id = %(me)s",
    "SELECT p.code FROM {privilege} p JOIN {role_privileges} rp ON rp.privilege_id = p.id "
    "JOIN {user_roles} ur ON ur.role_id = rp.role_id WHERE ur.user_id = %(me)s",
    "SELECT partner_id FROM {member} WHERE user_id = %(me)s",
    "SELECT a.id, a.title, a.priority, a.starts_on, a.ends_on FROM {alert} a "
    "WHERE a.starts_on <= %(today)s AND (a.ends_on IS NULL OR a.ends_on >= %(today)s) "
    "AND (a.target = 'all' "
    "OR (a.target = 'programs' AND EXISTS (SELECT 1 FROM {alert_programs} x JOIN {partnership} s "
    "ON s.program_id = x.program_id WHERE x.alert_id = a.id AND s.partner_id = %(partner)s)) "
    "OR (a.target = 'tiers' AND EXISTS (SELECT 1 FROM {alert_tiers} x JOIN {partnership} s "
    "ON s.tier_id = x.tier_id WHERE x.alert_id = a.id AND s.partner_id = %(partner)s)) "
    "OR (a.target = 'partners' AND EXISTS (SELECT 1 FROM {alert_partners} x "
    "WHERE x.alert_id = a.id AND x.partnerprofile_id = %(partner)s))) "
    "AND NOT EXISTS (SELECT 1 FROM {dismissal} d WHERE d.alert_id = a.id AND d.user_id = %(me)s) "
    "ORDER BY a.urgency DESC, a.starts_on DESC, a.id DESC LIMIT 5",
    "SELECT status, COUNT(*) FROM {lead} l WHERE l.partner_id = %(partner)s "
    "OR l.referring_partner_id = %(partner)s OR l.id IN (SELECT o.lead_id FROM {offer} o "
    "WHERE o.partner_id = %(partner)s AND o.outcome = 'open') "
    "GROUP BY status",
    "SELECT stage, COUNT(*) FROM {opportunity} WHERE partner_id = %(partner)s GROUP BY stage",
    "SELECT id, number, title, protection_ends FROM {registration} WHERE partner_id = %(partner)s "
    "AND state = 'approved' AND protection_ends >= %(today)s AND protection_ends <= %(soon)s "
    "ORDER BY protection_ends, id LIMIT 7",
]


def raw_dashboard(user: Any, partner_id: int) -> Callable[[], list[list[Any]]]:
    from django.db import connection
    from django.utils import timezone

    tables = _tables()

    def read() -> list[list[Any]]:
        today = timezone.localdate()
        params = {
            "me": user.pk,
            "partner": partner_id,
            "today": today,
            "soon": today + dt.timedelta(days=30),
        }
        with connection.cursor() as cursor:
            found = []
            for sql in DASHBOARD:
                cursor.execute(sql.format(**tables), params)
                found.append(cursor.fetchall())
        return found

    return read


def fetcher(user: Any, path: str = "/") -> Callable[[], Any]:
    from django.test import Client

    client = Client()
    client.force_login(user)

    def get() -> Any:
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        return response

    return get


def statements_of(get: Callable[[], Any]) -> int:
    from django.db import connection

    statements = [0]

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements[0] += 1
        return execute(sql, params, many, context)

    get()
    with connection.execute_wrapper(count):
        get()
    return statements[0]


def sql_times(get: Callable[[], Any], repeat: int) -> list[float]:
    """Milliseconds in SQL per request: every statement timed from the
    application's side (on PostgreSQL its round trip and the server's work,
    on SQLite the library's work in the process). A pass of its own, so the
    timing wrapper does not weigh on the wall-clock and CPU figures."""
    from django.db import connection

    spent = [0.0]

    def clock(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[0] += (time.perf_counter() - started) * 1000

    found = []
    with connection.execute_wrapper(clock):
        for _ in range(repeat):
            spent[0] = 0.0
            get()
            found.append(spent[0])
    return found


def measure(repeat: int) -> str:
    from openprm.core.home import blocks_for
    from openprm.identity.actors import actor_for
    from openprm.identity.models import User
    from openprm.partners.models import PartnerContact

    user = User.objects.get(username=PASSWORD_USER)
    partner_id = PartnerContact.objects.get(user=user).partner_id
    get, raw = fetcher(user), raw_dashboard(user, partner_id)
    program = fetcher(user, "/portal/program/")
    shown = {b.name: b.data for b in blocks_for(actor=actor_for(user))}
    found = raw()
    checks = {
        "alerts": ([a.pk for a in shown["portal_alerts"]["alerts"]], [r[0] for r in found[3][:4]]),
        "leads": (
            sorted((s["code"], s["count"]) for s in shown["leads_by_status"]["slices"]),
            sorted(found[4]),
        ),
        "stages": (
            sorted((s["code"], s["count"]) for s in shown["opportunities_by_stage"]["slices"]),
            sorted(found[5]),
        ),
        "expiring": (
            [r.pk for r, _days in shown["registrations_expiring"]["expiring"]],
            [r[0] for r in found[6][:6]],
        ),
    }
    for name, (page, sql) in checks.items():
        if page != sql:
            sys.exit(f"block {name}: the page shows {page}, the raw SQL finds {sql}")
    statements, program_statements = statements_of(get), statements_of(program)
    for _ in range(5):
        get()
        raw()
        program()
    page_ms, page_cpu = timed(get, repeat)
    raw_ms, raw_cpu = timed(raw, repeat)
    program_ms, program_cpu = timed(program, repeat)
    page_sql, program_sql = sql_times(get, repeat), sql_times(program, repeat)

    def p(samples: list[float]) -> str:
        return f"{percentile(samples, 50):.1f} / {percentile(samples, 95):.1f}"

    def met(samples: list[float]) -> str:
        return "yes" if percentile(samples, 95) <= 50 else "NO"

    ratio = percentile(page_cpu, 95) / percentile(raw_cpu, 95)
    return "\n".join(
        [
            "| page | blocks | queries | p50 / p95 ms (wall) | (CPU) | (in SQL) | "
            "raw dashboard SQL p50 / p95 ms (wall) | (CPU) | ratio (CPU p95) | p95 <= 50 ms |",
            "|---|---|---|---|---|---|---|---|---|---|",
            f"| portal home | {len(shown)} | {statements} | {p(page_ms)} | {p(page_cpu)} | "
            f"{p(page_sql)} | {p(raw_ms)} | {p(raw_cpu)} | {ratio:.1f}x | {met(page_ms)} |",
            f"| program page | — | {program_statements} | {p(program_ms)} | {p(program_cpu)} "
            f"| {p(program_sql)} | — | — | — | {met(program_ms)} |",
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opportunities", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--work-dir", default="", help="SQLite: keep (and reuse) the data here")
    args = parser.parse_args(argv)
    setup_django(args.work_dir)
    from django.db import connection

    from openprm.deals.models import Opportunity
    from openprm.identity.models import User

    started = time.perf_counter()
    if not User.objects.filter(username=PASSWORD_USER).exists():
        generate(args.opportunities)
    print(
        f"{connection.vendor}: {Opportunity.objects.count():,} opportunities "
        f"ready in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    print(measure(args.repeat))
    print()
    partner = User.objects.get(username=PASSWORD_USER)
    print(report_blocks({"partner administrator": measure_blocks(partner, args.repeat)}))


if __name__ == "__main__":
    main()
