"""Small builders shared by the teams and territories tests."""

from typing import Any

from openprm.customers.models import Account
from openprm.identity.models import Resource, User
from openprm.territories.models import Territory, TerritoryCriterion, TerritoryMember


def account(name: str = "Acme", owner: User | None = None, **fields: Any) -> Account:
    fields.setdefault("account_type", Account.AccountType.CUSTOMER)
    fields.setdefault("is_sales_account", True)
    return Account.objects.create(name=name, owner=owner, **fields)


def resource_for(user: User | None, manager: Resource | None = None, **fields: Any) -> Resource:
    name = user.username if user else fields.pop("name", "resource")
    return Resource.objects.create(name=name, user=user, manager=manager, **fields)


def territory(name: str = "West", members: tuple[Resource, ...] = (), **criteria: str) -> Territory:
    """A Prime territory with one criterion per keyword (country="US", ...)."""
    created = Territory.objects.create(name=name)
    for dimension, value in criteria.items():
        TerritoryCriterion.objects.create(territory=created, dimension=dimension, value=value)
    for member in members:
        TerritoryMember.objects.create(territory=created, resource=member)
    return created
