"""Every read of the recruitment app, scoped by the access module; the
public pages read what anyone may see (the open programs) and the one
application a private link names."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, cast

from django.db.models import Prefetch, Q, QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import NotFound
from openprm.customers.duplicates import account_duplicates
from openprm.customers.models import Account
from openprm.programs.models import Program, Tier
from openprm.recruitment.models import Application, Campaign

MAX_CANDIDATES = 10


def public_programs() -> QuerySet[Program]:
    """PRG-10: the programs open for applications, with their ladders; the
    public page shows them to anyone, signed in or not."""
    return (
        access.unscoped(Program)
        .filter(is_public=True, is_active=True)
        .prefetch_related(
            Prefetch(
                "tiers",
                queryset=access.unscoped(Tier).filter(is_retired=False).order_by("rank"),
                to_attr="ladder",
            )
        )
        .order_by("name")
    )


def program_choices(*, actor: Actor) -> QuerySet[Program]:
    """The programs an internal user filters the applications by."""
    return access.visible(Program, actor).order_by("name")


def public_program_get(code: str) -> Program:
    program = public_programs().filter(code=code).first()
    if program is None:
        raise NotFound()
    return program


def application_by_token(token: str) -> Application:
    """The application a private status link names; any other token is
    not found, like a record one may not see."""
    found = (
        access.unscoped(Application).select_related("program").filter(token=token).first()
        if token
        else None
    )
    if found is None:
        raise NotFound()
    return found


def application_list(*, actor: Actor) -> QuerySet[Application]:
    return access.visible(Application, actor).select_related("program", "campaign")


def application_get(*, actor: Actor, pk: Any) -> Application:
    return access.get_visible(
        Application,
        actor,
        pk,
        application_list(actor=actor).select_related("account", "partner__account", "reviewer"),
    )


def campaign_list(*, actor: Actor) -> QuerySet[Campaign]:
    return access.visible(Campaign, actor)


def campaign_get(*, actor: Actor, pk: Any) -> Campaign:
    return access.get_visible(Campaign, actor, pk)


def campaign_by_code(code: str) -> Campaign | None:
    """The active campaign a link's code names, if any (system read: the
    applicant is anonymous)."""
    if not code:
        return None
    return access.unscoped(Campaign).filter(code=code, is_active=True).first()


class ApplicationCandidateReason(StrEnum):
    """Why an account or application may be the applicant (PRG-10)."""

    TAX_ID = "tax_id"
    DOMAIN = "domain"
    NAME_COUNTRY = "name_country"
    SIMILAR_NAME = "similar_name"


class ApplicationCandidateKind(StrEnum):
    ACCOUNT = "account"
    APPLICATION = "application"


@dataclass(frozen=True)
class Candidate:
    """An existing account or another application the applicant may be
    (PRG-10), and why."""

    reasons: tuple[ApplicationCandidateReason, ...]
    account: Account | None = None
    application: Application | None = None

    def summary(self) -> dict[str, Any]:
        """What the approver is shown of it, in the candidates list and in
        the 409 an approval answers (the API's `CandidateOut`)."""
        if self.account is not None:
            kind, pk, name = ApplicationCandidateKind.ACCOUNT, self.account.pk, self.account.name
        else:
            other = cast(Application, self.application)
            kind, pk, name = ApplicationCandidateKind.APPLICATION, other.pk, other.company_name
        return {
            "kind": kind,
            "id": pk,
            "name": name,
            "is_partner": self.is_partner,
            "reasons": list(self.reasons),
        }

    @property
    def is_partner(self) -> bool:
        if self.account is None:
            return False
        profile = getattr(self.account, "partner_profile", None)
        return bool(
            profile is not None
            and profile.managed_partner
            and self.account.account_type == Account.AccountType.PARTNER
        )


def _matches(application: Application) -> Q:
    found = Q(name_search=application.name_search, country=application.country)
    if application.tax_key:
        found |= Q(tax_key=application.tax_key)
    if application.domain:
        found |= Q(domain=application.domain)
    return found


def _reasons(
    application: Application, other: Application
) -> tuple[ApplicationCandidateReason, ...]:
    reasons = []
    if application.tax_key and other.tax_key == application.tax_key:
        reasons.append(ApplicationCandidateReason.TAX_ID)
    if application.domain and other.domain == application.domain:
        reasons.append(ApplicationCandidateReason.DOMAIN)
    if (other.name_search, other.country) == (application.name_search, application.country):
        reasons.append(ApplicationCandidateReason.NAME_COUNTRY)
    return tuple(reasons)


def duplicate_candidates(*, actor: Actor, application: Application) -> list[Candidate]:
    """PRG-10: the accounts and partners the applicant may already be — the
    same normalized name in the same country, a near-identical name at the
    same postal code (the accounts' own duplicate rule, CUS-1), or the same
    tax id or web domain as an earlier application that became an account —
    and the other applications that look like the same organization."""
    accounts: dict[int, set[ApplicationCandidateReason]] = {}
    same_name = access.visible(Account, actor).filter(
        name_search=application.name_search, country=application.country
    )
    for account_id in same_name.values_list("pk", flat=True)[:MAX_CANDIDATES]:
        accounts.setdefault(account_id, set()).add(ApplicationCandidateReason.NAME_COUNTRY)
    for account in account_duplicates(
        actor=actor,
        name=application.company_name,
        postal_code=application.postal_code,
        country=application.country.code or "",
    ):
        accounts.setdefault(account.pk, set()).add(ApplicationCandidateReason.SIMILAR_NAME)
    others = list(
        application_list(actor=actor)
        .filter(_matches(application))
        .exclude(pk=application.pk)
        .order_by("-submitted_at")[:MAX_CANDIDATES]
    )
    applications = []
    for other in others:
        reasons = _reasons(application, other)
        if other.account_id is not None and other.state == Application.State.APPROVED:
            accounts.setdefault(other.account_id, set()).update(reasons)
        else:
            applications.append(Candidate(reasons, application=other))
    rows = {
        account.pk: account
        for account in access.visible(Account, actor)
        .filter(pk__in=accounts)
        .select_related("partner_profile")
    }
    found = [
        Candidate(tuple(sorted(accounts[pk])), account=rows[pk]) for pk in accounts if pk in rows
    ]
    return found + applications


def hidden_duplicate_exists(application: Application, shown: list[Candidate]) -> bool:
    """An account the approver may not see matches the applicant (same name
    and country, or an earlier approved application's tax id or domain):
    approving would create it again silently, so it is refused instead."""
    seen = {c.account.pk for c in shown if c.account is not None}
    same_name = access.unscoped(Account).filter(
        name_search=application.name_search, country=application.country, is_active=True
    )
    earlier = (
        access.unscoped(Application)
        .filter(_matches(application), state=Application.State.APPROVED, account__isnull=False)
        .exclude(pk=application.pk)
        .values_list("account_id", flat=True)
    )
    return same_name.exclude(pk__in=seen).exists() or bool(set(earlier) - seen)
