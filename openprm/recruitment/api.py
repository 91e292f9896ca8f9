"""JSON API of partner recruitment (PRG-1, PRG-10).

The public part needs no authentication: a prospective partner applies
(rate limited per address like the page: 429 with Retry-After, and 413 for
an oversized request) and reads its application by its private token. The
rest is the channel team's, with Approve Partner Applications."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from openprm.core.apikit.conflicts import answers_duplicates
from openprm.core.apikit.declarations import reads
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.problems import PROBLEM_CONTENT_TYPE, Problem
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.recruitment import guard, selectors, services, tables
from openprm.recruitment.catalog import APPROVE_PARTNER_APPLICATIONS
from openprm.recruitment.errors import RecruitmentErrorCode
from openprm.recruitment.filters import ApplicationFilter
from openprm.recruitment.models import Application, Campaign
from openprm.recruitment.schemas import (
    AnswerIn,
    ApplicationApproveIn,
    ApplicationIn,
    ApplicationOut,
    ApplicationRejectIn,
    ApplicationStatusOut,
    ApplicationVersionIn,
    CampaignIn,
    CampaignOut,
    CandidateOut,
    InfoRequestIn,
    LinkIn,
)
from openprm.recruitment.views import base_url

router = Router(tags=["partner recruitment"])
PUBLIC = "/public/partner-applications"
APP = "/partner-applications/{application_id}"


def _problem(status: int, code: str, title: str, detail: str) -> HttpResponse:
    body = {"type": f"/problems/{code}", "title": title, "status": status}
    body.update(detail=detail, code=code, errors=[])
    return JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)


def _status_out(request: HttpRequest, application: Application) -> ApplicationStatusOut:
    return ApplicationStatusOut.model_validate(
        {
            "token": application.token,
            "status_url": request.build_absolute_uri(application.status_path()),
            "program.name": application.program.name,
            "company_name": application.company_name,
            "state": application.state,
            "get_state_display": str(application.get_state_display()),
            "submitted_at": application.submitted_at,
            "info_request": application.info_request,
            "reject_reason": application.reject_reason,
        }
    )


def guarded(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Size and rate are judged before the body is parsed: an oversized
    request is never read, and an invalid submission counts like any other."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if guard.too_large(request):
            return _problem(
                413,
                RecruitmentErrorCode.REQUEST_TOO_LARGE,
                _("The request is too large"),
                _("An application fits in %(bytes)s bytes.") % {"bytes": guard.MAX_REQUEST_BYTES},
            )
        wait = guard.retry_after(request)
        if wait is not None:
            response = _problem(
                429,
                RecruitmentErrorCode.RATE_LIMITED,
                _("Too many applications"),
                _("Too many applications from your address; try again in %(seconds)s seconds.")
                % {"seconds": wait},
            )
            response["Retry-After"] = str(wait)
            return response
        return run(request, *args, **kwargs)

    return wrapper


@router.post(
    PUBLIC,
    response={201: ApplicationStatusOut, 413: Problem, 429: Problem},
    auth=None,
)
@decorate_view(guarded)
def application_submit(request: HttpRequest, payload: ApplicationIn) -> Any:
    """PRG-1: apply to a public program. Keep the `status_url`: it is the
    only way back to the application."""
    data = payload.model_dump(exclude={"program_code", "campaign_code"})
    application = services.application_submit(
        program_code=payload.program_code,
        data=data,
        campaign_code=payload.campaign_code,
        client_address=request.META.get("REMOTE_ADDR") or None,
        base_url=base_url(request),
    )
    return Status(201, _status_out(request, application))


@router.get(f"{PUBLIC}/{{token}}", response=ApplicationStatusOut, auth=None)
def application_status(request: HttpRequest, token: str) -> ApplicationStatusOut:
    """PRG-10: the applicant's own application, by its private token."""
    return _status_out(request, selectors.application_by_token(token))


@router.post(f"{PUBLIC}/{{token}}/answer", response=ApplicationStatusOut, auth=None)
def application_answer(request: HttpRequest, token: str, payload: AnswerIn) -> Any:
    application = selectors.application_by_token(token)
    services.application_answer(application=application, answer=payload.answer)
    return _status_out(request, application)


