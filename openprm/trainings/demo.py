"""Demo trainings and certifications: a small catalogue, and the demo
partners' people with completed trainings and certifications in every
status (valid, some expiring within 60 days, one expired, one revoked)."""

import datetime as dt

from django.utils import timezone

from openprm.demo.context import DemoContext
from openprm.trainings.selectors import contact_choices
from openprm.trainings.services import (
    certification_create,
    certification_issue,
    certification_revoke,
    completion_record,
    training_create,
)

TRAININGS = (
    ("NET-101", "Networking fundamentals", "Switching", 8),
    ("SEC-201", "Firewall administration", "Security", 16),
    ("WLS-201", "Wi-Fi design and survey", "Wireless", 12),
    ("SALES-100", "Selling the portfolio", "Sales", 4),
)
CERTIFICATIONS = (
    ("NCA", "Network Certified Associate", 24, ("NET-101",)),
    ("SCE", "Security Certified Engineer", 24, ("NET-101", "SEC-201")),
    ("WDS", "Wireless Design Specialist", 36, ("WLS-201",)),
)
HELD = (
    # (certification, days since issue, days until expiry or None for the default)
    ("NCA", 400, None),
    ("SCE", 700, 20),
    ("WDS", 300, None),
    ("NCA", 690, 45),
    ("SCE", 740, -10),
    ("WDS", 100, None),
)
"""Per person in turn: the second and fourth are expiring, the fifth expired."""


def seed(context: DemoContext) -> None:
    actor = context.records["user:cam"]
    today = timezone.localdate()
    trainings = {
        code: training_create(
            actor=actor,
            data={"code": code, "name": name, "topic": topic, "duration_hours": hours},
        )
        for code, name, topic, hours in TRAININGS
    }
    certifications = {
        code: certification_create(
            actor=actor,
            data={"code": code, "name": name, "validity_months": months},
            required_trainings=[trainings[t].pk for t in required],
        )
        for code, name, months, required in CERTIFICATIONS
    }
    held = []
    people = [
        person
        for partner in context.records["partners"][:3]
        for person in contact_choices(actor=actor, partner_id=partner.pk)
    ]
    for n, person in enumerate(people):
        code, since, left = HELD[n % len(HELD)]
        certification = certifications[code]
        for required in certification.required_trainings.all():
            completion_record(
                actor=actor,
                contact_id=person.pk,
                training_id=required.pk,
                completed_on=today - dt.timedelta(days=since + 10),
                evidence_reference=f"LMS-{person.pk:05d}-{required.code}",
            )
        held.append(
            certification_issue(
                actor=actor,
                holder_id=person.pk,
                certification_id=certification.pk,
                issued_on=today - dt.timedelta(days=since),
                expires_on=today + dt.timedelta(days=left) if left is not None else None,
            )
        )
    if held:
        revoked = held[-1]
        certification_revoke(
            actor=actor,
            held=revoked,
            reason="Exam result withdrawn after an audit.",
            expected_version=revoked.version,
        )
    context.records["certifications_held"] = held
