"""The partners' pages in the partner portal (PRG-2, PRG-7): the signed-in
partner user's own organization, its contacts and its users, and the
invitation page that sets a password. The portal app mounts them under
/portal/ (partners.urls.portal_urlpatterns)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openprm.core.errors import DomainError
from openprm.core.tables import Column
from openprm.core.views.editing import RecordAction, RecordForm
from openprm.core.views.generic import RecordDetail, RecordList
from openprm.core.views.pages import login_not_required, portal_only
from openprm.core.views.web import FormSave
from openprm.partners import selectors
from openprm.partners.contact_api import base_url
from openprm.partners.forms import PortalInviteForm, PortalUserForm
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.portal_tables import PORTAL_CONTACTS, PORTAL_USERS
from openprm.partners.services import (
    partner_contact_favorite_set,
    portal_invitation_resend,
    portal_user_invite,
    portal_user_update,
)
from openprm.partners.services.invitations import (
    invitation_accept,
    invitation_of_link,
    invitation_renewal_request,
    invitation_usable,
)


@portal_only
def organization(request: HttpRequest) -> HttpResponse:
    """PRG-7: the organization's profile."""
    partner = selectors.own_partner(actor=request.actor)
    return render(request, "partners/portal/organization.html", {"partner": partner})


@method_decorator(portal_only, name="dispatch")
class ContactList(RecordList):
    """PC-6: the organization's contacts, favorites marked in place; its
    subsidiaries' too where the brand owner switched that on (PRG-13)."""

    model = PartnerContact
    spec = PORTAL_CONTACTS
    template_name = "partners/portal/contact_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        partner = selectors.own_partner(actor=self.actor)
        return {"partner": partner, "with_subsidiaries": partner.portal_shows_subsidiaries}

    def columns(self) -> list[Column]:
        shown = super().columns()
        if selectors.own_partner(actor=self.actor).portal_shows_subsidiaries:
            return shown
        return [column for column in shown if column.key != "organization"]


@method_decorator(portal_only, name="dispatch")
class ContactDetail(RecordDetail):
    """PRG-7: one contact of the organization: how to reach it, what it
    does, whether it signs in to the portal; another organization's is 404."""

    model = PartnerContact
    template_name = "partners/portal/contact_detail.html"
    context_object_name = "contact"
    actions = ("manage_portal_user", "resend_invitation")

    def record(self, pk: int) -> PartnerContact:
        self.card = selectors.portal_contact_card(actor=self.actor, pk=pk)
        return self.card.contact

    def tab_context(self, record: PartnerContact, tab: str) -> dict[str, Any]:
        return {"card": self.card}


@portal_only
@require_POST
def contact_favorite(request: HttpRequest, pk: int) -> HttpResponse:
    """PC-6: partner users mark favorite partner contacts, from the list or
    from the contact's page (`back`)."""
    contact = selectors.partner_contact_get(actor=request.actor, pk=pk)
    partner_contact_favorite_set(
        actor=request.actor, contact=contact, favorite=request.POST.get("favorite") == "1"
    )
    if request.POST.get("back") == "detail":
        return redirect("portal:contact_detail", pk=contact.pk)
    return redirect("portal:contact_list")


@method_decorator(portal_only, name="dispatch")
class UserList(RecordList):
    """PRG-2: the organization's users; its partner administrator invites
    and manages them, the other users read the list."""

    model = PartnerContact
    spec = PORTAL_USERS
    template_name = "partners/portal/user_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {
            "can_manage_users": selectors.is_own_partner_administrator(actor=self.actor),
            "partner": selectors.own_partner(actor=self.actor),
        }

    def columns(self) -> list[Column]:
        shown = super().columns()
        if selectors.is_own_partner_administrator(actor=self.actor):
            return shown
        return [column for column in shown if column.key != "edit"]


@method_decorator(portal_only, name="dispatch")
class UserInvite(RecordForm):
    """PRG-2: the partner administrator invites a new user; the others get
    the 403 page."""

    model = PartnerProfile
    action = "manage_portal_users"
    form_class = PortalInviteForm
    template_name = "partners/portal/user_invite.html"
    title = gettext_lazy("Invite a user")
    success_message = gettext_lazy("%(name)s is invited: the invitation e-mail was sent.")
    refusals_to_page = True

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        self.partner = selectors.own_partner_to(actor=self.actor, action=self.action)
        return super().post(request, pk)

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        return {"allowed": self.partner.max_portal_user_type}

    def extra_context(self, form: Any, record: Any) -> dict[str, Any]:
        return {"partner": self.partner}

    def apply(self, form: Any, record: Any) -> PartnerContact:
        data = form.cleaned_data
        return portal_user_invite(
            actor=self.actor,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            portal_user_type=data["portal_user_type"],
            base_url=base_url(self.request),
        )

    def success_url(self, saved: PartnerContact) -> str:
        return reverse("portal:user_list")


