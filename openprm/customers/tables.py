"""The account lists (CUS-7, CUS-9, CUS-11): what each shows, exports,
sorts and filters by, declared once for the page, the files, the background
export and the API."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.places import region_name
from openprm.core.tables import Column, ListSpec, Query
from openprm.customers import selectors
from openprm.customers.filters import AccountFilter, LegalEntityFilter
from openprm.customers.models import Account, LegalEntity

CUSTOM_PREFIX = "custom."


def custom_params(query: Query) -> dict[str, str]:
    """`custom.<name>=value` filters by a custom field (PLAT-3)."""
    return {
        k.removeprefix(CUSTOM_PREFIX): v
        for k, v in query.items()
        if k.startswith(CUSTOM_PREFIX) and v
    }


def account_url(account: Account) -> str:
    return reverse("customers:account_detail", kwargs={"pk": account.pk})


def _owner(account: Account) -> str:
    owner = account.owner
    return owner.display_name if owner else ""


ACCOUNT_COLUMNS = (
    Column("id", _("ID"), lambda a: a.pk, shown=False),
    Column("name", _("Name"), sort="name_search", cell="customers/cells/account_name.html"),
    Column("type", _("Type"), lambda a: a.get_account_type_display(), sort="account_type"),
    Column("sales_account", _("Sales account"), lambda a: a.is_sales_account, shown=False),
    Column("owner", _("Owner"), _owner, sort="owner_id", exported=False),
    Column(
        "owner_username",
        _("Owner"),
        lambda a: a.owner.username if a.owner else "",
        shown=False,
    ),
    Column(
        "parent", _("Parent"), lambda a: a.parent_name or "", cell="customers/cells/parent.html"
    ),
    Column("phone", _("Phone"), shown=False),
    Column("website", _("Web site"), shown=False),
    Column("tax_id", _("Tax ID"), shown=False),
    Column("city", _("City"), shown=False),
    Column("region", _("Region"), lambda a: region_name(a.region), sort="region"),
    Column("postal_code", _("Postal code"), sort="postal_code"),
    Column("country", _("Country"), lambda a: a.country.name, sort="country", exported=False),
    Column("country_code", _("Country"), lambda a: a.country.code or "", shown=False),
    Column("annual_revenue", _("Annual revenue"), shown=False),
    Column("currency", _("Currency"), shown=False),
    Column("custom", _("Custom fields"), lambda a: a.custom or "", shown=False),
)


def _accounts(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Account]:
    return selectors.account_list(actor=actor, filters=filters, custom=custom_params(query))


def _customers(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Account]:
    return selectors.customer_overview(actor=actor, filters=filters, custom=custom_params(query))


ACCOUNTS = ListSpec(
    name="customers.accounts",
    select=_accounts,
    columns=ACCOUNT_COLUMNS,
    filters=AccountFilter,
    default_sort="name",
    filename="accounts",
    count=False,
)
CUSTOMERS = ListSpec(
    name="customers.customers",
    select=_customers,
    columns=ACCOUNT_COLUMNS,
    filters=AccountFilter,
    default_sort="name",
    filename="customers",
    count=False,
)


def _deleted(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Account]:
    return selectors.deleted_account_list(actor=actor, q=query.get("q", ""))


DELETED_ACCOUNTS = ListSpec(
    name="customers.deleted_accounts",
    select=_deleted,
    columns=(
        Column("id", _("ID"), lambda a: a.pk, shown=False),
        Column("name", _("Name"), sort="name_search"),
        Column("type", _("Type"), lambda a: a.get_account_type_display()),
        Column("deleted", _("Deleted"), lambda a: a.deleted_at, sort="deleted_at"),
        Column("by", _("By"), lambda a: a.deleted_by.display_name if a.deleted_by else ""),
        Column("restore", "", cell="customers/cells/restore.html", exported=False),
    ),
    default_sort="-deleted",
    filename="deleted-accounts",
)


def _legal_entities(
    *, actor: Actor, filters: Any, query: Query, **scope: Any
) -> QuerySet[LegalEntity]:
    return selectors.legal_entity_list(actor=actor, filters=filters)


LEGAL_ENTITIES = ListSpec(
    name="customers.legal_entities",
    select=_legal_entities,
    columns=(
        Column("id", _("ID"), lambda e: e.pk, shown=False),
        Column("name", _("Name"), sort="name_search"),
        Column("kind", _("Kind"), lambda e: e.get_kind_display(), sort="kind"),
        Column("accounts", "", cell="customers/cells/legal_entity_accounts.html", exported=False),
    ),
    filters=LegalEntityFilter,
    default_sort="name",
    filename="legal-entities",
)
