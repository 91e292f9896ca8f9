"""PRG-2, PRG-7, PRG-13 and the invitation rules (issue 16, Bad input):
the partner administrator's own users, the portal contact page, the brand
owner's portal settings of a partner, and the invitation links — through
the services, the API and the pages."""

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from openprm.contacts.models import ContactPoint
from openprm.core.errors import Conflict, NotFound, PermissionRefused, ValidationFailed
from openprm.core.notifications.models import Notification
from openprm.identity.catalog import PARTNER_SALES_REPRESENTATIVE
from openprm.identity.models import User
from openprm.identity.services import token_create
from openprm.partners import selectors, services
from openprm.partners.models import PartnerContact, PartnerProfile, PortalInvitation
from openprm.partners.services.invitations import (
    INVITATION_VALIDITY,
    invitation_accept,
    invitation_renewal_request,
    invited_user,
)
from tests.factories import as_actor
from tests.partners.conftest import BASE_URL

pytestmark = pytest.mark.django_db

JSON = "application/json"
PASSWORD = "A-long-portal-passphrase-42"


def _link_token(message: Any) -> str:
    found = re.search(r"/portal/invitation/([^/\s]+)/", message.body)
    assert found is not None, message.body
    return found.group(1)


def _set_portal(cam: User, partner: PartnerProfile, **settings: Any) -> PartnerProfile:
    partner.refresh_from_db()
    return services.partner_portal_update(
        actor=as_actor(cam), partner=partner, expected_version=partner.version, **settings
    )


def _invite(admin: PartnerContact, email: str = "nina@nw.example", **extra: Any) -> PartnerContact:
    return services.portal_user_invite(
        actor=as_actor(admin.user),
        first_name="Nina",
        last_name="New",
        email=email,
        base_url=BASE_URL,
        **extra,
    )


# PRG-2: the partner administrator's users ------------------------------------------------


def test_prg_2_partner_administrator_invites_a_user(two_partners: dict[str, Any]) -> None:
    """PRG-2: the invitee is a partner contact of the administrator's own
    organization with a standard portal user, its e-mail as user name, an
    e-mail contact point, and the invitation e-mail."""
    contact = _invite(two_partners["nw_admin"], email="Nina@NW.example")
    assert contact.partner_id == two_partners["nw"].pk
    assert contact.level == PartnerContact.Level.USER
    assert contact.portal_user_type == "standard"
    assert contact.role.code == PARTNER_SALES_REPRESENTATIVE
    user = contact.user
    assert (user.username, user.email, user.is_partner_user) == (
        "nina@nw.example",
        "nina@nw.example",
        True,
    )
    assert not user.has_usable_password()
    assert contact.resource.is_partner_resource
    assert contact.resource.manager == two_partners["nw_admin"].resource
    emails = ContactPoint.objects.filter(person=contact.person).values_list("email", flat=True)
    assert list(emails) == ["nina@nw.example"]
    assert mail.outbox[-1].to == ["nina@nw.example"]
    assert invited_user(_link_token(mail.outbox[-1])) == user


def test_prg_2_only_the_partner_administrator_invites(
    two_partners: dict[str, Any], channel_manager: User
) -> None:
    """PRG-2: a standard portal user of the organization is refused (403);
    an internal user has no organization in the portal (404)."""
    with pytest.raises(PermissionRefused):
        _invite(two_partners["nw_rep"])
    with pytest.raises(NotFound):
        services.portal_user_invite(
            actor=as_actor(channel_manager),
            first_name="A",
            last_name="B",
            email="ab@nw.example",
            base_url=BASE_URL,
        )
    assert not User.objects.filter(username="nina@nw.example").exists()


def test_prg_2_a_taken_e_mail_is_refused(two_partners: dict[str, Any]) -> None:
    """PRG-2: the e-mail is the user name, so a second user with it is refused."""
    _invite(two_partners["nw_admin"])
    with pytest.raises(Conflict) as refused:
        _invite(two_partners["co_admin"], email="NINA@nw.example")
    assert refused.value.code == "portal_user_exists"


