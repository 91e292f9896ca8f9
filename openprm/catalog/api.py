"""JSON API of the catalog (ORD-1, ORD-8): products with their attributes,
options and bundle components, the bundle rules, price lists and their
items, and the offer at the caller's prices."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import paginate

from openprm.catalog import selectors, services, tables
from openprm.catalog.bundle_rules import Line
from openprm.catalog.filters import OfferFilter, PriceListFilter, ProductFilter
from openprm.catalog.models import BundleComponent, PriceList, PriceListItem, Product
from openprm.catalog.schemas import (
    AttributeIn,
    AttributeOut,
    ComponentIn,
    ComponentOut,
    ComponentUpdateIn,
    ConfigurationIn,
    ConfigurationOut,
    ItemIn,
    ItemOut,
    OfferOut,
    OptionIn,
    OptionOut,
    PriceListIn,
    PriceListOut,
    PriceListUpdateIn,
    ProductIn,
    ProductOut,
    ProductUpdateIn,
)
from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices

router = Router(tags=["products"])

PRODUCT_DATES = ("active_from", "active_to")
PRICE_LIST_NULLABLE = ("active_from", "active_to", "tier_id", "customer_id")


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
        changes=sent_changes(payload, nullable=PRODUCT_DATES),
        expected_version=payload.version,
    )


@router.get("/products/{product_id}/attributes", response=list[AttributeOut])
@reads(Product)
def attribute_list(request: HttpRequest, product_id: RecordId) -> Any:
    product = selectors.product_get(actor=request.actor, pk=product_id)
    return selectors.attributes_of(actor=request.actor, product=product)


@router.post("/products/{product_id}/attributes", response={201: AttributeOut})
def attribute_set(request: HttpRequest, product_id: RecordId, payload: AttributeIn) -> Status[Any]:
    """Sets the attribute of this name, replacing its value when it exists."""
    product = selectors.product_get(actor=request.actor, pk=product_id)
    return Status(
        201, services.attribute_set(actor=request.actor, product=product, **payload.model_dump())
    )


@router.delete("/products/{product_id}/attributes/{attribute_id}", response={204: None})
def attribute_remove(
    request: HttpRequest, product_id: RecordId, attribute_id: RecordId
) -> Status[None]:
    product = selectors.product_get(actor=request.actor, pk=product_id)
    services.attribute_remove(actor=request.actor, product=product, attribute_id=attribute_id)
    return Status(204, None)


@router.get("/products/{product_id}/options", response=list[OptionOut])
@reads(Product)
def product_option_list(request: HttpRequest, product_id: RecordId) -> Any:
    """ORD-8: the options a line of this product may take."""
    product = selectors.product_get(actor=request.actor, pk=product_id)
    return selectors.options_of(actor=request.actor, product=product)


@router.post("/products/{product_id}/options", response={201: OptionOut})
def product_option_add(
    request: HttpRequest, product_id: RecordId, payload: OptionIn
) -> Status[Any]:
    product = selectors.product_get(actor=request.actor, pk=product_id)
    link = services.option_add(actor=request.actor, product=product, option_id=payload.option_id)
    return Status(201, link)


@router.delete("/products/{product_id}/options/{option_link_id}", response={204: None})
def product_option_remove(
    request: HttpRequest, product_id: RecordId, option_link_id: RecordId
) -> Status[None]:
    product = selectors.product_get(actor=request.actor, pk=product_id)
    services.option_remove(actor=request.actor, product=product, link_id=option_link_id)
    return Status(204, None)


@router.get("/products/{product_id}/components", response=list[ComponentOut])
@reads(Product)
def component_list(request: HttpRequest, product_id: RecordId) -> Any:
    """ORD-8: the bundle's primary service and components with their
    cardinality and discount."""
    bundle = selectors.product_get(actor=request.actor, pk=product_id)
    return selectors.components_of(actor=request.actor, bundle=bundle)


@router.post("/products/{product_id}/components", response={201: ComponentOut})
def component_add(
    request: HttpRequest, product_id: RecordId, payload: ComponentIn
) -> Status[BundleComponent]:
    bundle = selectors.product_get(actor=request.actor, pk=product_id)
    return Status(
        201, services.component_add(actor=request.actor, bundle=bundle, **payload.model_dump())
    )


@router.patch("/products/{product_id}/components/{component_id}", response=ComponentOut)
def component_update(
    request: HttpRequest, product_id: RecordId, component_id: RecordId, payload: ComponentUpdateIn
) -> BundleComponent:
    bundle = selectors.product_get(actor=request.actor, pk=product_id)
    component = selectors.component_get(actor=request.actor, bundle=bundle, pk=component_id)
    return services.component_update(
        actor=request.actor,
        bundle=bundle,
        component=component,
        changes=payload.model_dump(exclude_none=True),
    )


@router.delete("/products/{product_id}/components/{component_id}", response={204: None})
def component_remove(
    request: HttpRequest, product_id: RecordId, component_id: RecordId
) -> Status[None]:
    bundle = selectors.product_get(actor=request.actor, pk=product_id)
    component = selectors.component_get(actor=request.actor, bundle=bundle, pk=component_id)
    services.component_remove(actor=request.actor, bundle=bundle, component=component)
    return Status(204, None)


@router.post("/products/{product_id}/configuration-check", response=ConfigurationOut)
def configuration_check(
    request: HttpRequest, product_id: RecordId, payload: ConfigurationIn
) -> dict[str, Any]:
    """ORD-8: every bundle rule the proposed configuration breaks, each
    named; changes nothing. Whoever sees the bundle may ask."""
    lines = [Line(line.product_id, line.quantity, tuple(line.options)) for line in payload.lines]
    violations = services.configuration_check(
        actor=request.actor, bundle_id=product_id, lines=lines, on=timezone.localdate()
    )
    return {"valid": not violations, "violations": violations}


@router.get("/catalog/offer", response=list[OfferOut])
@reads(Product)
@paginate(PagePagination)
def offer_list(
    request: HttpRequest,
    filters: Query[OfferFilter],
    sort: sort_choices(tables.OFFER.sortable) = tables.OFFER.default_sort,
) -> Any:
    """ORD-1: the orderable products at the caller's prices; with
    `customer_id`, at that customer's (404 for a customer the caller
    cannot see). A product not on the caller's price list is not listed."""
    return tables.OFFER.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.get("/price-lists", response=list[PriceListOut], tags=["price lists"])
