"""The team of an account (TEAM-1..TEAM-3): what its export holds, declared
once for the page's files, the background export and the API."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.tables import Column, ListSpec, Query
from openprm.teams import selectors
from openprm.teams.models import AccountTeamMember


def _members(
    *, actor: Actor, filters: Any, query: Query, account_id: int, **scope: Any
) -> QuerySet[AccountTeamMember]:
    """TEAM-2: everyone who sees the account sees its team; else NotFound."""
    return selectors.team_member_list(actor=actor, account_id=account_id)


TEAM_MEMBERS = ListSpec(
    name="teams.members",
    select=_members,
    columns=(
        Column("member", _("Member"), lambda m: m.display_name),
        Column("access_level", _("Access level"), lambda m: m.get_access_level_display()),
        Column("locked", _("Locked")),
        Column("source", _("Source"), lambda m: m.get_source_display()),
    ),
    sorts={"added": ("pk",)},
    default_sort="added",
    filename="account-{account_id}-team",
)
