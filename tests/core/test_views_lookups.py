"""PLAT-4 lookup pages: ordered values, tags, add (plain and HTMX), edit
(PLAT-6 stale), delete refused for system lookups; PLAT-2 refusals."""

import pytest
from django.urls import reverse

from openprm.contacts.catalog import REASON_CODE
from openprm.core.lookups.models import LookupValue
from openprm.core.lookups.selectors import lookup_type_get, lookup_value_list
from openprm.core.lookups.services import (
    lookup_type_create,
    lookup_value_create,
    lookup_value_update,
)
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def test_plat_4_type_page_lists_ordered_values_with_legal_tag(admin_user, client_for) -> None:
    response = client_for(admin_user).get(reverse("core:lookup_detail", args=[REASON_CODE]))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Do Not Call Registry opt-out") < page.index("Customer Request")
    assert '<span class="badge tag">LEGAL</span>' in page


def test_plat_4_list_of_types_counts_values(admin_user, client_for, django_assert_max_num_queries):
    client = client_for(admin_user)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("core:lookup_list"))
    assert REASON_CODE in response.content.decode()


def test_plat_4_add_value_with_tag(admin_user, client_for) -> None:
    response = client_for(admin_user).post(
        reverse("core:lookup_value_add", args=[REASON_CODE]),
        {"code": "court_order", "meaning": "Court order", "tags": "legal, urgent"},
        follow=True,
    )
    assert "Value “Court order” added." in response.content.decode()
    added = lookup_value_list(actor=as_actor(admin_user), type_code=REASON_CODE).get(
        code="COURT_ORDER"
    )
    assert added.tags == ["LEGAL", "URGENT"]


def test_plat_4_add_value_inline_with_htmx_returns_the_panel(admin_user, client_for) -> None:
    response = client_for(admin_user).post(
        reverse("core:lookup_value_add", args=[REASON_CODE]),
        {"code": "MOVED", "meaning": "Moved away", "tags": ""},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="values-panel">')
    assert "Moved away" in page
    assert "<html" not in page


def test_plat_4_duplicate_code_is_a_field_error(admin_user, client_for) -> None:
    response = client_for(admin_user).post(
        reverse("core:lookup_value_add", args=[REASON_CODE]),
        {"code": "BOUNCED", "meaning": "Again", "tags": ""},
    )
    assert response.status_code == 422
    assert 'id="id_code_error"' in response.content.decode()


def test_plat_4_edit_value_tags_and_active(admin_user, client_for) -> None:
    value = lookup_value_list(actor=as_actor(admin_user), type_code=REASON_CODE).get(code="BOUNCED")
    url = reverse("core:lookup_value_edit", args=[REASON_CODE, value.pk])
    response = client_for(admin_user).post(
        url,
        {"meaning": "Bounced e-mail", "position": 5, "tags": "legal", "version": value.version},
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert (value.meaning, value.position, value.tags, value.active) == (
        "Bounced e-mail",
        5,
        ["LEGAL"],
        False,
    )


def test_plat_6_stale_value_edit_shows_newer_meaning(admin_user, client_for) -> None:
    value = lookup_value_list(actor=as_actor(admin_user), type_code=REASON_CODE).get(code="BOUNCED")
    seen = value.version
    lookup_value_update(
        actor=as_actor(admin_user),
        value=value,
        changes={"meaning": "Hard bounce"},
        expected_version=seen,
    )
    response = client_for(admin_user).post(
        reverse("core:lookup_value_edit", args=[REASON_CODE, value.pk]),
        {"meaning": "Soft bounce", "position": 1, "tags": "", "active": "on", "version": seen},
    )
    page = response.content.decode()
    assert 'data-testid="stale-warning"' in page
    assert "Hard bounce" in page


def test_plat_4_values_of_system_lookup_cannot_be_deleted(admin_user, client_for) -> None:
    value = lookup_value_list(actor=as_actor(admin_user), type_code=REASON_CODE).get(code="BOUNCED")
    response = client_for(admin_user).post(
        reverse("core:lookup_value_delete", args=[REASON_CODE, value.pk]), follow=True
    )
    assert "cannot be deleted" in response.content.decode()
    assert LookupValue.objects.filter(pk=value.pk).exists()


def test_plat_4_values_of_own_lookup_can_be_deleted(admin_user, client_for) -> None:
    own = lookup_type_create(actor=as_actor(admin_user), code="COLOR", name="Colour")
    value = lookup_value_create(
        actor=as_actor(admin_user), lookup_type=own, code="RED", meaning="Red"
    )
    response = client_for(admin_user).post(
        reverse("core:lookup_value_delete", args=["COLOR", value.pk]), follow=True
    )
    assert "Value “Red” deleted." in response.content.decode()
    assert not lookup_type_get(actor=as_actor(admin_user), code="COLOR").values.exists()


def test_plat_2_adding_a_value_without_privilege_is_refused(salesperson, client_for) -> None:
    response = client_for(salesperson).post(
        reverse("core:lookup_value_add", args=[REASON_CODE]),
        {"code": "X", "meaning": "X", "tags": ""},
    )
    assert response.status_code == 403
    assert "Manage Lookups" in response.content.decode()


def test_unknown_lookup_answers_the_404_page(admin_user, client_for) -> None:
    response = client_for(admin_user).get(reverse("core:lookup_detail", args=["NOPE"]))
    assert response.status_code == 404
    assert "Not found" in response.content.decode()
