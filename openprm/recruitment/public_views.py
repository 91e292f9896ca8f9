"""The public recruitment pages of the portal (PRG-1, PRG-10): "Become a
partner" with the open programs, the application form of one program, and
the private status page an applicant follows its application on.

They need no sign-in (`login_not_required`). The applicant is nobody's
user: the status page's unguessable token is its only key, and it shows
that one application and nothing else of the portal. A partner user is a
partner already, so these pages do not exist for it (404, PRG-7).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openprm.core.errors import DomainError, NotFound
from openprm.core.lookups.selectors import lookup_choices
from openprm.core.views.pages import login_not_required
from openprm.core.views.web import form_add_domain_error
from openprm.recruitment import forms, guard, selectors, services
from openprm.recruitment.catalog import REJECT_REASONS

View = Callable[..., HttpResponse]


def public(view: View) -> View:
    """A public page: no sign-in, 404 to partner users, and what a missing
    program or token raises is the 404 page."""

    @login_not_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.actor.is_partner:  # type: ignore[attr-defined]
            raise Http404()
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(error.message) from None

    return wrapper


def _campaign(request: HttpRequest) -> str:
    return request.GET.get("campaign", "")[:100]


@public
def become_partner(request: HttpRequest) -> HttpResponse:
    """PRG-10: the public list of programs, each with its tier ladder and
    headline benefits; the campaign code of the link goes along."""
    programs = list(selectors.public_programs())
    for program in programs:
        program.benefit_lines = [b.strip() for b in program.benefits.splitlines() if b.strip()]
    return render(
        request,
        "recruitment/public/programs.html",
        {"programs": programs, "campaign": _campaign(request)},
    )


def too_many(request: HttpRequest, seconds: int) -> HttpResponse:
    response = render(
        request, "recruitment/public/too_many.html", {"minutes": max(seconds // 60, 1)}, status=429
    )
    response["Retry-After"] = str(seconds)
    return response


def too_large(request: HttpRequest) -> HttpResponse:
    return render(request, "recruitment/public/too_large.html", status=413)


@public
def apply(request: HttpRequest, code: str) -> HttpResponse:
    """PRG-1: the application form of one program. A submission counts
    against its address (429 with Retry-After past the limit); a robot that
    fills the honeypot field is thanked and nothing is stored."""
    program = selectors.public_program_get(code)
    if request.method == "POST":
        if guard.too_large(request):
            return too_large(request)
        wait = guard.retry_after(request)
        if wait is not None:
            return too_many(request, wait)
    campaign = (request.POST if request.method == "POST" else request.GET).get("campaign", "")
    form = forms.ApplicationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.is_bot():
            return render(request, "recruitment/public/received.html", {"program": program})
        try:
            application = services.application_submit(
                program_code=program.code,
                data=form.values(),
                campaign_code=campaign[:100],
                client_address=request.META.get("REMOTE_ADDR") or None,
                base_url=request.build_absolute_uri("/"),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            return render(
                request,
                "recruitment/public/received.html",
                {"program": program, "application": application},
            )
    return render(
        request,
        "recruitment/public/apply.html",
        {"program": program, "form": form, "campaign": campaign[:100]},
    )


@public
def application_status(request: HttpRequest, token: str) -> HttpResponse:
    """PRG-10: the applicant's own application, its state, the question to
    answer if any, and the way to withdraw."""
    application = selectors.application_by_token(token)
    return render(
        request,
        "recruitment/public/status.html",
        {
            "application": application,
            "answer_form": forms.AnswerForm(),
            "reject_meaning": dict(lookup_choices(REJECT_REASONS)).get(
                application.reject_reason, ""
            ),
        },
    )


@public
@require_POST
def application_answer(request: HttpRequest, token: str) -> HttpResponse:
    application = selectors.application_by_token(token)
    form = forms.AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write your answer (at most 2,000 characters)."))
        return redirect("portal:application_status", token=token)
    try:
        services.application_answer(application=application, answer=form.cleaned_data["answer"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you: your answer went to our partner team."))
    return redirect("portal:application_status", token=token)


@public
@require_POST
def application_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    application = selectors.application_by_token(token)
    try:
        services.application_withdraw(application=application)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("portal:application_status", token=token)
