"""Resolving references in imported rows (a contact's customer, an account's
parent) with one query per batch: by external id through ImportKey, or by
the normalized name among the accounts the actor may see."""

from collections.abc import Iterable

from openprm.core import access
from openprm.core.actor import Actor
from openprm.customers.models import Account
from openprm.imports.bulk import fetch, in_values
from openprm.imports.models import ImportJob, ImportKey

ACCOUNT_MODEL = "customers.account"
EXT_PREFIX = "ext:"


def ext_key(external_id: str) -> str:
    return f"{EXT_PREFIX}{external_id.strip()}"


def keys_to_ids(actor: Actor, model: str, keys: Iterable[str]) -> dict[str, int]:
    """Records `actor` imported earlier under these keys."""
    wanted = list(set(keys))
    if not wanted:
        return {}
    condition, params = in_values("key", wanted)
    return dict(
        fetch(
            f"SELECT key, object_id FROM {ImportKey._meta.db_table} "  # noqa: S608
            f"WHERE model = %s AND user_id = %s AND {condition}",
            [model, actor.pk, *params],
        )
    )


def keys_imported(
    actor: Actor, model: str, keys: Iterable[str], job: ImportJob
) -> tuple[dict[str, int], set[str]]:
    """Of `keys`, those an earlier import of `actor` wrote, with their ids
    (their rows are skipped: the file was imported before), and those
    `job` itself wrote already (a later row with such a key is the same
    record only when the key is an external id)."""
    wanted = list(set(keys))
    if not wanted:
        return {}, set()
    condition, params = in_values("key", wanted)
    earlier: dict[str, int] = {}
    own: set[str] = set()
    for key, object_id, job_id in fetch(
        f"SELECT key, object_id, job_id FROM {ImportKey._meta.db_table} "  # noqa: S608
        f"WHERE model = %s AND user_id = %s AND {condition}",
        [model, actor.pk, *params],
    ):
        if job_id == job.pk:
            own.add(key)
        else:
            earlier[key] = object_id
    return earlier, own


def visible_accounts(
    actor: Actor, *, ids: Iterable[int] = (), name_keys: Iterable[str] = ()
) -> tuple[dict[int, str], dict[str, list[tuple[int, str]]]]:
    """Visible accounts among `ids` and whose `name_search` is in `name_keys`:
    `{id: country}` and `{name_key: [(id, country)]}`."""
    id_list, name_list = list(set(ids)), list(set(name_keys))
    by_id: dict[int, str] = {}
    by_name: dict[str, list[tuple[int, str]]] = {}
    if not id_list and not name_list:
        return by_id, by_name
    queryset = access.visible(Account, actor).order_by()
    if id_list:
        for pk, country in queryset.filter(pk__in=id_list).values_list("pk", "country"):
            by_id[pk] = country or ""
    if name_list:
        rows = queryset.filter(name_search__in=name_list).values_list(
            "pk", "name_search", "country"
        )
        for pk, key, country in rows:
            by_name.setdefault(key, []).append((pk, country or ""))
    return by_id, by_name
