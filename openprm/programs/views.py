"""The channel team's pages of programs, tiers and partnerships (PRG-3,
PRG-4, PRG-5, PRG-11), and the partner's read-only Program page (PRG-7)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.core.actor import Actor
from openprm.core.listing import page_number, read_page
from openprm.core.lookups.selectors import lookup_choices
from openprm.core.views.editing import RecordAction, RecordDelete, RecordForm
from openprm.core.views.generic import Page, RecordDetail, RecordList
from openprm.core.views.pages import portal_only
from openprm.core.views.web import permitted, permitted_create
from openprm.deals.analytics import chart_data, partner_deal_stats
from openprm.partners.models import PartnerProfile
from openprm.partners.selectors import own_partner, partner_get
from openprm.programs import forms, selectors, services, tables
from openprm.programs.catalog import PARTNERSHIP_STATUS
from openprm.programs.drilldown import described, figure_lines
from openprm.programs.evaluation import Outcome
from openprm.programs.explain import cause, explain
from openprm.programs.models import (
    DowngradeReview,
    Partnership,
    Program,
    Snapshot,
    Tier,
    TierChange,
)
from openprm.programs.panels import panels_for


class ProgramList(RecordList):
    model = Program
    spec = tables.PROGRAMS
    template_name = "programs/program_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {"can_create": permitted_create(self.actor, Program)}


class PartnershipList(RecordList):
    """PRG-3: every partnership the actor's reach gives, by program, tier,
    status and channel manager."""

    model = Partnership
    spec = tables.PARTNERSHIPS
    template_name = "programs/partnership_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {
            "programs": selectors.program_choices(actor=self.actor),
            "tiers": selectors.all_tier_choices(actor=self.actor),
            "statuses": lookup_choices(PARTNERSHIP_STATUS),
            "managers": selectors.manager_choices(),
        }


class SnapshotList(RecordList):
    """PRG-11: the evaluations kept, newest first, each opening its figures."""

    model = Snapshot
    spec = tables.SNAPSHOTS
    template_name = "programs/snapshot_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {"programs": selectors.program_choices(actor=self.actor)}


class ReviewList(RecordList):
    """PRG-11: the downgrade reviews, the open ones waiting for a decision."""

    model = DowngradeReview
    spec = tables.REVIEWS
    template_name = "programs/review_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {
            "programs": selectors.program_choices(actor=self.actor),
            "states": DowngradeReview.State.choices,
        }


def _snapshot_context(actor: Actor, request: HttpRequest, pk: int) -> dict[str, Any]:
    """A snapshot's figures and, for the figure asked (`?figure=`, the
    first that lists its records by default), the records it counted."""
    snapshot = selectors.snapshot_get(actor=actor, pk=pk)
    lines = figure_lines(snapshot)
    listed = [line for line in lines if line.drills_down]
    asked = request.GET.get("figure")
    line = None
    if asked is not None:
        snapshot, line = selectors.snapshot_figure(actor=actor, pk=pk, figure=asked)
    elif listed:
        line = listed[0]
    context: dict[str, Any] = {"snapshot": snapshot, "lines": lines, "line": line}
    if line is not None:
        records = selectors.snapshot_counted(actor=actor, pk=pk, figure=line.index)
        page_obj = read_page(records, page_number(request.GET.get("page")))
        context.update(page_obj=page_obj, counted=described(line, page_obj))
    return context


class SnapshotDetail(Page):
    """PRG-11: an evaluation's figures, and the records behind each."""

    model = Snapshot
    template_name = "programs/snapshot_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, _snapshot_context(self.actor, request, pk))


class ProgramDetail(RecordDetail):
    model = Program
    template_name = "programs/program_detail.html"
    context_object_name = "program"
    actions = ("change",)

    def record(self, pk: int) -> Program:
        return selectors.program_get(actor=self.actor, pk=pk)

    def tab_context(self, record: Program, tab: str) -> dict[str, Any]:
        reviews = selectors.review_list(actor=self.actor).filter(
            partnership__program=record, state=DowngradeReview.State.OPEN
        )
        return {
            "tiers": selectors.ladder(actor=self.actor, program=record),
            "reviews": list(reviews.order_by("grace_ends_on", "pk")[:20]),
            "requirement_form": forms.RequirementForm(),
            "version_form": forms.VersionForm(initial={"version": record.version}),
        }