@method_decorator(portal_only, name="dispatch")
class UserEdit(RecordForm):
    """PRG-2: the partner administrator sets a user's type (up to the
    organization's highest, PRG-13), deactivates or reactivates it and sends
    it a new invitation."""

    model = PartnerContact
    action = "manage_portal_user"
    form_class = PortalUserForm
    template_name = "partners/portal/user_form.html"
    context_object_name = "contact"
    title = gettext_lazy("Manage user")
    success_message = gettext_lazy("%(name)s saved.")

    def record(self, pk: int) -> PartnerContact:
        return selectors.portal_user_get_to(actor=self.actor, pk=pk, action=self.action)

    def form_kwargs(self, record: PartnerContact) -> dict[str, Any]:
        return {
            "allowed": record.partner.max_portal_user_type,
            "initial": {"version": record.version, "portal_user_type": record.portal_user_type},
        }

    def form_save(self, form: Any) -> FormSave:
        return FormSave(form, stale=True, refusals_to_page=True)

    def apply(self, form: Any, record: PartnerContact) -> PartnerContact:
        return portal_user_update(
            actor=self.actor,
            contact=record,
            expected_version=form.cleaned_data["version"],
            portal_user_type=form.cleaned_data["portal_user_type"],
        )

    def extra_context(self, form: Any, record: PartnerContact) -> dict[str, Any]:
        return {"partner": record.partner}

    def success_url(self, saved: PartnerContact) -> str:
        return reverse("portal:user_list")


class _UserButton(RecordAction):
    """A button of the user's page; its outcome shows there."""

    model = PartnerContact

    def record(self, pk: int) -> PartnerContact:
        return selectors.portal_user_get_to(actor=self.actor, pk=pk, action=self.action)

    def success_url(self, record: PartnerContact) -> str:
        return reverse("portal:user_edit", args=[record.pk])


@method_decorator(portal_only, name="dispatch")
class UserActive(_UserButton):
    """PRG-2: deactivate (signs the user out at once) or reactivate."""

    action = "manage_portal_user"

    @property
    def success_message(self) -> str:  # type: ignore[override]
        if self.request.POST.get("active") == "1":
            return _("%(name)s can sign in again.")
        return _("%(name)s is deactivated and signed out.")

    def perform(self, record: PartnerContact, form: Any) -> PartnerContact:
        return portal_user_update(
            actor=self.actor,
            contact=record,
            expected_version=record.version,
            active=self.request.POST.get("active") == "1",
        )


@method_decorator(portal_only, name="dispatch")
class UserResendInvitation(_UserButton):
    """PC-2, PRG-2: a new invitation link; the earlier one stops working."""

    action = "resend_invitation"
    success_message = gettext_lazy("A new invitation was sent to %(name)s.")

    def perform(self, record: PartnerContact, form: Any) -> None:
        portal_invitation_resend(actor=self.actor, contact=record, base_url=base_url(self.request))


@login_not_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """PC-2: the link of the invitation e-mail sets the password, once and
    within seven days. A used, replaced or expired link says so and offers
    to ask the partner administrator and the channel manager for a new one
    (the `renew` button)."""
    found = invitation_of_link(token)
    if request.method == "POST" and request.POST.get("renew") and found is not None:
        asked = invitation_renewal_request(secret=token)
        if asked:
            messages.success(request, _("Your administrator was asked to send you a new link."))
        else:
            messages.info(
                request, _("Your administrator was already asked today; look out for the e-mail.")
            )
        return render(
            request,
            "partners/portal/invitation_invalid.html",
            {"can_renew": False, "asked": True},
            status=410,
        )
    if found is None or not invitation_usable(found):
        return render(
            request,
            "partners/portal/invitation_invalid.html",
            {"can_renew": found is not None},
            status=410 if found is not None else 404,
        )
    user = found.user
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_accept(secret=token, password=form.cleaned_data["new_password1"])
        except DomainError as error:
            form.add_error("new_password1", error.message)
        else:
            messages.success(request, _("Your password is set. Sign in to the partner portal."))
            return redirect("identity:login")
    return render(request, "partners/portal/invitation.html", {"form": form, "invited": user})
