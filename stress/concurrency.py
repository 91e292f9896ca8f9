"""Concurrency: conflicting version claims and same-key creates at scale.

    python -m stress.concurrency [--database-url postgres://...]
        [--updates 10000] [--threads 20] [--creates 1000] [--clients 100]

1. PLAT-6: `--updates` edits of one account's name through `account_update`
   with the version each thread last read, from `--threads` threads (each its
   own connection). Every accepted edit must be in the final version and in
   the audit trail (no lost update); every refused one got StaleVersion.
2. CON-2: `--creates` creates of the same new contact (same e-mail, not
   confirmed) through the HTTP API of a running `openprm serve`, from
   `--clients` client threads: one row, the rest 409, no 5xx.
Only 127.0.0.1 is addressed; both parts stop by themselves.
"""

import argparse
import json
import os
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from stress.environment import fixtures, free_port, post_contact, prepare, serve, stop


def version_claims(updates: int, threads: int) -> dict[str, Any]:
    from django.db import connection

    from openprm.core.audit.models import AuditEntry
    from openprm.core.errors import StaleVersion
    from openprm.customers.models import Account
    from openprm.customers.services import account_create, account_update
    from openprm.identity.actors import actor_for
    from openprm.identity.models import User

    admin = actor_for(User.objects.get(username="admin"))
    account = account_create(
        actor=admin, data={"name": "Contended Holdings"}, confirm_duplicates=True
    )
    start_version = account.version
    outcomes: Counter[str] = Counter()
    accepted_names: list[str] = []
    guard = threading.Lock()
    per_thread = updates // threads

    def edit(number: int) -> None:
        try:
            for attempt in range(per_thread):
                current = Account.objects.only("version").get(pk=account.pk).version
                name = f"Contended {number}-{attempt}"
                try:
                    account_update(
                        actor=admin,
                        account=account,
                        changes={"name": name},
                        expected_version=current,
                    )
                    outcome = "accepted"
                except StaleVersion:
                    outcome = "stale"
                except Exception as error:  # every other failure is a finding
                    outcome = type(error).__name__
                with guard:
                    outcomes[outcome] += 1
                    if outcome == "accepted":
                        accepted_names.append(name)
        finally:
            connection.close()

    began = time.perf_counter()
    workers = [threading.Thread(target=edit, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - began
    account.refresh_from_db()
    audited = [
        entry.changes["name"][1]
        for entry in AuditEntry.objects.filter(
            object_id=str(account.pk),
            content_type__model="account",
            action=AuditEntry.Action.UPDATE,
        ).order_by("pk")
    ]
    return {
        "attempts": sum(outcomes.values()),
        "outcomes": dict(outcomes),
        "seconds": round(seconds, 1),
        "version_gain": account.version - start_version,
        "audited_updates": len(audited),
        "lost_updates": len(set(accepted_names) - set(audited)),
        "final_name_is_last_accepted": account.name == audited[-1] if audited else None,
    }


def same_key_creates(env: dict[str, str], token: str, creates: int, clients: int) -> dict[str, Any]:
    from openprm.contacts.models import ContactPoint

    port = free_port()
    server = serve(env, port, "--no-worker")
    body = json.dumps(
        {"first_name": "Paula", "last_name": "Parallel", "email": "paula@parallel.example"}
    )
    statuses: Counter[str] = Counter()
    guard = threading.Lock()
    remaining = iter(range(creates))
    start = threading.Barrier(clients)

    def client() -> None:
        start.wait()
        while True:
            with guard:
                if next(remaining, None) is None:
                    return
            outcome = post_contact(port, token, body, timeout=120)
            with guard:
                statuses[outcome] += 1

    began = time.perf_counter()
    try:
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        stop(server)
    return {
        "requests": sum(statuses.values()),
        "statuses": dict(statuses),
        "seconds": round(time.perf_counter() - began, 1),
        "rows": ContactPoint.objects.filter(email="paula@parallel.example").count(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="", help="PostgreSQL URL; default SQLite")
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--creates", type=int, default=1_000)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--work-dir", default="")
    args = parser.parse_args(argv)
    work = Path(args.work_dir or tempfile.mkdtemp(prefix="openprm-concurrency-"))
    env = prepare(work, args.database_url)
    token = fixtures(env)["token"]
    os.environ.update(env)

    import django

    django.setup()
    result = {
        "database": "postgresql" if args.database_url else "sqlite",
        "version_claims": version_claims(args.updates, args.threads),
        "same_key_creates": same_key_creates(env, token, args.creates, args.clients),
    }
    (work / "concurrency.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
