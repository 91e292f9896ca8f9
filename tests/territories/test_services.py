"""Territory rules through the services (TER-1..TER-4, CUS-3)."""

from typing import Any

import pytest

from openprm.core.errors import MissingPrivilege, NotFound, PermissionRefused, ValidationFailed
from openprm.customers import services as customer_services
from openprm.customers.models import Account
from openprm.customers.qualification import qualification_failures
from openprm.identity.catalog import SALESPERSON
from openprm.teams import services as team_services
from openprm.teams.models import AccountTeamMember
from openprm.territories import services
from openprm.territories.models import AccountTerritory, RealignmentRun, Territory
from openprm.territories.realignment import realign_all
from tests.factories import as_actor, make_user
from tests.teams.helpers import account, resource_for, territory

pytestmark = pytest.mark.django_db


def _territories(acc: Account) -> set[str]:
    return set(
        AccountTerritory.objects.filter(account=acc).values_list("territory__name", flat=True)
    )


def test_ter_1_internal_territories_hold_internal_resources_only(sales_admin: Any) -> None:
    """TER-1: internal territories hold internal resources only."""
    west = services.territory_create(actor=as_actor(sales_admin), data={"name": "West"})
    partner_resource = resource_for(None, name="p", is_partner_resource=True)
    with pytest.raises(ValidationFailed) as refused:
        services.territory_member_add(
            actor=as_actor(sales_admin), territory=west, resource_id=partner_resource.pk
        )
    assert "resource_id" in refused.value.field_errors
    services.territory_member_add(
        actor=as_actor(sales_admin), territory=west, resource_id=resource_for(None).pk
    )


def test_ter_1_partner_territories_belong_to_a_partner_and_hold_its_resources(
    sales_admin: Any,
) -> None:
    """TER-1: partner territories belong to a partner and hold its resources."""
    with pytest.raises(ValidationFailed):
        services.territory_create(
            actor=as_actor(sales_admin), data={"name": "P", "territory_type": "partner"}
        )
    partner = account("Reseller", account_type="partner", is_sales_account=False)
    mine = services.territory_create(
        actor=as_actor(sales_admin),
        data={"name": "P", "territory_type": "partner", "partner_id": partner.pk},
    )
    with pytest.raises(ValidationFailed):
        services.territory_member_add(
            actor=as_actor(sales_admin), territory=mine, resource_id=resource_for(None).pk
        )
    partner_resource_of_nobody = resource_for(None, name="p", is_partner_resource=True)
    with pytest.raises(ValidationFailed):
        services.territory_member_add(
            actor=as_actor(sales_admin), territory=mine, resource_id=partner_resource_of_nobody.pk
        )
    with pytest.raises(ValidationFailed):
        services.territory_create(
            actor=as_actor(sales_admin), data={"name": "I", "partner_id": partner.pk}
        )


def test_ter_1_writes_need_manage_territories(salesperson: Any) -> None:
    """TER-1: writes need manage territories."""
    with pytest.raises(MissingPrivilege):
        services.territory_create(actor=as_actor(salesperson), data={"name": "West"})
    assert not Territory.objects.exists()


def test_ter_2_nested_territory_needs_parent_criteria_and_postal_range(sales_admin: Any) -> None:
    """TER-2: nested territory needs parent criteria and postal range."""
    us = services.territory_create(actor=as_actor(sales_admin), data={"name": "US"})
    services.criterion_add(
        actor=as_actor(sales_admin), territory=us, dimension="country", value="us"
    )
    bay = services.territory_create(
        actor=as_actor(sales_admin), data={"name": "Bay", "parent_id": us.pk}
    )
    services.criterion_add(
        actor=as_actor(sales_admin),
        territory=bay,
        dimension="postal_range",
        value="94000",
        value_to="94999",
    )
    inside = account("In", country="US", postal_code="94105")
    french = account("Fr", country="FR", postal_code="94105")
    outside = account("Out", country="US", postal_code="10001")
    assert _territories(inside) == {"US", "Bay"}
    assert _territories(french) == set()
    assert _territories(outside) == {"US"}
    with pytest.raises(ValidationFailed):
        services.territory_update(
            actor=as_actor(sales_admin),
            territory=us,
            changes={"parent_id": bay.pk},
            expected_version=us.version,
        )


