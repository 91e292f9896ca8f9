"""A typed client generated from /api/v1/openapi.json with
openapi-python-client works against the running server for every resource
family: list with paging, create, read, update with `version`, a stale update
answered 409 with the record in its own output schema (PLAT-6), a 422 and
delete. The client is generated once per session; a warning from the
generator (an operation or schema it dropped) fails the test."""

import datetime
import importlib
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from types import ModuleType
from typing import Any

import pytest

from openprm.catalog.models import Product
from openprm.config.api import api
from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import User
from openprm.identity.services import token_create
from tests.catalog.conftest import gold, telemedia
from tests.deals.conftest import (
    customer,
    make_partner,
    make_portal_user,
    next_month,
    products,
    two_partners,
)
from tests.factories import as_actor, make_user
from tests.orders.conftest import gold_prices, nw_power
from tests.programs.conftest import program

__all__ = [
    "customer",
    "gold",
    "gold_prices",
    "make_partner",
    "make_portal_user",
    "nw_power",
    "products",
    "program",
    "telemedia",
    "two_partners",
]

PACKAGE = "openprm_generated_client"
INTERNAL_COLUMNS = {"name_search", "deleted_by", "deleted_by_id", "last_name_search"}


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("client")
    document = root / "openapi.json"
    document.write_text(json.dumps(api.get_openapi_schema()))
    config = root / "config.json"
    config.write_text(json.dumps({"post_hooks": []}))
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(document),
            "--output-path",
            str(root / PACKAGE),
            "--meta",
            "none",
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    assert "Warning" not in report, report
    assert "will not be generated" not in report, report
    sys.path.insert(0, str(root))
    yield importlib.import_module(PACKAGE)
    sys.path.remove(str(root))


