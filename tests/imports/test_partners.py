"""Importing partners and partner contacts through the partner services
(IMP-1; PA-2, PA-6, PC-1, CON-2)."""

from collections.abc import Callable

import pytest

from openprm.core.errors import PermissionRefused
from openprm.customers.models import Account
from openprm.identity.models import User
from openprm.imports.models import ImportJob
from openprm.partners.models import PartnerContact, PartnerProfile
from tests.imports.conftest import csv_bytes

Run = Callable[..., ImportJob]
PARTNER_HEADER = [
    "External ID",
    "Name",
    "City",
    "Country",
    "Contact first name",
    "Contact last name",
]
PARTNER_MAPPING = {
    "External ID": "external_id",
    "Name": "name",
    "City": "city",
    "Country": "country",
    "Contact first name": "contact_first_name",
    "Contact last name": "contact_last_name",
}


def _reasons(job: ImportJob) -> dict[int, str]:
    return {r.line: r.reason_text for r in job.rejects.all()}


def _import_partners(channel_manager: User, run_import: Run) -> ImportJob:
    return run_import(
        channel_manager,
        "partners",
        csv_bytes(
            PARTNER_HEADER,
            [
                ["P1", "Northwind", "Boston", "US", "Pat", "Lee"],
                ["P2", "Southwind", "Austin", "US", "Sam", "Kay"],
                ["P3", "Solo", "Austin", "US", "", ""],
            ],
        ),
        mapping=PARTNER_MAPPING,
    )


def test_imp_1_pa_2_pa_6_partners_import_by_the_partner_rules(
    channel_manager: User, run_import: Run
) -> None:
    job = _import_partners(channel_manager, run_import)
    assert (job.accepted_rows, job.rejected_rows) == (2, 1)
    assert "primary contact" in _reasons(job)[4]
    partner = PartnerProfile.objects.get(account__name="Northwind")
    assert partner.account.account_type == Account.AccountType.PARTNER
    assert (partner.managed_partner, partner.status) == (True, PartnerProfile.Status.ACTIVE)
    primary = partner.contacts.get()
    assert (primary.person.last_name, primary.is_primary) == ("Lee", True)
    renamed = run_import(
        channel_manager,
        "partners",
        csv_bytes(PARTNER_HEADER, [["P9", "Northwind", "Boston", "US", "Al", "Bo"]]),
        mapping=PARTNER_MAPPING,
    )
    assert "Northwind" in _reasons(renamed)[2]  # the account duplicate rule, by name
    again = _import_partners(channel_manager, run_import)
    assert (again.accepted_rows, again.skipped_rows) == (0, 2)
    assert PartnerProfile.objects.count() == 2


def test_imp_1_pc_1_con_2_partner_contacts_import(channel_manager: User, run_import: Run) -> None:
    _import_partners(channel_manager, run_import)
    job = run_import(
        channel_manager,
        "partner_contacts",
        csv_bytes(
            ["External ID", "Partner ID", "Partner", "First name", "Last name", "E-mail"],
            [
                ["c1", "P1", "", "Ann", "Fox", "ann@example.com"],
                ["c2", "", "southwind", "Bob", "Ray", "bob@example.com"],
                ["c3", "", "Nowhere", "Cy", "Dee", ""],
                ["c4", "P2", "", "Dora", "Sky", "ann@example.com"],
            ],
        ),
    )
    reasons = _reasons(job)
    assert job.accepted_rows == 2
    assert "partner" in reasons[4]
    assert "ann@example.com" in reasons[5]
    ann = PartnerContact.objects.get(person__last_name="Fox")
    assert ann.partner.account.name == "Northwind"
    assert ann.person.relationships.filter(account=ann.partner.account).exists()
    assert PartnerContact.objects.get(person__last_name="Ray").partner.account.name == "Southwind"


def test_imp_1_only_partner_managers_import_partners(salesperson: User, run_import: Run) -> None:
    with pytest.raises(PermissionRefused):
        run_import(salesperson, "partners", csv_bytes(["Name"], [["Acme"]]))
