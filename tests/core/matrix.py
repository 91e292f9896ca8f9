"""The platform's rows of the access matrices that no declaration gives
(tests/access/cases.py): the shared pages without a record, the new custom
field form, the settings pages of one option, lookup or custom field, their
API, and the history of a record; and what each of the platform's lists
shows (PLAT-3, PLAT-4, PLAT-7, IMP-3)."""

from django.urls import reverse

from openprm.core.catalog import collected
from openprm.core.customfields.models import CustomField
from openprm.core.lookups.models import LookupValue
from openprm.core.options.models import ProfileOption
from openprm.core.testing.matrix import html_rows, json_items
from tests import privileges as p
from tests.access.cases import EVERYONE, OWNER, Case, const, holders, of, version
from tests.access.lists import Expect, Listed, ListsOf
from tests.access.world import World
from tests.core.world import FIELD, LOOKUP, OPTION
from tests.partners.matrix import SEES_NORTHWIND

PAGES = {
    "home": [Case("get", allowed=EVERYONE)],
    # The search box finds for everyone, within what each may see: a partner
    # user searching "co" never reads of Contoso unless it is Contoso's.
    "search": [Case("get", allowed=EVERYONE, query="?q=co")],
    "exports:job_download": [Case("get", of("own", "export_job"), allowed=OWNER, sees=OWNER)],
    # A notification opens (marked read, then its link) for its recipient only.
    "notification_open": [
        Case("post", of("own", "notification"), allowed=OWNER, sees=OWNER, ok=302)
    ],
    # Anyone saves a view of a list it sees; only its owner removes one.
    "saved_view_save": [
        Case(
            "post",
            allowed=EVERYONE,
            ok=302,
            body={"list_name": "deals.registrations", "name": "Mine", "query": "state=approved"},
        )
    ],
    "saved_view_remove": [Case("post", of("own", "saved_view"), allowed=OWNER, sees=OWNER, ok=302)],
    "core:custom_field_create": [Case("get", allowed=p.MANAGE_CUSTOM_FIELDS)],
    "core:custom_field_edit": [
        Case("get", of("own", "custom_field"), allowed=p.MANAGE_CUSTOM_FIELDS)
    ],
    "core:custom_field_delete": [
        Case("post", of("own", "custom_field"), allowed=p.MANAGE_CUSTOM_FIELDS, ok=302)
    ],
    "core:lookup_detail": [Case("get", const(LOOKUP), allowed=p.MANAGE_LOOKUPS)],
    "core:lookup_value_add": [
        Case("post", const(LOOKUP), allowed=p.MANAGE_LOOKUPS, ok=422)  # an empty form
    ],
    "core:lookup_value_edit": [
        Case(
            "get",
            lambda w: (LOOKUP, *w.ids["own"]["lookup_value"]),
            allowed=p.MANAGE_LOOKUPS,
        )
    ],
    "core:lookup_value_delete": [
        Case(
            "post",
            lambda w: (LOOKUP, *w.ids["own"]["lookup_value"]),
            allowed=p.MANAGE_LOOKUPS,
            ok=302,
        )
    ],
    "core:option_edit": [Case("get", const(OPTION), allowed=p.MANAGE_PROFILE_OPTIONS)],
}

