"""Sign-in and the profile with personal access tokens (PLAT-1). The
administration of users (user_views), roles (role_views) and resources
(resource_views) has its own modules."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openprm.core.redirects import SafeNextMixin
from openprm.core.views.pages import shared_page
from openprm.core.views.web import FormSave, html_errors
from openprm.identity import selectors, services
from openprm.identity.forms import SignInForm, TokenForm
from openprm.identity.sign_in import signed_out_reason


class SignInView(SafeNextMixin, auth_views.LoginView):
    """Says once why the last session ended when the platform ended it."""

    template_name = "identity/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        reason = signed_out_reason(request)
        if reason is not None:
            messages.warning(request, reason)
        return super().get(request, *args, **kwargs)


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
