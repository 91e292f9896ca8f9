"""The territory lists (TER-1, TER-3): the territories, the accounts holding
one and the territories of an account, declared once for the pages, the
files, the background export and the API."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.tables import Column, ListSpec, Query
from openprm.territories import selectors
from openprm.territories.filters import TerritoryFilter
from openprm.territories.models import AccountTerritory, Territory


def territory_url(territory: Territory) -> str:
    return reverse("territories:territory_detail", kwargs={"pk": territory.pk})


def _territories(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Territory]:
    return selectors.territory_list(actor=actor, filters=filters)


TERRITORIES = ListSpec(
    name="territories.territories",
    select=_territories,
    columns=(
        Column("id", _("ID"), lambda t: t.pk, shown=False),
        Column("name", _("Name"), sort="name", link=territory_url),
        Column("type", _("Type"), lambda t: t.get_territory_type_display(), sort="territory_type"),
        Column(
            "parent",
            _("Parent"),
            lambda t: t.parent.name if t.parent else "",
            cell="territories/cells/parent.html",
        ),
        Column("partner", _("Partner"), lambda t: t.partner.name if t.partner else ""),
        Column("active", _("Active"), sort="active", cell="territories/cells/active.html"),
    ),
    filters=TerritoryFilter,
    default_sort="name",
    filename="territories",
)


def _territory_accounts(
    *, actor: Actor, filters: Any, query: Query, territory_id: int, **scope: Any
) -> QuerySet[AccountTerritory]:
    """TEAM-5: only the accounts the actor may see; an invisible territory
    is NotFound."""
    territory = selectors.territory_get(actor=actor, pk=territory_id)
    return selectors.territory_accounts(actor=actor, territory=territory)


TERRITORY_ACCOUNTS = ListSpec(
    name="territories.territory_accounts",
    select=_territory_accounts,
    columns=(
        Column("account_id", _("Account ID"), shown=False),
        Column(
            "account",
            _("Account"),
            lambda a: a.account.name,
            link=lambda a: reverse("customers:account_detail", kwargs={"pk": a.account_id}),
        ),
        Column("source", _("Source"), lambda a: a.get_source_display()),
    ),
    sorts={"account": ("account__name_search",)},
    default_sort="account",
    filename="territory-{territory_id}-accounts",
)


def _account_territories(
    *, actor: Actor, filters: Any, query: Query, account_id: int, **scope: Any
) -> QuerySet[AccountTerritory]:
    return selectors.account_territory_list(actor=actor, account_id=account_id)


ACCOUNT_TERRITORIES = ListSpec(
    name="territories.account_territories",
    select=_account_territories,
    columns=(
        Column(
            "territory",
            _("Territory"),
            lambda a: a.territory.name,
            link=lambda a: reverse("territories:territory_detail", kwargs={"pk": a.territory_id}),
        ),
        Column("type", _("Type"), lambda a: a.territory.get_territory_type_display()),
        Column("source", _("Source"), lambda a: a.get_source_display()),
    ),
    sorts={"territory": ("territory__name",)},
    default_sort="territory",
)
