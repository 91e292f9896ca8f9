"""Business events on partners and their contacts (PA-*, PC-*), for their
timelines and for subscribers (core.events)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from openprm.core.events import Event


@dataclass(frozen=True, kw_only=True)
class PartnerCreated(Event):
    code = "partner_created"
    label = _("Partner created")


@dataclass(frozen=True, kw_only=True)
class PartnerActivated(Event):
    code = "partner_activated"
    label = _("Partner activated")


@dataclass(frozen=True, kw_only=True)
class PartnerInactivated(Event):
    code = "partner_inactivated"
    label = _("Partner inactivated")


@dataclass(frozen=True, kw_only=True)
class ManagedPartnerSet(Event):
    code = "managed_partner_set"
    label = _("Made a managed partner")


@dataclass(frozen=True, kw_only=True)
class ManagedPartnerCleared(Event):
    code = "managed_partner_cleared"
    label = _("No longer a managed partner")


@dataclass(frozen=True, kw_only=True)
class PartnerContactAdded(Event):
    code = "partner_contact_added"
    label = _("Partner contact added")
    person: int
    primary: bool


@dataclass(frozen=True, kw_only=True)
class PartnerContactDeleted(Event):
    code = "partner_contact_deleted"
    label = _("Partner contact deleted")
    person: int
    user: int | None


@dataclass(frozen=True, kw_only=True)
class PromotedToResource(Event):
    code = "promoted_to_resource"
    label = _("Made a partner resource")


@dataclass(frozen=True, kw_only=True)
class PromotedToUser(Event):
    code = "promoted_to_user"
    label = _("Made a portal user")


@dataclass(frozen=True, kw_only=True)
class PortalUserInvited(Event):
    """PRG-2: the partner administrator invited a new user of its organization."""

    code = "portal_user_invited"
    label = _("Portal user invited")


@dataclass(frozen=True, kw_only=True)
class InvitationResent(Event):
    code = "portal_invitation_resent"
    label = _("Portal invitation sent again")


@dataclass(frozen=True, kw_only=True)
class PortalSettingsChanged(Event):
    """PRG-13: the brand owner changed the partner's portal settings."""

    code = "portal_settings_changed"
    label = _("Portal settings changed")


@dataclass(frozen=True, kw_only=True)
class PortalSwitchedOff(Event):
    """PRG-13: every user of the partner was signed out."""

    code = "portal_switched_off"
    label = _("Portal switched off")


@dataclass(frozen=True, kw_only=True)
class PortalSwitchedOn(Event):
    code = "portal_switched_on"
    label = _("Portal switched on")
