"""The products master and its commerce side (ORD-1, ORD-8).

Deal registrations and opportunities name products on their lines; orders
(a later slice) price them from a price list and configure bundles within
their rules. Everything here is catalog data: what can be sold, how it is
put together, and at which price to whom. Tax is out of scope.
"""

from datetime import date

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import VersionedModel
from openprm.core.search import search_key


class ProductType(models.TextChoices):
    """What a product is (ORD-1, ORD-8), the API's `ProductType`."""

    DEVICE = "device", _("Device")
    SERVICE = "service", _("Service")
    OPTION = "option", _("Option")
    BUNDLE = "bundle", _("Bundle")


class ChargeType(models.TextChoices):
    """How a product is charged, the API's `ChargeType`."""

    ONE_TIME = "one_time", _("One-time")
    MONTHLY = "monthly", _("Monthly")


class Product(VersionedModel):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_search = models.CharField(max_length=200, editable=False, db_index=True)
    family = models.CharField(_("product family"), max_length=80, blank=True, db_index=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Only active products can be put on new registrations, deals and orders."),
    )
    type = models.CharField(
        _("type"), max_length=10, choices=ProductType.choices, default=ProductType.DEVICE
    )
    charge_type = models.CharField(
        _("charge"), max_length=10, choices=ChargeType.choices, default=ChargeType.ONE_TIME
    )
    unit = models.CharField(_("unit"), max_length=20, default="each")
    is_orderable = models.BooleanField(
        _("orderable"),
        default=True,
        help_text=_("Can be ordered on its own; options and bundle parts often cannot."),
    )
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(_("active to"), null=True, blank=True)

    class Meta:
        ordering = ["name_search", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_from__isnull=True)
                | Q(active_to__isnull=True)
                | Q(active_to__gte=models.F("active_from")),
                name="catalog_product_dates_in_order",
                violation_error_message=_("The product cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_search = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("catalog:product_detail", args=[self.pk])

    def sellable_on(self, day: date) -> bool:
        """Active and within its dates: what a new order may take."""
        return (
            self.is_active
            and (self.active_from is None or self.active_from <= day)
            and (self.active_to is None or day <= self.active_to)
        )


def sellable_q(day: date, prefix: str = "") -> Q:
    """The rows of products `sellable_on(day)`, for querysets."""
    return (
        Q(**{f"{prefix}is_active": True})
        & (Q(**{f"{prefix}active_from__isnull": True}) | Q(**{f"{prefix}active_from__lte": day}))
        & (Q(**{f"{prefix}active_to__isnull": True}) | Q(**{f"{prefix}active_to__gte": day}))
    )


class ProductAttribute(models.Model):
    """A name/value fact of a product (colour, data allowance, storage)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="attributes")
    name = models.CharField(_("attribute"), max_length=60)
    value = models.CharField(_("value"), max_length=200)

    class Meta:
        ordering = ["product", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "name"],
                name="catalog_attribute_once_per_product",
                violation_error_message=_("This product already has this attribute."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"


class ProductOption(models.Model):
    """An option product that may be added to a line of `product` (ORD-8:
    a data pack on a mobile line). An option not listed here does not
    belong to the product."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="option_links")
    option = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="option_of")

    class Meta:
        ordering = ["product", "option__name_search", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "option"],
                name="catalog_option_once_per_product",
                violation_error_message=_("This option already belongs to the product."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.option} of {self.product}"


class ComponentRole(models.TextChoices):
    """A bundle component's part in its bundle (ORD-8), the API's
    `ComponentRole`."""

    PRIMARY = "primary", _("Primary service")
    COMPONENT = "component", _("Component")


