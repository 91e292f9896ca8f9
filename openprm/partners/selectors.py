"""Every read of partners and partner contacts, scoped by partners.access."""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
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
from openprm.core.customfields.values import custom_filter
from openprm.customers.hierarchy import HierarchyNode
from openprm.customers.models import Account
from openprm.customers.selectors import account_hierarchy
from openprm.identity.models import Role
from openprm.partners.catalog import PARTNER_RECORD_TYPE
from openprm.partners.filters import PartnerContactFilter, PartnerFilter
from openprm.partners.models import (
    PartnerContact,
    PartnerContactFavorite,
    PartnerProfile,
    PortalInvitation,
)
from openprm.partners.policies import is_partner_administrator_of, membership

# The portal's contact lists sort by these; the internal ones by partners.tables.
CONTACT_SORTS: dict[str, str] = {
    "name": "person__last_name_search",
    "level": "level",
    "role": "role__name",
}


def partner_list(
    *,
    actor: Actor,
    filters: PartnerFilter | None = None,
    custom: Mapping[str, Any] | None = None,
) -> QuerySet[PartnerProfile]:
    """PA-2: managed partners only (type Partner and flag Yes), with what a
    list shows fetched in the same query; `parent_name` only when the actor
    sees the parent (PA-5, TEAM-5: a portal user sees its own organization)."""
    parents = access.visible(Account, actor).filter(pk=OuterRef("account__parent_id"))
    partners = (
        access.visible(PartnerProfile, actor)
        .filter(managed_partner=True, account__account_type=Account.AccountType.PARTNER)
        .select_related("account", "account__owner")
        .annotate(
            contact_count=Count("contacts", distinct=True),
            parent_name=Subquery(parents.order_by().values("name")[:1]),
        )
    )
    if filters is not None:
        partners = filters.filter(partners)
    if custom:
        partners = custom_filter(
            partners, PARTNER_RECORD_TYPE, custom, columns={"account": "account__custom"}
        )
    return partners


def managed_partners(*, actor: Actor) -> QuerySet[PartnerProfile]:
    """PA-2: the visible managed partners with their accounts, without the
    list's counts (for pages that show a few)."""
    return (
        access.visible(PartnerProfile, actor)
        .filter(managed_partner=True, account__account_type=Account.AccountType.PARTNER)
        .select_related("account")
    )


def partner_name_search(*, actor: Actor, q: str) -> QuerySet[PartnerProfile]:
    """Visible managed partners whose name starts with `q`, in name order:
    the partner list's search (an index range on the account's normalized
    name). A portal user finds only its own organization (PRG-7)."""
    return (
        managed_partners(actor=actor)
        .filter(PartnerFilter(q=q).get_filter_expression())
        .order_by("account__name_search", "pk")
    )


def partner_get(*, actor: Actor, pk: Any) -> PartnerProfile:
    return access.get_visible(
        PartnerProfile,
        actor,
        pk,
        partner_list(actor=actor),
    )


def partner_get_to(*, actor: Actor, pk: Any, action: str) -> PartnerProfile:
    """The partner for a page that does `action` on it (edit it, add a
    contact): 404 when invisible, 403 when the actor may see it but not do
    that — the page itself, not only its save."""
    partner = partner_get(actor=actor, pk=pk)
    access.require(actor, action, partner)
    return partner


def account_get_to_mark_managed(*, actor: Actor, account_id: Any) -> Account:
    """PA-2: the account whose managed-partner flag a page sets: 404 when
    invisible, 403 when the actor may not set it."""
    account = access.get_visible(Account, actor, account_id)
    access.require(actor, "mark_managed_partner", account)
    return account


def partner_for_account(*, actor: Actor, account_id: Any) -> PartnerProfile | None:
    """The account's partner profile, managed or not (PA-2 account screens)."""
    return (
        access.visible(PartnerProfile, actor)
        .select_related("account")
        .filter(account_id=account_id)
        .first()
    )


@dataclass
class PartnerHierarchy:
    """PA-5: the account hierarchy around a partner, partners marked."""

    ancestors: list[Account]
    nodes: list[HierarchyNode]
    partner_account_ids: set[int]


