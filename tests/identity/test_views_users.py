"""User administration pages: PLAT-1 activation, PLAT-2 roles and refusals,
PLAT-5 history on the user page, PLAT-6 stale edits, IMP-3 export."""

import pytest
from django.urls import reverse

from openprm.identity.catalog import PARTNER_ADMINISTRATOR, SALES_ADMINISTRATOR, SALESPERSON
from openprm.identity.models import Role, User
from openprm.identity.services import token_create, user_update
from tests.factories import as_actor, make_user, role_codes

pytestmark = pytest.mark.django_db


def _role(code: str) -> Role:
    return Role.objects.get(code=code)


def test_plat_2_user_list_filters_by_prefix_role_and_status(
    admin_user, client_for, django_assert_max_num_queries
) -> None:
    make_user(SALESPERSON, username="sally")
    make_user(SALESPERSON, username="sam", is_active=False)
    make_user(SALES_ADMINISTRATOR, username="sara")
    client = client_for(admin_user)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("identity:user_list"), {"q": "sa", "role": SALESPERSON})
    body = page.content.decode()
    assert "sally" in body
    assert "sam" in body
    assert "sara" not in body
    body = client.get(reverse("identity:user_list"), {"q": "sa", "active": "false"}).content
    assert b"sam" in body
    assert b"sally" not in body


def test_imp_3_user_export_holds_the_filtered_rows(admin_user, client_for) -> None:
    make_user(SALESPERSON, username="sally", last_name="=cmd")
    make_user(SALESPERSON, username="bob")
    response = client_for(admin_user).get(
        reverse("identity:user_list"), {"q": "sal", "export": "csv"}
    )
    text = b"".join(response.streaming_content).decode()
    assert "sally" in text
    assert "bob" not in text
    assert "'=cmd" in text
    xlsx = client_for(admin_user).get(reverse("identity:user_list"), {"export": "xlsx"})
    assert xlsx["Content-Disposition"].endswith('users.xlsx"')


def test_plat_2_user_pages_refused_naming_the_privilege(salesperson, client_for) -> None:
    """PLAT-2: the administration pages — one's own user's too — need
    Manage Users and Roles and name it."""
    client = client_for(salesperson)
    own = [
        reverse(f"identity:user_{name}", args=[salesperson.pk])
        for name in ("detail", "edit", "password")
    ]
    for url in (reverse("identity:user_list"), reverse("identity:user_create"), *own):
        response = client.get(url)
        assert response.status_code == 403
        assert "Manage Users and Roles" in response.content.decode()


def test_plat_2_create_user_with_role(admin_user, client_for) -> None:
    response = client_for(admin_user).post(
        reverse("identity:user_create"),
        {
            "username": "newbie",
            "first_name": "New",
            "last_name": "Bie",
            "email": "newbie@example.com",
            "user_type": "internal",
            "roles": [_role(SALESPERSON).pk],
            "password": "Sturdy-Passw0rd-17",
        },
        follow=True,
    )
    assert "User “newbie” created." in response.content.decode()
    user = User.objects.get(username="newbie")
    assert list(role_codes(user)) == [SALESPERSON]
    assert user.check_password("Sturdy-Passw0rd-17")


def test_plat_2_create_offers_only_roles_fitting_the_type(admin_user, client_for) -> None:
    client = client_for(admin_user)
    internal = client.get(reverse("identity:user_create")).content.decode()
    assert "Salesperson" in internal
    assert "Partner Administrator" not in internal
    partner = client.get(reverse("identity:user_create"), {"user_type": "partner"}).content
    assert b"Partner Administrator" in partner
    assert b"Salesperson" not in partner


def test_plat_2_create_refuses_misfit_role_and_weak_password(admin_user, client_for) -> None:
    response = client_for(admin_user).post(
        reverse("identity:user_create"),
        {
            "username": "newbie",
            "user_type": "internal",
            "roles": [_role(PARTNER_ADMINISTRATOR).pk],
            "password": "123",
        },
    )
    page = response.content.decode()
    assert 'id="id_roles_error"' in page
    assert not User.objects.filter(username="newbie").exists()
    response = client_for(admin_user).post(
        reverse("identity:user_create"),
        {"username": "newbie", "user_type": "internal", "password": "123"},
    )
    assert 'id="id_password_error"' in response.content.decode()


def test_plat_5_user_page_shows_history_and_events(admin_user, client_for) -> None:
    subject = make_user(SALESPERSON, username="sally")
    user_update(
        actor=as_actor(admin_user),
        user=subject,
        expected_version=subject.version,
        last_name="Seller",
        roles=[_role(SALES_ADMINISTRATOR)],
    )
    token_create(actor=as_actor(subject), name="cli")
    page = client_for(admin_user).get(reverse("identity:user_detail", args=[subject.pk]))
    body = page.content.decode()
    assert "Last name: — → Seller" in body
    assert "Seller" in body
    assert '<td title="roles_changed">Roles changed</td>' in body
    assert 'data-testid="token-count">1<' in body
    assert "<li>Name: cli</li>" in body


def test_plat_6_stale_user_edit_shows_newer_values(admin_user, client_for) -> None:
    subject = make_user(SALESPERSON, username="sally", last_name="Old")
    seen = subject.version
    user_update(actor=as_actor(admin_user), user=subject, expected_version=seen, last_name="Newer")
    response = client_for(admin_user).post(
        reverse("identity:user_edit", args=[subject.pk]),
        {"last_name": "Mine", "email": "", "roles": [_role(SALESPERSON).pk], "version": seen},
    )
    body = response.content.decode()
    assert 'data-testid="stale-warning"' in body
    assert "<dd>Newer</dd>" in body
    subject.refresh_from_db()
    assert subject.last_name == "Newer"


def test_plat_1_deactivate_and_activate(admin_user, client_for) -> None:
    subject = make_user(SALESPERSON, username="sally")
    client = client_for(admin_user)
    url = reverse("identity:user_set_active", args=[subject.pk])
    body = client.post(url, {"active": "false"}, follow=True).content.decode()
    assert "deactivated" in body
    subject.refresh_from_db()
    assert not subject.is_active
    client.post(url, {"active": "true"})
    subject.refresh_from_db()
    assert subject.is_active


def test_plat_1_administrator_cannot_deactivate_self(admin_user, client_for) -> None:
    url = reverse("identity:user_set_active", args=[admin_user.pk])
    body = client_for(admin_user).post(url, {"active": "false"}, follow=True).content.decode()
    assert "You cannot deactivate yourself." in body


def test_plat_1_reset_password(admin_user, client_for) -> None:
    subject = make_user(SALESPERSON, username="sally")
    url = reverse("identity:user_password", args=[subject.pk])
    client = client_for(admin_user)
    mismatch = client.post(url, {"password": "Sturdy-Passw0rd-17", "confirm": "other"})
    assert 'id="id_confirm_error"' in mismatch.content.decode()
    client.post(url, {"password": "Sturdy-Passw0rd-17", "confirm": "Sturdy-Passw0rd-17"})
    subject.refresh_from_db()
    assert subject.check_password("Sturdy-Passw0rd-17")


def test_unknown_user_answers_404(admin_user, client_for) -> None:
    assert (
        client_for(admin_user).get(reverse("identity:user_detail", args=[999])).status_code == 404
    )


def test_invalid_filter_is_ignored_with_a_warning(admin_user, client_for) -> None:
    response = client_for(admin_user).get(reverse("identity:user_list"), {"active": "maybe"})
    assert response.status_code == 200
    assert "Some filters were not valid and were ignored." in response.content.decode()
