"""The recruitment pages (PRG-1, PRG-10): the public pages without sign-in,
the honeypot, 429 with Retry-After, and the channel team's pages."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from openprm.core.options.models import ProfileOption
from openprm.identity.models import User
from openprm.programs.models import Program
from openprm.recruitment.catalog import APPLICATIONS_PER_HOUR
from openprm.recruitment.models import Application
from tests.recruitment.conftest import applicant

pytestmark = pytest.mark.django_db


def _form(name: str = "Fabrikam", **extra: str) -> dict[str, str]:
    return {**applicant(name), "campaign": "fair", **extra}


def test_prg_10_the_public_page_lists_programs_without_sign_in(program: Program) -> None:
    page = Client().get(reverse("portal:become_partner") + "?campaign=fair")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Reseller Program" in text
    assert "Gold" in text
    assert "Market development funds" in text
    assert "/portal/become-a-partner/RESELL/?campaign=fair" in text


def test_prg_1_the_form_submits_and_gives_the_private_status_link(program: Program) -> None:
    client = Client()
    answer = client.post(reverse("portal:apply", args=["RESELL"]), _form())
    assert answer.status_code == 200
    application = Application.objects.get()
    assert application.campaign_code == "fair"
    assert application.status_path() in answer.content.decode()
    status = client.get(application.status_path())
    assert "Fabrikam Systems" in status.content.decode()


def test_prg_10_field_errors_show_next_to_the_fields(program: Program) -> None:
    url = reverse("portal:apply", args=["RESELL"])
    text = Client().post(url, _form(email="nope")).content.decode()
    assert "Enter a valid email address." in text
    text = Client().post(url, _form(phone="12")).content.decode()
    assert "Enter a valid phone number." in text
    assert not Application.objects.exists()


def test_prg_10_a_robot_filling_the_honeypot_is_thanked_and_nothing_is_stored(
    program: Program,
) -> None:
    answer = Client().post(reverse("portal:apply", args=["RESELL"]), _form(fax_number="123"))
    assert answer.status_code == 200
    assert "Thank you" in answer.content.decode()
    assert not Application.objects.exists()


def test_prg_10_the_page_refuses_the_excess_with_429_and_retry_after(program: Program) -> None:
    ProfileOption.objects.filter(code=APPLICATIONS_PER_HOUR).update(value="2")
    client = Client(REMOTE_ADDR="203.0.113.9")
    url = reverse("portal:apply", args=["RESELL"])
    codes = [client.post(url, _form(f"Firm {n}")).status_code for n in range(3)]
    assert codes == [200, 200, 429]
    refused = client.post(url, _form("Firm 9"))
    assert int(refused["Retry-After"]) > 0
    assert "Too many applications" in refused.content.decode()
    assert Application.objects.count() == 2


def test_prg_10_the_status_link_of_an_unknown_token_is_not_found(program: Program) -> None:
    assert Client().get("/portal/applications/guess/").status_code == 404


def test_prg_10_the_approver_sees_duplicate_candidates_side_by_side(
    submit: Callable[..., Application], channel_manager: User, client_for: Callable[[User], Client]
) -> None:
    from openprm.customers.services import account_create
    from tests.factories import as_actor

    account_create(
        actor=as_actor(channel_manager),
        data={"name": "Fabrikam Systems", "country": "DE", "account_type": "PROSPECT"},
    )
    application = submit()
    page = client_for(channel_manager).get(application.get_absolute_url())
    text = page.content.decode()
    assert 'data-testid="duplicate-candidates"' in text
    assert "It is this account: link it" in text
    home = client_for(channel_manager).get("/")
    assert "Applications waiting" in home.content.decode()


def test_prg_10_an_oversized_form_is_refused_with_413(program: Program) -> None:
    answer = Client().post(reverse("portal:apply", args=["RESELL"]), _form(message="x" * 20_000))
    assert answer.status_code == 413
    assert not Application.objects.exists()
