"""Business events on contacts, for their timelines and for subscribers
(core.events)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from openprm.core.events import Event


@dataclass(frozen=True, kw_only=True)
class RelationshipPrimaryPointSet(Event):
    """CON-4: a relationship's primary contact point of one kind was chosen."""

    code = "relationship_primary_point_set"
    label = _("Primary contact point of a relationship set")
    relationship: int
    kind: str
    contact_point: int
