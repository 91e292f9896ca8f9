"""Partner pages: list, create, detail (profile, contacts, hierarchy,
history), edit, inactivate / activate, and the account screens' managed
flag. Every decision is the services' or the selectors'; the page shapes
are the generic views'. The partner contact pages are in contact_views."""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.core.audit.selectors import audit_history
from openprm.core.errors import Conflict, DomainError, StaleVersion
from openprm.core.listing import page_number, read_page
from openprm.core.views.editing import RecordAction, RecordForm
from openprm.core.views.generic import CustomFilteredList, Page, RecordDetail, export_answer
from openprm.core.views.web import permitted_create
from openprm.customers.models import Account
from openprm.partners import selectors, services, tables
from openprm.partners.forms import (
    ExistingContactForm,
    PartnerContactForm,
    PartnerCreateForm,
    PartnerEditForm,
    PartnerPortalForm,
    VersionForm,
)
from openprm.partners.models import PartnerContact, PartnerProfile


def partner_url(partner: PartnerProfile, tab: str = "") -> str:
    url = reverse("partners:partner_detail", kwargs={"pk": partner.pk})
    return f"{url}?tab={tab}" if tab else url


class PartnerList(CustomFilteredList):
    """PA-2: managed partners, filtered, sorted, paginated and exported."""

    model = PartnerProfile
    spec = tables.PARTNERS
    template_name = "partners/partner_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {
            "statuses": PartnerProfile.Status.choices,
            "can_create": permitted_create(self.actor, PartnerProfile),
        }


class PartnerCreate(RecordForm):
    """PA-2 (type and managed flag set, no type field) and PA-6 (the primary
    contact, entered with the partner); similar accounts ask first."""

    model = PartnerProfile
    action = "create"
    form_class = PartnerCreateForm
    template_name = "partners/partner_form.html"
    title = gettext_lazy("New partner")
    success_message = gettext_lazy("Partner “%(name)s” created.")

    refusals_to_page = True

    def apply(self, form: Any, record: Any) -> PartnerProfile:
        """A missing primary contact is named next to its last name too."""
        try:
            return services.partner_create(
                actor=self.actor,
                data=form.service_values(),
                custom=form.custom_values(),
                primary_contact=form.primary_contact(),
                confirm_duplicates=form.cleaned_data["confirm_duplicates"],
            )
        except DomainError as error:
            for message in error.field_errors.get("primary_contact", []):
                form.add_error("contact_last_name", message)
            raise

    def success_url(self, saved: PartnerProfile) -> str:
        return partner_url(saved)


