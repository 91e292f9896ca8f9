"""Account rules through the services (CUS-1..CUS-9, CUS-11)."""

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from openprm.core import access
from openprm.core.audit.models import AuditEntry
from openprm.core.errors import (
    Conflict,
    MissingPrivilege,
    NotFound,
    StaleVersion,
    ValidationFailed,
)
from openprm.core.options.models import ProfileOption
from openprm.customers import services
from openprm.customers.models import Account
from openprm.customers.qualification import qualification_failures
from openprm.customers.reach import AccountSql, account_grant_q, register_account_grant
from openprm.customers.selectors import account_hierarchy, account_list, note_list
from openprm.customers.signals import account_soft_deleted
from openprm.identity.catalog import SALESPERSON
from tests.customers.conftest import COMPLETE_ADDRESS
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.django_db


def _set_option(code: str, value: str) -> None:
    ProfileOption.objects.filter(code=code).update(value=value)


def test_cus_2_default_type_follows_profile_option(salesperson: Any) -> None:
    """CUS-2: default type follows profile option."""
    _set_option(services.SELL_TO_OPTION, "Yes")
    first = services.account_create(actor=as_actor(salesperson), data={"name": "Yes Corp"})
    _set_option(services.SELL_TO_OPTION, "No")
    second = services.account_create(actor=as_actor(salesperson), data={"name": "No Corp"})
    assert first.account_type == Account.AccountType.CUSTOMER
    assert first.is_sales_account
    assert second.account_type == Account.AccountType.PROSPECT
    assert not second.is_sales_account


def test_cus_5_owner_defaults_to_creator_and_flags_are_kept(salesperson: Any) -> None:
    """CUS-5: owner defaults to creator and flags are kept."""
    account = services.account_create(
        actor=as_actor(salesperson), data={"name": "Flags Inc", "named": True, "existing": True}
    )
    assert account.owner == salesperson
    assert account.named
    assert account.existing
    assert AuditEntry.objects.filter(object_id=str(account.pk), action="create").exists()


def test_cus_2_competitor_records_competitor_information(make_account: Any) -> None:
    """CUS-2: competitor records competitor information."""
    rival = make_account(
        "Rival", account_type="competitor", competitor_info="Undercuts on price by 10%"
    )
    assert rival.get_account_type_display() == "Competitor"
    assert rival.competitor_info == "Undercuts on price by 10%"


def test_cus_4_address_is_validated_field_by_field(salesperson: Any) -> None:
    """CUS-4: address is validated field by field."""
    with pytest.raises(ValidationFailed) as caught:
        services.account_create(
            actor=as_actor(salesperson), data={"name": "Half Address", "address_line1": "1 Road"}
        )
    assert set(caught.value.field_errors) == {"city", "postal_code", "country"}
    with pytest.raises(ValidationFailed) as caught:
        services.account_create(
            actor=as_actor(salesperson),
            data={"name": "Bad Country", **COMPLETE_ADDRESS, "country": "XX"},
        )
    assert "country" in caught.value.field_errors


def test_cus_3_conversion_names_each_failing_rule(make_account: Any, sales_admin: Any) -> None:
    """CUS-3: conversion names each failing rule."""
    prospect = make_account("Prospect Ltd", account_type="prospect")
    with pytest.raises(ValidationFailed) as caught:
        services.account_convert_to_sales_account(
            actor=as_actor(sales_admin), account=prospect, expected_version=prospect.version
        )
    assert "Complete sell-to address" in caught.value.message
    assert caught.value.extra["failed_rules"][0]["code"] == "complete_sell_to_address"
    prospect.refresh_from_db()
    assert not prospect.is_sales_account


@pytest.mark.usefixtures("address_rule_only")
def test_cus_3_qualified_prospect_becomes_customer_sales_account(
    make_account: Any, sales_admin: Any
) -> None:
    """CUS-3: qualified prospect becomes customer sales account."""
    prospect = make_account("Ready Ltd", account_type="prospect", **COMPLETE_ADDRESS)
    assert qualification_failures(prospect) == []
    services.account_convert_to_sales_account(
        actor=as_actor(sales_admin), account=prospect, expected_version=prospect.version
    )
    prospect.refresh_from_db()
    assert prospect.is_sales_account
    assert prospect.account_type == Account.AccountType.CUSTOMER


def test_plat_6_stale_update_is_refused(make_account: Any, sales_admin: Any) -> None:
    """PLAT-6: stale update is refused."""
    account = make_account("Versioned")
    services.account_update(
        actor=as_actor(sales_admin), account=account, changes={"name": "A"}, expected_version=1
    )
    with pytest.raises(StaleVersion):
        services.account_update(
            actor=as_actor(sales_admin), account=account, changes={"name": "B"}, expected_version=1
        )


