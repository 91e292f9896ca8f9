"""A schema name of the OpenAPI document names one shape. django-ninja
files every operation's schemas under their class names and keeps the last
of two classes that share one, silently: a generated client would read one
app's shape where the other's comes."""

from collections import defaultdict
from enum import Enum

from pydantic import BaseModel

from openprm.alerts.models import AlertPriority, AlertTarget
from openprm.catalog.models import ChargeType, ComponentRole, PriceListAudience, ProductType
from openprm.config.api import api
from openprm.core.customfields.models import CustomFieldType
from openprm.customers.levels import AccessLevel
from openprm.customers.models import AccountType, BillingStatus, LegalEntityKind
from openprm.deals.conflicts import ConflictKind
from openprm.deals.errors import LeadNotRoutedReason
from openprm.deals.models import DealRegistration, Lead, Opportunity
from openprm.identity.models import UserType
from openprm.imports.models import ImportExisting, ImportMissingCustomers
from openprm.partners.models import PartnerContact
from openprm.recruitment.models import ApplicationState
from openprm.territories.models import (
    RealignmentStatus,
    TerritoryAssignmentSource,
    TerritoryDimension,
    TerritoryType,
)


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def _shared_names(base: type) -> dict[str, list[str]]:
    """The component names that more than one `openprm` subclass of `base` has."""
    components = api.get_openapi_schema()["components"]["schemas"]
    classes: dict[str, set[str]] = defaultdict(set)
    for cls in _subclasses(base):
        if cls.__module__.startswith("openprm.") and cls.__name__ in components:
            classes[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    return {name: sorted(found) for name, found in classes.items() if len(found) > 1}


def test_no_two_api_schemas_share_a_name() -> None:
    shared = _shared_names(BaseModel)
    assert not shared, f"rename one of each: {shared}"


def test_no_two_api_enums_share_a_name() -> None:
    """Two choice classes both named `Kind` were one schema in the document:
    a generated client typed the contact's kind with the contact point's
    kinds and dropped `POST /api/v1/contacts`."""
    shared = _shared_names(Enum)
    assert not shared, f"rename one of each: {shared}"


def test_operation_ids_are_short_and_unique() -> None:
    """Clients are generated with one method per operation id (README, API):
    an id names the resource and the verb (`account_update`), once."""
    ids = [
        operation["operationId"]
        for path_item in api.get_openapi_schema()["paths"].values()
        for operation in path_item.values()
    ]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert not repeated, f"operation ids used twice: {repeated}"
    too_long = [i for i in ids if len(i) > 40 or not i.isidentifier() or "openprm" in i]
    assert not too_long, too_long
    assert {"account_update", "contact_create", "portal_me"} <= set(ids)


def _enum_reference(schema: dict[str, object]) -> str | None:
    """The component an enum-typed value names, or None for an inline enum
    (which a generated client names after the operation or schema it is in)."""
    for option in [schema, *schema.get("anyOf", []), *schema.get("allOf", [])]:
        reference = option.get("$ref", "") if isinstance(option, dict) else ""
        if reference:
            return reference.rsplit("/", 1)[-1]
    return None


def test_list_filters_and_answers_name_their_enums() -> None:
    """PRG-8, PRG-11, PRG-12, IMP-1: a filter takes the very enum its answers
    carry, so a generated client filters alerts by `AlertPriority.URGENT`,
    imports by `ImportJobStatus.QUEUED` and reviews by
    `DowngradeReviewState.OPEN` — one name per choice, not an anonymous
    string per operation. PLAT-2, PLAT-3, PLAT-7: a role's kind, a profile
    option's type and a custom field's type are enums too, as are a custom
    field's record type, a household member's role (CUS-10), a team
    member's source (TER-3), a conflicting deal's state (DEAL-3), an order
    line's fulfilment status, an asset's events and a service profile's
    states (ORD-5), a partner's status (PA-2) and a portal user's state
    (PC-2, PRG-7); an order's state and its lines' actions (ORD-3), an asset's status (ORD-5) and
    the setup steps a partner lacks (PRG-9) filter the order, asset and
    partner setup lists; a fulfilment report and a new household member send the
    enums their answers carry."""
    document = api.get_openapi_schema()
    parameters = {
        (operation["operationId"], parameter["name"]): _enum_reference(parameter["schema"])
        for path_item in document["paths"].values()
        for operation in path_item.values()
        for parameter in operation.get("parameters", [])
    }
    assert {
        key: parameters[key]
        for key in (
            ("alert_list", "priority"),
            ("alert_list", "target"),
            ("import_job_list", "status"),
            ("review_list", "state"),
            ("contact_list", "kind"),
            ("held_list", "status"),
            ("partner_list", "status"),
            ("custom_field_index", "record_type"),
            ("order_list", "state"),
            ("asset_list", "status"),
            ("partner_setup_list", "missing"),
        )
    } == {
        ("alert_list", "priority"): "AlertPriority",
        ("alert_list", "target"): "AlertTarget",
        ("import_job_list", "status"): "ImportJobStatus",
        ("review_list", "state"): "DowngradeReviewState",
        ("contact_list", "kind"): "PersonKind",
        ("held_list", "status"): "HeldStatus",
        ("partner_list", "status"): "PartnerStatus",
        ("custom_field_index", "record_type"): "RecordTypeCode",
        ("order_list", "state"): "OrderState",
        ("asset_list", "status"): "AssetStatus",
        ("partner_setup_list", "missing"): "SetupStep",
    }
    schemas = document["components"]["schemas"]
    answers = {
        ("ReviewOut", "state"): "DowngradeReviewState",
        ("AlertOut", "priority"): "AlertPriority",
        ("AlertOut", "target"): "AlertTarget",
        ("ImportJobOut", "status"): "ImportJobStatus",
        ("HeldOut", "status"): "HeldStatus",
        ("RoleOut", "kind"): "RoleKind",
        ("CustomFieldOut", "field_type"): "CustomFieldType",
        ("ProfileOptionOut", "value_type"): "ProfileOptionValueType",
        ("CustomFieldOut", "record_type"): "RecordTypeCode",
        ("HouseholdMemberOut", "role"): "HouseholdRole",
        ("TeamMemberOut", "source"): "TeamMemberSource",
        ("ConflictOut", "state"): "ConflictState",
        ("OrderLineOut", "fulfilment_status"): "FulfilmentStatus",
        ("AssetEventOut", "kind"): "AssetEventKind",
        ("ServiceProfileItemOut", "state"): "ServiceProfileState",
        ("PartnerOut", "status"): "PartnerStatus",
        ("PartnerSetupOut", "status"): "PartnerStatus",
        ("PartnerProfileOut", "status"): "PartnerStatus",
        ("PortalContactOut", "user_state"): "PortalUserState",
        ("OrderOut", "state"): "OrderState",
        ("OrderLineOut", "action"): "LineAction",
        ("AssetOut", "status"): "AssetStatus",
    }
    requests = {
        ("OrderStatusReportIn", "status"): "FulfilmentStatus",
        ("HouseholdMemberIn", "role"): "HouseholdRole",
    }
    assert {
        key: _enum_reference(schemas[key[0]]["properties"][key[1]])
        for key in {**answers, **requests}
    } == {**answers, **requests}
    assert _enum_reference(schemas["PartnerSetupOut"]["properties"]["missing"]["items"]) == (
        "SetupStep"
    )


def test_open_code_sets_say_where_their_codes_come_from() -> None:
    """PLAT-4, PLAT-2, PLAT-5: a partnership's status is a lookup code that
    administrators extend, a portal user's role a role record's code and an
    event's kind a code each app declares (and old events keep): an enum
    would refuse tomorrow's code, so they stay text and name their source."""
    schemas = api.get_openapi_schema()["components"]["schemas"]
    sources = {
        ("PartnershipOut", "status"): "/api/v1/lookups/PARTNERSHIP_STATUS",
        ("PortalMeOut", "role"): "/api/v1/roles",
        ("BusinessEventOut", "kind"): "no longer declared",
    }
    for (schema, field), source in sources.items():
        shape = schemas[schema]["properties"][field]
        assert (shape["type"], source in shape["description"]) == ("string", True), schema


def test_deal_partner_team_and_custom_field_choices_are_named_enums() -> None:
    """DEAL-1, DEAL-2, DEAL-4: a registration's state, an opportunity's stage
    and a lead's status; PC-2: a partner contact's level; PRG-2: a portal
    user's type; TEAM-1: an account or opportunity team member's access
    level; PLAT-7: the type a new custom field is created with — each one
    named enum in answers and requests alike, with the model's very codes,
    so a generated client has one `OpportunityStage`, not one per schema."""
    schemas = api.get_openapi_schema()["components"]["schemas"]
    named = {
        ("RegistrationOut", "state"): "RegistrationState",
        ("OpportunityOut", "stage"): "OpportunityStage",
        ("StageIn", "stage"): "OpportunityStage",
        ("LeadOut", "status"): "LeadStatus",
        ("PartnerContactOut", "level"): "PartnerContactLevel",
        ("PartnerContactOut", "portal_user_type"): "PortalUserType",
        ("PartnerContactUpdateIn", "portal_user_type"): "PortalUserType",
        ("PromoteToUserIn", "portal_user_type"): "PortalUserType",
        ("PortalUserInviteIn", "portal_user_type"): "PortalUserType",
        ("PortalMeOut", "portal_user_type"): "PortalUserType",
        ("PartnerOut", "max_portal_user_type"): "PortalUserType",
        ("PartnerPortalIn", "max_portal_user_type"): "PortalUserType",
        ("TeamMemberIn", "access_level"): "AccessLevel",
        ("TeamMemberUpdateIn", "access_level"): "AccessLevel",
        ("TeamMemberOut", "access_level"): "AccessLevel",
        ("OpportunityTeamIn", "access_level"): "AccessLevel",
        ("OpportunityTeamOut", "access_level"): "AccessLevel",
        ("CustomFieldCreateIn", "field_type"): "CustomFieldType",
    }
    assert {key: _enum_reference(schemas[key[0]]["properties"][key[1]]) for key in named} == named
    codes = {
        DealRegistration.State: "RegistrationState",
        Opportunity.Stage: "OpportunityStage",
        Lead.Status: "LeadStatus",
        PartnerContact.Level: "PartnerContactLevel",
        PartnerContact.PortalUserType: "PortalUserType",
        AccessLevel: "AccessLevel",
        CustomFieldType: "CustomFieldType",
    }
    assert {name: schemas[name]["enum"] for name in codes.values()} == {
        name: choices.values for choices, name in codes.items()
    }


def test_catalog_customer_identity_import_territory_and_routing_codes_are_named_enums() -> None:
    """ORD-1, ORD-8: a product's type and charge, a bundle component's role
    and a price list's audience; PRG-8: an alert's priority and target as
    sent; CUS-2, CUS-7, CUS-8: an account's type, a legal entity's kind, a
    billing account's status; PLAT-1: a user's type; IMP-1: an import's
    options as sent, in the upload form too; PRG-1: an application's state; TER-1..TER-3: a
    territory's type, a criterion's dimension, an assignment's source, a
    realignment's status; DEAL-3: a conflicting deal's kind; DEAL-4: why a
    lead was not routed (and the deal and partner contact lists filter by
    the enums their answers carry) — each one named enum in requests, answers and list
    filters, with exactly the codes the model (or the routing) declares."""
    document = api.get_openapi_schema()
    schemas = document["components"]["schemas"]
    named = {
        ("ProductIn", "type"): "ProductType",
        ("ProductUpdateIn", "type"): "ProductType",
        ("ProductOut", "type"): "ProductType",
        ("OfferOut", "type"): "ProductType",
        ("ProductIn", "charge_type"): "ChargeType",
        ("ProductUpdateIn", "charge_type"): "ChargeType",
        ("ProductOut", "charge_type"): "ChargeType",
        ("OfferOut", "charge_type"): "ChargeType",
        ("ComponentIn", "role"): "ComponentRole",
        ("ComponentUpdateIn", "role"): "ComponentRole",
        ("ComponentOut", "role"): "ComponentRole",
        ("PriceListIn", "audience"): "PriceListAudience",
        ("PriceListUpdateIn", "audience"): "PriceListAudience",
        ("PriceListOut", "audience"): "PriceListAudience",
        ("AlertIn", "priority"): "AlertPriority",
        ("AlertUpdateIn", "priority"): "AlertPriority",
        ("AlertIn", "target"): "AlertTarget",
        ("AlertUpdateIn", "target"): "AlertTarget",
        ("AccountCreateIn", "account_type"): "AccountType",
        ("AccountOut", "account_type"): "AccountType",
        ("LegalEntityIn", "kind"): "LegalEntityKind",
        ("LegalEntityUpdateIn", "kind"): "LegalEntityKind",
        ("LegalEntityOut", "kind"): "LegalEntityKind",
        ("BillingAccountIn", "status"): "BillingStatus",
        ("BillingAccountUpdateIn", "status"): "BillingStatus",
        ("BillingAccountOut", "status"): "BillingStatus",
        ("MeOut", "user_type"): "UserType",
        ("UserOut", "user_type"): "UserType",
        ("UserCreateIn", "user_type"): "UserType",
        ("ImportStartIn", "missing_customers"): "ImportMissingCustomers",
        ("ImportStartIn", "existing"): "ImportExisting",
        ("ApplicationOut", "state"): "ApplicationState",
        ("ApplicationStatusOut", "state"): "ApplicationState",
        ("TerritoryIn", "territory_type"): "TerritoryType",
        ("TerritoryUpdateIn", "territory_type"): "TerritoryType",
        ("TerritoryOut", "territory_type"): "TerritoryType",
        ("AccountTerritoryOut", "territory_type"): "TerritoryType",
        ("CriterionIn", "dimension"): "TerritoryDimension",
        ("CriterionOut", "dimension"): "TerritoryDimension",
        ("AccountTerritoryOut", "source"): "TerritoryAssignmentSource",
        ("RealignmentOut", "status"): "RealignmentStatus",
        ("ConflictOut", "kind"): "ConflictKind",
        ("LeadNotRoutedOut", "reason"): "LeadNotRoutedReason",
    }
    assert {key: _enum_reference(schemas[key[0]]["properties"][key[1]]) for key in named} == named
    parameters = {
        (operation["operationId"], parameter["name"]): _enum_reference(parameter["schema"])
        for path_item in document["paths"].values()
        for operation in path_item.values()
        for parameter in operation.get("parameters", [])
    }
    filters = {
        ("product_list", "type"): "ProductType",
        ("offer_list", "type"): "ProductType",
        ("price_list_list", "audience"): "PriceListAudience",
        ("account_list", "account_type"): "AccountType",
        ("legal_entity_list", "kind"): "LegalEntityKind",
        ("billing_account_list", "status"): "BillingStatus",
        ("user_list", "user_type"): "UserType",
        ("application_list", "state"): "ApplicationState",
        ("territory_list", "territory_type"): "TerritoryType",
        ("registration_list", "state"): "RegistrationState",
        ("opportunity_list", "stage"): "OpportunityStage",
        ("lead_list", "status"): "LeadStatus",
        ("partner_contact_list", "level"): "PartnerContactLevel",
        ("portal_contacts", "level"): "PartnerContactLevel",
    }
    assert {key: parameters[key] for key in filters} == filters
    upload = document["paths"]["/api/v1/imports"]["post"]["requestBody"]["content"]
    existing = upload["multipart/form-data"]["schema"]["properties"]["existing"]
    assert (_enum_reference(existing), existing["default"]) == ("ImportExisting", "skip")
    codes = {
        ProductType: "ProductType",
        ChargeType: "ChargeType",
        ComponentRole: "ComponentRole",
        PriceListAudience: "PriceListAudience",
        AlertPriority: "AlertPriority",
        AlertTarget: "AlertTarget",
        AccountType: "AccountType",
        LegalEntityKind: "LegalEntityKind",
        BillingStatus: "BillingStatus",
        UserType: "UserType",
        ImportMissingCustomers: "ImportMissingCustomers",
        ImportExisting: "ImportExisting",
        ApplicationState: "ApplicationState",
        TerritoryType: "TerritoryType",
        TerritoryDimension: "TerritoryDimension",
        TerritoryAssignmentSource: "TerritoryAssignmentSource",
        RealignmentStatus: "RealignmentStatus",
        ConflictKind: "ConflictKind",
    }
    assert {name: schemas[name]["enum"] for name in codes.values()} == {
        name: choices.values for choices, name in codes.items()
    }
    reasons = ["not_found", "lead_state", "partner_at_capacity"]
    assert (
        schemas["LeadNotRoutedReason"]["enum"] == [r.value for r in LeadNotRoutedReason] == reasons
    )
