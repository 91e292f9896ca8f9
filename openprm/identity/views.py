"""Sign-in, sign-out and the profile page with personal access tokens (PLAT-1)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openprm.core import access
from openprm.core.errors import DomainError
from openprm.identity.models import AccessToken
from openprm.identity.selectors import token_list
from openprm.identity.services import token_create, token_revoke


class SignInView(auth_views.LoginView):
    template_name = "identity/login.html"
    redirect_authenticated_user = True


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Token name"), max_length=100)
    expires_in_days = forms.IntegerField(
        label=gettext_lazy("Expires after (days)"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=gettext_lazy("Leave empty for a token that does not expire."),
    )


def _profile_page(
    request: HttpRequest, form: TokenForm, new_token: str | None = None
) -> HttpResponse:
    return render(
        request,
        "identity/profile.html",
        {"tokens": token_list(actor=request.user), "form": form, "new_token": new_token},
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return _profile_page(request, TokenForm())


@login_required
@require_POST
def token_create_view(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _profile_page(request, form)
    try:
        _, plaintext = token_create(
            actor=request.user,
            name=form.cleaned_data["name"],
            expires_in_days=form.cleaned_data["expires_in_days"],
        )
    except DomainError as error:
        for field, errors in error.field_errors.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
        return _profile_page(request, form)
    messages.success(request, _("Token created. Copy it now: it will not be shown again."))
    return _profile_page(request, TokenForm(), new_token=plaintext)


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = access.get_visible(AccessToken, request.user, pk)
    token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token “%s” revoked.") % token.name)
    return redirect("identity:profile")
