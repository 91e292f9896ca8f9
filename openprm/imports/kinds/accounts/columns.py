"""The columns of an account import, and which of them the create rules read."""

from django.utils.translation import gettext_lazy

from openprm.customers.rules import DRAFT_FIELDS
from openprm.imports.kinds.base import Column

COLUMNS = (
    Column("external_id", gettext_lazy("External ID"), ("id", "externalid", "account id")),
    Column("name", gettext_lazy("Name"), ("account name", "company", "organization"), True),
    Column("account_type", gettext_lazy("Type"), ("type", "account type")),
    Column("parent_external_id", gettext_lazy("Parent external ID"), ("parent id",)),
    Column("parent", gettext_lazy("Parent (account name)"), ("parent name", "parent account")),
    Column(
        "owner",
        gettext_lazy("Owner (user name or e-mail)"),
        ("owner username", "account owner", "owner email"),
    ),
    Column("industry", gettext_lazy("Industry")),
    Column("size", gettext_lazy("Size"), ("account size",)),
    Column("annual_revenue", gettext_lazy("Annual revenue"), ("revenue",)),
    Column("currency", gettext_lazy("Currency")),
    Column("named", gettext_lazy("Named")),
    Column("existing", gettext_lazy("Existing")),
    Column("competitor_info", gettext_lazy("Competitor information"), ("competitor",)),
    Column("phone", gettext_lazy("Phone"), ("telephone", "phone number", "tel")),
    Column("website", gettext_lazy("Web site"), ("website", "website url", "url", "web")),
    Column(
        "tax_id",
        gettext_lazy("Tax ID (VAT or tax number)"),
        ("vat", "vat number", "vat id", "tax number", "tax id"),
    ),
    Column("address_line1", gettext_lazy("Address line 1"), ("address", "street")),
    Column("address_line2", gettext_lazy("Address line 2")),
    Column("city", gettext_lazy("City"), ("town",)),
    Column("region", gettext_lazy("Region / state"), ("state", "province")),
    Column("postal_code", gettext_lazy("Postal code"), ("zip", "zip code", "postcode")),
    Column("country", gettext_lazy("Country"), ("country code",)),
    Column("is_company", gettext_lazy("Is a company (rows of people are left out)")),
)
REQUIRED = frozenset({"name"})
DRAFT_COLUMNS = frozenset(DRAFT_FIELDS)
