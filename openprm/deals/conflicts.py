"""Channel-conflict detection (DEAL-3, DEAL-7).

A registration conflicts with another partner's live registration (Submitted,
Returned or Approved) for the same customer — the same account, or the same
tax id, web domain, or name and country — that shares at least one product,
and with an open opportunity of the brand owner on the same account that
shares a product. The same query with the registering partner itself finds
its own duplicates.

Each key is one indexed lookup among live registrations; the products are
compared only for the few rows those lookups return.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from openprm.deals.models import DealRegistration, Opportunity, OpportunityLine, RegistrationLine

SAME_ACCOUNT = "account"
SAME_TAX_ID = "tax_id"
SAME_DOMAIN = "web_domain"
SAME_NAME = "name_country"

REASON_LABELS = {
    SAME_ACCOUNT: _("same customer account"),
    SAME_TAX_ID: _("same tax id"),
    SAME_DOMAIN: _("same web domain"),
    SAME_NAME: _("same customer name and country"),
}


@dataclass(frozen=True)
class Customer:
    """The conflict keys of one registration's customer."""

    account_id: int | None
    tax_id: str
    web_domain: str
    name_key: str
    country: str

    @classmethod
    def of(cls, registration: DealRegistration) -> "Customer":
        return cls(
            registration.account_id,
            registration.tax_id,
            registration.web_domain,
            registration.customer_key,
            str(registration.country or ""),
        )

    def key_q(self) -> Q:
        """Rows sharing at least one key; nothing when no key is known."""
        q = Q(pk__in=[])
        if self.account_id:
            q |= Q(account_id=self.account_id)
        if self.tax_id:
            q |= Q(tax_id=self.tax_id)
        if self.web_domain:
            q |= Q(web_domain=self.web_domain)
        if self.name_key and self.country:
            q |= Q(customer_key=self.name_key, country=self.country)
        return q

    def reasons(self, other: DealRegistration) -> list[str]:
        found = []
        if self.account_id and other.account_id == self.account_id:
            found.append(SAME_ACCOUNT)
        if self.tax_id and other.tax_id == self.tax_id:
            found.append(SAME_TAX_ID)
        if self.web_domain and other.web_domain == self.web_domain:
            found.append(SAME_DOMAIN)
        if (
            self.name_key
            and self.country
            and (other.customer_key, str(other.country or "")) == (self.name_key, self.country)
        ):
            found.append(SAME_NAME)
        return found


@dataclass
class Candidate:
    """A record the registration conflicts with, and why."""

    record: DealRegistration | Opportunity
    reasons: list[str]
    products: list[int] = field(default_factory=list)

    @property
    def is_registration(self) -> bool:
        return isinstance(self.record, DealRegistration)

    @property
    def reason_labels(self) -> list[str]:
        return [str(REASON_LABELS[r]) for r in self.reasons]


def _registrations(
    customer: Customer, products: Collection[int], exclude_pk: int | None
) -> QuerySet[DealRegistration]:
    rows = DealRegistration.objects.filter(customer.key_q(), state__in=DealRegistration.LIVE)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    shared = RegistrationLine.objects.filter(registration=OuterRef("pk"), product_id__in=products)
    return rows.filter(Exists(shared))


def registration_matches(
    customer: Customer,
    products: Collection[int],
    *,
    partner_id: int,
    own: bool,
    exclude_pk: int | None = None,
) -> list[Candidate]:
    """Live registrations for the same customer sharing a product: other
    partners' (`own=False`, conflicts) or the partner's own (duplicates)."""
    if not products:
        return []
    rows = _registrations(customer, products, exclude_pk)
    rows = rows.filter(partner_id=partner_id) if own else rows.exclude(partner_id=partner_id)
    found = list(rows.select_related("partner__account", "account").order_by("pk"))
    shared = _shared_products(
        RegistrationLine.objects.filter(registration__in=[r.pk for r in found]),
        "registration_id",
        products,
    )
    return [Candidate(r, customer.reasons(r), shared.get(r.pk, [])) for r in found]


def opportunity_matches(
    customer: Customer,
    products: Collection[int],
    *,
    partner_id: int,
    exclude_pk: int | None = None,
) -> list[Candidate]:
    """Open opportunities on the same account sharing a product, other than
    the registering partner's own."""
    if not (customer.account_id and products):
        return []
    shared_line = OpportunityLine.objects.filter(
        opportunity=OuterRef("pk"), product_id__in=products
    )
    rows = (
        Opportunity.objects.filter(account_id=customer.account_id, is_open=True)
        .filter(Exists(shared_line))
        .exclude(partner_id=partner_id)
    )
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    found = list(rows.select_related("partner__account", "owner").order_by("pk"))
    shared = _shared_products(
        OpportunityLine.objects.filter(opportunity__in=[o.pk for o in found]),
        "opportunity_id",
        products,
    )
    return [Candidate(o, [SAME_ACCOUNT], shared.get(o.pk, [])) for o in found]


def _shared_products(
    lines: QuerySet[RegistrationLine] | QuerySet[OpportunityLine],
    parent: str,
    products: Collection[int],
) -> dict[int, list[int]]:
    shared: dict[int, list[int]] = {}
    for parent_id, product_id in lines.filter(product_id__in=products).values_list(
        parent, "product_id"
    ):
        shared.setdefault(parent_id, []).append(product_id)
    return shared


def conflicts_of(registration: DealRegistration) -> list[Candidate]:
    """Everything the registration conflicts with, registrations first."""
    products = _product_ids(registration.lines.values_list("product_id", flat=True))
    customer = Customer.of(registration)
    return registration_matches(
        customer,
        products,
        partner_id=registration.partner_id,
        own=False,
        exclude_pk=registration.pk,
    ) + opportunity_matches(
        customer,
        products,
        partner_id=registration.partner_id,
        exclude_pk=registration.opportunity_id,
    )


def duplicates_of(registration: DealRegistration) -> list[Candidate]:
    """The partner's own live registrations of the same deal."""
    products = _product_ids(registration.lines.values_list("product_id", flat=True))
    return registration_matches(
        Customer.of(registration),
        products,
        partner_id=registration.partner_id,
        own=True,
        exclude_pk=registration.pk,
    )


def _product_ids(ids: Iterable[int]) -> list[int]:
    return sorted(set(ids))
