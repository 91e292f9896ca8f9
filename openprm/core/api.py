"""JSON API for platform settings: profile options (PLAT-3), lookups (PLAT-4),
custom fields (PLAT-7), a record's audit trail and events (PLAT-5), the
search across record types that the search box runs, and one's saved views
of lists."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId
from openprm.core.audit.readable import authors_named
from openprm.core.audit.selectors import audit_history, event_history, record_resolve
from openprm.core.counting import COUNT_CAP
from openprm.core.customfields import registry
from openprm.core.customfields.models import CustomField
from openprm.core.customfields.selectors import custom_field_get
from openprm.core.customfields.services import (
    custom_field_create,
    custom_field_delete,
    custom_field_update,
)
from openprm.core.customfields.tables import CUSTOM_FIELDS
from openprm.core.global_search import search_everywhere
from openprm.core.lookups.models import LookupType, LookupValue
from openprm.core.lookups.selectors import (
    lookup_type_for_field,
    lookup_type_get,
    lookup_type_get_with_values,
    lookup_value_get,
)
from openprm.core.lookups.services import (
    lookup_type_create,
    lookup_value_create,
    lookup_value_delete,
    lookup_value_update,
)
from openprm.core.lookups.tables import LOOKUP_TYPES
from openprm.core.options.models import ProfileOption
from openprm.core.options.selectors import profile_option_get
from openprm.core.options.services import profile_option_update
from openprm.core.options.tables import OPTIONS
from openprm.core.savedviews import api as saved_view_api
from openprm.core.schemas import (
    AuditEntryOut,
    BusinessEventOut,
    CustomFieldCreateIn,
    CustomFieldListQuery,
    CustomFieldOut,
    CustomFieldUpdateIn,
    LookupTypeCreateIn,
    LookupTypeDetailOut,
    LookupTypeOut,
    LookupValueCreateIn,
    LookupValueOut,
    LookupValueUpdateIn,
    ProfileOptionOut,
    ProfileOptionUpdateIn,
    RecordQuery,
    RecordTypeOut,
    SearchOut,
    SearchQuery,
)

router = Router(tags=["platform"])
router.add_router("", saved_view_api.router)


@router.get("/profile-options", response=list[ProfileOptionOut])
@reads(ProfileOption)
@paginate(PagePagination)
def option_list(request: HttpRequest) -> Any:
    return OPTIONS.rows(actor=request.actor, query=request.GET)


@router.get("/profile-options/{code}", response=ProfileOptionOut)
def option_detail(request: HttpRequest, code: str) -> ProfileOption:
    return profile_option_get(actor=request.actor, code=code)


@router.patch("/profile-options/{code}", response=ProfileOptionOut)
def option_update(request: HttpRequest, code: str, payload: ProfileOptionUpdateIn) -> ProfileOption:
    option = profile_option_get(actor=request.actor, code=code)
    return profile_option_update(
        actor=request.actor, option=option, value=payload.value, expected_version=payload.version
    )


@router.get("/lookups", response=list[LookupTypeOut])
@reads(LookupType)
@paginate(PagePagination)
def lookup_list(request: HttpRequest) -> Any:
    return LOOKUP_TYPES.rows(actor=request.actor, query=request.GET)


@router.post("/lookups", response={201: LookupTypeOut})
def lookup_create(request: HttpRequest, payload: LookupTypeCreateIn) -> Status[LookupType]:
    return Status(201, lookup_type_create(actor=request.actor, **payload.model_dump()))


@router.get("/lookups/{code}", response=LookupTypeDetailOut)
def lookup_detail(request: HttpRequest, code: str) -> LookupType:
    return lookup_type_get_with_values(actor=request.actor, code=code)


@router.post("/lookups/{code}/values", response={201: LookupValueOut})
def lookup_value_add(
    request: HttpRequest, code: str, payload: LookupValueCreateIn
) -> Status[LookupValue]:
    lookup_type = lookup_type_get(actor=request.actor, code=code)
    return Status(
        201,
        lookup_value_create(actor=request.actor, lookup_type=lookup_type, **payload.model_dump()),
    )


@router.patch("/lookup-values/{value_id}", response=LookupValueOut)
def lookup_value_edit(
    request: HttpRequest, value_id: RecordId, payload: LookupValueUpdateIn
) -> LookupValue:
    value = lookup_value_get(actor=request.actor, pk=value_id)
    return lookup_value_update(
        actor=request.actor,
        value=value,
        changes=payload.model_dump(exclude={"version"}, exclude_none=True),
        expected_version=payload.version,
    )


@router.delete("/lookup-values/{value_id}", response={204: None})
def lookup_value_remove(request: HttpRequest, value_id: RecordId) -> Status[None]:
    lookup_value_delete(
        actor=request.actor, value=lookup_value_get(actor=request.actor, pk=value_id)
    )
    return Status(204, None)


@router.get("/record-types", response=list[RecordTypeOut])
def record_type_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"code": t.code, "label": str(t.label), "parent": t.parent} for t in registry.record_types()
    ]


@router.get("/custom-fields", response=list[CustomFieldOut])
@reads(CustomField)
@paginate(PagePagination)
def custom_field_index(request: HttpRequest, query: Query[CustomFieldListQuery]) -> Any:
    """With `record_type`, the fields that apply to it, inherited ones included (PLAT-7)."""
    return CUSTOM_FIELDS.rows(actor=request.actor, query=request.GET, filters=query)


@router.post("/custom-fields", response={201: CustomFieldOut})
def custom_field_add(request: HttpRequest, payload: CustomFieldCreateIn) -> Status[CustomField]:
    lookup_type = lookup_type_for_field(
        actor=request.actor, code=payload.lookup_type, field="lookup_type"
    )
    field = custom_field_create(
        actor=request.actor, **payload.model_dump(exclude={"lookup_type"}), lookup_type=lookup_type
    )
    return Status(201, field)


@router.patch("/custom-fields/{field_id}", response=CustomFieldOut)
def custom_field_edit(
    request: HttpRequest, field_id: RecordId, payload: CustomFieldUpdateIn
) -> CustomField:
    field = custom_field_get(actor=request.actor, pk=field_id)
    return custom_field_update(
        actor=request.actor,
        field=field,
        changes=payload.model_dump(exclude={"version"}, exclude_none=True),
        expected_version=payload.version,
    )


@router.delete("/custom-fields/{field_id}", response={204: None})
def custom_field_remove(request: HttpRequest, field_id: RecordId) -> Status[None]:
    custom_field_delete(
        actor=request.actor, field=custom_field_get(actor=request.actor, pk=field_id)
    )
    return Status(204, None)


def _authors_named(request: HttpRequest, rows: list[Any]) -> None:
    """A trail's authors as the History tab names them to the same reader (PRG-7)."""
    authors_named(request.actor, rows)


