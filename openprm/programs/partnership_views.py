"""The channel team's partnership pages (PRG-3, PRG-5): the list, a
partner's Program tab with its tier history, the partnership form and the
actions on it (evaluate, override the tier, set the manual score)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.core.actor import Actor
from openprm.core.lookups.selectors import lookup_choices
from openprm.core.views.defaults import Filter
from openprm.core.views.editing import RecordAction, RecordForm
from openprm.core.views.generic import Page, RecordList
from openprm.core.views.web import permitted, permitted_create
from openprm.partners.models import PartnerProfile
from openprm.partners.selectors import partner_get
from openprm.programs import forms, selectors, services, tables
from openprm.programs.catalog import PARTNERSHIP_STATUS
from openprm.programs.evaluation_views import outcome_message
from openprm.programs.explain import cause, explain
from openprm.programs.ladder import Ladder
from openprm.programs.models import Partnership, TierChange


class PartnershipList(RecordList):
    """PRG-3: every partnership the actor's reach gives, by program, tier,
    status and channel manager."""

    model = Partnership
    spec = tables.PARTNERSHIPS
    empty_text = gettext_lazy(
        "No partnership matches. A partnership places a partner in a program; "
        "add one from the partner's Program tab."
    )

    def filter_bar(self) -> list[Filter]:
        return [
            Filter.of_records("program", _("Program"), selectors.program_choices(actor=self.actor)),
            Filter.of_records("tier", _("Tier"), selectors.all_tier_choices(actor=self.actor)),
            Filter("status", _("Status"), "choice", lookup_choices(PARTNERSHIP_STATUS)),
            Filter.of_records("manager", _("Channel manager"), selectors.manager_choices()),
        ]


def partnership_context(partnership: Partnership, ladder: Ladder | None = None) -> dict[str, Any]:
    """The partnership and why it holds its tier: the Program tab and the
    portal's program page say the same (PRG-5, PRG-7)."""
    return {"partnership": partnership, "explanation": explain(partnership, ladder)}


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
                partnership_context(partnership),
                can=can,
                history=tier_history_explained(self.actor, partnership, limit=20),
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


def tier_history_explained(
    actor: Actor, partnership: Partnership, limit: int
) -> list[tuple[TierChange, str]]:
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
