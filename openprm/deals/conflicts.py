"""Channel-conflict detection (DEAL-3, DEAL-7).

A registration conflicts with another partner's live registration (Submitted,
Returned or Approved) for the same customer — the same account, or the same
tax id, web domain, or name and country — that shares at least one product,
and with an open opportunity on the same account that shares a product and
is not the registering partner's own. The same search among the partner's
own live registrations finds its duplicates.

The check runs at every submission and approval, among millions of
registrations, so it is one SQL statement: each key is an index lookup
(account, tax id, web domain, name and country, each with the state), and
the shared products come back in the same rows. Records are loaded only for
the page that shows the candidates (`with_records`).

The registrations queue shows a count per row: `conflict_counts` reads the
counts of a whole page in one statement, by the same keys and rules.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models
from django.db.models import Model
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


class ConflictKind(models.TextChoices):
    """What a conflicting deal is (DEAL-3), the API's `ConflictKind`."""

    REGISTRATION = "registration", _("Deal registration")
    OPPORTUNITY = "opportunity", _("Opportunity")


REGISTRATION = ConflictKind.REGISTRATION
OPPORTUNITY = ConflictKind.OPPORTUNITY


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

    def reasons(
        self, account_id: Any, tax_id: str, domain: str, key: str, country: str
    ) -> list[str]:
        found = []
        if self.account_id and account_id == self.account_id:
            found.append(SAME_ACCOUNT)
        if self.tax_id and tax_id == self.tax_id:
            found.append(SAME_TAX_ID)
        if self.web_domain and domain == self.web_domain:
            found.append(SAME_DOMAIN)
        if self.name_key and self.country and (key, country) == (self.name_key, self.country):
            found.append(SAME_NAME)
        return found


@dataclass
class Candidate:
    """A deal the registration conflicts with, why, and the products they share."""

    kind: ConflictKind
    pk: int
    partner_id: int | None
    state: str
    reasons: list[str]
    products: list[int] = field(default_factory=list)
    record: Model | None = None

    @property
    def is_registration(self) -> bool:
        return self.kind == REGISTRATION

    @property
    def is_pending(self) -> bool:
        return self.is_registration and self.state in DealRegistration.PENDING

    @property
    def reason_labels(self) -> list[str]:
        return [str(REASON_LABELS[r]) for r in self.reasons]


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _key_sql(customer: Customer) -> tuple[str, list[Any]]:
    """The OR of the keys the customer has; None when it has none."""
    terms, params = [], []
    if customer.account_id:
        terms.append("r.account_id = %s")
        params.append(customer.account_id)
    if customer.tax_id:
        terms.append("r.tax_id = %s")
        params.append(customer.tax_id)
    if customer.web_domain:
        terms.append("r.web_domain = %s")
        params.append(customer.web_domain)
    if customer.name_key and customer.country:
        terms.append("(r.customer_key = %s AND r.country = %s)")
        params += [customer.name_key, customer.country]
    return " OR ".join(terms), params


def _statement(
    customer: Customer, registration_id: int, partner_id: int, *, own: bool, opportunities: bool
) -> tuple[str, list[Any]]:
    keys, key_params = _key_sql(customer)
    products = f"SELECT product_id FROM {_table(RegistrationLine)} WHERE registration_id = %s"  # noqa: S608
    parts, params = [], []
    if keys:
        live = ", ".join(["%s"] * len(DealRegistration.LIVE))
        partner = "r.partner_id = %s" if own else "r.partner_id <> %s"
        parts.append(
            f"SELECT 'r', r.id, r.partner_id, r.state, r.account_id, r.tax_id, r.web_domain, "  # noqa: S608
            f"r.customer_key, r.country, l.product_id FROM {_table(DealRegistration)} r "
            f"JOIN {_table(RegistrationLine)} l ON l.registration_id = r.id "
            f"WHERE ({keys}) AND r.state IN ({live}) AND {partner} AND r.id <> %s "
            f"AND l.product_id IN ({products})"
        )
        params += [
            *key_params,
            *DealRegistration.LIVE,
            partner_id,
            registration_id,
            registration_id,
        ]
    if opportunities and customer.account_id:
        parts.append(
            f"SELECT 'o', o.id, o.partner_id, o.stage, o.account_id, '', '', '', '', "  # noqa: S608
            f"l.product_id FROM {_table(Opportunity)} o "
            f"JOIN {_table(OpportunityLine)} l ON l.opportunity_id = o.id "
            f"WHERE o.account_id = %s AND o.is_open = %s "
            f"AND (o.partner_id IS NULL OR o.partner_id <> %s) "
            f"AND l.product_id IN ({products})"
        )
        params += [customer.account_id, True, partner_id, registration_id]
    return " UNION ALL ".join(parts), params


