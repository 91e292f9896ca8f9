"""The evaluation pages (PRG-11): the snapshots kept, one snapshot's
figures with the records behind each, and the downgrade reviews with their
decisions."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.core.actor import Actor
from openprm.core.listing import page_number, read_page
from openprm.core.views.defaults import Filter
from openprm.core.views.editing import RecordAction
from openprm.core.views.generic import Page, RecordList
from openprm.programs import forms, selectors, services, tables
from openprm.programs.drilldown import described, figure_lines
from openprm.programs.evaluation import Outcome
from openprm.programs.models import DowngradeReview, Snapshot


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


class SnapshotList(RecordList):
    """PRG-11: the evaluations kept, newest first, each opening its figures."""

    model = Snapshot
    spec = tables.SNAPSHOTS
    title = gettext_lazy("Tier evaluations")
    empty_text = gettext_lazy(
        "No evaluation yet. An evaluation keeps a snapshot of a partner's figures "
        "whenever they change."
    )

    def context(self, **scope: Any) -> dict[str, Any]:
        return {"can_create": False}  # an evaluation writes snapshots, nobody by hand

    def filter_bar(self) -> list[Filter]:
        outcomes = [("true", _("Records not counted")), ("false", _("Everything counted"))]
        return [
            Filter.of_records("program", _("Program"), selectors.program_choices(actor=self.actor)),
            Filter("errors", _("Outcome"), "choice", outcomes),
        ]


def snapshot_context(actor: Actor, request: HttpRequest, pk: int) -> dict[str, Any]:
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
        return render(request, self.template_name, snapshot_context(self.actor, request, pk))


class ReviewList(RecordList):
    """PRG-11: the downgrade reviews, the open ones waiting for a decision."""

    model = DowngradeReview
    spec = tables.REVIEWS
    empty_text = gettext_lazy(
        "No downgrade review matches. A review opens when an evaluation finds a partner "
        "short of its tier."
    )

    def context(self, **scope: Any) -> dict[str, Any]:
        return {"can_create": False}  # an evaluation opens reviews, nobody by hand

    def filter_bar(self) -> list[Filter]:
        return [
            Filter.of_records("program", _("Program"), selectors.program_choices(actor=self.actor)),
            Filter("state", _("State"), "choice", DowngradeReview.State.choices),
        ]


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
