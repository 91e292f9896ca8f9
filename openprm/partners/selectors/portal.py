"""Reads of the partner portal: its users, its contact directory and cards,
invitations and the organization's summary."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Now

from openprm.contacts.models import ContactPoint
from openprm.core import access
from openprm.core.actor import Actor
from openprm.partners.filters import PartnerContactFilter
from openprm.partners.models import (
    PartnerContact,
    PartnerProfile,
    PortalInvitation,
    PortalUserState,
)
from openprm.partners.policies.membership import is_partner_administrator_of, membership
from openprm.partners.selectors.contacts import own_partner, partner_contact_list


def _latest_invitation(field: str) -> Subquery:
    return Subquery(
        PortalInvitation.objects.filter(user_id=OuterRef("user_id"))
        .order_by("-sent_at", "-pk")
        .values(field)[:1]
    )


def with_invitation(contacts: QuerySet[PartnerContact]) -> QuerySet[PartnerContact]:
    """Each contact's latest invitation: when it was sent, until when its
    link works and whether it was used (PC-2), for the users' state badges;
    no state (None) for a contact without a portal user."""
    return contacts.annotate(
        invited_at=_latest_invitation("sent_at"),
        invitation_expires_at=_latest_invitation("expires_at"),
        invitation_used_at=_latest_invitation("used_at"),
    ).annotate(
        user_state=Case(
            When(user__isnull=True, then=Value(None)),
            When(user__is_active=False, then=Value(PortalUserState.DEACTIVATED)),
            When(user__last_login__isnull=False, then=Value(PortalUserState.SIGNED_IN)),
            When(invitation_used_at__isnull=False, then=Value(PortalUserState.PASSWORD_SET)),
            When(invitation_expires_at__lt=Now(), then=Value(PortalUserState.EXPIRED)),
            When(invited_at__isnull=False, then=Value(PortalUserState.INVITED)),
            default=Value(PortalUserState.NOT_INVITED),
            output_field=CharField(),
        )
    )


def portal_user_list(*, actor: Actor) -> QuerySet[PartnerContact]:
    """PRG-2: the users of the portal user's own organization (never its
    subsidiaries': their own administrators manage them)."""
    return with_invitation(
        partner_contact_list(actor=actor, partner=own_partner(actor=actor)).filter(
            user__isnull=False
        )
    )


def portal_contact_list(
    *, actor: Actor, filters: PartnerContactFilter | None = None
) -> QuerySet[PartnerContact]:
    """PRG-7, PRG-13: the contacts of the portal user's organization, and of
    its subsidiaries where the brand owner switched that on (the contact
    policy decides which organizations); internal users get NotFound."""
    own_partner(actor=actor)
    return partner_contact_list(actor=actor, filters=filters)


@dataclass
class PortalContactCard:
    """PRG-7: one contact as the portal's contact page shows it."""

    contact: PartnerContact
    emails: list[str]
    phones: list[str]
    own_organization: bool
    manageable: bool


def portal_contact_card(*, actor: Actor, pk: Any) -> PortalContactCard:
    """PRG-7: a contact of the portal user's organization (or of a
    subsidiary it may see); another organization's answers NotFound.

    The contact's e-mails and phones are read for the contact the policy
    let through: portal users see no contact records of their own, only
    those of their organization's people, and only through this page."""
    own_partner(actor=actor)
    contact = access.get_visible(
        PartnerContact,
        actor,
        pk,
        with_invitation(partner_contact_list(actor=actor)).select_related("resource"),
    )
    points = (
        access.unscoped(ContactPoint)
        .filter(person_id=contact.person_id)
        .order_by("-is_primary", "pk")
        .values_list("kind", "email", "phone")
    )
    own = membership(actor)
    return PortalContactCard(
        contact=contact,
        emails=[email for kind, email, _ in points if kind == ContactPoint.Kind.EMAIL and email],
        phones=[phone for kind, _, phone in points if kind == ContactPoint.Kind.PHONE and phone],
        own_organization=own is not None and own.partner_id == contact.partner_id,
        manageable=contact.user_id is not None
        and is_partner_administrator_of(actor, contact.partner_id),
    )


def portal_user_get_to(*, actor: Actor, pk: Any, action: str) -> PartnerContact:
    """PRG-2: a contact whose portal user the actor acts on (its type, its
    activity, a new invitation): NotFound when invisible, PermissionRefused
    when the actor is not its organization's administrator."""
    own_partner(actor=actor)
    contact = access.get_visible(
        PartnerContact, actor, pk, with_invitation(partner_contact_list(actor=actor))
    )
    access.require(actor, action, contact)
    return contact


def own_partner_to(*, actor: Actor, action: str) -> PartnerProfile:
    """PRG-2: the portal user's organization, for a page that does `action`
    on it (invite a user): PermissionRefused for who may not."""
    partner = own_partner(actor=actor)
    access.require(actor, action, partner)
    return partner


def is_own_partner_administrator(*, actor: Actor) -> bool:
    """PRG-2: whether the portal user administers its organization's users
    (the users list offers the invitation and the edit buttons)."""
    own = membership(actor)
    return own is not None and is_partner_administrator_of(actor, own.partner_id)


def invitations_sent(partner_ids: Iterable[int]) -> dict[int, dt.datetime]:
    """PRG-9: when each partner's users were last sent a portal invitation;
    a partner none of whose users was ever invited is absent. The caller
    passes partners it already read through the access module (the setup
    checklist); the first sign-in is the users' `last_login`."""
    rows = (
        access.unscoped(PartnerContact)
        .filter(partner_id__in=list(partner_ids), user__portal_invitations__isnull=False)
        .values("partner_id")
        .annotate(sent=Max("user__portal_invitations__sent_at"))
        .order_by()
    )
    return {row["partner_id"]: row["sent"] for row in rows}


def own_organization_name(*, actor: Actor) -> str:
    """PRG-7: the name of the portal user's organization, which the portal's
    header shows; read from the membership the request already holds."""
    own = membership(actor)
    return own.partner.account.name if own is not None else ""


@dataclass
class PortalSummary:
    """PRG-13: the partner's portal as the channel team sees it."""

    users: int
    active_users: int
    signed_in_users: int
    last_invitation: dt.datetime | None


def partner_portal_summary(*, actor: Actor, partner: PartnerProfile) -> PortalSummary:
    """PRG-9, PRG-13: how many of the partner's portal users are active and
    signed in already, and when the last invitation went out."""
    counts = (
        access.visible(PartnerContact, actor)
        .filter(partner_id=partner.pk, user__isnull=False)
        .aggregate(
            users=Count("pk"),
            active_users=Count("pk", filter=Q(user__is_active=True)),
            signed_in_users=Count("pk", filter=Q(user__last_login__isnull=False)),
        )
    )
    return PortalSummary(**counts, last_invitation=invitations_sent([partner.pk]).get(partner.pk))
