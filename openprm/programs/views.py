"""The channel team's pages of programs and their tier ladders (PRG-4,
PRG-5): the list, a program with its ladder, its form and evaluation, and
the tiers with their requirements."""

from typing import Any

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.core.errors import ValidationFailed
from openprm.core.views.editing import RecordAction, RecordDelete, RecordForm
from openprm.core.views.generic import RecordDetail, RecordList
from openprm.core.views.web import permitted_create
from openprm.programs import forms, selectors, services, tables
from openprm.programs.evaluation_views import outcome_message
from openprm.programs.models import DowngradeReview, Program, Tier


class ProgramList(RecordList):
    model = Program
    spec = tables.PROGRAMS
    template_name = "programs/program_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {"can_create": permitted_create(self.actor, Program)}


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
            raise ValidationFailed(_("This requirement is not the tier's."))
        services.requirement_delete(actor=self.actor, requirement=requirement)
