"""The contact lists (CON-3, CON-7, CON-8, CUS-10): what each shows,
exports, sorts and filters by, declared once for the page, the files, the
background export and the API."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from openprm.contacts import selectors
from openprm.contacts.filters import ContactFilter
from openprm.contacts.models import Household, Person, Relationship, SavedSearch
from openprm.core.actor import Actor
from openprm.core.tables import Column, ListSpec, Query


def _contacts(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Person]:
    """CON-7: the saved search the query asks for, My Contacts on a first
    visit; without one, All Contacts, which needs a search term (CON-8)."""
    search = selectors.chosen_saved_search(actor=actor, params=query)
    return selectors.contact_list(actor=actor, filters=filters, params=query, saved_search=search)


def _customers(person: Person) -> str:
    return ", ".join(r.account.name for r in person.customer_relationships)


CONTACTS = ListSpec(
    name="contacts.contacts",
    select=_contacts,
    columns=(
        Column(
            "favorite",
            mark_safe(  # noqa: S308  a constant label, translated
                format_lazy('<span class="visually-hidden">{}</span>', _("Favorite"))
            ),
            cell="contacts/cells/favorite.html",
            exported=False,
        ),
        Column(
            "name",
            _("Name"),
            sort=("last_name_search", "name_search"),
            cell="contacts/cells/contact_name.html",
            exported=False,
        ),
        Column("salutation", _("Salutation"), shown=False),
        Column("first_name", _("First name"), shown=False),
        Column("last_name", _("Last name"), shown=False),
        Column("kind", _("Kind"), lambda p: p.get_kind_display(), sort="kind"),
        Column("job_title", _("Job title")),
        Column("email", _("E-mail"), lambda p: p.primary_email),
        Column("phone", _("Phone"), lambda p: p.primary_phone),
        Column("key_contact", _("Key contact"), lambda p: p.is_key_contact, shown=False),
        Column("customers", _("Customers"), _customers, cell="contacts/cells/customers.html"),
    ),
    filters=ContactFilter,
    default_sort="name",
    sorts={"first_name": ("name_search",), "created": ("created_at",)},
    filename="contacts",
    count=False,
)


def _account_contacts(
    *, actor: Actor, filters: Any, query: Query, account_id: int, **scope: Any
) -> QuerySet[Relationship]:
    account = selectors.account_get(actor=actor, pk=account_id)
    return selectors.account_contact_list(actor=actor, account=account)


ACCOUNT_CONTACTS = ListSpec(
    name="contacts.account_contacts",
    select=_account_contacts,
    columns=(
        Column(
            "name",
            _("Name"),
            sort=("person__last_name_search", "person__name_search"),
            cell="contacts/cells/account_contact_name.html",
            exported=False,
        ),
        Column("first_name", _("First name"), lambda r: r.person.first_name, shown=False),
        Column("last_name", _("Last name"), lambda r: r.person.last_name, shown=False),
        Column("relationship", _("Relationship"), lambda r: r.get_relationship_type_display()),
        Column("job_title", _("Job title"), lambda r: r.job_title or r.person.job_title),
        Column("email", _("E-mail"), lambda r: r.person.primary_email),
        Column("phone", _("Phone"), lambda r: r.person.primary_phone),
        Column("key_contact", _("Key contact"), lambda r: r.person.is_key_contact, shown=False),
        Column(
            "primary",
            _("Primary contact"),
            lambda r: r.is_primary_contact,
            sort=("-is_primary_contact", "person__last_name_search"),
            cell="contacts/cells/primary_contact.html",
        ),
    ),
    default_sort="primary",
    filename="account-{account_id}-contacts",
)


def household_url(household: Household) -> str:
    return reverse("contacts:household_detail", kwargs={"pk": household.pk})


def _households(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Household]:
    return selectors.household_list(actor=actor, q=query.get("q", ""))


HOUSEHOLDS = ListSpec(
    name="contacts.households",
    select=_households,
    columns=(
        Column("name", _("Name"), sort="name_search", link=household_url),
        Column(
            "members",
            _("Members"),
            lambda h: ", ".join(m.person.full_name for m in h.memberships.all()),
        ),
    ),
    default_sort="name",
    filename="households",
)


def _saved_searches(
    *, actor: Actor, filters: Any, query: Query, **scope: Any
) -> QuerySet[SavedSearch]:
    return selectors.saved_search_list(actor=actor)


SAVED_SEARCHES = ListSpec(
    name="contacts.saved_searches",
    select=_saved_searches,
    columns=(
        Column("name", _("Name"), sort="name"),
        Column("predefined", _("Predefined")),
        Column("criteria", _("Criteria")),
    ),
    default_sort="position",
    sorts={"position": ("position", "name")},
)
