"""Every write on territories, their criteria and members (TER-1..TER-3).
Territory setup needs Manage Territories.

Each write reads its record through the access scope before it checks the
privilege: a record the actor cannot see is 404 like a missing one (TEAM-5),
a visible one without the privilege 403 naming it (PLAT-2)."""

from collections.abc import Callable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.places import country_code, has_regions, region_code, region_code_anywhere
from openprm.core.privileges import require_privilege
from openprm.core.records import record_create, record_delete, record_update
from openprm.customers.models import Account
from openprm.identity.models import Resource
from openprm.territories.assignment import sync_territory_team_members
from openprm.territories.catalog import MANAGE_TERRITORIES
from openprm.territories.errors import TerritoryErrorCode
from openprm.territories.models import (
    Territory,
    TerritoryCriterion,
    TerritoryMember,
)

PartnerResourceCheck = Callable[[Resource, Account], bool]
_partner_resource_checks: list[PartnerResourceCheck] = []
TERRITORY_FIELDS = frozenset(
    {"name", "territory_type", "parent_id", "partner_id", "description", "active"}
)


def register_partner_resource_check(check: PartnerResourceCheck) -> None:
    """THE HOOK FOR THE PARTNERS APP (TER-1): decide whether a partner resource
    belongs to a partner. Until it registers one, any partner resource may
    join any partner territory."""
    _partner_resource_checks[:] = [check]


def _resource_belongs_to(resource: Resource, partner: Account) -> bool:
    return all(check(resource, partner) for check in _partner_resource_checks)


def _ancestor_ids(territory_id: int) -> list[int]:
    """The territory and its ancestors, one small query per level."""
    chain: list[int] = []
    current: int | None = territory_id
    while current is not None and current not in chain:
        row = Territory.objects.filter(pk=current).values_list("parent_id", flat=True)
        if not row.exists():
            break
        chain.append(current)
        current = row.first()
    return chain


def _check_territory(territory: Territory) -> None:
    """TER-1: partner territories belong to a partner account; internal ones don't."""
    errors: dict[str, list[str]] = {}
    if not territory.name.strip():
        errors["name"] = [_("This field is required.")]
    if territory.territory_type not in Territory.Type.values:
        errors["territory_type"] = [_("Choose a territory type.")]
    if territory.is_partner_territory:
        partner = (
            Account.objects.filter(pk=territory.partner_id, is_active=True).first()
            if territory.partner_id
            else None
        )
        if partner is None or partner.account_type != Account.AccountType.PARTNER:
            errors["partner_id"] = [_("A partner territory needs a partner account.")]
    elif territory.partner_id is not None:
        errors["partner_id"] = [_("Only partner territories have a partner.")]
    if territory.parent_id is not None:
        ancestors = _ancestor_ids(territory.parent_id)
        if not ancestors:
            errors["parent_id"] = [_("Unknown territory.")]
        elif territory.pk in ancestors:
            errors["parent_id"] = [_("A territory cannot be nested inside itself.")]
    if errors:
        raise ValidationFailed(field_errors=errors)


def _values(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(data) - TERRITORY_FIELDS)
    if unknown:
        raise ValidationFailed(
            field_errors={name: [_("This field cannot be set here.")] for name in unknown}
        )
    values = dict(data)
    for name in ("parent_id", "partner_id"):
        if name in values and values[name] in ("", None):
            values[name] = None
    for name in ("name", "description"):
        if name in values:
            values[name] = str(values[name] or "").strip()
    return values


def territory_create(*, actor: Actor, data: Mapping[str, Any]) -> Territory:
    access.require_create(actor, Territory)
    territory = Territory(**_values(data))
    _check_territory(territory)
    return record_create(actor=actor, instance=territory)


def territory_update(
    *, actor: Actor, territory: Territory, changes: Mapping[str, Any], expected_version: int
) -> Territory:
    """Changing a territory takes effect on accounts at the next assignment
    or realignment (TER-3)."""
    territory = access.get_visible(Territory, actor, territory.pk)
    access.require(actor, "change", territory)
    values = _values(changes)
    probe = Territory(pk=territory.pk, **{**_current(territory), **values})
    _check_territory(probe)
    if probe.is_partner_territory != territory.is_partner_territory and territory.members.exists():
        raise Conflict(_("Remove the members before changing between internal and partner."))
    return record_update(
        actor=actor, instance=territory, changes=values, expected_version=expected_version
    )


def _current(territory: Territory) -> dict[str, Any]:
    return {name: getattr(territory, name) for name in TERRITORY_FIELDS}


def territory_delete(*, actor: Actor, territory: Territory) -> None:
    territory = access.get_visible(Territory, actor, territory.pk)
    require_privilege(actor, MANAGE_TERRITORIES)
    if territory.children.exists():
        raise Conflict(
            _("Delete or move the nested territories first."), code=TerritoryErrorCode.HAS_CHILDREN
        )
    with transaction.atomic():
        affected = list(territory.account_assignments.values_list("account_id", flat=True))
        record_delete(actor=actor, instance=territory)
        sync_territory_team_members(affected)


