"""Importing partners and partner contacts (IMP-1; PA-1, PA-2, PA-6, PC-1,
CON-2).

Partners number in the thousands, not millions, and their rules span the
account, the partner profile, the primary contact and its role: each row is
created by the partner services themselves (`partner_create`,
`partner_contact_create`), in a savepoint, so a rejected row leaves nothing
and every rule of a manual create applies as it is, duplicates included
(earlier rows of the file are in the database by then). Re-running is
idempotent through the import keys, like the other kinds.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import DomainError, ValidationFailed
from openprm.core.locks import natural_keys_bulk
from openprm.customers.normalize import search_key
from openprm.imports.bulk import TableWriter
from openprm.imports.kinds.base import (
    BatchResult,
    Column,
    ImportContext,
    ImportKind,
    MappedRow,
    field_errors_text,
    register_kind,
)
from openprm.imports.kinds.refs import ext_key, keys_to_ids
from openprm.imports.models import ImportKey
from openprm.partners.models import PartnerProfile
from openprm.partners.services.contacts import partner_contact_create
from openprm.partners.services.partners import partner_create

PARTNER_MODEL = "partners.partnerprofile"
PARTNER_CONTACT_MODEL = "partners.partnercontact"
ADDRESS = ("address_line1", "address_line2", "city", "region", "postal_code", "country")
CONTACT_FIELDS = ("first_name", "last_name", "email", "phone", "job_title")


class ServiceRowKind(ImportKind):
    """Rows created one by one through a domain service, keys in one insert;
    the batch holds every natural key at once (`core.locks`)."""

    model_label = ""

    def check_actor(self, actor: Actor) -> None:
        """Partners and their contacts are imported by whoever may create
        partners: the channel team (PC-1)."""
        access.require_create(actor, PartnerProfile)

    def row_key(self, row: MappedRow) -> str:
        raise NotImplementedError

    def create(self, ctx: ImportContext, row: MappedRow) -> int:
        """Create the row's record through its service and return its id."""
        raise NotImplementedError

    def process_batch(self, ctx: ImportContext, rows: list[MappedRow]) -> BatchResult:
        result = BatchResult()
        keys = {row.line: self.row_key(row) for row in rows}
        done = keys_to_ids(ctx.actor, self.model_label, keys.values())
        import_keys = []
        with natural_keys_bulk():
            for row in rows:
                key = keys[row.line]
                if key in done:
                    result.skipped += 1
                    continue
                try:
                    with transaction.atomic():
                        pk = self.create(ctx, row)
                except DomainError as error:
                    result.reject(row, _reasons(error))
                    continue
                done[key] = pk
                import_keys.append((self.model_label, key, pk, ctx.job.pk, ctx.actor.pk, row.line))
        TableWriter(ImportKey).insert_values(
            ("model", "key", "object_id", "job_id", "user_id", "line"), import_keys
        )
        result.accepted = len(import_keys)
        return result


def _reasons(error: DomainError) -> list[str]:
    """The error's lines, with the duplicates a CON-2 refusal names (the
    service offers only records the importer may see)."""
    found = [
        ": ".join(filter(None, [str(c.get("name", "")), ", ".join(c.get("reasons", []))]))
        for c in error.extra.get("candidates", [])
        if isinstance(c, dict)
    ]
    return field_errors_text(error) + found


def _contact_data(data: dict[str, str], prefix: str = "") -> dict[str, str]:
    return {name: data.get(prefix + name, "").strip() for name in CONTACT_FIELDS}


