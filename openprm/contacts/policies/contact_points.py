"""Contact points and their Do / Do Not preferences (CON-9, CON-10):
changing them is editing their contact."""

from django.db.models import QuerySet

from openprm.contacts.catalog import LEGAL_CONTACT_PREFERENCES, LEGAL_TAG, REASON_CODE
from openprm.contacts.models import ContactPoint, ContactPreference
from openprm.contacts.policies.edit_rules import contact_edit_refusal
from openprm.contacts.policies.persons import following_person
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.lookups.models import LookupValue
from openprm.core.privileges import missing_privilege

_points = following_person("person")
_preferences = following_person("contact_point__person")


@access.policy(ContactPoint)
class ContactPointPolicy(access.Policy[ContactPoint]):
    """A contact point is part of its contact (TEAM-2): changing or deleting
    it, or adding a Do / Do Not preference to it (CON-9), is editing the
    contact."""

    def view(self, rows: QuerySet[ContactPoint], actor: Actor) -> QuerySet[ContactPoint]:
        return _points(rows, actor)

    def check_change(self, actor: Actor, point: ContactPoint) -> PermissionRefused | None:
        return contact_edit_refusal(actor, point.person)

    def check_delete(self, actor: Actor, point: ContactPoint) -> PermissionRefused | None:
        return contact_edit_refusal(actor, point.person)


def legal_reason(reason_code: str) -> bool:
    """Whether a stored reason code is tagged LEGAL (CON-10), even when its
    lookup value has been deactivated since."""
    value = (
        access.unscoped(LookupValue).filter(lookup_type__code=REASON_CODE, code=reason_code).first()
    )
    return value is not None and value.has_tag(LEGAL_TAG)


@access.policy(ContactPreference)
class ContactPreferencePolicy(access.Policy[ContactPreference]):
    """Changing or removing a preference is editing its contact (TEAM-2); a
    LEGAL one also needs Legal Contact Preferences Management (CON-10)."""

    def view(self, rows: QuerySet[ContactPreference], actor: Actor) -> QuerySet[ContactPreference]:
        return _preferences(rows, actor)

    def check_change(self, actor: Actor, preference: ContactPreference) -> PermissionRefused | None:
        refused = contact_edit_refusal(actor, preference.contact_point.person)
        if refused is not None or not legal_reason(preference.reason_code):
            return refused
        return missing_privilege(actor, LEGAL_CONTACT_PREFERENCES)

    def check_delete(self, actor: Actor, preference: ContactPreference) -> PermissionRefused | None:
        return self.check_change(actor, preference)
