"""JSON API of the products master (ORD-1)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from openprm.catalog import selectors, services, tables
from openprm.catalog.filters import ProductFilter
from openprm.catalog.models import Product
from openprm.catalog.schemas import ProductIn, ProductOut, ProductUpdateIn
from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices

router = Router(tags=["products"])


@router.get("/products", response=list[ProductOut])
@reads(Product)
@paginate(PagePagination)
def product_list(
    request: HttpRequest,
    filters: Query[ProductFilter],
    sort: sort_choices(tables.PRODUCTS.sortable) = tables.PRODUCTS.default_sort,
) -> Any:
    """Active products for everyone; inactive ones too with Manage Products."""
    return tables.PRODUCTS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.post("/products", response={201: ProductOut})
def product_create(request: HttpRequest, payload: ProductIn) -> Status[Product]:
    """Needs Manage Products; the code is unique."""
    return Status(201, services.product_create(actor=request.actor, data=payload.model_dump()))


@router.get("/products/{product_id}", response=ProductOut)
@reads(Product)
def product_detail(request: HttpRequest, product_id: RecordId) -> Product:
    return selectors.product_get(actor=request.actor, pk=product_id)


@router.patch("/products/{product_id}", response=ProductOut)
def product_update(request: HttpRequest, product_id: RecordId, payload: ProductUpdateIn) -> Product:
    product = selectors.product_get(actor=request.actor, pk=product_id)
    return services.product_update(
        actor=request.actor,
        product=product,
        changes=sent_changes(payload, nullable=()),
        expected_version=payload.version,
    )
