"""Household pages (CUS-1, CUS-10): list, create, detail with members, delete."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.contacts import selectors, services, tables
from openprm.contacts.forms import HouseholdMemberForm, NameForm
from openprm.contacts.models import Household, HouseholdMembership
from openprm.contacts.tables import household_url
from openprm.core.views.editing import RecordAction
from openprm.core.views.generic import RecordDetail, RecordList
from openprm.core.views.web import FormSave


class HouseholdList(RecordList):
    """The households; the form below the list creates one."""

    model = Household
    spec = tables.HOUSEHOLDS
    template_name = "contacts/household_list.html"

    form: NameForm | None = None

    def context(self, **scope: Any) -> dict[str, Any]:
        return {"form": self.form or NameForm()}

    def post(self, request: HttpRequest) -> HttpResponse:
        self.form = form = NameForm(request.POST)
        if form.is_valid():
            with FormSave(form) as save:
                household = services.household_create(
                    actor=self.actor, name=form.cleaned_data["name"]
                )
            if save.ok:
                return redirect(household_url(household))
        return self.get(request)


class HouseholdDetail(RecordDetail):
    """A household's members; the form below adds one."""

    model = Household
    template_name = "contacts/household_detail.html"
    context_object_name = "household"

    def record(self, pk: int) -> Household:
        return selectors.household_get(actor=self.actor, pk=pk)

    def tab_context(self, record: Household, tab: str) -> dict[str, Any]:
        return {"form": HouseholdMemberForm(actor=self.actor)}

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        household = self.record(pk)
        form = HouseholdMemberForm(request.POST, actor=self.actor)
        if form.is_valid():
            with FormSave(form) as save:
                person = selectors.person_get(actor=self.actor, pk=form.cleaned_data["person"])
                services.household_add_member(actor=self.actor, household=household, person=person)
            if save.ok:
                messages.success(request, _("Member added."))
                return redirect(household_url(household))
        return self.render_record(household, self.tabs[0][0], form=form)


class HouseholdMemberRemove(RecordAction):
    model = HouseholdMembership
    action = "delete"
    success_message = gettext_lazy("Member removed; the contact remains.")

    def record(self, pk: int) -> HouseholdMembership:
        return selectors.household_membership_get(actor=self.actor, pk=pk)

    def perform(self, record: HouseholdMembership, form: Any) -> None:
        services.household_remove_member(actor=self.actor, membership=record)

    def success_url(self, record: HouseholdMembership) -> str:
        return reverse("contacts:household_detail", kwargs={"pk": record.household_id})


class HouseholdDelete(RecordAction):
    """CUS-10: the members remain as individual contacts."""

    model = Household
    action = "delete"
    success_message = gettext_lazy("Household deleted; its members remain as contacts.")

    def record(self, pk: int) -> Household:
        return selectors.household_get(actor=self.actor, pk=pk)

    def perform(self, record: Household, form: Any) -> None:
        services.household_delete(actor=self.actor, household=record)

    def success_url(self, record: Household) -> str:
        return reverse("contacts:household_list")

    def refused_url(self, record: Household) -> str:
        return household_url(record)
