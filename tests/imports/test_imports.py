"""Bulk import through the service (IMP-1, IMP-2; CON-2, CUS-6, PLAT-5, PLAT-7)."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from openpyxl import Workbook

from openprm.contacts import selectors
from openprm.contacts.models import ContactPoint, Person, Relationship
from openprm.contacts.services import contact_create
from openprm.core.audit.models import AuditEntry
from openprm.core.customfields.services import custom_field_create
from openprm.core.errors import PermissionRefused, ValidationFailed
from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.identity.catalog import PARTNER_ADMINISTRATOR
from openprm.identity.models import User
from openprm.imports.models import ImportJob
from openprm.imports.reports import rejects_csv
from openprm.imports.services.job_control import job_cancel
from openprm.imports.services.job_setup import job_create
from openprm.imports.services.runs import job_run
from tests.factories import as_actor, make_user
from tests.imports.conftest import csv_bytes

Run = Callable[..., ImportJob]
CONTACT_HEADER = ["First name", "Last name", "E-mail", "Phone", "Customer"]


@pytest.fixture
def acme(sales_admin: User) -> Account:
    return account_create(
        actor=as_actor(sales_admin),
        data={"name": "Acme", "account_type": "customer", "country": "US"},
    )


def _reasons(job: ImportJob) -> dict[int, str]:
    return {r.line: r.reason_text for r in job.rejects.all()}


def _warnings(job: ImportJob) -> dict[int, tuple[str, str, str]]:
    return {w.line: (w.column, w.value, w.reason) for w in job.warnings.all()}


def test_imp_1_contacts_import_with_customer_and_contact_points(
    sales_admin: User, acme: Account, run_import: Run
) -> None:
    job = run_import(
        sales_admin,
        "contacts",
        csv_bytes(
            CONTACT_HEADER,
            [
                ["Ann", "Lee", "Ann.Lee@Example.com", "(415) 555-0100", "acme"],
                ["Bob", "Kay", "", "", ""],
            ],
        ),
    )
    assert job.status == ImportJob.Status.DONE
    assert (job.accepted_rows, job.rejected_rows) == (2, 0)
    ann = Person.objects.get(last_name="Lee")
    assert ann.owner == sales_admin
    assert set(ann.contact_points.values_list("kind", "email", "phone", "is_primary")) == {
        ("email", "ann.lee@example.com", "", True),
        ("phone", "", "+14155550100", True),
    }
    assert Relationship.objects.filter(person=ann, account=acme).exists()
    person_type = ContentType.objects.get_for_model(Person)
    entry = AuditEntry.objects.get(content_type=person_type, object_id=str(ann.pk))
    assert entry.action == "create"
    assert entry.actor == sales_admin
    assert entry.changes["last_name"] == [None, "Lee"]


def test_imp_1_plat_5_an_imported_contact_is_one_creation_entry_in_its_history(
    sales_admin: User, acme: Account, run_import: Run
) -> None:
    """PLAT-5: an imported contact's creation is one entry on the person (who,
    when, which fields) whose changes include its e-mail, phone and customer
    (docs/decisions.md); the contact page's history shows it. The batch
    writes the JSON itself; it must read back as core.audit's
    `{"field": [old, new]}` changes."""
    before = list(AuditEntry.objects.values_list("pk", flat=True))
    run_import(
        sales_admin,
        "contacts",
        csv_bytes(
            [*CONTACT_HEADER, "Job title", "Key contact"],
            [["Zoë", 'O"Neil', "zoe@example.com", "(415) 555-0101", "Acme", "CTO", "yes"]],
        ),
    )
    person = Person.objects.get()
    assert person.contact_points.count() == 2
    assert Relationship.objects.filter(person=person, account=acme).exists()
    [entry] = AuditEntry.objects.exclude(pk__in=before)
    assert entry.action == "create"
    assert entry.content_type == ContentType.objects.get_for_model(Person)
    assert (entry.object_id, entry.object_repr) == (str(person.pk), 'Zoë O"Neil')
    assert (entry.actor, entry.actor_name) == (sales_admin, sales_admin.username)
    assert entry.at is not None
    assert entry.changes == {
        "first_name": [None, "Zoë"],
        "last_name": [None, 'O"Neil'],
        "kind": [None, "b2b"],
        "job_title": [None, "CTO"],
        "is_key_contact": [None, True],
        "owner": [None, sales_admin.pk],
        "email": [None, "zoe@example.com"],
        "phone": [None, "+14155550101"],
        "customer": [None, acme.pk],
        "is_active": [None, True],
    }
    assert selectors.contact_history(actor=as_actor(sales_admin), person=person) == [entry]


def test_imp_1_imp_3_rejects_file_neutralizes_formulas_and_imports_back_as_it_was(
    sales_admin: User, run_import: Run
) -> None:
    """The rejects CSV is an export like any other (IMP-3): no cell runs as
    a formula when opened; fixed and imported again, the values are exact."""
    job = run_import(
        sales_admin,
        "contacts",
        csv_bytes(
            CONTACT_HEADER, [["=Ann", "-Lee", "ann@example.com", "+1 415 555 0100", "Nobody"]]
        ),
    )
    text = "".join(rejects_csv(job))
    assert "'=Ann,'-Lee,ann@example.com,'+1 415 555 0100,Nobody," in text
    fixed = text.replace("Nobody", "")
    again = run_import(sales_admin, "contacts", fixed.encode(), name="rejects.csv")
    assert again.accepted_rows == 1
    person = Person.objects.get()
    assert (person.first_name, person.last_name) == ("=Ann", "-Lee")
    assert person.contact_points.get(kind="email").email == "ann@example.com"


@pytest.mark.parametrize("batch_size", [1000, 2], ids=["prepared-here", "prepared-aside"])
def test_imp_1_bad_rows_are_rejected_with_line_and_reason_and_leave_nothing(
    sales_admin: User, acme: Account, run_import: Run, batch_size: int
) -> None:
    """Every rule applies whether a batch was prepared in this process or,
    for a file of several batches, in the second one (`imports.pipeline`)."""
    job = run_import(
        sales_admin,
        "contacts",
        csv_bytes(
            CONTACT_HEADER,
            [
                ["Ann", "Lee", "ann@example.com", "", "Acme"],
                ["No", "", "no@example.com", "", ""],
                ["Bad", "Mail", "not-an-email", "", ""],
                ["Bad", "Phone", "", "12", ""],
                ["Who", "Where", "", "", "Unknown Corp"],
            ],
        ),
        batch_size=batch_size,
    )
    assert _reasons(job) == {
        3: "last_name: This field is required.",
        6: "account: No customer you can see has this name.",
    }
    # Issue 18: a bad optional value does not lose the row.
    assert _warnings(job) == {
        4: ("E-mail", "not-an-email", "Enter a valid e-mail address."),
        5: ("Phone", "12", "Enter a valid phone number."),
    }
    assert job.warning_count == 2
    assert set(Person.objects.values_list("last_name", flat=True)) == {"Lee", "Mail", "Phone"}
    assert not ContactPoint.objects.filter(email="no@example.com").exists()
    assert not ContactPoint.objects.filter(person__last_name__in=("Mail", "Phone")).exists()


@pytest.mark.parametrize("batch_size", [1000, 2], ids=["prepared-here", "prepared-aside"])
def test_imp_1_con_4_phones_are_read_in_the_customers_country(
    sales_admin: User, acme: Account, run_import: Run, batch_size: int
) -> None:
    """A national number is read in its customer's country, else in the
    default region (the United States), as in a manual create."""
    account_create(
        actor=as_actor(sales_admin),
        data={"name": "Brit", "account_type": "customer", "country": "GB"},
    )
    job = run_import(
        sales_admin,
        "contacts",
        csv_bytes(
            CONTACT_HEADER,
            [
                ["Ann", "Lee", "", "(415) 555-0100", "Acme"],
                ["Bea", "Ray", "", "020 7946 0018", "Brit"],
                ["Cy", "Fox", "", "020 7946 0019", ""],
                ["Di", "Ash", "", "(415) 555-0101", "Brit"],
            ],
        ),
        batch_size=batch_size,
    )
    phones = dict(
        ContactPoint.objects.filter(kind="phone").values_list("person__last_name", "phone")
    )
    assert phones == {"Lee": "+14155550100", "Ray": "+442079460018"}
    assert _warnings(job) == {
        4: ("Phone", "020 7946 0019", "Enter a valid phone number."),
        5: ("Phone", "(415) 555-0101", "Enter a valid phone number."),
    }


@pytest.mark.parametrize("batch_size", [1000, 3], ids=["prepared-here", "prepared-aside"])
def test_imp_1_con_2_duplicates_within_the_file_and_against_the_database(
    sales_admin: User, acme: Account, run_import: Run, batch_size: int
) -> None:
    run_import(
        sales_admin,
        "contacts",
        csv_bytes(CONTACT_HEADER, [["Ann", "Lee", "ann@example.com", "+14155550100", "Acme"]]),
    )
    job = run_import(
        sales_admin,
        "contacts",
        csv_bytes(
            ["External ID", *CONTACT_HEADER],
            [
                ["c1", "Other", "Person", "ann@example.com", "", ""],
                ["c2", "Someone", "Else", "", "+1 415 555 0100", ""],
                ["c3", "Anne", "Lee", "", "", "Acme"],
                ["c4", "Carl", "Fox", "carl@example.com", "", ""],
                ["c5", "Carla", "Fox", "carl@example.com", "", ""],
            ],
        ),
        batch_size=batch_size,
    )
    reasons = _reasons(job)
    assert "same e-mail" in reasons[2]
    assert "existing contact" in reasons[2]
    assert "same phone" in reasons[3]
    assert "similar name at the same customer" in reasons[4]
    assert "earlier row" in reasons[6]
    assert job.accepted_rows == 1
    assert Person.objects.count() == 2


@pytest.mark.parametrize("batch_size", [1000, 2], ids=["one-batch", "batches"])
def test_imp_1_con_2_mobile_numbers_are_part_of_the_duplicate_check(
    sales_admin: User, acme: Account, run_import: Run, batch_size: int
) -> None:
    """A row's mobile equal to a contact's work phone, or to an earlier
    row's mobile, is "the same phone" (CON-2), and so is a row's work
    phone equal to a stored mobile."""
    run_import(
        sales_admin,
        "contacts",
        csv_bytes(
            ["Last name", "Phone", "Mobile"], [["Lee", "+1 415 555 0100", "+1 415 555 0199"]]
        ),
    )
    job = run_import(
        sales_admin,
        "contacts",
        csv_bytes(
            ["Last name", "Phone", "Mobile"],
            [
                ["Kay", "", "(415) 555-0100"],  # Lee's work phone
                ["Orr", "+1 415 555 0199", ""],  # Lee's mobile
                ["Fox", "", "+1 415 555 0142"],
                ["Ode", "", "+1 415 555 0142"],  # Fox's mobile, an earlier row
            ],
        ),
        batch_size=batch_size,
    )
    reasons = _reasons(job)
    assert set(reasons) == {2, 3, 5}
    assert "same phone" in reasons[2]
    assert "existing contact" in reasons[3]
    assert "earlier row" in reasons[5]
    assert job.accepted_rows == 1
    assert Person.objects.count() == 2


def test_imp_1_con_2_contact_created_by_someone_else_during_the_import_counts(
    sales_admin: User, acme: Account
) -> None:
    """The names at a customer are read once per run; a contact created there
    meanwhile (between batches) still makes a similar row a duplicate."""
    data = csv_bytes(
        CONTACT_HEADER,
        [
            ["Ann", "Lee", "", "", "Acme"],
            ["Carl", "Fox", "", "", "Acme"],
            ["Bobb", "Smith", "", "", "Acme"],
        ],
    )
    job = job_create(
        actor=as_actor(sales_admin),
        kind="contacts",
        upload=ContentFile(data, name="c.csv"),
        name="c.csv",
    )
    other = make_user("sales_administrator", username="other")

    def meanwhile(running: ImportJob) -> None:
        if running.processed_rows == 1:
            contact_create(
                actor=as_actor(other), first_name="Bob", last_name="Smith", account_ids=[acme.pk]
            )

    job = job_run(job, progress=meanwhile, batch_size=1)
    assert job.accepted_rows == 2
    assert "similar name" in _reasons(job)[4]


def test_imp_1_duplicates_only_count_visible_contacts(
    sales_admin: User, salesperson: User, run_import: Run
) -> None:
    """A reject must not reveal a contact the importer may not see (TEAM-5)."""
    run_import(
        sales_admin, "contacts", csv_bytes(CONTACT_HEADER, [["A", "B", "x@example.com", "", ""]])
    )
    sales_admin.roles.clear()
    job = run_import(
        salesperson, "contacts", csv_bytes(CONTACT_HEADER, [["C", "D", "x@example.com", "", ""]])
    )
    assert job.accepted_rows == 1


def test_imp_1_accounts_parent_links_in_any_row_order(sales_admin: User, run_import: Run) -> None:
    job = run_import(
        sales_admin,
        "accounts",
        csv_bytes(
            ["External ID", "Name", "Parent ID", "Type", "Country"],
            [
                ["G", "Grandchild", "C", "customer", "US"],
                ["C", "Child", "P", "prospect", "US"],
                ["P", "Parent", "", "customer", "US"],
                ["X", "Sibling", "P", "Customer", "FR"],
            ],
        ),
        batch_size=1,
    )
    assert (job.accepted_rows, job.rejected_rows) == (4, 0)
    parents = dict(Account.objects.values_list("name", "parent__name"))
    assert parents == {
        "Grandchild": "Child",
        "Child": "Parent",
        "Parent": None,
        "Sibling": "Parent",
    }
    assert Account.objects.get(name="Parent").is_sales_account
    assert Account.objects.get(name="Child").account_type == "prospect"
    account_type = ContentType.objects.get_for_model(Account)
    for child in Account.objects.filter(parent__isnull=False):
        history = AuditEntry.objects.filter(content_type=account_type, object_id=str(child.pk))
        recorded = [e.changes["parent"] for e in history if "parent" in e.changes]
        assert recorded == [[None, child.parent_id]], child.name


def test_imp_1_cus_6_child_of_rejected_parent_and_cycles_leave_nothing(
    sales_admin: User, run_import: Run
) -> None:
    """Beta's parent comes before it and is linked on insert, Alpha's after
    it: the cycle is found all the same, and Charlie, a child of the cycle,
    goes with it."""
    job = run_import(
        sales_admin,
        "accounts",
        csv_bytes(
            ["External ID", "Name", "Parent ID", "Currency"],
            [
                ["K", "Kid", "BAD", "USD"],
                ["BAD", "", "", "USD"],
                ["A", "Alpha", "B", "USD"],
                ["B", "Beta", "A", "USD"],
                ["C", "Charlie", "A", "USD"],
                ["Z", "Zed", "", "USD"],
            ],
        ),
    )
    reasons = _reasons(job)
    assert "name" in reasons[3]
    assert "parent" in reasons[2]
    assert "its own parent" in reasons[4]
    assert "its own parent" in reasons[5]
    assert "parent account was not imported" in reasons[6]
    assert list(Account.objects.values_list("name", flat=True)) == ["Zed"]
    assert (job.accepted_rows, job.rejected_rows) == (1, 5)
    account_type = ContentType.objects.get_for_model(Account)
    assert AuditEntry.objects.filter(content_type=account_type).count() == 1


def test_imp_1_rerunning_the_same_file_creates_no_duplicates(
    sales_admin: User, acme: Account, run_import: Run
) -> None:
    accounts = csv_bytes(
        ["External ID", "Name", "Parent ID"], [["2", "Sub", "1"], ["1", "Top", ""]]
    )
    contacts = csv_bytes(CONTACT_HEADER, [["Ann", "Lee", "ann@example.com", "", "Acme"]])
    for _ in range(2):
        account_job = run_import(sales_admin, "accounts", accounts)
        contact_job = run_import(sales_admin, "contacts", contacts)
    assert (account_job.skipped_rows, account_job.accepted_rows, account_job.rejected_rows) == (
        2,
        0,
        0,
    )
    assert (contact_job.skipped_rows, contact_job.rejected_rows) == (1, 0)
    assert Account.objects.count() == 3
    assert Person.objects.count() == 1


@pytest.mark.parametrize("batch_size", [1000, 1], ids=["one-batch", "a-batch-a-row"])
def test_imp_1_rows_sharing_a_natural_key_are_judged_by_the_create_rules(
    sales_admin: User, acme: Account, run_import: Run, batch_size: int
) -> None:
    """Two people of one name with no e-mail and no customer are two
    contacts, as two creates make them (the import failed on its key
    before); the key is stored once, so a second run still skips both. A
    repeated external id is the same record: skipped, in any batch."""
    rows = [["", "Ann", "Lee", "", "", ""], ["", "Ann", "Lee", "", "", ""]]
    rows += [["c1", "Bo", "Kay", "", "", ""], ["c1", "Bo", "Kaye", "", "", ""]]
    data = csv_bytes(["External ID", *CONTACT_HEADER], rows)
    job = run_import(sales_admin, "contacts", data, batch_size=batch_size)
    assert (job.status, job.accepted_rows, job.skipped_rows, job.rejected_rows) == (
        ImportJob.Status.DONE,
        3,
        1,
        0,
    )
    again = run_import(sales_admin, "contacts", data, batch_size=batch_size)
    assert (again.accepted_rows, again.skipped_rows) == (0, 4)
    assert sorted(Person.objects.values_list("last_name", flat=True)) == ["Kay", "Lee", "Lee"]


def test_imp_1_texts_that_do_not_fit_are_refused_as_a_create_refuses_them(
    sales_admin: User, run_import: Run
) -> None:
    """The import stored over-long names and e-mails a create refuses (and
    PostgreSQL would have failed the whole batch on them)."""
    long_email = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".com"
    contacts = run_import(
        sales_admin,
        "contacts",
        csv_bytes(CONTACT_HEADER, [["", "L" * 101, "", "", ""], ["", "Lee", long_email, "", ""]]),
    )
    accounts = run_import(
        sales_admin,
        "accounts",
        csv_bytes(["Name", "Revenue"], [["N" * 201, ""], ["Acme", "1.125"]]),
    )
    assert _reasons(contacts) == {
        2: "last_name: Ensure this value has at most 100 characters (it has 101).",
    }
    assert _reasons(accounts) == {
        2: "name: Ensure this value has at most 200 characters (it has 201).",
    }
    # Optional values that do not fit are left out, the rows kept (issue 18).
    assert _warnings(contacts) == {
        3: ("E-mail", long_email, "Ensure this value has at most 254 characters (it has 260).")
    }
    assert _warnings(accounts) == {
        3: ("Revenue", "1.125", "Ensure that there are no more than 2 decimal places.")
    }
    assert Person.objects.get().contact_points.count() == 0
    assert Account.objects.get().annual_revenue is None


def test_imp_1_cus_1_an_account_at_the_same_postal_code_in_another_case_is_a_duplicate(
    sales_admin: User, run_import: Run
) -> None:
    """As `account_create` finds it (case-blind), so does the import."""
    account_create(
        actor=as_actor(sales_admin),
        data={"name": "Acme Inc", "postal_code": "ab1 2cd", "country": "GB"},
    )
    job = run_import(
        sales_admin,
        "accounts",
        csv_bytes(["Name", "Postal code", "Country"], [["Acme Inc.", "AB1 2CD", "GB"]]),
    )
    assert _reasons(job) == {2: "Duplicate: a similar account already exists."}


def test_imp_1_prospects_kind_and_account_rules(sales_admin: User, run_import: Run) -> None:
    job = run_import(
        sales_admin,
        "prospects",
        csv_bytes(
            ["Name", "Address", "City", "Zip", "Country", "Industry", "Revenue", "Owner"],
            [
                ["Good", "1 Main St", "Springfield", "12345", "Germany", "", "100", ""],
                ["No City", "1 Main St", "", "12345", "US", "", "", ""],
                ["Bad Industry", "", "", "", "", "Basket weaving", "", ""],
                ["Neg", "", "", "", "", "", "-5", ""],
                ["Ghost owner", "", "", "", "", "", "", "nobody"],
            ],
        ),
    )
    reasons = _reasons(job)
    assert sorted(reasons) == [3]
    assert "city" in reasons[3]
    assert _warnings(job) == {
        4: ("Industry", "Basket weaving", "“Basket weaving” is not a known value."),
        5: ("Revenue", "-5", "Revenue cannot be negative."),
        6: ("Owner", "nobody", "“nobody” is no active internal user's name or e-mail: you own it."),
    }
    assert Account.objects.get(name="Ghost owner").owner == sales_admin
    good = Account.objects.get(name="Good")
    assert (good.account_type, good.country.code, good.is_sales_account) == (
        "prospect",
        "DE",
        False,
    )


def test_imp_1_plat_7_custom_fields_are_importable(
    sales_admin: User, admin_user: User, run_import: Run
) -> None:
    custom_field_create(
        actor=as_actor(admin_user),
        record_type="contact",
        name="shoe_size",
        label="Shoe size",
        field_type="number",
    )
    job = run_import(
        sales_admin,
        "contacts",
        csv_bytes(["Last name", "custom.shoe_size"], [["Lee", "42"], ["Kay", "big"], ["Fox", ""]]),
    )
    assert Person.objects.get(last_name="Lee").custom == {"shoe_size": 42}
    assert _warnings(job)[3][:2] == ("custom.shoe_size", "big")
    assert Person.objects.get(last_name="Kay").custom == {}
    assert job.accepted_rows == 3


def test_imp_1_excel_and_detected_csv_dialect_and_encoding(
    sales_admin: User, run_import: Run
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Last name", "First name", "Phone"])
    sheet.append(["Müller", "Jörg", 4155550100])
    buffer = io.BytesIO()
    workbook.save(buffer)
    run_import(sales_admin, "contacts", buffer.getvalue(), name="people.xlsx")
    latin = "Nom;Prénom\nGarçon;Élodie\n".encode("cp1252")
    job = run_import(
        sales_admin, "contacts", latin, mapping={"Nom": "last_name", "Prénom": "first_name"}
    )
    assert job.accepted_rows == 1
    assert set(Person.objects.values_list("first_name", "last_name")) == {
        ("Jörg", "Müller"),
        ("Élodie", "Garçon"),
    }
    assert ContactPoint.objects.get().phone == "+14155550100"


def test_imp_1_mapping_needs_the_required_fields(sales_admin: User, run_import: Run) -> None:
    with pytest.raises(ValidationFailed) as refused:
        run_import(sales_admin, "contacts", csv_bytes(["Foo"], [["x"]]))
    assert "last_name" in str(refused.value.field_errors)


def test_imp_1_partner_users_cannot_import(db: Any, run_import: Run) -> None:
    partner = make_user(PARTNER_ADMINISTRATOR, user_type=User.UserType.PARTNER)
    with pytest.raises(PermissionRefused):
        run_import(partner, "accounts", csv_bytes(["Name"], [["X"]]))


def test_imp_2_cancel_stops_after_the_batch_in_progress(sales_admin: User, run_import: Run) -> None:
    from django.core.files.base import ContentFile

    from openprm.imports.services.job_setup import job_create

    rows = [[f"P{i}", f"Person{i}", f"p{i}@example.com", "", ""] for i in range(30)]
    job = job_create(
        actor=as_actor(sales_admin),
        kind="contacts",
        upload=ContentFile(csv_bytes(CONTACT_HEADER, rows), name="f.csv"),
    )

    def cancel_after_first_batch(current: ImportJob) -> None:
        if current.processed_rows == 10:
            job_cancel(actor=as_actor(sales_admin), job=current)

    job = job_run(job, progress=cancel_after_first_batch, batch_size=10)
    assert job.status == ImportJob.Status.CANCELLED
    assert (job.processed_rows, job.last_committed_row) == (10, 11)
    assert Person.objects.count() == 10


def test_imp_2_cancel_a_queued_import(sales_admin: User) -> None:
    from django.core.files.base import ContentFile

    from openprm.imports.services.job_setup import job_create

    job = job_create(
        actor=as_actor(sales_admin),
        kind="contacts",
        upload=ContentFile(b"Last name\nLee\n", name="f.csv"),
    )
    job = job_cancel(actor=as_actor(sales_admin), job=job)
    assert job.status == ImportJob.Status.CANCELLED
    assert job_run(job).status == ImportJob.Status.CANCELLED
    assert not Person.objects.exists()


def test_imp_1_import_command_prints_result(sales_admin: User, tmp_path: Any) -> None:
    from django.core.management import call_command

    path = tmp_path / "c.csv"
    path.write_bytes(
        csv_bytes(CONTACT_HEADER, [["Ann", "Lee", "", "", ""], ["", "", "bad", "", ""]])
    )
    out = io.StringIO()
    call_command("import", "contacts", str(path), user=sales_admin.username, stdout=out)
    text = out.getvalue()
    assert "Done" in text
    assert "line 3" in text
    assert Person.objects.count() == 1
