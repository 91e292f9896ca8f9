"""Territories, their members and criteria, and their assignment to accounts
(TER-1..TER-4), plus the record of a batch realignment."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import TimestampedModel, VersionedModel
from openprm.core.places import region_name


class TerritoryType(models.TextChoices):
    """What a territory is for (TER-1), the API's `TerritoryType`."""

    PRIME = "prime", _("Prime")
    OVERLAY = "overlay", _("Overlay")
    SALES_CHANNEL_MANAGER = "sales_channel_manager", _("Sales Channel Manager")
    LEAD_TRIAGE = "lead_triage", _("Lead Triage")
    PARTNER = "partner", _("Partner")


class TerritoryDimension(models.TextChoices):
    """The account attribute a territory criterion reads (TER-2), the API's
    `TerritoryDimension`."""

    COUNTRY = "country", _("Country")
    REGION = "region", _("Region / state")
    POSTAL_RANGE = "postal_range", _("Postal code range")
    INDUSTRY = "industry", _("Industry")
    SIZE = "size", _("Size")


class TerritoryAssignmentSource(models.TextChoices):
    """How a territory came to an account: by its criteria or by hand
    (TER-3, TER-4), the API's `TerritoryAssignmentSource`."""

    AUTO = "auto", _("Automatic")
    MANUAL = "manual", _("Manual")


class RealignmentStatus(models.TextChoices):
    """Where a batch realignment is (TER-3), the API's `RealignmentStatus`."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Territory(VersionedModel):
    """TER-1/TER-2: an internal or partner territory; nested through `parent`."""

    Type = TerritoryType

    name = models.CharField(_("name"), max_length=150)
    territory_type = models.CharField(
        _("type"), max_length=24, choices=Type.choices, default=Type.PRIME, db_index=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent territory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    partner = models.ForeignKey(
        "customers.Account",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partner_territories",
        limit_choices_to={"account_type": "partner"},
    )
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True, db_index=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("territory")
        verbose_name_plural = _("territories")

    def __str__(self) -> str:
        return self.name

    @property
    def is_partner_territory(self) -> bool:
        return self.territory_type == self.Type.PARTNER


class TerritoryMember(TimestampedModel):
    """A resource working a territory (TER-1)."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="members")
    resource = models.ForeignKey(
        "identity.Resource",
        verbose_name=_("resource"),
        on_delete=models.CASCADE,
        related_name="territory_memberships",
    )

    class Meta:
        ordering = ["territory", "resource__name"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "resource"], name="ter_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.resource} @ {self.territory}"


class TerritoryCriterion(TimestampedModel):
    """TER-2: one accepted value of one account attribute.

    Values of the same dimension are alternatives (OR); different dimensions
    must all match (AND); a nested territory also needs its parents' criteria.
    A postal range compares codes as text from `value` to `value_to`.
    """

    Dimension = TerritoryDimension

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="criteria")
    dimension = models.CharField(_("dimension"), max_length=16, choices=Dimension.choices)
    value = models.CharField(_("value"), max_length=100)
    value_to = models.CharField(_("up to"), max_length=100, blank=True)

    class Meta:
        ordering = ["territory", "dimension", "value"]
        verbose_name = _("territory criterion")
        verbose_name_plural = _("territory criteria")

    def __str__(self) -> str:
        if self.dimension == self.Dimension.POSTAL_RANGE:
            return f"{self.get_dimension_display()}: {self.value} - {self.value_to}"
        return f"{self.get_dimension_display()}: {self.display_value}"

    @property
    def display_value(self) -> str:
        """A region by its name ("Bavaria"), not its ISO 3166-2 code."""
        if self.dimension == self.Dimension.REGION:
            return region_name(self.value)
        return self.value


class AccountTerritory(TimestampedModel):
    """TER-3/TER-4: a territory assigned to an account, automatically by the
    criteria or manually (partner territories, chosen territories)."""

    Source = TerritoryAssignmentSource

    account = models.ForeignKey(
        "customers.Account", on_delete=models.CASCADE, related_name="territory_assignments"
    )
    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="account_assignments"
    )
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.AUTO
    )

    class Meta:
        ordering = ["territory__name"]
        constraints = [
            models.UniqueConstraint(fields=["account", "territory"], name="ter_account_unique")
        ]
        indexes = [models.Index(fields=["territory", "source"], name="ter_assign_terr_source")]


class RealignmentRun(TimestampedModel):
    """TER-3: one batch realignment of every account, with its progress."""

    Status = RealignmentStatus

    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    total = models.PositiveIntegerField(_("steps to run"), default=0)
    processed = models.PositiveIntegerField(_("steps done"), default=0)
    assigned = models.PositiveIntegerField(_("assignments added"), default=0)
    removed = models.PositiveIntegerField(_("assignments removed"), default=0)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.processed / self.total) if self.total else 0
