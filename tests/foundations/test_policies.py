"""The typed actor and the action-aware access module (issue: one way to add
a capability): `can()` and `visible(action=…)` answer from each model's
policy, a hidden record is NotFound before any privilege is named, and an
action no policy declares is refused as a programming error."""

from typing import Any

import pytest

from openprm.contacts.models import Household, Person, SavedSearch
from openprm.contacts.services import contact_create
from openprm.core import access
from openprm.core.actor import ANONYMOUS, Actor
from openprm.core.errors import MissingPrivilege, NotFound, PermissionRefused
from openprm.customers.models import Account, Note
from openprm.customers.services import account_create
from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import User
from openprm.teams.services import team_member_add
from openprm.territories.catalog import MANAGE_TERRITORIES
from openprm.territories.models import Territory
from tests.factories import as_actor, make_user
from tests.teams.helpers import resource_for

pytestmark = pytest.mark.django_db


def _account(owner: Any, name: str = "Acme") -> Account:
    return account_create(actor=as_actor(owner), data={"name": name}, confirm_duplicates=True)


def test_team_2_can_answers_view_change_and_delete_from_the_account_policy(
    salesperson: Any, sales_admin: Any
) -> None:
    """TEAM-2/CUS-9: the owner may view and change its account but not delete
    it without Delete Sales Party; another salesperson may do nothing."""
    mine = _account(salesperson)
    seller, other = as_actor(salesperson), as_actor(make_user(SALESPERSON))
    assert access.can(seller, "view", mine)
    assert access.can(seller, "change", mine)
    assert not access.can(seller, "delete", mine)
    assert access.can(as_actor(sales_admin), "delete", mine)
    assert not any(access.can(other, action, mine) for action in ("view", "change", "delete"))


def test_team_5_a_hidden_record_is_not_found_before_any_privilege_is_named(
    salesperson: Any,
) -> None:
    mine = _account(salesperson)
    with pytest.raises(NotFound):
        access.require(as_actor(make_user(SALESPERSON)), "delete", mine)
    with pytest.raises(MissingPrivilege):
        access.require(as_actor(salesperson), "delete", mine)


def test_visible_rows_for_an_action_are_within_the_rows_the_actor_sees(
    salesperson: Any, sales_admin: Any
) -> None:
    mine, theirs = _account(salesperson, "Mine"), _account(sales_admin, "Theirs")
    seller = as_actor(salesperson)
    assert set(access.visible(Account, seller, "change")) == {mine}
    assert set(access.visible(Account, as_actor(sales_admin), "change")) == {mine, theirs}


def test_an_action_no_policy_declares_is_a_programming_error(salesperson: Any) -> None:
    """Fail closed: asking for an undeclared action raises instead of
    silently allowing or refusing."""
    mine = _account(salesperson)
    with pytest.raises(access.AccessNotConfigured):
        access.can(as_actor(salesperson), "approve", mine)
    with pytest.raises(access.AccessNotConfigured):
        access.visible(Account, as_actor(salesperson), "model")


def test_con_11_contact_policy_names_the_refusal(salesperson: Any) -> None:
    """CON-11/TEAM-2: a View Only viewer may see a contact but not change it;
    the refusal says why."""
    acme = _account(salesperson)
    person = contact_create(actor=as_actor(salesperson), last_name="Quill", account_ids=[acme.pk])
    assert access.can(as_actor(salesperson), "change", person)
    with pytest.raises(NotFound):
        access.require(as_actor(make_user(SALESPERSON)), "change", person)
    assert isinstance(Person.objects.get(pk=person.pk), Person)


def test_anonymous_and_deactivated_actors_see_nothing(salesperson: Any) -> None:
    _account(salesperson)
    salesperson.is_active = False
    salesperson.save()
    assert not access.visible(Account, ANONYMOUS).exists()
    assert not access.visible(Account, as_actor(salesperson)).exists()


def test_the_actor_is_frozen_and_reads_its_facts_once(salesperson: Any) -> None:
    """One actor per request: its privileges are fixed when built, and the
    people below it are read on first use, then kept."""
    actor = as_actor(salesperson)
    assert isinstance(actor, Actor)
    assert actor.is_internal
    assert not actor.is_partner
    with pytest.raises(AttributeError):
        actor.privileges = frozenset({"everything"})  # type: ignore[misc]
    assert actor.resources is actor.resources
    assert actor.partner_id is None


def test_refusal_of_a_row_action_carries_the_policy_message(salesperson: Any) -> None:
    other = make_user(SALESPERSON)
    acme = _account(salesperson)
    team_member_add(
        actor=as_actor(salesperson),
        account=acme,
        resource_id=resource_for(other).pk,
        access_level="view",
    )
    error = access.refusal(as_actor(other), "change", acme)
    assert isinstance(error, PermissionRefused)
    assert "not edit" in error.message


def test_plat_2_ter_1_creating_is_asked_of_the_model(salesperson: Any, sales_admin: Any) -> None:
    """PLAT-2/TER-1: a create has no record to ask about, so the model's
    create rule answers — a territory needs Manage Territories, the refusal
    names it — and a deactivated user creates nothing."""
    assert access.has_rule(Territory, "create")
    assert access.can_create(as_actor(sales_admin), Territory)
    assert not access.can_create(as_actor(salesperson), Territory)
    with pytest.raises(MissingPrivilege) as refused:
        access.require_create(as_actor(salesperson), Territory)
    assert refused.value.extra == {"privilege": MANAGE_TERRITORIES}
    sales_admin.is_active = False
    sales_admin.save()
    assert not access.can_create(as_actor(sales_admin), Territory)


def test_a_create_asked_of_a_record_or_of_a_model_without_the_rule_is_a_programming_error(
    salesperson: Any,
) -> None:
    """Fail closed: "create" asked of a record (`can`), or of a model whose
    policy has no create rule, raises instead of answering."""
    mine = _account(salesperson)
    with pytest.raises(access.AccessNotConfigured, match="can_create"):
        access.can(as_actor(salesperson), "create", mine)
    assert not access.has_rule(Note, "create")
    with pytest.raises(access.AccessNotConfigured):
        access.can_create(as_actor(salesperson), Note)


def test_team_5_partner_users_create_no_contacts_here(db: Any) -> None:
    """TEAM-5: partner users see no contacts, households or saved searches
    here, so they may create none: refused with the code the API has
    always answered (403 `internal_users_only`)."""
    partner = as_actor(make_user(username="portal", user_type=User.UserType.PARTNER))
    for model in (Person, Household, SavedSearch):
        with pytest.raises(PermissionRefused) as refused:
            access.require_create(partner, model)
        assert refused.value.code == "internal_users_only"


def test_pa_2_an_app_adds_its_action_to_another_apps_record(
    salesperson: Any, sales_admin: Any
) -> None:
    """PA-2: flagging an account a managed partner is the partners app's
    rule on the customers app's record — Manage Partners, on an account the
    actor may edit — asked like any other action; an app cannot override
    an action the record's policy decides already."""
    mine = _account(salesperson)
    assert access.has_rule(Account, "mark_managed_partner")
    assert access.can(as_actor(sales_admin), "mark_managed_partner", mine)
    with pytest.raises(MissingPrivilege):
        access.require(as_actor(salesperson), "mark_managed_partner", mine)
    with pytest.raises(NotFound):
        access.require(as_actor(make_user(SALESPERSON)), "mark_managed_partner", mine)
    with pytest.raises(access.AccessNotConfigured):
        access.contributed_check(Account, "change")(lambda actor, account: None)
