"""Every write on roles' privileges and on resources and their managers."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.events import publish
from openprm.core.records import record_create, record_update
from openprm.identity.events import (
    PrivilegesChanged,
)
from openprm.identity.models import Privilege, Resource, Role, User


def role_set_privileges(
    *, actor: Actor, role: Role, privileges: Iterable[Privilege], expected_version: int
) -> Role:
    access.require(actor, "change", role)
    privileges = list(privileges)
    with transaction.atomic():
        old = sorted(role.privileges.values_list("code", flat=True))
        role = record_update(
            actor=actor, instance=role, changes={}, expected_version=expected_version
        )
        role.privileges.set(privileges)
        new = sorted(p.code for p in privileges)
        if old != new:
            publish(
                PrivilegesChanged(actor=actor, record=role, before=tuple(old), after=tuple(new))
            )
    return role


def resource_create(
    *,
    actor: Actor,
    name: str,
    email: str = "",
    title: str = "",
    user: User | None = None,
    manager: Resource | None = None,
    is_partner_resource: bool = False,
    system: bool = False,
) -> Resource:
    if not system:
        access.require_create(actor, Resource)
    resource = Resource(
        name=name.strip(),
        email=email,
        title=title,
        user=user,
        manager=manager,
        is_partner_resource=is_partner_resource,
    )
    return record_create(actor=actor, instance=resource)


def _refuse_cycle(resource: Resource, manager: Resource | None) -> None:
    node = manager
    while node is not None:
        if node.pk == resource.pk:
            raise ValidationFailed(
                field_errors={"manager": [_("This would make the hierarchy circular.")]}
            )
        node = node.manager


def resource_set_manager(
    *, actor: Actor, resource: Resource, manager: Resource | None, expected_version: int
) -> Resource:
    """The management hierarchy must stay a tree: a manager cannot report to
    their own report."""
    access.require(actor, "change", resource)
    _refuse_cycle(resource, manager)
    return record_update(
        actor=actor,
        instance=resource,
        changes={"manager": manager},
        expected_version=expected_version,
    )


def resource_update(
    *, actor: Actor, resource: Resource, changes: dict[str, Any], expected_version: int
) -> Resource:
    """Edit a resource's details and manager; the manager chain stays a tree."""
    access.require(actor, "change", resource)
    allowed = {"name", "email", "title", "manager", "active"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationFailed(
            field_errors={k: [_("This field cannot be changed.")] for k in unknown}
        )
    if "manager" in changes:
        _refuse_cycle(resource, changes["manager"])
    if "name" in changes:
        changes = {**changes, "name": changes["name"].strip()}
    return record_update(
        actor=actor, instance=resource, changes=changes, expected_version=expected_version
    )
