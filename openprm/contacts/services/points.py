"""Contact points and their preferences (CON-4, CON-9, CON-10)."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.contacts.catalog import LEGAL_CONTACT_PREFERENCES, LEGAL_TAG, REASON_CODE
from openprm.contacts.models import ContactPoint, ContactPreference, Person
from openprm.contacts.normalize import normalize_email, normalize_phone
from openprm.contacts.policies.edit_rules import person_get_for_edit
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.lookups.selectors import lookup_value_find
from openprm.core.places import region_code
from openprm.core.privileges import require_privilege
from openprm.core.records import record_create, record_delete, record_update

ADDRESS_FIELDS = ("address_line1", "address_line2", "city", "region", "postal_code", "country")
POINT_FIELDS = frozenset({"purpose", "phone", "email", *ADDRESS_FIELDS})


def _phone_region(person: Person) -> str | None:
    """National numbers are read in the country of the contact's primary
    address, else in the default region."""
    address = (
        ContactPoint.objects.filter(person=person, kind=ContactPoint.Kind.ADDRESS)
        .exclude(country="")
        .order_by("-is_primary", "pk")
        .values_list("country", flat=True)
        .first()
    )
    return address or None


def _normalized(person: Person, kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The stored form of a contact point's values: E.164 phones, lower-case e-mails."""
    cleaned = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    try:
        if kind == ContactPoint.Kind.PHONE:
            cleaned["phone"] = normalize_phone(cleaned.get("phone", ""), _phone_region(person))
        elif kind == ContactPoint.Kind.EMAIL:
            cleaned["email"] = normalize_email(cleaned.get("email", ""))
    except ValueError as error:
        raise ValidationFailed(field_errors={kind: [str(error)]}) from None
    if kind == ContactPoint.Kind.ADDRESS and cleaned.get("region"):
        # Stored as its ISO 3166-2 code when it names one (`core.places`).
        country = str(cleaned.get("country") or "")
        cleaned["region"] = region_code(country, cleaned["region"]) or cleaned["region"]
    if kind == ContactPoint.Kind.ADDRESS and not any(
        cleaned.get(f) for f in ("address_line1", "city", "postal_code")
    ):
        raise ValidationFailed(field_errors={"address_line1": [_("Enter an address.")]})
    irrelevant = {
        ContactPoint.Kind.PHONE: {"email", *ADDRESS_FIELDS},
        ContactPoint.Kind.EMAIL: {"phone", *ADDRESS_FIELDS},
        ContactPoint.Kind.ADDRESS: {"phone", "email"},
    }[ContactPoint.Kind(kind)]
    return {k: ("" if k in irrelevant else v) for k, v in cleaned.items()}


def _clear_primary(person: Person, kind: str) -> None:
    ContactPoint.objects.filter(person=person, kind=kind, is_primary=True).update(is_primary=False)


def contact_point_add(
    *,
    actor: Actor,
    person: Person,
    kind: str,
    purpose: str = ContactPoint.Purpose.WORK,
    is_primary: bool = False,
    **values: Any,
) -> ContactPoint:
    """CON-4: the first contact point of a kind becomes the overall primary;
    a later one becomes primary only when designated. Editing a contact's
    points needs Edit or Full access to one of its customers (TEAM-2)."""
    person = person_get_for_edit(actor, person.pk)
    if kind not in ContactPoint.Kind.values:
        raise ValidationFailed(field_errors={"kind": [_("Choose phone, e-mail or address.")]})
    unknown = set(values) - POINT_FIELDS
    if unknown:
        raise ValidationFailed(field_errors={k: [_("Unknown field.")] for k in sorted(unknown)})
    cleaned = _normalized(person, kind, values)
    with transaction.atomic():
        first = not ContactPoint.objects.filter(person=person, kind=kind).exists()
        if is_primary and not first:
            _clear_primary(person, kind)
        point = ContactPoint(
            person=person, kind=kind, purpose=purpose, is_primary=first or is_primary, **cleaned
        )
        return record_create(actor=actor, instance=point)


def contact_point_update(
    *, actor: Actor, point: ContactPoint, changes: Mapping[str, Any], expected_version: int | None
) -> ContactPoint:
    point = access.get_visible(ContactPoint, actor, point.pk)
    access.require(actor, "change", point)
    unknown = set(changes) - POINT_FIELDS
    if unknown:
        raise ValidationFailed(
            field_errors={k: [_("This field cannot be changed.")] for k in sorted(unknown)}
        )
    current = {f: getattr(point, f) for f in POINT_FIELDS}
    cleaned = _normalized(point.person, point.kind, {**current, **changes})
    values = {k: v for k, v in cleaned.items() if k in changes or k in ("phone", "email")}
    return record_update(
        actor=actor, instance=point, changes=values, expected_version=expected_version
    )


