"""PLAT-3 profile options pages; PLAT-6 stale edits; PLAT-2 refusals."""

import pytest
from django.urls import reverse

from openprm.core.options.selectors import profile_option_get, profile_option_value
from openprm.core.options.services import profile_option_update
from openprm.customers.catalog import DEFAULT_TEAM_ACCESS_LEVEL
from openprm.partners.catalog import PARTNER_CONTACT_MANDATORY
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def test_plat_3_list_shows_code_value_and_default(admin_user, client_for) -> None:
    response = client_for(admin_user).get(reverse("core:option_list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert PARTNER_CONTACT_MANDATORY in page
    assert "Default Team Access Level" in page


def test_plat_3_edit_offers_the_allowed_values_and_saves(admin_user, client_for) -> None:
    client = client_for(admin_user)
    url = reverse("core:option_edit", args=[DEFAULT_TEAM_ACCESS_LEVEL])
    form_page = client.get(url).content.decode()
    assert '<option value="View Only"' in form_page
    option = profile_option_get(actor=as_actor(admin_user), code=DEFAULT_TEAM_ACCESS_LEVEL)
    response = client.post(url, {"value": "Full", "version": option.version}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:option_list")
    assert "saved" in response.content.decode()
    assert profile_option_value(DEFAULT_TEAM_ACCESS_LEVEL) == "Full"


def test_plat_3_value_outside_the_allowed_ones_is_a_field_error(admin_user, client_for) -> None:
    option = profile_option_get(actor=as_actor(admin_user), code=PARTNER_CONTACT_MANDATORY)
    response = client_for(admin_user).post(
        reverse("core:option_edit", args=[PARTNER_CONTACT_MANDATORY]),
        {"value": "Maybe", "version": option.version},
    )
    assert response.status_code == 200
    assert 'id="id_value_error"' in response.content.decode()
    assert profile_option_value(PARTNER_CONTACT_MANDATORY) == "Yes"


def test_plat_6_stale_edit_shows_the_newer_value(admin_user, client_for) -> None:
    option = profile_option_get(actor=as_actor(admin_user), code=DEFAULT_TEAM_ACCESS_LEVEL)
    seen = option.version
    profile_option_update(
        actor=as_actor(admin_user), option=option, value="View Only", expected_version=seen
    )
    response = client_for(admin_user).post(
        reverse("core:option_edit", args=[DEFAULT_TEAM_ACCESS_LEVEL]),
        {"value": "Full", "version": seen},
    )
    page = response.content.decode()
    assert 'data-testid="stale-warning"' in page
    assert "View Only" in page
    assert f'name="version" value="{seen + 1}"' in page
    assert profile_option_value(DEFAULT_TEAM_ACCESS_LEVEL) == "View Only"


def test_plat_2_options_page_refused_naming_the_privilege(salesperson, client_for) -> None:
    response = client_for(salesperson).get(reverse("core:option_list"))
    assert response.status_code == 403
    assert "Manage Profile Options" in response.content.decode()


def test_plat_2_admin_menu_lists_only_pages_the_user_may_open(
    admin_user, salesperson, client_for
) -> None:
    admin_home = client_for(admin_user).get(reverse("home")).content.decode()
    assert reverse("core:option_list") in admin_home
    assert reverse("identity:user_list") in admin_home
    sales_home = client_for(salesperson).get(reverse("home")).content.decode()
    assert reverse("core:option_list") not in sales_home