class BundleComponent(models.Model):
    """A part of a bundle (ORD-8) with how many of it a configuration takes
    and the discount it gets inside the bundle. A bundle has exactly one
    primary service."""

    bundle = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="components")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="component_of")
    role = models.CharField(
        _("role"), max_length=10, choices=ComponentRole.choices, default=ComponentRole.COMPONENT
    )
    min_quantity = models.PositiveSmallIntegerField(_("minimum"), default=0)
    max_quantity = models.PositiveSmallIntegerField(
        _("maximum"), default=1, validators=[MinValueValidator(1)]
    )
    discount_percent = models.DecimalField(
        _("discount in the bundle (%)"), max_digits=5, decimal_places=2, default=0
    )

    class Meta:
        ordering = ["bundle", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bundle", "product"],
                name="catalog_component_once_per_bundle",
                violation_error_message=_("This product is already a component of the bundle."),
            ),
            models.UniqueConstraint(
                fields=["bundle"],
                condition=Q(role="primary"),
                name="catalog_one_primary_per_bundle",
                violation_error_message=_("The bundle already has a primary service."),
            ),
            models.CheckConstraint(
                condition=Q(max_quantity__gte=models.F("min_quantity")),
                name="catalog_component_min_le_max",
                violation_error_message=_("The maximum cannot be below the minimum."),
            ),
            models.CheckConstraint(
                condition=Q(discount_percent__gte=0) & Q(discount_percent__lte=100),
                name="catalog_component_discount_range",
                violation_error_message=_("A discount is between 0 and 100 %."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} {self.min_quantity}..{self.max_quantity}"


class PriceListAudience(models.TextChoices):
    """Whom a price list prices for (ORD-1), the API's `PriceListAudience`."""

    LIST = "list", _("List price")
    TIER = "tier", _("Partner tier")
    CUSTOMER = "customer", _("Customer account")


class PriceList(VersionedModel):
    """Prices in one currency for one audience (ORD-1): the list price for
    everyone, a partner tier's prices, or one customer account's. The tier
    is the programs app's, which sits above the catalog: it is kept by id
    and read through `openprm.catalog.providers`."""

    name = models.CharField(_("name"), max_length=120)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    audience = models.CharField(
        _("audience"),
        max_length=10,
        choices=PriceListAudience.choices,
        default=PriceListAudience.LIST,
    )
    tier_id = models.PositiveIntegerField(_("partner tier"), null=True, blank=True, db_index=True)
    customer = models.ForeignKey(
        "customers.Account",
        verbose_name=_("customer account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(_("active to"), null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(audience="list") & Q(tier_id__isnull=True) & Q(customer__isnull=True))
                | (Q(audience="tier") & Q(tier_id__isnull=False) & Q(customer__isnull=True))
                | (Q(audience="customer") & Q(tier_id__isnull=True) & Q(customer__isnull=False)),
                name="catalog_price_list_audience_named",
                violation_error_message=_(
                    "A tier price list names a tier, a customer price list a customer, "
                    "a list price list neither."
                ),
            ),
            models.CheckConstraint(
                condition=Q(active_from__isnull=True)
                | Q(active_to__isnull=True)
                | Q(active_to__gte=models.F("active_from")),
                name="catalog_price_list_dates_in_order",
                violation_error_message=_("The price list cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.currency})"

    def get_absolute_url(self) -> str:
        return reverse("catalog:price_list_detail", args=[self.pk])


class PriceListItem(models.Model):
    """A product's prices on a price list; money is Decimal in the list's currency."""

    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="price_items")
    one_time_price = models.DecimalField(
        _("one-time price"), max_digits=12, decimal_places=2, default=0
    )
    monthly_price = models.DecimalField(
        _("monthly price"), max_digits=12, decimal_places=2, default=0
    )

    class Meta:
        ordering = ["price_list", "product__name_search", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["price_list", "product"],
                name="catalog_item_once_per_price_list",
                violation_error_message=_("This product is already on the price list."),
            ),
            models.CheckConstraint(
                condition=Q(one_time_price__gte=0) & Q(monthly_price__gte=0),
                name="catalog_item_prices_not_negative",
                violation_error_message=_("A price cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product}: {self.one_time_price} + {self.monthly_price}/month"
