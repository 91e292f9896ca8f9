"""The contacts app's blocks of the home page (core.home): your contacts
(My Contacts, CON-7) and the latest changes to the accounts and contacts
you may see (PLAT-5)."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from openprm.contacts.models import Favorite, Person
from openprm.contacts.selectors import (
    MY_CONTACTS,
    MY_FAVORITES,
    predefined_search_q,
    saved_search_by_code,
)
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.audit.models import AuditEntry
from openprm.customers.models import Account
from openprm.identity.models import Resource

FIRST = 5
CHANGES = 8
CHANGES_SCANNED = 200
"""Recent changes look at the newest entries only: a user who may see few
of them gets a shorter block, never a slow home page."""
RECORD_PAGES = {Account: "customers:account_detail", Person: "contacts:contact_detail"}


def my_contacts(*, actor: Actor) -> dict[str, Any]:
    """CON-7: the first contacts of My Contacts (the contacts of the sales
    accounts the actor owns), the list every user opens first, and how many
    favorites the actor marked (CON-6). Nothing is read for an actor who
    owns no sales account: My Contacts is empty by definition."""
    owns = access.visible(Account, actor).filter(owner_id=actor.pk, is_sales_account=True)
    contacts: list[Person] = []
    if owns.exists():
        mine = access.visible(Person, actor).filter(
            predefined_search_q(MY_CONTACTS, actor), is_active=True
        )
        ordered = mine.only("first_name", "last_name", "job_title").order_by(
            "last_name_search", "name_search", "pk"
        )
        contacts = list(ordered[:FIRST])
    listed = reverse("contacts:contact_list")
    favorites = saved_search_by_code(MY_FAVORITES)
    return {
        "contacts": contacts,
        "favorites": access.visible(Favorite, actor).count(),
        "list_url": listed,
        "favorites_url": f"{listed}?saved_search={favorites.pk}" if favorites else listed,
    }


def recent_changes(*, actor: Actor) -> dict[str, Any]:
    """PLAT-5: the newest creates, updates and deletes of accounts and
    contacts the actor may see now, by whom and when: the newest entries'
    records are checked for visibility (TEAM-5: a change to a record the
    actor cannot see is not shown) and only the shown entries are read in
    full, with their authors' names; five queries whatever the actor sees."""
    types = ContentType.objects.get_for_models(*RECORD_PAGES)
    model_of = {content_type.pk: model for model, content_type in types.items()}
    entries = access.unscoped(AuditEntry).filter(content_type__in=types.values())
    newest = list(
        entries.order_by("-at", "-id").values_list("pk", "content_type_id", "object_id")[
            :CHANGES_SCANNED
        ]
    )
    wanted: dict[type[Any], set[int]] = {}
    for _pk, content_type, key in newest:
        if key.isdigit():
            wanted.setdefault(model_of[content_type], set()).add(int(key))
    visible = {
        (model, str(pk)) for model, ids in wanted.items() for pk in _visible_ids(actor, model, ids)
    }
    shown = [pk for pk, content_type, key in newest if (model_of[content_type], key) in visible]
    full = entries.in_bulk(shown[:CHANGES])
    authors = _author_names(actor, {full[pk].actor_id for pk in shown[:CHANGES]})
    return {
        "changes": [
            _change(full[pk], model_of[full[pk].content_type_id], authors) for pk in shown[:CHANGES]
        ]
    }


def _author_names(actor: Actor, user_ids: set[int | None]) -> dict[int, str]:
    """The people who made the changes, by their names as resources (every
    internal user reads those, as team pickers show them); an author with
    no resource keeps the sign-in name the entry recorded."""
    wanted = {pk for pk in user_ids if pk is not None}
    if not wanted:
        return {}
    people = access.visible(Resource, actor).filter(user_id__in=wanted)
    return dict(people.values_list("user_id", "name"))


def _visible_ids(actor: Actor, model: type[Any], ids: set[int]) -> list[int]:
    with access.by_primary_key():
        rows = access.visible(model, actor)
    return list(rows.filter(pk__in=ids).values_list("pk", flat=True))


def _change(entry: AuditEntry, model: type[Any], authors: dict[int, str]) -> dict[str, Any]:
    return {
        "entry": entry,
        "who": authors.get(entry.actor_id or 0, entry.actor_name),
        "kind": model._meta.verbose_name,
        "url": reverse(RECORD_PAGES[model], kwargs={"pk": entry.object_id}),
        "fields": sorted(entry.changes)[:4] if entry.action == AuditEntry.Action.UPDATE else [],
    }
