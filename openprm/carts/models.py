"""A partner user's shopping cart and the quotes saved from it (ORD-2, ORD-6).

A cart is its owner's alone and there is one per user, kept across
sessions: it shops either for the owner's own organization (stock) or for
a customer account, with a contact, the price list that applies and
optionally an opportunity. Lines carry the unit prices they were put in the
cart at; checkout compares them with the price list again, so a changed
price is shown and confirmed, never applied silently. A quote freezes the
lines and their prices under a number until its valid-until date.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import TimestampedModel, VersionedModel


class Shopping(models.Model):
    """Who a cart or a quote is for (ORD-6): no customer means the owner's
    own organization."""

    customer = models.ForeignKey(
        "customers.Account",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    contact = models.ForeignKey(
        "contacts.Person",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    price_list = models.ForeignKey(
        "catalog.PriceList",
        verbose_name=_("price list"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opportunity = models.ForeignKey(
        "deals.Opportunity",
        verbose_name=_("opportunity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)

    class Meta:
        abstract = True


class Cart(Shopping, VersionedModel):
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")

    def __str__(self) -> str:
        return str(_("Cart"))

    def get_absolute_url(self) -> str:
        return reverse("portal:cart")


class QuoteStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ORDERED = "ordered", _("Ordered")


class Quote(Shopping, VersionedModel):
    number = models.CharField(_("number"), max_length=20, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=True,
    )
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=10, choices=QuoteStatus.choices, default=QuoteStatus.OPEN
    )
    one_time_total = models.DecimalField(
        _("one-time total"), max_digits=14, decimal_places=2, default=0
    )
    monthly_total = models.DecimalField(
        _("monthly total"), max_digits=14, decimal_places=2, default=0
    )
    order_id = models.PositiveIntegerField(_("order"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        indexes = [models.Index(fields=["owner", "-created_at"], name="carts_quote_by_owner")]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("portal:quote_detail", args=[self.pk])


class CartLineKind(models.TextChoices):
    ITEM = "item", _("Product")
    COMPONENT = "component", _("Bundle component")
    OPTION = "option", _("Option")


class Line(TimestampedModel):
    """A product in a cart or quote. A bundle's components and a line's
    options are child lines (`parent`); an option's quantity follows its
    line. The unit prices are the price list's; `bundle_discount_percent`
    is the bundle's discount for a component, which its options share
    (ORD-8), and `discount_percent` a power user's own; amounts are figured
    as the orders app figures them."""

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CartLineKind.choices)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2, default=1)
    one_time_price = models.DecimalField(
        _("one-time price"), max_digits=12, decimal_places=2, default=0
    )
    monthly_price = models.DecimalField(
        _("monthly price"), max_digits=12, decimal_places=2, default=0
    )
    bundle_discount_percent = models.DecimalField(
        _("bundle discount (%)"), max_digits=5, decimal_places=2, default=0
    )
    discount_percent = models.DecimalField(
        _("discount (%)"), max_digits=5, decimal_places=2, default=0
    )

    class Meta:
        abstract = True
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="%(app_label)s_%(class)s_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(discount_percent__gte=0) & Q(discount_percent__lte=100),
                name="%(app_label)s_%(class)s_discount_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.product_id}"

    @property
    def keep(self) -> Decimal:
        """The share of the price left after the bundle's and the line's
        own discount."""
        return (1 - self.bundle_discount_percent / 100) * (1 - self.discount_percent / 100)


class CartLine(Line):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")

    class Meta(Line.Meta):
        verbose_name = _("cart line")
        verbose_name_plural = _("cart lines")


class QuoteLine(Line):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")

    class Meta(Line.Meta):
        verbose_name = _("quote line")
        verbose_name_plural = _("quote lines")
