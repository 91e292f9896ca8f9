"""Apps declare their own catalogs; core collects them at start-up (PLAT-2,
PLAT-3, PLAT-4, PLAT-7)."""

from types import ModuleType
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from openprm.core.catalog import (
    Lookup,
    Option,
    Privilege,
    RecordType,
    Role,
    RoleGrant,
    collect,
    collected,
)
from openprm.core.errors import MissingPrivilege
from openprm.core.lookups.models import LookupType, LookupValue
from openprm.core.options.models import ProfileOption
from openprm.core.privileges import require_privilege
from openprm.core.seeding import options_and_lookups_seed
from openprm.customers.catalog import DEFAULT_TEAM_ACCESS_LEVEL, VIEW_ALL_SALES_DATA
from openprm.identity.catalog import (
    ADMINISTRATOR,
    CHANNEL_ACCOUNT_MANAGER,
    LEGAL_PREFERENCES_DUTY,
    PARTNER_ADMINISTRATOR,
    PARTNER_SALES_REPRESENTATIVE,
    SALES_ADMINISTRATOR,
    SALESPERSON,
)
from openprm.identity.models import Privilege as StoredPrivilege
from openprm.identity.models import Role as StoredRole
from openprm.identity.seeding import privileges_and_roles_seed
from openprm.territories.catalog import MANAGE_TERRITORIES
from tests.factories import as_actor, make_user


def _app(name: str, **declarations: Any) -> ModuleType:
    module = ModuleType(f"{name}.catalog")
    for key, value in declarations.items():
        setattr(module, key, value)
    return module


ROLES = _app("roles", ROLES=(Role("boss", "Boss", all_privileges=True), Role("clerk", "Clerk")))


@pytest.mark.parametrize(
    ("name", "first", "second"),
    [
        ("PRIVILEGES", Privilege("polish", "Polish"), Privilege("polish", "Shine")),
        ("ROLES", Role("clerk", "Clerk"), Role("clerk", "Other clerk")),
        ("LOOKUPS", Lookup("COLOUR", "Colour", "", ()), Lookup("COLOUR", "Color", "", ())),
        (
            "OPTIONS",
            Option("ZZ_GLOSS", "Gloss", "", "yes_no", "Yes"),
            Option("ZZ_GLOSS", "Gloss", "", "yes_no", "No"),
        ),
        ("RECORD_TYPES", RecordType("widget", "Widget"), RecordType("widget", "Gadget")),
    ],
)
def test_two_apps_declaring_one_code_stop_start_up(name: str, first: Any, second: Any) -> None:
    with pytest.raises(ImproperlyConfigured, match=r"declared by both a\.catalog and b\.catalog"):
        collect([_app("a", **{name: (first,)}), _app("b", **{name: (second,)})])


def test_plat_2_a_roles_privileges_are_the_union_of_every_apps_grants() -> None:
    catalog = collect(
        [
            ROLES,
            _app(
                "widgets",
                PRIVILEGES=(Privilege("polish", "Polish"), Privilege("scrap", "Scrap")),
                GRANTS=(RoleGrant("clerk", ("polish",)),),
            ),
            _app(
                "gadgets",
                PRIVILEGES=(Privilege("wind", "Wind up"),),
                GRANTS=(RoleGrant("clerk", ("wind",)),),
            ),
        ]
    )
    assert catalog.role_privileges("clerk") == {"polish", "wind"}
    assert catalog.role_privileges("boss") == {"polish", "scrap", "wind"}
    assert catalog.privilege_label("wind") == "Wind up"


def test_a_grant_to_an_unknown_role_stops_start_up() -> None:
    widgets = _app(
        "widgets",
        PRIVILEGES=(Privilege("polish", "Polish"),),
        GRANTS=(RoleGrant("janitor", ("polish",)),),
    )
    with pytest.raises(ImproperlyConfigured, match="unknown role 'janitor'"):
        collect([ROLES, widgets])


def test_an_app_grants_only_its_own_privileges() -> None:
    widgets = _app("widgets", PRIVILEGES=(Privilege("polish", "Polish"),))
    gadgets = _app("gadgets", GRANTS=(RoleGrant("clerk", ("polish",)),))
    with pytest.raises(ImproperlyConfigured, match="does not declare: polish"):
        collect([ROLES, widgets, gadgets])


