"""A schema name of the OpenAPI document names one shape. django-ninja
files every operation's schemas under their class names and keeps the last
of two classes that share one, silently: a generated client would read one
app's shape where the other's comes."""

from collections import defaultdict
from enum import Enum

from pydantic import BaseModel

from openprm.config.api import api
from openprm.core.customfields.models import CustomFieldType
from openprm.customers.levels import AccessLevel
from openprm.deals.models import DealRegistration, Lead, Opportunity
from openprm.partners.models import PartnerContact


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
    (PC-2, PRG-7); a fulfilment report and a new household member send the
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
    }
    requests = {
        ("OrderStatusReportIn", "status"): "FulfilmentStatus",
        ("HouseholdMemberIn", "role"): "HouseholdRole",
    }
    assert {
        key: _enum_reference(schemas[key[0]]["properties"][key[1]])
        for key in {**answers, **requests}
    } == {**answers, **requests}


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
