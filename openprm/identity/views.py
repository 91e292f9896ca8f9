"""Sign-in, the profile with personal access tokens (PLAT-1), and the
administration of users, roles and resources (PLAT-2). Every page calls the
same services as the API; refusals show the missing privilege (403)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openprm.core.audit.selectors import audit_history, event_history
from openprm.core.errors import DomainError, PermissionRefused
from openprm.core.listing import list_context
from openprm.core.privileges import require_privilege
from openprm.core.redirects import SafeNextMixin
from openprm.core.views.pages import shared_page
from openprm.core.views.web import FormSave, export_requested, filters_from, html_errors
from openprm.identity import selectors, services
from openprm.identity.catalog import MANAGE_USERS
from openprm.identity.filters import UserFilter
from openprm.identity.forms import (
    PasswordResetForm,
    ResourceManagerForm,
    RolePrivilegesForm,
    TokenForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
)
from openprm.identity.models import User

HISTORY_LIMIT = 100


class SignInView(SafeNextMixin, auth_views.LoginView):
    template_name = "identity/login.html"
    redirect_authenticated_user = True


class SignOutView(SafeNextMixin, auth_views.LogoutView):
    """Sign-out follows a `next` only on this host, like every redirect."""


def _profile_page(
    request: HttpRequest, form: TokenForm, new_token: str | None = None
) -> HttpResponse:
    return render(
        request,
        "identity/profile.html",
        {"tokens": selectors.token_list(actor=request.actor), "form": form, "new_token": new_token},
    )


@shared_page
def profile(request: HttpRequest) -> HttpResponse:
    return _profile_page(request, TokenForm())


@shared_page
@require_POST
def token_create_view(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _profile_page(request, form)
    with FormSave(form) as save:
        plaintext = services.token_create(
            actor=request.actor,
            name=form.cleaned_data["name"],
            expires_in_days=form.cleaned_data["expires_in_days"],
        )[1]
    if not save.ok:
        return _profile_page(request, form)
    messages.success(request, _("Token created. Copy it now: it will not be shown again."))
    return _profile_page(request, TokenForm(), new_token=plaintext)


@shared_page
@require_POST
@html_errors
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = selectors.token_get(actor=request.actor, pk=pk)
    services.token_revoke(actor=request.actor, token=token)
    messages.success(request, _("Token “%s” revoked.") % token.name)
    return redirect("identity:profile")


USER_SORTABLE = {
    "username": "username",
    "name": "last_name",
    "email": "email",
    "type": "user_type",
    "active": "is_active",
    "last_login": "last_login",
}
USER_COLUMNS = [
    (gettext_lazy("User name"), lambda u: u.username),
    (gettext_lazy("First name"), lambda u: u.first_name),
    (gettext_lazy("Last name"), lambda u: u.last_name),
    (gettext_lazy("E-mail"), lambda u: u.email),
    (gettext_lazy("Type"), lambda u: u.get_user_type_display()),
    (gettext_lazy("Active"), lambda u: u.is_active),
    (gettext_lazy("Roles"), lambda u: ", ".join(r.name for r in u.roles.all())),
    (gettext_lazy("Last sign-in"), lambda u: u.last_login),
]


@html_errors
def user_list(request: HttpRequest) -> HttpResponse:
    filters, valid = filters_from(request, UserFilter)
    users = selectors.user_directory(actor=request.actor, filters=filters)
    if not valid:
        messages.warning(request, _("Some filters were not valid and were ignored."))
    context = list_context(request, users, sortable=USER_SORTABLE, default_sort="username")
    columns = [(str(header), getter) for header, getter in USER_COLUMNS]
    rows = context["ordered"]
    export = export_requested(request, rows, columns, "users", chunk_size=500)
    if export is not None:
        return export
    roles = selectors.role_list(actor=request.actor)
    context["filter_form"] = UserFilterForm(request.GET or None, roles=roles)
    return render(request, "identity/user_list.html", context)


def _user_type_from(request: HttpRequest) -> str:
    value = request.POST.get("user_type") or request.GET.get("user_type") or ""
    return value if value in User.UserType.values else User.UserType.INTERNAL


@html_errors
def user_create_view(request: HttpRequest) -> HttpResponse:
    """Roles on offer follow the chosen user type; HTMX refreshes them when the
    type changes, and without JavaScript the service still refuses a misfit."""
    require_privilege(request.actor, MANAGE_USERS)
    roles = selectors.role_list(actor=request.actor)
    user_type = _user_type_from(request)
    if request.method == "POST":
        form = UserCreateForm(request.POST, roles=roles, user_type=user_type)
        if form.is_valid():
            with FormSave(form) as save:
                user = services.user_create(actor=request.actor, **form.cleaned_data)
            if save.ok:
                messages.success(request, _("User “%s” created.") % user.username)
                return redirect("identity:user_detail", pk=user.pk)
    else:
        form = UserCreateForm(initial={"user_type": user_type}, roles=roles, user_type=user_type)
    form.fields["user_type"].widget.attrs.update(
        {
            "hx-get": reverse("identity:user_create"),
            "hx-target": "#id_roles_wrap",
            "hx-select": "#id_roles_wrap",
            "hx-swap": "outerHTML",
        }
    )
    return render(request, "identity/user_form.html", {"form": form, "subject": None})


@html_errors
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    subject = selectors.user_directory_get(actor=request.actor, pk=pk)
    context: dict[str, Any] = {
        "subject": subject,
        "resource": getattr(subject, "resource", None),
        "token_count": selectors.user_active_token_count(actor=request.actor, user=subject),
        "history": audit_history(actor=request.actor, instance=subject)[:HISTORY_LIMIT],
        "events": event_history(actor=request.actor, instance=subject)[:HISTORY_LIMIT],
    }
    return render(request, "identity/user_detail.html", context)


@html_errors
def user_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    subject = selectors.user_directory_get(actor=request.actor, pk=pk)
    roles = selectors.role_list(actor=request.actor)
    stale = None
    if request.method == "POST":
        form = UserEditForm(request.POST, roles=roles, user_type=subject.user_type)
        if form.is_valid():
            data = form.cleaned_data
            with FormSave(form, stale=True) as save:
                services.user_update(
                    actor=request.actor,
                    user=subject,
                    expected_version=data["version"],
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    roles=data["roles"],
                )
            if save.ok:
                messages.success(request, _("User “%s” saved.") % subject.username)
                return redirect("identity:user_detail", pk=subject.pk)
            stale = save.stale
            if stale is not None:
                held = selectors.role_list(actor=request.actor).filter(users=subject)
                stale[str(form.fields["roles"].label)] = ", ".join(r.name for r in held)
    else:
        form = UserEditForm(
            initial={
                "first_name": subject.first_name,
                "last_name": subject.last_name,
                "email": subject.email,
                "roles": list(subject.roles.all()),
                "version": subject.version,
            },
            roles=roles,
            user_type=subject.user_type,
        )
    return render(
        request, "identity/user_form.html", {"form": form, "subject": subject, "stale": stale}
    )


@require_POST
@html_errors
def user_set_active_view(request: HttpRequest, pk: int) -> HttpResponse:
    """PLAT-1: deactivation ends the user's sign-ins and tokens at once."""
    subject = selectors.user_directory_get(actor=request.actor, pk=pk)
    active = request.POST.get("active") == "true"
    try:
        services.user_set_active(actor=request.actor, user=subject, active=active)
    except PermissionRefused:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if active:
            messages.success(request, _("User “%s” activated.") % subject.username)
        else:
            messages.success(
                request,
                _("User “%s” deactivated: sign-in and tokens stop working.") % subject.username,
            )
    return redirect("identity:user_detail", pk=subject.pk)