class PartnerKind(ServiceRowKind):
    code = "partners"
    label = gettext_lazy("Partners")
    record_type = PartnerProfile.record_type
    model_label = PARTNER_MODEL
    columns = (
        Column("external_id", gettext_lazy("External ID"), ("id", "partner id")),
        Column("name", gettext_lazy("Name"), ("partner name", "company"), True),
        Column("address_line1", gettext_lazy("Address line 1"), ("address", "street")),
        Column("address_line2", gettext_lazy("Address line 2")),
        Column("city", gettext_lazy("City"), ("town",)),
        Column("region", gettext_lazy("Region / state"), ("state", "province")),
        Column("postal_code", gettext_lazy("Postal code"), ("zip", "zip code", "postcode")),
        Column("country", gettext_lazy("Country"), ("country code",)),
        Column("contact_first_name", gettext_lazy("Primary contact first name")),
        Column("contact_last_name", gettext_lazy("Primary contact last name")),
        Column("contact_email", gettext_lazy("Primary contact e-mail")),
        Column("contact_phone", gettext_lazy("Primary contact phone")),
        Column("contact_job_title", gettext_lazy("Primary contact job title")),
    )

    def row_key(self, row: MappedRow) -> str:
        if row.data.get("external_id", "").strip():
            return ext_key(row.data["external_id"])
        place = "|".join(row.data.get(k, "").strip().upper() for k in ("postal_code", "country"))
        return f"nat:{search_key(row.data.get('name', ''))}|{place}"

    def create(self, ctx: ImportContext, row: MappedRow) -> int:
        data = {"name": row.data.get("name", "")}
        data.update({k: row.data[k] for k in ADDRESS if row.data.get(k, "").strip()})
        contact = _contact_data(row.data, "contact_")
        profile = partner_create(
            actor=ctx.actor,
            data=data,
            custom=dict(row.custom),
            primary_contact={k: v for k, v in contact.items() if v} or None,
        )
        return profile.pk


class PartnerContactKind(ServiceRowKind):
    code = "partner_contacts"
    label = gettext_lazy("Partner contacts")
    model_label = PARTNER_CONTACT_MODEL
    columns = (
        Column("external_id", gettext_lazy("External ID"), ("id", "contact id")),
        Column("partner", gettext_lazy("Partner (name)"), ("partner name", "company")),
        Column("partner_external_id", gettext_lazy("Partner external ID"), ("partner id",)),
        Column("first_name", gettext_lazy("First name"), ("firstname", "given name")),
        Column("last_name", gettext_lazy("Last name"), ("lastname", "surname"), True),
        Column("email", gettext_lazy("E-mail"), ("e-mail", "mail")),
        Column("phone", gettext_lazy("Phone"), ("telephone", "tel", "mobile")),
        Column("job_title", gettext_lazy("Job title"), ("title", "position")),
    )

    def row_key(self, row: MappedRow) -> str:
        if row.data.get("external_id", "").strip():
            return ext_key(row.data["external_id"])
        if row.data.get("email", "").strip():
            return "email:" + row.data["email"].strip().lower()
        partner = row.data.get("partner_external_id") or row.data.get("partner", "")
        name = search_key(f"{row.data.get('first_name', '')} {row.data.get('last_name', '')}")
        return f"name:{search_key(partner)}:{name}"

    def _partner(self, ctx: ImportContext, row: MappedRow) -> PartnerProfile:
        visible = access.visible(PartnerProfile, ctx.actor)
        if row.data.get("partner_external_id", "").strip():
            found = keys_to_ids(
                ctx.actor, PARTNER_MODEL, [ext_key(row.data["partner_external_id"])]
            )
            partner = visible.filter(pk__in=found.values()).first()
            if partner is None:
                raise ValidationFailed(
                    field_errors={"partner_external_id": [_("No partner you can see has this ID.")]}
                )
            return partner
        matches = list(visible.filter(account__name_search=search_key(row.data.get("partner", ""))))
        if len(matches) != 1:
            message = (
                _("No partner you can see has this name.")
                if not matches
                else _("Several partners have this name; use the partner ID.")
            )
            raise ValidationFailed(field_errors={"partner": [message]})
        return matches[0]

    def create(self, ctx: ImportContext, row: MappedRow) -> int:
        contact = partner_contact_create(
            actor=ctx.actor,
            partner=self._partner(ctx, row),
            data={k: v for k, v in _contact_data(row.data).items() if v},
        )
        return contact.pk


register_kind(PartnerKind())
register_kind(PartnerContactKind())
