"""Writing a batch of accepted accounts, each with its creation entry and
its import key; a parent this run wrote before is linked at once."""

from openprm.customers.models import Account
from openprm.imports.audit import AuditBatch
from openprm.imports.bulk import TableWriter, reserve_ids
from openprm.imports.kinds.accounts.duplicates import Accepted
from openprm.imports.kinds.base import ImportContext
from openprm.imports.kinds.refs import ACCOUNT_MODEL
from openprm.imports.models import ImportKey


def insert(ctx: ImportContext, accepted: Accepted, keys: dict[int, str]) -> None:
    if not accepted:
        return
    ids = reserve_ids(Account, len(accepted))
    audit = AuditBatch(ctx.actor)
    accounts, import_keys = [], []
    inserted: dict[str, int] = ctx.seen["inserted"]
    for (row, clean, new_key), pk in zip(accepted, ids, strict=True):
        parent_ref = clean.pop("parent_ref")
        # A parent written earlier in this run is linked now; `finish`
        # still checks every link of the job for cycles (CUS-6).
        account = {"id": pk, **clean, "parent_id": inserted.get(parent_ref)}
        accounts.append(account)
        if keys[row.line].startswith("ext:"):
            inserted[keys[row.line]] = pk
        snapshot = {
            k: v
            for k, v in account.items()
            if k not in ("id", "name_search") and v not in ("", None)
        }
        snapshot["owner"] = snapshot.pop("owner_id", None)
        if account["parent_id"]:
            snapshot["parent"] = snapshot.pop("parent_id")
        if clean["annual_revenue"] is not None:
            snapshot["annual_revenue"] = str(clean["annual_revenue"])
        snapshot["is_active"] = True
        audit.created(Account, pk, clean["name"], snapshot)
        if new_key:
            import_keys.append(
                {
                    "model": ACCOUNT_MODEL,
                    "key": keys[row.line],
                    "object_id": pk,
                    "job_id": ctx.job.pk,
                    "user_id": ctx.actor.pk,
                    "line": row.line,
                    "parent_key": parent_ref,
                }
            )
    TableWriter(Account).insert(accounts)
    TableWriter(ImportKey).insert(import_keys)
    audit.flush()
    ctx.seen["statistics"].grew(Account, len(accounts))
    ctx.seen["statistics"].grew(ImportKey, len(import_keys))
