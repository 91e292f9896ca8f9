"""Presets for the exports of the products customers come from (issue 18).

A preset knows one product's export of one kind of record: the headers that
identify it, the field each of its columns feeds and the values of its
picklists in ours. Recognised from a file's header, it suggests the whole
column mapping and the value mapping step's suggestions; the user still
sees and may change both. Headers are compared by `search_key`, so the API
names of a Salesforce data export ("BillingCity") and the labels of a report
export ("Billing City") are both listed.
"""

from dataclasses import dataclass, field

from openprm.core.search import search_key

MIN_MATCHED = 3
"""Signature headers a file must have for its preset to be recognised."""


@dataclass(frozen=True)
class Preset:
    code: str
    label: str
    kind: str
    columns: dict[str, str]
    """Header → target field; the first headers are the signature."""
    signature: tuple[str, ...]
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per target field, our code for each of the product's values."""

    def mapping_for(self, header: list[str]) -> dict[str, str]:
        """The file's own header titles → target fields, each target once."""
        columns = {search_key(title): target for title, target in self.columns.items()}
        result: dict[str, str] = {}
        for title in header:
            target = columns.get(search_key(title))
            if target and target not in result.values():
                result[title] = target
        return result

    def matched(self, header: list[str]) -> int:
        keys = {search_key(title) for title in header}
        return sum(1 for title in self.signature if search_key(title) in keys)


