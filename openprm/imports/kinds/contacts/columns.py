"""The columns of a contact import, and which of them the create rules read."""

from django.utils.translation import gettext_lazy

from openprm.imports.kinds.base import Column

COLUMNS = (
    Column("external_id", gettext_lazy("External ID"), ("id", "externalid", "contact id")),
    Column("first_name", gettext_lazy("First name"), ("firstname", "given name", "first")),
    Column(
        "last_name",
        gettext_lazy("Last name"),
        ("lastname", "surname", "family name", "name", "last"),
        required=True,
    ),
    Column("full_name", gettext_lazy("Full name (first and last)"), ("full name",)),
    Column("salutation", gettext_lazy("Salutation (Mr., Ms., Dr.…)"), ("salutation",)),
    Column("kind", gettext_lazy("Kind (B2B/B2C)"), ("type", "contact type")),
    Column("job_title", gettext_lazy("Job title"), ("title", "position", "job")),
    Column("is_key_contact", gettext_lazy("Key contact"), ("key contact", "key")),
    Column("email", gettext_lazy("E-mail"), ("e-mail", "mail", "email address")),
    Column("phone", gettext_lazy("Phone"), ("telephone", "phone number", "tel")),
    Column(
        "mobile", gettext_lazy("Mobile phone"), ("mobile", "mobilephone", "mobile phone number")
    ),
    Column("home_phone", gettext_lazy("Home phone"), ("homephone",)),
    Column("other_phone", gettext_lazy("Other phone"), ("otherphone",)),
    Column(
        "email_opt_out",
        gettext_lazy("E-mail opt-out (yes/no)"),
        ("email opt out", "unsubscribed from all email"),
    ),
    Column("do_not_call", gettext_lazy("Do not call (yes/no)"), ("donotcall",)),
    Column("address_line1", gettext_lazy("Mailing street"), ("mailing street", "street")),
    Column("address_line2", gettext_lazy("Mailing street, line 2")),
    Column("city", gettext_lazy("City"), ("mailing city", "town")),
    Column("region", gettext_lazy("Region / state"), ("mailing state", "state")),
    Column("postal_code", gettext_lazy("Postal code"), ("mailing postal code", "zip")),
    Column("country", gettext_lazy("Country"), ("mailing country",)),
    Column("account", gettext_lazy("Customer (account name)"), ("customer", "company")),
    Column("is_company", gettext_lazy("Is a company (rows of companies are left out)")),
    Column(
        "account_external_id",
        gettext_lazy("Customer external ID"),
        ("account id", "customer id", "company id"),
    ),
)
REQUIRED = frozenset({"last_name", "full_name"})
DRAFT_COLUMNS = frozenset(
    (
        "salutation",
        "last_name",
        "first_name",
        "kind",
        "job_title",
        "is_key_contact",
        "email",
        "phone",
    )
)
ERROR_ORDER = (
    "salutation",
    "first_name",
    "last_name",
    "kind",
    "job_title",
    "is_key_contact",
    "account_external_id",
    "account",
    "email",
    "phone",
)
