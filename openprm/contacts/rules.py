"""What decides whether a new contact is accepted and what of it is stored
(CON-1, CON-4, PLAT-7, IMP-1).

`contacts_check` is pure: `contact_create` calls it with a batch of one and
the contact import with each batch of its file (in a second process, see
`imports.pipeline`), so a contact typed on a page, posted to the API or read
from a file is refused with the same messages and stored with the same
values. The checks that need the database — the customers the author may
see, CON-2 duplicates (`contacts.duplicates`) — stay with the callers.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, NamedTuple

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openprm.contacts.models import ContactPoint, Person
from openprm.contacts.normalize import DEFAULT_PHONE_REGION, normalize_email
from openprm.core.customfields.values import CustomDefinitions, custom_values_check
from openprm.core.phones import phone_e164
from openprm.core.rules import Errors, Refused, field_messages, parse_flag, text
from openprm.core.search import search_key_cached

TEXT_FIELDS = ("first_name", "last_name", "job_title")


@dataclass(slots=True)
class ContactDraft:
    """One new contact as submitted: texts untrimmed, None for not given.

    `kind` is a code or label in any case (blank is B2B); `salutation` a
    SALUTATION lookup code or label in any case ("mr", "Mr."); `is_key_contact`
    a bool or a yes/no word; `phone_region` the country of its customer,
    where a national phone number is read (only the phone depends on it).
    """

    last_name: str | None = None
    first_name: str | None = None
    kind: str | None = None
    job_title: str | None = None
    is_key_contact: bool | str | None = None
    email: str | None = None
    phone: str | None = None
    custom: Mapping[str, Any] = field(default_factory=dict)
    phone_region: str | None = None
    salutation: str | None = None


class NewContact(NamedTuple):
    """The values stored for an accepted contact (a tuple: batches of them
    travel between an import's two processes). `email` and `phone` are its
    first contact points, lower-case and E.164."""

    first_name: str
    last_name: str
    name_search: str
    last_name_search: str
    kind: str
    job_title: str
    is_key_contact: bool
    email: str
    phone: str
    custom: dict[str, Any]
    salutation: str = ""


def kind_spellings() -> dict[str, str]:
    """Person kinds by their code and their lower-case label (in the
    language in use)."""
    return _kind_spellings(get_language())


@lru_cache(maxsize=20)
def _kind_spellings(_language: str | None) -> dict[str, str]:
    return {
        **{value: value for value in Person.Kind.values},
        **{str(label).lower(): value for value, label in Person.Kind.choices},
    }


@cache
def _limits() -> dict[str, int]:
    """The column widths of the names, the job title and the e-mail."""
    limits = {name: Person._meta.get_field(name).max_length for name in TEXT_FIELDS}
    return {**limits, "email": ContactPoint._meta.get_field("email").max_length}


def salutation_code(written: Any, salutations: Mapping[str, str]) -> str | None:
    """The SALUTATION code a salutation written as its code or label in any
    case stands for (`salutations`: `lookup_spellings(SALUTATION)`); "" for
    none given, None when it names none."""
    value = text(written)
    if not value:
        return ""
    return salutations.get(search_key_cached(value))


def salutation_errors(written: Any, salutations: Mapping[str, str]) -> Errors:
    """The salutation's field error when it names no active salutation."""
    if salutation_code(written, salutations) is None:
        message = _("“%(value)s” is not a known salutation.") % {"value": text(written)}
        return {"salutation": [message]}
    return {}


def _checked(
    draft: ContactDraft,
    kinds: Mapping[str, str],
    custom_fields: CustomDefinitions,
    salutations: Mapping[str, str],
) -> NewContact | Refused:
    errors: Errors = salutation_errors(draft.salutation, salutations)
    values = {name: text(getattr(draft, name)) for name in TEXT_FIELDS}
    for name, limit in _limits().items():
        if name in values and len(values[name]) > limit:
            errors[name] = field_messages(Person._meta.get_field(name), values[name])
    if not values["last_name"]:
        errors["last_name"] = [_("This field is required.")]
    kind = text(draft.kind)
    kind = kinds.get(kind.lower(), "") if kind else Person.Kind.B2B.value
    if not kind:
        errors["kind"] = [_("Choose B2B or B2C.")]
    try:
        key_contact = parse_flag(draft.is_key_contact)
    except ValueError as error:
        errors["is_key_contact"] = [str(error)]
        key_contact = False
    email = ""
    if text(draft.email):
        try:
            email = normalize_email(draft.email or "")
        except ValueError as error:
            errors["email"] = [str(error)]
        else:
            if len(email) > _limits()["email"]:
                errors["email"] = field_messages(ContactPoint._meta.get_field("email"), email)
    phone = text(draft.phone)
    if phone:
        phone = phone_e164(phone, draft.phone_region or DEFAULT_PHONE_REGION)
        if not phone:
            errors["phone"] = [_("Enter a valid phone number.")]
    custom, custom_errors = custom_values_check(custom_fields, draft.custom)
    errors.update(custom_errors)
    if errors:
        return Refused(errors)
    first_key = search_key_cached(values["first_name"])
    last_key = search_key_cached(values["last_name"])
    return NewContact(
        first_name=values["first_name"],
        last_name=values["last_name"],
        name_search=" ".join(k for k in (first_key, last_key) if k),
        last_name_search=last_key,
        kind=kind,
        job_title=values["job_title"],
        is_key_contact=key_contact,
        email=email,
        phone=phone,
        custom=custom,
        salutation=salutation_code(draft.salutation, salutations) or "",
    )


def contacts_check(
    drafts: Sequence[ContactDraft],
    *,
    custom_fields: CustomDefinitions,
    salutations: Mapping[str, str] | None = None,
) -> list[NewContact | Refused]:
    """For each draft, in order, the contact to store or why it is refused.

    The salutation is an active SALUTATION value by code or label
    (`salutations`, none known when not given); a last name is required;
    names and job title are trimmed and fit their columns; the kind is B2B
    or B2C; the e-mail is valid by Django's validator and stored lower-case;
    the phone is valid and stored E.164, read in `phone_region`; custom
    fields are checked against `custom_fields` (PLAT-7). Errors are keyed by
    field in the form's order.
    """
    kinds = kind_spellings()
    known = salutations or {}
    return [_checked(draft, kinds, custom_fields, known) for draft in drafts]