def test_issue_16_no_portal_user_for_an_inactive_partner(
    two_partners: dict[str, Any], channel_manager: User
) -> None:
    """Bad input: a portal user for an inactive partner is refused with a
    clear message, invited or reactivated."""
    rep = two_partners["nw_rep"]
    services.portal_user_update(
        actor=as_actor(two_partners["nw_admin"].user),
        contact=rep,
        expected_version=rep.version,
        active=False,
    )
    services.partner_set_status(
        actor=as_actor(channel_manager), partner=two_partners["nw"], status="inactive"
    )
    with pytest.raises(Conflict) as refused:
        _invite(two_partners["nw_admin"])
    assert refused.value.code == "partner_inactive"
    assert "Northwind is an inactive partner" in refused.value.message
    rep.refresh_from_db()
    with pytest.raises(Conflict, match="inactive partner"):
        services.portal_user_update(
            actor=as_actor(two_partners["nw_admin"].user),
            contact=rep,
            expected_version=rep.version,
            active=True,
        )


def test_prg_2_deactivate_and_reactivate(two_partners: dict[str, Any]) -> None:
    """PRG-2: the administrator deactivates a user (its tokens are revoked)
    and reactivates it; it never deactivates itself."""
    admin = two_partners["nw_admin"]
    rep = two_partners["nw_rep"]
    token_create(actor=as_actor(rep.user), name="script")
    services.portal_user_update(
        actor=as_actor(admin.user), contact=rep, expected_version=rep.version, active=False
    )
    rep.refresh_from_db()
    assert not rep.user.is_active
    assert not rep.resource.active
    assert not rep.user.access_tokens.filter(revoked_at__isnull=True).exists()
    services.portal_user_update(
        actor=as_actor(admin.user), contact=rep, expected_version=rep.version, active=True
    )
    rep.refresh_from_db()
    assert rep.user.is_active
    with pytest.raises(ValidationFailed, match="yourself"):
        services.portal_user_update(
            actor=as_actor(admin.user), contact=admin, expected_version=admin.version, active=False
        )


# PRG-13: the brand owner's portal settings -----------------------------------------------


def test_prg_13_user_types_up_to_the_highest_the_brand_owner_allows(
    two_partners: dict[str, Any], channel_manager: User
) -> None:
    """PRG-13: standard by default (Contoso); power once allowed; lowering
    the highest type makes the power users standard."""
    admin = two_partners["co_admin"]
    rep = two_partners["co_rep"]
    assert two_partners["co"].max_portal_user_type == "standard"
    with pytest.raises(ValidationFailed) as refused:
        _invite(admin, portal_user_type="power")
    assert refused.value.code == "portal_user_type_not_allowed"
    assert "Contoso may have standard users only" in refused.value.message
    with pytest.raises(ValidationFailed):
        services.portal_user_update(
            actor=as_actor(admin.user),
            contact=rep,
            expected_version=rep.version,
            portal_user_type="power",
        )
    _set_portal(channel_manager, two_partners["co"], max_portal_user_type="power")
    rep.refresh_from_db()
    services.portal_user_update(
        actor=as_actor(admin.user),
        contact=rep,
        expected_version=rep.version,
        portal_user_type="power",
    )
    assert _invite(admin, portal_user_type="power").portal_user_type == "power"
    _set_portal(channel_manager, two_partners["co"], max_portal_user_type="standard")
    types = set(
        PartnerContact.objects.filter(partner=two_partners["co"]).values_list(
            "portal_user_type", flat=True
        )
    )
    assert types == {"standard"}


def test_prg_13_only_the_channel_team_sets_the_portal(two_partners: dict[str, Any]) -> None:
    """PRG-13: the partner administrator cannot switch its own portal settings."""
    partner = two_partners["nw"]
    with pytest.raises(PermissionRefused):
        services.partner_portal_update(
            actor=as_actor(two_partners["nw_admin"].user),
            partner=partner,
            expected_version=partner.version,
            max_portal_user_type="power",
        )


