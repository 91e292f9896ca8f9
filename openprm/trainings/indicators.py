"""The "certified people" tier indicator (PRG-5, PRG-6): how many of a
partner's people hold a certification on the last day of the window.

A person counts once however many certifications they hold; a certification
counts while it is issued, not expired and not revoked on that day (an
Expiring one still counts). The measure answers for every partner asked in
one aggregate query. It is system code run by the evaluation, so it reads
every row (`access.unscoped`); the explanation's records are the same rows
for one partner.
"""

from collections.abc import Collection
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet

from openprm.core import access
from openprm.core.indicators import Counted, Figure, Measurement, Window
from openprm.partners.models import PartnerContact
from openprm.trainings.models import Certification, HeldCertification, valid_on


def _held(window: Window, parameter: str) -> QuerySet[HeldCertification]:
    rows = access.unscoped(HeldCertification).filter(valid_on(window.until))
    return rows.filter(certification__code=parameter) if parameter else rows


def certified_people(
    *, partner_ids: Collection[int] | None, window: Window, parameter: str
) -> Measurement:
    """Distinct people per partner holding the certification coded
    `parameter` (any certification when empty) at `window.until`."""
    rows = _held(window, parameter)
    if partner_ids is not None:
        rows = rows.filter(holder__partner_id__in=list(partner_ids))
    counted = (
        rows.order_by()
        .values("holder__partner_id")
        .annotate(people=Count("holder_id", distinct=True), held=Count("pk"))
        .values_list("holder__partner_id", "people", "held")
    )
    return Measurement(
        {partner: Figure(Decimal(people), held) for partner, people, held in counted}
    )


def certified_people_records(
    *, partner_id: int, window: Window, parameter: str
) -> QuerySet[PartnerContact]:
    """The people one partner's figure counted, once each, with the
    certifications that made them count."""
    held = _held(window, parameter).select_related("certification").order_by("certification__name")
    return (
        access.unscoped(PartnerContact)
        .filter(partner_id=partner_id, pk__in=held.values("holder_id"))
        .select_related("person")
        .prefetch_related(Prefetch("certifications", queryset=held, to_attr="counted"))
        .order_by("person__last_name_search", "pk")
    )


def certified_person_row(contact: PartnerContact) -> Counted:
    """A certified person adds one, whatever number of certifications."""
    held = getattr(contact, "counted", [])
    return Counted(
        contact.pk,
        str(contact),
        ", ".join(dict.fromkeys(h.certification.name for h in held)),
        min((h.issued_on for h in held), default=None),
        Decimal(1),
    )


def certification_choices() -> list[tuple[str, str]]:
    """The certifications a requirement can name, by code."""
    return [
        (code, f"{name} ({code})")
        for code, name in access.unscoped(Certification)
        .order_by("name", "pk")
        .values_list("code", "name")
    ]