class PartnerDetail(RecordDetail):
    """The partner's tabs; the Contacts tab is a list that exports (IMP-3).
    Its buttons and forms show to those who may use them (`can`)."""

    model = PartnerProfile
    template_name = "partners/partner_detail.html"
    context_object_name = "partner"
    actions = ("change", "manage_contacts", "manage_portal")
    tabs = (
        ("details", gettext_lazy("Profile")),
        ("contacts", gettext_lazy("Contacts")),
        ("hierarchy", gettext_lazy("Hierarchy")),
        ("history", gettext_lazy("History")),
    )

    def record(self, pk: int) -> PartnerProfile:
        return selectors.partner_get(actor=self.actor, pk=pk)

    def contacts(self, partner_id: int) -> QuerySet[PartnerContact]:
        spec = tables.PARTNER_CONTACTS
        query = self.request.GET
        return spec.rows(
            actor=self.actor, query=query, sort=query.get("sort", ""), partner_id=partner_id
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.GET.get("tab") == "contacts":
            export = export_answer(
                request, tables.PARTNER_CONTACTS, self.contacts(pk), {"partner_id": pk}
            )
            if export is not None:
                return export
        return super().get(request, pk)

    def tab_context(self, record: PartnerProfile, tab: str) -> dict[str, Any]:
        actor = self.actor
        if tab == "contacts":
            spec = tables.PARTNER_CONTACTS
            page_obj = read_page(
                self.contacts(record.pk), page_number(self.request.GET.get("page"))
            )
            return {
                "spec": spec,
                "columns": spec.shown_columns,
                "page_obj": page_obj,
                "rows": list(page_obj),
                "sort": spec.sort_of(self.request.GET.get("sort", "")),
                "contact_form": PartnerContactForm(),
                "existing_form": ExistingContactForm(),
            }
        if tab == "details":
            return {"portal": selectors.partner_portal_summary(actor=actor, partner=record)}
        if tab == "hierarchy":
            return {"hierarchy": selectors.partner_hierarchy(actor=actor, partner=record)}
        if tab == "history":
            return {"history": audit_history(actor=actor, instance=record)}
        return {}


class PartnerEdit(RecordForm):
    """PLAT-6: the edit carries the partner's version."""

    model = PartnerProfile
    action = "change"
    form_class = PartnerEditForm
    template_name = "partners/partner_form.html"
    context_object_name = "partner"
    title = gettext_lazy("Edit partner")
    success_message = gettext_lazy("Partner saved.")
    refusals_to_page = True

    def record(self, pk: int) -> PartnerProfile:
        return selectors.partner_get_to(actor=self.actor, pk=pk, action=self.action)

    def form_kwargs(self, record: PartnerProfile) -> dict[str, Any]:
        account = record.account
        initial: dict[str, Any] = {
            name: getattr(account, name)
            for name in PartnerEditForm.base_fields
            if hasattr(account, name)
        }
        initial.update(
            country=account.country.code or "", parent_id=account.parent_id, version=record.version
        )
        return {"partner": record, "initial": initial}

    def apply(self, form: Any, record: PartnerProfile) -> PartnerProfile:
        return services.partner_update(
            actor=self.actor,
            partner=record,
            changes=form.service_values(),
            custom=form.custom_values(),
            expected_version=form.cleaned_data["version"],
        )

    def success_url(self, saved: PartnerProfile) -> str:
        return partner_url(saved)


class PartnerStatus(RecordAction):
    """PA-3/PA-4: the partner screens inactivate or activate, never delete;
    the URL says which (`as_view(status=…)`)."""

    model = PartnerProfile
    action = "change"
    form_class = VersionForm
    status = ""

    @property
    def success_message(self) -> str:  # type: ignore[override]
        return _("The partner is now %s.") % PartnerProfile.Status(self.status).label

    def record(self, pk: int) -> PartnerProfile:
        return selectors.partner_get_to(actor=self.actor, pk=pk, action=self.action)

    def perform(self, record: PartnerProfile, form: Any) -> None:
        try:
            services.partner_set_status(
                actor=self.actor,
                partner=record,
                status=self.status,
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion:
            raise Conflict(_("The partner changed meanwhile; review it and try again.")) from None

    def success_url(self, record: PartnerProfile) -> str:
        return partner_url(record)


class PartnerPortal(RecordForm):
    """PRG-13: the brand owner's portal settings of one partner: on or off
    (off signs all its users out), the highest user type, and whether its
    users see its subsidiaries' business."""

    model = PartnerProfile
    action = "manage_portal"
    form_class = PartnerPortalForm
    template_name = "partners/partner_portal.html"
    context_object_name = "partner"
    title = gettext_lazy("Portal settings")
    success_message = gettext_lazy("Portal settings of %(name)s saved.")
    refusals_to_page = True

    def record(self, pk: int) -> PartnerProfile:
        return selectors.partner_get_to(actor=self.actor, pk=pk, action=self.action)

    def form_kwargs(self, record: PartnerProfile) -> dict[str, Any]:
        return {
            "initial": {
                "version": record.version,
                "portal_enabled": record.portal_enabled,
                "max_portal_user_type": record.max_portal_user_type,
                "portal_shows_subsidiaries": record.portal_shows_subsidiaries,
            }
        }

    def apply(self, form: Any, record: PartnerProfile) -> PartnerProfile:
        data = form.cleaned_data
        return services.partner_portal_update(
            actor=self.actor,
            partner=record,
            expected_version=data["version"],
            portal_enabled=data["portal_enabled"],
            max_portal_user_type=data["max_portal_user_type"],
            portal_shows_subsidiaries=data["portal_shows_subsidiaries"],
        )

    def success_url(self, saved: PartnerProfile) -> str:
        return partner_url(saved)


class AccountManaged(Page):
    """PA-2: the account screens' managed-partner flag, set by hand; a
    partner that shows among partners opens once saved. The flag is an
    action of the account the URL names (the partners app's rule on it)."""

    model = Account
    action = "mark_managed_partner"
    template_name = "partners/account_managed.html"

    def account(self, account_id: int) -> Account:
        return selectors.account_get_to_mark_managed(actor=self.actor, account_id=account_id)

    def get(self, request: HttpRequest, account_id: int) -> HttpResponse:
        account = self.account(account_id)
        profile = selectors.partner_for_account(actor=self.actor, account_id=account.pk)
        return render(request, self.template_name, {"account": account, "profile": profile})

    def post(self, request: HttpRequest, account_id: int) -> HttpResponse:
        account = self.account(account_id)
        managed = request.POST.get("managed_partner") == "on"
        profile = services.partner_mark_managed(actor=self.actor, account=account, managed=managed)
        messages.success(request, _("Managed-partner flag saved."))
        if selectors.partner_list(actor=self.actor).filter(pk=profile.pk).exists():
            return redirect(partner_url(profile))
        return render(request, self.template_name, {"account": account, "profile": profile})
