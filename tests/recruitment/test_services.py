"""Service tests of partner recruitment, PRG-1 and PRG-10."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.utils import timezone

from openprm.core.errors import Conflict, NotFound, PermissionRefused, ValidationFailed
from openprm.core.notifications.models import Notification
from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.identity.catalog import PARTNER_ADMINISTRATOR, SALESPERSON
from openprm.identity.models import User
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.services.invitations import invited_user
from openprm.programs.models import Partnership, Program
from openprm.recruitment import selectors, services
from openprm.recruitment.housekeeping import applications_expire
from openprm.recruitment.models import Application
from tests.factories import as_actor, make_user
from tests.recruitment.conftest import BASE_URL, applicant

pytestmark = pytest.mark.django_db
State = Application.State
Submit = Callable[..., Application]


def _approve(user: User, application: Application, **extra: str) -> Application:
    return services.application_approve(
        actor=as_actor(user),
        application=application,
        expected_version=application.version,
        base_url=BASE_URL,
        **extra,
    )


def test_prg_10_the_public_list_shows_open_programs_with_their_ladder(
    program: Program, channel_manager: User
) -> None:
    closed = Program.objects.create(code="OLD", name="Old Program", is_active=False)
    hidden = Program.objects.create(code="INV", name="By invitation", is_public=False)
    shown = list(selectors.public_programs())
    assert [p.code for p in shown] == ["RESELL"]
    assert [t.name for t in shown[0].ladder] == ["Registered", "Gold"]
    for other in (closed, hidden):
        with pytest.raises(NotFound):
            selectors.public_program_get(other.code)


def test_prg_1_an_application_is_submitted_and_the_approvers_are_told(
    submit: Submit, channel_manager: User, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    bystander = make_user(SALESPERSON)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        application = submit("Fabrikam", phone="030 1234567")
    assert application.state == State.SUBMITTED
    assert application.phone == "+49301234567"
    assert application.domain == "fabrikam.example"
    assert len(application.token) >= 40
    told = Notification.objects.filter(title__contains="Fabrikam Systems")
    assert set(told.values_list("recipient_id", flat=True)) == {channel_manager.pk}
    assert bystander.pk not in told.values_list("recipient_id", flat=True)
    assert mail.outbox[-1].to == ["ada@fabrikam.example"]
    assert application.status_path() in mail.outbox[-1].body


def test_prg_10_bad_input_is_refused_field_by_field(submit: Submit) -> None:
    with pytest.raises(ValidationFailed) as refused:
        submit("Bad", email="not-an-email", phone="12", country="", website="http://")
    assert set(refused.value.field_errors) >= {"email", "phone", "country", "website"}
    with pytest.raises(ValidationFailed) as too_long:
        submit("Long", message="x" * 2001)
    assert "message" in too_long.value.field_errors


def test_prg_10_a_campaign_code_is_recorded_and_names_only_an_active_campaign(
    submit: Submit, channel_manager: User
) -> None:
    actor = as_actor(channel_manager)
    fair = services.campaign_create(actor=actor, data={"code": "cebit", "name": "Fair"})
    retired = services.campaign_create(
        actor=actor, data={"code": "old", "name": "Old", "is_active": False}
    )
    known = submit("Known", campaign="cebit")
    assert (known.campaign, known.campaign_code) == (fair, "cebit")
    for code in ("old", "typo"):
        kept = submit(f"Kept{code}", campaign=code)
        assert (kept.campaign, kept.campaign_code) == (None, code)
    assert retired.applications.count() == 0


def test_prg_10_the_states_move_as_the_rule_says(submit: Submit, channel_manager: User) -> None:
    actor = as_actor(channel_manager)
    application = submit()
    with pytest.raises(Conflict):
        _approve(channel_manager, application)  # not under review yet
    services.application_review_start(
        actor=actor, application=application, expected_version=application.version
    )
    services.application_request_info(
        actor=actor,
        application=application,
        message="How many engineers?",
        expected_version=application.version,
        base_url=BASE_URL,
    )
    assert application.state == State.INFO_REQUESTED
    services.application_answer(application=application, answer="Twelve.")
    assert (application.state, application.info_answer) == (State.UNDER_REVIEW, "Twelve.")
    services.application_reject(
        actor=actor,
        application=application,
        reason="NOT_A_FIT",
        expected_version=application.version,
    )
    assert application.state == State.REJECTED
    with pytest.raises(Conflict):
        services.application_withdraw(application=application)


def test_prg_10_rejection_needs_a_reason_from_the_lookup(
    submit: Submit, channel_manager: User
) -> None:
    application = submit()
    with pytest.raises(ValidationFailed) as refused:
        services.application_reject(
            actor=as_actor(channel_manager),
            application=application,
            reason="BECAUSE",
            expected_version=application.version,
        )
    assert "reason" in refused.value.field_errors


def test_prg_10_the_applicant_withdraws(submit: Submit) -> None:
    application = submit()
    services.application_withdraw(application=application)
    assert Application.objects.get(pk=application.pk).state == State.WITHDRAWN


def test_prg_10_an_unanswered_question_expires_after_the_answer_days(
    submit: Submit, channel_manager: User
) -> None:
    application = submit()
    services.application_request_info(
        actor=as_actor(channel_manager),
        application=application,
        message="Your tax id?",
        expected_version=application.version,
        base_url=BASE_URL,
    )
    soon = timezone.now() + dt.timedelta(days=29)
    assert applications_expire(soon) == 0
    later = timezone.now() + dt.timedelta(days=31)
    assert applications_expire(later) == 1
    assert Application.objects.get(pk=application.pk).state == State.EXPIRED
    assert applications_expire(later) == 0


def test_prg_1_only_approvers_decide(submit: Submit) -> None:
    application = submit()
    with pytest.raises(NotFound):
        selectors.application_get(actor=as_actor(make_user(SALESPERSON)), pk=application.pk)
    with pytest.raises((PermissionRefused, NotFound)):
        services.application_review_start(
            actor=as_actor(make_user(SALESPERSON)),
            application=application,
            expected_version=application.version,
        )


def test_prg_1_approval_creates_the_partner_its_partnership_administrator_and_invitation(
    reviewed: Callable[..., Application],
    channel_manager: User,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    application = reviewed("Fabrikam")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _approve(channel_manager, application)
    application.refresh_from_db()
    assert application.state == State.APPROVED
    partner = application.partner
    assert partner is not None
    assert partner.status == PartnerProfile.Status.ACTIVE
    assert partner.managed_partner
    assert partner.account.account_type == Account.AccountType.PARTNER
    partnership = Partnership.objects.get(partner=partner)
    assert (partnership.program, partnership.tier.name) == (application.program, "Registered")
    admin = PartnerContact.objects.get(partner=partner, is_primary=True)
    assert admin.role is not None
    assert admin.role.code == PARTNER_ADMINISTRATOR
    assert admin.level == PartnerContact.Level.USER
    assert admin.user is not None
    assert admin.user.username == "ada@fabrikam.example"
    invitation = mail.outbox[-1]
    assert invitation.to == ["ada@fabrikam.example"]
    assert "/portal/invitation/" in invitation.body


def test_prg_10_approval_is_one_transaction_nothing_stays_when_a_step_fails(
    reviewed: Callable[..., Application],
    channel_manager: User,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    """The portal user name is taken: the partner, its account, contact,
    partnership and the approval itself are all undone, and no e-mail leaves."""
    make_user(username="ada@fabrikam.example")
    application = reviewed("Fabrikam")
    counts = (Account.objects.count(), PartnerProfile.objects.count(), Partnership.objects.count())
    sent = len(mail.outbox)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationFailed) as refused,
    ):  # type: ignore[operator]
        _approve(channel_manager, application)
    assert "username" in refused.value.field_errors
    assert (
        Account.objects.count(),
        PartnerProfile.objects.count(),
        Partnership.objects.count(),
    ) == counts
    assert Application.objects.get(pk=application.pk).state == State.UNDER_REVIEW
    assert len(mail.outbox) == sent
    _approve(channel_manager, Application.objects.get(pk=application.pk), username="ada.fab")
    assert PartnerProfile.objects.count() == counts[1] + 1


def test_prg_10_a_duplicate_is_shown_never_created_and_can_be_linked(
    reviewed: Callable[..., Application], channel_manager: User
) -> None:
    actor = as_actor(channel_manager)
    existing = account_create(
        actor=actor,
        data={"name": "Fabrikam Systems", "country": "DE", "account_type": "PROSPECT"},
    )
    application = reviewed("Fabrikam")
    candidates = selectors.duplicate_candidates(actor=actor, application=application)
    assert [(c.account, c.reasons) for c in candidates] == [
        (existing, ("name_country", "similar_name"))
    ]
    with pytest.raises(Conflict) as refused:
        _approve(channel_manager, application)
    assert refused.value.code == "duplicate_candidates"
    assert Account.objects.filter(name="Fabrikam Systems").count() == 1
    services.application_link_account(
        actor=actor,
        application=application,
        account_id=existing.pk,
        expected_version=application.version,
    )
    _approve(channel_manager, application)
    existing.refresh_from_db()
    assert existing.account_type == Account.AccountType.PARTNER
    assert application.partner is not None
    assert application.partner.account_id == existing.pk
    assert Account.objects.filter(name="Fabrikam Systems").count() == 1


def test_prg_10_same_tax_id_or_domain_as_an_approved_partner_is_a_candidate(
    reviewed: Callable[..., Application], channel_manager: User
) -> None:
    first = reviewed("Fabrikam", tax_id="DE 123 456 789")
    _approve(channel_manager, first)
    again = reviewed("Fabri Kam GmbH", tax_id="de123456789", website="https://fabrikam.example/")
    (candidate,) = selectors.duplicate_candidates(
        actor=as_actor(channel_manager), application=again
    )
    assert candidate.is_partner
    assert set(candidate.reasons) == {"tax_id", "domain"}
    with pytest.raises(Conflict) as refused:
        services.application_link_account(
            actor=as_actor(channel_manager),
            application=again,
            account_id=candidate.account.pk,  # type: ignore[union-attr]
            expected_version=again.version,
        )
    assert refused.value.code == "already_partner"


def test_prg_10_a_linked_account_whose_partner_profile_is_inactive_gets_no_portal_user(
    reviewed: Callable[..., Application], channel_manager: User
) -> None:
    """Bad input: a portal user for an inactive partner is refused, and the
    approval with it."""
    actor = as_actor(channel_manager)
    existing = account_create(
        actor=actor, data={"name": "Fabrikam Systems", "country": "DE", "account_type": "PROSPECT"}
    )
    PartnerProfile.objects.create(
        account=existing, managed_partner=False, status=PartnerProfile.Status.INACTIVE
    )
    application = reviewed("Fabrikam")
    services.application_link_account(
        actor=actor,
        application=application,
        account_id=existing.pk,
        expected_version=application.version,
    )
    with pytest.raises(Conflict) as refused:
        _approve(channel_manager, application)
    assert refused.value.code == "partner_inactive"
    assert not PartnerContact.objects.filter(partner__account=existing).exists()
    assert Application.objects.get(pk=application.pk).state == State.UNDER_REVIEW


def test_prg_1_the_invitation_link_opens_for_the_new_partner_administrator(
    reviewed: Callable[..., Application],
    channel_manager: User,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    application = reviewed("Fabrikam")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _approve(channel_manager, application)
    path = mail.outbox[-1].body.split("testserver", 1)[1].split()[0]
    user = invited_user(path.strip("/").split("/")[-1])
    assert user is not None
    assert user.email == "ada@fabrikam.example"


def test_applicant_helper_names_a_distinct_organization() -> None:
    assert applicant("A")["email"] != applicant("B")["email"]
