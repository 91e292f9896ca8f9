"""The pure create rules of contacts (`contacts.rules`), without a database
(CON-1, CON-4, PLAT-7, IMP-1)."""

from openprm.contacts.duplicates import name_prefixes, name_score
from openprm.contacts.rules import ContactDraft, NewContact, contacts_check
from openprm.core.customfields.values import CustomDefinitions, CustomFieldSpec
from openprm.core.rules import Refused

SCORE = CustomDefinitions((CustomFieldSpec("score", "contact", "number"),))
REQUIRED_SCORE = CustomDefinitions((CustomFieldSpec("score", "contact", "number", required=True),))


def check(*drafts: ContactDraft, custom: CustomDefinitions = SCORE) -> list[NewContact | Refused]:
    return contacts_check(drafts, custom_fields=custom)


def errors(draft: ContactDraft, custom: CustomDefinitions = SCORE) -> dict[str, list[str]]:
    (outcome,) = check(draft, custom=custom)
    assert isinstance(outcome, Refused)
    return outcome.errors


def test_imp_1_a_batch_answers_each_row_in_order() -> None:
    outcomes = check(ContactDraft(last_name="Lee"), ContactDraft(), ContactDraft(last_name="Fox"))
    assert [type(o) for o in outcomes] == [NewContact, Refused, NewContact]
    assert [o.last_name for o in outcomes if isinstance(o, NewContact)] == ["Lee", "Fox"]


def test_con_1_a_last_name_is_required_and_names_are_trimmed() -> None:
    assert errors(ContactDraft(last_name="   ")) == {"last_name": ["This field is required."]}
    (contact,) = check(ContactDraft(first_name="  Ann ", last_name=" Lee  ", job_title=" CFO "))
    assert isinstance(contact, NewContact)
    assert (contact.first_name, contact.last_name, contact.job_title) == ("Ann", "Lee", "CFO")
    assert (contact.name_search, contact.last_name_search) == ("ann lee", "lee")


def test_imp_1_texts_must_fit_their_columns_with_django_s_own_messages() -> None:
    """The length messages full_clean gives when a contact is saved."""
    found = errors(ContactDraft(first_name="a" * 101, last_name="b" * 100, job_title="t" * 121))
    assert found == {
        "first_name": ["Ensure this value has at most 100 characters (it has 101)."],
        "job_title": ["Ensure this value has at most 120 characters (it has 121)."],
    }


def test_con_1_kind_is_b2b_or_b2c_in_any_spelling() -> None:
    kinds = check(
        ContactDraft(last_name="A"),
        ContactDraft(last_name="B", kind=""),
        ContactDraft(last_name="C", kind=" B2C "),
        ContactDraft(last_name="D", kind="b2b (contact of an organization)"),
    )
    assert [k.kind for k in kinds if isinstance(k, NewContact)] == ["b2b", "b2b", "b2c", "b2b"]
    assert errors(ContactDraft(last_name="E", kind="vip")) == {"kind": ["Choose B2B or B2C."]}


def test_con_5_key_contact_flag_is_a_bool_or_a_yes_no_word() -> None:
    flags = check(
        ContactDraft(last_name="A", is_key_contact=True),
        ContactDraft(last_name="B", is_key_contact="x"),
        ContactDraft(last_name="C", is_key_contact="No"),
    )
    assert [f.is_key_contact for f in flags if isinstance(f, NewContact)] == [True, True, False]
    assert errors(ContactDraft(last_name="D", is_key_contact="maybe")) == {
        "is_key_contact": ["Enter yes or no."]
    }


def test_con_4_e_mail_is_validated_by_django_and_stored_lower_case() -> None:
    (contact,) = check(ContactDraft(last_name="Lee", email=" Ann.Lee@Example.COM "))
    assert isinstance(contact, NewContact)
    assert contact.email == "ann.lee@example.com"
    assert errors(ContactDraft(last_name="Lee", email="ann@")) == {
        "email": ["Enter a valid e-mail address."]
    }


def test_con_4_an_e_mail_the_validator_accepts_must_still_fit_its_column() -> None:
    """Django's validator allows 320 characters, the contact point column 254."""
    long_email = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".com"
    assert len(long_email) == 260
    assert errors(ContactDraft(last_name="Lee", email=long_email)) == {
        "email": ["Ensure this value has at most 254 characters (it has 260)."]
    }


def test_con_4_phone_is_read_in_the_customer_s_country_and_stored_e164() -> None:
    us, gb, default = check(
        ContactDraft(last_name="A", phone="(415) 555-0100"),
        ContactDraft(last_name="B", phone="020 7946 0018", phone_region="GB"),
        ContactDraft(last_name="C", phone="020 7946 0018"),
    )
    assert isinstance(us, NewContact)
    assert isinstance(gb, NewContact)
    assert (us.phone, gb.phone) == ("+14155550100", "+442079460018")
    assert default == Refused({"phone": ["Enter a valid phone number."]})


def test_plat_7_custom_values_are_checked_against_the_definitions_passed_in() -> None:
    (contact,) = check(ContactDraft(last_name="A", custom={"score": " 12 "}))
    assert isinstance(contact, NewContact)
    assert contact.custom == {"score": 12}
    assert errors(ContactDraft(last_name="A", custom={"score": "high"})) == {
        "custom.score": ["Enter a number."]
    }
    assert errors(ContactDraft(last_name="A", custom={"size": "1"})) == {
        "custom.size": ["There is no custom field “size” here."]
    }
    assert errors(ContactDraft(last_name="A"), custom=REQUIRED_SCORE) == {
        "custom.score": ["This field is required."]
    }


def test_imp_1_every_error_of_a_row_is_reported_at_once_in_form_order() -> None:
    found = errors(
        ContactDraft(kind="x", is_key_contact="?", email="no", phone="1", custom={"score": "?"})
    )
    assert list(found) == ["last_name", "kind", "is_key_contact", "email", "phone", "custom.score"]


def test_con_2_similar_names_are_one_measure_and_identical_keys_are_alike() -> None:
    """The name rule a create and an import share: token order does not
    matter, and two names that normalize to the same key are alike even
    when the key is empty (a name of combining marks only)."""
    assert name_score("ann lee", "lee ann") == 100
    assert name_score("ann lee", "anne lee") >= 85
    assert name_score("ann lee", "bob fox") == 0
    assert name_score("", "") == 100
    assert name_prefixes("ann", "lee") == ("an", "le")
    assert name_prefixes("", "l") == ("", "l")
