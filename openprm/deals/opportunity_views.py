"""Opportunity pages (DEAL-1, DEAL-9): the list, one opportunity with its
lines, team and registrations, a new opportunity, and its stage."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.catalog.selectors import product_pick
from openprm.core.actor import Actor
from openprm.core.views.editing import RecordAction, RecordForm
from openprm.core.views.generic import Page, RecordDetail, RecordList
from openprm.core.views.web import permitted_create, require_create
from openprm.customers.pickers import PICK_LIMIT, pick_results, picked_text
from openprm.deals import forms, selectors, services, tables
from openprm.deals.models import Opportunity


def product_pick_url(record: Opportunity) -> str:
    """Where the Add a product picker of this deal reads its matches."""
    return reverse("deals:opportunity_product_pick", args=[record.pk])


class OpportunityList(RecordList):
    model = Opportunity
    spec = tables.OPPORTUNITIES
    template_name = "deals/opportunity_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {
            "stages": Opportunity.Stage.choices,
            "can_create": permitted_create(self.actor, Opportunity),
        }


def deal_context(actor: Actor, record: Opportunity) -> dict[str, Any]:
    """What both the internal and the portal page of a deal show: its
    lines, and the team members and registrations of it the actor may see."""
    return {
        "lines": record.lines.select_related("product"),
        "team": selectors.team_seen(actor=actor, opportunity=record),
        "registrations": selectors.registration_list(actor=actor).filter(opportunity=record),
    }


class OpportunityDetail(RecordDetail):
    model = Opportunity
    template_name = "deals/opportunity_detail.html"
    context_object_name = "opportunity"
    actions = ("change", "stage", "manage_team", "assign")

    def record(self, pk: int) -> Opportunity:
        return selectors.opportunity_get(actor=self.actor, pk=pk)

    def tab_context(self, record: Opportunity, tab: str) -> dict[str, Any]:
        return {
            **deal_context(self.actor, record),
            "stage_form": forms.StageForm(
                initial={"version": record.version, "stage": record.stage}
            ),
            "line_form": (
                forms.OpportunityLineForm(actor=self.actor, pick_url=product_pick_url(record))
                if record.is_open
                else None
            ),
            "owner_form": forms.OwnerForm(
                pick_url=reverse("deals:opportunity_owner_pick", args=[record.pk]),
                initial={"version": record.version, "owner_id": record.owner_id},
            ),
            "team_form": forms.TeamMemberForm(
                opportunity=record,
                pick_url=reverse("deals:opportunity_team_pick", args=[record.pk]),
            ),
        }


class OpportunityButton(RecordAction):
    """A button on the opportunity's page; the opportunity is the record
    acted on, a line or a team member a field of its form."""

    model = Opportunity
    action = "change"

    def record(self, pk: int) -> Opportunity:
        """404 unseen, 403 without the button's action, before its form is
        read: a forged or empty post learns no more than the policy says."""
        return selectors.opportunity_for_change(actor=self.actor, pk=pk, action=self.action)


class OpportunityStage(OpportunityButton):
    action = "stage"
    form_class = forms.StageForm
    success_message = _("%(name)s moved to its new stage.")

    def perform(self, record: Opportunity, form: Any) -> None:
        services.opportunity_set_stage(
            actor=self.actor,
            opportunity=record,
            stage=form.cleaned_data["stage"],
            expected_version=form.cleaned_data["version"],
        )


class OpportunityCreate(RecordForm):
    model = Opportunity
    action = "create"
    form_class = forms.OpportunityForm
    template_name = "deals/opportunity_form.html"
    title = _("New opportunity")
    success_message = _("The opportunity %(name)s is open.")

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "pick_url": reverse("deals:opportunity_new_product_pick"),
            "initial": {"account_id": self.request.GET.get("account")},
        }

    def apply(self, form: Any, record: Any) -> Opportunity:
        data = form.cleaned_data
        lines = form.lines()
        return services.opportunity_create(
            actor=self.actor,
            account_id=data["account_id"],
            name=data["name"],
            close_date=data["close_date"],
            currency=data["currency"],
            lines=lines,
        )


class OpportunityEdit(RecordForm):
    """Name, account, close date and money, through the service the portal
    and the API use (DEAL-1, PLAT-6)."""

    model = Opportunity
    action = "change"
    form_class = forms.InternalOpportunityEditForm
    success_message = _("%(name)s is saved.")

    def record(self, pk: int) -> Opportunity:
        return selectors.opportunity_for_change(actor=self.actor, pk=pk)

    def form_kwargs(self, record: Opportunity) -> dict[str, Any]:
        return {"actor": self.actor, "opportunity": record}

    def apply(self, form: Any, record: Opportunity) -> Opportunity:
        return services.opportunity_update(
            actor=self.actor,
            opportunity=record,
            changes=form.changes(),
            expected_version=form.cleaned_data["version"],
        )


class OpportunityAssign(OpportunityButton):
    """A new owner, through the service `PATCH /opportunities/{id}` uses:
    only those with Full access on the deal (TEAM-2) see the form."""

    action = "assign"
    form_class = forms.OwnerForm
    success_message = _("%(name)s has a new owner.")
    refusal_details = True

    def form_kwargs(self, record: Opportunity) -> dict[str, Any]:
        return {"pick_url": reverse("deals:opportunity_owner_pick", args=[record.pk])}

    def perform(self, record: Opportunity, form: Any) -> None:
        services.opportunity_update(
            actor=self.actor,
            opportunity=record,
            changes={"owner_id": form.cleaned_data["owner_id"]},
            expected_version=form.cleaned_data["version"],
        )


class OpportunityProductPick(Page):
    """Matches of the Add a product picker: active products by name or
    code, for those who may change the deal (DEAL-1)."""

    model = Opportunity
    action = "change"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        selectors.opportunity_for_change(actor=self.actor, pk=pk)
        return product_matches(request, self.actor)


def product_matches(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The active products a product picker offers for what was typed."""
    text = picked_text(request)
    products = product_pick(actor=actor, q=text, limit=PICK_LIMIT)
    matches = [{"pk": p.pk, "label": p.name, "detail": p.code} for p in products]
    return pick_results(request, text, matches)


