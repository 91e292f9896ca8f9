"""Demo products: a small networking catalog the demo deals are made of."""

from openprm.catalog.services import product_create
from openprm.demo.context import DemoContext

PRODUCTS = (
    ("FW-100", "Firewall 100", "Security"),
    ("FW-500", "Firewall 500", "Security"),
    ("SW-24", "Switch 24-port", "Switching"),
    ("SW-48", "Switch 48-port", "Switching"),
    ("AP-6", "Wi-Fi 6 Access Point", "Wireless"),
    ("AP-7", "Wi-Fi 7 Access Point", "Wireless"),
    ("CLOUD-MGMT", "Cloud Management (1 year)", "Services"),
    ("SUPPORT-PRO", "Pro Support (1 year)", "Services"),
)


def seed(context: DemoContext) -> None:
    actor = context.records["user:salesadmin"]
    context.records["products"] = [
        product_create(actor=actor, data={"code": code, "name": name, "family": family})
        for code, name, family in PRODUCTS
    ]
