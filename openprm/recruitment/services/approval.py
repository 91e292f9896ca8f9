"""Approving an application (PRG-1): linking it to an existing account
when it names one, refusing duplicates, then one transaction through the
partners' and programs' own services — account of type Partner with its
Active partner profile, its partnership at the program's entry tier, the
primary contact as Partner Administrator, promoted to resource and portal
user — so their rules apply as on their own pages; the invitation e-mail
leaves only once everything is committed. A step that fails leaves
nothing behind."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.customers.models import Account
from openprm.customers.services import account_update
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.services import (
    partner_contact_create,
    partner_contact_promote_to_resource,
    partner_contact_promote_to_user,
    partner_create,
    partner_mark_managed,
)
from openprm.partners.services.common import partner_administrator_role
from openprm.partners.services.invitations import invitation_send
from openprm.programs.services import partnership_create
from openprm.recruitment import selectors
from openprm.recruitment.errors import RecruitmentErrorCode
from openprm.recruitment.events import (
    ApplicationApproved,
    ApplicationLinked,
)
from openprm.recruitment.models import Application
from openprm.recruitment.services.steps import decide, require_state

State = Application.State


def _linkable(actor: Actor, application: Application, account_id: Any) -> Account:
    """A duplicate candidate the approver sees, not yet a partner."""
    for candidate in selectors.duplicate_candidates(actor=actor, application=application):
        if candidate.account is not None and str(candidate.account.pk) == str(account_id):
            if candidate.is_partner:
                raise Conflict(
                    _("%(name)s is already a partner: reject the application instead.")
                    % {"name": candidate.account.name},
                    code=RecruitmentErrorCode.ALREADY_PARTNER,
                )
            return candidate.account
    raise ValidationFailed(
        field_errors={"account_id": [_("Choose one of the duplicate candidates.")]}
    )


def application_link_account(
    *, actor: Actor, application: Application, account_id: Any, expected_version: int
) -> Application:
    """PRG-10: the approver says the applicant is an existing account (not
    yet a partner); approval then makes that account the partner instead
    of creating a second organization."""
    access.require(actor, "decide", application)
    require_state(application, *Application.OPEN)
    account = _linkable(actor, application, account_id)
    with transaction.atomic():
        decide(actor, application, expected_version, account=account)
        publish(ApplicationLinked(actor=actor, record=application, account=account.pk))
    return application


def _refuse_duplicates(actor: Actor, application: Application) -> None:
    """PRG-10: a duplicate candidate is never created again silently."""
    shown = selectors.duplicate_candidates(actor=actor, application=application)
    accounts = [c for c in shown if c.account is not None]
    if accounts:
        raise Conflict(
            _(
                "The applicant may be an existing account: link the application to it, "
                "or reject the application."
            ),
            code=RecruitmentErrorCode.DUPLICATE_CANDIDATES,
            extra={"candidates": [candidate.summary() for candidate in accounts]},
        )
    if selectors.hidden_duplicate_exists(application, shown):
        raise Conflict(
            _(
                "An account you cannot see matches this applicant; ask a colleague who "
                "sees it to decide."
            ),
            code=RecruitmentErrorCode.HIDDEN_DUPLICATE,
        )


def _partner_from_account(actor: Actor, application: Application) -> PartnerProfile:
    """The linked account becomes a managed partner of type Partner, and the
    applicant its primary contact as Partner Administrator."""
    account = access.get_visible(Account, actor, application.account_id)
    if account.account_type != Account.AccountType.PARTNER:
        account = account_update(
            actor=actor,
            account=account,
            changes={"account_type": Account.AccountType.PARTNER},
            expected_version=account.version,
        )
    partner = partner_mark_managed(actor=actor, account=account, managed=True)
    partner_contact_create(
        actor=actor,
        partner=partner,
        data={**_contact(application), "role_id": partner_administrator_role().pk},
        is_primary=True,
        confirm_duplicates=True,
    )
    return partner


def _contact(application: Application) -> dict[str, str]:
    return {
        "first_name": application.first_name,
        "last_name": application.last_name,
        "email": application.email,
        "phone": application.phone,
    }


def application_approve(
    *,
    actor: Actor,
    application: Application,
    expected_version: int,
    base_url: str,
    username: str = "",
) -> Application:
    """PRG-1/PRG-10: approval is one transaction — partner (Active) →
    partnership at the program's entry tier → portal organization → primary
    contact as Partner Administrator → portal user → invitation (sent on
    commit). The portal user name is the applicant's e-mail unless the
    approver gives another. Any refusal on the way undoes every step."""
    access.require(actor, "decide", application)
    require_state(application, State.UNDER_REVIEW)
    if application.account_id is None:
        _refuse_duplicates(actor, application)
    with transaction.atomic():
        decide(actor, application, expected_version, state=State.APPROVED)
        if application.account_id is not None:
            partner = _partner_from_account(actor, application)
        else:
            partner = partner_create(
                actor=actor,
                data={
                    "name": application.company_name,
                    "country": application.country.code,
                    "address_line1": application.address_line1,
                    "city": application.city,
                    "postal_code": application.postal_code,
                },
                primary_contact=_contact(application),
                confirm_duplicates=True,
            )
        partnership_create(
            actor=actor,
            partner_id=partner.pk,
            program_id=application.program_id,
            channel_manager=actor.user,
            starts_on=timezone.localdate(),
        )
        contact = access.visible(PartnerContact, actor).get(partner=partner, is_primary=True)
        contact = partner_contact_promote_to_resource(
            actor=actor,
            contact=contact,
            role_id=partner_administrator_role().pk,
            expected_version=contact.version,
        )
        contact = partner_contact_promote_to_user(
            actor=actor,
            contact=contact,
            username=username.strip() or application.email.lower(),
            email=application.email,
            expected_version=contact.version,
            base_url=base_url,
            portal_user_type=partner.max_portal_user_type,
            invite=False,
        )
        Application.objects.filter(pk=application.pk).update(
            partner=partner, account=partner.account_id, decided_at=timezone.now()
        )
        application.partner, application.account_id = partner, partner.account_id
        publish(ApplicationApproved(actor=actor, record=application, partner=partner.pk))
        user = contact.user
        assert user is not None
        transaction.on_commit(lambda: invitation_send(user=user, base_url=base_url))
    return application
