"""The pure create rules of accounts (`customers.rules`), without a database
(CUS-2, CUS-4, CUS-5, PLAT-7, IMP-1)."""

from decimal import Decimal

from openprm.core.customfields.values import CustomDefinitions, CustomFieldSpec
from openprm.core.rules import Refused
from openprm.customers.duplicates import duplicate_place, name_score
from openprm.customers.models import Account
from openprm.customers.normalize import normalized
from openprm.customers.rules import (
    AccountDraft,
    AccountRuleData,
    NewAccount,
    accounts_check,
    state_errors,
)

DATA = AccountRuleData(
    default_type=Account.AccountType.PROSPECT,
    lookups={"INDUSTRY": frozenset({"TECH"}), "ACCOUNT_SIZE": frozenset({"SMALL"})},
    custom_fields=CustomDefinitions((CustomFieldSpec("tier", "account", "number"),)),
)


def accepted(**values: object) -> NewAccount:
    (outcome,) = accounts_check([AccountDraft(**values)], data=DATA)  # type: ignore[arg-type]
    assert isinstance(outcome, NewAccount), outcome
    return outcome


def errors(**values: object) -> dict[str, list[str]]:
    (outcome,) = accounts_check([AccountDraft(**values)], data=DATA)  # type: ignore[arg-type]
    assert isinstance(outcome, Refused)
    return outcome.errors


def test_imp_1_a_batch_answers_each_row_in_order() -> None:
    outcomes = accounts_check(
        [AccountDraft(name="Acme"), AccountDraft(name=" "), AccountDraft(name="Globex")], data=DATA
    )
    assert [type(o) for o in outcomes] == [NewAccount, Refused, NewAccount]


def test_cus_2_name_is_required_and_the_type_defaults_or_is_read_in_any_spelling() -> None:
    assert errors(name="  ") == {"name": ["This field is required."]}
    account = accepted(name="  Acme  ")
    assert (account.name, account.name_search, account.account_type) == ("Acme", "acme", "prospect")
    assert not account.is_sales_account
    customer = accepted(name="Acme", account_type="Customer")
    assert (customer.account_type, customer.is_sales_account) == ("customer", True)
    assert errors(name="Acme", account_type="friend") == {
        "account_type": ["Choose Prospect, Customer, Partner or Competitor."]
    }


def test_cus_4_a_street_address_is_complete_and_the_country_is_iso() -> None:
    assert errors(name="Acme", address_line1="1 Main St") == {
        "city": ["Required when the address has a first line."],
        "postal_code": ["Required when the address has a first line."],
        "country": ["Required when the address has a first line."],
    }
    assert errors(name="Acme", address_line2="Floor 2") == {
        "address_line1": ["Enter the first address line before the second."]
    }
    assert accepted(name="Acme", country="de").country == "DE"
    assert accepted(name="Acme", country="Germany").country == "DE"
    assert accepted(name="Acme", country="DEU").country == "DE"
    assert errors(name="Acme", country="Atlantis") == {
        "country": ["“Atlantis” is not a country we know: write its name or ISO code."]
    }


def test_imp_1_texts_must_fit_their_columns_with_django_s_own_messages() -> None:
    assert errors(name="n" * 201, city="c" * 101, postal_code="p" * 21) == {
        "name": ["Ensure this value has at most 200 characters (it has 201)."],
        "city": ["Ensure this value has at most 100 characters (it has 101)."],
        "postal_code": ["Ensure this value has at most 20 characters (it has 21)."],
    }


def test_cus_5_currency_revenue_and_flags() -> None:
    account = accepted(name="Acme", annual_revenue=" 1200.50 ", currency="eur", named="yes")
    assert (account.annual_revenue, account.currency, account.named) == (
        Decimal("1200.50"),
        "EUR",
        True,
    )
    assert accepted(name="Acme").currency == "USD"
    assert errors(name="Acme", currency="") == {
        "currency": ["Enter a three-letter ISO currency code."]
    }
    assert errors(name="Acme", annual_revenue="lots") == {"annual_revenue": ["Enter a number."]}
    assert errors(name="Acme", annual_revenue="Infinity") == {"annual_revenue": ["Enter a number."]}
    assert errors(name="Acme", annual_revenue="-1") == {
        "annual_revenue": ["Revenue cannot be negative."]
    }
    assert errors(name="Acme", annual_revenue="1.125") == {
        "annual_revenue": ["Ensure that there are no more than 2 decimal places."]
    }
    assert errors(name="Acme", existing="perhaps") == {"existing": ["Enter yes or no."]}


def test_plat_4_industry_and_size_are_known_lookup_codes() -> None:
    assert accepted(name="Acme", industry="TECH", size="SMALL").industry == "TECH"
    assert errors(name="Acme", industry="MINING") == {
        "industry": ["“MINING” is not a known value."]
    }


def test_plat_4_an_edit_keeps_a_lookup_value_retired_since_it_was_chosen() -> None:
    """`state_errors` checks industry and size only when they change."""
    state = {**normalized({"name": "Acme", "industry": "OLD"}), "account_type": "customer"}
    state |= {k: v for k, v in accepted(name="x")._asdict().items() if k not in state}
    assert state_errors(state, DATA.lookups, changed={"name"}) == {}
    assert "industry" in state_errors(state, DATA.lookups, changed={"industry"})


def test_plat_7_custom_values_are_checked_against_the_definitions_passed_in() -> None:
    assert accepted(name="Acme", custom={"tier": "2"}).custom == {"tier": 2}
    assert errors(name="Acme", custom={"tier": "gold"}) == {"custom.tier": ["Enter a number."]}


def test_cus_1_duplicates_share_one_place_and_one_name_measure() -> None:
    """Near-identical names at the same postal code and country; the place
    is read in any case, and names that normalize alike (even to nothing)
    are alike."""
    assert duplicate_place(" sw1a 1aa ", "gb") == ("GB", "SW1A 1AA")
    assert duplicate_place("", "GB") is None
    assert name_score("acme inc", "acme inc.") >= 90
    assert name_score("acme", "globex") == 0
    assert name_score("", "") == 100
