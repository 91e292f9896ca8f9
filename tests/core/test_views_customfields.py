"""PLAT-7 custom field pages: grouped by record type with inherited fields,
create (field errors), edit (PLAT-6 stale), delete; PLAT-2 refusals."""

import pytest
from django.urls import reverse

from openprm.core.customfields.models import CustomField
from openprm.core.customfields.services import custom_field_create, custom_field_update
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def _create(client, **overrides):
    data = {
        "record_type": "test_widget",
        "name": "size",
        "label": "Size",
        "field_type": "number",
        "lookup_type": "",
        "position": 1,
        **overrides,
    }
    return client.post(reverse("core:custom_field_create"), data, follow=True)


def test_plat_7_field_on_parent_shows_as_inherited_on_child(admin_user, client_for) -> None:
    client = client_for(admin_user)
    response = _create(client)
    assert "Custom field “Size” created." in response.content.decode()
    page = client.get(reverse("core:custom_field_list")).content.decode()
    child = page[page.index('data-testid="record-type-test_special_widget"') :]
    child = child[: child.index("</section>")]
    assert "size" in child
    assert "inherited from Widget" in child


def test_plat_7_field_on_child_does_not_show_on_parent(admin_user, client_for) -> None:
    client = client_for(admin_user)
    _create(client, record_type="test_special_widget", name="gloss", label="Gloss")
    page = client.get(reverse("core:custom_field_list")).content.decode()
    parent = page[page.index('data-testid="record-type-test_widget"') :]
    parent = parent[: parent.index("</section>")]
    assert "gloss" not in parent


def test_plat_7_choice_field_needs_a_lookup(admin_user, client_for) -> None:
    response = _create(client_for(admin_user), field_type="choice")
    assert 'id="id_lookup_type_error"' in response.content.decode()
    assert not CustomField.objects.exists()


def test_plat_7_bad_name_is_a_field_error(admin_user, client_for) -> None:
    response = _create(client_for(admin_user), name="Bad Name")
    assert 'id="id_name_error"' in response.content.decode()


def test_plat_7_choice_field_with_lookup(admin_user, client_for) -> None:
    _create(client_for(admin_user), field_type="choice", lookup_type="INDUSTRY", name="sector")
    assert CustomField.objects.get(name="sector").lookup_type.code == "INDUSTRY"


def test_plat_7_edit_label_and_delete(admin_user, client_for) -> None:
    field = custom_field_create(
        actor=as_actor(admin_user),
        record_type="test_widget",
        name="size",
        label="Size",
        field_type="text",
    )
    client = client_for(admin_user)
    response = client.post(
        reverse("core:custom_field_edit", args=[field.pk]),
        {"label": "Shoe size", "required": "on", "position": 3, "version": field.version},
    )
    assert response.status_code == 302
    field.refresh_from_db()
    assert (field.label, field.required, field.position) == ("Shoe size", True, 3)
    response = client.post(reverse("core:custom_field_delete", args=[field.pk]), follow=True)
    assert "deleted" in response.content.decode()
    assert not CustomField.objects.filter(pk=field.pk).exists()


def test_plat_6_stale_custom_field_edit_shows_newer_label(admin_user, client_for) -> None:
    field = custom_field_create(
        actor=as_actor(admin_user),
        record_type="test_widget",
        name="size",
        label="Size",
        field_type="text",
    )
    custom_field_update(
        actor=as_actor(admin_user), field=field, changes={"label": "Width"}, expected_version=1
    )
    response = client_for(admin_user).post(
        reverse("core:custom_field_edit", args=[field.pk]),
        {"label": "Height", "position": 0, "version": 1},
    )
    page = response.content.decode()
    assert 'data-testid="stale-warning"' in page
    assert "<dd>Width</dd>" in page


def test_plat_2_custom_fields_refused_naming_the_privilege(salesperson, client_for) -> None:
    response = client_for(salesperson).get(reverse("core:custom_field_create"))
    assert response.status_code == 403
    assert "Manage Custom Fields" in response.content.decode()
