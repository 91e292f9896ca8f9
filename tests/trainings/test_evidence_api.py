"""PRG-6, PRG-12: a completion with its certificate file through the API
(multipart upload to /training-completions/upload): the same checks as the
page — a real PDF, PNG or JPEG of at most 5 MB — answered with RFC 9457
problem JSON, and the same permission — the channel team, or the partner
administrator for its own people (PRG-13: not a subsidiary's)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from openprm.identity.models import User
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.services import partner_portal_update
from openprm.trainings.models import TrainingCompletion
from tests.factories import as_actor
from tests.trainings.test_trainings import pdf
from tests.trainings.world import png

pytestmark = pytest.mark.django_db

UPLOAD = "/api/v1/training-completions/upload"


def _send(api: Client, contact: PartnerContact, catalogue: dict[str, Any], file: Any) -> Any:
    return api.post(
        UPLOAD,
        {
            "contact_id": contact.pk,
            "training_id": catalogue["training"].pk,
            "completed_on": "2025-01-10",
            "evidence": file,
        },
    )


def test_prg_12_partner_administrator_uploads_a_certificate_through_the_api(
    two_partners: dict[str, Any],
    catalogue: dict[str, Any],
    api_client_for: Callable[[User], Client],
) -> None:
    """PRG-12: the partner administrator sends a real PDF for its own
    person; the completion has the file, which downloads as a PDF."""
    api = api_client_for(two_partners["nw_admin"].user)
    made = _send(api, two_partners["nw_rep"], catalogue, pdf())
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["contact_id"], body["has_evidence_file"]) == (two_partners["nw_rep"].pk, True)
    download = api.get(f"/api/v1/training-completions/{body['id']}/evidence")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    image = api.post(
        UPLOAD,
        {
            "contact_id": two_partners["nw_admin"].pk,
            "training_id": catalogue["training"].pk,
            "completed_on": "2025-01-11",
            "evidence_reference": "LMS-7",
            "evidence": png(),
        },
    )
    assert image.status_code == 201, image.content
    assert image.json()["evidence_reference"] == "LMS-7"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("certificate.docx", b"PK\x03\x04 a word document", "PDF, PNG or JPEG"),
        ("certificate.pdf", b"%PDF-1.4 not really a document", "PDF, PNG or JPEG"),
        ("certificate.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "at most 5 MB"),
    ],
    ids=["wrong-type", "not-a-real-pdf", "too-big"],
)
def test_prg_12_api_refuses_a_bad_certificate_file_with_problem_json(
    channel_manager: User,
    two_partners: dict[str, Any],
    catalogue: dict[str, Any],
    api_client_for: Callable[[User], Client],
    name: str,
    content: bytes,
    message: str,
) -> None:
    """PRG-12: a file of another type, a fake PDF or one over 5 MB is
    refused as 422 problem JSON naming the evidence field; nothing is
    recorded."""
    api = api_client_for(channel_manager)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    refused = _send(api, two_partners["nw_rep"], catalogue, upload)
    assert refused.status_code == 422
    assert refused["Content-Type"].startswith("application/problem+json")
    problem = refused.json()
    assert problem["code"] == "evidence_refused"
    assert [e["field"] for e in problem["errors"]] == ["evidence"]
    assert message in problem["errors"][0]["message"]
    assert not TrainingCompletion.objects.exists()


def test_prg_12_api_upload_needs_a_file_and_the_pages_permission(
    two_partners: dict[str, Any],
    catalogue: dict[str, Any],
    api_client_for: Callable[[User], Client],
) -> None:
    """PRG-6, PRG-7: no file is a 422; a sales rep may not record (403);
    another organization's person is not found (404) — as on the page."""
    admin = api_client_for(two_partners["nw_admin"].user)
    missing = admin.post(
        UPLOAD,
        {
            "contact_id": two_partners["nw_rep"].pk,
            "training_id": catalogue["training"].pk,
            "completed_on": "2025-01-10",
        },
    )
    assert missing.status_code == 422
    assert missing["Content-Type"].startswith("application/problem+json")
    rep = api_client_for(two_partners["nw_rep"].user)
    assert _send(rep, two_partners["nw_rep"], catalogue, pdf()).status_code == 403
    assert _send(admin, two_partners["co_rep"], catalogue, pdf()).status_code == 404
    assert not TrainingCompletion.objects.exists()


def test_prg_13_parent_administrator_sees_but_does_not_record_for_a_subsidiary(
    two_partners: dict[str, Any],
    catalogue: dict[str, Any],
    make_partner: Callable[..., PartnerProfile],
    channel_manager: User,
    api_client_for: Callable[[User], Client],
) -> None:
    """PRG-13: with the subsidiaries switched on, the parent's administrator
    sees the subsidiary's people and their completions, but records
    trainings for its own people only (403); switched off, the subsidiary's
    completion is not found."""
    northwind = two_partners["nw"]
    branch = make_partner("Northwind Branch", parent_id=northwind.account_id)
    branch_person = PartnerContact.objects.get(partner=branch)
    cam = api_client_for(channel_manager)
    done = _send(cam, branch_person, catalogue, pdf())
    assert done.status_code == 201, done.content
    admin = api_client_for(two_partners["nw_admin"].user)
    completion = f"/api/v1/training-completions/{done.json()['id']}"
    assert admin.get(completion).status_code == 404
    northwind.refresh_from_db()
    partner_portal_update(
        actor=as_actor(channel_manager),
        partner=northwind,
        expected_version=northwind.version,
        portal_shows_subsidiaries=True,
    )
    assert admin.get(completion).status_code == 200
    assert admin.get("/api/v1/training-completions").json()["count"] == 1
    refused = _send(admin, branch_person, catalogue, png())
    assert refused.status_code == 403
    assert "Northwind Branch" in refused.json()["detail"]
    assert TrainingCompletion.objects.count() == 1
