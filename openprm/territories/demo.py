"""Demo territories (TER-1..TER-3): regions by country, a nested territory
by postal code range, overlays by industry and size, and a sales channel
territory, each worked by a demo resource; then every demo account is
assigned. Accounts created later (the partners') are assigned as they are
created (TER-3), and a prospect with a complete sell-to address in one of
these countries can be converted into a sales account (CUS-3)."""

from openprm.core.actor import Actor
from openprm.demo.context import DemoContext
from openprm.territories.models import Territory, TerritoryCriterion
from openprm.territories.realignment import realign_all
from openprm.territories.services import (
    account_assign_territories,
    criterion_add,
    territory_create,
    territory_member_add,
)

Dimension = TerritoryCriterion.Dimension
TERRITORIES: tuple[tuple[str, str, str | None, tuple[tuple[str, str, str], ...], str], ...] = (
    # name, type, parent, criteria (dimension, value, up to), member
    (
        "North America",
        Territory.Type.PRIME,
        None,
        ((Dimension.COUNTRY, "US", ""), (Dimension.COUNTRY, "CA", "")),
        "sales",
    ),
    (
        "US West (ZIP 80000-99999)",
        Territory.Type.PRIME,
        "North America",
        ((Dimension.POSTAL_RANGE, "80000", "99999"),),
        "sales",
    ),
    (
        "Europe",
        Territory.Type.PRIME,
        None,
        tuple((Dimension.COUNTRY, code, "") for code in ("GB", "FR", "DE", "NL")),
        "sales2",
    ),
    ("DACH", Territory.Type.PRIME, "Europe", ((Dimension.COUNTRY, "DE", ""),), "sales2"),
    (
        "High Technology",
        Territory.Type.OVERLAY,
        None,
        ((Dimension.INDUSTRY, "TECH", ""), (Dimension.INDUSTRY, "TELECOM", "")),
        "salesadmin",
    ),
    (
        "Enterprise accounts",
        Territory.Type.OVERLAY,
        None,
        ((Dimension.SIZE, "ENTERPRISE", ""),),
        "admin",
    ),
    (
        "Channel sales",
        Territory.Type.SALES_CHANNEL_MANAGER,
        None,
        ((Dimension.COUNTRY, "US", ""), (Dimension.COUNTRY, "DE", "")),
        "cam",
    ),
)


def seed(context: DemoContext) -> None:
    actor = context.records["user:salesadmin"]
    resources = context.records.get("resources", {})
    territories: dict[str, Territory] = {}
    for name, territory_type, parent, criteria, member in TERRITORIES:
        territory = territory_create(
            actor=actor,
            data={
                "name": name,
                "territory_type": territory_type,
                "parent_id": territories[parent].pk if parent else None,
            },
        )
        for dimension, value, value_to in criteria:
            criterion_add(
                actor=actor,
                territory=territory,
                dimension=dimension,
                value=value,
                value_to=value_to,
            )
        if member in resources:
            territory_member_add(actor=actor, territory=territory, resource_id=resources[member].pk)
        territories[name] = territory
    context.records["territories"] = territories
    _assign(context, actor)


def _assign(context: DemoContext, actor: Actor) -> None:
    """TER-3: the small demo assigns each account as a user would (Assign
    Territories); the large one realigns every account in one batch."""
    if context.size != "small":
        realign_all()
        return
    for account in context.records.get("accounts", []):
        account_assign_territories(actor=actor, account_id=account.pk)