class ProgramCreate(RecordForm):
    model = Program
    action = "create"
    form_class = forms.ProgramForm
    template_name = "programs/program_form.html"
    title = gettext_lazy("New program")
    success_message = gettext_lazy("%(name)s is created. Add its tiers, entry tier first.")

    def apply(self, form: Any, record: None) -> Program:
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return services.program_create(actor=self.actor, data=data)


class ProgramEdit(RecordForm):
    model = Program
    action = "change"
    form_class = forms.ProgramForm
    template_name = "programs/program_form.html"
    title = gettext_lazy("Edit the program")
    success_message = gettext_lazy("%(name)s is saved.")

    def record(self, pk: int) -> Program:
        return selectors.program_get_to(actor=self.actor, pk=pk, action="change")

    def form_kwargs(self, record: Program) -> dict[str, Any]:
        return {"instance": record, "initial": {"version": record.version}}

    def apply(self, form: Any, record: Program) -> Program:
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        program = selectors.program_get(actor=self.actor, pk=record.pk)
        return services.program_update(
            actor=self.actor,
            program=program,
            changes=data,
            expected_version=form.cleaned_data["version"] or record.version,
        )


def outcome_message(outcome: Outcome) -> str:
    if not outcome.wrote:
        return _("Evaluated %(n)s partner(s): nothing changed since the last evaluation.") % {
            "n": outcome.evaluated
        }
    return _(
        "Evaluated %(n)s partner(s): %(up)s moved up, %(down)s moved down, "
        "%(reviews)s downgrade review(s) opened, %(errors)s with incomplete data."
    ) % {
        "n": outcome.evaluated,
        "up": outcome.upgrades,
        "down": outcome.downgrades,
        "reviews": len(outcome.reviews_opened),
        "errors": outcome.errors,
    }


class ProgramEvaluate(RecordAction):
    model = Program
    action = "change"

    def record(self, pk: int) -> Program:
        return selectors.program_get(actor=self.actor, pk=pk)

    def perform(self, record: Program, form: Any) -> None:
        outcome = services.program_evaluate(actor=self.actor, program=record)
        messages.success(self.request, outcome_message(outcome))


class TierCreate(RecordForm):
    """A tier at the top of the ladder (a page of the program it changes)."""

    model = Program
    action = "change"
    form_class = forms.TierForm
    template_name = "programs/tier_form.html"
    title = gettext_lazy("New tier")
    success_message = gettext_lazy("%(name)s is added at the top of the ladder.")

    def record(self, pk: int) -> Program:
        return selectors.program_get_to(actor=self.actor, pk=pk, action="change")

    def apply(self, form: Any, record: Program) -> Tier:
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return services.tier_create(actor=self.actor, program=record, data=data)

    def success_url(self, saved: Tier) -> str:
        return reverse("programs:program_detail", args=[saved.program_id])

    def extra_context(self, form: Any, record: Program) -> dict[str, Any]:
        return {"program": record}


class TierEdit(RecordForm):
    model = Tier
    action = "change"
    form_class = forms.TierForm
    template_name = "programs/tier_form.html"
    title = gettext_lazy("Edit the tier")
    success_message = gettext_lazy("%(name)s is saved.")

    def record(self, pk: int) -> Tier:
        return selectors.tier_get_to(actor=self.actor, pk=pk, action="change")

    def form_kwargs(self, record: Tier) -> dict[str, Any]:
        return {"instance": record, "initial": {"version": record.version}}

    def apply(self, form: Any, record: Tier) -> Tier:
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        tier = selectors.tier_get(actor=self.actor, pk=record.pk)
        return services.tier_update(
            actor=self.actor,
            tier=tier,
            changes=data,
            expected_version=form.cleaned_data["version"] or record.version,
        )

    def success_url(self, saved: Tier) -> str:
        return reverse("programs:program_detail", args=[saved.program_id])

    def extra_context(self, form: Any, record: Tier) -> dict[str, Any]:
        return {"program": record.program}


class TierDelete(RecordDelete):
    model = Tier
    form_class = forms.VersionForm
    template_name = "programs/tier_delete.html"
    context_object_name = "tier"
    success_message = gettext_lazy("%(name)s is deleted.")

    def record(self, pk: int) -> Tier:
        return selectors.tier_get_to(actor=self.actor, pk=pk, action="delete")

    def remove(self, record: Tier, version: int) -> None:
        services.tier_delete(actor=self.actor, tier=record)

    def success_url(self, record: Tier) -> str:
        return reverse("programs:program_detail", args=[record.program_id])


