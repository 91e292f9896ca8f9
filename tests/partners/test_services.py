"""Service tests of the partner rules PA-1..PA-6 and PC-1..PC-6."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from openprm.contacts.models import Person
from openprm.contacts.services import contact_create
from openprm.core import access
from openprm.core.customfields.services import custom_field_create
from openprm.core.errors import Conflict, MissingPrivilege, NotFound, ValidationFailed
from openprm.core.options.models import ProfileOption
from openprm.core.options.services import profile_option_update
from openprm.customers.models import Account
from openprm.customers.services import account_create, account_delete, account_update
from openprm.identity import catalog
from openprm.identity.models import User
from openprm.partners import selectors, services
from openprm.partners.catalog import PARTNER_CONTACT_MANDATORY
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.services.invitations import invited_user
from tests.factories import as_actor
from tests.partners.conftest import BASE_URL, role_id

pytestmark = pytest.mark.django_db


def _set_option(admin: User, value: str) -> None:
    option = ProfileOption.objects.get(code=PARTNER_CONTACT_MANDATORY)
    profile_option_update(
        actor=as_actor(admin), option=option, value=value, expected_version=option.version
    )


def test_pa_1_partner_is_one_party_among_accounts_and_partners(
    make_partner: Callable[..., PartnerProfile], channel_manager: User
) -> None:
    """PA-1: partner is one party among accounts and partners."""
    partner = make_partner("Northwind")
    assert access.visible(Account, as_actor(channel_manager)).filter(pk=partner.account_id).exists()
    assert list(selectors.partner_list(actor=as_actor(channel_manager))) == [partner]
    assert Account.objects.filter(name="Northwind").count() == 1


def test_pa_1_plat_7_account_fields_show_on_partners_not_the_reverse(
    make_partner: Callable[..., PartnerProfile], admin_user: User, channel_manager: User
) -> None:
    """PA-1, PLAT-7: account fields show on partners not the reverse."""
    custom_field_create(
        actor=as_actor(admin_user),
        record_type="account",
        name="duns",
        label="DUNS",
        field_type="text",
    )
    custom_field_create(
        actor=as_actor(admin_user),
        record_type="partner",
        name="tier",
        label="Tier",
        field_type="text",
    )
    partner = services.partner_create(
        actor=as_actor(channel_manager),
        data={"name": "Fabrikam"},
        custom={"duns": "123", "tier": "Gold"},
        primary_contact={"last_name": "Boss"},
    )
    partner.refresh_from_db()
    assert partner.account.custom == {"duns": "123"}
    assert partner.custom == {"tier": "Gold"}
    with pytest.raises(ValidationFailed) as refused:
        account_create(
            actor=as_actor(channel_manager),
            data={"name": "Plain"},
            custom={"tier": "Gold"},
            confirm_duplicates=True,
        )
    assert "custom.tier" in refused.value.field_errors


def test_pa_2_partner_screens_set_type_and_managed_flag(
    make_partner: Callable[..., PartnerProfile],
) -> None:
    """PA-2: partner screens set type and managed flag."""
    partner = make_partner("Northwind")
    assert partner.account.account_type == Account.AccountType.PARTNER
    assert partner.managed_partner is True
    assert partner.status == PartnerProfile.Status.ACTIVE


def test_pa_2_partner_api_refuses_an_account_type(channel_manager: User) -> None:
    """PA-2: partner api refuses an account type."""
    with pytest.raises(ValidationFailed) as refused:
        services.partner_create(
            actor=as_actor(channel_manager),
            data={"name": "X", "account_type": "customer"},
            primary_contact={"last_name": "Boss"},
        )
    assert "account_type" in refused.value.field_errors


def test_pa_2_account_screens_need_type_and_flag(channel_manager: User) -> None:
    """PA-2: account screens need type and flag."""
    partner_typed = account_create(
        actor=as_actor(channel_manager),
        data={"name": "Typed", "account_type": "partner"},
        confirm_duplicates=True,
    )
    flagged_customer = account_create(
        actor=as_actor(channel_manager),
        data={"name": "Flagged", "account_type": "customer"},
        confirm_duplicates=True,
    )
    assert not selectors.partner_list(actor=as_actor(channel_manager)).exists()
    services.partner_mark_managed(
        actor=as_actor(channel_manager), account=flagged_customer, managed=True
    )
    assert not selectors.partner_list(actor=as_actor(channel_manager)).exists()
    services.partner_mark_managed(
        actor=as_actor(channel_manager), account=partner_typed, managed=True
    )
    names = [p.account.name for p in selectors.partner_list(actor=as_actor(channel_manager))]
    assert names == ["Typed"]


def test_pa_3_type_cannot_change_while_active(
    make_partner: Callable[..., PartnerProfile], channel_manager: User
) -> None:
    """PA-3: type cannot change while active."""
    partner = make_partner("Northwind")
    account = partner.account
    with pytest.raises(Conflict) as refused:
        account_update(
            actor=as_actor(channel_manager),
            account=account,
            changes={"account_type": "customer"},
            expected_version=account.version,
        )
    assert refused.value.code == "partner_active_type_change"
    services.partner_set_status(actor=as_actor(channel_manager), partner=partner, status="inactive")
    account.refresh_from_db()
    account_update(
        actor=as_actor(channel_manager),
        account=account,
        changes={"account_type": "customer"},
        expected_version=account.version,
    )
    assert not selectors.partner_list(actor=as_actor(channel_manager)).exists()


def test_pa_4_active_partner_cannot_be_deleted_inactive_one_can(
    make_partner: Callable[..., PartnerProfile],
    make_portal_user: Callable[..., PartnerContact],
    channel_manager: User,
    sales_admin: User,
) -> None:
    """PA-4: active partner cannot be deleted inactive one can."""
    partner = make_partner("Northwind")
    user = make_portal_user(partner, "nw-rep").user
    with pytest.raises(Conflict) as refused:
        account_delete(actor=as_actor(sales_admin), account=partner.account)
    assert refused.value.code == "partner_active_cannot_delete"
    assert "Inactivate" in refused.value.message
    services.partner_set_status(actor=as_actor(channel_manager), partner=partner, status="inactive")
    account_delete(actor=as_actor(sales_admin), account=Account.objects.get(pk=partner.account_id))
    assert not Account.objects.get(pk=partner.account_id).is_active
    user.refresh_from_db()
    assert user.is_active is False


def test_pa_4_partner_services_have_no_delete() -> None:
    """PA-4: partner services have no delete."""
    assert not [name for name in services.__all__ if name.startswith("partner_delete")]


def test_pa_5_hierarchy_through_account_parent(
    make_partner: Callable[..., PartnerProfile], channel_manager: User
) -> None:
    """PA-5: hierarchy through account parent."""
    parent = make_partner("Northwind")
    child = make_partner("Northwind East", parent_id=parent.account_id)
    tree = selectors.partner_hierarchy(actor=as_actor(channel_manager), partner=child)
    assert [(n.name, n.depth) for n in tree.nodes] == [("Northwind", 0), ("Northwind East", 1)]
    assert tree.partner_account_ids == {parent.account_id, child.account_id}


def test_pa_5_parent_of_a_partner_must_be_a_partner(
    make_partner: Callable[..., PartnerProfile], channel_manager: User
) -> None:
    """PA-5: parent of a partner must be a partner."""
    customer = account_create(
        actor=as_actor(channel_manager), data={"name": "Cust", "account_type": "customer"}
    )
    with pytest.raises(ValidationFailed) as refused:
        make_partner("Child", parent_id=customer.pk)
    assert "parent_id" in refused.value.field_errors


def test_pa_6_primary_contact_gets_partner_administrator_role(
    make_partner: Callable[..., PartnerProfile], channel_manager: User
) -> None:
    """PA-6: primary contact gets partner administrator role."""
    partner = make_partner("Northwind")
    primary = PartnerContact.objects.get(partner=partner, is_primary=True)
    assert primary.role.code == catalog.PARTNER_ADMINISTRATOR
    services.partner_contact_update(
        actor=as_actor(channel_manager),
        contact=primary,
        changes={"role_id": role_id(catalog.PARTNER_SALES_REPRESENTATIVE)},
        expected_version=primary.version,
    )
    primary.refresh_from_db()
    assert primary.role.code == catalog.PARTNER_SALES_REPRESENTATIVE


def test_pa_6_primary_contact_mandatory_unless_option_no(
    channel_manager: User, admin_user: User
) -> None:
    """PA-6: primary contact mandatory unless option no."""
    with pytest.raises(ValidationFailed) as refused:
        services.partner_create(actor=as_actor(channel_manager), data={"name": "Solo"})
    assert refused.value.code == "primary_contact_required"
    _set_option(admin_user, "No")
    partner = services.partner_create(actor=as_actor(channel_manager), data={"name": "Solo"})
    assert not partner.contacts.exists()
    contact = services.partner_contact_create(
        actor=as_actor(channel_manager),
        partner=partner,
        data={"last_name": "Later"},
        is_primary=True,
    )
    assert contact.is_primary


def test_pc_1_only_channel_managers_manage_partners(
    make_partner: Callable[..., PartnerProfile], salesperson: User
) -> None:
    """PC-1: only channel managers manage partners: a salesperson who owns a
    partner's account sees the partner, yet may add no contact to it; one
    who does not see it gets NotFound, as for a partner that does not exist."""
    partner = make_partner("Northwind")
    with pytest.raises(MissingPrivilege):
        services.partner_create(
            actor=as_actor(salesperson), data={"name": "X"}, primary_contact={"last_name": "Y"}
        )
    with pytest.raises(NotFound):
        services.partner_contact_create(
            actor=as_actor(salesperson), partner=partner, data={"last_name": "Z"}
        )
    Account.objects.filter(pk=partner.account_id).update(owner=salesperson)
    with pytest.raises(MissingPrivilege):
        services.partner_contact_create(
            actor=as_actor(salesperson), partner=partner, data={"last_name": "Z"}
        )


def test_pc_1_a_person_works_for_exactly_one_partner(
    make_partner: Callable[..., PartnerProfile], channel_manager: User
) -> None:
    """PC-1: a person works for exactly one partner."""
    northwind, contoso = make_partner("Northwind"), make_partner("Contoso")
    primary = PartnerContact.objects.get(partner=northwind, is_primary=True)
    with pytest.raises(Conflict) as refused:
        services.partner_contact_add_existing(
            actor=as_actor(channel_manager), partner=contoso, person_id=primary.person_id
        )
    assert refused.value.code == "partner_contact_exists"
    assert "Northwind" in refused.value.message


def test_pc_2_contact_to_resource_to_user_with_invitation(
    make_partner: Callable[..., PartnerProfile], channel_manager: User
) -> None:
    """PC-2: contact to resource to user with invitation."""
    partner = make_partner("Northwind")
    boss = PartnerContact.objects.get(partner=partner, is_primary=True)
    contact = services.partner_contact_create(
        actor=as_actor(channel_manager),
        partner=partner,
        data={"first_name": "Rita", "last_name": "Rep", "email": "rita@nw.example"},
    )
    assert contact.level == PartnerContact.Level.CONTACT
    boss = services.partner_contact_promote_to_resource(
        actor=as_actor(channel_manager),
        contact=boss,
        role_id=role_id(catalog.PARTNER_ADMINISTRATOR),
        expected_version=boss.version,
    )
    contact = services.partner_contact_promote_to_resource(
        actor=as_actor(channel_manager),
        contact=contact,
        role_id=role_id(catalog.PARTNER_SALES_REPRESENTATIVE),
        manager_id=boss.pk,
        expected_version=contact.version,
    )
    assert contact.level == PartnerContact.Level.RESOURCE
    assert contact.resource.is_partner_resource
    assert contact.resource.manager == boss.resource
    assert contact.resource.email == "rita@nw.example"
    contact = services.partner_contact_promote_to_user(
        actor=as_actor(channel_manager),
        contact=contact,
        username="rita",
        email="rita@nw.example",
        expected_version=contact.version,
        base_url=BASE_URL,
    )
    user = contact.user
    assert contact.level == PartnerContact.Level.USER
    assert user.is_partner_user
    assert not user.has_usable_password()
    assert [r.code for r in user.roles.all()] == [catalog.PARTNER_SALES_REPRESENTATIVE]
    assert mail.outbox[0].to == ["rita@nw.example"]
    link = next(w for w in mail.outbox[0].body.split() if w.startswith("http"))
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert invited_user(token) == user


def test_pc_2_user_needs_a_resource_first(
    make_partner: Callable[..., PartnerProfile], channel_manager: User
) -> None:
    """PC-2: user needs a resource first."""
    partner = make_partner("Northwind")
    contact = PartnerContact.objects.get(partner=partner)
    with pytest.raises(Conflict) as refused:
        services.partner_contact_promote_to_user(
            actor=as_actor(channel_manager),
            contact=contact,
            username="x",
            email="x@x.example",
            expected_version=contact.version,
            base_url=BASE_URL,
        )
    assert refused.value.code == "not_a_resource"


def test_pc_3_no_promotion_while_partner_inactive(
    make_partner: Callable[..., PartnerProfile], channel_manager: User
) -> None:
    """PC-3: no promotion while partner inactive."""
    partner = make_partner("Northwind")
    services.partner_set_status(actor=as_actor(channel_manager), partner=partner, status="inactive")
    contact = PartnerContact.objects.get(partner=partner)
    with pytest.raises(Conflict) as refused:
        services.partner_contact_promote_to_resource(
            actor=as_actor(channel_manager),
            contact=contact,
            role_id=role_id(catalog.PARTNER_ADMINISTRATOR),
            expected_version=contact.version,
        )
    assert refused.value.code == "partner_inactive"


def test_pc_4_existing_account_contact_without_second_person(
    make_partner: Callable[..., PartnerProfile], channel_manager: User
) -> None:
    """PC-4: existing account contact without second person."""
    partner = make_partner("Northwind")
    customer = account_create(
        actor=as_actor(channel_manager), data={"name": "Cust", "account_type": "customer"}
    )
    person = contact_create(
        actor=as_actor(channel_manager), last_name="Shared", account_ids=[customer.pk]
    )
    before = Person.objects.count()
    contact = services.partner_contact_add_existing(
        actor=as_actor(channel_manager), partner=partner, person_id=person.pk
    )
    assert contact.person_id == person.pk
    assert Person.objects.count() == before
    assert set(person.relationships.values_list("account_id", flat=True)) == {
        customer.pk,
        partner.account_id,
    }


def test_pc_5_deleting_contact_deactivates_its_user(
    make_partner: Callable[..., PartnerProfile],
    make_portal_user: Callable[..., PartnerContact],
    channel_manager: User,
) -> None:
    """PC-5: deleting contact deactivates its user."""
    partner = make_partner("Northwind")
    contact = make_portal_user(partner, "nw-rep")
    user = contact.user
    client = Client()
    client.force_login(user)
    assert client.get("/").status_code == 200
    services.partner_contact_delete(actor=as_actor(channel_manager), contact=contact)
    user.refresh_from_db()
    assert user.is_active is False
    assert Person.objects.filter(pk=contact.person_id).exists()
    assert client.get("/").status_code == 302
    with pytest.raises(NotFound):
        selectors.partner_contact_get(actor=as_actor(channel_manager), pk=contact.pk)


def test_pc_6_favorites_are_per_user(two_partners: dict[str, Any], channel_manager: User) -> None:
    """PC-6: favorites are per user."""
    rep = two_partners["nw_rep"]
    admin_user = two_partners["nw_admin"].user
    services.partner_contact_favorite_set(
        actor=as_actor(channel_manager), contact=rep, favorite=True
    )
    services.partner_contact_favorite_set(actor=as_actor(admin_user), contact=rep, favorite=True)
    assert list(selectors.favorite_partner_contacts(actor=as_actor(channel_manager))) == [rep]
    services.partner_contact_favorite_set(actor=as_actor(admin_user), contact=rep, favorite=False)
    assert not selectors.favorite_partner_contacts(actor=as_actor(admin_user)).exists()
    assert selectors.favorite_partner_contacts(actor=as_actor(channel_manager)).exists()
    with pytest.raises(NotFound):
        services.partner_contact_favorite_set(
            actor=as_actor(admin_user), contact=two_partners["co_rep"], favorite=True
        )


def test_prg_7_portal_user_sees_own_partner_only(two_partners: dict[str, Any]) -> None:
    """PRG-7: portal user sees own partner only."""
    user = two_partners["nw_rep"].user
    assert list(selectors.partner_list(actor=as_actor(user))) == [two_partners["nw"]]
    assert list(access.visible(Account, as_actor(user))) == [two_partners["nw"].account]
    with pytest.raises(NotFound):
        selectors.partner_get(actor=as_actor(user), pk=two_partners["co"].pk)
    partners = {c.partner_id for c in selectors.partner_contact_list(actor=as_actor(user))}
    assert partners == {two_partners["nw"].pk}


def test_prg_2_partner_admin_manages_own_users_only(two_partners: dict[str, Any]) -> None:
    """PRG-2: partner admin manages own users only."""
    admin_user = two_partners["nw_admin"].user
    rep = two_partners["nw_rep"]
    services.portal_user_update(
        actor=as_actor(admin_user),
        contact=rep,
        expected_version=rep.version,
        portal_user_type="power",
    )
    rep.refresh_from_db()
    assert rep.portal_user_type == "power"
    with pytest.raises(NotFound):
        services.portal_user_update(
            actor=as_actor(admin_user),
            contact=two_partners["co_rep"],
            expected_version=1,
            portal_user_type="power",
        )
    with pytest.raises(MissingPrivilege.__mro__[1]):
        services.portal_user_update(
            actor=as_actor(rep.user),
            contact=two_partners["nw_admin"],
            expected_version=1,
            active=False,
        )


def test_list_query_count_is_constant(
    make_partner: Callable[..., PartnerProfile],
    channel_manager: User,
    django_assert_max_num_queries: Any,
) -> None:
    for index in range(5):
        make_partner(f"Partner {index}")
    actor_channel_manager = as_actor(channel_manager)
    _ = actor_channel_manager.resources  # read once per request, before the counted queries
    with django_assert_max_num_queries(3):
        rows = list(selectors.partner_list(actor=actor_channel_manager))
        contacts = list(selectors.partner_contact_list(actor=actor_channel_manager))
        assert len(rows) == 5
        assert len(contacts) == 5
        assert all(c.person.full_name and c.partner.account.name for c in contacts)
        assert all(r.account.owner for r in rows)
