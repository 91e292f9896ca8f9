"""Portal invitations (PC-2, PRG-2): an e-mail with a link to set a password.

Each invitation is a stored row (`PortalInvitation`) holding the digest of
the link's random secret. The link works once, for seven days, and only
while it is the user's latest: sending again replaces the earlier link. A
link that no longer works still names its invitation, so its page can offer
to ask the partner administrator and the channel manager for a new one —
once a day per user.

`invitation_send(user=..., base_url=...)` is the interface other apps call
(recruitment sends the first invitation of an approved application).
"""

import datetime as dt
import secrets

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.errors import NotFound, ValidationFailed
from openprm.core.notifications.services import Message, notify_many
from openprm.identity.actors import actor_for
from openprm.identity.catalog import PARTNER_ADMINISTRATOR
from openprm.identity.models import User
from openprm.identity.services import user_set_password
from openprm.identity.tokens import token_digest
from openprm.partners.models import PartnerContact, PortalInvitation

INVITATION_VALIDITY = dt.timedelta(days=7)
RENEWAL_REQUEST_INTERVAL = dt.timedelta(days=1)


def invitation_path(secret: str) -> str:
    return reverse("portal:invitation", kwargs={"token": secret})


def invitation_send(*, user: User, base_url: str) -> str:
    """Send `user` a new invitation link, replacing any earlier one that is
    still open; returns the link. The row is written in the caller's
    transaction, so a refused approval or promotion sends nothing usable."""
    return invitation_issue(user=user, base_url=base_url)[1]


def invitation_issue(*, user: User, base_url: str) -> tuple[PortalInvitation, str]:
    """`invitation_send`, returning the stored invitation with the link."""
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        PortalInvitation.objects.filter(
            user=user, used_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        invitation = PortalInvitation.objects.create(
            user=user,
            digest=token_digest(secret),
            sent_at=now,
            expires_at=now + INVITATION_VALIDITY,
        )
    link = base_url.rstrip("/") + invitation_path(secret)
    send_mail(
        subject=_("Your partner portal invitation"),
        message=_(
            "Hello %(name)s,\n\nyou have been invited to the partner portal as "
            "“%(username)s”. Set your password with this link. It works once, "
            "within %(days)d days:\n\n%(link)s\n"
        )
        % {
            "name": user.display_name,
            "username": user.username,
            "link": link,
            "days": INVITATION_VALIDITY.days,
        },
        from_email=None,
        recipient_list=[user.email],
    )
    return invitation, link


def invitation_of_link(secret: str) -> PortalInvitation | None:
    """The invitation a link was made for, usable or not; None for a link
    that was never sent. The link is public: its secret is the credential."""
    return (
        access.unscoped(PortalInvitation)
        .select_related("user")
        .filter(digest=token_digest(secret))
        .first()
    )


def invitation_usable(invitation: PortalInvitation, *, now: dt.datetime | None = None) -> bool:
    """Not used, not replaced, not past its seven days, and for an active
    partner user (PC-5: a deleted contact's link is dead too)."""
    now = now or timezone.now()
    user = invitation.user
    return (
        invitation.used_at is None
        and invitation.revoked_at is None
        and invitation.expires_at > now
        and user.is_active
        and user.is_partner_user
    )


def invited_user(secret: str) -> User | None:
    """The user a usable link was sent to, or None."""
    invitation = invitation_of_link(secret)
    if invitation is None or not invitation_usable(invitation):
        return None
    return invitation.user


def invitation_accept(*, secret: str, password: str) -> User:
    """The invitee sets its password: the link is spent in the same
    transaction, so two tabs racing cannot both use it."""
    with transaction.atomic():
        invitation = (
            access.unscoped(PortalInvitation)
            .select_for_update()
            .select_related("user")
            .filter(digest=token_digest(secret))
            .first()
        )
        if invitation is None or not invitation_usable(invitation):
            raise ValidationFailed(_("This link has expired — ask your administrator."))
        user = invitation.user
        user_set_password(actor=actor_for(user), user=user, password=password)
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at", "updated_at"])
    return user


def _renewal_recipients(user: User) -> tuple[PartnerContact | None, list[int]]:
    """The invitee's membership, and who can send it a new link: its
    organization's active partner administrators and the owner of the
    partner's account (its channel manager)."""
    contact = (
        PartnerContact.objects.select_related("partner__account", "person")
        .filter(user_id=user.pk)
        .first()
    )
    if contact is None:
        return None, []
    admins = PartnerContact.objects.filter(
        partner_id=contact.partner_id,
        role__code=PARTNER_ADMINISTRATOR,
        user__is_active=True,
    ).exclude(user_id=user.pk)
    recipients = list(admins.values_list("user_id", flat=True))
    owner_id = contact.partner.account.owner_id
    if owner_id is not None:
        recipients.append(owner_id)
    return contact, list(dict.fromkeys(recipients))


def invitation_renewal_request(*, secret: str) -> bool:
    """The invitee of a dead link asks for a new one: the partner
    administrators and the channel manager are notified. Once a day per
    user: a second request the same day notifies nobody and returns False."""
    now = timezone.now()
    with transaction.atomic():
        invitation = (
            access.unscoped(PortalInvitation)
            .select_for_update()
            .select_related("user")
            .filter(digest=token_digest(secret))
            .first()
        )
        if invitation is None:
            raise NotFound()
        user = invitation.user
        asked_lately = PortalInvitation.objects.filter(
            user=user, renewal_requested_at__gt=now - RENEWAL_REQUEST_INTERVAL
        ).exists()
        if asked_lately:
            return False
        invitation.renewal_requested_at = now
        invitation.save(update_fields=["renewal_requested_at", "updated_at"])
        contact, recipients = _renewal_recipients(user)
        if contact is None:
            return True
        title = _("%(name)s asks for a new portal invitation") % {"name": user.display_name}
        body = _(
            "The invitation link of %(name)s (%(partner)s) expired or was already used. "
            "Send a new invitation from the user's page."
        ) % {"name": user.display_name, "partner": contact.partner.account.name}
        owner_id = contact.partner.account.owner_id
        notify_many(
            Message(
                recipient,
                title,
                body,
                (
                    reverse("partners:partner_detail", args=[contact.partner_id]) + "?tab=contacts"
                    if recipient == owner_id
                    else reverse("portal:user_edit", args=[contact.pk])
                ),
            )
            for recipient in recipients
        )
    return True