class _TierAction(RecordAction):
    model = Tier
    action = "change"
    refusals_to_page = True

    def record(self, pk: int) -> Tier:
        return selectors.tier_get(actor=self.actor, pk=pk)

    def success_url(self, record: Tier) -> str:
        return reverse("programs:program_detail", args=[record.program_id])

    refusal_details = True


class RequirementSet(_TierAction):
    form_class = forms.RequirementForm
    invalid_message = gettext_lazy("Choose an indicator and enter a threshold and a window.")
    success_message = gettext_lazy("The requirements of %(name)s are saved.")

    def perform(self, record: Tier, form: Any) -> None:
        services.requirement_set(actor=self.actor, tier=record, data=form.cleaned_data)


class RequirementRemove(_TierAction):
    form_class = forms.RequirementRemoveForm
    success_message = gettext_lazy("The requirement is removed from %(name)s.")

    def perform(self, record: Tier, form: Any) -> None:
        requirement = selectors.requirement_get(
            actor=self.actor, pk=form.cleaned_data["requirement_id"]
        )
        if requirement.tier_id != record.pk:
            raise services.ValidationFailed(_("This requirement is not the tier's."))
        services.requirement_delete(actor=self.actor, requirement=requirement)


def _program_context(partnership: Partnership) -> dict[str, Any]:
    return {"partnership": partnership, "explanation": explain(partnership)}


class PartnerProgram(Page):
    """The Program tab of a partner's page (PRG-3)."""

    model = PartnerProfile
    template_name = "programs/partner_program.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        partner = partner_get(actor=self.actor, pk=pk)
        partnership = selectors.partnership_of_partner(actor=self.actor, partner_id=partner.pk)
        context: dict[str, Any] = {
            "partner": partner,
            "partner_url": reverse("partners:partner_detail", args=[partner.pk]),
            "can_create": permitted_create(self.actor, Partnership),
            "deals_links": _deals_links(partner.pk),
        }
        if partnership is not None:
            can = permitted(self.actor, partnership, "change")
            context.update(
                _program_context(partnership),
                can=can,
                history=_history(self.actor, partnership, limit=20),
                review=selectors.open_review(actor=self.actor, partnership=partnership),
                version_form=forms.VersionForm(initial={"version": partnership.version}),
                override_form=forms.OverrideForm(
                    initial={"version": partnership.version, "tier_id": partnership.tier_id},
                    tiers=selectors.tier_choices(actor=self.actor, program=partnership.program),
                ),
                score_form=forms.ScoreForm(
                    initial={"version": partnership.version, "score": partnership.manual_score}
                ),
            )
        return render(request, self.template_name, context)


def _history(actor: Actor, partnership: Partnership, limit: int) -> list[tuple[TierChange, str]]:
    """The latest tier changes, each with why it happened (PRG-5)."""
    currency = partnership.program.currency
    changes = selectors.tier_history(actor=actor, partnership=partnership)[:limit]
    return [(change, cause(change, currency)) for change in changes]


def _deals_links(partner_id: int) -> list[tuple[str, str, str]]:
    return [
        (
            _("Deal registrations"),
            "shield-check",
            reverse("deals:registration_list") + f"?partner={partner_id}",
        ),
        (
            _("Opportunities"),
            "briefcase",
            reverse("deals:opportunity_list") + f"?partner={partner_id}",
        ),
        (_("Leads"), "target-arrow", reverse("deals:lead_list") + f"?partner={partner_id}"),
    ]


class PartnershipCreate(RecordForm):
    model = Partnership
    action = "create"
    form_class = forms.PartnershipCreateForm
    template_name = "programs/partnership_form.html"
    title = gettext_lazy("New partnership")
    success_message = gettext_lazy("The partnership with %(name)s is recorded.")

    def form_kwargs(self, record: None) -> dict[str, Any]:
        return {
            "managers": selectors.manager_choices(),
            "programs": selectors.program_choices(actor=self.actor),
            "initial": {"partner_id": self.request.GET.get("partner"), "status": "ACTIVE"},
        }

    def apply(self, form: Any, record: None) -> Partnership:
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return services.partnership_create(actor=self.actor, **data)


