"""CON-7: My Contacts and My Business Contacts find the same contacts
whichever plan reads them — starting from the user's few accounts, or
checking each contact's relationships when the accounts are many (issue 19)."""

import pytest

from openprm.contacts import selectors
from openprm.contacts.filters import ContactFilter
from openprm.contacts.models import Person, SavedSearch
from openprm.contacts.selectors import lists
from openprm.customers.models import Account
from openprm.customers.services import account_delete
from openprm.identity.models import User
from tests.contacts.helpers import make_account, make_contact
from tests.factories import as_actor

pytestmark = pytest.mark.django_db

FEW = 3
SEARCHES = (selectors.MY_CONTACTS, selectors.MY_BUSINESS)


def _world(salesperson: User, sales_admin: User) -> None:
    """The salesperson owns FEW accounts, the sales administrator more: sales
    and non-sales accounts, a deleted one, contacts of several accounts, of
    other owners' accounts and of none, and an inactive contact."""
    mine = [make_account(salesperson), make_account(salesperson, sales=False)]
    theirs = [make_account(sales_admin) for _ in range(FEW + 2)]
    theirs.append(make_account(sales_admin, sales=False))
    deleted = make_account(salesperson)
    make_contact(sales_admin, "Both", mine[0], theirs[0])
    make_contact(sales_admin, "Mine non-sales", mine[1])
    make_contact(sales_admin, "Theirs", theirs[1], theirs[2])
    make_contact(sales_admin, "Theirs non-sales", theirs[-1])
    make_contact(sales_admin, "Of a deleted account", deleted)
    account_delete(actor=as_actor(sales_admin), account=deleted)
    make_contact(sales_admin, "Of nobody")
    gone = make_contact(sales_admin, "Inactive", mine[0], theirs[3])
    Person.objects.filter(pk=gone.pk).update(is_active=False)


def _expected(user: User, code: str) -> set[str]:
    """CON-7 read from the rows: active contacts related to an active
    account the user owns (a sales account for My Contacts)."""
    accounts = Account.objects.filter(owner=user, is_active=True)
    if code == selectors.MY_CONTACTS:
        accounts = accounts.filter(is_sales_account=True)
    persons = Person.objects.filter(is_active=True, relationships__account__in=accounts)
    return set(persons.values_list("last_name", flat=True))


def _found(user: User, code: str) -> tuple[set[str], str]:
    """The names the search lists, and its SQL."""
    search = SavedSearch.objects.get(code=code)
    contacts = selectors.contact_list(
        actor=as_actor(user), filters=ContactFilter(), saved_search=search
    )
    return {p.last_name for p in contacts}, str(contacts.query)


def test_con_7_my_contacts_are_the_same_for_few_accounts_and_many(
    salesperson: User, sales_admin: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan follows the number of accounts (the salesperson's few start
    from them, the sales administrator's many are checked per contact); the
    contacts found are those CON-7 names, and the same under either plan."""
    _world(salesperson, sales_admin)
    monkeypatch.setattr(lists, "SMALL_REACH", FEW)
    by_plan = {}
    for user, few in ((salesperson, True), (sales_admin, False)):
        for code in SEARCHES:
            found, sql = _found(user, code)
            assert found == _expected(user, code), (user.username, code)
            assert ('"contacts_person"."id" IN (SELECT' in sql) is few, (user.username, code)
            by_plan[user.username, code] = found
    assert by_plan["sales", selectors.MY_CONTACTS] == {"Both"}
    assert by_plan["sales", selectors.MY_BUSINESS] == {"Both", "Mine non-sales"}
    for limit in (0, 10**6):
        monkeypatch.setattr(lists, "SMALL_REACH", limit)
        for user in (salesperson, sales_admin):
            for code in SEARCHES:
                assert _found(user, code)[0] == by_plan[user.username, code]
