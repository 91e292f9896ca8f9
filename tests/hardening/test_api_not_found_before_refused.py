"""One rule for every API operation that names a record in its path: a record
the caller may not see answers 404 (as if it did not exist) before any
privilege is named; the privilege's 403 is only for records it can see. A 403
would tell a partner that another organization's user, contact or account
exists, and name the privilege that guards it.

The walk covers every operation of the OpenAPI document with an `…_id` path
parameter, called by a partner administrator, a partner sales representative
and an internal user without roles, against another partner's records (and
internal records partners never see). A new operation whose path names a
record this test cannot provide fails it until the record is added below."""

import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.test import Client
from django.utils import timezone
from PIL import Image

from openprm.alerts.models import Alert
from openprm.carts.models import Cart, CartLine, Quote
from openprm.catalog.models import (
    BundleComponent,
    PriceList,
    PriceListItem,
    Product,
    ProductAttribute,
    ProductOption,
)
from openprm.config.api import api
from openprm.contacts.models import (
    ContactPoint,
    ContactPreference,
    Household,
    HouseholdMembership,
    Relationship,
    SavedSearch,
)
from openprm.core import access
from openprm.core.customfields.models import CustomField
from openprm.core.lookups.models import LookupValue
from openprm.core.savedviews.models import SavedView
from openprm.customers.models import BillingAccount, LegalEntity
from openprm.deals.models import (
    DealRegistration,
    Lead,
    Opportunity,
    OpportunityLine,
    OpportunityTeamMember,
)
from openprm.identity.models import Role, User
from openprm.identity.services import token_create
from openprm.imports.models import ImportJob
from openprm.orders.models import Asset, Order, OrderLine
from openprm.programs.models import DowngradeReview, Partnership, Program, Snapshot, Tier
from openprm.recruitment.models import Application
from openprm.teams.models import AccountTeamMember
from openprm.territories.models import (
    RealignmentRun,
    Territory,
    TerritoryCriterion,
    TerritoryMember,
)
from openprm.trainings.models import (
    Certification,
    HeldCertification,
    Training,
    TrainingCompletion,
)
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.django_db

API_PREFIX = "/api/v1"
DOCUMENT = api.get_openapi_schema(path_prefix=API_PREFIX)


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, methods in DOCUMENT["paths"].items()
        for method, operation in methods.items()
        if any(
            p["in"] == "path" and p["name"].endswith("_id") for p in operation.get("parameters", [])
        )
    ]


OPERATIONS = _operations()
# Reference data every signed-in user reads (forms show lookup values and
# custom fields to partners too): nobody is denied the record, so changing
# it answers the privilege's 403.
READABLE_BY_EVERYONE = {
    "lookup-values/{value_id}",
    "custom-fields/{field_id}",
    "certifications/{certification_id}",  # the catalogue partners train for
}