class PartnershipEdit(RecordForm):
    model = Partnership
    action = "change"
    form_class = forms.PartnershipForm
    template_name = "programs/partnership_form.html"
    title = gettext_lazy("Edit the partnership")
    success_message = gettext_lazy("The partnership with %(name)s is saved.")

    def record(self, pk: int) -> Partnership:
        return selectors.partnership_get_to(actor=self.actor, pk=pk, action="change")

    def form_kwargs(self, record: Partnership) -> dict[str, Any]:
        initial = {name: getattr(record, name) for name in services.PARTNERSHIP_FIELDS}
        return {
            "managers": selectors.manager_choices(),
            "initial": {**initial, "version": record.version},
        }

    def apply(self, form: Any, record: Partnership) -> Partnership:
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return services.partnership_update(
            actor=self.actor,
            partnership=record,
            changes=data,
            expected_version=form.cleaned_data["version"] or record.version,
        )


class _PartnershipAction(RecordAction):
    model = Partnership
    action = "change"

    def record(self, pk: int) -> Partnership:
        return selectors.partnership_get(actor=self.actor, pk=pk)

    refusal_details = True


class PartnershipEvaluate(_PartnershipAction):
    def perform(self, record: Partnership, form: Any) -> None:
        outcome = services.partnership_evaluate(actor=self.actor, partnership=record)
        messages.success(self.request, outcome_message(outcome))


class PartnershipOverride(_PartnershipAction):
    form_class = forms.OverrideForm
    success_message = gettext_lazy("The tier of %(name)s is set.")

    def form_kwargs(self, record: Partnership) -> dict[str, Any]:
        return {"tiers": selectors.tier_choices(actor=self.actor, program=record.program)}

    def perform(self, record: Partnership, form: Any) -> None:
        services.tier_override(
            actor=self.actor,
            partnership=record,
            tier_id=form.cleaned_data["tier_id"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )


class PartnershipScore(_PartnershipAction):
    form_class = forms.ScoreForm
    success_message = gettext_lazy("The manual score of %(name)s is saved.")

    def perform(self, record: Partnership, form: Any) -> None:
        services.manual_score_set(
            actor=self.actor,
            partnership=record,
            score=form.cleaned_data["score"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )


class _ReviewAction(RecordAction):
    model = DowngradeReview
    action = "decide"
    form_class = forms.ReasonForm

    def record(self, pk: int) -> DowngradeReview:
        return selectors.review_get(actor=self.actor, pk=pk)

    refusal_details = True


class ReviewAccept(_ReviewAction):
    success_message = gettext_lazy("The downgrade is accepted.")

    def perform(self, record: DowngradeReview, form: Any) -> None:
        services.review_accept(
            actor=self.actor,
            review=record,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )


class ReviewWaive(_ReviewAction):
    success_message = gettext_lazy("The partner keeps its tier.")

    def perform(self, record: DowngradeReview, form: Any) -> None:
        services.review_waive(
            actor=self.actor,
            review=record,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )


@method_decorator(portal_only, name="dispatch")
class PortalSnapshot(Page):
    """PRG-11: the partner checks its own figures record by record; another
    partner's evaluation is a 404."""

    model = Snapshot
    template_name = "programs/portal/snapshot.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, _snapshot_context(self.actor, request, pk))


@method_decorator(portal_only, name="dispatch")
class PortalProgram(Page):
    """PRG-7, PRG-8: the partner's program, read-only, with the panels the
    apps contribute."""

    template_name = "programs/portal/program.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        partner = own_partner(actor=self.actor)
        partnership = selectors.partnership_of_partner(actor=self.actor, partner_id=partner.pk)
        if partnership is None:
            return render(request, self.template_name, {"partner": partner})
        stats = partner_deal_stats(actor=self.actor, partner_id=partner.pk)
        return render(
            request,
            self.template_name,
            {
                "partner": partner,
                **_program_context(partnership),
                "tiers": selectors.ladder(actor=self.actor, program=partnership.program),
                "stats": stats,
                "charts": chart_data(stats),
                "panels": panels_for(actor=self.actor),
                "last_change": next(iter(_history(self.actor, partnership, limit=1)), None),
            },
        )