@reads(PriceList)
@paginate(PagePagination)
def price_list_list(
    request: HttpRequest,
    filters: Query[PriceListFilter],
    sort: sort_choices(tables.PRICE_LISTS.sortable) = tables.PRICE_LISTS.default_sort,
) -> Any:
    """Every price list to Manage Price Lists holders; none to anyone else."""
    return tables.PRICE_LISTS.rows(
        actor=request.actor, query=request.GET, filters=filters, sort=sort
    )


@router.post("/price-lists", response={201: PriceListOut}, tags=["price lists"])
def price_list_create(request: HttpRequest, payload: PriceListIn) -> Status[PriceList]:
    return Status(201, services.price_list_create(actor=request.actor, data=payload.model_dump()))


@router.get("/price-lists/{price_list_id}", response=PriceListOut, tags=["price lists"])
@reads(PriceList)
def price_list_detail(request: HttpRequest, price_list_id: RecordId) -> PriceList:
    return selectors.price_list_get(actor=request.actor, pk=price_list_id)


@router.patch("/price-lists/{price_list_id}", response=PriceListOut, tags=["price lists"])
def price_list_update(
    request: HttpRequest, price_list_id: RecordId, payload: PriceListUpdateIn
) -> PriceList:
    price_list = selectors.price_list_get(actor=request.actor, pk=price_list_id)
    return services.price_list_update(
        actor=request.actor,
        price_list=price_list,
        changes=sent_changes(payload, nullable=PRICE_LIST_NULLABLE),
        expected_version=payload.version,
    )


@router.get("/price-lists/{price_list_id}/items", response=list[ItemOut], tags=["price lists"])
@reads(PriceList)
@paginate(PagePagination)
def item_list(request: HttpRequest, price_list_id: RecordId) -> Any:
    price_list = selectors.price_list_get(actor=request.actor, pk=price_list_id)
    return selectors.items_of(actor=request.actor, price_list=price_list).order_by(
        "product__name_search", "pk"
    )


@router.put("/price-lists/{price_list_id}/items", response=ItemOut, tags=["price lists"])
def item_set(request: HttpRequest, price_list_id: RecordId, payload: ItemIn) -> PriceListItem:
    """A product's prices on the list: added, or replaced when it is there."""
    price_list = selectors.price_list_get(actor=request.actor, pk=price_list_id)
    return services.item_set(actor=request.actor, price_list=price_list, **payload.model_dump())


@router.delete(
    "/price-lists/{price_list_id}/items/{item_id}", response={204: None}, tags=["price lists"]
)
def item_remove(request: HttpRequest, price_list_id: RecordId, item_id: RecordId) -> Status[None]:
    price_list = selectors.price_list_get(actor=request.actor, pk=price_list_id)
    item = selectors.item_get(actor=request.actor, price_list=price_list, pk=item_id)
    services.item_remove(actor=request.actor, price_list=price_list, item=item)
    return Status(204, None)
