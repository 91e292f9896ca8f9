"""Trainings and certifications through the services and the API (PRG-6,
PRG-12): completions with checked evidence, recorded by the channel team or
by the partner administrator for its own people; certifications with their
expiry, status and revocation; the certified-people tier indicator."""

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfWriter

from openprm.core.errors import Conflict, NotFound, PermissionRefused, ValidationFailed
from openprm.core.indicators import Window, indicator
from openprm.identity.models import User
from openprm.trainings.models import HeldCertification, HeldStatus
from openprm.trainings.services import (
    certification_issue,
    certification_revoke,
    completion_record,
    training_update,
)
from tests.factories import as_actor
from tests.trainings.conftest import CODE
from tests.trainings.world import png

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 1)


def pdf() -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile("certificate.pdf", out.getvalue(), content_type="application/pdf")


def _record(actor: Any, contact: Any, catalogue: dict[str, Any], **kwargs: Any) -> Any:
    return completion_record(
        actor=as_actor(actor),
        contact_id=contact.pk,
        training_id=catalogue["training"].pk,
        completed_on=kwargs.pop("completed_on", TODAY),
        today=TODAY,
        **{"evidence_reference": "LMS-1", **kwargs},
    )


def test_prg_6_the_channel_team_records_a_completion_with_its_certificate(
    channel_manager: User, two_partners: dict[str, Any], catalogue: dict[str, Any]
) -> None:
    rep = two_partners["nw_rep"]
    done = _record(channel_manager, rep, catalogue, evidence=pdf(), evidence_reference="")
    assert done.evidence.name.endswith(".pdf")
    image = _record(
        channel_manager, rep, catalogue, evidence=png(), completed_on=TODAY - dt.timedelta(days=1)
    )
    assert image.evidence.name.endswith(".png")
    with pytest.raises(Conflict):
        _record(channel_manager, rep, catalogue)  # the same day again
    client = Client()
    client.force_login(two_partners["nw_admin"].user)
    answer = client.get(reverse("portal:training_evidence", args=[done.pk]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert "attachment" in answer["Content-Disposition"]
    client.force_login(two_partners["co_admin"].user)
    assert client.get(reverse("portal:training_evidence", args=[done.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("certificate.pdf", b"%PDF-1.4 not really a document", "PDF, PNG or JPEG"),
        ("certificate.png", b"<script>alert(1)</script>", "PDF, PNG or JPEG"),
        ("certificate.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "at most 5 MB"),
    ],
)
def test_prg_6_evidence_other_than_a_real_pdf_png_or_jpeg_is_refused(
    channel_manager: User,
    two_partners: dict[str, Any],
    catalogue: dict[str, Any],
    name: str,
    content: bytes,
    message: str,
) -> None:
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(ValidationFailed) as refused:
        _record(channel_manager, two_partners["nw_rep"], catalogue, evidence=upload)
    assert message in refused.value.field_errors["evidence"][0]


def test_prg_6_a_completion_needs_evidence_an_active_training_and_a_past_date(
    channel_manager: User, two_partners: dict[str, Any], catalogue: dict[str, Any]
) -> None:
    rep = two_partners["nw_rep"]
    with pytest.raises(ValidationFailed) as refused:
        _record(
            channel_manager,
            rep,
            catalogue,
            evidence_reference="",
            completed_on=TODAY + dt.timedelta(days=1),
        )
    assert set(refused.value.field_errors) == {"evidence", "completed_on"}
    training_update(
        actor=as_actor(channel_manager),
        training=catalogue["training"],
        changes={"is_active": False},
        expected_version=catalogue["training"].version,
    )
    with pytest.raises(ValidationFailed) as retired:
        _record(channel_manager, rep, catalogue)
    assert "no longer offered" in retired.value.field_errors["training"][0]


def test_prg_6_prg_7_the_partner_administrator_records_for_its_own_people_only(
    two_partners: dict[str, Any], catalogue: dict[str, Any]
) -> None:
    admin = two_partners["nw_admin"].user
    assert _record(admin, two_partners["nw_rep"], catalogue).contact == two_partners["nw_rep"]
    with pytest.raises(NotFound):
        _record(admin, two_partners["co_rep"], catalogue)
    with pytest.raises(PermissionRefused):
        _record(two_partners["nw_rep"].user, two_partners["nw_rep"], catalogue)


def _issue(actor: User, holder: Any, catalogue: dict[str, Any], **dates: Any) -> HeldCertification:
    return certification_issue(
        actor=as_actor(actor),
        holder_id=holder.pk,
        certification_id=catalogue["certification"].pk,
        **{"issued_on": TODAY, **dates},
    )


def test_prg_12_expiry_defaults_to_the_validity_and_never_precedes_the_issue(
    channel_manager: User, two_partners: dict[str, Any], catalogue: dict[str, Any]
) -> None:
    held = _issue(
        channel_manager, two_partners["nw_rep"], catalogue, issued_on=dt.date(2024, 2, 29)
    )
    assert held.expires_on == dt.date(2026, 2, 28)
    with pytest.raises(ValidationFailed) as refused:
        _issue(
            channel_manager,
            two_partners["nw_rep"],
            catalogue,
            expires_on=TODAY - dt.timedelta(days=1),
        )
    assert "cannot expire before it was issued" in refused.value.message
    assert refused.value.code == "expires_before_issue"
    with pytest.raises(PermissionRefused):
        _issue(two_partners["nw_admin"].user, two_partners["nw_rep"], catalogue)


def test_prg_12_status_is_read_from_the_dates_except_revoked(
    channel_manager: User, two_partners: dict[str, Any], catalogue: dict[str, Any]
) -> None:
    held = _issue(
        channel_manager, two_partners["nw_rep"], catalogue, expires_on=dt.date(2026, 12, 31)
    )
    assert held.status_on(dt.date(2026, 10, 31)) == HeldStatus.VALID  # 61 days left
    assert held.status_on(dt.date(2026, 11, 1)) == HeldStatus.EXPIRING  # 60 days left
    assert held.status_on(dt.date(2026, 12, 31)) == HeldStatus.EXPIRING
    assert held.status_on(dt.date(2027, 1, 1)) == HeldStatus.EXPIRED
    actor = as_actor(channel_manager)
    with pytest.raises(ValidationFailed):
        certification_revoke(actor=actor, held=held, reason=" ", expected_version=held.version)
    held = certification_revoke(
        actor=actor, held=held, reason="Exam withdrawn", expected_version=held.version
    )
    assert held.status_on(dt.date(2026, 6, 1)) == HeldStatus.REVOKED
    with pytest.raises(Conflict):
        certification_revoke(actor=actor, held=held, reason="Again", expected_version=held.version)


def test_prg_6_certified_people_is_one_aggregate_query_of_distinct_valid_holders(
    channel_manager: User,
    two_partners: dict[str, Any],
    catalogue: dict[str, Any],
    django_assert_num_queries: Any,
) -> None:
    nw, co = two_partners["nw"], two_partners["co"]
    _issue(channel_manager, two_partners["nw_rep"], catalogue)
    _issue(channel_manager, two_partners["nw_rep"], catalogue, issued_on=TODAY - dt.timedelta(1))
    _issue(channel_manager, two_partners["nw_admin"], catalogue)
    _issue(  # expired on the day measured
        channel_manager,
        two_partners["co_admin"],
        catalogue,
        issued_on=dt.date(2020, 1, 1),
        expires_on=dt.date(2022, 1, 1),
    )
    revoked = _issue(channel_manager, two_partners["co_rep"], catalogue)
    certification_revoke(
        actor=as_actor(channel_manager),
        held=revoked,
        reason="Audit",
        expected_version=revoked.version,
        today=TODAY,
    )
    certified = indicator("certified_people")
    window = Window(since=TODAY - dt.timedelta(days=365), until=TODAY + dt.timedelta(days=30))
    with django_assert_num_queries(1):
        measured = certified.measure_for(partner_ids=[nw.pk, co.pk], window=window, parameter=CODE)
    assert {p: (f.value, f.counted) for p, f in measured.figures.items()} == {nw.pk: (2, 3)}
    with django_assert_num_queries(1):
        every = certified.measure_for(partner_ids=None, window=window, parameter="")
    assert every.figures[nw.pk].value == 2
    assert (
        certified.measure_for(partner_ids=[nw.pk], window=window, parameter="OTHER").figures == {}
    )
    records = certified.records_for(partner_id=nw.pk, window=window, parameter=CODE)
    # PRG-11: the drill-down lists the people counted, once each, adding up to the figure.
    assert records.count() == 2
    rows = [certified.counted_row(record) for record in records]
    assert sum(row.adds for row in rows) == measured.figures[nw.pk].value
    assert {row.detail for row in rows} == {"Network Certified Associate"}
    assert (CODE, f"Network Certified Associate ({CODE})") in certified.choices()


def _api(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_prg_12_certifications_through_the_api(
    channel_manager: User, two_partners: dict[str, Any], catalogue: dict[str, Any]
) -> None:
    api = _api(channel_manager)
    body = {
        "holder_id": two_partners["nw_rep"].pk,
        "certification_id": catalogue["certification"].pk,
        "issued_on": "2026-03-01",
        "expires_on": "2026-02-01",
    }
    refused = api.post("/api/v1/certifications-held", body, content_type="application/json")
    assert refused.status_code == 422
    assert refused["Content-Type"].startswith("application/problem+json")
    assert "cannot expire before it was issued" in json.dumps(refused.json())
    del body["expires_on"]
    made = api.post("/api/v1/certifications-held", body, content_type="application/json")
    assert made.status_code == 201
    assert made.json()["expires_on"] == "2028-03-01"
    held_id = made.json()["id"]
    revoked = api.post(
        f"/api/v1/certifications-held/{held_id}/revoke",
        {"version": made.json()["version"], "reason": "Audit"},
        content_type="application/json",
    )
    assert revoked.json()["status"] == "revoked"
    listed = api.get("/api/v1/certifications-held?status=revoked").json()
    assert [item["id"] for item in listed["items"]] == [held_id]
    assert api.get("/api/v1/certifications-held?status=valid").json()["items"] == []
    partner_api = _api(two_partners["co_admin"].user)
    assert partner_api.get(f"/api/v1/certifications-held/{held_id}").status_code == 404


def test_prg_6_completions_through_the_api(
    two_partners: dict[str, Any], catalogue: dict[str, Any]
) -> None:
    api = _api(two_partners["nw_admin"].user)
    body = {
        "contact_id": two_partners["nw_rep"].pk,
        "training_id": catalogue["training"].pk,
        "completed_on": "2025-01-10",
        "evidence_reference": "https://lms.example/123",
    }
    made = api.post("/api/v1/training-completions", body, content_type="application/json")
    assert made.status_code == 201
    assert made.json()["person"] == two_partners["nw_rep"].person.full_name
    other = {**body, "contact_id": two_partners["co_rep"].pk}
    assert (
        api.post("/api/v1/training-completions", other, content_type="application/json").status_code
        == 404
    )
    rep = _api(two_partners["nw_rep"].user)
    refused = rep.post("/api/v1/training-completions", body, content_type="application/json")
    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/problem+json")
    assert [i["id"] for i in rep.get("/api/v1/training-completions").json()["items"]] == [
        made.json()["id"]
    ]
    assert (
        _api(two_partners["co_admin"].user).get("/api/v1/training-completions").json()["items"]
        == []
    )
