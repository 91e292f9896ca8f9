"""Issue 18 "The fields migrations carry": an account's phone, web site and
tax ID, through the service, the API, the pages and the list export
(CUS-2, PLAT-2)."""

from typing import Any

import pytest

from openprm.core.errors import ValidationFailed
from openprm.customers import services
from openprm.customers.models import Account
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def test_cus_2_phone_web_site_and_tax_id_are_stored_in_their_stored_form(
    salesperson: Any,
) -> None:
    """CUS-2: a national phone is read in the account's country and stored
    E.164; a web site written as exports write it gets https://; the tax ID
    is trimmed."""
    account = services.account_create(
        actor=as_actor(salesperson),
        data={
            "name": "Globex GmbH",
            "country": "Germany",
            "phone": "089 3090 7700",
            "website": "www.globex.de",
            "tax_id": "  DE123456789 ",
        },
    )
    account.refresh_from_db()
    assert (account.phone, account.website, account.tax_id) == (
        "+498930907700",
        "https://www.globex.de",
        "DE123456789",
    )
    # Without a country a national number is read in the default region.
    us = services.account_create(
        actor=as_actor(salesperson), data={"name": "Initech", "phone": "(512) 555-0170"}
    )
    assert us.phone == "+15125550170"
    # An edit reads the new phone in the account's country, and clears.
    services.account_update(
        actor=as_actor(salesperson),
        account=account,
        changes={"phone": "089 3090 7701", "website": ""},
        expected_version=account.version,
    )
    account.refresh_from_db()
    assert (account.phone, account.website) == ("+498930907701", "")


def test_cus_2_bad_phone_web_site_and_tax_id_are_refused_per_field(salesperson: Any) -> None:
    """CUS-2: each bad value is named by its field, all at once."""
    with pytest.raises(ValidationFailed) as refused:
        services.account_create(
            actor=as_actor(salesperson),
            data={
                "name": "Bad Values Inc",
                "phone": "call us",
                "website": "not a site",
                "tax_id": "X" * 41,
            },
        )
    errors = refused.value.field_errors
    assert errors["phone"] == ["Enter a valid phone number."]
    assert errors["website"] == ["Enter a valid web site address, such as www.example.com."]
    assert "at most 40 characters" in errors["tax_id"][0]
    account = services.account_create(actor=as_actor(salesperson), data={"name": "Fine"})
    with pytest.raises(ValidationFailed) as edit:
        services.account_update(
            actor=as_actor(salesperson),
            account=account,
            changes={"website": "ftp://files.example.com"},
            expected_version=account.version,
        )
    assert list(edit.value.field_errors) == ["website"]


def test_cus_2_api_takes_and_returns_the_fields_and_patches_them(
    api_client_for: Any, salesperson: Any
) -> None:
    """CUS-2 through the API: in on create and PATCH, out on every read."""
    client = api_client_for(salesperson)
    created = client.post(
        "/api/v1/accounts",
        {"name": "Api Phone Corp", "country": "FR", "phone": "01 42 60 30 30", "tax_id": "FR40"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["phone"], body["website"], body["tax_id"]) == ("+33142603030", "", "FR40")
    patched = client.patch(
        f"/api/v1/accounts/{body['id']}",
        {"version": body["version"], "website": "sge.fr"},
        content_type="application/json",
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["website"] == "https://sge.fr"
    assert client.get(f"/api/v1/accounts/{body['id']}").json()["phone"] == "+33142603030"


def test_cus_2_api_answers_bad_values_with_a_problem_naming_the_fields(
    api_client_for: Any, salesperson: Any
) -> None:
    """RFC 9457: a 422 problem whose errors name each refused field."""
    client = api_client_for(salesperson)
    response = client.post(
        "/api/v1/accounts",
        {"name": "Problem Corp", "phone": "12", "website": "http://"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert sorted(e["field"] for e in response.json()["errors"]) == ["phone", "website"]
    account = client.post(
        "/api/v1/accounts", {"name": "Patched"}, content_type="application/json"
    ).json()
    patch = client.patch(
        f"/api/v1/accounts/{account['id']}",
        {"version": account["version"], "phone": "nope"},
        content_type="application/json",
    )
    assert patch.status_code == 422
    assert sorted(e["field"] for e in patch.json()["errors"]) == ["phone"]


def test_cus_2_pages_show_messages_next_to_the_fields_and_the_detail_shows_them(
    client_for: Any, salesperson: Any
) -> None:
    """The create page puts each message next to its field; the detail page
    shows the phone in its international form, the site as a link."""
    client = client_for(salesperson)
    refused = client.post(
        "/customers/accounts/new/",
        {"name": "Form Corp", "currency": "USD", "phone": "call us", "website": "a b"},
    )
    assert refused.status_code == 200
    assert 'id="id_phone_error"' in refused.text
    assert 'id="id_website_error"' in refused.text
    created = client.post(
        "/customers/accounts/new/",
        {
            "name": "Form Corp",
            "currency": "USD",
            "country": "DE",
            "phone": "089 3090 7700",
            "website": "www.form.example",
            "tax_id": "DE123456789",
        },
    )
    assert created.status_code == 302, created.content
    account = Account.objects.get(name="Form Corp")
    page = client.get(f"/customers/accounts/{account.pk}/").text
    assert "+49 89 30907700" in page
    assert 'href="https://www.form.example"' in page
    assert "DE123456789" in page
    edit = client.get(f"/customers/accounts/{account.pk}/edit/").text
    assert 'value="DE123456789"' in edit


def test_cus_11_the_export_has_the_phone_web_site_and_tax_id(
    client_for: Any, sales_admin: Any
) -> None:
    """CUS-11: the account list's export carries the three columns."""
    services.account_create(
        actor=as_actor(sales_admin),
        data={"name": "Export Corp", "phone": "+1 512 555 0170", "tax_id": "US-99"},
    )
    export = client_for(sales_admin).get("/customers/accounts/?export=csv&q=export")
    body = b"".join(export.streaming_content).decode()
    header, row = body.splitlines()[:2]
    columns = dict(zip(header.split(","), row.split(","), strict=True))
    # A leading "+" is escaped as every cell that could start a formula.
    exported = (columns["Phone"], columns["Web site"], columns["Tax ID"])
    assert exported == ("'+15125550170", "", "US-99")
