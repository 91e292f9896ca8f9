"""Partner contact pages: add a new or an existing contact on the partner's
Contacts tab, promote to resource and to portal user, change the role,
delete, mark a favorite (PC-1..PC-6, PA-6). Each one ends on the Contacts
tab."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.core.errors import NotFound, ValidationFailed
from openprm.core.views.editing import RecordAction, RecordDelete, RecordForm
from openprm.core.views.web import FormSave
from openprm.partners import selectors, services
from openprm.partners.contact_api import base_url
from openprm.partners.forms import (
    ContactRoleForm,
    ExistingContactForm,
    PartnerContactForm,
    PromoteToResourceForm,
    PromoteToUserForm,
    VersionForm,
)
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.views import PartnerDetail, partner_url


def contacts_tab(partner: PartnerProfile) -> str:
    return partner_url(partner, "contacts")


class ContactCreate(PartnerDetail):
    """PC-1 (and PA-6: add the primary contact later): the Contacts tab's
    form; a refused or similar contact stays on the tab."""

    model = PartnerProfile
    action = "manage_contacts"
    http_method_names = ["get", "post"]  # type: ignore[misc]

    def record(self, pk: int) -> PartnerProfile:
        return selectors.partner_get_to(actor=self.actor, pk=pk, action=self.action)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_record(self.record(pk), "contacts")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        partner = self.record(pk)
        form = PartnerContactForm(request.POST)
        save = FormSave(form, refusals_to_page=True)
        if form.is_valid():
            with save:
                services.partner_contact_create(
                    actor=self.actor,
                    partner=partner,
                    data=form.service_values(),
                    is_primary=form.cleaned_data["primary"],
                    confirm_duplicates=form.cleaned_data["confirm_duplicates"],
                )
            if save.ok:
                messages.success(request, _("Partner contact added."))
                return redirect(contacts_tab(partner))
        return self.render_record(
            partner, "contacts", contact_form=form, candidates=save.candidates
        )


class ContactAddExisting(RecordAction):
    """PC-4: an existing contact, without a second person record."""

    model = PartnerProfile
    action = "manage_contacts"
    form_class = ExistingContactForm
    success_message = gettext_lazy("Partner contact added.")
    invalid_message = gettext_lazy("No contact with this number.")

    def record(self, pk: int) -> PartnerProfile:
        return selectors.partner_get_to(actor=self.actor, pk=pk, action=self.action)

    def perform(self, record: PartnerProfile, form: Any) -> None:
        role = form.cleaned_data["role"]
        try:
            services.partner_contact_add_existing(
                actor=self.actor,
                partner=record,
                person_id=form.cleaned_data["person_id"],
                role_id=role.pk if role else None,
            )
        except NotFound:
            raise ValidationFailed(_("No contact with this number.")) from None

    def success_url(self, record: PartnerProfile) -> str:
        return contacts_tab(record)


class ContactPage(RecordForm):
    """A page acting on one partner contact: its form, then the Contacts
    tab. A refusal of access is the 403 page, any other stays on the form."""

    model = PartnerContact
    action = "change"
    template_name = "partners/contact_action.html"
    context_object_name = "contact"
    page_action = ""

    def record(self, pk: int) -> PartnerContact:
        return selectors.partner_contact_get_to(actor=self.actor, pk=pk, action=self.action)

    def form_save(self, form: Any) -> FormSave:
        return FormSave(form, refusals_to_page=True)

    def extra_context(self, form: Any, record: PartnerContact) -> dict[str, Any]:
        return {"action": self.page_action}

    def success_url(self, saved: PartnerContact) -> str:
        return contacts_tab(saved.partner)


class ContactPromoteToResource(ContactPage):
    """PC-2/PC-3: give the contact a role and optionally a manager."""

    form_class = PromoteToResourceForm
    page_action = "resource"
    title = gettext_lazy("Make a partner resource")
    success_message = gettext_lazy("%(name)s is now a partner resource.")

    def form_kwargs(self, record: PartnerContact) -> dict[str, Any]:
        others = selectors.partner_contact_list(actor=self.actor, partner=record.partner)
        return {"managers": others.exclude(pk=record.pk), "initial": {"version": record.version}}

    def apply(self, form: Any, record: PartnerContact) -> PartnerContact:
        manager = form.cleaned_data["manager"]
        return services.partner_contact_promote_to_resource(
            actor=self.actor,
            contact=record,
            role_id=form.cleaned_data["role"].pk,
            manager_id=manager.pk if manager else None,
            expected_version=form.cleaned_data["version"],
        )


class ContactPromoteToUser(ContactPage):
    """PC-2/PC-3: a portal user, invited by e-mail."""

    form_class = PromoteToUserForm
    page_action = "user"
    title = gettext_lazy("Give a portal user")
    success_message = gettext_lazy("Portal user created; the invitation was sent.")

    def form_kwargs(self, record: PartnerContact) -> dict[str, Any]:
        email = record.resource.email if record.resource_id else ""
        return {
            "allowed": record.partner.max_portal_user_type,
            "initial": {"version": record.version, "email": email},
        }

    def apply(self, form: Any, record: PartnerContact) -> PartnerContact:
        return services.partner_contact_promote_to_user(
            actor=self.actor,
            contact=record,
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            portal_user_type=form.cleaned_data["portal_user_type"],
            expected_version=form.cleaned_data["version"],
            base_url=base_url(self.request),
        )


class ContactRole(ContactPage):
    """PA-6: change a partner contact's role."""

    form_class = ContactRoleForm
    page_action = "role"
    title = gettext_lazy("Change the role")
    success_message = gettext_lazy("Role changed.")

    def form_kwargs(self, record: PartnerContact) -> dict[str, Any]:
        return {"initial": {"version": record.version, "role": record.role}}

    def apply(self, form: Any, record: PartnerContact) -> PartnerContact:
        role = form.cleaned_data["role"]
        return services.partner_contact_update(
            actor=self.actor,
            contact=record,
            changes={"role_id": role.pk if role else None},
            expected_version=form.cleaned_data["version"],
        )


