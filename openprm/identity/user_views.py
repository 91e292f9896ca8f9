"""User administration pages (PLAT-1, PLAT-2): the list with its filters and
exports, create, detail, edit, activation and password reset. Every page
calls the same services as the API; refusals show the missing privilege
(403)."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.core.audit.selectors import audit_history, event_history
from openprm.core.views.editing import RecordAction, RecordForm
from openprm.core.views.generic import RecordDetail, RecordList
from openprm.core.views.web import FormSave
from openprm.identity import selectors, services, tables
from openprm.identity.catalog import MANAGE_USERS
from openprm.identity.forms import (
    PasswordResetForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
)
from openprm.identity.models import User

HISTORY_LIMIT = 100


def user_url(user: User) -> str:
    return reverse("identity:user_detail", kwargs={"pk": user.pk})


class UserList(RecordList):
    """PLAT-2: refused naming Manage Users rather than narrowed to the caller."""

    model = User
    privilege = MANAGE_USERS
    spec = tables.USERS
    template_name = "identity/user_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        roles = selectors.role_list(actor=self.actor)
        return {"filter_form": UserFilterForm(self.request.GET or None, roles=roles)}

    def render_page(
        self,
        context: dict[str, Any],
        page_obj: Any,
        sort: str,
        filters: Any,
        valid: bool,
        list_error: str,
    ) -> HttpResponse:
        if not valid:
            messages.warning(self.request, _("Some filters were not valid and were ignored."))
        return super().render_page(context, page_obj, sort, filters, valid, list_error)


class UserCreate(RecordForm):
    """Roles on offer follow the chosen user type; HTMX refreshes them when the
    type changes, and without JavaScript the service still refuses a misfit."""

    model = User
    action = "create"
    form_class = UserCreateForm
    template_name = "identity/user_form.html"
    success_message = gettext_lazy("User “%(name)s” created.")

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        asked = self.request.POST.get("user_type") or self.request.GET.get("user_type") or ""
        user_type = asked if asked in User.UserType.values else User.UserType.INTERNAL
        return {
            "roles": selectors.role_list(actor=self.actor),
            "user_type": user_type,
            "refresh_url": reverse("identity:user_create"),
            "initial": {"user_type": user_type},
        }

    def apply(self, form: Any, record: Any) -> User:
        return services.user_create(actor=self.actor, **form.cleaned_data)

    def success_url(self, saved: User) -> str:
        return user_url(saved)


class UserDetail(RecordDetail):
    """A user administrator's page of any user: every button on it changes
    the user, so the page itself asks the change rule (Manage Users), even
    of one's own user."""

    model = User
    action = "change"
    template_name = "identity/user_detail.html"
    context_object_name = "subject"

    def record(self, pk: int) -> User:
        return selectors.user_directory_get(actor=self.actor, pk=pk)

    def tab_context(self, record: User, tab: str) -> dict[str, Any]:
        actor = self.actor
        return {
            "resource": getattr(record, "resource", None),
            "token_count": selectors.user_active_token_count(actor=actor, user=record),
            "history": audit_history(actor=actor, instance=record)[:HISTORY_LIMIT],
            "events": event_history(actor=actor, instance=record)[:HISTORY_LIMIT],
        }


class UserEdit(RecordForm):
    """PLAT-6: a stale edit also shows the roles the user holds now."""

    model = User
    action = "change"
    form_class = UserEditForm
    template_name = "identity/user_form.html"
    context_object_name = "subject"
    success_message = gettext_lazy("User “%(name)s” saved.")

    def record(self, pk: int) -> User:
        return selectors.user_directory_get(actor=self.actor, pk=pk)

    def form_kwargs(self, record: User) -> dict[str, Any]:
        initial = {
            "first_name": record.first_name,
            "last_name": record.last_name,
            "email": record.email,
            "roles": list(record.roles.all()),
            "version": record.version,
        }
        roles = selectors.role_list(actor=self.actor)
        return {"roles": roles, "user_type": record.user_type, "initial": initial}

    def apply(self, form: Any, record: User) -> User:
        data = form.cleaned_data
        services.user_update(
            actor=self.actor,
            user=record,
            expected_version=data["version"],
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            roles=data["roles"],
        )
        return record

    def success_url(self, saved: User) -> str:
        return user_url(saved)

    def answer(self, form: Any, record: User, save: FormSave) -> HttpResponse:
        if save.stale is not None:
            held = selectors.role_list(actor=self.actor).filter(users=record)
            save.stale[str(form.fields["roles"].label)] = ", ".join(r.name for r in held)
        return super().answer(form, record, save)


class UserSetActive(RecordAction):
    """PLAT-1: deactivation ends the user's sign-ins and tokens at once."""

    model = User
    action = "change"

    def record(self, pk: int) -> User:
        return selectors.user_directory_get(actor=self.actor, pk=pk)

    def perform(self, record: User, form: Any) -> None:
        """The message says what the change means for the user."""
        active = self.request.POST.get("active") == "true"
        services.user_set_active(actor=self.actor, user=record, active=active)
        if active:
            text = _("User “%s” activated.")
        else:
            text = _("User “%s” deactivated: sign-in and tokens stop working.")
        messages.success(self.request, text % record.username)

    def success_url(self, record: User) -> str:
        return user_url(record)


class UserPassword(RecordForm):
    model = User
    action = "change"
    form_class = PasswordResetForm
    template_name = "identity/user_password.html"
    context_object_name = "subject"
    success_message = gettext_lazy("Password of “%(name)s” reset.")
    refusals_to_page = True

    def record(self, pk: int) -> User:
        return selectors.user_directory_get(actor=self.actor, pk=pk)

    def apply(self, form: Any, record: User) -> User:
        services.user_set_password(
            actor=self.actor, user=record, password=form.cleaned_data["password"]
        )
        return record

    def success_url(self, saved: User) -> str:
        return user_url(saved)
