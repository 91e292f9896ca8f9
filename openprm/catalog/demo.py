"""Demo catalog: the networking products the demo deals are made of (devices
at a one-time price, cloud management and support as monthly services), and the
TeleMedia mobile catalog of the partner ordering story (ORD-1, ORD-8):
phones, a Family 1500 plan bundle (one plan, 1 to 5 lines, phones at a
discount), data and roaming packs that belong to a line, and the list price
list. The partner tier price lists come with the tiers (`tier_price_lists`,
called by the programs demo, which seeds after the catalog)."""

from collections.abc import Iterable
from decimal import Decimal

from openprm.catalog import services
from openprm.catalog.models import PriceList, Product
from openprm.core.actor import Actor
from openprm.demo.context import DemoContext

PRODUCTS = (
    # code, name, family, type, charge, one-time, monthly
    ("FW-100", "Firewall 100", "Security", "device", "one_time", "500", "0"),
    ("FW-500", "Firewall 500", "Security", "device", "one_time", "750", "0"),
    ("SW-24", "Switch 24-port", "Switching", "device", "one_time", "1000", "0"),
    ("SW-48", "Switch 48-port", "Switching", "device", "one_time", "1250", "0"),
    ("AP-6", "Wi-Fi 6 Access Point", "Wireless", "device", "one_time", "1500", "0"),
    ("AP-7", "Wi-Fi 7 Access Point", "Wireless", "device", "one_time", "1750", "0"),
    ("CLOUD-MGMT", "Cloud Management", "Services", "service", "monthly", "0", "45.00"),
    ("SUPPORT-PRO", "Pro Support", "Services", "service", "monthly", "0", "120.00"),
)

MOBILE = (
    # code, name, type, charge, orderable alone, one-time, monthly
    ("TM-PHONE-X", "TeleMedia X5 phone", "device", "one_time", True, "499.00", "0"),
    ("TM-PHONE-S", "TeleMedia S3 phone", "device", "one_time", True, "299.00", "0"),
    ("TM-PHONE-C", "TeleMedia Classic phone (clearance)", "device", "one_time", True, "89.00", "0"),
    ("TM-FAMILY-1500", "Family 1500 plan", "bundle", "monthly", True, "0", "0"),
    (
        "TM-PLAN-1500",
        "Family 1500 shared minutes",
        "service",
        "monthly",
        False,
        "0",
        "49.00",
    ),
    ("TM-LINE", "Additional mobile line", "service", "monthly", False, "0", "15.00"),
    ("TM-DATA-1", "Data pack 1 GB", "option", "monthly", False, "0", "5.00"),
    ("TM-DATA-5", "Data pack 5 GB", "option", "monthly", False, "0", "12.00"),
    ("TM-ROAM", "Roaming pack Europe", "option", "monthly", False, "0", "7.00"),
)
ATTRIBUTES = {
    "TM-PHONE-X": (("Colour", "Black"), ("Storage", "256 GB")),
    "TM-PHONE-S": (("Colour", "Blue"), ("Storage", "128 GB")),
    "TM-DATA-1": (("Data allowance", "1 GB"),),
    "TM-DATA-5": (("Data allowance", "5 GB"),),
}


def _mobile(actor: Actor) -> dict[str, Product]:
    made = {
        code: services.product_create(
            actor=actor,
            data={
                "code": code,
                "name": name,
                "family": "Mobile",
                "type": kind,
                "charge_type": charge,
                "is_orderable": orderable,
            },
        )
        for code, name, kind, charge, orderable, _one, _month in MOBILE
    }
    for code, pairs in ATTRIBUTES.items():
        for name, value in pairs:
            services.attribute_set(actor=actor, product=made[code], name=name, value=value)
    family = made["TM-FAMILY-1500"]
    for code, role, low, high, discount in (
        ("TM-PLAN-1500", "primary", 1, 1, "0"),
        ("TM-LINE", "component", 1, 5, "20"),
        ("TM-PHONE-X", "component", 0, 5, "10"),
        ("TM-PHONE-S", "component", 0, 5, "10"),
    ):
        services.component_add(
            actor=actor,
            bundle=family,
            product_id=made[code].pk,
            role=role,
            min_quantity=low,
            max_quantity=high,
            discount_percent=Decimal(discount),
        )
    for option in ("TM-DATA-1", "TM-DATA-5", "TM-ROAM"):
        services.option_add(actor=actor, product=made["TM-LINE"], option_id=made[option].pk)
    return made


def _list_prices(actor: Actor, products: dict[str, Product]) -> PriceList:
    prices = services.price_list_create(
        actor=actor, data={"name": "List prices", "currency": "EUR", "audience": "list"}
    )
    for code, *_rest, one_time, monthly in (*PRODUCTS, *MOBILE):
        services.item_set(
            actor=actor,
            price_list=prices,
            product_id=products[code].pk,
            one_time_price=Decimal(one_time),
            monthly_price=Decimal(monthly),
        )
    return prices


def seed(context: DemoContext) -> None:
    actor = context.records["user:salesadmin"]
    context.records["products"] = [
        services.product_create(
            actor=actor,
            data={
                "code": code,
                "name": name,
                "family": family,
                "type": kind,
                "charge_type": charge,
            },
        )
        for code, name, family, kind, charge, _one, _month in PRODUCTS
    ]
    mobile = _mobile(actor)
    context.records["mobile_products"] = mobile
    by_code = {product.code: product for product in context.records["products"]}
    context.records["list_prices"] = _list_prices(actor, by_code | mobile)


def tier_price_lists(context: DemoContext, tiers: Iterable[tuple[int, str, Decimal]]) -> None:
    """A price list per partner tier (id, name, discount %): the list
    prices less the tier's discount, on every product of the list."""
    actor = context.records["user:salesadmin"]
    listed = context.records["list_prices"]
    items = list(listed.items.all())
    for tier_id, name, discount in tiers:
        prices = services.price_list_create(
            actor=actor,
            data={
                "name": f"{name} partner prices",
                "currency": listed.currency,
                "audience": "tier",
                "tier_id": tier_id,
            },
        )
        keep = (100 - discount) / 100
        for item in items:
            services.item_set(
                actor=actor,
                price_list=prices,
                product_id=item.product_id,
                one_time_price=(item.one_time_price * keep).quantize(Decimal("0.01")),
                monthly_price=(item.monthly_price * keep).quantize(Decimal("0.01")),
            )