@pytest.fixture
def world(two_partners: dict[str, Any], channel_manager: User) -> dict[str, models.Model]:
    """Contoso's records (the other partner) and internal ones, keyed by the
    first path segment and the parameter name that names them."""
    co = two_partners["co"]
    co_admin = two_partners["co_admin"]
    co_rep = two_partners["co_rep"]
    person = co_rep.person
    point = ContactPoint.objects.create(person=person, kind="email", email="rep@contoso.example")
    household = Household.objects.create(name="Contoso Household", owner=channel_manager)
    territory = Territory.objects.create(
        name="Contoso territory", territory_type=Territory.Type.PARTNER, partner=co.account
    )
    token, _ = token_create(actor=as_actor(co_admin.user), name="contoso")
    job = ImportJob.objects.create(kind="contacts", created_by=co_admin.user)
    job.file.save("contoso.csv", ContentFile(b"Last name\nX\n"))
    retired = Product.objects.create(code="OLD-1", name="Retired", is_active=False, type="bundle")
    retired_part = Product.objects.create(code="OLD-2", name="Retired part", is_active=False)
    price_list = PriceList.objects.create(name="Internal prices")
    registration = DealRegistration.objects.create(
        partner=co,
        owner=co_rep.user,
        title="Contoso deal",
        state="submitted",
        customer_name="Acme",
        country="US",
        close_date=dt.date(2030, 1, 1),
    )
    opportunity = Opportunity.objects.create(
        name="Contoso opportunity",
        account=co.account,
        close_date=dt.date(2030, 1, 1),
        owner=channel_manager,
    )
    return {
        "products/product_id": retired,
        "products/attribute_id": ProductAttribute.objects.create(
            product=retired, name="Colour", value="Grey"
        ),
        "products/option_link_id": ProductOption.objects.create(
            product=retired, option=retired_part
        ),
        "products/component_id": BundleComponent.objects.create(
            bundle=retired, product=retired_part
        ),
        "price-lists/price_list_id": price_list,
        "price-lists/item_id": PriceListItem.objects.create(price_list=price_list, product=retired),
        "registrations/registration_id": registration,
        "opportunities/opportunity_id": opportunity,
        "opportunities/member_id": OpportunityTeamMember.objects.create(
            opportunity=opportunity, resource=co_rep.resource
        ),
        "opportunities/line_id": OpportunityLine.objects.create(
            opportunity=opportunity, product=retired_part, amount=100
        ),
        "leads/lead_id": Lead.objects.create(
            name="Contoso lead", account=co.account, owner=channel_manager
        ),
        "lookup-values/value_id": LookupValue.objects.order_by("pk").first(),
        "custom-fields/field_id": CustomField.objects.create(
            record_type="customers.account", name="secret_code", label="Code", field_type="text"
        ),
        "users/user_id": co_admin.user,
        "roles/role_id": Role.objects.order_by("pk").first(),
        "tokens/token_id": token,
        "resources/resource_id": co_rep.resource,
        "accounts/account_id": co.account,
        "accounts/member_id": AccountTeamMember.objects.create(
            account=co.account, user=channel_manager
        ),
        "legal-entities/entity_id": LegalEntity.objects.create(name="Contoso Holding"),
        "billing-accounts/billing_id": BillingAccount.objects.create(
            account=co.account, number="CO-1", name="Contoso billing"
        ),
        "contacts/contact_id": person,
        "contact-points/point_id": point,
        "preferences/preference_id": ContactPreference.objects.create(
            contact_point=point, preference="no", reason_code="LEGAL"
        ),
        "relationships/relationship_id": Relationship.objects.get(
            person=person, account=co.account
        ),
        "saved-searches/search_id": SavedSearch.objects.create(
            name="Contoso's search", owner=co_admin.user
        ),
        "saved-views/view_id": SavedView.objects.create(
            owner=co_admin.user, list_name="deals.leads", name="Contoso's view", query="q=ab"
        ),
        "households/household_id": household,
        "household-members/membership_id": HouseholdMembership.objects.create(
            household=household, person=person
        ),
        "territories/territory_id": territory,
        "territories/criterion_id": TerritoryCriterion.objects.create(
            territory=territory, dimension="country", value="DE"
        ),
        "territories/member_id": TerritoryMember.objects.create(
            territory=territory, resource=co_rep.resource
        ),
        "territory-realignments/run_id": RealignmentRun.objects.create(started_by=channel_manager),
        "partners/partner_id": co,
        "partner-contacts/contact_id": co_rep,
        "portal/contact_id": co_rep,
        "imports/job_id": job,
        **_channel_records(co, co_rep, channel_manager),
        **_ordering_records(co, co_rep, price_list, retired),
    }


def _ordering_records(
    co: Any, co_rep: Any, price_list: PriceList, product: Product
) -> dict[str, models.Model]:
    """Contoso's order with an installed asset, its rep's cart line and
    quote; the retired bundle stands for the configurator's product."""
    order = Order.objects.create(
        number="O-CO-1",
        customer=co.account,
        partner=co,
        price_list=price_list,
        currency="EUR",
        placed_by=co_rep.user,
    )
    line = OrderLine.objects.create(order=order, product=product, quantity=1)
    cart = Cart.objects.create(owner=co_rep.user)
    return {
        "orders/order_id": order,
        "assets/asset_id": Asset.objects.create(
            customer=co.account,
            partner=co,
            product=product,
            quantity=1,
            start_date=dt.date.today(),
            currency="EUR",
            origin=line,
        ),
        "portal/line_id": CartLine.objects.create(cart=cart, product=product, kind="item"),
        "portal/quote_id": Quote.objects.create(
            number="Q-CO-1", owner=co_rep.user, valid_until=dt.date.today()
        ),
        "portal/product_id": product,
    }


