"""Every list page reads its rows in a constant number of statements,
whatever the page's length: a page of 3 rows asks the database exactly as
often as a page of 1 (no statement per row). Measured on the demo for each
role that may open the page — administrator, channel manager, salesperson
and a partner user — so a row's cell that reads a related record without
the selector's join shows up here, not as a slow page in production.
(Issue 19: the query-count guard per page family; the timings are in
benchmarks/, never in tests.)"""

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from openprm.contacts import services
from openprm.contacts.models import ContactPoint, Person
from openprm.core import access, listing
from openprm.core.actor import actor_of
from openprm.core.views.generic import RecordList
from openprm.customers.models import Account, BillingAccount, Note
from openprm.deals.models import DealRegistration, Opportunity
from openprm.identity.models import User
from openprm.orders.models import Order
from openprm.partners.models import PartnerContact, PartnerProfile

pytestmark = pytest.mark.django_db

USERNAMES = ("admin", "cam", "sales", "nw-admin")
SHORT, LONG = 1, 3


def _list_routes(patterns: Any = None, namespace: str = "") -> Iterator[str]:
    """The names of the list pages whose URL takes no argument."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if not getattr(entry.pattern, "converters", {}):
                yield from _list_routes(entry.url_patterns, inner)
            continue
        assert isinstance(entry, URLPattern)
        view = getattr(entry.callback, "view_class", None)
        takes_arguments = entry.pattern.regex.groups or getattr(entry.pattern, "converters", {})
        if view and issubclass(view, RecordList) and entry.name and not takes_arguments:
            yield f"{namespace}{entry.name}"


ROUTES = sorted(set(_list_routes()))


def _read(
    client: Client, url: str, per_page: int, patch: pytest.MonkeyPatch
) -> tuple[int, int, bool]:
    """The page's statements and rows at `per_page` rows a page, and whether
    more rows follow (the pages compared both have a next page, so both
    count the total)."""
    patch.setattr(listing.read_page, "__defaults__", (per_page,))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), len(response.context["rows"]), response.context["page_obj"].has_next


def test_every_list_page_reads_a_page_in_the_same_number_of_statements(demo: str) -> None:
    """Issue 19: a constant number of queries whatever the page size, for
    every list family and every role that opens it."""
    grew = []
    for username in USERNAMES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        for name in ROUTES:
            url = reverse(name)
            if client.get(url).status_code != 200:
                continue  # refused to this role: the access matrix proves that
            with pytest.MonkeyPatch.context() as patch:
                short_queries, short_rows, _more = _read(client, url, SHORT, patch)
                long_queries, long_rows, more = _read(client, url, LONG, patch)
            if more:
                grew.append(f"{username} {name}")
                assert long_queries == short_queries, (
                    f"{name} as {username}: {short_queries} statements for {short_rows} rows, "
                    f"{long_queries} for {long_rows}"
                )
    families = {page.split()[1] for page in grew}
    assert len(families) >= 25, f"only {len(families)} list families compared: {sorted(families)}"
    assert len(grew) >= 50, f"only {len(grew)} pages had rows enough to compare"


def _statements(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_the_contact_page_reads_in_the_same_number_of_statements_whatever_its_relationships(
    demo: str,
) -> None:
    """Issue 19, CON-12, TEAM-5: which of the contact's relationships the
    actor sees, and whether it may edit them, is decided once for the page,
    not per relationship; nor does a row read its customer or contact alone."""
    for username in ("admin", "sales"):
        user = User.objects.get(username=username)
        actor = actor_of(user)
        accounts = list(access.visible(Account, actor).order_by("pk")[:6])
        person = (
            access.visible(Person, actor)
            .filter(relationships__account__in=accounts[:1])
            .order_by("pk")
            .first()
        )
        assert person is not None, username
        client = Client()
        client.force_login(user)
        url = reverse("contacts:contact_detail", args=[person.pk])
        client.get(url)
        few = _statements(client, url)
        related = set(person.relationships.values_list("account_id", flat=True))
        for account in [a for a in accounts if a.pk not in related][:3]:
            services.relationship_add(actor=actor, person=person, account=account)
        other = (
            access.visible(Person, actor)
            .exclude(pk=person.pk)
            .exclude(relationships__related_person=person)
            .exclude(reverse_relationships__person=person)
            .order_by("pk")
            .first()
        )
        assert other is not None, username
        services.relationship_add(actor=actor, person=person, related_person=other)
        services.relationship_add(actor=actor, person=other, related_person=person)
        assert _statements(client, url) == few, username


def _copies(rows: Any, count: int, **unique: Any) -> None:
    """`count` more rows like the first of `rows` (`unique` makes each
    copy's unique columns: a function of its number)."""
    first = rows.order_by("pk").first()
    assert first is not None, rows.model.__name__
    for number in range(count):
        first.pk = None
        first._state.adding = True
        for name, make in unique.items():
            setattr(first, name, make(number))
        first.save()


def _more_order_lines(order: Order) -> None:
    _copies(
        order.lines.filter(parent=None), 3, key=lambda n: uuid.uuid4(), position=lambda n: 1000 + n
    )


def _more_partner_contacts(partner_id: int) -> None:
    for number in range(3):
        person = Person.objects.create(first_name=f"Extra{number}", last_name="Colleague")
        PartnerContact.objects.create(partner_id=partner_id, person=person, level="contact")


DETAIL_PAGES: list[tuple[str, str, str, Any, Any]] = [
    # (route, tab, username, the record, more of the rows its page lists)
    (
        "customers:account_detail",
        "notes",
        "admin",
        lambda: Account.objects.filter(is_active=True).order_by("pk").first(),
        lambda account: [
            Note.objects.create(account=account, text=f"Call back {n}") for n in range(4)
        ],
    ),
    (
        "customers:account_detail",
        "billing",
        "admin",
        lambda: BillingAccount.objects.order_by("pk").first().account,
        lambda account: _copies(
            account.billing_accounts, 3, number=lambda n: f"Q19-{account.pk}-{n}"
        ),
    ),
    (
        "partners:partner_detail",
        "contacts",
        "cam",
        lambda: PartnerProfile.objects.order_by("pk").first(),
        lambda partner: _more_partner_contacts(partner.pk),
    ),
    (
        "deals:opportunity_detail",
        "",
        "admin",
        lambda: Opportunity.objects.filter(lines__isnull=False).order_by("pk").first(),
        lambda deal: _copies(deal.lines, 3),
    ),
    (
        "deals:registration_detail",
        "",
        "admin",
        lambda: (
            DealRegistration.objects.filter(lines__isnull=False)
            .exclude(state="draft")
            .order_by("pk")
            .first()
        ),
        lambda registration: _copies(registration.lines, 3),
    ),
    (
        "orders:order_detail",
        "",
        "admin",
        lambda: Order.objects.filter(lines__isnull=False).order_by("pk").first(),
        _more_order_lines,
    ),
    (
        "portal:order_detail",
        "",
        "nw-admin",
        lambda: (
            Order.objects.filter(lines__isnull=False, partner__contacts__user__username="nw-admin")
            .order_by("pk")
            .first()
        ),
        _more_order_lines,
    ),
    (
        "portal:registration_detail",
        "",
        "nw-admin",
        lambda: (
            DealRegistration.objects.filter(
                lines__isnull=False, partner__contacts__user__username="nw-admin"
            )
            .order_by("pk")
            .first()
        ),
        lambda registration: _copies(registration.lines, 3),
    ),
    (
        "portal:contact_detail",
        "",
        "nw-admin",
        lambda: (
            PartnerContact.objects.filter(
                person__contact_points__isnull=False, partner__contacts__user__username="nw-admin"
            )
            .order_by("pk")
            .first()
        ),
        lambda contact: [
            ContactPoint.objects.create(
                person=contact.person, kind="email", email=f"x{n}@nw.example"
            )
            for n in range(3)
        ],
    ),
]


@pytest.mark.parametrize(
    ("route", "tab", "username", "record", "more"),
    DETAIL_PAGES,
    ids=[f"{route} {tab}".strip() for route, tab, *_rest in DETAIL_PAGES],
)
def test_a_record_page_reads_in_the_same_number_of_statements_whatever_its_rows(
    demo: str, route: str, tab: str, username: str, record: Any, more: Any
) -> None:
    """Issue 19: a detail page reads the rows it lists (an account's notes
    and billing accounts, a partner's people, a deal's, a registration's and
    an order's lines, a portal contact's points) in one statement, not one
    per row, for the role that works on it (PA-2, DEAL-9, ORD-6)."""
    found = record()
    assert found is not None, route
    client = Client()
    client.force_login(User.objects.get(username=username))
    url = reverse(route, args=[found.pk]) + (f"?tab={tab}" if tab else "")
    client.get(url)
    few, short = _statements_and_length(client, url)
    more(found)
    many, long = _statements_and_length(client, url)
    assert long > short, f"{url} shows no more rows"
    assert many == few, url


def _statements_and_length(client: Client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), len(response.content)
