"""Creating, editing and deleting contacts; pictures and favorites (CON-1, 2, 5, 6, 11)."""

import io
import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from openprm.contacts.catalog import SALUTATION
from openprm.contacts.duplicates import duplicate_candidates
from openprm.contacts.models import ContactPoint, Favorite, Person
from openprm.contacts.policies.edit_rules import person_get_for_edit
from openprm.contacts.rules import (
    ContactDraft,
    NewContact,
    contacts_check,
    salutation_code,
    salutation_errors,
)
from openprm.contacts.services.points import contact_point_add
from openprm.contacts.services.relationships import relationship_create
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.customfields.values import custom_definitions, custom_values_clean
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.locks import natural_keys_lock
from openprm.core.lookups.selectors import lookup_spellings
from openprm.core.records import record_create, record_delete, record_update
from openprm.core.rules import Refused
from openprm.customers.models import Account

if TYPE_CHECKING:
    from PIL import Image

EDITABLE_FIELDS = frozenset(
    {"salutation", "first_name", "last_name", "kind", "job_title", "is_key_contact"}
)
PICTURE_MAX_BYTES = 2 * 1024 * 1024
PICTURE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
PICTURE_MAX_PIXELS = 25_000_000
PICTURE_SAVE_OPTIONS: dict[str, dict[str, Any]] = {"JPEG": {"quality": 90}, "WEBP": {"quality": 90}}


class DuplicateContacts(Conflict):
    """CON-2: similar contacts exist; the caller shows them or confirms."""

    code = "duplicate_contacts"

    def __init__(self, candidates: list[dict[str, Any]]) -> None:
        super().__init__(
            _(
                "Similar contacts already exist. Use one of them, or confirm that "
                "you want to create a new contact."
            ),
            extra={"candidates": candidates},
        )


def _check_duplicates(actor: Actor, contact: NewContact, accounts: list[Account]) -> None:
    """CON-2, exact under concurrency: the keys the new contact could be
    found by (its e-mail, its phone, its customers for the name rule) stay
    locked until the create commits, so a parallel create of the same
    contact waits and then finds this one (`core.locks`)."""
    account_ids = [a.pk for a in accounts]
    natural_keys_lock(
        {
            "contact-email": [contact.email],
            "contact-phone": [contact.phone],
            "contact-customer": [str(pk) for pk in account_ids],
        }
    )
    candidates = duplicate_candidates(
        actor=actor,
        first_name=contact.first_name,
        last_name=contact.last_name,
        emails=[contact.email],
        phones=[contact.phone],
        account_ids=account_ids,
    )
    if candidates:
        raise DuplicateContacts([c.as_dict() for c in candidates])


def contact_create(
    *,
    actor: Actor,
    last_name: str,
    first_name: str = "",
    kind: str = Person.Kind.B2B,
    job_title: str = "",
    is_key_contact: bool | str = False,
    email: str = "",
    phone: str = "",
    account_ids: Iterable[int] = (),
    custom: Mapping[str, Any] | None = None,
    confirm_duplicates: bool = False,
    salutation: str = "",
) -> Person:
    """Create a contact, its first e-mail and phone, and its customer relationships.

    The values are checked and normalized by `contacts.rules`, as a contact
    import checks each row. Related accounts must be visible to the actor,
    so nobody attaches contacts to customers they cannot see; the phone is
    read in the country of the first of them that has one. CON-2: unless
    `confirm_duplicates`, similar visible contacts (same e-mail, same phone,
    similar name at the same customer) refuse the create with
    DuplicateContacts listing them.
    """
    access.require_create(actor, Person)
    accounts = [access.get_visible(Account, actor, pk) for pk in dict.fromkeys(account_ids)]
    draft = ContactDraft(
        last_name=last_name,
        first_name=first_name,
        kind=kind,
        job_title=job_title,
        is_key_contact=is_key_contact,
        email=email,
        phone=phone,
        custom=custom or {},
        phone_region=next((str(a.country) for a in accounts if a.country), None),
        salutation=salutation,
    )
    (contact,) = contacts_check(
        [draft],
        custom_fields=custom_definitions(Person.record_type),
        salutations=lookup_spellings(SALUTATION),
    )
    if isinstance(contact, Refused):
        raise ValidationFailed(field_errors=contact.errors)
    person = Person(
        salutation=contact.salutation,
        first_name=contact.first_name,
        last_name=contact.last_name,
        kind=contact.kind,
        job_title=contact.job_title,
        is_key_contact=contact.is_key_contact,
        owner=actor.user,
        custom=contact.custom,
    )
    with transaction.atomic():
        if not confirm_duplicates:
            _check_duplicates(actor, contact, accounts)
        record_create(actor=actor, instance=person)
        if contact.email:
            contact_point_add(
                actor=actor, person=person, kind=ContactPoint.Kind.EMAIL, email=contact.email
            )
        if contact.phone:
            contact_point_add(
                actor=actor, person=person, kind=ContactPoint.Kind.PHONE, phone=contact.phone
            )
        for account in accounts:
            relationship_create(actor=actor, person=person, account=account)
    return person


