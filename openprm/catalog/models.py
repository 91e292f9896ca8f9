"""The products master (ORD-1): what deals and orders are made of.

Deal registrations and opportunities name products on their lines; the
ordering app extends this same table with bundles and prices.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import VersionedModel
from openprm.core.search import search_key


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

    class Meta:
        ordering = ["name_search", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_search = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("catalog:product_detail", args=[self.pk])