def test_cus_6_hierarchy_refuses_cycles(make_account: Any, sales_admin: Any) -> None:
    """CUS-6: hierarchy refuses cycles."""
    top = make_account("Top")
    middle = make_account("Middle", parent_id=top.pk)
    bottom = make_account("Bottom", parent_id=middle.pk)
    for parent in (bottom, top):
        with pytest.raises(ValidationFailed) as caught:
            services.account_update(
                actor=as_actor(sales_admin),
                account=top,
                changes={"parent_id": parent.pk if parent is bottom else top.pk},
                expected_version=top.version,
            )
        assert "parent_id" in caught.value.field_errors


def test_cus_6_revenue_rolls_up_from_subsidiaries_at_every_depth(
    make_account: Any, sales_admin: Any
) -> None:
    """CUS-6: revenue rolls up from subsidiaries at every depth."""
    top = make_account("Top", annual_revenue="100")
    middle = make_account("Middle", parent_id=top.pk, annual_revenue="10")
    make_account("Leaf", parent_id=middle.pk, annual_revenue="1.50")
    make_account("Other", parent_id=top.pk)
    hierarchy = account_hierarchy(actor=as_actor(sales_admin), account=top)
    assert hierarchy.root.rolled_up_revenue == Decimal("111.50")
    assert [(n.name, n.depth) for n in hierarchy.nodes] == [
        ("Top", 0),
        ("Middle", 1),
        ("Leaf", 2),
        ("Other", 1),
    ]
    assert [
        a.name for a in account_hierarchy(actor=as_actor(sales_admin), account=middle).ancestors
    ] == ["Top"]


def _insert_tree(root: Account, total: int, level_size: int) -> None:
    """`total` accounts below `root`, `level_size` per level, each under a
    node of the level above, inserted with one raw executemany: the rule under
    test is the query count of the hierarchy read, not the create path."""
    fields = Account._meta.concrete_fields
    now = timezone.now()
    template = Account(
        name="Sub", account_type="customer", annual_revenue=1, created_at=now, updated_at=now
    )
    values = {
        f.attname: f.get_db_prep_save(getattr(template, f.attname), connection) for f in fields
    }
    rows, level, next_id = [], [root.pk], root.pk + 1
    while len(rows) < total:
        current = []
        for i in range(min(level_size, total - len(rows))):
            values.update(id=next_id, parent_id=level[i % len(level)], name=f"Sub {next_id}")
            rows.append([values[f.attname] for f in fields])
            current.append(next_id)
            next_id += 1
        level = current
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Account._meta.db_table} ({columns}) VALUES ({marks})",
            rows,
        )


def test_cus_6_wide_and_deep_tree_costs_constant_queries(
    sales_admin: Any, django_assert_max_num_queries: Any
) -> None:
    """CUS-6: 10,000 accounts under one root: a handful of queries, never one per node."""
    root = Account.objects.create(name="Root", account_type="customer", annual_revenue=1)
    _insert_tree(root, total=10_000, level_size=2_500)
    actor_sales_admin = as_actor(sales_admin)
    with django_assert_max_num_queries(6):
        hierarchy = account_hierarchy(actor=actor_sales_admin, account=root)
    assert len(hierarchy.nodes) == 10_001
    assert hierarchy.root.rolled_up_revenue == Decimal(10_001)
    assert max(node.depth for node in hierarchy.nodes) == 4


def test_cus_9_delete_needs_delete_sales_party(make_account: Any, salesperson: Any) -> None:
    """CUS-9: delete needs delete sales party."""
    account = make_account("Keep Me", owner_id=salesperson.pk)
    with pytest.raises(MissingPrivilege) as caught:
        services.account_delete(actor=as_actor(salesperson), account=account)
    assert "Delete Sales Party" in caught.value.message


def test_cus_9_soft_delete_hides_account_notes_and_duplicates(
    make_account: Any, sales_admin: Any
) -> None:
    """CUS-9: soft delete hides account notes and duplicates."""
    account = make_account("Gone Corp", **COMPLETE_ADDRESS)
    services.note_create(actor=as_actor(sales_admin), account=account, text="Called them")
    received: list[Any] = []

    def receiver(sender: Any, account: Account, actor: Any, **kwargs: Any) -> None:
        received.append(account.pk)

    account_soft_deleted.connect(receiver)
    try:
        services.account_delete(actor=as_actor(sales_admin), account=account)
    finally:
        account_soft_deleted.disconnect(receiver)
    assert received == [account.pk]
    stored = Account.objects.get(pk=account.pk)
    assert not stored.is_active
    assert stored.deleted_by == sales_admin
    assert not account_list(actor=as_actor(sales_admin)).filter(pk=account.pk).exists()
    assert not note_list(actor=as_actor(sales_admin), account=account).exists()
    with pytest.raises(NotFound):
        access.get_visible(Account, as_actor(sales_admin), account.pk)
    again = services.account_create(
        actor=as_actor(sales_admin), data={"name": "Gone Corp", **COMPLETE_ADDRESS}
    )
    assert again.pk != account.pk