@html_errors
def user_password_view(request: HttpRequest, pk: int) -> HttpResponse:
    subject = selectors.user_directory_get(actor=request.actor, pk=pk)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with FormSave(form, refusals_to_page=True) as save:
            services.user_set_password(
                actor=request.actor, user=subject, password=form.cleaned_data["password"]
            )
        if save.ok:
            messages.success(request, _("Password of “%s” reset.") % subject.username)
            return redirect("identity:user_detail", pk=subject.pk)
    return render(request, "identity/user_password.html", {"form": form, "subject": subject})


@html_errors
def role_list(request: HttpRequest) -> HttpResponse:
    require_privilege(request.actor, MANAGE_USERS)
    roles = selectors.role_list(actor=request.actor)
    return render(request, "identity/role_list.html", {"roles": roles})


@html_errors
def role_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_privilege(request.actor, MANAGE_USERS)
    role = selectors.role_get_detailed(actor=request.actor, pk=pk)
    privileges = selectors.privilege_list(actor=request.actor)
    stale = None
    if request.method == "POST":
        form = RolePrivilegesForm(request.POST, privileges=privileges)
        if form.is_valid():
            with FormSave(form, stale=True) as save:
                services.role_set_privileges(
                    actor=request.actor,
                    role=role,
                    privileges=form.cleaned_data["privileges"],
                    expected_version=form.cleaned_data["version"],
                )
            if save.ok:
                messages.success(request, _("Privileges of “%s” saved.") % role.name)
                return redirect("identity:role_list")
            stale = save.stale
            if stale is not None:
                held = selectors.privilege_list(actor=request.actor).filter(roles=role)
                stale[str(form.fields["privileges"].label)] = ", ".join(p.name for p in held)
    else:
        form = RolePrivilegesForm(
            initial={"privileges": list(role.privileges.all()), "version": role.version},
            privileges=privileges,
        )
    context = {
        "role": role,
        "form": form,
        "stale": stale,
        "history": audit_history(actor=request.actor, instance=role)[:HISTORY_LIMIT],
        "events": event_history(actor=request.actor, instance=role)[:HISTORY_LIMIT],
    }
    return render(request, "identity/role_edit.html", context)


