"""PLAT-3 profile options through the API."""

import pytest

from openprm.core.options.selectors import profile_option_value
from openprm.customers.catalog import DEFAULT_TEAM_ACCESS_LEVEL, ENABLE_SELLTO_ADDR_CHECKBOX
from openprm.identity.models import User
from openprm.partners.catalog import PARTNER_CONTACT_MANDATORY

pytestmark = pytest.mark.django_db

URL = "/api/v1/profile-options"


def test_plat_3_defaults_per_spec(salesperson: User, api_client_for) -> None:
    options = {o["code"]: o for o in api_client_for(salesperson).get(URL).json()["items"]}
    assert options[PARTNER_CONTACT_MANDATORY]["value"] == "Yes"
    assert options[ENABLE_SELLTO_ADDR_CHECKBOX]["value"] == "Yes"
    assert options[DEFAULT_TEAM_ACCESS_LEVEL]["value"] == "Edit"
    assert options[DEFAULT_TEAM_ACCESS_LEVEL]["allowed_values"] == ["View Only", "Edit", "Full"]
    assert options[PARTNER_CONTACT_MANDATORY]["allowed_values"] == ["Yes", "No"]


def test_plat_3_admin_changes_an_option_and_rules_read_it(admin_user: User, api_client_for) -> None:
    client = api_client_for(admin_user)
    current = client.get(f"{URL}/{DEFAULT_TEAM_ACCESS_LEVEL}").json()
    response = client.patch(
        f"{URL}/{DEFAULT_TEAM_ACCESS_LEVEL}",
        {"value": "Full", "version": current["version"]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == current["version"] + 1
    assert profile_option_value(DEFAULT_TEAM_ACCESS_LEVEL) == "Full"


@pytest.mark.parametrize(
    ("code", "value"),
    [
        (PARTNER_CONTACT_MANDATORY, "Maybe"),
        (DEFAULT_TEAM_ACCESS_LEVEL, "Owner"),
        (DEFAULT_TEAM_ACCESS_LEVEL, ""),
    ],
)
def test_plat_3_values_are_typed(admin_user: User, api_client_for, code: str, value: str) -> None:
    client = api_client_for(admin_user)
    version = client.get(f"{URL}/{code}").json()["version"]
    response = client.patch(
        f"{URL}/{code}", {"value": value, "version": version}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "value"


def test_plat_3_changing_options_needs_the_privilege(salesperson: User, api_client_for) -> None:
    response = api_client_for(salesperson).patch(
        f"{URL}/{PARTNER_CONTACT_MANDATORY}",
        {"value": "No", "version": 1},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["privilege"] == "manage_profile_options"
    assert profile_option_value(PARTNER_CONTACT_MANDATORY) == "Yes"


def test_plat_3_unknown_option_is_404(salesperson: User, api_client_for) -> None:
    assert api_client_for(salesperson).get(f"{URL}/NOPE").status_code == 404
