"""Account team rules through the services (TEAM-1..TEAM-5)."""

from typing import Any

import pytest

from openprm.core import access
from openprm.core.errors import NotFound, PermissionRefused
from openprm.core.options.models import ProfileOption
from openprm.customers import services as customer_services
from openprm.customers.models import Account
from openprm.customers.reach import account_access_level, account_grant_q
from openprm.identity.catalog import SALESPERSON
from openprm.teams import services
from openprm.teams.models import AccountTeamMember
from openprm.territories.models import TerritoryMember
from tests.factories import as_actor, make_user
from tests.teams.helpers import account, resource_for, territory

pytestmark = pytest.mark.django_db


def _visible(user: Any) -> set[int]:
    return set(access.visible(Account, as_actor(user)).values_list("pk", flat=True))


def test_team_1_new_member_gets_profile_option_level(salesperson: Any) -> None:
    """TEAM-1: new member gets profile option level."""
    acme = account(owner=salesperson)
    colleague = make_user(SALESPERSON)
    member = services.team_member_add(
        actor=as_actor(salesperson), account=acme, user_id=colleague.pk
    )
    assert member.access_level == "edit"
    ProfileOption.objects.update_or_create(
        code="ZCA_DEFAULT_TEAM_ACCESS_LEVEL", defaults={"value": "View Only"}
    )
    other = make_user(SALESPERSON)
    assert (
        services.team_member_add(
            actor=as_actor(salesperson), account=acme, user_id=other.pk
        ).access_level
        == "view"
    )


def test_team_2_view_only_sees_but_cannot_edit_or_change_team(salesperson: Any) -> None:
    """TEAM-2: view only sees but cannot edit or change team."""
    acme = account(owner=salesperson)
    viewer = make_user(SALESPERSON)
    services.team_member_add(
        actor=as_actor(salesperson), account=acme, user_id=viewer.pk, access_level="view"
    )
    assert acme.pk in _visible(viewer)
    assert account_access_level(as_actor(viewer), acme) == "view"
    with pytest.raises(PermissionRefused):
        customer_services.account_update(
            actor=as_actor(viewer),
            account=acme,
            changes={"name": "X"},
            expected_version=acme.version,
        )
    with pytest.raises(PermissionRefused):
        services.team_member_add(actor=as_actor(viewer), account=acme, user_id=make_user().pk)


def test_team_2_edit_member_edits_account_but_not_team(salesperson: Any) -> None:
    """TEAM-2: edit member edits account but not team."""
    acme = account(owner=salesperson)
    editor = make_user(SALESPERSON)
    services.team_member_add(
        actor=as_actor(salesperson), account=acme, user_id=editor.pk, access_level="edit"
    )
    updated = customer_services.account_update(
        actor=as_actor(editor),
        account=acme,
        changes={"name": "Acme 2"},
        expected_version=acme.version,
    )
    assert updated.name == "Acme 2"
    with pytest.raises(PermissionRefused):
        services.team_member_add(actor=as_actor(editor), account=acme, user_id=make_user().pk)
    assert AccountTeamMember.objects.filter(account=acme).count() == 1


def test_team_2_full_member_manages_team_and_grants_full(salesperson: Any) -> None:
    """TEAM-2: full member manages team and grants full."""
    acme = account(owner=salesperson)
    full = make_user(SALESPERSON)
    services.team_member_add(
        actor=as_actor(salesperson), account=acme, user_id=full.pk, access_level="full"
    )
    newcomer = make_user(SALESPERSON)
    member = services.team_member_add(
        actor=as_actor(full), account=acme, user_id=newcomer.pk, access_level="full"
    )
    changed = services.team_member_update(
        actor=as_actor(full),
        member=member,
        changes={"access_level": "view", "locked": True},
        expected_version=member.version,
    )
    assert (changed.access_level, changed.locked) == ("view", True)
    services.team_member_remove(actor=as_actor(full), member=changed)
    assert acme.pk not in _visible(newcomer)


def test_team_2_owner_and_sales_admin_have_full(salesperson: Any, sales_admin: Any) -> None:
    """TEAM-2: owner and sales admin have full."""
    acme = account(owner=salesperson)
    assert account_access_level(as_actor(salesperson), acme) == "full"
    assert account_access_level(as_actor(sales_admin), acme) == "full"
    services.team_member_add(actor=as_actor(sales_admin), account=acme, user_id=make_user().pk)


