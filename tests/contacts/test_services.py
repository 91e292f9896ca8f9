"""Contact rules through the services (CON-1..CON-12, CUS-9, CUS-10)."""

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from PIL import Image

from openprm.contacts.models import (
    ContactPoint,
    Household,
    HouseholdMembership,
    Person,
    Relationship,
)
from openprm.contacts.selectors import relationship_primary_points
from openprm.contacts.services import (
    DuplicateContacts,
    account_set_primary_contact,
    contact_create,
    contact_delete,
    contact_point_add,
    contact_point_delete,
    contact_point_make_primary,
    contact_set_picture,
    contact_update,
    favorite_set,
    household_add_member,
    household_create,
    household_delete,
    preference_add,
    preference_update,
    relationship_add,
    relationship_set_primary_point,
)
from openprm.core import access
from openprm.core.errors import (
    Conflict,
    MissingPrivilege,
    NotFound,
    PermissionRefused,
    StaleVersion,
    ValidationFailed,
)
from openprm.customers.services import account_delete
from openprm.identity.catalog import LEGAL_PREFERENCES_DUTY, SALESPERSON
from openprm.identity.models import Role, User
from openprm.teams.models import AccessLevel, AccountTeamMember
from tests.contacts.helpers import make_account, make_contact
from tests.factories import as_actor, make_user


def image_upload(fmt: str = "PNG", name: str = "me.png", size: tuple[int, int] = (8, 8)) -> Any:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_con_1_contact_related_to_none_one_or_many_customers(salesperson: User) -> None:
    """CON-1: contact related to none one or many customers."""
    acme1, acme2 = make_account(salesperson, "Acme 1"), make_account(salesperson, "Acme 2")
    loner = make_contact(salesperson, "Loner")
    agent = make_contact(salesperson, "Agent", acme1, acme2, job_title="Purchasing agent")
    assert loner.relationships.count() == 0
    assert set(agent.relationships.values_list("account__name", flat=True)) == {"Acme 1", "Acme 2"}


def test_con_1_b2c_customer_can_be_contact_of_another_customer(salesperson: User) -> None:
    """CON-1: b2c customer can be contact of another customer."""
    shop = make_account(salesperson, "Shop")
    person = make_contact(salesperson, "Buyer", kind=Person.Kind.B2C)
    relationship_add(actor=as_actor(salesperson), person=person, account=shop)
    assert person.kind == Person.Kind.B2C
    assert person.relationships.get().account == shop


def test_con_2_same_email_is_a_duplicate_unless_confirmed(salesperson: User) -> None:
    """CON-2: same email is a duplicate unless confirmed."""
    first = make_contact(salesperson, "Smith", first_name="Ann", email="Ann@Example.com")
    with pytest.raises(DuplicateContacts) as refused:
        contact_create(actor=as_actor(salesperson), last_name="Other", email="ann@example.COM")
    assert [c["id"] for c in refused.value.extra["candidates"]] == [first.pk]
    assert refused.value.status == 409
    again = contact_create(
        actor=as_actor(salesperson),
        last_name="Other",
        email="ann@example.com",
        confirm_duplicates=True,
    )
    assert again.pk != first.pk


def test_con_2_same_phone_in_any_format_is_a_duplicate(salesperson: User) -> None:
    """CON-2: same phone in any format is a duplicate."""
    first = make_contact(salesperson, "Phone", phone="(415) 555-2671")
    with pytest.raises(DuplicateContacts) as refused:
        contact_create(actor=as_actor(salesperson), last_name="Someone", phone="+1 415 555 2671")
    assert refused.value.extra["candidates"][0]["id"] == first.pk


def test_con_2_a_mobile_number_is_a_same_phone_duplicate(salesperson: User) -> None:
    """CON-2: a contact's mobile number counts as its phone."""
    first = make_contact(salesperson, "Mobile")
    contact_point_add(
        actor=as_actor(salesperson),
        person=first,
        kind=ContactPoint.Kind.PHONE,
        purpose=ContactPoint.Purpose.MOBILE,
        phone="+49 170 1234567",
    )
    with pytest.raises(DuplicateContacts) as refused:
        contact_create(actor=as_actor(salesperson), last_name="Someone", phone="+491701234567")
    assert refused.value.extra["candidates"][0]["id"] == first.pk


