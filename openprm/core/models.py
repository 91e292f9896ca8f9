"""Concrete platform tables, gathered so Django's app registry finds them."""

from openprm.core.audit.models import AuditEntry, BusinessEvent
from openprm.core.customfields.models import CustomField
from openprm.core.lookups.models import LookupType, LookupValue
from openprm.core.options.models import ProfileOption

__all__ = [
    "AuditEntry",
    "BusinessEvent",
    "CustomField",
    "LookupType",
    "LookupValue",
    "ProfileOption",
]
