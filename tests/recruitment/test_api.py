"""The recruitment API (PRG-1, PRG-10): the public application and status by
token, the abuse protection (429 with Retry-After, 413, field limits), and
the channel team's decisions."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from openprm.core.options.models import ProfileOption
from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import User
from openprm.partners.models import PartnerProfile
from openprm.programs.models import Program
from openprm.recruitment.catalog import APPLICATIONS_PER_HOUR
from openprm.recruitment.models import Application
from tests.factories import make_user
from tests.recruitment.conftest import applicant

pytestmark = pytest.mark.django_db
PUBLIC = "/api/v1/public/partner-applications"


def _apply(client: Client, name: str = "Fabrikam", **extra: Any) -> Any:
    body = {"program_code": "RESELL", **applicant(name), **extra}
    return client.post(PUBLIC, body, content_type="application/json")


def _limit(per_hour: int) -> None:
    ProfileOption.objects.filter(code=APPLICATIONS_PER_HOUR).update(value=str(per_hour))


def test_prg_1_anyone_applies_through_the_api_and_reads_its_status_by_token(
    program: Program,
) -> None:
    client = Client()
    answer = _apply(client, campaign_code="fair")
    assert answer.status_code == 201
    status = answer.json()
    assert status["state"] == "submitted"
    assert status["status_url"].endswith(f"/portal/applications/{status['token']}/")
    read = client.get(f"{PUBLIC}/{status['token']}")
    assert read.json()["company_name"] == "Fabrikam Systems"
    assert client.get(f"{PUBLIC}/not-a-token").status_code == 404
    assert Application.objects.get().campaign_code == "fair"


def test_prg_10_bad_input_is_a_problem_naming_the_fields(program: Program) -> None:
    answer = _apply(Client(), email="nope", phone="1", message="x" * 2001)
    assert answer.status_code == 422
    assert answer["Content-Type"] == "application/problem+json"
    assert {e["field"] for e in answer.json()["errors"]} >= {"message"}
    answer = _apply(Client(), email="nope", phone="1")
    assert {e["field"] for e in answer.json()["errors"]} == {"email", "phone"}
    assert _apply(Client(), program_code="NOPE").status_code == 404


def test_prg_10_the_excess_from_one_address_is_refused_with_retry_after(
    program: Program,
) -> None:
    _limit(3)
    client = Client(REMOTE_ADDR="203.0.113.7")
    answers = [_apply(client, f"Company {n}").status_code for n in range(5)]
    assert answers == [201, 201, 201, 429, 429]
    refused = _apply(client, "Company 6")
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["code"] == "rate_limited"
    assert _apply(Client(REMOTE_ADDR="198.51.100.1"), "Other").status_code == 201
    assert Application.objects.count() == 4


def test_prg_10_an_oversized_request_is_refused_before_it_is_read(program: Program) -> None:
    answer = Client().post(PUBLIC, {"message": "x" * 20_000}, content_type="application/json")
    assert answer.status_code == 413
    assert answer.json()["code"] == "request_too_large"


def test_prg_10_the_applicant_answers_and_withdraws_by_token(
    submit: Callable[..., Application], channel_manager: User, api_client_for: Any
) -> None:
    application = submit()
    api = api_client_for(channel_manager)
    base = f"/api/v1/partner-applications/{application.pk}"
    asked = api.post(
        f"{base}/request-info",
        {"version": application.version, "message": "Your references?"},
        content_type="application/json",
    )
    assert asked.json()["state"] == "info_requested"
    client = Client()
    status = client.get(f"{PUBLIC}/{application.token}").json()
    assert status["info_request"] == "Your references?"
    answered = client.post(
        f"{PUBLIC}/{application.token}/answer",
        {"answer": "Contoso"},
        content_type="application/json",
    )
    assert answered.json()["state"] == "under_review"
    withdrawn = client.post(f"{PUBLIC}/{application.token}/withdraw")
    assert withdrawn.json()["state"] == "withdrawn"
    again = client.post(f"{PUBLIC}/{application.token}/withdraw")
    assert again.status_code == 409


def test_prg_1_the_channel_team_approves_through_the_api(
    submit: Callable[..., Application],
    channel_manager: User,
    api_client_for: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    application = submit()
    api = api_client_for(channel_manager)
    base = f"/api/v1/partner-applications/{application.pk}"
    reviewed = api.post(f"{base}/review", {"version": 1}, content_type="application/json").json()
    with django_capture_on_commit_callbacks(execute=True):
        approved = api.post(
            f"{base}/approve", {"version": reviewed["version"]}, content_type="application/json"
        )
    assert approved.status_code == 200
    assert approved.json()["state"] == "approved"
    assert PartnerProfile.objects.get(pk=approved.json()["partner_id"]).is_active_partner
    assert mail.outbox[-1].subject == "Your partner portal invitation"


def test_prg_10_duplicates_are_listed_and_block_a_new_partner_through_the_api(
    submit: Callable[..., Application], channel_manager: User, api_client_for: Any
) -> None:
    from openprm.customers.services import account_create
    from tests.factories import as_actor

    account = account_create(
        actor=as_actor(channel_manager),
        data={"name": "Fabrikam Systems", "country": "DE", "account_type": "PROSPECT"},
    )
    application = submit()
    api = api_client_for(channel_manager)
    base = f"/api/v1/partner-applications/{application.pk}"
    candidates = api.get(f"{base}/candidates").json()
    assert [(c["kind"], c["id"], c["is_partner"]) for c in candidates] == [
        ("account", account.pk, False)
    ]
    version = api.post(f"{base}/review", {"version": 1}, content_type="application/json").json()[
        "version"
    ]
    refused = api.post(f"{base}/approve", {"version": version}, content_type="application/json")
    assert refused.status_code == 409
    assert refused.json()["code"] == "duplicate_candidates"
    assert refused.json()["candidates"][0]["id"] == account.pk


def test_prg_1_the_internal_api_is_the_approvers(
    submit: Callable[..., Application], api_client_for: Any
) -> None:
    application = submit()
    api = api_client_for(make_user(SALESPERSON))
    assert api.get("/api/v1/partner-applications").status_code == 403
    assert api.get(f"/api/v1/partner-applications/{application.pk}").status_code == 404
