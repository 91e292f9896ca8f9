"""Each measurement of the suite, next to the raw database in the same run."""

import csv
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.management import call_command
from django.db import connection, transaction

from benchmarks import generate
from openprm.contacts.models import Person
from openprm.customers.models import Account
from openprm.identity.actors import actor_for
from openprm.identity.models import Role, User

CONTACT_HEADER = ["First name", "Last name", "E-mail", "Phone", "Job title", "Customer"]
ACCOUNT_HEADER = ["External ID", "Name", "Parent ID", "City", "Postal code", "Country"]


@dataclass
class Result:
    name: str
    figure: str
    raw: str = "—"
    ratio: str = "—"
    target: str = ""
    met: bool | None = None


def machine() -> str:
    cpu = platform_cpu()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GB RAM, {connection.vendor}"


def platform_cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def table(results: list[Result]) -> str:
    header = ("measurement", "OpenPRM", "raw database", "ratio", "target", "met")
    rows = [
        (
            r.name,
            r.figure,
            r.raw,
            r.ratio,
            r.target,
            "—" if r.met is None else ("yes" if r.met else "NO"),
        )
        for r in results
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        lines.append(
            "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        )
    return "\n".join(lines)


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def timed(function: Callable[[], Any], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


@dataclass
class Setup:
    admin: User
    salespeople: list[User]
    account_ids: list[int]
    names: generate.Names
    work: Path
    args: Any


def setup(args: Any) -> tuple[Setup, list[Result]]:
    call_command("migrate", verbosity=0)
    admin = User.objects.create(username="bench-admin", is_superuser=True)
    admin.roles.set(Role.objects.filter(code__in=["administrator", "sales_administrator"]))
    salespeople = []
    for number in range(10):
        user = User.objects.create(username=f"bench-sales{number}")
        user.roles.set(Role.objects.filter(code="salesperson"))
        salespeople.append(user)
    names = generate.name_pool()
    accounts = args.accounts or max(100, args.contacts // 10)
    _log(f"generating {accounts} accounts and {args.contacts} contacts")
    start = time.perf_counter()
    account_ids = generate.generate_accounts(
        accounts, [u.pk for u in salespeople], names, partners=args.partners
    )
    generate.generate_contacts(args.contacts, account_ids, admin.pk, names)
    elapsed = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rows = accounts + 4 * args.contacts
    results = [
        Result(
            f"generate {accounts:,} accounts + {args.contacts:,} contacts",
            f"{elapsed:.1f} s ({rows / elapsed:,.0f} rows/s)",
        )
    ]
    work = Path(os.environ["OPENPRM_VAR_DIR"])
    return Setup(admin, salespeople, account_ids, names, work, args), results


def _table_tuples(model: type, rows: list[dict[str, Any]]) -> tuple[list[str], list[tuple]]:
    """Rows as database-ready tuples of every column (defaults for the
    columns a row does not give), for a raw insert."""
    from openprm.imports.bulk import TableWriter

    writer = TableWriter(model)
    base = writer.defaults()
    plan = list(zip(writer.attnames, writer.adapters, strict=True))
    tuples = [
        tuple(
            value if adapt is None else adapt(value)
            for value, adapt in ((row.get(n, base[n]), a) for n, a in plan)
        )
        for row in rows
    ]
    return writer.columns, tuples


def _next_id(model: type) -> int:
    """An id far above the table's, for raw rows that are deleted again."""
    return (model._base_manager.order_by("-pk").values_list("pk", flat=True).first() or 0) + (
        1_000_000
    )


def _contact_tables(
    rows: list[list[str]], account_ids: list[int], owner_id: int
) -> list[tuple[type, list[str], list[tuple]]]:
    """The data rows a contact import writes for `rows`, raw: the person
    (as the headline baseline inserts it), its e-mail and phone points and
    its customer relationship."""
    from openprm.contacts.models import ContactPoint, Relationship
    from openprm.customers.normalize import search_key

    person_id, point_id, relation_id = (_next_id(m) for m in (Person, ContactPoint, Relationship))
    persons, points, relations = [], [], []
    for offset, ((first, last, email, phone, title, _customer), account_id) in enumerate(
        zip(rows, account_ids, strict=True)
    ):
        pk = person_id + offset
        persons.append(
            {
                "id": pk,
                "first_name": first,
                "last_name": last,
                "name_search": search_key(f"{first} {last}"),
                "last_name_search": search_key(last),
                "job_title": title,
                "owner_id": owner_id,
            }
        )
        points.append(
            {
                "id": point_id + 2 * offset,
                "person_id": pk,
                "kind": "email",
                "email": email,
                "is_primary": True,
            }
        )
        points.append(
            {
                "id": point_id + 2 * offset + 1,
                "person_id": pk,
                "kind": "phone",
                "phone": phone,
                "is_primary": True,
            }
        )
        relations.append({"id": relation_id + offset, "person_id": pk, "account_id": account_id})
    return [
        (Person, *_table_tuples(Person, persons)),
        (ContactPoint, *_table_tuples(ContactPoint, points)),
        (Relationship, *_table_tuples(Relationship, relations)),
    ]


def _raw_insert(tables: list[tuple[type, list[str], list[tuple]]]) -> float:
    """Seconds for one transaction with one executemany (SQLite) or COPY
    (PostgreSQL) per table; the rows are deleted again afterwards."""
    from openprm.imports.bulk import insert_tuples

    start = time.perf_counter()
    with transaction.atomic():
        for model, columns, tuples in tables:
            insert_tuples(model._meta.db_table, columns, tuples)
    elapsed = time.perf_counter() - start
    with transaction.atomic(), connection.cursor() as cursor:
        for model, columns, tuples in reversed(tables):
            first = min(row[columns.index("id")] for row in tuples)
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE id >= %s", [first])
    return elapsed


def _import(s: Setup, kind: str, path: Path) -> tuple[float, Any]:
    from openprm.imports.services.job_setup import job_create
    from openprm.imports.services.runs import job_run

    start = time.perf_counter()
    with path.open("rb") as handle:
        job = job_create(
            actor=actor_for(s.admin), kind=kind, upload=File(handle, name=path.name), name=path.name
        )
    job = job_run(job)
    return time.perf_counter() - start, job


def measure_import_contacts(s: Setup) -> Result:
    """The import against two raw baselines measured in the same run: the
    literal one (the same person rows into the person table, the headline
    ratio) and the data rows the import writes for them (person, e-mail and
    phone points, customer relationship: four rows per contact), so a
    reader sees both."""
    count = s.args.import_rows
    rng = random.Random(99)
    rows, accounts = [], []
    for offset in range(count):
        index = s.args.contacts + offset
        first, last, email, phone, title = generate.contact_row(s.names, index, rng)
        account = rng.randrange(len(s.account_ids))
        rows.append([first, last, email, phone, title, generate.account_name(s.names, account)])
        accounts.append(s.account_ids[account])
    path = s.work / "contacts.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CONTACT_HEADER)
        writer.writerows(rows)
    tables = _contact_tables(rows, accounts, s.admin.pk)
    raw = _raw_insert(tables[:1])
    raw_data = _raw_insert(tables)
    _log(
        f"raw insert of {count} persons: {raw:.2f} s, with points and relationships: "
        f"{raw_data:.2f} s; importing"
    )
    elapsed, job = _import(s, "contacts", path)
    rate, raw_rate, data_rate = count / elapsed, count / raw, count / raw_data
    verb = "COPY" if connection.vendor == "postgresql" else "executemany"
    return Result(
        f"import {count:,} contacts from CSV, e-mail + phone + customer "
        f"({job.accepted_rows:,} accepted)",
        f"{rate:,.0f} rows/s",
        f"{raw_rate:,.0f} rows/s ({verb}); with the e-mail, phone and relationship rows: "
        f"{data_rate:,.0f} contacts/s (ratio {rate / data_rate:.2f})",
        f"{rate / raw_rate:.2f}",
        ">= 0.30",
        rate / raw_rate >= 0.30 and job.accepted_rows == count,
    )


def measure_import_accounts(s: Setup) -> Result:
    count = s.args.import_rows
    rng = random.Random(5)
    parents = [None] + [rng.randrange(i) if rng.random() < 0.8 else None for i in range(1, count)]
    order = list(range(count))
    rng.shuffle(order)
    rows = [
        [
            f"BENCH-{i}",
            f"Bench Holding {i:06d}",
            f"BENCH-{parents[i]}" if parents[i] is not None else "",
            "Springfield",
            f"B{i:06d}",
            "US",
        ]
        for i in order
    ]
    path = s.work / "accounts.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ACCOUNT_HEADER)
        writer.writerows(rows)
    from openprm.customers.normalize import search_key
    from openprm.imports.bulk import TableWriter

    writer_ = TableWriter(Account)
    base = writer_.defaults()
    start_id = (
        Account.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ) + 1_000_000
    tuples = []
    for i in order:
        merged = {
            **base,
            "id": start_id + i,
            "name": f"Bench Holding {i:06d}",
            "name_search": search_key(f"Bench Holding {i:06d}"),
            "account_type": "customer",
            "owner_id": s.admin.pk,
            "parent_id": start_id + parents[i] if parents[i] is not None else None,
            "city": "Springfield",
            "postal_code": f"B{i:06d}",
            "country": "US",
        }
        tuples.append(
            tuple(
                merged[n] if a is None else a(merged[n])
                for n, a in zip(writer_.attnames, writer_.adapters, strict=True)
            )
        )
    raw = _raw_insert([(Account, writer_.columns, tuples)])
    _log(f"raw insert of {count} accounts: {raw:.2f} s; importing")
    elapsed, job = _import(s, "accounts", path)
    linked = Account.objects.filter(name__startswith="Bench Holding", parent__isnull=False).count()
    rate, raw_rate = count / elapsed, count / raw
    return Result(
        f"import {count:,} accounts, parents in random order ({linked:,} links)",
        f"{rate:,.0f} rows/s",
        f"{raw_rate:,.0f} rows/s",
        f"{rate / raw_rate:.2f}",
        ">= 0.20",
        rate / raw_rate >= 0.20 and job.accepted_rows == count,
    )


def measure_duplicate_check(s: Setup) -> Result:
    from openprm.contacts.duplicates import duplicate_candidates

    rng = random.Random(3)
    samples = []
    for attempt in range(300):
        first, last = rng.choice(s.names.first), rng.choice(s.names.last)
        account = rng.choice(s.account_ids)
        email = f"new.{attempt}@example.org"
        phone = generate.phone_for(50_000_000 + attempt)
        start = time.perf_counter()
        duplicate_candidates(
            actor=actor_for(s.admin),
            first_name=first,
            last_name=last,
            emails=[email],
            phones=[phone],
            account_ids=[account],
        )
        samples.append((time.perf_counter() - start) * 1000)
    p95 = percentile(samples, 95)
    return Result(
        f"duplicate check of a new contact against {Person.objects.count():,}",
        f"p95 {p95:.2f} ms",
        target="p95 <= 5 ms",
        met=p95 <= 5,
    )


PREFIX_SQL = """SELECT p.id, p.first_name, p.last_name FROM (
  SELECT * FROM (SELECT id, last_name_search, name_search FROM contacts_person
                 WHERE name_prefix = %(head)s AND name_search >= %(low)s
                   AND name_search < %(high)s AND is_active
                 ORDER BY last_name_search, name_search, id LIMIT 50) full_names
  UNION
  SELECT * FROM (SELECT id, last_name_search, name_search FROM contacts_person
                 WHERE last_name_search >= %(low)s AND last_name_search < %(high)s AND is_active
                 ORDER BY last_name_search, name_search, id LIMIT 50) last_names) page
JOIN contacts_person p ON p.id = page.id
ORDER BY page.last_name_search, page.name_search, page.id LIMIT 50"""


def measure_prefix_search(s: Setup) -> list[Result]:
    """The name-prefix search (the contact picker's search-as-you-type, 50
    names) against the same search as one hand-written statement: the full
    name and the last name each walked in name order, united; then the same
    prefixes through the whole contact list (its columns: e-mail, phone,
    favorite, customers), reported next to the same raw figure."""
    from openprm.contacts.filters import ContactFilter
    from openprm.contacts.selectors import contact_pick
    from openprm.contacts.tables import CONTACTS
    from openprm.customers.normalize import search_key

    rng = random.Random(4)
    prefixes = [search_key(rng.choice(s.names.last))[:3] for _ in range(200)]

    def search(prefix: str) -> tuple[float, float, float]:
        start = time.perf_counter()
        found = [p.pk for p in contact_pick(actor=actor_for(s.admin), q=prefix, limit=50)]
        picked = time.perf_counter()
        all_contacts = {"saved_search": ""}
        rows = CONTACTS.rows(
            actor=actor_for(s.admin), query=all_contacts, filters=ContactFilter(q=prefix)
        )
        list(rows[:50])
        listed = time.perf_counter()
        with connection.cursor() as cursor:
            params = {"head": prefix[:2], "low": prefix, "high": prefix + "\U0010ffff"}
            cursor.execute(PREFIX_SQL, params)
            expected = [row[0] for row in cursor.fetchall()]
        done = time.perf_counter()
        if found != expected:
            raise RuntimeError(f"the picker and the raw SQL differ for {prefix!r}")
        return 1000 * (picked - start), 1000 * (listed - picked), 1000 * (done - listed)

    for prefix in prefixes:  # untimed: the pages each search reads come into memory
        search(prefix)
    picker, listed, raw = (list(column) for column in zip(*map(search, prefixes), strict=True))
    raw_p99, raw_median = percentile(raw, 99), statistics.median(raw)
    results = []
    for label, samples, target in (
        ("name-prefix search, first 50 names (contact picker)", picker, True),
        ("the same prefixes through the contact list (all its columns)", listed, False),
    ):
        p99, median = percentile(samples, 99), statistics.median(samples)
        ratio = median / raw_median
        results.append(
            Result(
                label,
                f"p99 {p99:.2f} ms (median {median:.2f})",
                f"p99 {raw_p99:.2f} ms (median {raw_median:.2f})",
                f"{ratio:.1f}x",
                "<= 8x, p99 < 10 ms" if target else "",
                ratio <= 8 and p99 < 10 if target else None,
            )
        )
    return results


def measure_scoped_list(s: Setup) -> Result:
    from openprm.contacts.filters import ContactFilter
    from openprm.contacts.models import SavedSearch
    from openprm.contacts.selectors import contact_list
    from openprm.contacts.tables import CONTACTS

    actor = User.objects.get(pk=s.salespeople[0].pk)
    search = SavedSearch.objects.get(code="my_business")
    filters = ContactFilter(kind="b2b")
    raw_sql = (
        "SELECT p.id, p.first_name, p.last_name FROM contacts_person p WHERE p.is_active "
        "AND p.kind = 'b2b' AND EXISTS (SELECT 1 FROM contacts_relationship r "
        "JOIN customers_account a ON a.id = r.account_id WHERE r.person_id = p.id "
        "AND a.owner_id = %s AND a.is_active) "
        "ORDER BY p.last_name_search, p.name_search, p.id LIMIT 50"
    )

    def ours() -> None:
        fresh = actor_for(User.objects.get(pk=actor.pk))  # one request: user, privileges, reach
        rows = contact_list(actor=fresh, filters=filters, saved_search=search)
        list(rows.order_by(*CONTACTS.sortable["name"], "pk")[:50])

    def raw() -> None:
        with connection.cursor() as cursor:
            cursor.execute(raw_sql, [actor.pk])
            cursor.fetchall()

    ours_ms, raw_ms = timed(ours, 100), timed(raw, 100)
    p95, raw_p95 = percentile(ours_ms, 95), percentile(raw_ms, 95)
    return Result(
        "first page of a filtered, sorted, visibility-scoped contact list (salesperson)",
        f"p95 {p95:.2f} ms",
        f"p95 {raw_p95:.2f} ms",
        f"{p95 / raw_p95:.1f}x",
        "p95 <= 50 ms, <= 5x",
        p95 <= 50 and p95 / raw_p95 <= 5,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(app: str, port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        env=os.environ.copy(),
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{app} did not start")


def _load(port: int, token: str, ids: list[int], seconds: float, clients: int = 2) -> float:
    counts = [0] * clients
    errors = [0] * clients
    stop = time.perf_counter() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        while time.perf_counter() < stop:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request(
                "GET",
                f"/api/v1/contacts/{rng.choice(ids)}",
                headers={"Authorization": f"Bearer {token}"},
            )
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status == 200:
                counts[number] += 1
            else:
                errors[number] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if sum(errors):
        _log(f"{sum(errors)} non-200 answers on port {port}")
    return sum(counts) / seconds


def measure_api(s: Setup) -> Result:
    from openprm.identity.services import token_create

    _token, plaintext = token_create(actor=actor_for(s.admin), name="bench")
    ids = list(Person.objects.order_by("?").values_list("pk", flat=True)[:1000])
    results = {}
    for label, app in (
        ("django", "openprm.config.wsgi:application"),
        ("bare", "benchmarks.bare_wsgi:application"),
    ):
        port = _free_port()
        server = _serve(app, port)
        try:
            _load(port, plaintext, ids, 1.0)
            results[label] = _load(port, plaintext, ids, s.args.http_seconds)
        finally:
            server.terminate()
            server.wait(10)
    ratio = results["django"] / results["bare"]
    return Result(
        "API GET /api/v1/contacts/{id} over HTTP (gunicorn, 2 workers, token)",
        f"{results['django']:,.0f} req/s",
        f"{results['bare']:,.0f} req/s (bare WSGI, same SQL)",
        f"{ratio:.2f}",
        ">= 0.30",
        ratio >= 0.30,
    )


def measure_export(s: Setup, fmt: str) -> Result:
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.export_memory",
            "--format",
            fmt,
            "--user",
            s.admin.username,
        ],
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=True,
    )
    line = process.stdout.strip().splitlines()[-1]
    values = dict(part.split("=") for part in line.split())
    peak_mb = int(values["peak_kb"]) / 1024
    base_mb = int(values["base_kb"]) / 1024
    return Result(
        f"{fmt.upper()} export of {int(values['rows']):,} contacts "
        + ("(streamed)" if fmt == "csv" else "(background job)"),
        f"peak RSS {peak_mb:.0f} MB ({float(values['seconds']):.0f} s)",
        f"process before export {base_mb:.0f} MB",
        target="<= 200 MB",
        met=peak_mb <= 200,
    )


def run_all(args: Any) -> list[Result]:
    s, results = setup(args)
    steps: list[tuple[str, Callable[[], Result | list[Result]]]] = [
        ("import_contacts", lambda: measure_import_contacts(s)),
        ("import_accounts", lambda: measure_import_accounts(s)),
        ("duplicates", lambda: measure_duplicate_check(s)),
        ("search", lambda: measure_prefix_search(s)),
        ("list", lambda: measure_scoped_list(s)),
        ("api", lambda: measure_api(s)),
        ("export_csv", lambda: measure_export(s, "csv")),
        ("export_xlsx", lambda: measure_export(s, "xlsx")),
    ]
    for name, step in steps:
        if name in args.skip:
            continue
        _log(f"measuring {name}")
        try:
            outcome = step()
            results.extend(outcome if isinstance(outcome, list) else [outcome])
        except Exception as error:  # a failing measurement is reported, not fatal
            results.append(Result(name, f"failed: {type(error).__name__}: {error}"[:200]))
        _log(f"{results[-1].name}: {results[-1].figure} / {results[-1].raw} / {results[-1].ratio}")
    return results
