"""JSON API for account teams: /accounts/{id}/team (TEAM-1..TEAM-3)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId
from openprm.customers.models import Account
from openprm.teams import selectors, services, tables
from openprm.teams.models import AccountTeamMember
from openprm.teams.schemas import TeamMemberIn, TeamMemberOut, TeamMemberUpdateIn

router = Router(tags=["teams"])


@router.get("/accounts/{account_id}/team", response=list[TeamMemberOut])
@reads(Account)
@paginate(PagePagination)
def team_member_list(request: HttpRequest, account_id: RecordId) -> Any:
    """Everyone who can see the account sees its team (TEAM-2)."""
    return tables.TEAM_MEMBERS.rows(actor=request.actor, query=request.GET, account_id=account_id)


@router.post("/accounts/{account_id}/team", response={201: TeamMemberOut})
def team_member_add(
    request: HttpRequest, account_id: RecordId, payload: TeamMemberIn
) -> Status[AccountTeamMember]:
    """Full access only; the level defaults to the profile option (TEAM-1)."""
    member = services.team_member_add(
        actor=request.actor,
        account=Account(pk=account_id),
        resource_id=payload.resource_id,
        user_id=payload.user_id,
        access_level=payload.access_level,
        locked=payload.locked,
    )
    return Status(
        201, selectors.team_member_get(actor=request.actor, account_id=account_id, pk=member.pk)
    )


@router.patch("/accounts/{account_id}/team/{member_id}", response=TeamMemberOut)
def team_member_update(
    request: HttpRequest, account_id: RecordId, member_id: RecordId, payload: TeamMemberUpdateIn
) -> AccountTeamMember:
    member = selectors.team_member_get(actor=request.actor, account_id=account_id, pk=member_id)
    services.team_member_update(
        actor=request.actor,
        member=member,
        changes=sent_changes(payload, nullable=()),
        expected_version=payload.version,
    )
    return selectors.team_member_get(actor=request.actor, account_id=account_id, pk=member_id)


@router.delete("/accounts/{account_id}/team/{member_id}", response={204: None})
def team_member_remove(request: HttpRequest, account_id: RecordId, member_id: RecordId) -> Any:
    """TEAM-3: removal ends team access; a territory may still grant it."""
    member = selectors.team_member_get(actor=request.actor, account_id=account_id, pk=member_id)
    services.team_member_remove(actor=request.actor, member=member)
    return Status(204, None)