def partner_hierarchy(*, actor: Actor, partner: PartnerProfile) -> PartnerHierarchy:
    """PA-5: partners form hierarchies through the account parent; the tree
    is the visible account subtree from the topmost visible ancestor."""
    partner = partner_get(actor=actor, pk=partner.pk)
    top_tree = account_hierarchy(actor=actor, account=partner.account)
    top = top_tree.ancestors[0] if top_tree.ancestors else partner.account
    tree = top_tree if top.pk == partner.account_id else account_hierarchy(actor=actor, account=top)
    ids = {node.id for node in tree.nodes}
    partner_ids = set(
        partner_list(actor=actor).filter(account_id__in=ids).values_list("account_id", flat=True)
    )
    return PartnerHierarchy(
        ancestors=top_tree.ancestors, nodes=tree.nodes, partner_account_ids=partner_ids
    )


def partner_contact_list(
    *,
    actor: Actor,
    partner: PartnerProfile | None = None,
    filters: PartnerContactFilter | None = None,
) -> QuerySet[PartnerContact]:
    """Visible partner contacts with person, role, manager and user in one
    query, and whether the actor marked each as a favorite (PC-6)."""
    contacts = (
        access.visible(PartnerContact, actor)
        .select_related("partner__account", "person", "role", "manager__person", "user")
        .annotate(
            is_favorite=Exists(
                PartnerContactFavorite.objects.filter(
                    user_id=actor.pk, partner_contact=OuterRef("pk")
                )
            )
        )
    )
    if partner is not None:
        contacts = contacts.filter(partner_id=partner.pk)
    if filters is not None:
        contacts = filters.filter(contacts)
    return contacts


def partner_contact_get(*, actor: Actor, pk: Any) -> PartnerContact:
    return access.get_visible(PartnerContact, actor, pk, partner_contact_list(actor=actor))


def partner_contact_get_to(*, actor: Actor, pk: Any, action: str) -> PartnerContact:
    """The partner contact for a page that does `action` on it (promote it,
    change its role, delete it): 404 when invisible, 403 when the actor may
    see it but not do that."""
    contact = partner_contact_get(actor=actor, pk=pk)
    access.require(actor, action, contact)
    return contact


def favorite_partner_contacts(*, actor: Actor) -> QuerySet[PartnerContact]:
    """PC-6: the actor's favorites."""
    return partner_contact_list(actor=actor).filter(is_favorite=True)


def partner_roles() -> QuerySet[Role]:
    """Partner job roles, reference data every partner form offers."""
    return access.unscoped(Role).filter(for_partners=True).order_by("name")


def own_partner(*, actor: Actor) -> PartnerProfile:
    """PRG-7: the portal user's own organization, from its membership.

    Read once per request and kept on the actor (never on its user): a
    portal page asks for it from its view, its columns and its selectors.
    NotFound (an internal user) is not kept, so it is raised every time."""
    own = membership(actor)
    return actor.remembered(
        "partners.own_partner",
        lambda: partner_get(actor=actor, pk=own.partner_id if own is not None else None),
    )


def contacts_awaiting_portal_user(*, actor: Actor) -> QuerySet[PartnerContact]:
    """PC-2, PRG-9: partner resources of active partners who have no portal
    user yet, the next setup step a channel manager takes for them."""
    return (
        access.visible(PartnerContact, actor)
        .filter(
            level=PartnerContact.Level.RESOURCE,
            user__isnull=True,
            partner__status=PartnerProfile.Status.ACTIVE,
        )
        .select_related("person", "partner__account", "role")
        .order_by("-pk")
    )


def _latest_invitation(field: str) -> Subquery:
    return Subquery(
        PortalInvitation.objects.filter(user_id=OuterRef("user_id"))
        .order_by("-sent_at", "-pk")
        .values(field)[:1]
    )


def with_invitation(contacts: QuerySet[PartnerContact]) -> QuerySet[PartnerContact]:
    """Each contact's latest invitation: when it was sent, until when its
    link works and whether it was used (PC-2), for the users' state badges."""
    return contacts.annotate(
        invited_at=_latest_invitation("sent_at"),
        invitation_expires_at=_latest_invitation("expires_at"),
        invitation_used_at=_latest_invitation("used_at"),
    ).annotate(
        user_state=Case(
            When(user__isnull=True, then=Value("")),
            When(user__is_active=False, then=Value("deactivated")),
            When(user__last_login__isnull=False, then=Value("signed_in")),
            When(invitation_used_at__isnull=False, then=Value("password_set")),
            When(invitation_expires_at__lt=Now(), then=Value("expired")),
            When(invited_at__isnull=False, then=Value("invited")),
            default=Value("not_invited"),
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