def test_prg_13_switching_the_portal_off_signs_everyone_out(
    two_partners: dict[str, Any],
    channel_manager: User,
    client_for: Callable[[User], Client],
    api_client_for: Callable[[User], Client],
) -> None:
    """PRG-13: off ends every session of the organization's users at once and
    refuses their sign-in and their tokens with a clear message; Contoso's
    users are untouched; back on, they sign in again — the old session
    stays ended."""
    rep = two_partners["nw_rep"].user
    browser = client_for(rep)
    api = api_client_for(rep)
    contoso = client_for(two_partners["co_rep"].user)
    assert browser.get("/portal/contacts/").status_code == 200
    _set_portal(channel_manager, two_partners["nw"], portal_enabled=False)

    signed_out = browser.get("/portal/contacts/", follow=True)
    assert signed_out.redirect_chain[-1][0].startswith("/account/sign-in/")
    assert "The partner portal is switched off for Northwind" in signed_out.content.decode()
    assert api.get("/api/v1/portal/me").status_code == 401
    assert contoso.get("/portal/contacts/").status_code == 200
    rep.set_password(PASSWORD)
    rep.save()
    refused = Client().post("/account/sign-in/", {"username": rep.username, "password": PASSWORD})
    assert refused.status_code == 200
    assert "switched off for Northwind" in refused.content.decode()

    _set_portal(channel_manager, two_partners["nw"], portal_enabled=True)
    assert browser.get("/portal/contacts/").status_code == 302
    assert api.get("/api/v1/portal/me").status_code == 200
    again = Client()
    signed_in = again.post("/account/sign-in/", {"username": rep.username, "password": PASSWORD})
    assert signed_in.status_code == 302
    assert again.get("/portal/contacts/").status_code == 200


def test_prg_13_subsidiaries_contacts_only_where_switched_on(
    two_partners: dict[str, Any],
    make_partner: Callable[..., PartnerProfile],
    channel_manager: User,
) -> None:
    """PRG-13: a parent partner's users see its subsidiary's contacts only
    once the brand owner switched that on for the parent; never the
    subsidiary's users to manage (PRG-2)."""
    northwind = two_partners["nw"]
    branch = make_partner("Northwind Branch", parent_id=northwind.account_id)
    branch_contact = PartnerContact.objects.get(partner=branch)
    rep = as_actor(two_partners["nw_rep"].user)

    def seen() -> set[int]:
        return set(
            selectors.portal_contact_list(actor=as_actor(rep.user)).values_list(
                "partner_id", flat=True
            )
        )

    assert seen() == {northwind.pk}
    with pytest.raises(NotFound):
        selectors.portal_contact_card(actor=rep, pk=branch_contact.pk)
    _set_portal(channel_manager, northwind, portal_shows_subsidiaries=True)
    assert seen() == {northwind.pk, branch.pk}
    card = selectors.portal_contact_card(actor=as_actor(rep.user), pk=branch_contact.pk)
    assert not card.own_organization
    assert two_partners["co"].pk not in seen()
    users = selectors.portal_user_list(actor=as_actor(rep.user))
    assert {c.partner_id for c in users} == {northwind.pk}


# PRG-7: the portal contact page -------------------------------------------------------