def _search(registration: DealRegistration, *, own: bool, opportunities: bool) -> list[Candidate]:
    customer = Customer.of(registration)
    sql, params = _statement(
        customer, registration.pk, registration.partner_id, own=own, opportunities=opportunities
    )
    if not sql:
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found: dict[tuple[ConflictKind, int], Candidate] = {}
    for kind, pk, partner_id, state, account, tax, domain, key, country, product in rows:
        kind = REGISTRATION if kind == "r" else OPPORTUNITY
        if kind == OPPORTUNITY and pk == registration.opportunity_id:
            continue
        candidate = found.get((kind, pk))
        if candidate is None:
            reasons = (
                customer.reasons(account, tax, domain, key, country)
                if kind == REGISTRATION
                else [SAME_ACCOUNT]
            )
            candidate = found[(kind, pk)] = Candidate(kind, pk, partner_id, state, reasons)
        candidate.products.append(product)
    return sorted(found.values(), key=lambda c: (c.kind != REGISTRATION, c.pk))


def conflicts_of(registration: DealRegistration) -> list[Candidate]:
    """Everything the registration conflicts with, registrations first."""
    return _search(registration, own=False, opportunities=True)


def duplicates_of(registration: DealRegistration) -> list[Candidate]:
    """The partner's own live registrations of the same deal."""
    return _search(registration, own=True, opportunities=False)


KEY_JOINS = (
    "r.account_id = s.account_id",
    "s.tax_id <> '' AND r.tax_id = s.tax_id",
    "s.web_domain <> '' AND r.web_domain = s.web_domain",
    "s.customer_key <> '' AND s.country <> '' "
    "AND r.customer_key = s.customer_key AND r.country = s.country",
)
"""The join of a registration `s` to a candidate `r` by each key, as
`Customer.reasons` reads them: one join per key, so each is an index lookup.
The joins are written CROSS JOIN, which SQLite reads as "the page first"
(it would otherwise scan every live registration, or open opportunity, and
probe the page for each); PostgreSQL plans a CROSS JOIN with a WHERE like
any inner join. Each part names the page's ids itself: a common table
expression of them, read by five parts, made SQLite's statement ten times
slower than its parts (measured at 5,000 pending registrations)."""


def _shares_a_product(lines: type[Model], parent: str, candidate: str) -> str:
    """The candidate has a line with one of the page registration's products."""
    own = f"SELECT product_id FROM {_table(RegistrationLine)} WHERE registration_id = s.id"  # noqa: S608
    return (
        f"EXISTS (SELECT 1 FROM {_table(lines)} cl WHERE cl.{parent} = {candidate}.id "  # noqa: S608
        f"AND cl.product_id IN ({own}))"
    )


def _counts_statement(ids: Sequence[int]) -> tuple[str, list[Any]]:
    registrations = _table(DealRegistration)
    page = f"{registrations} s"
    ids_in = f"s.id IN ({', '.join(['%s'] * len(ids))})"
    live = ", ".join(["%s"] * len(DealRegistration.LIVE))
    parts, params = [], []
    for key in KEY_JOINS:
        parts.append(
            f"SELECT s.id AS source, 'r' AS kind, r.id AS candidate "  # noqa: S608
            f"FROM {page} CROSS JOIN {registrations} r "
            f"WHERE {ids_in} AND {key} AND r.state IN ({live}) "
            f"AND r.partner_id <> s.partner_id AND r.id <> s.id "
            f"AND {_shares_a_product(RegistrationLine, 'registration_id', 'r')}"
        )
        params += [*ids, *DealRegistration.LIVE]
    parts.append(
        f"SELECT s.id, 'o', o.id FROM {page} CROSS JOIN {_table(Opportunity)} o "  # noqa: S608
        f"WHERE {ids_in} AND o.account_id = s.account_id AND o.is_open = %s "
        f"AND (o.partner_id IS NULL OR o.partner_id <> s.partner_id) "
        f"AND (s.opportunity_id IS NULL OR o.id <> s.opportunity_id) "
        f"AND {_shares_a_product(OpportunityLine, 'opportunity_id', 'o')}"
    )
    params += [*ids, True]
    sql = f"SELECT source, COUNT(*) FROM ({' UNION '.join(parts)}) found GROUP BY source"  # noqa: S608
    return sql, params


def conflict_counts(registrations: Sequence[DealRegistration]) -> dict[int, int]:
    """How many deals each registration conflicts with (`conflicts_of`'s
    length), for a page of them in one statement; those with none are left
    out. UNION keeps a candidate matched by two keys once."""
    ids = [r.pk for r in registrations]
    if not ids:
        return {}
    sql, params = _counts_statement(ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def with_records(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates with their records, for the pages that show them."""
    registrations = DealRegistration.objects.select_related("partner__account").in_bulk(
        [c.pk for c in candidates if c.is_registration]
    )
    opportunities = Opportunity.objects.select_related("partner__account").in_bulk(
        [c.pk for c in candidates if not c.is_registration]
    )
    for candidate in candidates:
        source = registrations if candidate.is_registration else opportunities
        candidate.record = source.get(candidate.pk)
    return [c for c in candidates if c.record is not None]
