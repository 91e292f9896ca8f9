"""Concrete platform tables, gathered so Django's app registry finds them."""

from openprm.core.audit.models import AuditEntry, BusinessEvent
from openprm.core.customfields.models import CustomField
from openprm.core.exporters.models import ExportJob
from openprm.core.lookups.models import LookupType, LookupValue
from openprm.core.notifications.models import Notification
from openprm.core.options.models import ProfileOption
from openprm.core.savedviews.models import SavedView
from openprm.core.schedule_models import ScheduledRun

__all__ = [
    "AuditEntry",
    "BusinessEvent",
    "CustomField",
    "ExportJob",
    "LookupType",
    "LookupValue",
    "Notification",
    "ProfileOption",
    "SavedView",
    "ScheduledRun",
]