def test_prg_7_portal_contact_page(
    two_partners: dict[str, Any], client_for: Callable[[User], Client]
) -> None:
    """PRG-7: a partner user opens its organization's contacts with their
    e-mail, role and portal state; another organization's contact is 404."""
    rep = client_for(two_partners["nw_rep"].user)
    admin = two_partners["nw_admin"]
    ContactPoint.objects.create(
        person=admin.person, kind=ContactPoint.Kind.EMAIL, email="pat@nw.example", is_primary=True
    )
    page = rep.get(f"/portal/contacts/{admin.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Pat Northwind Admin" in text
    assert "pat@nw.example" in text
    assert "Partner Administrator" in text
    assert "Manage user" not in text
    assert rep.get(f"/portal/contacts/{two_partners['co_admin'].pk}/").status_code == 404
    listed = rep.get("/portal/contacts/").content.decode()
    assert f'href="/portal/contacts/{admin.pk}/"' in listed


def test_prg_7_portal_contact_api(
    two_partners: dict[str, Any], api_client_for: Callable[[User], Client]
) -> None:
    """PRG-7: GET /portal/contacts/{id}: the own organization's, 404 for another's."""
    api = api_client_for(two_partners["nw_rep"].user)
    admin = two_partners["nw_admin"]
    found = api.get(f"/api/v1/portal/contacts/{admin.pk}")
    assert found.status_code == 200
    body = found.json()
    assert (body["last_name"], body["username"], body["user_state"]) == (
        "Northwind Admin",
        "nw-admin",
        "invited",
    )
    other = api.get(f"/api/v1/portal/contacts/{two_partners['co_admin'].pk}")
    assert other.status_code == 404


# Invitations -------------------------------------------------------------------------


def test_issue_16_an_invitation_link_works_once(two_partners: dict[str, Any]) -> None:
    """Bad input: a reused link is refused — the link is spent when the
    password is set."""
    contact = _invite(two_partners["nw_admin"])
    token = _link_token(mail.outbox[-1])
    invitation = PortalInvitation.objects.get(user=contact.user)
    assert invitation.expires_at - invitation.sent_at == INVITATION_VALIDITY == dt.timedelta(7)
    user = invitation_accept(secret=token, password=PASSWORD)
    assert user.check_password(PASSWORD)
    assert invited_user(token) is None
    with pytest.raises(ValidationFailed, match="expired — ask your administrator"):
        invitation_accept(secret=token, password=PASSWORD + "x")


def test_issue_16_an_invitation_link_expires_after_seven_days(
    two_partners: dict[str, Any], client_for: Callable[[User], Client]
) -> None:
    """Bad input: an eight-day-old link shows "This link has expired — ask
    your administrator" with the button that asks for a new one."""
    contact = _invite(two_partners["nw_admin"])
    token = _link_token(mail.outbox[-1])
    eight_days_ago = timezone.now() - dt.timedelta(days=8)
    PortalInvitation.objects.filter(user=contact.user).update(
        sent_at=eight_days_ago, expires_at=eight_days_ago + INVITATION_VALIDITY
    )
    assert invited_user(token) is None
    page = Client().get(f"/portal/invitation/{token}/")
    assert page.status_code == 410
    text = page.content.decode()
    assert "This link has expired — ask your administrator" in text
    assert "Ask for a new link" in text


def test_issue_16_sending_again_replaces_the_earlier_link(
    two_partners: dict[str, Any], channel_manager: User
) -> None:
    """PC-2: the channel team and the partner administrator send a new
    link; the earlier one stops working."""
    rep = two_partners["nw_rep"]
    first = _link_token(_resend(rep, channel_manager))
    second = _link_token(_resend(rep, two_partners["nw_admin"].user))
    assert invited_user(first) is None
    assert invited_user(second) == rep.user
    with pytest.raises(PermissionRefused):
        services.portal_invitation_resend(
            actor=as_actor(rep.user), contact=two_partners["nw_admin"], base_url=BASE_URL
        )
    with pytest.raises(NotFound):
        services.portal_invitation_resend(
            actor=as_actor(two_partners["co_admin"].user), contact=rep, base_url=BASE_URL
        )


def _resend(contact: PartnerContact, by: User) -> Any:
    services.portal_invitation_resend(actor=as_actor(by), contact=contact, base_url=BASE_URL)
    return mail.outbox[-1]


def test_issue_16_asking_for_a_new_link_notifies_once_a_day(
    two_partners: dict[str, Any], channel_manager: User
) -> None:
    """Bad input: "ask for a new link" notifies the organization's partner
    administrator and the channel manager (the partner account's owner),
    once a day per user."""
    rep = two_partners["nw_rep"]
    token = _link_token(_resend(rep, channel_manager))
    invitation_accept(secret=token, password=PASSWORD)
    assert invitation_renewal_request(secret=token) is True
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert recipients == {two_partners["nw_admin"].user_id, channel_manager.pk}
    assert invitation_renewal_request(secret=token) is False
    assert Notification.objects.count() == 2


def test_prg_9_invitations_sent_selector(two_partners: dict[str, Any]) -> None:
    """PRG-9: when each partner's users were last invited, for the setup
    checklist; a partner never invited is absent."""
    before = timezone.now()
    contact = _invite(two_partners["nw_admin"])
    sent = selectors.invitations_sent([two_partners["nw"].pk, two_partners["co"].pk, 0])
    assert sent[two_partners["nw"].pk] == contact.user.portal_invitations.get().sent_at
    assert sent[two_partners["nw"].pk] >= before
    assert set(sent) == {two_partners["nw"].pk, two_partners["co"].pk}


# The pages and the API -----------------------------------------------------------------


def test_prg_2_invite_and_manage_from_the_portal_pages(
    two_partners: dict[str, Any],
    channel_manager: User,
    client_for: Callable[[User], Client],
) -> None:
    """PRG-2: the administrator invites from the users list and manages the
    user on its page; a standard user sees the list read-only."""
    admin = client_for(two_partners["nw_admin"].user)
    assert "Invite a user" in admin.get("/portal/users/").content.decode()
    response = admin.post(
        "/portal/users/new/",
        {
            "first_name": "Nina",
            "last_name": "New",
            "email": "nina@nw.example",
            "portal_user_type": "standard",
        },
        follow=True,
    )
    assert "Nina New is invited" in response.content.decode()
    nina = PartnerContact.objects.get(user__username="nina@nw.example")
    page = admin.get(f"/portal/users/{nina.pk}/").content.decode()
    assert "Send a new invitation" in page
    assert 'value="power"' in page
    contoso = client_for(two_partners["co_admin"].user)
    assert 'value="power"' not in contoso.get("/portal/users/new/").content.decode()
    response = admin.post(f"/portal/users/{nina.pk}/active/", {"active": "0"}, follow=True)
    assert "is deactivated and signed out" in response.content.decode()
    nina.refresh_from_db()
    assert not nina.user.is_active

    rep = client_for(two_partners["nw_rep"].user)
    listed = rep.get("/portal/users/").content.decode()
    assert "Invite a user" not in listed
    assert "Your partner administrator invites and manages" in listed
    assert rep.get("/portal/users/new/").status_code == 403
    assert rep.get(f"/portal/users/{nina.pk}/").status_code == 403


def test_prg_13_portal_settings_page(
    two_partners: dict[str, Any], client_for: Callable[[User], Client], channel_manager: User
) -> None:
    """PRG-13: the channel team sees and edits the portal settings on the
    internal partner page."""
    cam = client_for(channel_manager)
    partner = two_partners["co"]
    detail = cam.get(f"/partners/{partner.pk}/").content.decode()
    assert "Partner portal" in detail
    assert "Standard user" in detail
    partner.refresh_from_db()
    response = cam.post(
        f"/partners/{partner.pk}/portal/",
        {"version": partner.version, "max_portal_user_type": "power"},
        follow=True,
    )
    assert "Portal settings of Contoso saved." in response.content.decode()
    partner.refresh_from_db()
    assert (partner.portal_enabled, partner.max_portal_user_type) == (False, "power")


def test_prg_2_prg_13_api(
    two_partners: dict[str, Any],
    api_client_for: Callable[[User], Client],
    channel_manager: User,
) -> None:
    """PRG-2 and PRG-13 through the API: the brand owner allows power, the
    administrator invites a power user and sends a new link; a standard
    user is refused."""
    cam = api_client_for(channel_manager)
    partner = two_partners["co"]
    partner.refresh_from_db()
    changed = cam.patch(
        f"/api/v1/partners/{partner.pk}/portal",
        data=json.dumps({"version": partner.version, "max_portal_user_type": "power"}),
        content_type=JSON,
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["max_portal_user_type"] == "power"
    admin = api_client_for(two_partners["co_admin"].user)
    body = {
        "first_name": "Nina",
        "last_name": "New",
        "email": "nina@co.example",
        "portal_user_type": "power",
    }
    created = admin.post("/api/v1/portal/users", data=json.dumps(body), content_type=JSON)
    assert created.status_code == 201, created.content
    assert (created.json()["portal_user_type"], created.json()["username"]) == (
        "power",
        "nina@co.example",
    )
    resent = admin.post(f"/api/v1/portal/users/{created.json()['id']}/invitation")
    assert resent.status_code == 201
    assert resent.json()["expires_at"] > resent.json()["sent_at"]
    rep = api_client_for(two_partners["co_rep"].user)
    refused = rep.post("/api/v1/portal/users", data=json.dumps(body), content_type=JSON)
    assert refused.status_code == 403
