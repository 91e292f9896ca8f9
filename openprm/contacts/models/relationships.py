"""A person's relationships with customers and other persons, and the
relationship-level primary contact points of CON-4."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openprm.contacts.models.contact_points import ContactPoint
from openprm.contacts.models.persons import Person
from openprm.core.bases import TimestampedModel, VersionedModel


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