class ContactDelete(RecordDelete):
    """PC-5: confirm, then delete; a portal user is deactivated at once."""

    model = PartnerContact
    form_class = VersionForm
    template_name = "partners/contact_delete.html"
    context_object_name = "contact"
    success_message = gettext_lazy("Partner contact %(name)s deleted.")

    def record(self, pk: int) -> PartnerContact:
        return selectors.partner_contact_get_to(actor=self.actor, pk=pk, action=self.action)

    def remove(self, record: PartnerContact, version: int) -> None:
        """The contact's version is not asked: the delete retires it whatever
        changed meanwhile."""
        services.partner_contact_delete(actor=self.actor, contact=record)

    def success_url(self, record: PartnerContact) -> str:
        return contacts_tab(record.partner)


class ContactFavorite(RecordAction):
    """PC-6: mark or unmark a favorite partner contact."""

    model = PartnerContact
    action = "view"

    def record(self, pk: int) -> PartnerContact:
        return selectors.partner_contact_get(actor=self.actor, pk=pk)

    def perform(self, record: PartnerContact, form: Any) -> None:
        services.partner_contact_favorite_set(
            actor=self.actor, contact=record, favorite=self.request.POST.get("favorite") == "1"
        )

    def success_url(self, record: PartnerContact) -> str:
        return contacts_tab(record.partner)


class ContactResendInvitation(RecordAction):
    """PC-2: the channel team sends a portal user a new invitation link;
    the earlier one stops working."""

    model = PartnerContact
    action = "resend_invitation"
    success_message = gettext_lazy("A new invitation was sent to %(name)s.")

    def record(self, pk: int) -> PartnerContact:
        return selectors.partner_contact_get_to(actor=self.actor, pk=pk, action=self.action)

    def perform(self, record: PartnerContact, form: Any) -> None:
        services.portal_invitation_resend(
            actor=self.actor, contact=record, base_url=base_url(self.request)
        )

    def success_url(self, record: PartnerContact) -> str:
        return contacts_tab(record.partner)
