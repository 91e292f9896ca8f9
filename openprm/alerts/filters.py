"""The one filter definition of the alert list (page, files, API)."""

from typing import Annotated, Literal

from django.db.models import Q
from django.utils import timezone
from ninja import FilterLookup, FilterSchema

from openprm.alerts.policies import running_q

PriorityCode = Literal["info", "important", "urgent"]
TargetCode = Literal["all", "programs", "tiers", "partners"]


class AlertFilter(FilterSchema):
    active: bool | None = None
    priority: Annotated[PriorityCode | None, FilterLookup("priority")] = None
    target: Annotated[TargetCode | None, FilterLookup("target")] = None

    def filter_active(self, value: bool | None) -> Q:
        """Shown today (yes), or not shown today: ended or not started yet (no)."""
        if value is None:
            return Q()
        running = running_q(timezone.localdate())
        return running if value else ~running