def _module(name: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.{name}")


@pytest.fixture
def client_of(generated: ModuleType, live_server: Any) -> Callable[[User], Any]:
    def build(user: User) -> Any:
        _, token = token_create(actor=as_actor(user), name="generated client")
        return generated.AuthenticatedClient(base_url=live_server.url, token=token)

    return build


@pytest.fixture
def client(client_of: Callable[[User], Any], admin_user: User) -> Any:
    return client_of(admin_user)


def model(name: str) -> Any:
    return getattr(_module("models"), name)


def call(client: Any, operation: str, *args: Any, **kwargs: Any) -> Any:
    """One operation by its id (`customers.account_update`): the response
    with its parsed, typed body."""
    return _module(f"api.{operation}").sync_detailed(*args, client=client, **kwargs)


@dataclass
class Family:
    """One resource family: its operations (`tag.operation_id`), how the
    client builds a record, an invalid create and an update."""

    output: str
    list: str
    create: Callable[[Any], Any]
    detail: str
    update: str
    update_body: Callable[[int], Any]
    changed: Callable[[Any], bool]
    invalid: Callable[[Any], Any]
    path: tuple[Any, ...] = ()
    delete: Callable[[Any, Any], Any] | None = None
    query: dict[str, Any] | None = None


def _check(family: Family, client: Any) -> None:
    created = family.create(client)
    assert created.status_code == 201, created.content
    record = created.parsed
    assert isinstance(record, model(family.output))

    second = family.create(client)
    assert second.status_code == 201, second.content
    pages = [
        call(client, family.list, *family.path, page=page, page_size=1, **(family.query or {}))
        for page in (1, 2)
    ]
    assert [p.status_code for p in pages] == [200, 200], pages[0].content
    assert [len(p.parsed.items) for p in pages] == [1, 1]
    assert pages[0].parsed.count >= 2
    assert pages[0].parsed.items[0].id != pages[1].parsed.items[0].id

    read = call(client, family.detail, *family.path, record.id)
    assert read.status_code == 200, read.content
    assert isinstance(read.parsed, model(family.output))
    assert read.parsed.id == record.id

    body = family.update_body(record.version)
    updated = call(client, family.update, *family.path, record.id, body=body)
    assert updated.status_code == 200, updated.content
    assert family.changed(updated.parsed)
    assert updated.parsed.version == record.version + 1

    stale = call(client, family.update, *family.path, record.id, body=body)
    assert stale.status_code == 409, stale.content
    assert stale.parsed.code == "stale_version"
    current = stale.parsed.current
    assert isinstance(current, model(family.output)), type(current)
    assert current.version == record.version + 1
    assert family.changed(current)
    assert not INTERNAL_COLUMNS & set(json.loads(stale.content)["current"])

    invalid = family.invalid(client)
    assert invalid.status_code == 422, invalid.content
    assert invalid.parsed.code == "validation_failed"
    assert invalid.parsed.errors

    if family.delete is not None:
        gone = family.delete(client, updated.parsed)
        assert gone.status_code == 204, gone.content
        assert call(client, family.detail, *family.path, record.id).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_plat_6_generated_client_drives_every_resource_family(client: Any) -> None:
    serial = iter(range(1000))
    account_id = _check_accounts(client, serial)
    _check(
        Family(
            output="ContactOut",
            list="contacts.contact_list",
            create=lambda c: call(
                c,
                "contacts.contact_create",
                body=model("ContactCreateIn")(
                    last_name=f"Généré {next(serial)}",
                    kind=model("PersonKind").B2C,
                    confirm_duplicates=True,
                ),
            ),
            detail="contacts.contact_get",
            update="contacts.contact_update",
            update_body=lambda v: model("ContactPatchIn")(version=v, job_title="Buyer"),
            changed=lambda out: out.job_title == "Buyer",
            invalid=lambda c: call(
                c, "contacts.contact_create", body=model("ContactCreateIn")(last_name="x" * 101)
            ),
            delete=lambda c, r: call(c, "contacts.contact_delete", r.id),
            query={"q": "Généré"},
        ),
        client,
    )
    _check(
        Family(
            output="TerritoryOut",
            list="territories.territory_list",
            create=lambda c: call(
                c,
                "territories.territory_create",
                body=model("TerritoryIn")(name=f"Generated Territory {next(serial)}"),
            ),
            detail="territories.territory_detail",
            update="territories.territory_update",
            update_body=lambda v: model("TerritoryUpdateIn")(version=v, description="North"),
            changed=lambda out: out.description == "North",
            invalid=lambda c: call(
                c, "territories.territory_create", body=model("TerritoryIn")(name="")
            ),
            delete=lambda c, r: call(c, "territories.territory_delete", r.id),
        ),
        client,
    )
    _check(
        Family(
            output="PartnerOut",
            list="partners.partner_list",
            create=lambda c: call(
                c,
                "partners.partner_create",
                body=model("PartnerCreateIn")(
                    name=f"Generated Partner {next(serial)}",
                    primary_contact=model("PersonIn")(last_name=f"Primär {next(serial)}"),
                    confirm_duplicates=True,
                ),
            ),
            detail="partners.partner_detail",
            update="partners.partner_update",
            update_body=lambda v: model("PartnerUpdateIn")(version=v, city="Porto"),
            changed=lambda out: (out.city, out.status) == ("Porto", model("PartnerStatus").ACTIVE),
            invalid=lambda c: call(
                c, "partners.partner_create", body=model("PartnerCreateIn")(name="")
            ),
        ),
        client,
    )
    _check_team(client, account_id)


def _check_accounts(client: Any, serial: Iterator[int]) -> int:
    def create(c: Any) -> Any:
        kind = model("AccountType").CUSTOMER
        return call(
            c,
            "customers.account_create",
            body=model("AccountCreateIn")(
                name=f"Generated Account {next(serial)}", account_type=kind, confirm_duplicates=True
            ),
        )

    _check(
        Family(
            output="AccountOut",
            list="customers.account_list",
            create=create,
            detail="customers.account_detail",
            update="customers.account_update",
            update_body=lambda v: model("AccountUpdateIn")(version=v, city="Lyon"),
            changed=lambda out: out.city == "Lyon",
            invalid=lambda c: call(
                c, "customers.account_create", body=model("AccountCreateIn")(name="")
            ),
            delete=lambda c, r: call(c, "customers.account_delete", r.id, version=r.version),
        ),
        client,
    )
    duplicate = call(
        client,
        "customers.account_create",
        body=model("AccountCreateIn")(name="Generated Account 1"),
    )
    assert duplicate.status_code == 409, duplicate.content
    assert isinstance(duplicate.parsed.candidates[0], model("DuplicateAccountOut"))
    return duplicate.parsed.candidates[0].id


def _check_team(client: Any, account_id: int) -> None:
    """An account's team has no read of one member: the list reads it."""
    users = [make_user(SALESPERSON, username=f"generated{n}") for n in (1, 2)]
    added = [
        call(client, "teams.team_member_add", account_id, body=model("TeamMemberIn")(user_id=u.pk))
        for u in users
    ]
    assert [a.status_code for a in added] == [201, 201], added[0].content
    member = added[0].parsed
    assert isinstance(member, model("TeamMemberOut"))
    assert member.source is model("TeamMemberSource").MANUAL
    pages = [
        call(client, "teams.team_member_list", account_id, page=p, page_size=1) for p in (1, 2)
    ]
    assert {p.parsed.items[0].id for p in pages} == {a.parsed.id for a in added}
    full = model("AccessLevel").FULL
    body = model("TeamMemberUpdateIn")(version=member.version, access_level=full)
    updated = call(client, "teams.team_member_update", account_id, member.id, body=body)
    assert updated.status_code == 200, updated.content
    assert updated.parsed.access_level.value == "full"
    stale = call(client, "teams.team_member_update", account_id, member.id, body=body)
    assert stale.status_code == 409, stale.content
    assert isinstance(stale.parsed.current, model("TeamMemberOut"))
    assert stale.parsed.current.version == member.version + 1
    invalid = call(client, "teams.team_member_add", account_id, body=model("TeamMemberIn")())
    assert invalid.status_code == 422, invalid.content
    gone = call(client, "teams.team_member_remove", account_id, member.id)
    assert gone.status_code == 204, gone.content
    listed = call(client, "teams.team_member_list", account_id).parsed.items
    assert member.id not in {m.id for m in listed}


@pytest.mark.django_db(transaction=True)
def test_plat_6_generated_client_drives_deal_registrations(
    client_of: Callable[[User], Any], two_partners: dict[str, Any], products: dict[str, Product]
) -> None:
    """A partner's sales rep registers deals (DEAL-2); a registration is
    withdrawn, never deleted."""
    serial = iter(range(1000))
    rep = client_of(two_partners["nw_rep"].user)

    def lines() -> list[Any]:
        line = model("LineSchema")(product_id=products["FW-100"].pk, quantity=2, amount="4000.00")
        return [line]

    _check(
        Family(
            output="RegistrationOut",
            list="deal_registrations.registration_list",
            create=lambda c: call(
                c,
                "deal_registrations.registration_create",
                body=model("RegistrationIn")(
                    title=f"Généré deal {next(serial)}",
                    close_date=next_month(),
                    customer_name="Ærø Fisk A/S",
                    country="DK",
                    lines=lines(),
                ),
            ),
            detail="deal_registrations.registration_detail",
            update="deal_registrations.registration_update",
            update_body=lambda v: model("RegistrationUpdateIn")(version=v, title="Renamed"),
            changed=lambda out: out.title == "Renamed",
            invalid=lambda c: call(
                c,
                "deal_registrations.registration_create",
                body=model("RegistrationIn")(title="", close_date=next_month()),
            ),
        ),
        rep,
    )
    draft = call(
        rep,
        "deal_registrations.registration_create",
        body=model("RegistrationIn")(
            title="Action",
            close_date=next_month(),
            customer_name="Acme Corp",
            country="US",
            lines=lines(),
        ),
    ).parsed
    renamed = model("RegistrationUpdateIn")(version=draft.version, title="Action renamed")
    call(rep, "deal_registrations.registration_update", draft.id, body=renamed)
    stale = call(
        rep,
        "deal_registrations.registration_submit",
        draft.id,
        body=model("RegistrationVersionIn")(version=draft.version),
    )
    assert stale.status_code == 409, stale.content
    assert isinstance(stale.parsed.current, model("RegistrationOut"))
    assert stale.parsed.current.title == "Action renamed"


@pytest.mark.django_db(transaction=True)
def test_plat_6_generated_client_drives_orders(
    client_of: Callable[[User], Any],
    nw_power: Any,
    telemedia: dict[str, Any],
    gold_prices: Any,
) -> None:
    """A partner's power user orders for its own store (ORD-1) and changes
    the pending order's lines with its version; an order is cancelled,
    never deleted."""
    phone = telemedia["PHONE-X"].pk

    def place(c: Any, price_list_id: int = gold_prices.pk) -> Any:
        body = model("OrderIn")(
            price_list_id=price_list_id, lines=[model("OrderLineSpecIn")(product_id=phone)]
        )
        return call(c, "orders.order_place", body=body)

    two_lines = [model("OrderLineSpecIn")(product_id=phone) for _ in range(2)]
    _check(
        Family(
            output="OrderDetailOut",
            list="orders.order_list",
            create=place,
            detail="orders.order_detail",
            update="orders.order_lines_replace",
            update_body=lambda v: model("OrderLinesIn")(version=v, lines=two_lines),
            changed=lambda out: (
                [line.fulfilment_status for line in out.lines]
                == [model("FulfilmentStatus").OPEN] * 2
            ),
            invalid=lambda c: place(c, price_list_id=0),
        ),
        client_of(nw_power.user),
    )


def _coded(
    tag: str, name: str, serial: Iterator[int], update_body: Callable[[int], Any], changed: Any
) -> Family:
    """A family created from a unique `code` and a `name` (products,
    trainings, certifications), its operations named `<name>_<verb>`."""
    schema = name.title()

    def create(c: Any, code: str | None = None) -> Any:
        code = f"GEN-{next(serial)}" if code is None else code
        body = model(f"{schema}In")(code=code, name=code and f"Généré {code}")
        return call(c, f"{tag}.{name}_create", body=body)

    return Family(
        output=f"{schema}Out",
        list=f"{tag}.{name}_list",
        create=create,
        detail=f"{tag}.{name}_detail",
        update=f"{tag}.{name}_update",
        update_body=update_body,
        changed=changed,
        invalid=lambda c: create(c, code=""),
    )


@pytest.mark.django_db(transaction=True)
def test_plat_6_generated_client_drives_catalog(client: Any) -> None:
    """Products and price lists (ORD-1) are retired (`is_active`,
    an end date), never deleted: neither has a delete."""
    serial = iter(range(1000))
    _check(
        _coded(
            "products",
            "product",
            serial,
            lambda v: model("ProductUpdateIn")(version=v, family="Routers"),
            lambda out: out.family == "Routers",
        ),
        client,
    )
    _check(
        Family(
            output="PriceListOut",
            list="price_lists.price_list_list",
            create=lambda c: call(
                c,
                "price_lists.price_list_create",
                body=model("PriceListIn")(name=f"Generated list {next(serial)}"),
            ),
            detail="price_lists.price_list_detail",
            update="price_lists.price_list_update",
            update_body=lambda v: model("PriceListUpdateIn")(version=v, name="Renamed list"),
            changed=lambda out: out.name == "Renamed list",
            invalid=lambda c: call(
                c, "price_lists.price_list_create", body=model("PriceListIn")(name="")
            ),
        ),
        client,
    )


@pytest.mark.django_db(transaction=True)
def test_plat_6_generated_client_drives_alerts(client: Any) -> None:
    """Alerts (PRG-8) are dismissed or end, never deleted: no delete."""
    serial = iter(range(1000))
    today = datetime.date.today()
    everyone = model("AlertTarget").ALL
    _check(
        Family(
            output="AlertOut",
            list="alerts.alert_list",
            create=lambda c: call(
                c,
                "alerts.alert_create",
                body=model("AlertIn")(
                    title=f"Généré {next(serial)}", starts_on=today, target=everyone
                ),
            ),
            detail="alerts.alert_detail",
            update="alerts.alert_update",
            update_body=lambda v: model("AlertUpdateIn")(version=v, body="Read me"),
            changed=lambda out: out.body == "Read me",
            invalid=lambda c: call(
                c,
                "alerts.alert_create",
                body=model("AlertIn")(title="", starts_on=today, target=everyone),
            ),
        ),
        client,
    )


@pytest.mark.django_db(transaction=True)
def test_plat_6_generated_client_drives_trainings(client: Any) -> None:
    """Trainings and certifications (PRG-6) are deactivated, never deleted:
    neither has a delete."""
    serial = iter(range(1000))
    for name, body, changed in (
        (
            "training",
            lambda v: model("TrainingUpdateIn")(version=v, topic="Security"),
            lambda out: out.topic == "Security",
        ),
        (
            "certification",
            lambda v: model("CertificationUpdateIn")(version=v, validity_months=12),
            lambda out: out.validity_months == 12,
        ),
    ):
        _check(_coded("trainings", name, serial, body, changed), client)


@pytest.mark.django_db(transaction=True)
def test_plat_6_generated_client_drives_programs_and_partnerships(
    client: Any, program: Any, two_partners: dict[str, Any]
) -> None:
    """Programs (PRG-4) and partnerships (PRG-3) are ended by their status
    or an end date, never deleted: neither has a delete. One partnership per
    partner, so each create takes the next partner."""
    serial = iter(range(1000))
    programs = _coded(
        "programs",
        "program",
        serial,
        lambda v: model("ProgramUpdateIn")(version=v, grace_days=30),
        lambda out: out.grace_days == 30,
    )
    _check(replace(programs, output="ProgramDetailOut"), client)
    partners = iter([two_partners["nw"], two_partners["co"]])
    _check(
        Family(
            output="PartnershipOut",
            list="programs.partnership_list",
            create=lambda c: call(
                c,
                "programs.partnership_create",
                body=model("PartnershipIn")(partner_id=next(partners).pk, program_id=program.pk),
            ),
            detail="programs.partnership_detail",
            update="programs.partnership_update",
            update_body=lambda v: model("PartnershipUpdateIn")(version=v, mdf_eligible=True),
            changed=lambda out: out.mdf_eligible,
            invalid=lambda c: call(
                c,
                "programs.partnership_create",
                body=model("PartnershipIn")(partner_id=0, program_id=program.pk),
            ),
        ),
        client,
    )


@pytest.mark.django_db(transaction=True)
def test_plat_6_generated_client_drives_opportunities(
    client: Any, customer: Any, products: dict[str, Product]
) -> None:
    """Opportunities on a sales account (DEAL-1): the API changes one by its
    stage with `version` (its other fields are patched in
    test_plat_6_generated_client_updates_opportunities_and_their_lines) and has no
    delete (a lost opportunity is closed, not removed)."""
    serial = iter(range(1000))

    def create(c: Any, account_id: int = customer.pk) -> Any:
        line = model("LineSchema")(product_id=products["FW-100"].pk, amount="4000.00")
        body = model("OpportunityIn")(
            account_id=account_id,
            name=f"Généré {next(serial)}",
            close_date=next_month(),
            lines=[line],
        )
        return call(c, "deal_registrations.opportunity_create", body=body)

    proposal = model("OpportunityStage").PROPOSAL
    _check(
        Family(
            output="OpportunityOut",
            list="deal_registrations.opportunity_list",
            create=create,
            detail="deal_registrations.opportunity_detail",
            update="deal_registrations.opportunity_stage",
            update_body=lambda v: model("StageIn")(version=v, stage=proposal),
            changed=lambda out: out.stage.value == "proposal",
            invalid=lambda c: create(c, account_id=0),
        ),
        client,
    )


@pytest.mark.django_db(transaction=True)
def test_plat_6_generated_client_drives_leads(
    client_of: Callable[[User], Any],
    two_partners: dict[str, Any],
    customer: Any,
    channel_manager: User,
) -> None:
    """Leads (DEAL-1, DEAL-4): created, listed with paging and read as typed
    `LeadOut`s; a route by a stale version is a 409 carrying the lead; the
    batch route answers its typed report; the partner reads its answer
    deadline as a datetime."""
    cam = client_of(channel_manager)

    def create(name: str) -> Any:
        body = model("LeadIn")(account_id=customer.pk, name=name, amount="1200.00")
        created = call(cam, "deal_registrations.lead_create", body=body)
        assert created.status_code == 201, created.content
        assert isinstance(created.parsed, model("LeadOut"))
        return created.parsed

    first, second = create("Généré lead 1"), create("Généré lead 2")
    assert first.answer_deadline is None
    pages = [call(cam, "deal_registrations.lead_list", page=page, page_size=1) for page in (1, 2)]
    assert {p.parsed.items[0].id for p in pages} == {first.id, second.id}
    read = call(cam, "deal_registrations.lead_detail", first.id)
    assert isinstance(read.parsed, model("LeadOut"))

    to_nw = model("LeadRouteIn")(version=first.version, partner_id=two_partners["nw"].pk)
    routed = call(cam, "deal_registrations.lead_route", first.id, body=to_nw)
    assert routed.status_code == 200, routed.content
    assert routed.parsed.status.value == "offered"
    assert routed.parsed.version == first.version + 1
    assert isinstance(routed.parsed.answer_deadline, datetime.datetime)
    stale = call(
        cam,
        "deal_registrations.lead_route",
        second.id,
        body=model("LeadRouteIn")(version=second.version + 1),
    )
    assert stale.status_code == 409, stale.content
    assert stale.parsed.code == "stale_version"
    assert isinstance(stale.parsed.current, model("LeadOut"))
    assert stale.parsed.current.status.value == "new"

    invalid = call(
        cam, "deal_registrations.lead_create", body=model("LeadIn")(account_id=customer.pk, name="")
    )
    assert invalid.status_code == 422, invalid.content
    assert invalid.parsed.code == "validation_failed"

    batch = call(
        cam,
        "deal_registrations.leads_route",
        body=model("LeadsRouteIn")(lead_ids=[second.id, first.id, 999999]),
    )
    assert batch.status_code == 200, batch.content
    report = batch.parsed
    assert isinstance(report, model("LeadsRoutedOut"))
    assert [r.lead_id for r in report.routed] == [second.id]
    assert isinstance(report.routed[0], model("LeadRoutedOut"))
    assert [(r.lead_id, r.reason.value) for r in report.not_routed] == [
        (first.id, "lead_state"),
        (999999, "not_found"),
    ]

    rep = client_of(two_partners["nw_rep"].user)
    offered = call(rep, "deal_registrations.lead_detail", first.id)
    assert offered.status_code == 200, offered.content
    assert offered.parsed.answer_deadline == routed.parsed.answer_deadline


@pytest.mark.django_db(transaction=True)
def test_plat_6_generated_client_updates_opportunities_and_their_lines(
    client: Any, customer: Any, products: dict[str, Product]
) -> None:
    """An opportunity's PATCH with `version` (PLAT-6), a stale one answered
    with the opportunity, a closed one keeping its amount and its stage
    (`opportunity_closed`), and its lines
    read, added and removed, the last one staying (DEAL-1)."""
    line = model("LineSchema")(product_id=products["FW-100"].pk, amount="4000.00")
    body = model("OpportunityIn")(
        account_id=customer.pk, name="Généré deal", close_date=next_month(), lines=[line]
    )
    deal = call(client, "deal_registrations.opportunity_create", body=body).parsed

    rename = model("OpportunityUpdateIn")(version=deal.version, name="Généré, renamed")
    updated = call(client, "deal_registrations.opportunity_update", deal.id, body=rename)
    assert updated.status_code == 200, updated.content
    assert isinstance(updated.parsed, model("OpportunityOut"))
    assert (updated.parsed.name, updated.parsed.version) == ("Généré, renamed", deal.version + 1)
    stale = call(client, "deal_registrations.opportunity_update", deal.id, body=rename)
    assert stale.status_code == 409, stale.content
    assert stale.parsed.code == "stale_version"
    assert isinstance(stale.parsed.current, model("OpportunityOut"))
    assert stale.parsed.current.name == "Généré, renamed"
    invalid = call(
        client,
        "deal_registrations.opportunity_update",
        deal.id,
        body=model("OpportunityUpdateIn")(version=updated.parsed.version, amount="0"),
    )
    assert invalid.status_code == 422, invalid.content
    assert invalid.parsed.code == "validation_failed"

    [first] = call(client, "deal_registrations.opportunity_lines", deal.id).parsed
    assert isinstance(first, model("OpportunityLineOut"))
    more = model("LineSchema")(product_id=products["SW-24"].pk, quantity=2, amount="600.00")
    added = call(client, "deal_registrations.opportunity_line_add", deal.id, body=more)
    assert added.status_code == 201, added.content
    assert added.parsed.product_code == "SW-24"
    gone = call(client, "deal_registrations.opportunity_line_remove", deal.id, first.id)
    assert gone.status_code == 204, gone.content
    last = call(client, "deal_registrations.opportunity_line_remove", deal.id, added.parsed.id)
    assert last.status_code == 409, last.content
    assert last.parsed.code == "last_line"

    now = call(client, "deal_registrations.opportunity_detail", deal.id).parsed
    assert now.amount == "600.00"
    won = model("StageIn")(version=now.version, stage=model("OpportunityStage").WON)
    closed = call(client, "deal_registrations.opportunity_stage", deal.id, body=won).parsed
    keep = model("OpportunityUpdateIn")(version=closed.version, amount="1.00")
    refused = call(client, "deal_registrations.opportunity_update", deal.id, body=keep)
    assert refused.status_code == 409, refused.content
    assert refused.parsed.code == "opportunity_closed"
    lost = model("StageIn")(version=closed.version, stage=model("OpportunityStage").LOST)
    moved = call(client, "deal_registrations.opportunity_stage", deal.id, body=lost)
    assert moved.status_code == 409, moved.content
    assert moved.parsed.code == "opportunity_closed"
