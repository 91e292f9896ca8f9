"""A list filtered by a closed set of codes takes exactly that set's enum:
a code outside it is a 422 problem naming the filter, never an empty list
that reads as "none of those"."""

from typing import Any

import pytest

from openprm.identity.models import User

FILTERS = [
    ("/api/v1/products", "type", "bundle"),  # ORD-1, ORD-8
    ("/api/v1/catalog/offer", "type", "service"),  # ORD-1
    ("/api/v1/price-lists", "audience", "tier"),  # ORD-1
    ("/api/v1/accounts", "account_type", "prospect"),  # CUS-2
    ("/api/v1/legal-entities", "kind", "internal"),  # CUS-7
    ("/api/v1/billing-accounts", "status", "suspended"),  # CUS-8
    ("/api/v1/users", "user_type", "partner"),  # PLAT-1
    ("/api/v1/partner-applications", "state", "under_review"),  # PRG-1
    ("/api/v1/territories", "territory_type", "overlay"),  # TER-1
    ("/api/v1/registrations", "state", "approved"),  # DEAL-2
    ("/api/v1/opportunities", "stage", "proposal"),  # DEAL-1
    ("/api/v1/leads", "status", "offered"),  # DEAL-4
    ("/api/v1/orders", "state", "in_progress"),  # ORD-3
    ("/api/v1/assets", "status", "inactive"),  # ORD-5
    ("/api/v1/partner-setup", "missing", "first_sign_in"),  # PRG-9
]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name", "known"), FILTERS)
def test_a_list_filter_takes_only_its_enums_codes(
    admin_user: User, api_client_for: Any, path: str, name: str, known: str
) -> None:
    """ORD-1, ORD-3, ORD-5, CUS-2, CUS-7, CUS-8, PLAT-1, PRG-1, PRG-9,
    TER-1, DEAL-1, DEAL-2, DEAL-4: one of the codes
    lists; a misspelt or retired code is refused, with the filter named."""
    client = api_client_for(admin_user)
    assert client.get(path, {name: known}).status_code == 200
    refused = client.get(path, {name: f"{known}_typo"})
    assert (refused.status_code, refused["Content-Type"]) == (422, "application/problem+json")
    assert name in {error["field"] for error in refused.json()["errors"]}