@router.post(f"{PUBLIC}/{{token}}/withdraw", response=ApplicationStatusOut, auth=None)
def application_withdraw(request: HttpRequest, token: str) -> Any:
    application = selectors.application_by_token(token)
    services.application_withdraw(application=application)
    return _status_out(request, application)


@router.get("/partner-applications", response=list[ApplicationOut])
@reads(Application, privilege=APPROVE_PARTNER_APPLICATIONS)
@paginate(PagePagination)
def application_list(
    request: HttpRequest,
    filters: Query[ApplicationFilter],
    sort: sort_choices(tables.APPLICATIONS.sortable) = tables.APPLICATIONS.default_sort,
) -> Any:
    return tables.APPLICATIONS.rows(
        actor=request.actor, query=request.GET, filters=filters, sort=sort
    )


def _get(request: HttpRequest, application_id: int) -> Application:
    return selectors.application_get(actor=request.actor, pk=application_id)


@router.get(APP, response=ApplicationOut)
@reads(Application, privilege=APPROVE_PARTNER_APPLICATIONS)
def application_detail(request: HttpRequest, application_id: RecordId) -> Application:
    return _get(request, application_id)


@router.get(f"{APP}/candidates", response=list[CandidateOut])
@reads(Application, privilege=APPROVE_PARTNER_APPLICATIONS)
def application_candidates(request: HttpRequest, application_id: RecordId) -> list[dict[str, Any]]:
    """PRG-10: the accounts, partners and other applications the applicant may be."""
    application = _get(request, application_id)
    found = selectors.duplicate_candidates(actor=request.actor, application=application)
    return [candidate.summary() for candidate in found]


@router.post(f"{APP}/review", response=ApplicationOut)
def application_review(
    request: HttpRequest, application_id: RecordId, payload: ApplicationVersionIn
) -> Any:
    application = _get(request, application_id)
    services.application_review_start(
        actor=request.actor, application=application, expected_version=payload.version
    )
    return _get(request, application_id)


@router.post(f"{APP}/request-info", response=ApplicationOut)
def application_request_info(
    request: HttpRequest, application_id: RecordId, payload: InfoRequestIn
) -> Any:
    application = _get(request, application_id)
    services.application_request_info(
        actor=request.actor,
        application=application,
        message=payload.message,
        expected_version=payload.version,
        base_url=base_url(request),
    )
    return _get(request, application_id)


@router.post(f"{APP}/link", response=ApplicationOut)
def application_link(request: HttpRequest, application_id: RecordId, payload: LinkIn) -> Any:
    application = _get(request, application_id)
    services.application_link_account(
        actor=request.actor,
        application=application,
        account_id=payload.account_id,
        expected_version=payload.version,
    )
    return _get(request, application_id)


@router.post(f"{APP}/approve", response=ApplicationOut)
@answers_duplicates(CandidateOut)
def application_approve(
    request: HttpRequest, application_id: RecordId, payload: ApplicationApproveIn
) -> Any:
    """PRG-1: one transaction from the partner to its invitation; 409
    `duplicate_candidates` while the applicant may be an existing account."""
    application = _get(request, application_id)
    services.application_approve(
        actor=request.actor,
        application=application,
        expected_version=payload.version,
        base_url=base_url(request),
        username=payload.username,
    )
    return _get(request, application_id)


@router.post(f"{APP}/reject", response=ApplicationOut)
def application_reject(
    request: HttpRequest, application_id: RecordId, payload: ApplicationRejectIn
) -> Any:
    application = _get(request, application_id)
    services.application_reject(
        actor=request.actor,
        application=application,
        reason=payload.reason,
        note=payload.note,
        expected_version=payload.version,
        base_url=base_url(request),
    )
    return _get(request, application_id)


@router.get("/recruitment-campaigns", response=list[CampaignOut])
@reads(Campaign, privilege=APPROVE_PARTNER_APPLICATIONS)
@paginate(PagePagination)
def campaign_list(
    request: HttpRequest,
    sort: sort_choices(tables.CAMPAIGNS.sortable) = tables.CAMPAIGNS.default_sort,
) -> Any:
    return tables.CAMPAIGNS.rows(actor=request.actor, query=request.GET, sort=sort)


@router.post("/recruitment-campaigns", response={201: CampaignOut})
def campaign_create(request: HttpRequest, payload: CampaignIn) -> Status[Campaign]:
    return Status(201, services.campaign_create(actor=request.actor, data=payload.model_dump()))