A = "/api/v1"
OPERATIONS = {
    f"GET {A}/search": [Case("get", allowed=EVERYONE, query="?q=co")],
    f"GET {A}/profile-options/{{code}}": [Case("get", const(OPTION), allowed=EVERYONE)],
    f"PATCH {A}/profile-options/{{code}}": [
        Case(
            "patch",
            const(OPTION),
            allowed=p.MANAGE_PROFILE_OPTIONS,
            body=lambda w: {
                "version": ProfileOption.objects.get(code=OPTION).version,
                "value": "No",
            },
        )
    ],
    f"POST {A}/lookups": [
        Case("post", allowed=p.MANAGE_LOOKUPS, ok=201, body={"code": "MATRIX", "name": "M"})
    ],
    f"GET {A}/lookups/{{code}}": [Case("get", const(LOOKUP), allowed=EVERYONE)],
    f"POST {A}/lookups/{{code}}/values": [
        Case(
            "post",
            const(LOOKUP),
            allowed=p.MANAGE_LOOKUPS,
            ok=201,
            body={"code": "MATRIX", "meaning": "Matrix"},
        )
    ],
    f"PATCH {A}/lookup-values/{{value_id}}": [
        Case(
            "patch",
            of("own", "lookup_value"),
            allowed=p.MANAGE_LOOKUPS,
            body=version(LookupValue, "own", "lookup_value", meaning="Renamed"),
        )
    ],
    f"DELETE {A}/lookup-values/{{value_id}}": [
        Case("delete", of("own", "lookup_value"), allowed=p.MANAGE_LOOKUPS, ok=204)
    ],
    f"POST {A}/saved-views": [
        Case(
            "post",
            allowed=EVERYONE,
            ok=201,
            body={"list_name": "deals.registrations", "name": "Mine", "query": "state=approved"},
        )
    ],
    f"DELETE {A}/saved-views/{{view_id}}": [
        Case("delete", of("own", "saved_view"), allowed=OWNER, sees=OWNER, ok=204)
    ],
    f"GET {A}/record-types": [Case("get", allowed=EVERYONE)],
    f"POST {A}/custom-fields": [
        Case(
            "post",
            allowed=p.MANAGE_CUSTOM_FIELDS,
            ok=201,
            body={
                "record_type": "test_widget",
                "name": "matrix_new",
                "label": "New",
                "field_type": "text",
            },
        )
    ],
    f"PATCH {A}/custom-fields/{{field_id}}": [
        Case(
            "patch",
            of("own", "custom_field"),
            allowed=p.MANAGE_CUSTOM_FIELDS,
            body=version(CustomField, "own", "custom_field", label="Renamed"),
        )
    ],
    f"DELETE {A}/custom-fields/{{field_id}}": [
        Case("delete", of("own", "custom_field"), allowed=p.MANAGE_CUSTOM_FIELDS, ok=204)
    ],
    # The history of a record is shown to whoever sees the record (PLAT-5).
    **{
        f"GET {A}/{name}": [
            Case(
                "get",
                allowed=SEES_NORTHWIND,
                sees=SEES_NORTHWIND,
                query=lambda w: f"?object=partners.partnerprofile:{w.ids['nw']['partner'][0]}",
            )
        ]
        for name in ("audit", "events")
    },
}


# Lists ------------------------------------------------------------------------------


def everyone(found: set[str]) -> Expect:
    """Reference data every signed-in user reads (PLAT-3, PLAT-4, PLAT-7)."""
    return lambda world, actor: found


def settings_page(privilege: str, found: set[str]) -> Expect:
    """A settings page, for the holders of its privilege (else 403, or 404
    to a partner user)."""
    return lambda world, actor: found if actor in holders(world, privilege) else None


def options(world: World) -> list[Listed]:
    codes = set(collected().options)
    return [
        Listed("/api/v1/profile-options", json_items("code"), everyone(codes)),
        Listed(
            reverse("core:option_list"),
            html_rows(r"option-(.+)"),
            settings_page(p.MANAGE_PROFILE_OPTIONS, codes),
        ),
    ]


def lookup_types(world: World) -> list[Listed]:
    """The lookups the apps declare, and the administrators' own."""
    codes = {*collected().lookups, LOOKUP}
    return [
        Listed("/api/v1/lookups", json_items("code"), everyone(codes)),
        Listed(
            reverse("core:lookup_list"),
            html_rows(r"/settings/lookups/([^/]+)/"),
            settings_page(p.MANAGE_LOOKUPS, codes),
        ),
    ]


def custom_fields(world: World) -> list[Listed]:
    """The world's one custom field, of the tests' widget record type."""
    field = {str(world.ids["own"]["custom_field"][0])}
    return [
        Listed("/api/v1/custom-fields", json_items("name"), everyone({FIELD})),
        Listed(
            "/api/v1/custom-fields?record_type=test_widget", json_items("name"), everyone({FIELD})
        ),
        Listed(
            reverse("core:custom_field_list"),
            html_rows(r"/settings/custom-fields/(\d+)/"),
            settings_page(p.MANAGE_CUSTOM_FIELDS, field),
        ),
    ]


def export_jobs(world: World) -> list[Listed]:
    """IMP-3: each user's background exports are theirs alone, on a page
    partner users open too."""
    job = str(world.ids["own"]["export_job"][0])
    return [
        Listed(
            reverse("exports:job_list"),
            html_rows(r"/exports/(\d+)/"),
            lambda w, actor: {job} if actor in OWNER else set(),
        )
    ]


LISTS: dict[str, ListsOf] = {
    "core.options": options,
    "core.lookup_types": lookup_types,
    "core.custom_fields": custom_fields,
    "core.export_jobs": export_jobs,
}