def _channel_records(co: Any, co_rep: Any, channel_manager: User) -> dict[str, models.Model]:
    """Contoso's program, tier, partnership, snapshot and review, an alert
    aimed at Contoso alone, a retired training, a certification with
    Contoso's completion and certificate, and an application."""
    today = dt.date.today()
    program = Program.objects.create(code="CO-ONLY", name="Contoso Program")
    tier = Tier.objects.create(program=program, rank=1, name="Entry")
    partnership = Partnership.objects.create(
        partner=co, program=program, tier=tier, tier_since=today, status="ACTIVE"
    )
    snapshot = Snapshot.objects.create(
        partnership=partnership, tier=tier, evaluated_at=timezone.now()
    )
    alert = Alert.objects.create(title="Contoso only", starts_on=today, target="partners")
    alert.partners.add(co)
    training = Training.objects.create(code="CO-T", name="Retired", is_active=False)
    certification = Certification.objects.create(code="CO-C", name="Contoso certificate")
    return {
        "programs/program_id": program,
        "tiers/tier_id": tier,
        "partnerships/partnership_id": partnership,
        "snapshots/snapshot_id": snapshot,
        "reviews/review_id": DowngradeReview.objects.create(
            partnership=partnership,
            from_tier=tier,
            to_tier=tier,
            snapshot=snapshot,
            opened_on=today,
            grace_ends_on=today,
        ),
        "alerts/alert_id": alert,
        "trainings/training_id": training,
        "certifications/certification_id": certification,
        "training-completions/completion_id": TrainingCompletion.objects.create(
            contact=co_rep,
            training=training,
            completed_on=today,
            evidence_reference="x",
            recorded_by=channel_manager,
        ),
        "certifications-held/held_id": HeldCertification.objects.create(
            holder=co_rep,
            certification=certification,
            issued_on=today,
            expires_on=today + dt.timedelta(days=365),
        ),
        "partner-applications/application_id": Application.objects.create(
            program=program,
            company_name="Applicant Co",
            first_name="Ann",
            last_name="Applicant",
            token="t" * 40,
            email="a@applicant.example",
        ),
    }


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = DOCUMENT["components"]["schemas"][name]
    return schema


def _example(schema: dict[str, Any]) -> Any:
    """A small value that satisfies `schema`: the request must pass input
    validation (422) to reach the record lookup this test is about."""
    schema = _resolve(schema)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if _resolve(s).get("type") != "null"]
            return _example(options[0])
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema and schema["default"] is not None:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object":
        # `version` is documented as optional but refused when missing (PartnerVersionIn).
        wanted = [*schema.get("required", []), *({"version"} & set(schema.get("properties", {})))]
        return {name: _example(schema["properties"][name]) for name in dict.fromkeys(wanted)}
    if kind == "array":
        return [_example(schema["items"])] * schema.get("minItems", 0)
    if kind in ("integer", "number"):
        return max(1, schema.get("minimum", 1))
    if kind == "boolean":
        return False
    return {"email": "x@example.com", "date": dt.date.today().isoformat()}.get(
        schema.get("format", ""), "x" * max(1, schema.get("minLength", 1))
    )


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    return buffer.getvalue()


def _call(client: Client, method: str, path: str, operation: dict[str, Any]) -> Any:
    content = operation.get("requestBody", {}).get("content", {})
    call: Callable[..., Any] = getattr(client, method)
    if "application/json" in content:
        body = _example(content["application/json"]["schema"])
        return call(path, json.dumps(body), content_type="application/json")
    if "multipart/form-data" in content:
        return call(path, {"picture": io.BytesIO(_png())})
    return call(path)


def _filled(path: str, world: dict[str, models.Model]) -> tuple[str, list[models.Model]]:
    segment = path.removeprefix(API_PREFIX + "/").split("/")[0]
    records = []
    for name in [part[1:-1] for part in path.split("/") if part.startswith("{")]:
        key = f"{segment}/{name}"
        assert key in world, f"add a record for `{name}` of {path} to the world fixture"
        record = world[key]
        records.append(record)
        path = path.replace(f"{{{name}}}", str(record.pk))
    return path, records


def _visible(actor: User, record: models.Model) -> bool:
    return access.visible(type(record), as_actor(actor)).filter(pk=record.pk).exists()


def test_an_invisible_record_answers_404_before_any_privilege(
    world: dict[str, models.Model], two_partners: dict[str, Any], api_client_for
) -> None:
    actors = {
        "partner admin": two_partners["nw_admin"].user,
        "partner rep": two_partners["nw_rep"].user,
        "internal without roles": make_user(username="nobody"),
    }
    clients = {name: api_client_for(user) for name, user in actors.items()}
    wrong: list[str] = []
    unchecked: list[str] = []
    for method, template, operation in OPERATIONS:
        path, records = _filled(template, world)
        checked = False
        for name, actor in actors.items():
            if all(_visible(actor, record) for record in records):
                continue
            checked = True
            with transaction.atomic():
                response = _call(clients[name], method, path, operation)
                transaction.set_rollback(True)
            if response.status_code != 404:
                wrong.append(
                    f"{name}: {method.upper()} {template} → {response.status_code} "
                    f"{response.content[:400]!r}"
                )
        if not checked and template.removeprefix(API_PREFIX + "/") not in READABLE_BY_EVERYONE:
            unchecked.append(f"{method.upper()} {template}")
    assert not wrong, "\n".join(wrong)
    assert not unchecked, "no caller in this test is denied these records: " + ", ".join(unchecked)