class OpportunityOwnerPick(Page):
    """Matches of the Owner box's picker: the brand owner's active people
    by name, for those who may give the deal away (TEAM-2)."""

    model = Opportunity
    action = "assign"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        selectors.opportunity_for_change(actor=self.actor, pk=pk, action=self.action)
        text = picked_text(request)
        owners = selectors.owner_pick(q=text, limit=PICK_LIMIT)
        matches = [{"pk": o.pk, "label": o.name, "detail": o.email} for o in owners]
        return pick_results(request, text, matches)


class OpportunityTeamPick(Page):
    """Matches of the Sales team's Person picker: active people not yet on
    the team, partner people with their organization, for those who manage
    the team (TEAM-2)."""

    model = Opportunity
    action = "manage_team"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = selectors.opportunity_for_change(actor=self.actor, pk=pk, action=self.action)
        text = picked_text(request)
        people = selectors.team_pick(opportunity=record, q=text, limit=PICK_LIMIT)
        matches = [{"pk": p.pk, "label": p.name, "detail": p.organization} for p in people]
        return pick_results(request, text, matches)


class NewLineProductPick(Page):
    """Matches of the product pickers of a form that creates `model` with
    its lines, for those who may create one."""

    action = "create"

    def get(self, request: HttpRequest) -> HttpResponse:
        assert self.model is not None
        require_create(self.actor, self.model)
        return product_matches(request, self.actor)


class OpportunityNewProductPick(NewLineProductPick):
    """The New opportunity form's product pickers (DEAL-1)."""

    model = Opportunity


class OpportunityLineAdd(OpportunityButton):
    form_class = forms.OpportunityLineForm
    success_message = _("The products of %(name)s are updated.")
    invalid_message = _("Choose a product and give a quantity and an amount.")
    refusal_details = True

    def form_kwargs(self, record: Opportunity) -> dict[str, Any]:
        return {"actor": self.actor, "pick_url": product_pick_url(record)}

    def perform(self, record: Opportunity, form: Any) -> None:
        services.opportunity_line_add(actor=self.actor, opportunity=record, line=form.line())


class OpportunityLineRemove(OpportunityButton):
    form_class = forms.LineRemoveForm
    success_message = _("The products of %(name)s are updated.")

    def perform(self, record: Opportunity, form: Any) -> None:
        services.opportunity_line_remove(
            actor=self.actor, opportunity=record, line_id=form.cleaned_data["line_id"]
        )


class OpportunityTeamAdd(OpportunityButton):
    action = "manage_team"
    form_class = forms.TeamMemberForm
    success_message = _("The team of %(name)s is updated.")
    invalid_message = _("Choose a person and an access level.")

    def form_kwargs(self, record: Opportunity) -> dict[str, Any]:
        return {
            "opportunity": record,
            "pick_url": reverse("deals:opportunity_team_pick", args=[record.pk]),
        }

    def perform(self, record: Opportunity, form: Any) -> None:
        services.opportunity_team_add(
            actor=self.actor,
            opportunity=record,
            resource_id=form.cleaned_data["resource_id"],
            access_level=form.cleaned_data["access_level"],
        )


class OpportunityTeamRemove(OpportunityButton):
    action = "manage_team"
    form_class = forms.TeamMemberRemoveForm
    success_message = _("The team of %(name)s is updated.")

    def perform(self, record: Opportunity, form: Any) -> None:
        services.opportunity_team_remove(
            actor=self.actor, opportunity=record, member_id=form.cleaned_data["member_id"]
        )
