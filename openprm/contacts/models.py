"""Persons (contacts), their contact points, preferences and relationships.

A person is one record however many roles it plays (PC-4): a contact of
several accounts, a B2C customer, a partner contact. Relationship-level data
(job title at the customer, the customer's primary contact, the
relationship-associated primary contact point of CON-4) lives on the
relationship, not on the person.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from openprm.contacts.catalog import CONTACT_RECORD_TYPE
from openprm.contacts.normalize import format_phone, search_key
from openprm.core.bases import CustomFieldsModel, TimestampedModel, VersionedModel
from openprm.core.paged_union import PagedUnionQuerySet
from openprm.core.places import region_name

NAME_PREFIX_LENGTH = 2


# The choices that the API takes are module-level classes named after their
# model: the OpenAPI document names an enum by its class, so two nested `Kind`s
# would be one schema there. The models keep their short names as aliases.
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


class ContactPointKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    ADDRESS = "address", _("Address")


class ContactPointPurpose(models.TextChoices):
    WORK = "work", _("Work")
    MOBILE = "mobile", _("Mobile")
    HOME = "home", _("Home")
    OTHER = "other", _("Other")


class ContactPoint(VersionedModel):
    """A phone, e-mail or address of a person (CON-4).

    `is_primary` marks the overall primary of its kind: at most one per
    person and kind, enforced by the database.
    """

    Kind = ContactPointKind
    Purpose = ContactPointPurpose

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_points")
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    purpose = models.CharField(
        _("purpose"), max_length=10, choices=Purpose.choices, default=Purpose.WORK
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True, db_index=True)
    address_line1 = models.CharField(_("address line 1"), max_length=200, blank=True)
    address_line2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("region/state"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = CountryField(_("country"), blank=True)
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        ordering = ["person", "kind", "-is_primary", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(is_primary=True),
                name="contact_point_one_primary_per_kind",
            )
        ]

    def __str__(self) -> str:
        return self.display_value

    @property
    def display_value(self) -> str:
        if self.kind == self.Kind.PHONE:
            return format_phone(self.phone)
        if self.kind == self.Kind.EMAIL:
            return self.email
        region = region_name(self.region)
        parts = (self.address_line1, self.postal_code, self.city, region, str(self.country))
        return ", ".join(p for p in parts if p)

    def restriction_on(self, day: dt.date) -> "ContactPreference | None":
        """The active Do Not preference on `day` (CON-9); needs prefetched preferences."""
        for preference in self.preferences.all():
            if preference.preference == ContactPreference.Choice.DO_NOT and preference.covers(day):
                return preference
        return None

    @property
    def do_not_contact(self) -> bool:
        return self.restriction_on(timezone.localdate()) is not None


class ContactPreferenceChoice(models.TextChoices):
    DO = "do", _("Do contact")
    DO_NOT = "do_not", _("Do not contact")


class ContactPreference(VersionedModel):
    """Do / Do Not use a contact point, with a reason and a period (CON-9, CON-10)."""

    Choice = ContactPreferenceChoice

    contact_point = models.ForeignKey(
        ContactPoint, on_delete=models.CASCADE, related_name="preferences"
    )
    preference = models.CharField(_("preference"), max_length=10, choices=Choice.choices)
    reason_code = models.CharField(_("reason"), max_length=60)
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["contact_point", "-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="contact_preference_period_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_preference_display()} ({self.reason_code})"

    def covers(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class RelationshipType(models.TextChoices):
    CONTACT = "contact", _("Contact of")
    EMPLOYEE = "employee", _("Employee of")
    PURCHASING_AGENT = "purchasing_agent", _("Purchasing agent for")
    ASSISTANT = "assistant", _("Assistant of")
    MANAGER = "manager", _("Manager of")
    COLLEAGUE = "colleague", _("Colleague of")
    FAMILY = "family", _("Family member of")
    OTHER = "other", _("Other")


class Relationship(VersionedModel):
    """A person's relationship to a customer account or to another person (CON-1, CON-12).

    `is_primary_contact` designates the account's one primary contact (CON-3),
    unique per account in the database.
    """

    Type = RelationshipType

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    account = models.ForeignKey(
        "customers.Account",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contact_relationships",
    )
    related_person = models.ForeignKey(
        Person,
        verbose_name=_("related contact"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reverse_relationships",
    )
    relationship_type = models.CharField(
        _("relationship"), max_length=20, choices=Type.choices, default=Type.CONTACT
    )
    job_title = models.CharField(_("job title at the customer"), max_length=120, blank=True)
    is_primary_contact = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        ordering = ["person", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(account__isnull=False) & Q(related_person__isnull=True))
                | (Q(account__isnull=True) & Q(related_person__isnull=False)),
                name="relationship_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(related_person=models.F("person")),
                name="relationship_not_to_self",
            ),
            models.UniqueConstraint(
                fields=["person", "account"],
                condition=Q(account__isnull=False),
                name="relationship_person_account_unique",
            ),
            models.UniqueConstraint(
                fields=["person", "related_person"],
                condition=Q(related_person__isnull=False),
                name="relationship_person_person_unique",
            ),
            models.UniqueConstraint(
                fields=["account"],
                condition=Q(is_primary_contact=True),
                name="relationship_one_primary_contact_per_account",
            ),
        ]

    def __str__(self) -> str:
        target = self.account if self.account_id else self.related_person
        return f"{self.person} - {self.get_relationship_type_display()} {target}"


class RelationshipContactPoint(TimestampedModel):
    """CON-4: the contact point of a kind that is primary for one customer
    relationship (work phone for Acme 1, mobile for Acme 2)."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="primary_points"
    )
    kind = models.CharField(max_length=10, choices=ContactPoint.Kind.choices)
    contact_point = models.ForeignKey(
        ContactPoint, on_delete=models.CASCADE, related_name="relationship_primaries"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "kind"], name="relationship_point_one_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.relationship_id}:{self.kind}"


class Favorite(TimestampedModel):
    """CON-6: a user's favorite contact; favorites are per user."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favorite_contacts"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="favorites")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "person"], name="favorite_contact_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}★{self.person_id}"


class SavedSearch(VersionedModel):
    """CON-7: a named contact search. Predefined ones (`code` set, no owner)
    are seeded by migration and can be neither changed nor deleted."""

    code = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    name = models.CharField(_("name"), max_length=100)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contact_saved_searches",
    )
    criteria = models.JSONField(_("filters"), default=dict, blank=True)
    position = models.PositiveIntegerField(default=100)

    class Meta:
        ordering = ["position", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                condition=Q(owner__isnull=False),
                name="saved_search_name_per_owner",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def predefined(self) -> bool:
        return bool(self.code)


class Household(VersionedModel):
    """CUS-1: a customer that is a group of persons."""

    name = models.CharField(_("name"), max_length=200)
    name_search = models.CharField(max_length=200, editable=False, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_households",
    )

    class Meta:
        ordering = ["name_search", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_search = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class HouseholdMembership(TimestampedModel):
    """A person in a household; deleting the household severs it (CUS-10)."""

    class Role(models.TextChoices):
        HEAD = "head", _("Head of household")
        MEMBER = "member", _("Member")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="household_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["household", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["household", "person"], name="household_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.household}"