def test_team_3_removed_member_keeps_access_only_through_a_territory(salesperson: Any) -> None:
    """TEAM-3: removed member keeps access only through a territory."""
    west = make_user(SALESPERSON)
    east = make_user(SALESPERSON)
    territory("US", members=(resource_for(west),), country="US")
    acme = account(owner=salesperson, country="US")
    resource_for(east)
    services.team_member_add(actor=as_actor(salesperson), account=acme, user_id=east.pk)
    manual_west = AccountTeamMember.objects.get(account=acme, user=west)
    assert manual_west.source == "territory"
    services.team_member_remove(actor=as_actor(salesperson), member=manual_west)
    assert acme.pk in _visible(west)
    services.team_member_remove(
        actor=as_actor(salesperson), member=AccountTeamMember.objects.get(account=acme, user=east)
    )
    assert acme.pk not in _visible(east)
    with pytest.raises(NotFound):
        access.get_visible(Account, as_actor(east), acme.pk)


def test_team_4_managers_inherit_access_at_any_depth(salesperson: Any) -> None:
    """TEAM-4: managers inherit access at any depth."""
    director = make_user(SALESPERSON)
    manager = make_user(SALESPERSON)
    rep = make_user(SALESPERSON)
    outsider = make_user(SALESPERSON)
    top = resource_for(director)
    middle = resource_for(manager, manager=top)
    resource_for(rep, manager=middle)
    resource_for(outsider)
    owned = account("Owned by rep", owner=rep)
    on_team = account("Rep on team", owner=salesperson)
    services.team_member_add(
        actor=as_actor(salesperson), account=on_team, user_id=rep.pk, access_level="view"
    )
    assert {owned.pk, on_team.pk} <= _visible(director)
    assert {owned.pk, on_team.pk} <= _visible(manager)
    assert not {owned.pk, on_team.pk} & _visible(outsider)
    assert account_access_level(as_actor(director), owned) == "full"
    assert account_access_level(as_actor(director), on_team) == "view"


def test_team_4_subtree_is_one_query_whatever_the_depth(
    salesperson: Any, django_assert_max_num_queries: Any
) -> None:
    """TEAM-4: the subtree is read in one query whatever the depth, then how
    many accounts it reaches (customers.reach.reach_is_small) and the
    accounts."""
    boss = make_user(SALESPERSON)
    chain = resource_for(boss)
    for _level in range(6):
        chain = resource_for(None, manager=chain, name="r")
    deep = make_user(SALESPERSON)
    resource_for(deep, manager=chain)
    acme = account(owner=deep)
    actor = as_actor(boss)
    with django_assert_max_num_queries(3):
        assert acme.pk in _visible(actor)


def test_team_5_partner_user_gets_nothing_from_teams(salesperson: Any) -> None:
    """TEAM-5: partner user gets nothing from teams."""
    acme = account(owner=salesperson)
    partner_user = make_user(user_type="partner")
    resource = resource_for(partner_user, is_partner_resource=True)
    services.team_member_add(actor=as_actor(salesperson), account=acme, resource_id=resource.pk)
    assert _visible(partner_user) == set()


def test_con_7_team_and_territory_grant_names(salesperson: Any) -> None:
    """CON-7 "My Team and Territory Contacts" reads the "team" and "territory" grants."""
    member = make_user(SALESPERSON)
    by_team = account("By team", owner=salesperson)
    by_territory = account("By territory", owner=salesperson, country="FR")
    services.team_member_add(actor=as_actor(salesperson), account=by_team, user_id=member.pk)
    t = territory("France", country="FR")
    TerritoryMember.objects.create(territory=t, resource=resource_for(make_user()))
    TerritoryMember.objects.create(territory=t, resource=resource_for(member))
    from openprm.territories.assignment import assign_account

    assign_account(by_territory)
    matched = set(
        Account.objects.filter(
            account_grant_q(as_actor(member), {"team", "territory"})
        ).values_list("pk", flat=True)
    )
    assert matched == {by_team.pk, by_territory.pk}