def test_cus_9_administrator_restores_deleted_account(
    make_account: Any, sales_admin: Any, salesperson: Any
) -> None:
    """CUS-9: administrator restores deleted account; to anyone without
    Restore Sales Party a deleted account is as missing as an unknown one."""
    account = make_account("Back Again")
    services.account_delete(actor=as_actor(sales_admin), account=account)
    with pytest.raises(NotFound):
        services.account_restore(actor=as_actor(salesperson), pk=account.pk)
    services.account_restore(actor=as_actor(sales_admin), pk=account.pk)
    assert account_list(actor=as_actor(sales_admin)).filter(pk=account.pk).exists()


def test_cus_11_duplicate_check_offers_candidates(make_account: Any, sales_admin: Any) -> None:
    """CUS-11: duplicate check offers candidates."""
    existing = make_account("Acme Corporation", **COMPLETE_ADDRESS)
    with pytest.raises(Conflict) as caught:
        services.account_create(
            actor=as_actor(sales_admin), data={"name": "ACME Corporation.", **COMPLETE_ADDRESS}
        )
    assert caught.value.code == "duplicate_accounts"
    assert [c["id"] for c in caught.value.extra["candidates"]] == [existing.pk]
    created = services.account_create(
        actor=as_actor(sales_admin),
        data={"name": "ACME Corporation.", **COMPLETE_ADDRESS},
        confirm_duplicates=True,
    )
    assert created.pk != existing.pk


def test_cus_11_search_finds_every_type_by_accent_free_prefix(
    make_account: Any, sales_admin: Any
) -> None:
    """CUS-11: search finds every type by accent free prefix."""
    from openprm.customers.filters import AccountFilter

    make_account("Société Générale", account_type="prospect")
    make_account("Societal Partners", account_type="partner")
    make_account("Other", account_type="customer")
    found = account_list(actor=as_actor(sales_admin), filters=AccountFilter(q="soci"))
    assert sorted(a.name for a in found) == ["Societal Partners", "Société Générale"]


def test_team_5_salesperson_sees_own_and_granted_accounts_only(
    make_account: Any, salesperson: Any
) -> None:
    """TEAM-5: salesperson sees own and granted accounts only."""
    mine = make_account("Mine", owner_id=salesperson.pk)
    granted = make_account("Granted")
    make_account("Hidden")
    register_account_grant("test-grant", lambda actor: AccountSql("{id} = %s", (granted.pk,)))
    try:
        names = sorted(a.name for a in account_list(actor=as_actor(salesperson)))
        assert (
            Account.objects.filter(account_grant_q(as_actor(salesperson), {"test-grant"})).count()
            == 1
        )
    finally:
        from openprm.customers import reach as customers_access

        customers_access._grants.pop("test-grant")
    assert names == ["Granted", "Mine"]
    assert mine.owner == salesperson
    partner_user = make_user(SALESPERSON, user_type="partner")
    assert not account_list(actor=as_actor(partner_user)).exists()


def test_cus_9_pickers_skip_deleted_accounts(make_account: Any, sales_admin: Any) -> None:
    """CUS-9: pickers skip deleted accounts."""
    from openprm.customers.selectors import account_pick

    kept = make_account("Pick Kept")
    gone = make_account("Pick Gone")
    services.account_delete(actor=as_actor(sales_admin), account=gone)
    assert account_pick(actor=as_actor(sales_admin), q="pick") == [kept]


@pytest.mark.usefixtures("address_rule_only")
def test_cus_3_rules_registered_by_other_apps_are_named(
    make_account: Any, sales_admin: Any
) -> None:
    """CUS-3: rules registered by other apps are named."""
    from openprm.customers.qualification import register_qualification_rule

    register_qualification_rule("never", "Never passes", lambda account: False)
    prospect = make_account("Blocked", account_type="prospect", **COMPLETE_ADDRESS)
    with pytest.raises(ValidationFailed) as caught:
        services.account_convert_to_sales_account(
            actor=as_actor(sales_admin), account=prospect, expected_version=prospect.version
        )
    assert caught.value.field_errors == {"qualification": ["Never passes"]}
