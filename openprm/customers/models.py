"""Accounts, legal entities, billing accounts and account notes (CUS-1..CUS-9)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from openprm.core.bases import CustomFieldsModel, VersionedModel
from openprm.core.search import search_key
from openprm.customers.catalog import ACCOUNT_RECORD_TYPE


class AccountType(models.TextChoices):
    """What an account is to the company (CUS-2), the API's `AccountType`."""

    PROSPECT = "prospect", _("Prospect")
    CUSTOMER = "customer", _("Customer")
    PARTNER = "partner", _("Partner")
    COMPETITOR = "competitor", _("Competitor")


class LegalEntityKind(models.TextChoices):
    """The company's own legal entity or another's (CUS-7), the API's
    `LegalEntityKind`."""

    INTERNAL = "internal", _("Legal Entity")
    EXTERNAL = "external", _("External Legal Entity")


class BillingStatus(models.TextChoices):
    """Whether a billing account is in use (CUS-8), the API's `BillingStatus`."""

    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class LegalEntity(VersionedModel):
    """CUS-7: a legal entity groups sales accounts and prospects; internal ones
    are used for interdivisional selling."""

    Kind = LegalEntityKind

    name = models.CharField(_("name"), max_length=200)
    name_search = models.CharField(max_length=200, editable=False, db_index=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.EXTERNAL, db_index=True
    )

    class Meta:
        ordering = ["name_search", "pk"]
        verbose_name = _("legal entity")
        verbose_name_plural = _("legal entities")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_search = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Account(VersionedModel, CustomFieldsModel):
    """CUS-1/CUS-2: an organization the company does business with.

    The one sell-to address of a sales account (CUS-4) is stored on the row
    itself, so "exactly one" holds by construction. Deleting is a soft delete
    (CUS-9): `is_active` turns False and every scoped query hides the row.
    """

    record_type = ACCOUNT_RECORD_TYPE

    AccountType = AccountType

    name = models.CharField(_("name"), max_length=200)
    name_search = models.CharField(max_length=200, editable=False, db_index=True)
    account_type = models.CharField(
        _("type"), max_length=12, choices=AccountType.choices, db_index=True
    )
    is_sales_account = models.BooleanField(
        _("sales account"), default=False, help_text=_("A sell-to entity.")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_accounts",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidiaries",
    )
    industry = models.CharField(_("industry"), max_length=60, blank=True, db_index=True)
    size = models.CharField(_("size"), max_length=60, blank=True, db_index=True)
    annual_revenue = models.DecimalField(
        _("annual revenue"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    named = models.BooleanField(
        _("named"), default=False, help_text=_("Strategic account with a dedicated territory.")
    )
    existing = models.BooleanField(
        _("existing"), default=False, help_text=_("There is a financial relationship.")
    )
    competitor_info = models.TextField(_("competitor information"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    website = models.URLField(_("web site"), max_length=200, blank=True)
    tax_id = models.CharField(
        _("tax ID"), max_length=40, blank=True, help_text=_("VAT or tax number.")
    )
    legal_entity = models.ForeignKey(
        LegalEntity,
        verbose_name=_("legal entity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
    )
    address_line1 = models.CharField(_("address line 1"), max_length=200, blank=True)
    address_line2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("region / state"), max_length=100, blank=True, db_index=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True, db_index=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    is_active = models.BooleanField(_("active"), default=True, db_index=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["name_search", "pk"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        indexes = [
            models.Index(fields=["is_active", "name_search"], name="cus_account_active_name"),
            models.Index(fields=["is_active", "account_type"], name="cus_account_active_type"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_search = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class BillingAccount(VersionedModel):
    """CUS-8: the financial side of one customer; it belongs to that account."""

    Status = BillingStatus

    account = models.ForeignKey(
        Account,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="billing_accounts",
    )
    number = models.CharField(_("number"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("billing account")
        verbose_name_plural = _("billing accounts")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Note(VersionedModel):
    """A note on an account; hidden with its account once deleted (CUS-9)."""

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="notes"
    )
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return self.text[:60]
