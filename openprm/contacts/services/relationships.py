"""Relationships to customers and to other contacts (CON-1, CON-3, CON-4, CON-12)."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openprm.contacts.errors import ContactErrorCode
from openprm.contacts.events import RelationshipPrimaryPointSet
from openprm.contacts.models import ContactPoint, Person, Relationship, RelationshipContactPoint
from openprm.contacts.policies.edit_rules import person_get_for_edit
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, PermissionRefused, ValidationFailed
from openprm.core.events import publish
from openprm.core.records import record_create, record_delete, record_update
from openprm.customers.errors import CustomerErrorCode
from openprm.customers.models import Account
from openprm.customers.reach import account_access_level


def relationship_add(
    *,
    actor: Actor,
    person: Person,
    account: Account | None = None,
    related_person: Person | None = None,
    relationship_type: str = Relationship.Type.CONTACT,
    job_title: str = "",
) -> Relationship:
    """Relate a contact to a customer account or to another contact. Both ends
    must be visible to the actor, the actor must be allowed to edit the
    contact (TEAM-2); a pair is related at most once."""
    person = person_get_for_edit(actor, person.pk)
    return relationship_create(
        actor=actor,
        person=person,
        account=account,
        related_person=related_person,
        relationship_type=relationship_type,
        job_title=job_title,
    )


def relationship_create(
    *,
    actor: Actor,
    person: Person,
    account: Account | None = None,
    related_person: Person | None = None,
    relationship_type: str = Relationship.Type.CONTACT,
    job_title: str = "",
) -> Relationship:
    """The relationship write itself, for `relationship_add` and for
    `contact_create`, which relates the contact it is creating to each
    customer the actor chose (visible ones only)."""
    if (account is None) == (related_person is None):
        raise ValidationFailed(_("Choose either a customer or a contact to relate to."))
    if relationship_type not in Relationship.Type.values:
        raise ValidationFailed(field_errors={"relationship_type": [_("Unknown relationship.")]})
    existing = Relationship.objects.filter(person=person)
    if account is not None:
        account = access.get_visible(Account, actor, account.pk)
        existing = existing.filter(account=account)
    else:
        assert related_person is not None
        related_person = access.get_visible(Person, actor, related_person.pk)
        if related_person.pk == person.pk:
            raise ValidationFailed(
                field_errors={"related_person": [_("A contact cannot be related to itself.")]}
            )
        existing = existing.filter(related_person=related_person)
    if existing.exists():
        raise Conflict(
            _("These two are already related."), code=ContactErrorCode.RELATIONSHIP_EXISTS
        )
    return record_create(
        actor=actor,
        instance=Relationship(
            person=person,
            account=account,
            related_person=related_person,
            relationship_type=relationship_type,
            job_title=(job_title or "").strip(),
        ),
    )


def relationship_update(
    *,
    actor: Actor,
    relationship: Relationship,
    changes: Mapping[str, Any],
    expected_version: int | None,
) -> Relationship:
    relationship = access.get_visible(Relationship, actor, relationship.pk)
    access.require(actor, "change", relationship)
    unknown = set(changes) - {"relationship_type", "job_title"}
    if unknown:
        raise ValidationFailed(
            field_errors={k: [_("This field cannot be changed.")] for k in sorted(unknown)}
        )
    return record_update(
        actor=actor, instance=relationship, changes=dict(changes), expected_version=expected_version
    )


def relationship_delete(*, actor: Actor, relationship: Relationship) -> None:
    relationship = access.get_visible(Relationship, actor, relationship.pk)
    access.require(actor, "delete", relationship)
    record_delete(actor=actor, instance=relationship)


def relationships_delete_for_account(*, actor: Actor, account: Account) -> int:
    """CUS-9: system reaction to an account's soft delete. The relationships
    go; the contacts remain."""
    relationships = list(Relationship.objects.filter(account=account))
    for relationship in relationships:
        record_delete(actor=actor, instance=relationship)
    return len(relationships)


def relationship_set_primary_point(
    *, actor: Actor, relationship: Relationship, contact_point: ContactPoint
) -> RelationshipContactPoint:
    """CON-4: the contact point of its kind that is primary for this customer
    relationship only. The point must belong to the same contact."""
    relationship = access.get_visible(Relationship, actor, relationship.pk)
    access.require(actor, "change", relationship)
    if relationship.account_id is None:
        raise ValidationFailed(
            _("Only a relationship to a customer has its own primary contact points.")
        )
    if contact_point.person_id != relationship.person_id:
        raise ValidationFailed(
            field_errors={"contact_point": [_("This contact point belongs to another contact.")]}
        )
    with transaction.atomic():
        link, _created = RelationshipContactPoint.objects.update_or_create(
            relationship=relationship,
            kind=contact_point.kind,
            defaults={"contact_point": contact_point},
        )
        publish(
            RelationshipPrimaryPointSet(
                actor=actor,
                record=relationship.person,
                relationship=relationship.pk,
                kind=contact_point.kind,
                contact_point=contact_point.pk,
            )
        )
    return link


def relationship_clear_primary_point(
    *, actor: Actor, relationship: Relationship, kind: str
) -> None:
    relationship = access.get_visible(Relationship, actor, relationship.pk)
    access.require(actor, "change", relationship)
    RelationshipContactPoint.objects.filter(relationship=relationship, kind=kind).delete()


def account_set_primary_contact(*, actor: Actor, account: Account, person: Person | None) -> None:
    """CON-3: at most one primary contact per customer, designated from the
    customer's side by someone with Edit or Full access to it. `None` clears it."""
    account = access.get_visible(Account, actor, account.pk)
    if account_access_level(actor, account) not in ("full", "edit"):
        raise PermissionRefused(
            _("You need Edit or Full access to this customer to set its primary contact."),
            code=CustomerErrorCode.ACCOUNT_EDIT_ACCESS_REQUIRED,
        )
    relationship = None
    if person is not None:
        person = access.get_visible(Person, actor, person.pk)
        relationship = Relationship.objects.filter(account=account, person=person).first()
        if relationship is None:
            raise ValidationFailed(
                field_errors={"person": [_("Relate the contact to this customer first.")]}
            )
    with transaction.atomic():
        current = (
            Relationship.objects.select_for_update()
            .filter(account=account, is_primary_contact=True)
            .first()
        )
        if current is not None and current != relationship:
            record_update(
                actor=actor,
                instance=current,
                changes={"is_primary_contact": False},
                expected_version=None,
            )
        if relationship is not None and not relationship.is_primary_contact:
            record_update(
                actor=actor,
                instance=relationship,
                changes={"is_primary_contact": True},
                expected_version=None,
            )
