"""The partners' pages in the partner portal (PRG-2, PRG-7): the signed-in
partner user's own organization, its contacts and its users, and the
invitation page that sets a password. The portal app mounts them under
/portal/ (partners.urls.portal_urlpatterns)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openprm.core.errors import DomainError, StaleVersion
from openprm.core.tables import Column
from openprm.core.views.generic import RecordList
from openprm.core.views.pages import login_not_required, portal_only
from openprm.identity.actors import actor_for
from openprm.identity.catalog import PARTNER_ADMINISTRATOR
from openprm.identity.services import user_set_password
from openprm.partners import selectors
from openprm.partners.forms import PortalUserForm
from openprm.partners.models import PartnerContact
from openprm.partners.policies import membership
from openprm.partners.portal_tables import PORTAL_CONTACTS, PORTAL_USERS
from openprm.partners.services import partner_contact_favorite_set, portal_user_update
from openprm.partners.services.invitations import invited_user


def _is_partner_admin(request: HttpRequest) -> bool:
    own = membership(request.actor)
    return bool(own and own.role and own.role.code == PARTNER_ADMINISTRATOR)


@portal_only
def organization(request: HttpRequest) -> HttpResponse:
    """PRG-7: the organization's profile."""
    partner = selectors.own_partner(actor=request.actor)
    return render(request, "partners/portal/organization.html", {"partner": partner})


@method_decorator(portal_only, name="dispatch")
class ContactList(RecordList):
    """PC-6: the organization's contacts, favorites marked in place."""

    model = PartnerContact
    spec = PORTAL_CONTACTS
    template_name = "partners/portal/contact_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {"partner": selectors.own_partner(actor=self.actor)}


@portal_only
@require_POST
def contact_favorite(request: HttpRequest, pk: int) -> HttpResponse:
    """PC-6: partner users mark favorite partner contacts."""
    contact = selectors.partner_contact_get(actor=request.actor, pk=pk)
    partner_contact_favorite_set(
        actor=request.actor, contact=contact, favorite=request.POST.get("favorite") == "1"
    )
    return redirect("portal:contact_list")


@method_decorator(portal_only, name="dispatch")
class UserList(RecordList):
    """PRG-2: the organization's users; the partner administrator edits them."""

    model = PartnerContact
    spec = PORTAL_USERS
    template_name = "partners/portal/user_list.html"

    def columns(self) -> list[Column]:
        shown = super().columns()
        if _is_partner_admin(self.request):
            return shown
        return [column for column in shown if column.key != "edit"]


@portal_only
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = selectors.portal_user_list(actor=request.actor).filter(pk=pk).first()
    if contact is None:
        raise Http404()
    initial = {
        "version": contact.version,
        "portal_user_type": contact.portal_user_type,
        "is_active": contact.user.is_active if contact.user else False,
    }
    form = PortalUserForm(request.POST or None, initial=initial)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            portal_user_update(
                actor=request.actor,
                contact=contact,
                expected_version=form.cleaned_data["version"],
                portal_user_type=form.cleaned_data["portal_user_type"],
                active=form.cleaned_data["is_active"],
            )
        except StaleVersion as error:
            stale = error.extra.get("current")
        except DomainError as error:
            if error.status == 403:
                raise
            form.add_error(None, error.message)
        else:
            messages.success(request, _("User saved."))
            return redirect("portal:user_list")
    return render(
        request,
        "partners/portal/user_form.html",
        {"form": form, "contact": contact, "stale": stale},
    )


@login_not_required
def invitation(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """PC-2: the one-time link of the invitation e-mail sets the password."""
    user = invited_user(uidb64, token)
    if user is None:
        return render(request, "partners/portal/invitation_invalid.html", status=404)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user_set_password(
                actor=actor_for(user), user=user, password=form.cleaned_data["new_password1"]
            )
        except DomainError as error:
            form.add_error("new_password1", error.message)
        else:
            messages.success(request, _("Your password is set. Sign in to the partner portal."))
            return redirect("identity:login")
    return render(request, "partners/portal/invitation.html", {"form": form, "invited": user})