def contact_update(
    *, actor: Actor, person: Person, changes: Mapping[str, Any], expected_version: int | None
) -> Person:
    """Edit the person's own fields (PLAT-6 version check, PLAT-7 custom
    fields); needs Edit or Full access to one of its customers (TEAM-2). The
    salutation is read as the create reads it: an active SALUTATION value by
    code or label."""
    person = person_get_for_edit(actor, person.pk)
    unknown = set(changes) - EDITABLE_FIELDS - {"custom"}
    if unknown:
        raise ValidationFailed(
            field_errors={k: [_("This field cannot be changed.")] for k in sorted(unknown)}
        )
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items()}
    if "salutation" in values:
        salutations = lookup_spellings(SALUTATION)
        errors = salutation_errors(values["salutation"], salutations)
        if errors:
            raise ValidationFailed(field_errors=errors)
        values["salutation"] = salutation_code(values["salutation"], salutations)
    if "custom" in values:
        values["custom"] = custom_values_clean(
            Person.record_type, values["custom"] or {}, person.custom, partial=True
        )
    return record_update(
        actor=actor, instance=person, changes=values, expected_version=expected_version
    )


def contact_delete(*, actor: Actor, person: Person) -> None:
    """CON-11: needs Delete Sales Party Contact and Full or Edit access to at
    least one related account. Deletes the person with its relationships,
    contact points and preferences. A contact the actor cannot see is 404
    before any privilege is checked (TEAM-5)."""
    person = access.get_visible(Person, actor, person.pk)
    access.require(actor, "delete", person)
    picture = person.picture.name
    with transaction.atomic():
        record_delete(actor=actor, instance=person)
        if picture:
            transaction.on_commit(lambda: person.picture.storage.delete(picture))


def _checked_picture(upload: Any) -> tuple[bytes, str]:
    """CON-5: only real JPEG, PNG or WebP images up to 2 MB, checked by Pillow
    from the content (never the file name or the declared type). The stored
    file is the picture re-encoded from its pixels: bytes appended to the
    image (a script, a zip) and metadata (EXIF with GPS position, comments,
    XMP, colour profiles) never reach the disk or another user's browser.
    Pillow is imported on the first picture, not by every process."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > PICTURE_MAX_BYTES:
        raise ValidationFailed(field_errors={"picture": [_("The picture must be at most 2 MB.")]})
    data = upload.read()
    refused = ValidationFailed(field_errors={"picture": [_("Upload a JPEG, PNG or WebP image.")]})
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            image_format = image.format or ""
        if image_format not in PICTURE_FORMATS:
            raise refused
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > PICTURE_MAX_PIXELS:
                raise ValidationFailed(
                    field_errors={"picture": [_("The picture has too many pixels.")]}
                )
            return _reencoded(image, image_format), PICTURE_FORMATS[image_format]
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise refused from None


def _reencoded(image: "Image.Image", image_format: str) -> bytes:
    """The first frame's pixels in the same format, upright (the EXIF
    orientation applied), with no metadata but PNG/WebP transparency."""
    from PIL import ImageOps

    upright = ImageOps.exif_transpose(image)
    transparency = image.info.get("transparency")
    upright.info = {} if transparency is None else {"transparency": transparency}
    out = io.BytesIO()
    upright.save(out, format=image_format, **PICTURE_SAVE_OPTIONS.get(image_format, {}))
    return out.getvalue()


def contact_set_picture(*, actor: Actor, person: Person, upload: Any | None) -> Person:
    """Replace (or with None remove) the profile picture (CON-5, TEAM-2)."""
    person = person_get_for_edit(actor, person.pk)
    old = person.picture.name
    if upload is None:
        new: Any = ""
    else:
        data, extension = _checked_picture(upload)
        new = ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}")
    with transaction.atomic():
        person = record_update(
            actor=actor, instance=person, changes={"picture": new}, expected_version=None
        )
        if old:
            transaction.on_commit(lambda: person.picture.storage.delete(old))
    return person


def favorite_set(*, actor: Actor, person: Person, favorite: bool) -> bool:
    """CON-6: mark or unmark a favorite for the actor only; idempotent."""
    person = access.get_visible(Person, actor, person.pk)
    if not favorite:
        Favorite.objects.filter(user_id=actor.pk, person=person).delete()
        return False
    try:
        with transaction.atomic():
            Favorite.objects.get_or_create(user=actor.user, person=person)
    except IntegrityError:
        pass  # a concurrent request marked it first: the outcome is the same
    return True