def contact_point_make_primary(*, actor: Actor, point: ContactPoint) -> ContactPoint:
    """Designate the overall primary of its kind (CON-4)."""
    point = access.get_visible(ContactPoint, actor, point.pk)
    access.require(actor, "change", point)
    if point.is_primary:
        return point
    with transaction.atomic():
        _clear_primary(point.person, point.kind)
        return record_update(
            actor=actor, instance=point, changes={"is_primary": True}, expected_version=None
        )


def contact_point_delete(*, actor: Actor, point: ContactPoint) -> None:
    """Deleting the primary promotes the oldest remaining point of its kind,
    so a contact with phones always has a primary phone (CON-4)."""
    point = access.get_visible(ContactPoint, actor, point.pk)
    access.require(actor, "delete", point)
    with transaction.atomic():
        record_delete(actor=actor, instance=point)
        if point.is_primary:
            successor = (
                ContactPoint.objects.filter(person_id=point.person_id, kind=point.kind)
                .order_by("pk")
                .first()
            )
            if successor is not None:
                record_update(
                    actor=actor,
                    instance=successor,
                    changes={"is_primary": True},
                    expected_version=None,
                )


def _checked_reason(actor: Actor, reason_code: str) -> str:
    """CON-10: a reason tagged LEGAL needs Legal Contact Preferences
    Management; unknown or inactive reasons are refused."""
    code = (reason_code or "").strip().upper()
    value = lookup_value_find(REASON_CODE, code)
    if value is None:
        raise ValidationFailed(field_errors={"reason_code": [_("Choose a known reason.")]})
    if value.has_tag(LEGAL_TAG):
        require_privilege(actor, LEGAL_CONTACT_PREFERENCES)
    return code


def _checked_period(start: dt.date, end: dt.date | None) -> None:
    if end is not None and end < start:
        raise ValidationFailed(
            field_errors={"end_date": [_("The end date cannot be before the start date.")]}
        )


def preference_add(
    *,
    actor: Actor,
    point: ContactPoint,
    preference: str,
    reason_code: str,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> ContactPreference:
    """CON-9: Do / Do Not on one contact point; the start defaults to today."""
    point = access.get_visible(ContactPoint, actor, point.pk)
    access.require(actor, "change", point)
    if preference not in ContactPreference.Choice.values:
        raise ValidationFailed(field_errors={"preference": [_("Choose Do or Do Not.")]})
    code = _checked_reason(actor, reason_code)
    start = start_date or timezone.localdate()
    _checked_period(start, end_date)
    return record_create(
        actor=actor,
        instance=ContactPreference(
            contact_point=point,
            preference=preference,
            reason_code=code,
            start_date=start,
            end_date=end_date,
        ),
    )


def preference_update(
    *,
    actor: Actor,
    preference: ContactPreference,
    changes: Mapping[str, Any],
    expected_version: int | None,
) -> ContactPreference:
    """Editing a LEGAL preference (the policy), or giving one a LEGAL
    reason, needs the duty role (CON-10)."""
    preference = access.get_visible(ContactPreference, actor, preference.pk)
    access.require(actor, "change", preference)
    allowed = {"preference", "reason_code", "start_date", "end_date"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationFailed(
            field_errors={k: [_("This field cannot be changed.")] for k in sorted(unknown)}
        )
    values = dict(changes)
    if "reason_code" in values:
        values["reason_code"] = _checked_reason(actor, values["reason_code"])
    if "preference" in values and values["preference"] not in ContactPreference.Choice.values:
        raise ValidationFailed(field_errors={"preference": [_("Choose Do or Do Not.")]})
    if values.get("start_date") is None and "start_date" in values:
        values["start_date"] = timezone.localdate()
    _checked_period(
        values.get("start_date", preference.start_date),
        values.get("end_date", preference.end_date),
    )
    return record_update(
        actor=actor, instance=preference, changes=values, expected_version=expected_version
    )


def preference_delete(*, actor: Actor, preference: ContactPreference) -> None:
    """Removing a LEGAL preference needs the duty role too (CON-10)."""
    preference = access.get_visible(ContactPreference, actor, preference.pk)
    access.require(actor, "delete", preference)
    record_delete(actor=actor, instance=preference)
