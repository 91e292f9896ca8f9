"""Deal registration through the services (DEAL-2, DEAL-3, DEAL-6, DEAL-7, TER-4)."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from openprm.catalog.models import Product
from openprm.core import access
from openprm.core.errors import Conflict, NotFound, PermissionRefused, ValidationFailed
from openprm.core.options.models import ProfileOption
from openprm.customers.models import Account
from openprm.deals import catalog, services
from openprm.deals.conflicts import conflicts_of
from openprm.deals.models import DealRegistration, Opportunity
from openprm.identity.models import User
from openprm.partners.models import PartnerProfile
from openprm.territories.models import AccountTerritory, Territory
from tests.deals.conftest import next_month
from tests.factories import as_actor

pytestmark = pytest.mark.django_db
State = DealRegistration.State
Register = Callable[..., DealRegistration]


def _rep(two_partners: dict[str, Any], org: str) -> Any:
    return as_actor(two_partners[f"{org}_rep"].user)


def test_deal_6_draft_is_numbered_and_owned_by_the_partner_user(
    register: Register, two_partners: dict[str, Any], channel_manager: User
) -> None:
    registration = register("nw", codes=("FW-100", "SW-24"), amount="1500")
    assert registration.state == State.DRAFT
    assert registration.number == f"DR-{registration.pk:06d}"
    assert registration.partner == two_partners["nw"]
    assert registration.owner == two_partners["nw_rep"].user
    assert registration.channel_manager == channel_manager
    assert registration.amount == Decimal("3000")


def test_deal_6_submit_return_resubmit_approve(
    register: Register, two_partners: dict[str, Any], channel_manager: User, customer: Account
) -> None:
    cam, rep = as_actor(channel_manager), _rep(two_partners, "nw")
    registration = register("nw", submit=True)
    assert registration.state == State.SUBMITTED
    registration = services.registration_return(
        actor=cam,
        registration=registration,
        note="Which site?",
        expected_version=registration.version,
    )
    assert registration.state == State.RETURNED
    registration = services.registration_update(
        actor=rep,
        registration=registration,
        changes={"description": "Austin HQ"},
        lines=None,
        expected_version=registration.version,
    )
    registration = services.registration_submit(
        actor=rep, registration=registration, expected_version=registration.version
    )
    registration = services.registration_approve(
        actor=cam,
        registration=registration,
        account_id=customer.pk,
        expected_version=registration.version,
    )
    assert registration.state == State.APPROVED
    assert registration.protection_starts == timezone.localdate()
    assert registration.protection_ends == timezone.localdate() + dt.timedelta(days=90)
    opportunity = registration.opportunity
    assert opportunity is not None
    assert opportunity.account == customer
    assert opportunity.partner == two_partners["nw"]
    assert opportunity.amount == registration.amount
    assert opportunity.team.filter(resource=two_partners["nw_rep"].resource).exists()


def test_deal_6_a_submitted_registration_is_not_edited_and_can_be_withdrawn(
    register: Register, two_partners: dict[str, Any]
) -> None:
    rep = _rep(two_partners, "nw")
    registration = register("nw", submit=True)
    with pytest.raises(Conflict):
        services.registration_update(
            actor=rep,
            registration=registration,
            changes={"title": "Other"},
            lines=None,
            expected_version=registration.version,
        )
    registration = services.registration_withdraw(
        actor=rep, registration=registration, expected_version=registration.version
    )
    assert registration.state == State.WITHDRAWN


def test_deal_6_reject_needs_a_reason_from_the_lookup(
    register: Register, channel_manager: User
) -> None:
    cam = as_actor(channel_manager)
    registration = register("nw", submit=True)
    with pytest.raises(ValidationFailed) as refused:
        services.registration_reject(
            actor=cam,
            registration=registration,
            reason="BECAUSE",
            expected_version=registration.version,
        )
    assert "reason" in refused.value.field_errors
    registration = services.registration_reject(
        actor=cam,
        registration=registration,
        reason="NOT_QUALIFIED",
        expected_version=registration.version,
    )
    assert (registration.state, registration.reject_reason) == (State.REJECTED, "NOT_QUALIFIED")


def test_deal_2_only_the_approvers_decide(
    register: Register, two_partners: dict[str, Any], salesperson: User
) -> None:
    registration = register("nw", submit=True)
    with pytest.raises(PermissionRefused):
        services.registration_approve(
            actor=_rep(two_partners, "nw"), registration=registration, expected_version=2
        )
    with pytest.raises(NotFound):  # a salesperson does not even see the queue
        services.registration_approve(
            actor=as_actor(salesperson), registration=registration, expected_version=2
        )


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        ({"customer_name": "ACME Corp."}, {"customer_name": "Acme Corporation"}, "name_country"),
        ({"tax_id": "us 12-345"}, {"customer_name": "Other", "tax_id": "US12345"}, "tax_id"),
        (
            {"web_domain": "https://www.acme.com/about"},
            {"customer_name": "Other", "web_domain": "acme.com"},
            "web_domain",
        ),
    ],
)
def test_deal_7_conflict_keys(
    register: Register, first: dict[str, str], second: dict[str, str], reason: str
) -> None:
    """Unmatched customers conflict by tax id, web domain, or name and country."""
    earlier = register("nw", submit=True, **first)
    later = register("co", submit=True, **second)
    (found,) = conflicts_of(later)
    assert found.pk == earlier.pk
    assert reason in found.reasons


def test_deal_7_no_conflict_without_a_shared_product_or_another_country(
    register: Register,
) -> None:
    register("nw", submit=True, codes=("FW-100",))
    assert conflicts_of(register("co", submit=True, codes=("SW-24",))) == []
    assert conflicts_of(register("co", submit=True, country="CA")) == []


def test_deal_7_drafts_and_closed_registrations_do_not_conflict(
    register: Register, two_partners: dict[str, Any]
) -> None:
    register("nw")
    withdrawn = register("nw", submit=True)
    services.registration_withdraw(
        actor=_rep(two_partners, "nw"), registration=withdrawn, expected_version=withdrawn.version
    )
    assert conflicts_of(register("co", submit=True)) == []


def test_deal_7_an_open_internal_opportunity_conflicts(
    register: Register, sales_admin: User, customer: Account, products: dict[str, Product]
) -> None:
    opportunity = services.opportunity_create(
        actor=as_actor(sales_admin),
        account_id=customer.pk,
        name="Acme network refresh",
        close_date=next_month(),
        lines=[services.LineIn(products["FW-100"].pk, 2, Decimal("5000"))],
    )
    registration = register("nw", submit=True)
    assert conflicts_of(registration) == []  # unmatched: not yet known to be Acme
    DealRegistration.objects.filter(pk=registration.pk).update(account=customer)
    registration.refresh_from_db()
    (found,) = conflicts_of(registration)
    assert found.pk == opportunity.pk


def test_deal_7_the_partner_learns_nothing_and_the_loser_is_rejected(
    register: Register, two_partners: dict[str, Any], channel_manager: User, customer: Account
) -> None:
    """Submitting into a conflict looks like any submission; approving one
    rejects the other with "an earlier registration holds this opportunity"."""
    cam = as_actor(channel_manager)
    earlier = register("nw", submit=True)
    later = register("co", submit=True)
    assert later.state == State.SUBMITTED
    with pytest.raises(Conflict) as refused:
        services.registration_approve(
            actor=cam,
            registration=earlier,
            account_id=customer.pk,
            expected_version=earlier.version,
        )
    assert refused.value.code == "conflict_unresolved"
    services.registration_approve(
        actor=cam,
        registration=earlier,
        account_id=customer.pk,
        reject_others=True,
        expected_version=earlier.version,
    )
    later.refresh_from_db()
    assert (later.state, later.reject_reason) == (State.REJECTED, catalog.HELD_BY_EARLIER)
    with pytest.raises(NotFound):
        access.get_visible(DealRegistration, _rep(two_partners, "co"), earlier.pk)


def test_deal_7_approve_despite_the_conflict_with_a_reason(
    register: Register, channel_manager: User, customer: Account
) -> None:
    cam = as_actor(channel_manager)
    earlier = register("nw", submit=True)
    later = register("co", submit=True)
    approved = services.registration_approve(
        actor=cam,
        registration=later,
        account_id=customer.pk,
        conflict_note="Different division of Acme",
        expected_version=later.version,
    )
    earlier.refresh_from_db()
    assert approved.state == State.APPROVED
    assert approved.conflict_note == "Different division of Acme"
    assert earlier.state == State.SUBMITTED


def test_deal_6_a_second_registration_of_the_same_deal_names_the_first(
    register: Register,
) -> None:
    first = register("nw", submit=True)
    with pytest.raises(Conflict) as refused:
        register("nw", submit=True)
    assert refused.value.message == f"You already have {first.number} for this customer."


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"close_date": dt.date(2020, 1, 1)}, "close_date"),
        ({"customer_name": ""}, "customer_name"),
        ({"country": ""}, "country"),
        ({"title": " "}, "title"),
    ],
)
def test_deal_6_bad_input_is_refused_field_by_field(
    register: Register, data: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        register("nw", **data)
    assert field in refused.value.field_errors
    assert not DealRegistration.objects.exists()


def test_deal_6_lines_need_an_active_product_and_a_positive_amount(
    register: Register, products: dict[str, Product]
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        register("nw", amount="0")
    assert "lines.0" in refused.value.field_errors
    Product.objects.filter(code="FW-100").update(is_active=False)
    with pytest.raises(ValidationFailed):
        register("nw")
    draft = register("nw", codes=())
    with pytest.raises(ValidationFailed) as refused:
        services.registration_submit(
            actor=as_actor(draft.owner), registration=draft, expected_version=draft.version
        )
    assert "lines" in refused.value.field_errors


def test_deal_6_an_inactive_partner_cannot_register(
    register: Register, two_partners: dict[str, Any]
) -> None:
    PartnerProfile.objects.filter(pk=two_partners["nw"].pk).update(status="inactive")
    with pytest.raises(Conflict) as refused:
        register("nw")
    assert refused.value.code == "partner_inactive"


def test_deal_6_approving_a_withdrawn_registration_is_409(
    register: Register, two_partners: dict[str, Any], channel_manager: User, customer: Account
) -> None:
    registration = register("nw", submit=True)
    stale = DealRegistration.objects.get(pk=registration.pk)
    services.registration_withdraw(
        actor=_rep(two_partners, "nw"),
        registration=registration,
        expected_version=registration.version,
    )
    stale.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        services.registration_approve(
            actor=as_actor(channel_manager),
            registration=stale,
            account_id=customer.pk,
            expected_version=stale.version,
        )
    assert refused.value.code == "registration_state"


def test_deal_2_above_the_amount_a_second_approver_is_needed(
    register: Register, channel_manager: User, admin_user: User, customer: Account
) -> None:
    ProfileOption.objects.filter(code=catalog.SECOND_APPROVAL_AMOUNT).update(value="5000")
    registration = register("nw", submit=True, amount="9000")
    cam = as_actor(channel_manager)
    registration = services.registration_approve(
        actor=cam,
        registration=registration,
        account_id=customer.pk,
        expected_version=registration.version,
    )
    assert (registration.state, registration.first_approver) == (State.SUBMITTED, channel_manager)
    with pytest.raises(Conflict) as refused:
        services.registration_approve(
            actor=cam,
            registration=registration,
            account_id=customer.pk,
            expected_version=registration.version,
        )
    assert refused.value.code == "same_approver"
    registration = services.registration_approve(
        actor=as_actor(admin_user),
        registration=registration,
        account_id=customer.pk,
        expected_version=registration.version,
    )
    assert registration.state == State.APPROVED


def test_deal_6_protection_extends_up_to_the_limit(
    register: Register, channel_manager: User, customer: Account
) -> None:
    cam = as_actor(channel_manager)
    registration = register("nw", submit=True)
    registration = services.registration_approve(
        actor=cam,
        registration=registration,
        account_id=customer.pk,
        expected_version=registration.version,
    )
    ends = registration.protection_ends
    registration = services.registration_extend(
        actor=cam, registration=registration, expected_version=registration.version
    )
    assert registration.protection_ends == ends + dt.timedelta(days=30)
    with pytest.raises(Conflict) as refused:
        services.registration_extend(
            actor=cam, registration=registration, expected_version=registration.version
        )
    assert refused.value.code == "extension_limit"


def test_deal_1_approval_needs_a_sales_account(register: Register, channel_manager: User) -> None:
    ProfileOption.objects.filter(code="ZCA_ENABLE_SELLTO_ADDR_CHECKBOX").update(value="No")
    from openprm.customers.services import account_create

    prospect = account_create(
        actor=as_actor(channel_manager), data={"name": "Acme", "country": "US"}
    )
    registration = register("nw", submit=True)
    with pytest.raises(ValidationFailed) as refused:
        services.registration_approve(
            actor=as_actor(channel_manager),
            registration=registration,
            account_id=prospect.pk,
            expected_version=registration.version,
        )
    assert refused.value.code == "not_a_sales_account"
    assert "Convert the prospect" in refused.value.message
    assert not Opportunity.objects.exists()


def test_ter_4_approval_adds_the_partners_territories(
    register: Register,
    two_partners: dict[str, Any],
    channel_manager: User,
    sales_admin: User,
    customer: Account,
) -> None:
    territory = Territory.objects.create(
        name="Northwind South",
        territory_type=Territory.Type.PARTNER,
        partner=two_partners["nw"].account,
    )
    registration = register("nw", submit=True)
    services.registration_approve(
        actor=as_actor(channel_manager),
        registration=registration,
        account_id=customer.pk,
        expected_version=registration.version,
    )
    assert AccountTerritory.objects.filter(account=customer, territory=territory).exists()


def test_deal_9_the_won_opportunity_closes_the_registration(
    register: Register, channel_manager: User, sales_admin: User, customer: Account
) -> None:
    registration = register("nw", submit=True)
    registration = services.registration_approve(
        actor=as_actor(channel_manager),
        registration=registration,
        account_id=customer.pk,
        expected_version=registration.version,
    )
    opportunity = registration.opportunity
    services.opportunity_set_stage(
        actor=as_actor(sales_admin),
        opportunity=opportunity,
        stage=Opportunity.Stage.WON,
        expected_version=opportunity.version,
    )
    registration.refresh_from_db()
    assert registration.state == State.WON


def test_prg_7_partners_see_only_their_own_registrations(
    register: Register, two_partners: dict[str, Any], salesperson: User, channel_manager: User
) -> None:
    mine = register("nw", submit=True)
    draft = register("co")
    assert list(access.visible(DealRegistration, _rep(two_partners, "nw"))) == [mine]
    assert list(access.visible(DealRegistration, _rep(two_partners, "co"))) == [draft]
    assert list(access.visible(DealRegistration, as_actor(channel_manager))) == [mine]
    assert not access.visible(DealRegistration, as_actor(salesperson)).exists()
