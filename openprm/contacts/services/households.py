"""Households: customers that are groups of persons (CUS-1, CUS-10)."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openprm.contacts.errors import ContactErrorCode
from openprm.contacts.models import Household, HouseholdMembership, Person
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.records import record_create, record_delete, record_update


def _checked_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(field_errors={"name": [_("This field is required.")]})
    return name


def household_create(*, actor: Actor, name: str, members: Iterable[Person] = ()) -> Household:
    access.require_create(actor, Household)
    owner = actor.user
    with transaction.atomic():
        household = record_create(
            actor=actor, instance=Household(name=_checked_name(name), owner=owner)
        )
        for person in members:
            household_add_member(actor=actor, household=household, person=person)
    return household


def household_update(
    *, actor: Actor, household: Household, changes: Mapping[str, Any], expected_version: int | None
) -> Household:
    household = access.get_visible(Household, actor, household.pk)
    unknown = set(changes) - {"name"}
    if unknown:
        raise ValidationFailed(
            field_errors={k: [_("This field cannot be changed.")] for k in sorted(unknown)}
        )
    values = {"name": _checked_name(changes["name"])} if "name" in changes else {}
    return record_update(
        actor=actor, instance=household, changes=values, expected_version=expected_version
    )


def household_add_member(
    *,
    actor: Actor,
    household: Household,
    person: Person,
    role: str = HouseholdMembership.Role.MEMBER,
) -> HouseholdMembership:
    household = access.get_visible(Household, actor, household.pk)
    person = access.get_visible(Person, actor, person.pk)
    if role not in HouseholdMembership.Role.values:
        raise ValidationFailed(field_errors={"role": [_("Unknown role.")]})
    if HouseholdMembership.objects.filter(household=household, person=person).exists():
        raise Conflict(
            _("This contact is already a member."), code=ContactErrorCode.HOUSEHOLD_MEMBER_EXISTS
        )
    return record_create(
        actor=actor,
        instance=HouseholdMembership(household=household, person=person, role=role),
    )


def household_remove_member(*, actor: Actor, membership: HouseholdMembership) -> None:
    membership = access.get_visible(HouseholdMembership, actor, membership.pk)
    access.require(actor, "delete", membership)
    record_delete(actor=actor, instance=membership)


def household_delete(*, actor: Actor, household: Household) -> None:
    """CUS-10: the memberships are severed; the members remain as individual
    contacts."""
    household = access.get_visible(Household, actor, household.pk)
    access.require(actor, "delete", household)
    for membership in household.memberships.all():
        record_delete(actor=actor, instance=membership)
    record_delete(actor=actor, instance=household)