@router.get("/audit", response=list[AuditEntryOut])
@paginate(PagePagination, prepare=_authors_named)
def audit_list(request: HttpRequest, query: Query[RecordQuery]) -> Any:
    """PLAT-5: who changed which fields of a record the caller can see."""
    record = record_resolve(actor=request.actor, reference=query.object)
    return audit_history(actor=request.actor, instance=record)


@router.get("/events", response=list[BusinessEventOut])
@paginate(PagePagination, prepare=_authors_named)
def event_list(request: HttpRequest, query: Query[RecordQuery]) -> Any:
    record = record_resolve(actor=request.actor, reference=query.object)
    return event_history(actor=request.actor, instance=record)


@router.get("/search", response=SearchOut, tags=["platform", "search"])
def search(request: HttpRequest, query: Query[SearchQuery]) -> dict[str, Any]:
    """Accounts, contacts and partners (for a partner user: its own
    organization and its people) whose name starts with `q`, grouped by
    record type, each group with its count and the first `limit` records:
    what the search box shows, scoped like every list."""
    groups = search_everywhere(actor=request.actor, q=query.q, limit=query.limit)
    return {
        "q": query.q.strip(),
        "groups": [
            {
                "name": group.name,
                "label": str(group.label),
                "count": min(group.count, COUNT_CAP),
                "capped": group.capped,
                "list_url": group.list_url,
                "items": group.hits,
            }
            for group in groups
        ],
    }
