"""Business events on accounts' territories (TER-3, TER-5), for their
timelines and for subscribers (core.events)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from openprm.core.events import Event


@dataclass(frozen=True, kw_only=True)
class TerritoriesAssigned(Event):
    code = "territories_assigned"
    label = _("Territories assigned")
    added: int
    removed: int


@dataclass(frozen=True, kw_only=True)
class PartnerTerritoriesAdded(Event):
    code = "partner_territories_added"
    label = _("Partner territories added")
    territories: tuple[int, ...]
