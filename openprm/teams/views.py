"""The account Team page (TEAM-1..TEAM-3): members with their access level,
lock and source; Full users add, change, lock and remove members in place
with HTMX. Buttons follow the actor's level, but the services decide."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openprm.core.errors import Conflict, StaleVersion, ValidationFailed
from openprm.core.views.generic import Page, export_answer
from openprm.core.views.web import FormSave, html_errors
from openprm.customers.levels import AccessLevel, at_least, default_access_level
from openprm.customers.models import Account
from openprm.customers.reach import account_access_level
from openprm.customers.selectors import account_get
from openprm.teams import selectors, services, tables
from openprm.teams.forms import TeamMemberAddForm, TeamMemberUpdateForm


def _context(
    request: HttpRequest, account: Account, form: forms.Form | None = None
) -> dict[str, Any]:
    level = account_access_level(request.actor, account)
    return {
        "account": account,
        "members": tables.TEAM_MEMBERS.rows(
            actor=request.actor, query=request.GET, account_id=account.pk
        ),
        "level": level,
        "can_change": at_least(level, AccessLevel.FULL),
        "levels": AccessLevel.choices,
        "default_level": default_access_level(),
        "form": form or TeamMemberAddForm(),
        "resources": selectors.resource_choices(actor=request.actor),
    }


def _render(request: HttpRequest, account: Account, form: forms.Form | None = None) -> HttpResponse:
    template = "teams/_team.html" if request.htmx else "teams/team.html"  # type: ignore[attr-defined]
    return render(request, template, _context(request, account, form))


def _account(request: HttpRequest, pk: int) -> Account:
    return account_get(actor=request.actor, pk=pk)


class AccountTeam(Page):
    """TEAM-2: everyone who sees the account sees its team; `?export=` gives
    it as a file."""

    model = Account

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = _account(request, pk)
        scope = {"account_id": account.pk}
        members = tables.TEAM_MEMBERS.rows(actor=self.actor, query=request.GET, **scope)
        export = export_answer(request, tables.TEAM_MEMBERS, members, scope)
        if export is not None:
            return export
        return _render(request, account)


@html_errors
def resource_picker(request: HttpRequest) -> HttpResponse:
    resources = selectors.resource_choices(actor=request.actor, q=request.GET.get("q", ""))
    return render(request, "teams/_resource_options.html", {"resources": resources})


def _done(request: HttpRequest, account: Account, message: str) -> HttpResponse:
    messages.success(request, message)
    if request.htmx:  # type: ignore[attr-defined]
        return _render(request, account)
    return redirect("teams:account_team", pk=account.pk)


@require_POST
@html_errors
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    """TEAM-1: Full users add a member, at the default level unless chosen."""
    account = _account(request, pk)
    form = TeamMemberAddForm(request.POST)
    if form.is_valid():
        with FormSave(form, catch=(ValidationFailed, Conflict)) as save:
            services.team_member_add(
                actor=request.actor,
                account=account,
                resource_id=form.cleaned_data["resource_id"],
                access_level=form.cleaned_data["access_level"] or None,
                locked=form.cleaned_data["locked"],
            )
        if save.ok:
            return _done(request, account, _("Team member added."))
    return _render(request, account, form)


@require_POST
@html_errors
def member_update(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    """TEAM-2: change the level or the lock (Full access; PLAT-6 version check)."""
    account = _account(request, pk)
    member = selectors.team_member_get(actor=request.actor, account_id=account.pk, pk=member_id)
    form = TeamMemberUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid access level."))
        return _render(request, account)
    try:
        services.team_member_update(
            actor=request.actor,
            member=member,
            changes=form.changes(),
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersion:
        messages.error(request, _("This member changed meanwhile; review and try again."))
        return _render(request, account)
    except (ValidationFailed, Conflict) as error:
        messages.error(request, error.message)
        return _render(request, account)
    return _done(request, account, _("Team member updated."))


@require_POST
@html_errors
def member_remove(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    """TEAM-3: removal ends the access the team gave."""
    account = _account(request, pk)
    member = selectors.team_member_get(actor=request.actor, account_id=account.pk, pk=member_id)
    services.team_member_remove(actor=request.actor, member=member)
    return _done(request, account, _("Team member removed."))