def _values(pairs: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    return {name: {search_key(k): v for k, v in values.items()} for name, values in pairs.items()}


SALESFORCE_TYPES = {
    "Prospect": "prospect",
    "Customer - Direct": "customer",
    "Customer - Channel": "customer",
    "Channel Partner / Reseller": "partner",
    "Installation Partner": "partner",
    "Technology Partner": "partner",
}
SALESFORCE_INDUSTRIES = {
    "Banking": "FINANCE",
    "Finance": "FINANCE",
    "Insurance": "FINANCE",
    "Technology": "TECH",
    "Electronics": "TECH",
    "Communications": "TELECOM",
    "Telecommunications": "TELECOM",
    "Healthcare": "HEALTHCARE",
    "Biotechnology": "HEALTHCARE",
    "Manufacturing": "MANUFACTURING",
    "Machinery": "MANUFACTURING",
    "Chemicals": "MANUFACTURING",
    "Apparel": "RETAIL",
    "Retail": "RETAIL",
    "Government": "PUBLIC",
    "Education": "PUBLIC",
}
HUBSPOT_TYPES = {"Prospect": "prospect", "Partner": "partner", "Reseller": "partner"}
HUBSPOT_INDUSTRIES = {
    "Computer Software": "TECH",
    "Information Technology and Services": "TECH",
    "Internet": "TECH",
    "Financial Services": "FINANCE",
    "Banking": "FINANCE",
    "Insurance": "FINANCE",
    "Hospital & Health Care": "HEALTHCARE",
    "Medical Devices": "HEALTHCARE",
    "Telecommunications": "TELECOM",
    "Retail": "RETAIL",
    "Consumer Goods": "RETAIL",
    "Government Administration": "PUBLIC",
    "Machinery": "MANUFACTURING",
    "Mechanical or Industrial Engineering": "MANUFACTURING",
    "Automotive": "MANUFACTURING",
}
ODOO_INDUSTRIES = {
    "Information Technology": "TECH",
    "Manufacturing": "MANUFACTURING",
    "Finance/Insurance": "FINANCE",
    "Health/Social": "HEALTHCARE",
    "Public Administration": "PUBLIC",
    "Wholesale/Retail": "RETAIL",
}

PRESETS = (
    Preset(
        "salesforce-accounts",
        "Salesforce accounts (Account.csv)",
        "accounts",
        {
            "Id": "external_id",
            "Name": "name",
            "BillingCity": "city",
            "BillingCountry": "country",
            "ParentId": "parent_external_id",
            "Type": "account_type",
            "BillingStreet": "address_line1",
            "BillingState": "region",
            "BillingPostalCode": "postal_code",
            "Industry": "industry",
            "NumberOfEmployees": "size",
            "AnnualRevenue": "annual_revenue",
            "CurrencyIsoCode": "currency",
            # A report export's labels.
            "Account ID": "external_id",
            "Account Name": "name",
            "Parent Account ID": "parent_external_id",
            "Parent Account": "parent",
            "Account Type": "account_type",
            "Billing Street": "address_line1",
            "Billing City": "city",
            "Billing State/Province": "region",
            "Billing Zip/Postal Code": "postal_code",
            "Billing Country": "country",
            "Employees": "size",
            "Annual Revenue": "annual_revenue",
        },
        (
            "BillingStreet",
            "BillingCity",
            "BillingCountry",
            "ParentId",
            "NumberOfEmployees",
            "Billing City",
            "Billing Country",
            "Account Name",
            "Billing State/Province",
        ),
        _values({"account_type": SALESFORCE_TYPES, "industry": SALESFORCE_INDUSTRIES}),
    ),
    Preset(
        "salesforce-contacts",
        "Salesforce contacts (Contact.csv)",
        "contacts",
        {
            "Id": "external_id",
            "AccountId": "account_external_id",
            "LastName": "last_name",
            "FirstName": "first_name",
            "Title": "job_title",
            "Email": "email",
            "Phone": "phone",
            "MobilePhone": "mobile",
            "HomePhone": "home_phone",
            "MailingStreet": "address_line1",
            "MailingCity": "city",
            "MailingState": "region",
            "MailingPostalCode": "postal_code",
            "MailingCountry": "country",
            "HasOptedOutOfEmail": "email_opt_out",
            "DoNotCall": "do_not_call",
            "Email Opt Out": "email_opt_out",
            "Do Not Call": "do_not_call",
            "Contact ID": "external_id",
            "Account ID": "account_external_id",
            "Account Name": "account",
            "Last Name": "last_name",
            "First Name": "first_name",
        },
        (
            "AccountId",
            "LastName",
            "FirstName",
            "MailingCity",
            "MailingCountry",
            "HasOptedOutOfEmail",
            "Mailing City",
            "Mailing Country",
            "Account Name",
            "Contact ID",
        ),
    ),
    Preset(
        "hubspot-contacts",
        "HubSpot contacts",
        "contacts",
        {
            "Record ID": "external_id",
            "First Name": "first_name",
            "Last Name": "last_name",
            "Email": "email",
            "Phone Number": "phone",
            "Mobile Phone Number": "mobile",
            "Job Title": "job_title",
            "Street Address": "address_line1",
            "City": "city",
            "State/Region": "region",
            "Postal Code": "postal_code",
            "Country/Region": "country",
            "Company Name": "account",
        },
        (
            "Record ID",
            "Company Name",
            "Lifecycle Stage",
            "Contact owner",
            "Phone Number",
            "Marketing contact status",
            "Country/Region",
            "State/Region",
        ),
    ),
    Preset(
        "hubspot-companies",
        "HubSpot companies",
        "accounts",
        {
            "Record ID": "external_id",
            "Company name": "name",
            "Type": "account_type",
            "Industry": "industry",
            "Number of Employees": "size",
            "Annual Revenue": "annual_revenue",
            "Street Address": "address_line1",
            "Street Address 2": "address_line2",
            "City": "city",
            "State/Region": "region",
            "Postal Code": "postal_code",
            "Country/Region": "country",
            "Parent Company": "parent",
        },
        (
            "Record ID",
            "Company name",
            "Company Domain Name",
            "Company owner",
            "State/Region",
            "Country/Region",
            "Number of Employees",
        ),
        _values({"account_type": HUBSPOT_TYPES, "industry": HUBSPOT_INDUSTRIES}),
    ),
    Preset(
        "odoo-companies",
        "Odoo contacts: companies (res.partner)",
        "accounts",
        {
            "id": "external_id",
            "name": "name",
            "parent_id": "parent",
            "street": "address_line1",
            "street2": "address_line2",
            "city": "city",
            "state_id": "region",
            "zip": "postal_code",
            "country_id": "country",
            "industry_id": "industry",
            "is_company": "is_company",
            # The export dialog's labels.
            "Name": "name",
            "Related Company": "parent",
            "Street": "address_line1",
            "Street2": "address_line2",
            "City": "city",
            "State": "region",
            "Zip": "postal_code",
            "Country": "country",
            "Industry": "industry",
            "Is a Company": "is_company",
        },
        (
            "is_company",
            "parent_id",
            "state_id",
            "country_id",
            "street2",
            "vat",
            "Is a Company",
            "Related Company",
            "Street2",
            "Tax ID",
        ),
        _values({"industry": ODOO_INDUSTRIES}),
    ),
    Preset(
        "odoo-individuals",
        "Odoo contacts: individuals (res.partner)",
        "contacts",
        {
            "id": "external_id",
            "name": "full_name",
            "parent_id": "account",
            "function": "job_title",
            "email": "email",
            "phone": "phone",
            "mobile": "mobile",
            "is_company": "is_company",
            "street": "address_line1",
            "city": "city",
            "zip": "postal_code",
            "country_id": "country",
            "Name": "full_name",
            "Related Company": "account",
            "Job Position": "job_title",
            "Email": "email",
            "Phone": "phone",
            "Mobile": "mobile",
            "Is a Company": "is_company",
        },
        (
            "is_company",
            "parent_id",
            "function",
            "country_id",
            "street2",
            "Is a Company",
            "Related Company",
            "Job Position",
        ),
    ),
)


def detect(kind: str, header: list[str]) -> Preset | None:
    """The preset of `kind` whose signature the header matches best (at
    least `MIN_MATCHED` headers), or None."""
    scored = [(p.matched(header), p) for p in PRESETS if p.kind == kind]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] >= MIN_MATCHED else None


def preset_values(kind: str, header: list[str]) -> dict[str, dict[str, str]]:
    """The value suggestions of the file's preset (none without one)."""
    preset = detect(kind, header)
    return preset.values if preset else {}