RESOURCE_SORTABLE = {"name": "name", "email": "email", "title": "title", "manager": "manager__name"}
RESOURCE_COLUMNS = [
    (gettext_lazy("Name"), lambda r: r.name),
    (gettext_lazy("Job title"), lambda r: r.title),
    (gettext_lazy("E-mail"), lambda r: r.email),
    (gettext_lazy("User"), lambda r: r.user.username if r.user else ""),
    (gettext_lazy("Manager"), lambda r: r.manager.name if r.manager else ""),
    (gettext_lazy("Partner resource"), lambda r: r.is_partner_resource),
    (gettext_lazy("Active"), lambda r: r.active),
]


@html_errors
def resource_list(request: HttpRequest) -> HttpResponse:
    require_privilege(request.actor, MANAGE_USERS)
    resources = selectors.resource_list(actor=request.actor)
    context = list_context(request, resources, sortable=RESOURCE_SORTABLE, default_sort="name")
    columns = [(str(header), getter) for header, getter in RESOURCE_COLUMNS]
    export = export_requested(request, context["ordered"], columns, "resources")
    if export is not None:
        return export
    return render(request, "identity/resource_list.html", context)


@html_errors
def resource_manager_view(request: HttpRequest, pk: int) -> HttpResponse:
    """TEAM-4 rests on this hierarchy; a cycle is refused next to the field."""
    require_privilege(request.actor, MANAGE_USERS)
    resource = selectors.resource_get(actor=request.actor, pk=pk)
    candidates = selectors.resource_list(actor=request.actor).exclude(pk=resource.pk)
    stale = None
    if request.method == "POST":
        form = ResourceManagerForm(request.POST, resources=candidates)
        if form.is_valid():
            with FormSave(form, stale=True) as save:
                services.resource_set_manager(
                    actor=request.actor,
                    resource=resource,
                    manager=form.cleaned_data["manager"],
                    expected_version=form.cleaned_data["version"],
                )
            if save.ok:
                messages.success(request, _("Manager of “%s” saved.") % resource.name)
                return redirect("identity:resource_list")
            stale = save.stale
    else:
        form = ResourceManagerForm(
            initial={"manager": resource.manager_id, "version": resource.version},
            resources=candidates,
        )
    context = {
        "resource": resource,
        "form": form,
        "stale": stale,
        "history": audit_history(actor=request.actor, instance=resource)[:HISTORY_LIMIT],
    }
    return render(request, "identity/resource_manager.html", context)
