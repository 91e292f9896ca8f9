"""The second pass of an account import (CUS-6): link the parents not linked
on insert, then remove the rows whose parent was rejected or that close a
cycle, with their descendants and everything the import wrote for them."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.audit.models import AuditEntry
from openprm.customers.models import Account
from openprm.imports.audit import AuditBatch
from openprm.imports.kinds.accounts.rows import cycle_message
from openprm.imports.kinds.base import BatchResult, ImportContext
from openprm.imports.kinds.refs import ACCOUNT_MODEL, keys_to_ids
from openprm.imports.models import ImportKey, RejectedRow, RowWarning
from openprm.imports.readers import read_table

LINK_BATCH = 2000


def link_parents(ctx: ImportContext, result: BatchResult) -> None:
    """Second pass: link the parents not linked on insert, then remove
    rows whose parent was rejected or that close a cycle (CUS-6), with
    their descendants."""
    job_keys = list(
        access.unscoped(ImportKey)
        .filter(job=ctx.job, model=ACCOUNT_MODEL)
        .values_list("object_id", "parent_key", "line", "key")
    )
    pending = [(pk, ref, line) for pk, ref, line, _key in job_keys if ref]
    if not pending:
        return
    by_ext = {key: pk for pk, _ref, _line, key in job_keys if key.startswith("ext:")}
    by_ext.update(
        keys_to_ids(
            ctx.actor,
            ACCOUNT_MODEL,
            (r for _pk, r, _l in pending if r.startswith("ext:") and r not in by_ext),
        )
    )
    names = {r.removeprefix("name:") for _pk, r, _l in pending if r.startswith("name:")}
    by_name: dict[str, list[int]] = defaultdict(list)
    for pk, key in (
        access.visible(Account, ctx.actor)
        .filter(name_search__in=names)
        .values_list("pk", "name_search")
    ):
        by_name[key].append(pk)
    parent_of: dict[int, int] = {}
    failed: dict[int, str] = {}
    for pk, ref, _line in pending:
        if ref.startswith("ext:"):
            target = by_ext.get(ref)
        else:
            matches = by_name.get(ref.removeprefix("name:"), [])
            target = matches[0] if len(matches) == 1 else None
            if len(matches) > 1:
                failed[pk] = _("Several accounts have the parent's name; use the parent ID.")
                continue
        if target is None:
            failed[pk] = _("The parent account was not imported.")
        else:
            parent_of[pk] = target
    failed.update(_cycles(parent_of))
    failed.update(_orphans(parent_of, failed))
    links = [(parent, pk) for pk, parent in parent_of.items() if pk not in failed]
    for start in range(0, len(links), LINK_BATCH):
        chunk = links[start : start + LINK_BATCH]
        linked = dict(
            access.unscoped(Account)
            .filter(pk__in=[pk for _parent, pk in chunk])
            .values_list("pk", "parent_id")
        )
        chunk = [(parent, pk) for parent, pk in chunk if linked.get(pk) != parent]
        audit = AuditBatch(ctx.actor)
        with transaction.atomic():
            _update_parents(chunk)
            for parent, pk in chunk:
                audit.updated(Account, pk, "", {"parent": [None, parent]})
            audit.flush()
    if failed:
        _remove(ctx, failed, {pk: line for pk, _r, line in pending}, result)


def _cycles(parent_of: dict[int, int]) -> dict[int, str]:
    failed: dict[int, str] = {}
    state: dict[int, int] = {}
    for start in parent_of:
        path: list[int] = []
        node: int | None = start
        while node is not None and node in parent_of and state.get(node, 0) == 0:
            state[node] = 1
            path.append(node)
            node = parent_of[node]
        if node is not None and state.get(node) == 1:
            cycle = path[path.index(node) :]
            for member in cycle:
                failed[member] = cycle_message()
        for member in path:
            state[member] = 2
    return failed


def _orphans(parent_of: dict[int, int], failed: dict[int, str]) -> dict[int, str]:
    """Descendants of removed rows go too: their parent no longer exists."""
    removed = dict(failed)
    changed = True
    while changed:
        changed = False
        for pk, parent in parent_of.items():
            if pk not in removed and parent in removed:
                removed[pk] = _("The parent account was not imported.")
                changed = True
    return {pk: reason for pk, reason in removed.items() if pk not in failed}


def _remove(
    ctx: ImportContext, failed: dict[int, str], lines: dict[int, int], result: BatchResult
) -> None:
    ids = list(failed)
    wanted = {lines[pk]: pk for pk in ids}
    raw: dict[int, list[str]] = {}
    _header, rows = read_table(ctx.job.file.path, ctx.job.original_name)
    for row in rows:
        if row.line in wanted:
            raw[row.line] = row.values
    content_type = ContentType.objects.get_for_model(Account, for_concrete_model=False)
    with transaction.atomic():
        for start in range(0, len(ids), LINK_BATCH):
            chunk = ids[start : start + LINK_BATCH]
            Account.objects.filter(pk__in=chunk).update(parent=None)
            access.unscoped(AuditEntry).filter(
                content_type=content_type, object_id__in=[str(pk) for pk in chunk]
            ).delete()
            access.unscoped(ImportKey).filter(model=ACCOUNT_MODEL, object_id__in=chunk).delete()
            dropped, _counts = RowWarning.objects.filter(
                job=ctx.job, line__in=[lines[pk] for pk in chunk]
            ).delete()
            ctx.job.warning_count -= dropped
            Account.objects.filter(pk__in=chunk).delete()
        RejectedRow.objects.bulk_create(
            RejectedRow(
                job=ctx.job,
                line=lines[pk],
                reasons=[f"parent: {reason}"],
                values=raw.get(lines[pk], []),
            )
            for pk, reason in failed.items()
        )
    ctx.job.accepted_rows -= len(ids)
    ctx.job.rejected_rows += len(ids)


def _update_parents(pairs: list[tuple[int, int]]) -> None:
    """One statement per chunk: on PostgreSQL an UPDATE joined to the pairs
    as arrays (executemany would be a round trip per row there)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE customers_account AS a SET parent_id = p.parent_id "
                "FROM unnest(%s::bigint[], %s::bigint[]) AS p(parent_id, id) WHERE a.id = p.id",
                [[parent for parent, _pk in pairs], [pk for _parent, pk in pairs]],
            )
            return
        cursor.executemany("UPDATE customers_account SET parent_id = %s WHERE id = %s", pairs)
