"""A person: one record however many roles it plays (PC-4)."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from openprm.contacts.catalog import CONTACT_RECORD_TYPE
from openprm.contacts.normalize import search_key
from openprm.core.bases import CustomFieldsModel, VersionedModel
from openprm.core.paged_union import PagedUnionQuerySet

NAME_PREFIX_LENGTH = 2


class PersonKind(models.TextChoices):
    B2B = "b2b", _("B2B (contact of an organization)")
    B2C = "b2c", _("B2C (individual customer)")


class Person(VersionedModel, CustomFieldsModel):
    """A contact (CON-1): B2B (of an organization) or B2C (an individual customer).

    `name_prefix`, the first letters of `name_search`, is computed by the
    database, so a full-name prefix search can walk contacts in name order
    within one prefix (index `contact_person_prefix_order`) instead of sorting
    every match.
    """

    record_type = CONTACT_RECORD_TYPE

    Kind = PersonKind

    salutation = models.CharField(
        _("salutation"), max_length=30, blank=True, help_text=_("A SALUTATION lookup code.")
    )
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    name_search = models.CharField(max_length=210, editable=False, db_index=True)
    last_name_search = models.CharField(max_length=100, editable=False)
    name_prefix = models.GeneratedField(
        expression=Substr("name_search", 1, NAME_PREFIX_LENGTH),
        output_field=models.CharField(max_length=NAME_PREFIX_LENGTH),
        db_persist=True,
    )
    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices, default=Kind.B2B)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    is_key_contact = models.BooleanField(_("key contact"), default=False)
    picture = models.ImageField(_("picture"), upload_to="contacts/pictures/", blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_contacts",
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = PagedUnionQuerySet.as_manager()

    class Meta:
        ordering = ["last_name_search", "name_search", "pk"]
        indexes = [
            # The name order of every contact list, and last-name prefixes.
            models.Index(
                fields=["last_name_search", "name_search", "id"], name="contact_person_name_order"
            ),
            # Full-name prefixes in the same order, when many (contacts.filters.name_arms).
            models.Index(
                fields=["name_prefix", "last_name_search", "name_search", "id"],
                name="contact_person_prefix_order",
            ),
        ]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_search = search_key(self.full_name)
        self.last_name_search = search_key(self.last_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