def test_plat_7_record_types_come_parents_first_whatever_the_app_order() -> None:
    special = _app("special", RECORD_TYPES=(RecordType("special", "Special", parent="widget"),))
    widgets = _app("widgets", RECORD_TYPES=(RecordType("widget", "Widget"),))
    assert [t.code for t in collect([special, widgets]).record_types] == ["widget", "special"]
    with pytest.raises(ImproperlyConfigured, match="undeclared parent"):
        collect([special])


def test_plat_2_the_spec_roles_hold_the_privileges_their_apps_grant() -> None:
    """The PLAT-2 roles as SPEC.md describes them, assembled from the apps."""
    catalog = collected()
    assert {role: sorted(catalog.role_privileges(role)) for role in catalog.roles} == {
        ADMINISTRATOR: sorted(catalog.privileges),
        SALES_ADMINISTRATOR: [
            "delete_sales_party",
            "delete_sales_party_contact",
            "legal_contact_preferences_management",
            "manage_orders",
            "manage_partners",
            "manage_price_lists",
            "manage_products",
            "manage_territories",
            "restore_sales_party",
            "view_all_sales_data",
        ],
        CHANNEL_ACCOUNT_MANAGER: [
            "approve_deal_registrations",
            "approve_partner_applications",
            "delete_sales_party_contact",
            "manage_partner_programs",
            "manage_partners",
        ],
        SALESPERSON: ["delete_sales_party_contact"],
        PARTNER_ADMINISTRATOR: [],
        PARTNER_SALES_REPRESENTATIVE: [],
        LEGAL_PREFERENCES_DUTY: ["legal_contact_preferences_management"],
    }


@pytest.mark.django_db
def test_plat_2_a_refusal_names_the_privilege_with_its_apps_label() -> None:
    with pytest.raises(MissingPrivilege) as refused:
        require_privilege(as_actor(make_user(SALESPERSON)), MANAGE_TERRITORIES)
    assert refused.value.message == "This action needs the privilege “Manage Territories”."


@pytest.mark.django_db
def test_plat_2_the_database_holds_each_roles_assembled_privileges() -> None:
    catalog = collected()
    for role in StoredRole.objects.prefetch_related("privileges"):
        assert {p.code for p in role.privileges.all()} == catalog.role_privileges(role.code)
    assert set(StoredPrivilege.objects.values_list("code", flat=True)) == set(catalog.privileges)


@pytest.mark.django_db
def test_plat_2_a_new_privilege_reaches_its_roles_and_a_revoked_one_stays_revoked() -> None:
    """What `migrate` does when an app declares a privilege the database
    lacks, next to one an administrator took away from a role."""
    StoredPrivilege.objects.filter(code=MANAGE_TERRITORIES).delete()
    sales_admin = StoredRole.objects.get(code=SALES_ADMINISTRATOR)
    sales_admin.privileges.remove(StoredPrivilege.objects.get(code=VIEW_ALL_SALES_DATA))
    privileges_and_roles_seed(apps=apps, using="default")
    held = set(sales_admin.privileges.values_list("code", flat=True))
    assert MANAGE_TERRITORIES in held
    assert VIEW_ALL_SALES_DATA not in held
    assert (
        StoredRole.objects.get(code=ADMINISTRATOR)
        .privileges.filter(code=MANAGE_TERRITORIES)
        .exists()
    )


@pytest.mark.django_db
def test_plat_3_4_migrate_adds_declared_options_and_lookups_and_keeps_administrators_values() -> (
    None
):
    ProfileOption.objects.filter(code=DEFAULT_TEAM_ACCESS_LEVEL).update(value="Full")
    LookupValue.objects.filter(lookup_type__code="INDUSTRY", code="RETAIL").delete()
    LookupType.objects.filter(code="REASON_CODE").delete()
    options_and_lookups_seed(apps=apps, using="default")
    assert ProfileOption.objects.get(code=DEFAULT_TEAM_ACCESS_LEVEL).value == "Full"
    assert LookupValue.objects.filter(lookup_type__code="INDUSTRY", code="RETAIL").exists()
    reasons = LookupType.objects.get(code="REASON_CODE")
    assert reasons.system
    assert reasons.values.get(code="DNC_REGISTRY").tags == ["LEGAL"]


@pytest.mark.django_db
def test_a_lookup_declared_with_values_seeds_them_in_order() -> None:
    """Positions follow the declaration, ten apart, so administrators can
    insert values between them."""
    declared = collected().lookups["ACCOUNT_SIZE"]
    stored = list(
        LookupValue.objects.filter(lookup_type__code="ACCOUNT_SIZE").values_list("code", "position")
    )
    assert stored == [(v.code, 10 * i) for i, v in enumerate(declared.values, start=1)]
