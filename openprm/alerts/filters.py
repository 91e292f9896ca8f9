"""The one filter definition of the alert list (page, files, API)."""

from typing import Annotated

from django.db.models import Q
from django.utils import timezone
from ninja import FilterLookup, FilterSchema

from openprm.alerts.models import AlertPriority, AlertTarget
from openprm.alerts.policies import running_q


class AlertFilter(FilterSchema):
    active: bool | None = None
    priority: Annotated[AlertPriority | None, FilterLookup("priority")] = None
    target: Annotated[AlertTarget | None, FilterLookup("target")] = None

    def filter_active(self, value: bool | None) -> Q:
        """Shown today (yes), or not shown today: ended or not started yet (no)."""
        if value is None:
            return Q()
        running = running_q(timezone.localdate())
        return running if value else ~running