def test_con_2_similar_name_at_the_same_customer(salesperson: User) -> None:
    """CON-2: similar name at the same customer."""
    acme, other = make_account(salesperson, "Acme"), make_account(salesperson, "Other")
    jon = make_contact(salesperson, "Smith", acme, first_name="Jon")
    with pytest.raises(DuplicateContacts) as refused:
        contact_create(
            actor=as_actor(salesperson), first_name="John", last_name="Smith", account_ids=[acme.pk]
        )
    assert refused.value.extra["candidates"][0]["id"] == jon.pk
    at_other = contact_create(
        actor=as_actor(salesperson), first_name="John", last_name="Smith", account_ids=[other.pk]
    )
    assert at_other.pk != jon.pk


def test_con_2_candidates_never_reveal_invisible_contacts(salesperson: User) -> None:
    """CON-2: candidates never reveal invisible contacts."""
    stranger = make_user(SALESPERSON)
    make_contact(stranger, "Hidden", email="hidden@example.com")
    person = contact_create(
        actor=as_actor(salesperson), last_name="Mine", email="hidden@example.com"
    )
    assert person.pk


def test_con_3_one_primary_contact_per_customer(salesperson: User) -> None:
    """CON-3: one primary contact per customer."""
    acme = make_account(salesperson, "Acme")
    a, b = make_contact(salesperson, "A", acme), make_contact(salesperson, "B", acme)
    account_set_primary_contact(actor=as_actor(salesperson), account=acme, person=a)
    account_set_primary_contact(actor=as_actor(salesperson), account=acme, person=b)
    primaries = Relationship.objects.filter(account=acme, is_primary_contact=True)
    assert list(primaries.values_list("person__last_name", flat=True)) == ["B"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Relationship.objects.filter(account=acme, person=a).update(is_primary_contact=True)


def test_con_3_primary_contact_must_be_related_and_needs_edit_access(
    salesperson: User, sales_admin: User
) -> None:
    """CON-3: primary contact must be related and needs edit access."""
    acme = make_account(sales_admin, "Acme")
    outsider = make_contact(salesperson, "Outsider")
    with pytest.raises(ValidationFailed):
        account_set_primary_contact(actor=as_actor(sales_admin), account=acme, person=outsider)
    with pytest.raises(NotFound):
        account_set_primary_contact(actor=as_actor(salesperson), account=acme, person=outsider)


def test_con_4_first_point_of_a_kind_is_primary_unless_another_designated(
    salesperson: User,
) -> None:
    """CON-4: first point of a kind is primary unless another designated."""
    person = make_contact(salesperson, "Points")
    first = contact_point_add(
        actor=as_actor(salesperson), person=person, kind="phone", phone="+14155552671"
    )
    second = contact_point_add(
        actor=as_actor(salesperson),
        person=person,
        kind="phone",
        phone="+14155552672",
        purpose="mobile",
    )
    email = contact_point_add(
        actor=as_actor(salesperson), person=person, kind="email", email="P@X.org"
    )
    assert (first.is_primary, second.is_primary, email.is_primary) == (True, False, True)
    assert email.email == "p@x.org"
    contact_point_make_primary(actor=as_actor(salesperson), point=second)
    first.refresh_from_db()
    assert not first.is_primary
    contact_point_delete(actor=as_actor(salesperson), point=second)
    first.refresh_from_db()
    assert first.is_primary


def test_con_4_relationship_associated_primary_acme_example(salesperson: User) -> None:
    """CON-4: A contact related to Acme 1 and Acme 2 has work phone 1 primary for
    Acme 1 and mobile phone 2 primary for Acme 2."""
    acme1, acme2 = make_account(salesperson, "Acme 1"), make_account(salesperson, "Acme 2")
    person = make_contact(salesperson, "Both", acme1, acme2)
    work = contact_point_add(
        actor=as_actor(salesperson),
        person=person,
        kind="phone",
        phone="+14155550101",
        purpose="work",
    )
    mobile = contact_point_add(
        actor=as_actor(salesperson),
        person=person,
        kind="phone",
        phone="+14155550102",
        purpose="mobile",
    )
    rel1 = person.relationships.get(account=acme1)
    rel2 = person.relationships.get(account=acme2)
    relationship_set_primary_point(
        actor=as_actor(salesperson), relationship=rel1, contact_point=work
    )
    relationship_set_primary_point(
        actor=as_actor(salesperson), relationship=rel2, contact_point=mobile
    )
    assert relationship_primary_points(rel1)["phone"] == work
    assert relationship_primary_points(rel2)["phone"] == mobile
    assert ContactPoint.objects.get(is_primary=True, person=person) == work


def test_con_4_contact_point_of_another_contact_is_refused(salesperson: User) -> None:
    """CON-4: contact point of another contact is refused."""
    acme = make_account(salesperson, "Acme")
    person, other = make_contact(salesperson, "One", acme), make_contact(salesperson, "Two")
    foreign = contact_point_add(
        actor=as_actor(salesperson), person=other, kind="email", email="t@x.org"
    )
    with pytest.raises(ValidationFailed) as refused:
        relationship_set_primary_point(
            actor=as_actor(salesperson),
            relationship=person.relationships.get(),
            contact_point=foreign,
        )
    assert "another contact" in refused.value.field_errors["contact_point"][0]


def test_phones_are_stored_e164_using_the_address_country(salesperson: User) -> None:
    person = make_contact(salesperson, "Berliner")
    contact_point_add(
        actor=as_actor(salesperson), person=person, kind="address", city="Berlin", country="DE"
    )
    phone = contact_point_add(
        actor=as_actor(salesperson), person=person, kind="phone", phone="030 901820"
    )
    assert phone.phone == "+4930901820"
    with pytest.raises(ValidationFailed):
        contact_point_add(actor=as_actor(salesperson), person=person, kind="phone", phone="12")
    with pytest.raises(ValidationFailed):
        contact_point_add(
            actor=as_actor(salesperson), person=person, kind="email", email="not-mail"
        )


def test_con_5_key_contact_and_picture_limits(salesperson: User, settings: Any, tmp_path) -> None:
    """CON-5: key contact and picture limits."""
    settings.MEDIA_ROOT = tmp_path
    person = make_contact(salesperson, "Key")
    person = contact_update(
        actor=as_actor(salesperson),
        person=person,
        changes={"is_key_contact": True},
        expected_version=person.version,
    )
    assert person.is_key_contact
    person = contact_set_picture(
        actor=as_actor(salesperson), person=person, upload=image_upload("WEBP")
    )
    assert person.picture.name.endswith(".webp")
    with pytest.raises(ValidationFailed):
        contact_set_picture(
            actor=as_actor(salesperson), person=person, upload=image_upload("GIF", name="x.png")
        )
    with pytest.raises(ValidationFailed):
        contact_set_picture(
            actor=as_actor(salesperson),
            person=person,
            upload=SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg"),
        )
    big = SimpleUploadedFile("big.png", b"0" * (2 * 1024 * 1024 + 1), content_type="image/png")
    with pytest.raises(ValidationFailed) as refused:
        contact_set_picture(actor=as_actor(salesperson), person=person, upload=big)
    assert "2 MB" in refused.value.field_errors["picture"][0]


def test_plat_6_stale_contact_update_is_refused(salesperson: User) -> None:
    """PLAT-6: stale contact update is refused."""
    person = make_contact(salesperson, "Stale")
    contact_update(
        actor=as_actor(salesperson), person=person, changes={"job_title": "A"}, expected_version=1
    )
    with pytest.raises(StaleVersion):
        contact_update(
            actor=as_actor(salesperson),
            person=person,
            changes={"job_title": "B"},
            expected_version=1,
        )


def test_con_6_favorites_are_per_user(salesperson: User, sales_admin: User) -> None:
    """CON-6: favorites are per user."""
    acme = make_account(salesperson, "Acme")
    person = make_contact(salesperson, "Fav", acme)
    favorite_set(actor=as_actor(salesperson), person=person, favorite=True)
    favorite_set(actor=as_actor(salesperson), person=person, favorite=True)
    assert person.favorites.filter(user=salesperson).count() == 1
    assert not person.favorites.filter(user=sales_admin).exists()
    favorite_set(actor=as_actor(salesperson), person=person, favorite=False)
    assert not person.favorites.exists()


def test_con_9_do_not_preference_restricts_the_point(salesperson: User) -> None:
    """CON-9: do not preference restricts the point."""
    person = make_contact(salesperson, "Pref")
    phone = contact_point_add(
        actor=as_actor(salesperson), person=person, kind="phone", phone="+14155550199"
    )
    preference = preference_add(
        actor=as_actor(salesperson),
        point=phone,
        preference="do_not",
        reason_code="CUSTOMER_REQUEST",
    )
    assert preference.start_date == timezone.localdate()
    assert ContactPoint.objects.get(pk=phone.pk).do_not_contact
    with pytest.raises(ValidationFailed):
        preference_update(
            actor=as_actor(salesperson),
            preference=preference,
            changes={"end_date": preference.start_date - dt.timedelta(days=1)},
            expected_version=preference.version,
        )


def test_con_9_ended_or_do_preferences_do_not_restrict(salesperson: User) -> None:
    """CON-9: ended or do preferences do not restrict."""
    person = make_contact(salesperson, "Ended")
    phone = contact_point_add(
        actor=as_actor(salesperson), person=person, kind="phone", phone="+14155550198"
    )
    last_week = timezone.localdate() - dt.timedelta(days=7)
    preference_add(
        actor=as_actor(salesperson),
        point=phone,
        preference="do_not",
        reason_code="CUSTOMER_REQUEST",
        start_date=last_week,
        end_date=last_week + dt.timedelta(days=1),
    )
    preference_add(
        actor=as_actor(salesperson), point=phone, preference="do", reason_code="PREFERRED_CHANNEL"
    )
    assert not ContactPoint.objects.get(pk=phone.pk).do_not_contact


def test_con_10_legal_reason_needs_the_duty_role(salesperson: User, sales_admin: User) -> None:
    """CON-10: legal reason needs the duty role."""
    person = make_contact(salesperson, "Legal")
    phone = contact_point_add(
        actor=as_actor(salesperson), person=person, kind="phone", phone="+14155550197"
    )
    with pytest.raises(MissingPrivilege):
        preference_add(
            actor=as_actor(salesperson),
            point=phone,
            preference="do_not",
            reason_code="DNC_REGISTRY",
        )
    with pytest.raises(ValidationFailed):
        preference_add(
            actor=as_actor(salesperson), point=phone, preference="do_not", reason_code="NOPE"
        )
    legal = preference_add(
        actor=as_actor(sales_admin), point=phone, preference="do_not", reason_code="DNC_REGISTRY"
    )
    with pytest.raises(MissingPrivilege):
        preference_update(
            actor=as_actor(salesperson),
            preference=legal,
            changes={"end_date": None},
            expected_version=legal.version,
        )
    salesperson.roles.add(*Role.objects.filter(code=LEGAL_PREFERENCES_DUTY))
    with_duty = User.objects.get(pk=salesperson.pk)
    created = preference_add(
        actor=as_actor(with_duty), point=phone, preference="do_not", reason_code="DNC_REGISTRY"
    )
    assert created.reason_code == "DNC_REGISTRY"


def test_con_11_delete_needs_full_or_edit_access_to_a_related_account(
    salesperson: User, sales_admin: User
) -> None:
    """CON-11: delete needs full or edit access to a related account; the
    refusal names the customers the user sees, never others (TEAM-5)."""
    acme, globex = make_account(sales_admin, "Acme Corp"), make_account(sales_admin, "Globex")
    person = make_contact(sales_admin, "Shared", acme, globex)
    with pytest.raises(NotFound):
        contact_delete(actor=as_actor(salesperson), person=person)
    Person.objects.filter(pk=person.pk).update(owner=salesperson)
    with pytest.raises(PermissionRefused) as refused:
        contact_delete(actor=as_actor(salesperson), person=person)
    assert refused.value.message == (
        "You do not have permission to delete this contact because the contact is "
        "associated to customers you cannot see"
    )
    AccountTeamMember.objects.create(account=acme, user=salesperson, access_level=AccessLevel.VIEW)
    with pytest.raises(PermissionRefused) as refused:
        contact_delete(actor=as_actor(salesperson), person=person)
    assert refused.value.message == (
        "You do not have permission to delete this contact because the contact is "
        "associated to customer Acme Corp"
    )
    contact_delete(actor=as_actor(sales_admin), person=person)
    assert not Person.objects.filter(pk=person.pk).exists()


def test_con_11_delete_removes_person_points_and_relationships(salesperson: User) -> None:
    """CON-11: delete removes person points and relationships."""
    acme = make_account(salesperson, "Acme")
    person = make_contact(salesperson, "Gone", acme, email="gone@example.com")
    contact_delete(actor=as_actor(salesperson), person=person)
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not ContactPoint.objects.filter(person_id=person.pk).exists()
    assert not Relationship.objects.filter(person_id=person.pk).exists()


def test_con_11_delete_needs_the_privilege(channel_manager: User) -> None:
    """CON-11: delete needs the privilege."""
    no_privilege = make_user(username="plain")
    person = make_contact(no_privilege, "Mine")
    with pytest.raises(MissingPrivilege):
        contact_delete(actor=as_actor(no_privilege), person=person)


def test_con_12_relationships_to_contacts(salesperson: User) -> None:
    """CON-12: relationships to contacts."""
    boss, assistant = make_contact(salesperson, "Boss"), make_contact(salesperson, "Assistant")
    relationship_add(
        actor=as_actor(salesperson),
        person=assistant,
        related_person=boss,
        relationship_type="assistant",
    )
    assert assistant.relationships.get().related_person == boss
    with pytest.raises(Conflict):
        relationship_add(actor=as_actor(salesperson), person=assistant, related_person=boss)
    with pytest.raises(ValidationFailed):
        relationship_add(actor=as_actor(salesperson), person=boss, related_person=boss)


def test_cus_9_deleting_an_account_deletes_its_contact_relationships(sales_admin: User) -> None:
    """CUS-9: deleting an account deletes its contact relationships."""
    acme = make_account(sales_admin, "Acme")
    person = make_contact(sales_admin, "Stays", acme)
    account_delete(actor=as_actor(sales_admin), account=acme)
    assert Person.objects.filter(pk=person.pk).exists()
    assert not Relationship.objects.filter(person=person).exists()


def test_cus_10_deleting_a_household_keeps_its_members(salesperson: User) -> None:
    """CUS-10: deleting a household keeps its members."""
    household = household_create(actor=as_actor(salesperson), name="The Smiths")
    members = [make_contact(salesperson, "Smith", kind="b2c") for _ in range(2)]
    for member in members:
        household_add_member(actor=as_actor(salesperson), household=household, person=member)
    household_delete(actor=as_actor(salesperson), household=household)
    assert not Household.objects.exists()
    assert not HouseholdMembership.objects.exists()
    assert Person.objects.filter(pk__in=[m.pk for m in members]).count() == 2


def test_team_5_contacts_of_invisible_accounts_are_not_found(salesperson: User) -> None:
    """TEAM-5: contacts of invisible accounts are not found."""
    other = make_user(SALESPERSON, username="other")
    acme = make_account(other, "Theirs")
    theirs = make_contact(other, "Theirs", acme)
    assert not access.visible(Person, as_actor(salesperson)).filter(pk=theirs.pk).exists()
    assert access.visible(Person, as_actor(other)).filter(pk=theirs.pk).exists()