def test_ter_3_assigned_on_create_and_on_criteria_change(sales_admin: Any) -> None:
    """TER-3: assigned on create and on criteria change."""
    territory("Germany", country="DE")
    territory("Software", industry="software")
    acme = customer_services.account_create(
        actor=as_actor(sales_admin), data={"name": "Acme", "country": "DE", "city": "Berlin"}
    )
    assert _territories(acme) == {"Germany"}
    customer_services.account_update(
        actor=as_actor(sales_admin),
        account=acme,
        changes={"country": "FR"},
        expected_version=acme.version,
    )
    assert _territories(acme) == set()


def test_ter_3_on_demand_needs_edit_access(salesperson: Any) -> None:
    """TER-3: on demand needs edit access."""
    acme = account(owner=salesperson, country="IT")
    territory("Italy", country="IT")
    viewer = make_user(SALESPERSON)
    team_services.team_member_add(
        actor=as_actor(salesperson), account=acme, user_id=viewer.pk, access_level="view"
    )
    with pytest.raises(PermissionRefused):
        services.account_assign_territories(actor=as_actor(viewer), account_id=acme.pk)
    assert _territories(acme) == set()
    services.account_assign_territories(actor=as_actor(salesperson), account_id=acme.pk)
    assert _territories(acme) == {"Italy"}


def test_ter_3_realignment_keeps_manual_and_locked_members(sales_admin: Any) -> None:
    """TER-3: realignment keeps manual and locked members."""
    rep = make_user(SALESPERSON)
    keeper = make_user(SALESPERSON)
    spain = territory("Spain", members=(resource_for(rep), resource_for(keeper)), country="ES")
    acme = account(country="ES")
    assert set(AccountTeamMember.objects.filter(account=acme).values_list("user", flat=True)) == {
        rep.pk,
        keeper.pk,
    }
    AccountTeamMember.objects.filter(account=acme, user=keeper).update(locked=True)
    spain.criteria.update(value="PT")
    added, removed = realign_all()
    assert (added, removed) == (0, 1)
    assert _territories(acme) == set()
    assert list(AccountTeamMember.objects.filter(account=acme).values_list("user", flat=True)) == [
        keeper.pk
    ]


def test_ter_3_batch_realignment_runs_in_background_with_progress(
    sales_admin: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """TER-3: batch realignment runs in background with progress."""
    territory("Japan", country="JP")
    territory("Korea", country="KR")
    acme = account(country="JP")
    Account.objects.filter(pk=acme.pk).update(country="KR")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.realignment_start(actor=as_actor(sales_admin))
    run = RealignmentRun.objects.get(pk=run.pk)
    assert (run.status, run.processed, run.total, run.percent) == ("done", 3, 3, 100)
    assert _territories(acme) == {"Korea"}


def test_ter_4_channel_manager_adds_partner_territories(
    channel_manager: Any, salesperson: Any
) -> None:
    """TER-4: channel manager adds partner territories."""
    partner = account("Reseller", account_type="partner", is_sales_account=False)
    partner_territory = Territory.objects.create(
        name="Reseller T", territory_type="partner", partner=partner
    )
    acme = account(owner=channel_manager)
    services.account_add_partner_territories(
        actor=as_actor(channel_manager), account_id=acme.pk, territory_ids=[partner_territory.pk]
    )
    assert AccountTerritory.objects.get(account=acme).source == "manual"
    with pytest.raises(ValidationFailed):
        services.account_add_partner_territories(
            actor=as_actor(channel_manager),
            account_id=acme.pk,
            territory_ids=[territory("Internal").pk],
        )
    with pytest.raises(NotFound):  # an account one cannot see, whatever the privilege
        services.account_add_partner_territories(
            actor=as_actor(salesperson), account_id=acme.pk, territory_ids=[partner_territory.pk]
        )
    with pytest.raises(MissingPrivilege):
        services.account_add_partner_territories(
            actor=as_actor(salesperson),
            account_id=account("Own", owner=salesperson).pk,
            territory_ids=[partner_territory.pk],
        )
    realign_all()
    assert _territories(acme) == {"Reseller T"}


def test_cus_3_prospect_must_match_a_territory() -> None:
    """CUS-3: prospect must match a territory."""
    prospect = account(
        account_type="prospect",
        is_sales_account=False,
        address_line1="1 Main St",
        city="Oslo",
        postal_code="0150",
        country="NO",
    )
    assert [code for code, _label in qualification_failures(prospect)] == ["matches_territory"]
    territory("Norway", country="NO")
    assert qualification_failures(prospect) == []