def criterion_add(
    *, actor: Actor, territory: Territory, dimension: str, value: str, value_to: str = ""
) -> TerritoryCriterion:
    """TER-2: one accepted value of country, region, postal range, industry or size."""
    territory = access.get_visible(Territory, actor, territory.pk)
    require_privilege(actor, MANAGE_TERRITORIES)
    value, value_to = str(value or "").strip(), str(value_to or "").strip()
    errors: dict[str, list[str]] = {}
    if dimension not in TerritoryCriterion.Dimension.values:
        errors["dimension"] = [_("Choose country, region, postal range, industry or size.")]
    if not value:
        errors["value"] = [_("This field is required.")]
    if value and dimension == TerritoryCriterion.Dimension.COUNTRY:
        value = country_code(value) or value
        if country_code(value) != value:
            message = _("“%(value)s” is not a country we know: write its name or ISO code.")
            errors["value"] = [message % {"value": value}]
    if value and dimension == TerritoryCriterion.Dimension.REGION:
        value, region_errors = _criterion_region(territory, value)
        errors.update(region_errors)
    if dimension != TerritoryCriterion.Dimension.POSTAL_RANGE and value_to:
        errors["value_to"] = [_("Only a postal code range has an upper bound.")]
    if value_to and value and value_to < value:
        errors["value_to"] = [_("The range ends before it starts.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    criterion = TerritoryCriterion(
        territory=territory, dimension=dimension, value=value, value_to=value_to
    )
    return record_create(actor=actor, instance=criterion)


def _criterion_region(territory: Territory, value: str) -> tuple[str, dict[str, list[str]]]:
    """A region criterion as the ISO 3166-2 code account regions are stored
    in (`core.places`), so "Bayern" and "BY" match the same accounts: read
    in the countries the territory and its parents are limited to, else
    wherever the name is unique; text for countries without subdivisions."""
    countries = _criterion_countries(territory)
    if countries:
        found = {region_code(country, value) for country in countries} - {None}
        codes = {code for code in found if code and "-" in code}
        if len(codes) == 1:
            return codes.pop(), {}
        if not any(has_regions(country) for country in countries):
            return value, {}
    else:
        code = region_code_anywhere(value)
        if code:
            return code, {}
    message = _(
        "“%(value)s” is not a region we know here: write its ISO 3166-2 code (such as "
        "DE-BY), or limit the territory to its country first."
    )
    return value, {"value": [message % {"value": value}]}


def _criterion_countries(territory: Territory) -> set[str]:
    """The country criteria of `territory` and its parents (TER-2)."""
    countries: set[str] = set()
    current: Territory | None = territory
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        countries |= set(
            current.criteria.filter(dimension=TerritoryCriterion.Dimension.COUNTRY).values_list(
                "value", flat=True
            )
        )
        current = current.parent
    return countries


def criterion_remove(*, actor: Actor, criterion: TerritoryCriterion) -> None:
    criterion = access.get_visible(TerritoryCriterion, actor, criterion.pk)
    require_privilege(actor, MANAGE_TERRITORIES)
    record_delete(actor=actor, instance=criterion)


def territory_member_add(
    *, actor: Actor, territory: Territory, resource_id: int
) -> TerritoryMember:
    """TER-1: internal territories hold internal resources only; partner
    territories only resources of their partner."""
    territory = access.get_visible(Territory, actor, territory.pk)
    require_privilege(actor, MANAGE_TERRITORIES)
    resource = Resource.objects.filter(pk=resource_id, active=True).first()
    if resource is None:
        raise ValidationFailed(field_errors={"resource_id": [_("Choose an active resource.")]})
    if territory.is_partner_territory:
        if not resource.is_partner_resource or not _resource_belongs_to(
            resource,
            territory.partner,  # type: ignore[arg-type]
        ):
            raise ValidationFailed(
                field_errors={"resource_id": [_("Choose a resource of this territory's partner.")]}
            )
    elif resource.is_partner_resource:
        raise ValidationFailed(
            field_errors={"resource_id": [_("Internal territories hold internal resources only.")]}
        )
    if territory.members.filter(resource=resource).exists():
        raise Conflict(
            _("This resource is already a member."), code=TerritoryErrorCode.ALREADY_MEMBER
        )
    with transaction.atomic():
        member = record_create(
            actor=actor, instance=TerritoryMember(territory=territory, resource=resource)
        )
        sync_territory_team_members(
            territory.account_assignments.values_list("account_id", flat=True)
        )
    return member


def territory_member_remove(*, actor: Actor, member: TerritoryMember) -> None:
    """TEAM-3: the resource loses what this territory gave, except locked team members."""
    member = access.get_visible(TerritoryMember, actor, member.pk)
    require_privilege(actor, MANAGE_TERRITORIES)
    with transaction.atomic():
        affected = list(member.territory.account_assignments.values_list("account_id", flat=True))
        record_delete(actor=actor, instance=member)
        sync_territory_team_members(affected)
