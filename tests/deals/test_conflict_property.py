"""DEAL-7: the indexed conflict query equals a plain-Python reading of the rule."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openprm.catalog.models import Product
from openprm.customers.models import Account
from openprm.deals.conflicts import conflicts_of
from openprm.deals.models import DealRegistration, RegistrationLine

pytestmark = pytest.mark.django_db
State = DealRegistration.State

registration = st.fixed_dictionaries(
    {
        "partner": st.integers(0, 1),
        "state": st.sampled_from(State.values),
        "account": st.sampled_from([None, 0, 1]),
        "tax_id": st.sampled_from(["", "T1", "T2"]),
        "web_domain": st.sampled_from(["", "a.com", "b.com"]),
        "customer_key": st.sampled_from(["", "acme", "globex"]),
        "country": st.sampled_from(["", "US", "DE"]),
        "products": st.sets(st.integers(0, 2), max_size=3),
    }
)


def _shares_a_key(one: dict[str, Any], other: dict[str, Any]) -> bool:
    return (
        (one["account"] is not None and one["account"] == other["account"])
        or (one["tax_id"] != "" and one["tax_id"] == other["tax_id"])
        or (one["web_domain"] != "" and one["web_domain"] == other["web_domain"])
        or (
            one["customer_key"] != ""
            and one["country"] != ""
            and (one["customer_key"], one["country"]) == (other["customer_key"], other["country"])
        )
    )


def reference(rows: list[dict[str, Any]], target: int) -> set[int]:
    """Other partners' live registrations sharing a key and a product."""
    me = rows[target]
    return {
        index
        for index, other in enumerate(rows)
        if index != target
        and other["partner"] != me["partner"]
        and other["state"] in DealRegistration.LIVE
        and _shares_a_key(me, other)
        and me["products"] & other["products"]
    }


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(registration, min_size=1, max_size=12), data=st.data())
def test_deal_7_conflict_check_equals_the_reference(
    two_partners: dict[str, Any],
    products: dict[str, Product],
    customer: Account,
    rows: list[dict[str, Any]],
    data: st.DataObject,
) -> None:
    DealRegistration.objects.all().delete()
    partners = [two_partners["nw"], two_partners["co"], two_partners["nw"]]
    partners[2] = (
        type(partners[0]).objects.exclude(pk__in=[p.pk for p in partners[:2]]).first()
        or (partners[0])
    )
    accounts = [customer, Account.objects.exclude(pk=customer.pk).first()]
    product_ids = [p.pk for p in products.values()]
    owner = two_partners["nw_rep"].user
    saved = []
    for row in rows:
        saved.append(
            DealRegistration.objects.create(
                partner=partners[row["partner"]],
                owner=owner,
                title="deal",
                state=row["state"],
                account=None if row["account"] is None else accounts[row["account"]],
                tax_id=row["tax_id"],
                web_domain=row["web_domain"],
                customer_key=row["customer_key"],
                country=row["country"],
                close_date=dt.date(2030, 1, 1),
            )
        )
        RegistrationLine.objects.bulk_create(
            RegistrationLine(registration=saved[-1], product_id=product_ids[p], amount=Decimal(1))
            for p in row["products"]
        )
    target = data.draw(st.integers(0, len(rows) - 1))
    found = {c.pk for c in conflicts_of(saved[target]) if c.is_registration}
    assert found == {saved[i].pk for i in reference(rows, target)}
