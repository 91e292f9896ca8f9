"""JSON API for accounts (CUS-1..CUS-11), legal entities (CUS-7), billing
accounts (CUS-8) and account notes. Handlers parse, call, render."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from openprm.core.apikit.conflicts import answers_duplicates
from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, Version, sort_choices
from openprm.customers import selectors, services, tables
from openprm.customers.catalog import RESTORE_SALES_PARTY
from openprm.customers.filters import AccountFilter, BillingAccountFilter, LegalEntityFilter
from openprm.customers.models import Account, BillingAccount, LegalEntity, Note
from openprm.customers.schemas import (
    NULLABLE_UPDATE_FIELDS,
    AccountCreateIn,
    AccountOut,
    AccountUpdateIn,
    BillingAccountIn,
    BillingAccountOut,
    BillingAccountUpdateIn,
    DeletedAccountOut,
    DuplicateAccountOut,
    HierarchyOut,
    LegalEntityIn,
    LegalEntityOut,
    LegalEntityUpdateIn,
    NoteIn,
    NoteOut,
    VersionIn,
    hierarchy_node_out,
)
from openprm.imports.external_ids import with_external_id

router = Router(tags=["customers"])


def _changes(payload: Any) -> dict[str, Any]:
    """Sent fields only; null is a value only for fields that may be empty."""
    return sent_changes(payload, exclude={"custom"}, nullable=NULLABLE_UPDATE_FIELDS)


@router.get("/accounts", response=list[AccountOut])
@reads(Account)
@paginate(PagePagination)
def account_list(
    request: HttpRequest,
    filters: Query[AccountFilter],
    sort: sort_choices(tables.ACCOUNTS.sortable) = tables.ACCOUNTS.default_sort,
) -> Any:
    """CUS-11: every account type, prospects included; sort by name, type,
    country, region, postal_code or owner (prefix `-` for descending);
    `custom.<name>=value` filters by a custom field."""
    rows = tables.ACCOUNTS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)
    return with_external_id(rows, request.actor)


@router.post("/accounts", response={201: AccountOut})
@answers_duplicates(DuplicateAccountOut)
def account_create(request: HttpRequest, payload: AccountCreateIn) -> Status[Account]:
    """Answers 409 `duplicate_accounts` with `candidates` when similar
    accounts exist, unless `confirm_duplicates` is true."""
    data = payload.model_dump(
        exclude={"custom", "confirm_duplicates", "is_sales_account"}, exclude_unset=True
    )
    account = services.account_create(
        actor=request.actor,
        data=data,
        custom=payload.custom,
        confirm_duplicates=payload.confirm_duplicates,
        is_sales_account=payload.is_sales_account,
    )
    return Status(201, selectors.account_get(actor=request.actor, pk=account.pk))


@router.get("/accounts/deleted", response=list[DeletedAccountOut])
@reads(Account, privilege=RESTORE_SALES_PARTY)
@paginate(PagePagination)
def deleted_account_list(
    request: HttpRequest,
    q: str = "",
    sort: sort_choices(tables.DELETED_ACCOUNTS.sortable) = tables.DELETED_ACCOUNTS.default_sort,
) -> Any:
    """CUS-9: soft-deleted accounts, for holders of Restore Sales Party;
    `q` finds names starting with it."""
    return tables.DELETED_ACCOUNTS.rows(actor=request.actor, query=request.GET, sort=sort)


@router.get("/accounts/{account_id}", response=AccountOut)
@reads(Account)
def account_detail(request: HttpRequest, account_id: RecordId) -> Account:
    return selectors.account_get(actor=request.actor, pk=account_id)


@router.patch("/accounts/{account_id}", response=AccountOut)
def account_update(request: HttpRequest, account_id: RecordId, payload: AccountUpdateIn) -> Account:
    account = selectors.account_get(actor=request.actor, pk=account_id)
    services.account_update(
        actor=request.actor,
        account=account,
        changes=_changes(payload),
        custom=payload.custom,
        expected_version=payload.version,
    )
    return selectors.account_get(actor=request.actor, pk=account_id)


@router.delete("/accounts/{account_id}", response={204: None})
def account_delete(
    request: HttpRequest, account_id: RecordId, version: Version | None = None
) -> Any:
    """CUS-9: soft delete; needs Delete Sales Party."""
    account = selectors.account_get(actor=request.actor, pk=account_id)
    services.account_delete(actor=request.actor, account=account, expected_version=version)
    return Status(204, None)


@router.post("/accounts/{account_id}/restore", response=AccountOut)
def account_restore(request: HttpRequest, account_id: RecordId) -> Account:
    services.account_restore(actor=request.actor, pk=account_id)
    return selectors.account_get(actor=request.actor, pk=account_id)


@router.post("/accounts/{account_id}/convert", response=AccountOut)
def account_convert(request: HttpRequest, account_id: RecordId, payload: VersionIn) -> Account:
    """CUS-3: 422 `qualification_failed` names each failing rule in `failed_rules`."""
    account = selectors.account_get(actor=request.actor, pk=account_id)
    services.account_convert_to_sales_account(
        actor=request.actor, account=account, expected_version=payload.version
    )
    return selectors.account_get(actor=request.actor, pk=account_id)


@router.get("/accounts/{account_id}/hierarchy", response=HierarchyOut)
@reads(Account)
def account_hierarchy(request: HttpRequest, account_id: RecordId) -> dict[str, Any]:
    """CUS-6: ancestors, then the subtree with revenue rolled up from subsidiaries."""
    account = selectors.account_get(actor=request.actor, pk=account_id)
    hierarchy = selectors.account_hierarchy(actor=request.actor, account=account)
    return {"ancestors": hierarchy.ancestors, "root": hierarchy_node_out(hierarchy.root)}


@router.get("/accounts/{account_id}/notes", response=list[NoteOut])
@reads(Account)
@paginate(PagePagination)
def note_list(request: HttpRequest, account_id: RecordId) -> Any:
    account = selectors.account_get(actor=request.actor, pk=account_id)
    return selectors.note_list(actor=request.actor, account=account)


@router.post("/accounts/{account_id}/notes", response={201: NoteOut})
def note_create(request: HttpRequest, account_id: RecordId, payload: NoteIn) -> Status[Note]:
    account = selectors.account_get(actor=request.actor, pk=account_id)
    return Status(
        201, services.note_create(actor=request.actor, account=account, text=payload.text)
    )


@router.get("/legal-entities", response=list[LegalEntityOut])
@reads(LegalEntity)
@paginate(PagePagination)
def legal_entity_list(
    request: HttpRequest,
    filters: Query[LegalEntityFilter],
    sort: sort_choices(tables.LEGAL_ENTITIES.sortable) = tables.LEGAL_ENTITIES.default_sort,
) -> Any:
    return tables.LEGAL_ENTITIES.rows(
        actor=request.actor, query=request.GET, filters=filters, sort=sort
    )


@router.post("/legal-entities", response={201: LegalEntityOut})
def legal_entity_create(request: HttpRequest, payload: LegalEntityIn) -> Status[LegalEntity]:
    entity = services.legal_entity_create(actor=request.actor, data=payload.model_dump())
    return Status(201, entity)


@router.get("/legal-entities/{entity_id}", response=LegalEntityOut)
@reads(LegalEntity)
def legal_entity_detail(request: HttpRequest, entity_id: RecordId) -> LegalEntity:
    return selectors.legal_entity_get(actor=request.actor, pk=entity_id)


@router.patch("/legal-entities/{entity_id}", response=LegalEntityOut)
def legal_entity_update(
    request: HttpRequest, entity_id: RecordId, payload: LegalEntityUpdateIn
) -> LegalEntity:
    entity = selectors.legal_entity_get(actor=request.actor, pk=entity_id)
    return services.legal_entity_update(
        actor=request.actor,
        entity=entity,
        changes=_changes(payload),
        expected_version=payload.version,
    )


@router.get("/billing-accounts", response=list[BillingAccountOut])
@reads(BillingAccount)
@paginate(PagePagination)
def billing_account_list(request: HttpRequest, filters: Query[BillingAccountFilter]) -> Any:
    return selectors.billing_account_list(actor=request.actor, filters=filters)


@router.post("/billing-accounts", response={201: BillingAccountOut})
def billing_account_create(
    request: HttpRequest, payload: BillingAccountIn
) -> Status[BillingAccount]:
    account = selectors.account_get(actor=request.actor, pk=payload.account_id)
    billing = services.billing_account_create(
        actor=request.actor, account=account, data=payload.model_dump(exclude={"account_id"})
    )
    return Status(201, billing)


@router.get("/billing-accounts/{billing_id}", response=BillingAccountOut)
@reads(BillingAccount)
def billing_account_detail(request: HttpRequest, billing_id: RecordId) -> BillingAccount:
    return selectors.billing_account_get(actor=request.actor, pk=billing_id)


@router.patch("/billing-accounts/{billing_id}", response=BillingAccountOut)
def billing_account_update(
    request: HttpRequest, billing_id: RecordId, payload: BillingAccountUpdateIn
) -> BillingAccount:
    billing = selectors.billing_account_get(actor=request.actor, pk=billing_id)
    return services.billing_account_update(
        actor=request.actor,
        billing=billing,
        changes=_changes(payload),
        expected_version=payload.version,
    )
